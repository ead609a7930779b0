/** The ledger actions of meeting sign-in and attendance (M2). */
import { registerActions } from '../../../kernel/ledger/actions.ts';

export const SIGN_IN_ACTIONS = registerActions({
  /** An attendee signed in with the room screen's code: present, or late. */
  'meeting.sign_in': 'meeting',
  /** The recorder or chair signed someone in by hand (补签) or marked them late or absent, with the reason. */
  'meeting.attendance': 'meeting',
  /** After the end, required attendees who neither signed in nor declined were recorded absent (the system). */
  'meeting.attendance_close': 'meeting',
  /** The sign-in sheet PDF (签到表) was downloaded. */
  'meeting.sign_in_sheet_pdf': 'meeting',
});

type SignInActions = { [K in keyof typeof SIGN_IN_ACTIONS]: true };

declare module '../../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends SignInActions {}
}
