import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Select, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '@henji/contracts';
import { MEETING_KINDS } from '@henji/contracts/values';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { useMe } from '../auth/session.ts';
import { PhoneActionBar } from '../components/PhoneActionBar.tsx';
import { useIsPhone } from '../components/use-phone.ts';
import { AttachmentUpload } from '../files/AttachmentUpload.tsx';
import { fetchUsers } from '../org/api.ts';
import { UserSelect } from '../org/UserSelect.tsx';
import { useEquipmentList, useRooms } from '../rooms/api.ts';
import { afterMeetingChange, createMeeting, sendNotice, updateMeeting } from './api.ts';
import { AgendaField } from './AgendaField.tsx';
import { AttendeesField, departmentMembersKey } from './AttendeesField.tsx';
import { changesRule, createInput, excludedMembers, FIELD_ALIASES, patchInput, timesOf, valuesOf, type MeetingFormValues } from './form-values.ts';
import { MeetingCheckResult } from './MeetingCheckResult.tsx';
import { RecurrenceField } from './RecurrenceField.tsx';
import { useScopeQuestion } from './ScopeModal.tsx';
import { checkInput, useMeetingCheck } from './use-meeting-check.ts';
import { minutesBetween } from './time.ts';
import styles from './MeetingForm.module.css';

/** A new meeting starts tomorrow 09:00–10:00, chaired by the organiser. */
function freshValues(meId: string): Partial<MeetingFormValues> {
  const tomorrow = dayjs().add(1, 'day').startOf('day');
  return {
    kind: 'ad_hoc',
    date: tomorrow,
    start: tomorrow.hour(9),
    end: tomorrow.hour(10),
    recurrenceChoice: 'none',
    recurrence: { rrule: '', exdates: [] },
    recurrenceEnd: { mode: 'count', count: null },
    roomId: null,
    equipmentIds: [],
    chairId: meId,
    recorderId: null,
    attendees: [],
    departmentIds: [],
    agenda: [],
    fileIds: [],
    confidential: false,
    overrides: { roomTooSmall: false, agendaTooLong: false },
  };
}

type Intent = 'save' | 'notify';

/**
 * 新建会议 / 编辑会议: one form, one column on a phone. The room and time are checked with the server as they change
 * (conflicts per occurrence with free slots to click, warnings the organiser may override); saving sends what the
 * server takes, and its field errors land on the fields. An occurrence of a series asks 仅此次 / 此次及以后.
 */
