/**
 * Meeting sign-in and attendance (签到, M2): the room screen's rotating code, an attendee's sign-in with it, the
 * recorder's sign-in by hand (补签) and late / absent marks, and the sign-in sheet (签到表).
 */
import { z } from 'zod';
import { AllowedActions, uuid } from './common.ts';
import { MEETING_ATTENDANCE, MEETING_REPLIES, MEETING_SIGN_IN_METHODS } from './values.ts';

/** A sign-in code is valid for one window of this many seconds… */
export const SIGN_IN_WINDOW_SECONDS = 30;
/** …and the previous window's code is still taken this many seconds into the next one (a scan just before the change). */
export const SIGN_IN_GRACE_SECONDS = 5;
/** Why a code is refused (`details.reason` of the 400). */
export const SIGN_IN_CODE_PROBLEMS = ['malformed', 'forged', 'other_meeting', 'expired'] as const;
export type SignInCodeProblem = (typeof SIGN_IN_CODE_PROBLEMS)[number];

const Person = z.object({ id: uuid, displayName: z.string() });

export const SignInCount = z
  .object({
    expected: z.number().int().describe('应到: attendees who have not declined or handed their seat to a delegate'),
    signedIn: z.number().int().describe('已签到'),
  })
  .meta({ id: 'SignInCount' });
export type SignInCount = z.infer<typeof SignInCount>;

export const SignInCode = z
  .object({
    meeting: z.object({ id: uuid, topic: z.string(), startsAt: z.string(), endsAt: z.string(), location: z.string() }),
    code: z.string().describe('the current code: valid for this window (and a few seconds into the next)'),
    url: z.string().describe('the page a phone opens from the QR code'),
    qrSvg: z.string().describe('the QR code of `url` as SVG'),
    issuedAt: z.string().describe('the server\'s time when the code was read: a screen schedules its next read from it, whatever its own clock says'),
    windowStartsAt: z.string(),
    expiresAt: z.string().describe('when the next code replaces this one'),
    counts: SignInCount,
    signedIn: z.array(z.object({ user: Person, signedInAt: z.string(), attendance: z.enum(MEETING_ATTENDANCE) })).describe('latest first'),
  })
  .meta({ id: 'SignInCode' });
export type SignInCode = z.infer<typeof SignInCode>;

export const SignInInput = z.strictObject({ code: z.string().min(1).max(200) });
export type SignInInput = z.infer<typeof SignInInput>;

export const SignInResult = z
  .object({
    meetingId: uuid,
    topic: z.string(),
    attendance: z.enum(MEETING_ATTENDANCE).describe('present, or late after the start plus the grace minutes'),
    signedInAt: z.string(),
  })
  .meta({ id: 'SignInResult' });
export type SignInResult = z.infer<typeof SignInResult>;

export const AttendanceInput = z.strictObject({
  userId: uuid,
  attendance: z.enum(MEETING_ATTENDANCE).describe('present: 补签 (signed in by hand); late: 迟到; absent: 缺席'),
  reason: z.string().trim().min(1).max(500).describe('why (required): shown on the sign-in sheet and in the trace'),
});
export type AttendanceInput = z.infer<typeof AttendanceInput>;

export const SignInSheetRow = z
  .object({
    user: z.object({ id: uuid, displayName: z.string(), department: z.object({ id: uuid, name: z.string() }).nullable() }),
    required: z.boolean(),
    reply: z.enum(MEETING_REPLIES),
    replyReason: z.string().nullable(),
    attendance: z.enum(MEETING_ATTENDANCE).nullable(),
    signedInAt: z.string().nullable(),
    method: z.enum(MEETING_SIGN_IN_METHODS).nullable(),
    signedInBy: Person.nullable().describe('who recorded it by hand'),
    reason: z.string().nullable().describe('why it was recorded by hand'),
  })
  .meta({ id: 'SignInSheetRow' });
export type SignInSheetRow = z.infer<typeof SignInSheetRow>;

export const SignInSheet = z
  .object({
    meeting: z.object({
      id: uuid,
      topic: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      location: z.string(),
      chair: Person,
      recorder: Person,
    }),
    counts: SignInCount.extend({ present: z.number().int(), late: z.number().int(), absent: z.number().int() }),
    rows: z.array(SignInSheetRow),
    allowedActions: AllowedActions.describe('of the meeting: sign_in, show_sign_in_code, record_attendance among them'),
  })
  .meta({ id: 'SignInSheet' });
export type SignInSheet = z.infer<typeof SignInSheet>;
