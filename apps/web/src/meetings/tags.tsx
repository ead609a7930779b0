import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MeetingAttendance, MeetingKind, MeetingReply, MeetingStatus } from '@henji/contracts';
import { formatMeetingTime } from './time.ts';

const STATUS_COLOURS: Record<MeetingStatus, string> = { draft: 'default', noticed: 'processing', cancelled: 'error' };
const REPLY_COLOURS: Record<MeetingReply, string> = { pending: 'default', accepted: 'success', declined: 'warning', delegated: 'purple' };
const ATTENDANCE_COLOURS: Record<MeetingAttendance, string> = { present: 'success', late: 'warning', absent: 'error' };

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOURS[status]}>{t(`meetings.status.${status}`)}</Tag>;
}

export function MeetingKindTag({ kind }: { kind: MeetingKind }) {
  const { t } = useTranslation();
  return <Tag>{t(`meetings.kinds.${kind}`)}</Tag>;
}

export function ReplyTag({ reply }: { reply: MeetingReply }) {
  const { t } = useTranslation();
  return (
    <Tag color={REPLY_COLOURS[reply]} data-reply={reply}>
      {t(`meetings.replies.${reply}`)}
    </Tag>
  );
}

export function AttendanceTag({ attendance }: { attendance: MeetingAttendance }) {
  const { t } = useTranslation();
  return <Tag color={ATTENDANCE_COLOURS[attendance]}>{t(`meetings.attendance.${attendance}`)}</Tag>;
}

/** "2026-06-18 周四 09:00–10:30", or both dates when a meeting runs past midnight. */
export function MeetingTime({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  return <time dateTime={startsAt}>{formatMeetingTime(startsAt, endsAt)}</time>;
}
