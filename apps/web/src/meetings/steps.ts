/**
 * The meeting page's steps, in the order a meeting goes through them, and which of the meeting's ledger actions each
 * step's trace shows (the whole trace is the last tab). Actions are matched by name so the sign-in and minutes parts
 * need not be listed here one by one.
 */
export const MEETING_STEPS = [
  { key: 'notice', actions: (a: string) => ['meeting.create', 'meeting.update', 'meeting.notice', 'meeting.cancel', 'meeting.notice_pdf'].includes(a) },
  { key: 'replies', actions: (a: string) => a === 'meeting.reply' || a === 'meeting.remind' },
  { key: 'signIn', actions: (a: string) => a === 'meeting.sign_in' || a.startsWith('meeting.attendance') || a === 'meeting.sign_in_sheet_pdf' },
  { key: 'minutes', actions: (a: string) => a.includes('minutes') },
  { key: 'resolutions', actions: (a: string) => a.includes('resolution') },
  { key: 'trace', actions: () => true },
] as const;

export type MeetingStep = (typeof MEETING_STEPS)[number]['key'];

export const stepOf = (value: string | null): MeetingStep => MEETING_STEPS.find((s) => s.key === value)?.key ?? 'notice';
