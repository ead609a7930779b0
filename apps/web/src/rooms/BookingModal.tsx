import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Tag, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { BookingCheck, Timeline } from '@henji/contracts';
import { isApiError } from '../api/client.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { afterRoomChange, checkBooking, createBooking, useEquipmentList, type BookingValues } from './api.ts';

export interface BookingDraft {
  roomId: string;
  startsAt: Dayjs;
  endsAt: Dayjs;
}

interface FormValues {
  roomId: string;
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  purpose: string;
  attendeeCount?: number | null;
  equipmentIds?: string[];
  overrideCapacity?: boolean;
}

const at = (date: Dayjs, time: Dayjs) => date.hour(time.hour()).minute(time.minute()).second(0).millisecond(0);

function toBooking(values: Partial<FormValues>): BookingValues | null {
  if (!values.roomId || !values.date || !values.start || !values.end) return null;
  return {
    roomId: values.roomId,
    equipmentIds: values.equipmentIds ?? [],
    startsAt: at(values.date, values.start).toISOString(),
    endsAt: at(values.date, values.end).toISOString(),
    purpose: values.purpose?.trim() || '—',
    attendeeCount: values.attendeeCount ?? null,
    overrideCapacity: values.overrideCapacity ?? false,
  };
}

const hm = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/**
 * 预订会议室: room, day and time, purpose, attendees and equipment. What saving would say — conflicts, a room too
 * small, a time in the past — is checked as the form changes (POST /api/bookings/check), with free slots to pick.
 */
export function BookingModal({ draft, rooms, onClose }: { draft: BookingDraft; rooms: Timeline['rooms']; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const equipment = useEquipmentList({ active: 'true', pageSize: 200 });
  const [submitting, setSubmitting] = useState(false);
  const [check, setCheck] = useState<BookingCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const watched = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const request = watched ? toBooking(watched) : null;
  const key = request ? JSON.stringify({ ...request, purpose: '' }) : '';

  useEffect(() => {
    if (!request) return;
    let current = true;
    setChecking(true);
    const timer = setTimeout(() => {
      checkBooking(request)
        .then((result) => current && setCheck(result))
        .catch(() => current && setCheck(null))
        .finally(() => current && setChecking(false));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The check depends on the request's content, not on the object's identity.
  }, [key]);

  const submit = async (values: FormValues) => {
    const body = toBooking(values);
    if (!body) return;
    setSubmitting(true);
    try {
      const booking = await createBooking({ ...body, purpose: values.purpose.trim() });
      void message.success(booking.status === 'pending' ? t('rooms.form.createdPending') : t('rooms.form.created'));
      await afterRoomChange(queryClient);
      onClose();
    } catch (error) {
      if (isApiError(error) && error.status === 409) setCheck(await checkBooking(body).catch(() => null));
      report(error, form, { startsAt: 'start', endsAt: 'end' });
    } finally {
      setSubmitting(false);
    }
  };

  const pick = (startsAt: string, endsAt: string) => {
    const start = dayjs(startsAt);
    form.setFieldsValue({ date: start.startOf('day'), start, end: dayjs(endsAt) });
  };

  return (
    <FormModal<FormValues>
      title={t('rooms.form.title')}
      form={form}
      submitting={submitting}
      onSubmit={(values) => void submit(values)}
      onClose={onClose}
      okText={t('rooms.booking.book')}
      initialValues={{ roomId: draft.roomId, date: draft.startsAt.startOf('day'), start: draft.startsAt, end: draft.endsAt, equipmentIds: [] }}
    >
      <Form.Item name="roomId" label={t('rooms.form.room')} rules={[{ required: true, message: t('rooms.form.required') }]}>
        <Select
          showSearch
          optionFilterProp="label"
          options={rooms.filter((r) => r.mayBook).map((r) => ({ value: r.id, label: `${r.name}（${t('rooms.booking.capacity', { count: r.capacity })}）` }))}
        />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="date" label={t('rooms.form.date')} rules={[{ required: true, message: t('rooms.form.required') }]}>
          <DatePicker allowClear={false} inputReadOnly />
        </Form.Item>
        <Form.Item label={t('rooms.form.time')} required>
          <Space.Compact>
            <Form.Item name="start" noStyle rules={[{ required: true, message: t('rooms.form.required') }]}>
              <TimePicker format="HH:mm" minuteStep={15} allowClear={false} inputReadOnly needConfirm={false} aria-label="start" />
            </Form.Item>
            <Form.Item name="end" noStyle rules={[{ required: true, message: t('rooms.form.required') }]}>
              <TimePicker format="HH:mm" minuteStep={15} allowClear={false} inputReadOnly needConfirm={false} aria-label="end" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
      </Flex>
      <Form.Item name="purpose" label={t('rooms.form.purpose')} rules={[{ required: true, whitespace: true, message: t('rooms.form.required') }]}>
        <Input maxLength={200} placeholder={t('rooms.form.purposePlaceholder')} data-testid="booking-purpose" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="attendeeCount" label={t('rooms.form.attendees')}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="equipmentIds" label={t('rooms.form.equipment')} style={{ flex: 1, minWidth: 200 }}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            placeholder={t('rooms.form.equipmentPlaceholder')}
            loading={equipment.isPending}
            options={(equipment.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.code}）` }))}
          />
        </Form.Item>
      </Flex>
      {check?.capacityWarning && (
        <Form.Item name="overrideCapacity" valuePropName="checked">
          <Checkbox>{t('rooms.form.overrideCapacity')}</Checkbox>
        </Form.Item>
      )}
      <CheckResult check={check} checking={checking} onPick={pick} />
    </FormModal>
  );
}

function CheckResult({ check, checking, onPick }: { check: BookingCheck | null; checking: boolean; onPick: (startsAt: string, endsAt: string) => void }) {
  const { t } = useTranslation();
  if (!check) return checking ? <Typography.Text type="secondary">{t('rooms.form.checking')}</Typography.Text> : null;
  const problems = Object.entries(check.fields).filter(([field]) => field !== 'purpose').flatMap(([, messages]) => messages);
  return (
    <Flex vertical gap={8} data-testid="booking-check">
      {check.ok && <Alert type="success" showIcon title={t('rooms.form.available')} />}
      {check.conflicts.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('rooms.form.conflicts')}
          description={check.conflicts.map((c) => (
            <div key={`${c.bookingId}-${c.resourceId}`}>{t('rooms.form.conflictLine', { name: c.resourceName, from: hm(c.startsAt), to: dayjs(c.endsAt).format('HH:mm') })}</div>
          ))}
        />
      )}
      {problems.length > 0 && <Alert type="warning" showIcon title={problems.join('；')} />}
      {check.suggestions.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('rooms.form.suggestions')}：</Typography.Text>
          <Flex gap={4} wrap>
            {check.suggestions.map((s) => (
              <Tag.CheckableTag key={s.startsAt} checked={false} onChange={() => onPick(s.startsAt, s.endsAt)} data-testid="free-slot">
                {hm(s.startsAt)}–{dayjs(s.endsAt).format('HH:mm')}
              </Tag.CheckableTag>
            ))}
          </Flex>
        </div>
      )}
    </Flex>
  );
}
