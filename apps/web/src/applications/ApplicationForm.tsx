import { Button, Card, Flex, Form, Table, Tooltip, Typography, type FormInstance, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isComputed, type FormDefinition, type ScalarField, type TableField } from '@henji/contracts';
import { useIsPhone } from '../components/use-phone.ts';
import { FieldInput } from './FieldInput.tsx';
import { useFieldRules } from './field-rules.ts';
import { columnTotal, emptyRow, formatMoney, totalledColumns, withComputed, type FormState } from './form-values.ts';

interface ApplicationFormProps {
  definition: FormDefinition;
  form: FormInstance<FormState>;
  /** The store to start from: `emptyFormState` for a new application, `toFormState(form)` for a draft. */
  initialValues: FormState;
  disabled?: boolean;
  onValuesChange?: () => void;
}

/**
 * An application form rendered from its definition: one Ant Design control per field, rules from the definition,
 * 明细表 as editable rows. Values stay in Ant Design's shapes (dayjs dates); `toFormData` turns them into the API's.
 */
export function ApplicationForm({ definition, form, initialValues, disabled = false, onValuesChange }: ApplicationFormProps) {
  const rules = useFieldRules();
  const { t } = useTranslation();
  // Computed values (金额 = 数量 × 单价, 合计) follow every edit, with the server's own arithmetic.
  const recompute = () => {
    const state = form.getFieldsValue(true) as FormState;
    const next = withComputed(definition, state);
    if (next !== state) form.setFieldsValue(next);
    onValuesChange?.();
  };
  return (
    <Form<FormState>
      form={form}
      layout="vertical"
      initialValues={withComputed(definition, initialValues)}
      disabled={disabled}
      onValuesChange={recompute}
      scrollToFirstError
      data-testid="application-form"
      style={{ maxWidth: 960 }}
    >
      {definition.fields.map((field) =>
        field.type === 'table' ? (
          <TableFieldInput key={field.key} field={field} />
        ) : (
          <Form.Item
            key={field.key}
            name={field.key}
            label={field.label}
            required={field.required && !isComputed(field)}
            extra={isComputed(field) ? t('applications.form.computed') : field.help}
            rules={isComputed(field) ? [] : rules.scalar(field)}
          >
            <FieldInput field={field} disabled={isComputed(field)} />
          </Form.Item>
        ),
      )}
    </Form>
  );
}

/** 明细表: a row per item, a column per column field, add and remove rows up to `maxRows`, totals for money. */
function TableFieldInput({ field }: { field: TableField }) {
  const { t, i18n } = useTranslation();
  const rules = useFieldRules();
  const form = Form.useFormInstance<FormState>();
  const rows = (Form.useWatch(field.key, form) as Record<string, unknown>[] | undefined) ?? [];
  const totals = totalledColumns(field);
  const phone = useIsPhone();

  return (
    <Form.Item label={field.label} required={field.required} extra={field.help}>
      <Form.List name={field.key} rules={rules.table(field)}>
        {(items, { add, remove }, { errors }) => {
          const columns: TableColumnsType<(typeof items)[number]> = [
            { title: t('applications.form.rowNumber'), key: 'index', width: 56, render: (_: unknown, __, index) => index + 1 },
            ...field.columns.map((column: ScalarField) => ({
              title: (
                <span>
                  {column.required && <Typography.Text type="danger">* </Typography.Text>}
                  {column.label}
                </span>
              ),
              key: column.key,
              // Pickers need room; a number does not.
              width: column.type === 'number' || column.type === 'money' ? 150 : column.type === 'dateRange' ? 260 : undefined,
              render: (_: unknown, item: (typeof items)[number]) => (
                <Form.Item name={[item.name, column.key]} rules={isComputed(column) ? [] : rules.scalar(column)} style={{ margin: 0 }}>
                  <FieldInput field={column} compact disabled={isComputed(column)} />
                </Form.Item>
              ),
            })),
            {
              title: '',
              key: 'remove',
              width: 48,
              render: (_: unknown, item: (typeof items)[number]) => (
                <Tooltip title={t('applications.form.removeRow')}>
                  <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={t('applications.form.removeRow')} onClick={() => remove(item.name)} />
                </Tooltip>
              ),
            },
          ];
          const footer = (
            <>
              <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
                <Button icon={<PlusOutlined />} onClick={() => add(emptyRow(field))} disabled={items.length >= field.maxRows}>
                  {t('applications.form.addRow')}
                </Button>
                <Typography.Text type="secondary">{t('applications.form.maxRows', { max: field.maxRows })}</Typography.Text>
              </Flex>
              <Form.ErrorList errors={errors} />
            </>
          );
          // Phones: a card per row, its columns as labelled fields one above the other, the totals under the cards.
          if (phone)
            return (
              <>
                <Flex vertical gap={8}>
                  {items.length === 0 && <Typography.Text type="secondary">{t('applications.form.noRows')}</Typography.Text>}
                  {items.map((item, index) => (
                    <Card
                      key={item.key}
                      size="small"
                      title={t('applications.form.rowTitle', { number: index + 1 })}
                      extra={
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('applications.form.removeRow')}
                          title={t('applications.form.removeRow')}
                          onClick={() => remove(item.name)}
                        />
                      }
                      data-testid="line-item"
                    >
                      {field.columns.map((column: ScalarField) => (
                        <Form.Item
                          key={column.key}
                          name={[item.name, column.key]}
                          label={column.label}
                          required={column.required && !isComputed(column)}
                          rules={isComputed(column) ? [] : rules.scalar(column)}
                          style={{ marginBottom: 8 }}
                        >
                          <FieldInput field={column} disabled={isComputed(column)} />
                        </Form.Item>
                      ))}
                    </Card>
                  ))}
                  {totals.length > 0 && rows.length > 0 && (
                    <Flex vertical gap={2} data-testid="line-item-totals">
                      {totals.map((column) => (
                        <Typography.Text key={column.key} strong>
                          {t('applications.form.total')} · {column.label}：{formatMoney(columnTotal(rows, column.key), i18n.language)}
                        </Typography.Text>
                      ))}
                    </Flex>
                  )}
                </Flex>
                {footer}
              </>
            );
          return (
            <>
              <Table
                size="small"
                bordered
                rowKey="key"
                onRow={() => ({ 'data-testid': 'line-item' }) as React.HTMLAttributes<HTMLElement>}
                columns={columns}
                dataSource={items}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('applications.form.noRows') }}
                summary={() =>
                  totals.length > 0 && rows.length > 0 ? (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>{t('applications.form.total')}</Table.Summary.Cell>
                      {field.columns.map((column, index) => (
                        <Table.Summary.Cell key={column.key} index={index + 1}>
                          {totals.includes(column) ? formatMoney(columnTotal(rows, column.key), i18n.language) : null}
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={field.columns.length + 1} />
                    </Table.Summary.Row>
                  ) : null
                }
              />
              {footer}
            </>
          );
        }}
      </Form.List>
    </Form.Item>
  );
}
