import { Flex, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { DiffTable } from './DiffTable.tsx';
import { VerificationBadge } from './VerificationBadge.tsx';
import { useEntryVerdict } from './use-verification.ts';

/** "A" or "A 代 B": who acted, and for whom when acting under a delegation. */
export function ActorLabel({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const actor = entry.actorName ?? t('trace.system');
  return entry.onBehalfOfName ? <>{t('trace.onBehalfOf', { actor, principal: entry.onBehalfOfName })}</> : <>{actor}</>;
}

export function EntryVerification({ entry }: { entry: LedgerEntry }) {
  return <VerificationBadge verdict={useEntryVerdict(entry)} />;
}

/** The body of one trace: who did what, the written comment, the field diff, evidence and its proof badge. */
export function TraceEntry({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  return (
    <div data-testid="trace-entry" data-entry-id={entry.id}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>
          <ActorLabel entry={entry} />
        </Typography.Text>
        <Tag color="blue" title={entry.action}>
          {labels.action(entry.action)}
        </Tag>
        <EntryVerification entry={entry} />
      </Flex>
      {entry.comment && (
        <Typography.Paragraph style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }} data-testid="trace-comment">
          {entry.comment}
        </Typography.Paragraph>
      )}
      {Object.keys(entry.diff).length > 0 && (
        <div style={{ marginTop: 8 }}>
          <DiffTable diff={entry.diff} />
        </div>
      )}
      {entry.evidence.length > 0 && (
        <Space orientation="vertical" size={0} style={{ marginTop: 8 }}>
          {entry.evidence.map((item) => (
            <Typography.Text key={item.sha256} type="secondary" style={{ fontSize: 12 }}>
              <PaperClipOutlined /> {item.name}{' '}
              <Typography.Text code copyable={{ text: item.sha256 }} title={t('trace.sha256')}>
                {item.sha256.slice(0, 16)}…
              </Typography.Text>
            </Typography.Text>
          ))}
        </Space>
      )}
    </div>
  );
}
