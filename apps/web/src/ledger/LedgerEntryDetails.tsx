import { Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import { DiffTable } from './DiffTable.tsx';
import { EntryVerification } from './TraceEntry.tsx';

/** The expanded row of the ledger table: proof badge, field diff, and the request the entry came from. */
export function LedgerEntryDetails({ entry }: { entry: LedgerEntry }) {
  const { t } = useTranslation();
  const hasDiff = Object.keys(entry.diff).length > 0;
  return (
    <Flex vertical gap={12} data-testid="trace-entry" style={{ padding: '4px 0' }}>
      <Flex gap={8} align="center">
        <Typography.Text type="secondary">{t('ledger.verification')}</Typography.Text>
        <EntryVerification entry={entry} />
      </Flex>
      {hasDiff ? <DiffTable diff={entry.diff} /> : <Typography.Text type="secondary">{t('ledger.noDiff')}</Typography.Text>}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'id', label: t('ledger.entryId'), children: entry.id },
          { key: 'leaf', label: t('ledger.leafIndex'), children: entry.leafIndex ?? t('ledger.unsequenced') },
          { key: 'subject', label: t('ledger.subjectId'), children: <Typography.Text code copyable>{entry.subjectId}</Typography.Text> },
          { key: 'request', label: t('ledger.requestId'), children: entry.requestId ?? '—' },
          { key: 'ip', label: t('ledger.ip'), children: entry.ip ?? '—' },
          { key: 'ua', label: t('ledger.userAgent'), children: <Typography.Text ellipsis={{ tooltip: true }}>{entry.userAgent ?? '—'}</Typography.Text> },
          ...(entry.comment ? [{ key: 'comment', label: t('ledger.comment'), span: 'filled' as const, children: entry.comment }] : []),
          ...entry.evidence.map((item) => ({
            key: `evidence-${item.sha256}`,
            label: t('ledger.evidence'),
            span: 'filled' as const,
            children: (
              <>
                {item.name} <Typography.Text code copyable>{item.sha256}</Typography.Text>
              </>
            ),
          })),
        ]}
      />
      <details>
        <summary>
          <Typography.Text type="secondary">{t('ledger.payload')}</Typography.Text>
        </summary>
        <Typography.Paragraph code copyable style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', marginTop: 8 }}>
          {entry.payload}
        </Typography.Paragraph>
      </details>
    </Flex>
  );
}
