/**
 * Separation of duties (三级签字 stays three people). Two rules hold at every approval level, by every route — the
 * flow's own assignment, transfer (转交), added signers (加签), delegation (代理), resubmission:
 * - the applicant never decides their own application;
 * - one person signs one level: whoever approved another approval level of this round (as holder or as the delegate
 *   who acted) decides no other level — unless the type turns `duties.distinctSigners` off.
 * When a level's source names only excluded people, the level goes to whoever is above them (部门负责人 up the
 * department tree, then the reporting line), else to the type's `duties.fallback` (董事会…), else to the
 * administrators — never silently skipped. The step records why, and the command's trace says so.
 */
import type { ApprovalNode } from '@henji/contracts';
import { conflict, forbidden, invalid } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';
import { peopleAbove } from '../../../kernel/org/people.ts';
import { administrators, resolveSource, type Applicant } from './approvers.ts';
import type { Run } from './run.ts';

export type ExclusionReason = 'applicant' | 'signed';

/** Why a level's approvers are not the ones its source names; kept in the step's state for the progress view. */
export interface Substitution {
  reason: ExclusionReason;
  /** Who the source named and may not decide. */
  excluded: string[];
  via: 'above' | 'fallback' | 'admin';
}

export const distinctSigners = (run: Run) => run.def.duties?.distinctSigners ?? true;

/**
 * Who may not decide at `nodeId` of this application: the applicant, and (one person, one level) everyone who
 * approved another approval level of the current round, as holder or as the delegate who acted — from the approvals
 * the run loaded with the application and those it made since (`run.signed`), without a query.
 */
export async function excludedAt(run: Run, nodeId: string): Promise<Map<string, ExclusionReason>> {
  const excluded = new Map<string, ExclusionReason>();
  if (distinctSigners(run)) {
    for (const r of run.signed) {
      if (r.nodeId === nodeId || r.round !== run.app.round) continue;
      excluded.set(r.assigneeId, 'signed');
      if (r.actedById) excluded.set(r.actedById, 'signed');
    }
  }
  excluded.set(run.app.initiatorId, 'applicant');
  return excluded;
}

/** Refuses a decision (or a transfer / added signer target) by someone the rules exclude at this node. */
export async function requireIndependent(run: Run, nodeId: string, people: { userId: string; field?: string }[]): Promise<void> {
  const excluded = await excludedAt(run, nodeId);
  for (const { userId, field } of people) {
    const reason = excluded.get(userId);
    if (!reason) continue;
    const message = reason === 'applicant' ? msg('flow.duties_applicant') : msg('flow.duties_signed');
    throw field ? invalid({ [field]: message }) : forbidden(message);
  }
}

/**
 * The approvers of a level after separation of duties: the source's people minus the excluded; when that leaves
 * nobody although the source named someone, who is above them, the type's fallback or the administrators.
 */
export async function independentApprovers(
  run: Run,
  node: ApprovalNode,
  found: string[],
  applicant: Applicant,
): Promise<{ ids: string[]; substitution: Substitution | null }> {
  const excluded = await excludedAt(run, node.id);
  const allowed = (ids: string[]) => ids.filter((id) => !excluded.has(id));
  const ids = allowed(found);
  if (ids.length > 0 || found.length === 0) return { ids, substitution: null };
  const named = found.filter((id) => excluded.has(id));
  const reason: ExclusionReason = named.includes(run.app.initiatorId) ? 'applicant' : 'signed';
  for (const person of named) {
    const above = allowed(await peopleAbove(run.ctx.tx, person));
    if (above.length > 0) return { ids: [above[0]!], substitution: { reason, excluded: named, via: 'above' } };
  }
  if (run.def.duties?.fallback) {
    const fallback = allowed(await resolveSource(run.ctx.tx, run.def.duties.fallback, applicant));
    if (fallback.length > 0) return { ids: fallback, substitution: { reason, excluded: named, via: 'fallback' } };
  }
  const admins = allowed(await administrators(run.ctx.tx));
  if (admins.length > 0) return { ids: admins, substitution: { reason, excluded: named, via: 'admin' } };
  throw conflict(msg('flow.duties_nobody', { node: node.name }));
}
