import { Table, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from '@henji/contracts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { formatValue } from './format-value.ts';

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

  const value = (v: unknown, kind: 'before' | 'after') => (
    <Typography.Text
      delete={kind === 'before' && v !== undefined}
      type={v === undefined || v === null ? 'secondary' : undefined}
      ellipsis={{ tooltip: true }}
      style={{ maxWidth: 220 }}
    >
      {formatValue(t, v)}
    </Typography.Text>
  );

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
        { title: t('trace.before'), dataIndex: 'before', render: (v: unknown) => value(v, 'before') },
        { title: '', key: 'arrow', width: 32, align: 'center', render: () => <ArrowRightOutlined aria-hidden /> },
        { title: t('trace.after'), dataIndex: 'after', render: (v: unknown) => value(v, 'after') },
      ]}
    />
  );
}
