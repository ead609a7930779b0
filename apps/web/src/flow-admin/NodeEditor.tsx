import { Button, Flex, Form, Input, Switch, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, ApproverSource, FlowNode } from '@henji/contracts';
import { ActionNodeEditor } from './ActionNodeEditor.tsx';
import { ApprovalNodeEditor } from './ApprovalNodeEditor.tsx';
import { ConditionNodeEditor } from './ConditionNodeEditor.tsx';
import { checkNodeRename } from './flow-edit.ts';
import { IdInput } from './IdInput.tsx';
import { NextNodeSelect } from './NextNodeSelect.tsx';
import type { Recipient } from './node-skeleton.ts';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';
import { RecipientsEditor } from './RecipientsEditor.tsx';

interface NodeEditorProps {
  definition: ApplicationDefinition;
  node: FlowNode;
  onChange?: (node: FlowNode) => void;
  /** A new id is applied to the whole flow, whose references follow it. */
  onRename?: (id: string) => void;
  messagesAt: MessagesAt;
}

/** The selected node: its id and name, then what its type needs, then where it leads. */
export function NodeEditor({ definition, node, onChange, onRename, messagesAt }: NodeEditorProps) {
  const { t } = useTranslation();
  const { flow, form } = definition;
  const readOnly = !onChange;
  const nextStatus = (property: string) => (messagesAt(property).length > 0 ? ('error' as const) : undefined);

  let body = null;
  switch (node.type) {
    case 'approval':
      body = <ApprovalNodeEditor node={node} form={form} messagesAt={messagesAt} onChange={onChange} />;
      break;
    case 'condition':
      body = <ConditionNodeEditor node={node} form={form} flow={flow} messagesAt={messagesAt} onChange={onChange} />;
      break;
    case 'parallel':
      body = (
        <>
          <Prop label={t('flowAdmin.flow.parallel.branches')} messages={messagesAt('branches')} required>
            <Flex vertical gap={8}>
              {node.branches.map((branch, index) => (
                <Flex key={index} gap={8}>
                  <NextNodeSelect
                    flow={flow}
                    self={node.id}
                    value={branch}
                    status={nextStatus(`branches.${index}`)}
                    onChange={onChange && ((id) => onChange({ ...node, branches: node.branches.map((b, i) => (i === index ? id : b)) }))}
                  />
                  {onChange && (
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('flowAdmin.flow.source.remove')}
                      disabled={node.branches.length <= 2}
                      onClick={() => onChange({ ...node, branches: node.branches.filter((_, i) => i !== index) })}
                    />
                  )}
                </Flex>
              ))}
              {onChange && (
                <div>
                  <Button icon={<PlusOutlined />} disabled={node.branches.length >= 10} onClick={() => onChange({ ...node, branches: [...node.branches, node.join] })}>
                    {t('flowAdmin.flow.parallel.addBranch')}
                  </Button>
                </div>
              )}
            </Flex>
          </Prop>
          <Prop label={t('flowAdmin.flow.parallel.join')} messages={messagesAt('join')} required>
            <NextNodeSelect flow={flow} self={node.id} value={node.join} onChange={onChange && ((join) => onChange({ ...node, join }))} />
          </Prop>
        </>
      );
      break;
    case 'cc':
      body = (
        <Prop label={t('flowAdmin.flow.recipients')} required>
          <RecipientsEditor<ApproverSource>
            value={node.recipients}
            form={form}
            blank={{ source: 'department_head' }}
            messagesAt={(p, exact) => messagesAt(p ? `recipients.${p}` : 'recipients', exact)}
            onChange={onChange && ((recipients) => onChange({ ...node, recipients }))}
          />
        </Prop>
      );
      break;
    case 'notify':
      body = (
        <>
          <Prop label={t('flowAdmin.flow.recipients')} required>
            <RecipientsEditor<Recipient>
              value={node.recipients}
              form={form}
              allowInitiator
              blank={{ source: 'initiator' }}
              messagesAt={(p, exact) => messagesAt(p ? `recipients.${p}` : 'recipients', exact)}
              onChange={onChange && ((recipients) => onChange({ ...node, recipients }))}
            />
          </Prop>
          <Prop label={t('flowAdmin.flow.urgent')} messages={messagesAt('urgent')}>
            <Switch checked={node.urgent} disabled={readOnly} onChange={(urgent) => onChange?.({ ...node, urgent })} />
          </Prop>
        </>
      );
      break;
    case 'action':
      body = <ActionNodeEditor node={node} form={form} messagesAt={messagesAt} onChange={onChange} />;
      break;
    case 'join':
    case 'end':
      break;
  }

  return (
    <Form layout="vertical" component="div">
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 200px' }}>
          <IdInput
            label={t('flowAdmin.flow.id')}
            help={t('flowAdmin.flow.idHelp')}
            value={node.id}
            disabled={!onRename}
            messages={messagesAt('id')}
            check={(next) => {
              const check = checkNodeRename(flow, node.id, next);
              return check === 'invalid' ? t('flowAdmin.flow.idInvalid') : check === 'taken' ? t('flowAdmin.flow.idTaken') : null;
            }}
            onCommit={(id) => onRename?.(id)}
          />
        </div>
        <div style={{ flex: '1 1 200px' }}>
          <Prop label={t('flowAdmin.flow.name')} messages={messagesAt('name')} required>
            <Input value={node.name} disabled={readOnly} maxLength={100} onChange={(e) => onChange?.({ ...node, name: e.target.value })} />
          </Prop>
        </div>
        <Prop label={t('flowAdmin.flow.type')}>
          <Tag color="blue">{t(`flowAdmin.flow.types.${node.type}`)}</Tag>
        </Prop>
      </Flex>
      {messagesAt('', true).length > 0 && <Prop label={null} messages={messagesAt('', true)}>{null}</Prop>}
      {body}
      {'next' in node && (
        <Prop label={t('flowAdmin.flow.next')} messages={messagesAt('next')} required>
          <NextNodeSelect flow={flow} self={node.id} value={node.next} status={nextStatus('next')} onChange={onChange && ((next) => onChange({ ...node, next }))} />
        </Prop>
      )}
    </Form>
  );
}
