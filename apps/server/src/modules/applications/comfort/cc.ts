/**
 * 抄送 added by people (issue 9 §7): the applicant copies colleagues when submitting, an approver with their decision.
 * Each copy is a `cc` task of its own (no step: it is nobody's decision), so the copied person finds it in their 抄送
 * tab as 未读 until they mark it 已阅, may read the application (everyone with a task may), and is notified. The
 * command that adds copies records whom in its one trace entry (`diff.cc`), its actor being who added them.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ApplicationCopy } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { actorId } from '../../../kernel/actor.ts';
import { invalid } from '../../../kernel/errors.ts';
import type { FieldChange } from '../../../kernel/ledger/append.ts';
import { msg } from '../../../kernel/messages.ts';
import { notify } from '../../../kernel/notify/index.ts';
import { userNames } from '../../../kernel/org/queries.ts';
import { users } from '../../../kernel/org/schema.ts';
import { applicationTasks } from '../schema.ts';
import type { Run } from '../engine/run.ts';
import { insertTasks } from '../engine/flow.ts';
import './actions.ts';

/** The node id of copies the applicant adds on submitting (they belong to no node of the flow). */
export const APPLICANT_CC_NODE = '__cc';

/**
 * Adds copies for `people` (checked: active users, not the applicant; someone already holding an unread copy is not
 * copied twice) and tells them. Returns the diff entry for the command's trace, or nothing when nobody was added.
 */
export async function addCopies(run: Run, people: readonly string[] | undefined, nodeId: string): Promise<Record<string, FieldChange>> {
  const wanted = [...new Set(people ?? [])];
  if (wanted.length === 0) return {};
  if (wanted.includes(run.app.initiatorId)) throw invalid({ cc: msg('comfort.cc_applicant') });
  const active = await run.ctx.tx.select({ id: users.id }).from(users).where(and(inArray(users.id, wanted), eq(users.status, 'active')));
  if (active.length !== wanted.length) throw invalid({ cc: msg('comfort.cc_unknown_user') });
  // Everyone holding an unread copy, from the tasks the run holds (loaded under the lock, kept current by the engine).
  const already = new Set(run.loaded.tasks.filter((t) => t.kind === 'cc' && t.status === 'pending').map((t) => t.assigneeId));
  const added = wanted.filter((id) => !already.has(id));
  if (added.length === 0) return {};
  const by = run.ctx.delegate?.userId ?? actorId(run.ctx.actor);
  await insertTasks(run, { id: null, nodeId }, 'cc', added.map((userId) => ({ userId, status: 'pending', seq: 0, addedById: by })));
  const names = by ? await userNames(run.ctx.tx, [by]) : new Map<string, string>();
  await notify(run.ctx, {
    recipients: added,
    template: 'application.cc_added',
    params: { title: run.app.title, type: run.type.name, applicant: run.applicantName, actor: (by && names.get(by)) || run.applicantName },
    link: `/applications/${run.app.id}`,
    subject: { type: 'application', id: run.app.id },
    urgent: run.app.urgent,
  });
  return { cc: { after: added } };
}

/** Every copy of an application, oldest first: who, added by whom (null: the flow's 抄送 node), read or not. */
export async function listCopies(q: Queryable, applicationId: string): Promise<ApplicationCopy[]> {
  const rows = await q
    .select()
    .from(applicationTasks)
    .where(and(eq(applicationTasks.applicationId, applicationId), eq(applicationTasks.kind, 'cc'), inArray(applicationTasks.status, ['pending', 'done'])))
    .orderBy(asc(applicationTasks.createdAt), asc(applicationTasks.seq));
  const names = await userNames(q, rows.flatMap((r) => [r.assigneeId, ...(r.addedById ? [r.addedById] : [])]));
  const ref = (id: string) => ({ id, displayName: names.get(id) ?? '' });
  return rows.map((r) => ({
    taskId: r.id,
    person: ref(r.assigneeId),
    addedBy: r.addedById ? ref(r.addedById) : null,
    nodeId: r.nodeId,
    createdAt: r.createdAt.toISOString(),
    read: r.status === 'done',
    readAt: r.status === 'done' ? (r.actedAt?.toISOString() ?? null) : null,
  }));
}
