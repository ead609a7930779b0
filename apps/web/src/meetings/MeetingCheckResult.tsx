import { Alert, Button, Checkbox, Flex, Form, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MeetingCheck } from '@henji/contracts';
import { QueryError } from '../components/QueryError.tsx';

const hm = (iso: string) => dayjs(iso).format('MM-DD HH:mm');

/** Field errors the form shows on its own fields (or that the check fills in for the organiser while they are empty). */
const SHOWN_ON_FIELDS = new Set(['topic', 'chairId', 'recorderId']);

interface MeetingCheckResultProps {
  check: MeetingCheck | null;
  checking: boolean;
  failed: unknown;
  /** Applies a free slot to the form (its day and times). */
  onPick: (startsAt: string, endsAt: string) => void;
  roomCapacity: number | null;
}

/**
 * The check before saving, as the organiser reads it: available, or the conflicts of each occurrence with free slots
 * to click; problems the server would refuse; and the warnings (room too small, agenda too long) each with the
 * checkbox that saves anyway.
 */
export function MeetingCheckResult({ check, checking, failed, onPick, roomCapacity }: MeetingCheckResultProps) {
  const { t } = useTranslation();
  // An override once ticked stays on screen (the check then no longer lists its warning), so it can be unticked.
  const overrides = Form.useWatch('overrides', { form: Form.useFormInstance(), preserve: true }) as { roomTooSmall?: boolean; agendaTooLong?: boolean } | undefined;
  if (failed) return <QueryError compact error={failed} />;
  if (!check) return checking ? <Typography.Text type="secondary">{t('meetings.form.checking')}</Typography.Text> : null;
  const problems = Object.entries(check.fields)
    .filter(([field]) => !SHOWN_ON_FIELDS.has(field))
    .flatMap(([, messages]) => messages);
  const clashing = check.occurrences.filter((o) => o.conflicts.length > 0);
  const several = check.occurrences.length > 1;
  return (
    <Flex vertical gap={8} data-testid="meeting-check" data-checking={checking ? 'true' : 'false'}>
      {clashing.length === 0 && problems.length === 0 && check.warnings.length === 0 && <Alert type="success" showIcon title={t('meetings.form.available')} />}
      {clashing.map((occurrence) => (
        <Alert
          key={occurrence.startsAt}
          type="error"
          showIcon
          title={several ? `${t('meetings.form.conflicts')} · ${t('meetings.form.conflictOccurrence', { date: dayjs(occurrence.startsAt).format('YYYY-MM-DD') })}` : t('meetings.form.conflicts')}
          description={
            <Flex vertical gap={4}>
              {occurrence.conflicts.map((c) => (
                <div key={`${c.bookingId}-${c.resourceId}`}>{t('meetings.form.conflictLine', { name: c.resourceName, from: hm(c.startsAt), to: dayjs(c.endsAt).format('HH:mm') })}</div>
              ))}
              {occurrence.suggestions.length > 0 && (
                <div>
                  <Typography.Text type="secondary">{t('meetings.form.suggestions')}</Typography.Text>
                  <Flex gap={4} wrap>
                    {occurrence.suggestions.map((s) => (
                      <Button key={s.startsAt} size="small" type="dashed" onClick={() => onPick(s.startsAt, s.endsAt)} data-testid="free-slot">
                        {hm(s.startsAt)}–{dayjs(s.endsAt).format('HH:mm')}
                      </Button>
                    ))}
                  </Flex>
                </div>
              )}
            </Flex>
          }
        />
      ))}
      {problems.length > 0 && <Alert type="warning" showIcon title={problems.join(t('meetings.form.problemSeparator'))} data-testid="meeting-check-problems" />}
      {(check.warnings.includes('room_too_small') || overrides?.roomTooSmall) && (
        <Form.Item
          extra={roomCapacity !== null ? t('meetings.form.roomTooSmall', { capacity: roomCapacity, count: check.attendeeCount }) : undefined} name={['overrides', 'roomTooSmall']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid="override-room">{t('meetings.form.overrideRoom')}</Checkbox>
        </Form.Item>
      )}
      {(check.warnings.includes('agenda_too_long') || overrides?.agendaTooLong) && (
        <Form.Item name={['overrides', 'agendaTooLong']} valuePropName="checked" style={{ marginBottom: 0 }}>
          <Checkbox data-testid="override-agenda">{t('meetings.form.overrideAgenda')}</Checkbox>
        </Form.Item>
      )}
    </Flex>
  );
}
