import { Table } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { DiffValue } from './DiffValue.tsx';

interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

/** The field-level change an entry records: field, value before → value after. */
export function DiffTable({ diff }: { diff: LedgerEntry['diff'] }) {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  const rows: DiffRow[] = Object.entries(diff).map(([field, change]) => ({ field, before: change.before, after: change.after }));
  if (rows.length === 0) return null;

  return (
    <Table<DiffRow>
      size="small"
      bordered
      pagination={false}
      rowKey="field"
      dataSource={rows}
      data-testid="trace-diff"
      columns={[
        { title: t('trace.field'), dataIndex: 'field', width: '28%', render: (field: string) => labels.field(field) },
        { title: t('trace.before'), key: 'before', render: (_: unknown, row) => <DiffValue field={row.field} value={row.before} side="before" /> },
        { title: '', key: 'arrow', width: 32, align: 'center', render: () => <ArrowRightOutlined aria-hidden /> },
        { title: t('trace.after'), key: 'after', render: (_: unknown, row) => <DiffValue field={row.field} value={row.after} side="after" /> },
      ]}
    />
  );
}
