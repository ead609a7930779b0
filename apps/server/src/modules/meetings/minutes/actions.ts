/**
 * The ledger actions of minutes and resolutions (M3–M4). Their subject is `meeting_minutes` with the meeting's id: the
 * minutes have their own trace (and describer), readable by whoever may read the meeting.
 */
import { registerActions } from '../../../kernel/ledger/actions.ts';

export const MINUTES_ACTIONS = registerActions({
  /** An autosave of the recorder's draft: the revision and the content's SHA-256 only. */
  'minutes.save_draft': 'meeting_minutes',
  /** Version N submitted to the chair, with its SHA-256 (the content itself as a commitment when confidential). */
  'minutes.submit': 'meeting_minutes',
  /** The chair returned the version with a written comment. */
  'minutes.return': 'meeting_minutes',
  /** The chair approved the version: distribution, feedback window, the archived PDF's SHA-256, resolutions → tasks. */
  'minutes.approve': 'meeting_minutes',
  /** A revision of approved minutes was started, with its note. */
  'minutes.revise': 'meeting_minutes',
  'minutes.feedback': 'meeting_minutes',
  /** The minutes PDF of a version was downloaded. */
  'minutes.pdf_download': 'meeting_minutes',
  /** The resolution tracking sheet (决议跟踪表) was exported. */
  'minutes.resolutions_export': 'meeting_minutes',
});

type MinutesActions = { [K in keyof typeof MINUTES_ACTIONS]: true };

declare module '../../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends MinutesActions {}
}
