/** The ledger actions of meetings (M1): the meeting, its series, notice, replies, reminders and the iCalendar feed. */
import { registerActions } from '../../kernel/ledger/actions.ts';

export const MEETING_ACTIONS = registerActions({
  'meeting.create': 'meeting',
  'meeting.update': 'meeting',
  /** The notice went out (in-app, email with .ics, robots); `sequence` is the iCalendar SEQUENCE. */
  'meeting.notice': 'meeting',
  'meeting.cancel': 'meeting',
  /** An attendee's answer: accepted, declined (with the reason) or delegated (to whom). */
  'meeting.reply': 'meeting',
  'meeting.remind': 'meeting',
  /** The notice PDF was downloaded. */
  'meeting.notice_pdf': 'meeting',
  'meeting_series.create': 'meeting_series',
  /** A "this and following" change ended the series at an occurrence. */
  'meeting_series.end': 'meeting_series',
  'calendar_feed.issue': 'calendar_feed',
  'calendar_feed.revoke': 'calendar_feed',
});

type MeetingActions = { [K in keyof typeof MEETING_ACTIONS]: true };

declare module '../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends MeetingActions {}
}
