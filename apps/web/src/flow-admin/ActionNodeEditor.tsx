import { Checkbox, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActionNode, ApproverSource, FormDefinition } from '@henji/contracts';
import { ApproverSourceEditor } from './ApproverSourceEditor.tsx';
import { DurationInput } from './DurationInput.tsx';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';

type Action = ActionNode['action'];

interface ActionNodeEditorProps {
  node: ActionNode;
  onChange?: (node: ActionNode) => void;
  form: FormDefinition;
  messagesAt: MessagesAt;
}

/** A new action of a kind, with what it needs filled as far as can be known. */
function actionSkeleton(kind: Action['kind'], title: string): Action {
  return kind === 'assign_number'
    ? { kind, rule: '{YYYY}{SEQ:4}' }
    : { kind, title, owner: { source: 'department_head' }, within: { amount: 5, unit: 'days' } };
}

/** 自动动作: numbering the application, or creating a tracked task (督办) when the flow passes. */
export function ActionNodeEditor({ node, onChange, form, messagesAt }: ActionNodeEditorProps) {
  const { t } = useTranslation();
  const readOnly = !onChange;
  const { action } = node;
  const setAction = (next: Action) => onChange?.({ ...node, action: next });

  return (
    <>
      <Prop label={t('flowAdmin.flow.action.kind')} messages={messagesAt('action.kind')}>
        <Select<Action['kind']>
          value={action.kind}
          disabled={readOnly}
          options={[
            { value: 'assign_number', label: t('flowAdmin.flow.action.assignNumber') },
            { value: 'create_task', label: t('flowAdmin.flow.action.createTask') },
          ]}
          onChange={(kind) => kind !== action.kind && setAction(actionSkeleton(kind, node.name))}
          style={{ width: 200 }}
        />
      </Prop>
      {action.kind === 'assign_number' ? (
        <Prop label={t('flowAdmin.flow.action.rule')} help={t('flowAdmin.flow.action.ruleHelp')} messages={messagesAt('action.rule')} required>
          <Input value={action.rule} disabled={readOnly} maxLength={60} style={{ fontFamily: 'monospace' }} onChange={(e) => setAction({ ...action, rule: e.target.value })} />
        </Prop>
      ) : (
        <>
          <Prop label={t('flowAdmin.flow.action.taskTitle')} messages={messagesAt('action.title')} required>
            <Input value={action.title} disabled={readOnly} maxLength={200} onChange={(e) => setAction({ ...action, title: e.target.value })} />
          </Prop>
          <Prop label={t('flowAdmin.flow.action.taskOwner')} required>
            <ApproverSourceEditor<ApproverSource>
              value={action.owner}
              form={form}
              messagesAt={(p, exact) => messagesAt(p ? `action.owner.${p}` : 'action.owner', exact)}
              onChange={onChange && ((owner) => setAction({ ...action, owner }))}
            />
          </Prop>
          <Prop label={t('flowAdmin.flow.action.taskWithin')} messages={messagesAt('action.within')} required>
            <DurationInput value={action.within} onChange={onChange && ((within) => within && setAction({ ...action, within }))} />
          </Prop>
          <Prop label={null} messages={messagesAt('action.crossDepartment')}>
            <Checkbox
              checked={action.crossDepartment ?? false}
              disabled={readOnly}
              onChange={(e) => {
                const next = { ...action };
                if (e.target.checked) next.crossDepartment = true;
                else delete next.crossDepartment;
                setAction(next);
              }}
            >
              {t('flowAdmin.flow.action.crossDepartment')}
            </Checkbox>
          </Prop>
        </>
      )}
    </>
  );
}