export function MeetingForm({ meeting }: { meeting: Meeting | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<MeetingFormValues>();
  const [initialValues] = useState(() => (meeting ? valuesOf(meeting) : freshValues(me.id)));
  const [submitting, setSubmitting] = useState<Intent | null>(null);
  const intent = useRef<Intent>('save');
  const scope = useScopeQuestion();
  const rooms = useRooms({ active: 'true', pageSize: 200 });
  const equipment = useEquipmentList({ active: 'true', pageSize: 200 });

  // `preserve`: the whole store, attendee rows' ids and the skipped dates included (no field shows them).
  const watched = Form.useWatch([], { form, preserve: true }) as Partial<MeetingFormValues> | undefined;
  const departmentIds = watched?.departmentIds ?? initialValues.departmentIds ?? [];
  const members = useQueries({
    queries: departmentIds.map((id) => ({
      queryKey: departmentMembersKey(id),
      queryFn: () => fetchUsers({ departmentId: id, status: 'active', pageSize: 200 }).then((page) => page.items),
      staleTime: 60_000,
    })),
  });
  const membersByDepartment = new Map(departmentIds.map((id, i) => [id, (members[i]?.data ?? []).map((u) => u.id)]));
  const excluded = excludedMembers(departmentIds, membersByDepartment, watched?.attendees ?? []);
  const { check, checking, failed } = useMeetingCheck(checkInput(watched, excluded, me.id, meeting?.id));

  const roomId = watched?.roomId ?? null;
  const room = rooms.data?.items.find((r) => r.id === roomId) ?? null;

  const pickSlot = (startsAt: string, endsAt: string) => {
    const start = dayjs(startsAt);
    form.setFieldsValue({ date: start.startOf('day'), start, end: dayjs(endsAt) });
  };

  /** The whole store, not only the mounted fields: attendee rows carry ids and names no input shows. */
  const submit = async (values: MeetingFormValues) => {
    const notify = intent.current === 'notify';
    let chosenScope: 'this' | 'following' = 'this';
    if (meeting?.series) {
      const followingOnly = changesRule(values, meeting);
      const answer = await scope.ask({
        title: t('meetings.form.scopeTitle'),
        text: followingOnly ? t('meetings.form.scopeRuleChanged') : t('meetings.form.scopeText'),
        followingOnly,
      });
      if (!answer) return;
      chosenScope = answer;
    }
    setSubmitting(intent.current);
    try {
      let saved: Meeting;
      if (meeting) {
        saved = await updateMeeting(meeting.id, patchInput(values, excluded, chosenScope, meeting));
        if (notify && saved.status === 'draft') saved = await sendNotice(saved.id, { scope: chosenScope });
      } else {
        saved = await createMeeting(createInput(values, excluded, notify));
      }
      void message.success(notify ? t('meetings.form.savedAndNotified') : t('meetings.form.saved'));
      await afterMeetingChange(queryClient, saved.id);
      void navigate(`/meetings/${saved.id}`);
    } catch (error) {
      report(error, form, FIELD_ALIASES);
    } finally {
      setSubmitting(null);
    }
  };

  const send = (which: Intent) => {
    intent.current = which;
    form.submit();
  };
  // A noticed meeting is noticed again by the server on every change: one button says so.
  const offersNotify = !meeting || meeting.status === 'draft';
  const actions = (
    <>
      {meeting && !phone && <Button onClick={() => void navigate(`/meetings/${meeting.id}`)}>{t('meetings.form.backToMeeting')}</Button>}
      <Button onClick={() => send('save')} loading={submitting === 'save'} disabled={submitting !== null} data-testid="meeting-save">
        {meeting?.status === 'noticed' ? t('meetings.form.saveAndRenotify') : t('meetings.form.save')}
      </Button>
      {offersNotify && (
        <Button type="primary" onClick={() => send('notify')} loading={submitting === 'notify'} disabled={submitting !== null} data-testid="meeting-save-notify">
          {t('meetings.form.saveAndNotify')}
        </Button>
      )}
    </>
  );

  const times = watched?.date && watched.start && watched.end ? timesOf({ date: watched.date, start: watched.start, end: watched.end }) : null;
  const length = times ? minutesBetween(times.startsAt, times.endsAt) : null;
  const half = { xs: 24, md: 12 };

  return (
    <Form<MeetingFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={() => void submit(form.getFieldsValue(true) as MeetingFormValues)} scrollToFirstError className={styles.form} data-testid="meeting-form">
      <Flex vertical gap={16}>
        <Card title={t('meetings.form.sections.basics')}>
          <Form.Item name="topic" label={t('meetings.form.topic')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={200} placeholder={t('meetings.form.topicPlaceholder')} data-testid="meeting-topic-input" />
          </Form.Item>
          <Form.Item name="purpose" label={t('meetings.form.purpose')}>
            <Input.TextArea rows={2} maxLength={4000} placeholder={t('meetings.form.purposePlaceholder')} />
          </Form.Item>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="kind" label={t('meetings.form.kind')} rules={[{ required: true, message: t('validation.required') }]}>
                <Select options={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`meetings.kinds.${kind}`) }))} data-testid="meeting-kind" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="confidential" valuePropName="checked" label={phone ? undefined : ' '} colon={false} extra={t('meetings.form.confidentialHelp')}>
                <Checkbox>{t('meetings.form.confidential')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={12} wrap>
            <Form.Item name="date" label={t('meetings.form.date')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker allowClear={false} inputReadOnly={phone} data-testid="meeting-date" />
            </Form.Item>
            <Form.Item label={t('meetings.form.time')} required extra={length !== null && length > 0 ? t('meetings.form.duration', { minutes: length }) : undefined}>
              <Flex gap={8} align="center">
                <Form.Item name="start" noStyle rules={[{ required: true, message: t('validation.required') }]}>
                  <TimePicker format="HH:mm" minuteStep={5} allowClear={false} inputReadOnly={phone} needConfirm={false} aria-label={t('meetings.form.start')} data-testid="meeting-start" />
                </Form.Item>
                <span aria-hidden>–</span>
                <Form.Item name="end" noStyle rules={[{ required: true, message: t('validation.required') }]}>
                  <TimePicker format="HH:mm" minuteStep={5} allowClear={false} inputReadOnly={phone} needConfirm={false} aria-label={t('meetings.form.end')} data-testid="meeting-end" />
                </Form.Item>
              </Flex>
            </Form.Item>
          </Flex>
          <RecurrenceField form={form} disabled={meeting !== null && meeting.series === null} />
        </Card>

        <Card title={t('meetings.form.sections.place')}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="roomId" label={t('meetings.form.room')} extra={room?.location || undefined}>
                <Select<string | null>
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={t('meetings.form.roomPlaceholder')}
                  loading={rooms.isPending}
                  onChange={(id) => form.setFieldValue('roomId', id ?? null)}
                  options={(rooms.data?.items ?? []).map((r) => ({ value: r.id, label: t('meetings.form.roomOption', { name: r.name, capacity: r.capacity }) }))}
                  data-testid="meeting-room"
                />
              </Form.Item>
            </Col>
            <Col {...half}>
              {roomId ? (
                <Form.Item name="equipmentIds" label={t('meetings.form.equipment')}>
                  <Select
                    mode="multiple"
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder={t('meetings.form.equipmentPlaceholder')}
                    loading={equipment.isPending}
                    options={(equipment.data?.items ?? []).map((e) => ({ value: e.id, label: t('meetings.form.equipmentOption', { name: e.name, code: e.code }) }))}
                  />
                </Form.Item>
              ) : (
                <Form.Item name="location" label={t('meetings.form.place')} rules={[{ required: true, whitespace: true, message: t('meetings.form.placeRequired') }]}>
                  <Input maxLength={200} placeholder={t('meetings.form.placePlaceholder')} />
                </Form.Item>
              )}
            </Col>
          </Row>
          <MeetingCheckResult check={check} checking={checking} failed={failed} onPick={pickSlot} roomCapacity={room?.capacity ?? null} />
        </Card>

        <Card title={t('meetings.form.sections.people')}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="chairId" label={t('meetings.form.chair')} rules={[{ required: true, message: t('validation.required') }]}>
                <UserSelect />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="recorderId" label={t('meetings.form.recorder')} rules={[{ required: true, message: t('validation.required') }]}>
                <UserSelect />
              </Form.Item>
            </Col>
          </Row>
          <AttendeesField form={form} />
        </Card>

        <Card title={t('meetings.form.sections.agenda')}>
          <AgendaField form={form} />
        </Card>

        <Card title={t('meetings.form.sections.preparation')}>
          <Form.Item name="preparation" label={t('meetings.form.preparation')}>
            <Input.TextArea rows={3} maxLength={4000} placeholder={t('meetings.form.preparationPlaceholder')} />
          </Form.Item>
          <Form.Item name="fileIds" label={t('meetings.form.attachments')}>
            <AttachmentUpload valueType="ids" multiple maxCount={20} />
          </Form.Item>
        </Card>

        {phone ? (
          <PhoneActionBar testId="meeting-form-actions">{actions}</PhoneActionBar>
        ) : (
          <Card size="small" className={styles.actions}>
            <Flex gap={8} justify="flex-end" wrap data-testid="meeting-form-actions">
              {meeting?.status === 'noticed' && (
                <Typography.Text type="secondary" className={styles.renoticeHint}>
                  {t('meetings.form.renoticeHint')}
                </Typography.Text>
              )}
              {actions}
            </Flex>
          </Card>
        )}
      </Flex>
      {scope.modal}
    </Form>
  );
}
