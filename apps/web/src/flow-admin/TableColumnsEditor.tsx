import { Button, Collapse, Flex, InputNumber, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldType, ScalarField, TableField } from '@henji/contracts';
import { FIELD_PROPERTIES, changeFieldType, cleanScalar, isValidFieldKey, moveItem, scalarSkeleton, uniqueKey, type ScalarType } from './form-edit.ts';
import { FieldBasics } from './FieldBasics.tsx';
import { IdInput } from './IdInput.tsx';
import { useFieldTypeLabel } from './labels.ts';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';
import { ScalarProps } from './ScalarProps.tsx';

const SCALAR_TYPES = Object.keys(FIELD_PROPERTIES) as ScalarType[];

interface TableColumnsEditorProps {
  field: TableField;
  onChange?: (field: TableField) => void;
  messagesAt: MessagesAt;
}

/** 明细表: the columns of each row (each a scalar field of its own) and the most rows an applicant may add. */
export function TableColumnsEditor({ field, onChange, messagesAt }: TableColumnsEditorProps) {
  const { t } = useTranslation();
  const typeLabel = useFieldTypeLabel();
  const readOnly = !onChange;
  const labels = { option: (n: number) => t('flowAdmin.form.optionLabelDefault', { n }), column: t('flowAdmin.form.columnDefault') };
  const setColumns = (columns: ScalarField[]) => onChange?.({ ...field, columns });
  const setColumn = (index: number, column: ScalarField) => setColumns(field.columns.map((c, i) => (i === index ? column : c)));

  const add = () => {
    const key = uniqueKey(field.columns.map((c) => c.key), 'column');
    setColumns([...field.columns, scalarSkeleton('text', key, t('flowAdmin.form.newFieldLabel'), labels)]);
  };

  return (
    <>
      <Prop label={t('flowAdmin.form.columns')} messages={messagesAt('columns', true)} required>
        <Collapse
          size="small"
          items={field.columns.map((column, index) => {
            const columnMessages: MessagesAt = (property, exact) => messagesAt(property ? `columns.${index}.${property}` : `columns.${index}`, exact);
            const failing = messagesAt(`columns.${index}`).length > 0;
            return {
              key: String(index),
              label: (
                <Space>
                  <span>{column.label || column.key}</span>
                  <Typography.Text type="secondary" code>
                    {column.key}
                  </Typography.Text>
                  <Tag>{typeLabel(column.type)}</Tag>
                  {failing && <Tag color="red">!</Tag>}
                </Space>
              ),
              extra: !readOnly && (
                <Space size={0} onClick={(e) => e.stopPropagation()}>
                  <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('flowAdmin.flow.moveUp')} disabled={index === 0} onClick={() => setColumns(moveItem(field.columns, index, -1))} />
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('flowAdmin.flow.moveDown')}
                    disabled={index === field.columns.length - 1}
                    onClick={() => setColumns(moveItem(field.columns, index, 1))}
                  />
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('flowAdmin.flow.source.remove')}
                    disabled={field.columns.length <= 1}
                    onClick={() => setColumns(field.columns.filter((_, i) => i !== index))}
                  />
                </Space>
              ),
              children: (
                <>
                  <IdInput
                    label={t('flowAdmin.form.key')}
                    help={t('flowAdmin.form.keyInvalid')}
                    value={column.key}
                    disabled={readOnly}
                    messages={columnMessages('key')}
                    check={(next) =>
                      !isValidFieldKey(next)
                        ? t('flowAdmin.form.keyInvalid')
                        : field.columns.some((c, i) => i !== index && c.key === next)
                          ? t('flowAdmin.form.keyTaken')
                          : null
                    }
                    onCommit={(key) => setColumn(index, { ...column, key })}
                  />
                  <FieldBasics<ScalarField>
                    field={column}
                    types={SCALAR_TYPES}
                    messagesAt={columnMessages}
                    onChange={onChange && ((next) => setColumn(index, next))}
                    onType={(type: FieldType) => {
                      const next = changeFieldType(column, type, labels);
                      if (next.type !== 'table') setColumn(index, cleanScalar(next));
                    }}
                  />
                  <ScalarProps field={column} messagesAt={columnMessages} onChange={onChange && ((next) => setColumn(index, next))} />
                </>
              ),
            };
          })}
        />
        {!readOnly && (
          <Flex style={{ marginTop: 8 }}>
            <Button icon={<PlusOutlined />} onClick={add} disabled={field.columns.length >= 20}>
              {t('flowAdmin.form.addColumn')}
            </Button>
          </Flex>
        )}
      </Prop>
      <Prop label={t('flowAdmin.form.maxRows')} messages={messagesAt('maxRows')}>
        <InputNumber min={1} max={500} precision={0} value={field.maxRows} disabled={readOnly} onChange={(v) => onChange?.({ ...field, maxRows: v ?? 100 })} style={{ width: 160 }} />
      </Prop>
    </>
  );
}
