import { Descriptions, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Application, FormDefinition, FormField, ScalarField, TableField } from '@henji/contracts';
import { useDepartments } from '../org/api.ts';
import { UserName } from '../org/UserName.tsx';
import { fileContentUrl } from '../files/api.ts';
import { useIsPhone } from '../components/use-phone.ts';
import { columnTotal, formatMoney, isBlank, totalledColumns } from './form-values.ts';
import styles from './FormValues.module.css';

type Attachment = Application['attachments'][number];

interface FormValuesProps {
  definition: FormDefinition;
  values: Record<string, unknown>;
  /** The application's files with names and SHA-256, for attachment fields. */
  attachments?: readonly Attachment[];
}

/** An application's form, read-only: labels and formatted values; 明细表 as tables, people and departments by name. */
export function FormValues({ definition, values, attachments = [] }: FormValuesProps) {
  const phone = useIsPhone();
  // Phones: each label above its value, no table around them; a 明细表 is a card per row (RowsTable).
  if (phone)
    return (
      <dl className={styles.stacked} data-testid="form-values">
        {definition.fields.map((field) => (
          <div key={field.key} className={styles.item}>
            <dt>
              <Typography.Text type="secondary">{field.label}</Typography.Text>
            </dt>
            <dd>
              <FieldValue field={field} values={values} attachments={attachments} />
            </dd>
          </div>
        ))}
      </dl>
    );
  return (
    <Descriptions column={1} bordered size="small" styles={{ label: { width: 160 } }} data-testid="form-values">
      {definition.fields.map((field) => (
        <Descriptions.Item key={field.key} label={field.label}>
          {field.type === 'table' ? (
            <RowsTable field={field} rows={Array.isArray(values[field.key]) ? (values[field.key] as Record<string, unknown>[]) : []} attachments={attachments} />
          ) : (
            <ScalarValue field={field} value={values[field.key]} attachments={attachments} />
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** One field's value without its label (the versions card puts the label above both versions). */
export function FieldValue({ field, values, attachments = [] }: { field: FormField; values: Record<string, unknown>; attachments?: readonly Attachment[] }) {
  return field.type === 'table' ? (
    <RowsTable field={field} rows={Array.isArray(values[field.key]) ? (values[field.key] as Record<string, unknown>[]) : []} attachments={attachments} />
  ) : (
    <ScalarValue field={field} value={values[field.key]} attachments={attachments} />
  );
}

function RowsTable({ field, rows, attachments }: { field: TableField; rows: Record<string, unknown>[]; attachments: readonly Attachment[] }) {
  const { t, i18n } = useTranslation();
  const phone = useIsPhone();
  const { columns } = field;
  const totals = totalledColumns(field);
  if (rows.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  // Phones: a card per row (第 1 行 and its label–value lines), the totals under them — every amount readable without
  // swiping a table sideways.
  if (phone) {
    return (
      <Flex vertical gap={8} data-testid="rows-cards">
        {rows.map((row, index) => (
          <div key={index} className={styles.rowCard}>
            <Typography.Text strong>{t('applications.form.rowTitle', { number: index + 1 })}</Typography.Text>
            <dl className={styles.rowFields}>
              {columns.map((column) => (
                <div key={column.key}>
                  <dt>
                    <Typography.Text type="secondary">{column.label}</Typography.Text>
                  </dt>
                  <dd>
                    <ScalarValue field={column} value={row[column.key]} attachments={attachments} />
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
        {totals.map((column) => (
          <Flex key={column.key} justify="space-between" className={styles.rowTotal}>
            <Typography.Text strong>
              {t('applications.form.total')} · {column.label}
            </Typography.Text>
            <Typography.Text strong>{formatMoney(columnTotal(rows, column.key), i18n.language)}</Typography.Text>
          </Flex>
        ))}
      </Flex>
    );
  }
  const tableColumns: TableColumnsType<Record<string, unknown> & { __index: number }> = [
    { title: t('applications.form.rowNumber'), dataIndex: '__index', width: 56 },
    ...columns.map((column) => ({
      title: column.label,
      key: column.key,
      align: column.type === 'money' || column.type === 'number' ? ('right' as const) : undefined,
      render: (_: unknown, row: Record<string, unknown>) => <ScalarValue field={column} value={row[column.key]} attachments={attachments} />,
    })),
  ];
  const hasMoney = totals.length > 0;
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      rowKey="__index"
      columns={tableColumns}
      dataSource={rows.map((row, index) => ({ ...row, __index: index + 1 }))}
      scroll={{ x: 'max-content' }}
      summary={() =>
        hasMoney ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('applications.form.total')}</Table.Summary.Cell>
            {columns.map((column, index) => (
              <Table.Summary.Cell key={column.key} index={index + 1} align="right">
                {totals.includes(column) ? formatMoney(columnTotal(rows, column.key), i18n.language) : null}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

function ScalarValue({ field, value, attachments }: { field: ScalarField; value: unknown; attachments: readonly Attachment[] }) {
  const { t, i18n } = useTranslation();
  const departments = useDepartments();
  if (isBlank(value)) return <Typography.Text type="secondary">—</Typography.Text>;
  const list = Array.isArray(value) ? value : [value];
  const separator = t('common.listSeparator');

  switch (field.type) {
    case 'money':
      return <span>{typeof value === 'number' ? formatMoney(value, i18n.language) : String(value)}</span>;
    case 'dateRange':
      return <span>{list.map(String).join(' ~ ')}</span>;
    case 'textarea':
      return <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{String(value)}</Typography.Paragraph>;
    case 'select':
      return <span>{list.map((v) => field.options?.find((o) => o.value === v)?.label ?? String(v)).join(separator)}</span>;
    case 'user':
      return (
        <Flex gap={8} wrap>
          {list.map((id) => (
            <UserName key={String(id)} id={String(id)} />
          ))}
        </Flex>
      );
    case 'department':
      return <span>{list.map((id) => departments.data?.find((d) => d.id === id)?.name ?? String(id)).join(separator)}</span>;
    case 'attachment':
      return (
        <Flex vertical gap={2}>
          {list.map((id) => {
            const file = attachments.find((a) => a.id === id);
            return (
              <Typography.Link key={String(id)} href={fileContentUrl(String(id))} download title={file ? `SHA-256 ${file.sha256}` : undefined}>
                <PaperClipOutlined /> {file?.name ?? String(id).slice(0, 8)}
              </Typography.Link>
            );
          })}
        </Flex>
      );
    default:
      return <span>{String(value)}</span>;
  }
}
