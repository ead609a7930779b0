import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Calendar, CalendarDay, CalendarDayKind } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { afterChange } from '../org/api.ts';
import { CALENDAR_SUBJECT, removeCalendarDay, setCalendarDay } from './api.ts';
import { hoursOf, WEEKDAY_KEYS, weekdayOf } from './week.ts';

interface DayValues {
  kind: CalendarDayKind;
  name: string;
}

interface DayOverrideModalProps {
  calendar: Calendar;
  date: string;
  /** The date's current override, if any. */
  day: CalendarDay | undefined;
  onClose: () => void;
}

/** Marks one date as a holiday or a make-up workday, or removes its override. */
export function DayOverrideModal({ calendar, date, day, onClose }: DayOverrideModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<DayValues>();
  const weekday = weekdayOf(date);
  const templateHours = hoursOf(calendar.weekly[weekday] ?? []);
  const initial: DayValues = { kind: day?.kind ?? (templateHours > 0 ? 'holiday' : 'workday'), name: day?.name ?? '' };

  const refresh = () => afterChange(queryClient, queryKeys.calendars.all, { type: CALENDAR_SUBJECT, id: calendar.id });
  const save = useMutation({
    mutationFn: (values: DayValues) => setCalendarDay(calendar.id, date, { kind: values.kind, name: values.name.trim() }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await refresh();
      onClose();
    },
    onError: (error) => reportError(error, form),
  });
  const remove = useMutation({
    mutationFn: () => removeCalendarDay(calendar.id, date),
    onSuccess: async () => {
      void message.success(t('calendar.days.removed'));
      await refresh();
      onClose();
    },
    onError: (error) => reportError(error),
  });

  return (
    <FormModal<DayValues>
      title={t('calendar.days.editTitle', { date, weekday: t(`calendar.weekday.${WEEKDAY_KEYS[weekday]}`) })}
      form={form}
      initialValues={initial}
      submitting={save.isPending}
      onSubmit={(values) => save.mutate(values)}
      onClose={onClose}
      width={480}
    >
      <Typography.Paragraph type="secondary">
        {templateHours > 0 ? t('calendar.days.normalDay', { hours: t('calendar.weekly.perDay', { hours: templateHours }) }) : t('calendar.days.restDay')}
        {day && ` · ${t(`calendar.days.${day.source}`)}`}
      </Typography.Paragraph>
      <Form.Item name="kind" label={t('calendar.days.kind')} rules={[{ required: true, message: t('validation.required') }]}>
        <Radio.Group
          options={[
            { value: 'holiday', label: t('calendar.days.holidayKind') },
            { value: 'workday', label: t('calendar.days.workdayKind') },
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label={t('calendar.days.name')} rules={[{ max: 50 }]}>
        <Input maxLength={50} autoComplete="off" placeholder={t('calendar.days.namePlaceholder')} />
      </Form.Item>
      {day && (
        <Button danger loading={remove.isPending} onClick={() => remove.mutate()} data-testid="calendar-day-remove">
          {t('calendar.days.remove')}
        </Button>
      )}
    </FormModal>
  );
}
