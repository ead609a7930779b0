/**
 * The minutes' trace and archived PDF follow the meeting's access (`meeting_minutes` has the meeting's id), and which
 * versions a reader may open: approved ones (and those they superseded) by every reader of the meeting; drafts under
 * review and returned ones only by the recorder, the chair, the organiser, administrators and the audit department.
 */
import type { MinutesVersionState } from '@henji/contracts';
import type { Actor } from '../../../kernel/actor.ts';
import { definePolicy, hasRole } from '../../../kernel/access/policy.ts';
import { registerSubjectLoader } from '../../../kernel/ledger/subjects.ts';
import { registerSubjectPage } from '../../../kernel/pdf/index.ts';
import { loadMeetingSubject, mayReadMeeting, type MeetingSubject } from '../meeting-policies.ts';
import { meetingPage } from '../meeting-notices.ts';

definePolicy<MeetingSubject>('meeting_minutes', { read: mayReadMeeting });
registerSubjectLoader('meeting_minutes', loadMeetingSubject);
registerSubjectPage('meeting_minutes', meetingPage);

/** Writes and reviews the minutes, or oversees: sees every version and the working draft under review. */
export function keepsMinutes(actor: Actor, s: MeetingSubject): boolean {
  if (actor.kind === 'system') return true;
  return [s.row.recorderId, s.row.chairId, s.row.organiserId].includes(actor.userId) || hasRole(actor, 'admin') || hasRole(actor, 'audit');
}

export function mayReadVersion(actor: Actor, s: MeetingSubject, state: MinutesVersionState): boolean {
  if (actor.kind === 'user' && !mayReadMeeting(actor, s)) return false;
  return state === 'approved' || state === 'superseded' || keepsMinutes(actor, s);
}
