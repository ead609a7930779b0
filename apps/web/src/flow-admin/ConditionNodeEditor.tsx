import { Button, Card, DatePicker, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Condition, ConditionNode, FlowDefinition, FormDefinition } from '@henji/contracts';
import { changeCondition, conditionValueKind, opsFor } from './condition-value.ts';
import { conditionSkeleton } from './node-skeleton.ts';
import { NextNodeSelect } from './NextNodeSelect.tsx';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';
import { useFlowText } from '../applications/flow-text.ts';

interface ConditionNodeEditorProps {
  node: ConditionNode;
  onChange?: (node: ConditionNode) => void;
  form: FormDefinition;
  flow: FlowDefinition;
  messagesAt: MessagesAt;
}

type Branch = ConditionNode['branches'][number];

/** 条件分支: branches tried in order, each with conditions that must all hold, and where to go otherwise. */
export function ConditionNodeEditor({ node, onChange, form, flow, messagesAt }: ConditionNodeEditorProps) {
  const { t } = useTranslation();
  const setBranches = (branches: Branch[]) => onChange?.({ ...node, branches });
  // A label typed in an older version is dropped on the first edit: labels are generated from the conditions.
  const setBranch = (index: number, { label: _stale, ...branch }: Branch) => setBranches(node.branches.map((b, i) => (i === index ? branch : b)));
  const text = useFlowText(form);

  return (
    <>
      <Prop label={t('flowAdmin.flow.condition.branches')} messages={messagesAt('branches', true)} required>
        <Flex vertical gap={12}>
          {node.branches.map((branch, index) => (
            <Card
              key={index}
              size="small"
              title={t('flowAdmin.flow.condition.branch', { n: index + 1 })}
              extra={
                onChange && (
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('flowAdmin.flow.source.remove')}
                    disabled={node.branches.length <= 1}
                    onClick={() => setBranches(node.branches.filter((_, i) => i !== index))}
                  />
                )
              }
            >
              <Prop label={t('flowAdmin.flow.condition.branchLabel')} messages={messagesAt(`branches.${index}.label`)}>
                {/* Generated from the conditions, so it cannot say 10000 over a condition of 5000. */}
                <Typography.Text type="secondary">{text.branchLabel(node, index)}</Typography.Text>
              </Prop>
              <Prop label={t('flowAdmin.flow.condition.when')} messages={messagesAt(`branches.${index}.when`, true)}>
                <Flex vertical gap={8}>
                  {branch.when.map((condition, c) => (
                    <ConditionRow
                      key={c}
                      condition={condition}
                      form={form}
                      messages={messagesAt(`branches.${index}.when.${c}`)}
                      onChange={onChange && ((next) => setBranch(index, { ...branch, when: branch.when.map((w, i) => (i === c ? next : w)) }))}
                      onRemove={onChange && branch.when.length > 1 ? () => setBranch(index, { ...branch, when: branch.when.filter((_, i) => i !== c) }) : undefined}
                    />
                  ))}
                  {onChange && (
                    <div>
                      <Button size="small" icon={<PlusOutlined />} disabled={branch.when.length >= 10} onClick={() => setBranch(index, { ...branch, when: [...branch.when, conditionSkeleton(form)] })}>
                        {t('flowAdmin.flow.condition.addCondition')}
                      </Button>
                    </div>
                  )}
                </Flex>
              </Prop>
              <Prop label={t('flowAdmin.flow.next')} messages={messagesAt(`branches.${index}.next`)} required>
                <NextNodeSelect flow={flow} self={node.id} value={branch.next} onChange={onChange && ((next) => setBranch(index, { ...branch, next }))} />
              </Prop>
            </Card>
          ))}
          {onChange && (
            <div>
              <Button icon={<PlusOutlined />} disabled={node.branches.length >= 10} onClick={() => setBranches([...node.branches, { when: [conditionSkeleton(form)], next: node.otherwise }])}>
                {t('flowAdmin.flow.condition.addBranch')}
              </Button>
            </div>
          )}
        </Flex>
      </Prop>
      <Prop label={t('flowAdmin.flow.condition.otherwise')} messages={messagesAt('otherwise')} required>
        <NextNodeSelect flow={flow} self={node.id} value={node.otherwise} onChange={onChange && ((otherwise) => onChange({ ...node, otherwise }))} />
      </Prop>
    </>
  );
}

