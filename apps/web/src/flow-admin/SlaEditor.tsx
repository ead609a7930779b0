import { Flex, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApproverSource, FormDefinition, NodeSla } from '@henji/contracts';
import { SLA_OUTCOMES } from '@henji/contracts/values';
import { ApproverSourceEditor } from './ApproverSourceEditor.tsx';
import { DurationInput } from './DurationInput.tsx';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';

interface SlaEditorProps {
  sla: NodeSla | undefined;
  onChange?: (sla: NodeSla | undefined) => void;
  form: FormDefinition;
  /** Messages about `sla.*`, asked with the part after `sla.`. */
  messagesAt: MessagesAt;
}

const DEFAULT_SLA: NodeSla = { within: { amount: 1, unit: 'days' }, reminders: 1, then: 'none' };

/** F5: the node's deadline on the business calendar, N reminders, then what happens. */
export function SlaEditor({ sla, onChange, form, messagesAt }: SlaEditorProps) {
  const { t } = useTranslation();
  const readOnly = !onChange;
  const status = (property: string) => (messagesAt(property).length > 0 ? ('error' as const) : undefined);

  return (
    <>
      <Prop label={t('flowAdmin.flow.sla.enabled')} messages={messagesAt('', true)}>
        <Switch checked={sla !== undefined} disabled={readOnly} onChange={(on) => onChange?.(on ? DEFAULT_SLA : undefined)} />
      </Prop>
      {sla && (
        <>
          <Flex gap={16} wrap>
            <Prop label={t('flowAdmin.flow.sla.within')} messages={messagesAt('within')} required>
              <DurationInput value={sla.within} status={status('within')} onChange={onChange && ((within) => within && onChange({ ...sla, within }))} />
            </Prop>
            <Prop label={t('flowAdmin.flow.sla.reminders')} messages={messagesAt('reminders')}>
              <InputNumber min={0} max={10} precision={0} value={sla.reminders} disabled={readOnly} onChange={(reminders) => onChange?.({ ...sla, reminders: reminders ?? 0 })} />
            </Prop>
            <Prop label={t('flowAdmin.flow.sla.remindEvery')} help={t('flowAdmin.flow.sla.remindEveryHelp')} messages={messagesAt('remindEvery')}>
              <DurationInput
                optional
                value={sla.remindEvery}
                status={status('remindEvery')}
                onChange={
                  onChange &&
                  ((remindEvery) => {
                    const next = { ...sla };
                    if (remindEvery) next.remindEvery = remindEvery;
                    else delete next.remindEvery;
                    onChange(next);
                  })
                }
              />
            </Prop>
          </Flex>
          <Prop label={t('flowAdmin.flow.sla.then')} messages={messagesAt('then')}>
            <Select<NodeSla['then']>
              value={sla.then}
              disabled={readOnly}
              options={SLA_OUTCOMES.map((o) => ({ value: o, label: t(`flowAdmin.flow.sla.outcomes.${o}`) }))}
              onChange={(then) => {
                const next: NodeSla = { ...sla, then };
                if (then === 'transfer') next.transferTo = sla.transferTo ?? { source: 'department_head' };
                else delete next.transferTo;
                onChange?.(next);
              }}
              style={{ width: 200 }}
            />
          </Prop>
          {sla.then === 'transfer' && sla.transferTo && (
            <Prop label={t('flowAdmin.flow.sla.transferTo')}>
              <ApproverSourceEditor<ApproverSource>
                value={sla.transferTo}
                form={form}
                messagesAt={(p, exact) => messagesAt(p ? `transferTo.${p}` : 'transferTo', exact)}
                onChange={onChange && ((transferTo) => onChange({ ...sla, transferTo }))}
              />
            </Prop>
          )}
        </>
      )}
    </>
  );
}
