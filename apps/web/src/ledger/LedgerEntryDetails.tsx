import { Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import { DiffTable } from './DiffTable.tsx';
import { GlossaryButton } from './GlossaryButton.tsx';
import { Jargon } from './Jargon.tsx';
import { EntryVerification } from './TraceEntry.tsx';

/**
 * 详情 of an entry: the original record as hashed — its raw fields, ids, the request it came from, evidence hashes and
 * the canonical payload — with the proof badge. The plain-language text above it is derived from this record.
 */
export function LedgerEntryDetails({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const hasDiff = Object.keys(entry.diff).length > 0;
  return (
    <Flex vertical gap={12} data-testid="trace-details" style={{ padding: '4px 0' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evidence.plainNote')}
      </Typography.Text>
      <Flex gap={8} align="center" wrap>
        <Typography.Text type="secondary">
          <Jargon term="inclusion">{t('ledger.verification')}</Jargon>
        </Typography.Text>
        <EntryVerification entry={entry} />
        <GlossaryButton size="small" />
      </Flex>
      {hasDiff ? (
        <>
          <Typography.Text type="secondary">{t('evidence.raw')}</Typography.Text>
          <DiffTable diff={entry.diff} />
        </>
      ) : (
        <Typography.Text type="secondary">{t('ledger.noDiff')}</Typography.Text>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'action', label: t('ledger.action'), children: <Typography.Text code>{entry.action}</Typography.Text> },
          { key: 'id', label: t('ledger.entryId'), children: entry.id },
          { key: 'leaf', label: <Jargon term="leaf">{t('ledger.leafIndex')}</Jargon>, children: entry.leafIndex ?? t('ledger.unsequenced') },
          { key: 'subject', label: t('ledger.subjectId'), children: <Typography.Text code copyable>{`${entry.subjectType} ${entry.subjectId}`}</Typography.Text> },
          { key: 'actor', label: t('ledger.actor'), children: <Typography.Text code>{entry.actorId ?? '—'}</Typography.Text> },
          { key: 'request', label: t('ledger.requestId'), children: entry.requestId ?? '—' },
          { key: 'ip', label: t('ledger.ip'), children: entry.ip ?? '—' },
          { key: 'ua', label: t('ledger.userAgent'), children: <Typography.Text ellipsis={{ tooltip: true }}>{entry.userAgent ?? '—'}</Typography.Text> },
          ...entry.evidence.map((item) => ({
            key: `evidence-${item.sha256}`,
            label: <Jargon term="hash">{t('ledger.evidence')}</Jargon>,
            span: 'filled' as const,
            children: (
              <>
                {item.name} <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{item.sha256}</Typography.Text>
              </>
            ),
          })),
        ]}
      />
      <details>
        <summary>
          <Typography.Text type="secondary">
            <Jargon term="hash">{t('ledger.payload')}</Jargon>
          </Typography.Text>
        </summary>
        <Typography.Paragraph code copyable style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', marginTop: 8 }}>
          {entry.payload}
        </Typography.Paragraph>
      </details>
    </Flex>
  );
}