interface ConditionRowProps {
  condition: Condition;
  form: FormDefinition;
  messages: string[];
  onChange?: (condition: Condition) => void;
  onRemove?: () => void;
}

/** field · operator · value, the value's input typed by the field. */
function ConditionRow({ condition, form, messages, onChange, onRemove }: ConditionRowProps) {
  const { t } = useTranslation();
  const readOnly = !onChange;
  const field = form.fields.find((f) => f.key === condition.field);
  const kind = conditionValueKind(field, condition.op);
  const setValue = (value: Condition['value']) => {
    const next = { ...condition };
    if (value === undefined || value === null) delete next.value;
    else next.value = value;
    onChange?.(next);
  };
  const options = (field?.type === 'select' ? field.options : undefined) ?? [];

  let valueInput = null;
  switch (kind) {
    case 'number':
      valueInput = <InputNumber value={typeof condition.value === 'number' ? condition.value : undefined} disabled={readOnly} onChange={(v) => setValue(v ?? undefined)} style={{ width: 160 }} />;
      break;
    case 'option':
      valueInput = <Select<string> value={typeof condition.value === 'string' ? condition.value : undefined} disabled={readOnly} options={options} onChange={setValue} style={{ minWidth: 160 }} />;
      break;
    case 'date':
      valueInput = (
        <DatePicker
          value={typeof condition.value === 'string' && condition.value ? dayjs(condition.value) : null}
          disabled={readOnly}
          onChange={(d) => setValue(d ? d.format('YYYY-MM-DD') : undefined)}
        />
      );
      break;
    case 'text':
      valueInput = <Input value={typeof condition.value === 'string' ? condition.value : ''} disabled={readOnly} maxLength={200} onChange={(e) => setValue(e.target.value)} style={{ width: 200 }} />;
      break;
    case 'optionList':
      valueInput = (
        <Select<string[]>
          mode="multiple"
          value={Array.isArray(condition.value) ? condition.value.map(String) : []}
          disabled={readOnly}
          options={options}
          onChange={setValue}
          style={{ minWidth: 220 }}
        />
      );
      break;
    case 'numberList':
    case 'textList':
      valueInput = (
        <Select<string[]>
          mode="tags"
          value={Array.isArray(condition.value) ? condition.value.map(String) : []}
          disabled={readOnly}
          tokenSeparators={[',', '，', ' ']}
          open={false}
          onChange={(values) => setValue(kind === 'numberList' ? values.map(Number).filter((n) => Number.isFinite(n)) : values)}
          style={{ minWidth: 220 }}
        />
      );
      break;
    case 'none':
      break;
  }

  return (
    <Flex vertical gap={2}>
      <Flex gap={8} wrap align="center">
        <Select<string>
          value={condition.field || undefined}
          disabled={readOnly}
          placeholder={t('flowAdmin.flow.condition.field')}
          options={form.fields.map((f) => ({ value: f.key, label: `${f.label} (${f.key})` }))}
          onChange={(key) => onChange?.(changeCondition(condition, { field: key }, form.fields))}
          style={{ minWidth: 180 }}
        />
        <Select<Condition['op']>
          value={condition.op}
          disabled={readOnly}
          options={opsFor(field).map((op) => ({ value: op, label: t(`flowAdmin.flow.condition.ops.${op}`) }))}
          onChange={(op) => onChange?.(changeCondition(condition, { op }, form.fields))}
          style={{ width: 120 }}
        />
        {valueInput}
        {onRemove && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('flowAdmin.flow.source.remove')} onClick={onRemove} />}
      </Flex>
      {messages.length > 0 && <Typography.Text type="danger">{messages.join('；')}</Typography.Text>}
    </Flex>
  );
}
