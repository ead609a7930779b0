import { Form, Input, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CalendarCode, TimeZone, type Calendar, type UpdateCalendarInput } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { schemaRule } from '../components/rules.ts';
import { useSaveMutation } from '../org/use-save-mutation.ts';
import { CALENDAR_SUBJECT, createCalendar, updateCalendar } from './api.ts';

interface CalendarValues {
  code: string;
  name: string;
  timezone: string;
  copyDefaultDays: boolean;
}

interface CalendarFormModalProps {
  /** The calendar to edit; none to create one. */
  calendar?: Calendar;
  onSaved?: (calendar: Calendar) => void;
  onClose: () => void;
}

/** Create a calendar (code, name, zone, and whether to copy the default's days) or rename one / change its zone. */
export function CalendarFormModal({ calendar, onSaved, onClose }: CalendarFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CalendarValues>();
  const initial: CalendarValues = {
    code: calendar?.code ?? '',
    name: calendar?.name ?? '',
    timezone: calendar?.timezone ?? 'Asia/Shanghai',
    copyDefaultDays: true,
  };

  const save = async (values: CalendarValues): Promise<Calendar | null> => {
    const name = values.name.trim();
    const timezone = values.timezone.trim();
    if (!calendar) {
      const created = await createCalendar({ code: values.code.trim(), name, timezone, copyDefaultDays: values.copyDefaultDays });
      onSaved?.(created);
      return created;
    }
    const patch = changedFields<UpdateCalendarInput>({ name: calendar.name, timezone: calendar.timezone }, { name, timezone });
    if (isEmptyPatch(patch)) return null;
    const updated = await updateCalendar(calendar.id, patch);
    onSaved?.(updated);
    return updated;
  };
  const saving = useSaveMutation({ form, mutationFn: save, list: queryKeys.calendars.all, subjectType: CALENDAR_SUBJECT, onClose });

  return (
    <FormModal<CalendarValues>
      title={calendar ? t('calendar.edit') : t('calendar.create')}
      form={form}
      initialValues={initial}
      submitting={saving.isPending}
      onSubmit={(values) => saving.mutate(values)}
      onClose={onClose}
    >
      {!calendar && (
        <Form.Item
          name="code"
          label={t('calendar.code')}
          extra={t('calendar.codeHelp')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(CalendarCode, t('calendar.codeHelp'))]}
        >
          <Input maxLength={40} autoComplete="off" placeholder="factory-shift" />
        </Form.Item>
      )}
      <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="timezone"
        label={t('calendar.timezone')}
        extra={t('calendar.timezoneHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(TimeZone, t('calendar.timezoneHelp'))]}
      >
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      {!calendar && (
        <Form.Item name="copyDefaultDays" label={t('calendar.copyDefaultDays')} extra={t('calendar.copyDefaultDaysHelp')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
    </FormModal>
  );
}
