import { AutoComplete, Form, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDefinition, ApproverSource, DutiesDefinition, EmergencyDefinition } from '@henji/contracts';
import { ApproverSourceEditor } from './ApproverSourceEditor.tsx';
import { useCalendars } from './api.ts';
import { DurationInput } from './DurationInput.tsx';
import { NextNodeSelect } from './NextNodeSelect.tsx';
import type { MessagesAt } from './problem-path.ts';
import { Prop } from './Prop.tsx';
import { RecipientsEditor } from './RecipientsEditor.tsx';

interface FlowSettingsProps {
  definition: ApplicationDefinition;
  onChange?: (definition: ApplicationDefinition) => void;
  /** Messages about the flow as a whole: `start`, `calendar`, `emergency.*`. */
  messagesAt: MessagesAt;
}

const DEFAULT_EMERGENCY: EmergencyDefinition = { group: [{ source: 'department_head' }], reviewers: [{ source: 'role', role: 'ceo' }] };

/** Where the flow starts, the business calendar of its deadlines, and emergency decisions (F6). */
export function FlowSettings({ definition, onChange, messagesAt }: FlowSettingsProps) {
  const { t } = useTranslation();
  const calendars = useCalendars();
  const readOnly = !onChange;
  const { emergency } = definition;
  const setEmergency = (next: EmergencyDefinition | undefined) => {
    const out = { ...definition };
    if (next) out.emergency = next;
    else delete out.emergency;
    onChange?.(out);
  };

  const duties = definition.duties ?? { distinctSigners: true };
  const setDuties = (next: DutiesDefinition) => {
    const out = { ...definition };
    // The default (one person one level, no fallback) is written as nothing, as before the setting existed.
    if (next.distinctSigners && !next.fallback) delete out.duties;
    else out.duties = next;
    onChange?.(out);
  };

  return (
    <Form layout="vertical" component="div">
      <Prop label={t('flowAdmin.flow.duties.title')} help={t('flowAdmin.flow.duties.help')} messages={messagesAt('duties', true)}>
        <Switch checked={duties.distinctSigners} disabled={readOnly} onChange={(distinctSigners) => setDuties({ ...duties, distinctSigners })} />
        <span style={{ marginInlineStart: 8 }}>{t('flowAdmin.flow.duties.distinctSigners')}</span>
      </Prop>
      <Prop label={t('flowAdmin.flow.duties.fallback')} help={t('flowAdmin.flow.duties.fallbackHelp')} messages={messagesAt('duties.fallback', true)}>
        <Switch
          checked={duties.fallback !== undefined}
          disabled={readOnly}
          onChange={(on) => {
            const next = { ...duties };
            if (on) next.fallback = { source: 'role', role: 'board' };
            else delete next.fallback;
            setDuties(next);
          }}
        />
        <span style={{ marginInlineStart: 8 }}>{t('flowAdmin.flow.duties.fallbackEnabled')}</span>
        {duties.fallback && (
          <div style={{ marginTop: 8 }}>
            <ApproverSourceEditor<ApproverSource>
              value={duties.fallback}
              form={definition.form}
              messagesAt={(p, exact) => messagesAt(p ? `duties.fallback.${p}` : 'duties.fallback', exact)}
              onChange={onChange && ((fallback) => setDuties({ ...duties, fallback }))}
            />
          </div>
        )}
      </Prop>
      <Prop label={t('flowAdmin.flow.start')} messages={messagesAt('start')} required>
        <NextNodeSelect
          flow={definition.flow}
          value={definition.flow.start}
          onChange={onChange && ((start) => onChange({ ...definition, flow: { ...definition.flow, start } }))}
          style={{ width: '100%' }}
        />
      </Prop>
      <Prop label={t('flowAdmin.flow.calendar')} help={t('flowAdmin.flow.calendarHelp')} messages={messagesAt('calendar')}>
        <AutoComplete
          value={definition.calendar ?? ''}
          disabled={readOnly}
          allowClear
          options={(calendars.data ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
          onChange={(calendar: string) => {
            const out = { ...definition };
            if (calendar) out.calendar = calendar;
            else delete out.calendar;
            onChange?.(out);
          }}
          maxLength={40}
        />
      </Prop>
      <Prop label={t('flowAdmin.flow.emergency')} messages={messagesAt('emergency', true)}>
        <Switch checked={emergency !== undefined} disabled={readOnly} onChange={(on) => setEmergency(on ? DEFAULT_EMERGENCY : undefined)} />
        <span style={{ marginInlineStart: 8 }}>{t('flowAdmin.flow.emergencyEnabled')}</span>
      </Prop>
      {emergency && (
        <>
          <Prop label={t('flowAdmin.flow.emergencyGroup')} required>
            <RecipientsEditor<ApproverSource>
              value={emergency.group}
              form={definition.form}
              blank={{ source: 'department_head' }}
              messagesAt={(p, exact) => messagesAt(p ? `emergency.group.${p}` : 'emergency.group', exact)}
              onChange={onChange && ((group) => setEmergency({ ...emergency, group }))}
            />
          </Prop>
          <Prop label={t('flowAdmin.flow.emergencyReviewers')} required>
            <RecipientsEditor<ApproverSource>
              value={emergency.reviewers}
              form={definition.form}
              blank={{ source: 'role', role: 'ceo' }}
              messagesAt={(p, exact) => messagesAt(p ? `emergency.reviewers.${p}` : 'emergency.reviewers', exact)}
              onChange={onChange && ((reviewers) => setEmergency({ ...emergency, reviewers }))}
            />
          </Prop>
          <Prop label={t('flowAdmin.flow.emergencyReviewWithin')} messages={messagesAt('emergency.reviewWithin')}>
            <DurationInput
              optional
              value={emergency.reviewWithin}
              onChange={
                onChange &&
                ((reviewWithin) => {
                  const next = { ...emergency };
                  if (reviewWithin) next.reviewWithin = reviewWithin;
                  else delete next.reviewWithin;
                  setEmergency(next);
                })
              }
            />
          </Prop>
        </>
      )}
    </Form>
  );
}
