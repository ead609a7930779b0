/**
 * The meeting page's steps, in the order a meeting goes through them, and which ledger entries each step's trace
 * shows: the meeting's own (subject `meeting`: notice, replies, sign-in) or its minutes' (subject `meeting_minutes`
 * with the meeting's id: the minutes, and the approval that turned resolutions into tracked tasks). The last tab holds
 * both traces whole.
 */
export const MEETING_SUBJECT = 'meeting';
export const MINUTES_SUBJECT = 'meeting_minutes';

export const MEETING_STEPS = [
  { key: 'notice', subjectType: MEETING_SUBJECT, actions: (a: string) => ['meeting.create', 'meeting.update', 'meeting.notice', 'meeting.cancel', 'meeting.notice_pdf'].includes(a) },
  { key: 'replies', subjectType: MEETING_SUBJECT, actions: (a: string) => a === 'meeting.reply' || a === 'meeting.remind' },
  { key: 'signIn', subjectType: MEETING_SUBJECT, actions: (a: string) => a === 'meeting.sign_in' || a.startsWith('meeting.attendance') || a === 'meeting.sign_in_sheet_pdf' },
  { key: 'minutes', subjectType: MINUTES_SUBJECT, actions: (a: string) => a !== 'minutes.resolutions_export' },
  { key: 'resolutions', subjectType: MINUTES_SUBJECT, actions: (a: string) => a === 'minutes.approve' || a === 'minutes.resolutions_export' },
  { key: 'trace', subjectType: MEETING_SUBJECT, actions: () => true },
] as const;

export type MeetingStep = (typeof MEETING_STEPS)[number]['key'];

export const stepOf = (value: string | null): MeetingStep => MEETING_STEPS.find((s) => s.key === value)?.key ?? 'notice';
