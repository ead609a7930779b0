import { App, Button, Card, Col, Dropdown, Empty, Flex, Form, List, Row, Select, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, FormField } from '@henji/contracts';
import { FIELD_TYPES, type FieldType } from '@henji/contracts/values';
import { fieldReferences, fieldSkeleton, moveItem, removeField, renameFieldKey, uniqueKey } from './form-edit.ts';
import { FieldEditor } from './FieldEditor.tsx';
import { FormPreview } from './FormPreview.tsx';
import { useFieldTypeLabel } from './labels.ts';
import { messagesAt, problemsOf, type Problem } from './problem-path.ts';
import { Prop } from './Prop.tsx';

interface FormDesignerProps {
  definition: ApplicationDefinition;
  /** Absent when a version is only viewed. */
  onChange?: (definition: ApplicationDefinition) => void;
  selected: number | null;
  onSelect: (index: number | null) => void;
  problems: readonly Problem[];
}

/** 表单设计: the list of fields, the selected field's properties, and the form as the applicant will see it. */
export function FormDesigner({ definition, onChange, selected, onSelect, problems }: FormDesignerProps) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const typeLabel = useFieldTypeLabel();
  const fields = definition.form.fields;
  const field = selected !== null ? fields[selected] : undefined;
  const readOnly = !onChange;
  const labels = { option: (n: number) => t('flowAdmin.form.optionLabelDefault', { n }), column: t('flowAdmin.form.columnDefault') };

  const fieldProblems = (index: number) => problemsOf(definition, problems, (p) => p.area === 'field' && p.index === index);
  const formProblems = problemsOf(definition, problems, (p) => p.area === 'form');
  const setFields = (next: FormField[]) => onChange?.({ ...definition, form: { fields: next } });

  const add = (type: FieldType) => {
    const key = uniqueKey(fields.map((f) => f.key), type === 'dateRange' ? 'date_range' : type);
    const at = selected !== null ? selected + 1 : fields.length;
    setFields([...fields.slice(0, at), fieldSkeleton(type, key, t('flowAdmin.form.newFieldLabel'), labels), ...fields.slice(at)]);
    onSelect(at);
  };

  const move = (index: number, delta: -1 | 1) => {
    setFields(moveItem(fields, index, delta));
    if (selected === index) onSelect(index + delta);
  };

  const remove = (index: number) => {
    const target = fields[index];
    if (!target) return;
    const references = fieldReferences(definition, target.key);
    const nodeNames = references.map((id) => definition.flow.nodes.find((n) => n.id === id)?.name ?? id);
    modal.confirm({
      title: t('flowAdmin.form.deleteConfirm', { label: target.label }),
      content: references.length > 0 ? t('flowAdmin.form.deleteReferenced', { nodes: nodeNames.join(t('common.listSeparator')) }) : undefined,
      okButtonProps: { danger: true },
      onOk: () => {
        onChange?.(removeField(definition, index));
        onSelect(null);
      },
    });
  };

  const addMenu = {
    items: FIELD_TYPES.map((type) => ({ key: type, label: typeLabel(type) })),
    onClick: ({ key }: { key: string }) => add(key as FieldType),
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={7}>
        <Card
          size="small"
          title={t('flowAdmin.form.fields')}
          extra={
            !readOnly && (
              <Dropdown menu={addMenu} trigger={['click']}>
                <Button size="small" type="primary" icon={<PlusOutlined />} disabled={fields.length >= 60}>
                  {t('flowAdmin.form.addField')}
                </Button>
              </Dropdown>
            )
          }
        >
          <List
            size="small"
            dataSource={fields}
            renderItem={(item, index) => {
              const failing = fieldProblems(index).length > 0;
              return (
                <List.Item
                  onClick={() => onSelect(index)}
                  style={{ cursor: 'pointer', background: index === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
                  data-testid="designer-field"
                  actions={
                    readOnly
                      ? []
                      : [
                          <Space size={0} key="tools" onClick={(e) => e.stopPropagation()}>
                            <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('flowAdmin.flow.moveUp')} disabled={index === 0} onClick={() => move(index, -1)} />
                            <Button
                              type="text"
                              size="small"
                              icon={<ArrowDownOutlined />}
                              aria-label={t('flowAdmin.flow.moveDown')}
                              disabled={index === fields.length - 1}
                              onClick={() => move(index, 1)}
                            />
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('flowAdmin.flow.source.remove')} onClick={() => remove(index)} />
                          </Space>,
                        ]
                  }
                >
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Space size={4}>
                      {item.required && <Typography.Text type="danger">*</Typography.Text>}
                      <Typography.Text strong ellipsis>
                        {item.label}
                      </Typography.Text>
                      {failing && <Tag color="red">!</Tag>}
                    </Space>
                    <Space size={4}>
                      <Typography.Text type="secondary" code ellipsis={{ tooltip: item.key }} style={{ maxWidth: 110 }}>
                        {item.key}
                      </Typography.Text>
                      <Tag>{typeLabel(item.type)}</Tag>
                    </Space>
                  </Flex>
                </List.Item>
              );
            }}
          />
          <Form layout="vertical" component="div" style={{ marginTop: 12 }}>
          <Prop label={t('flowAdmin.form.titleField')} help={t('flowAdmin.form.titleFieldHelp')} messages={messagesAt(formProblems, 'titleField')}>
            <Select<string>
              allowClear
              disabled={readOnly}
              value={definition.titleField}
              options={fields.filter((f) => f.type === 'text').map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }))}
              onChange={(titleField) => {
                const next = { ...definition };
                if (titleField) next.titleField = titleField;
                else delete next.titleField;
                onChange?.(next);
              }}
              style={{ width: '100%' }}
            />
          </Prop>
          </Form>
          {messagesAt(formProblems, 'fields', true).map((m) => (
            <Typography.Text key={m} type="danger">
              {m}
            </Typography.Text>
          ))}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={field ? `${field.label} (${field.key})` : t('flowAdmin.form.fields')}>
          {field && selected !== null ? (
            <FieldEditor
              key={selected}
              definition={definition}
              field={field}
              messagesAt={(property, exact) => messagesAt(fieldProblems(selected), property, exact)}
              onChange={onChange && ((next) => setFields(fields.map((f, i) => (i === selected ? next : f))))}
              onRenameKey={onChange && ((key) => onChange(renameFieldKey(definition, field.key, key)))}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('flowAdmin.form.noSelection')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('flowAdmin.form.preview')}>
          <FormPreview form={definition.form} />
        </Card>
      </Col>
    </Row>
  );
}
