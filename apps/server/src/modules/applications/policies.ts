/**
 * Who may see and do what with application types and applications (K4). An application is visible to its applicant,
 * to everyone who has or had a task on it (and whoever acts for them today under a delegation), to the head or director of the
 * applicant's department, and to holders of `flow.monitor`. Anyone else gets 404.
 */
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { definePolicy, hasPermission } from '../../kernel/access/policy.ts';
import type { Actor, UserActor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { registerSubjectLoader } from '../../kernel/ledger/subjects.ts';
import { coversProcess, todayIso } from '../../kernel/org/queries.ts';
import { applications, applicationTypes, type ApplicationRow } from './schema.ts';
import { versionOf } from './engine/definitions.ts';
import { resolveSources } from './engine/approvers.ts';

export interface ApplicationSubject {
  app: ApplicationRow;
  /** The type's code: delegations are scoped by it. */
  typeCode: string;
  /** Everyone with a task on it, past or present, and the delegates acting for open tasks' holders today. */
  participants: ReadonlySet<string>;
  /** The temporary group (临时小组) of an urgent application: it may execute it at once, and read it afterwards. */
  emergencyGroup: ReadonlySet<string>;
  /** Every task's assignee by task id: a delegate's action on a task runs with its assignee's authority. */
  taskHolders: ReadonlyMap<string, string>;
}

/** What a subject is made of; the detail page loads the same rows in full and builds the subject from them. */
export interface SubjectParts {
  app: ApplicationRow;
  typeCode: string;
  tasks: readonly { id: string; assigneeId: string; transferredFromId: string | null; actedById: string | null; status: string }[];
  commentAuthors: readonly string[];
}

/** The holders of open tasks: whoever acts for them today under a delegation may read the application. */
export const holdersOf = (tasks: SubjectParts['tasks']) => [...new Set(tasks.filter((t) => t.status === 'pending' || t.status === 'waiting').map((t) => t.assigneeId))];

export async function subjectOf(
  q: Queryable,
  parts: SubjectParts,
  delegations: readonly { principalId: string; delegateId: string; scope: string[] }[],
): Promise<ApplicationSubject> {
  const { app, typeCode, tasks } = parts;
  const participants = new Set<string>(parts.commentAuthors);
  const taskHolders = new Map<string, string>();
  for (const t of tasks) {
    for (const u of [t.assigneeId, t.transferredFromId, t.actedById]) if (u) participants.add(u);
    taskHolders.set(t.id, t.assigneeId);
  }
  const holders = new Set(holdersOf(tasks));
  for (const d of delegations) if (holders.has(d.principalId) && coversProcess(d.scope, typeCode)) participants.add(d.delegateId);
  let emergencyGroup = new Set<string>();
  if (app.urgent && (app.status === 'running' || app.emergencyState !== 'none')) {
    const group = (await versionOf(q, app.versionId)).definition.emergency?.group;
    if (group) emergencyGroup = new Set(await resolveSources(q, group, { initiatorId: app.initiatorId, departmentId: app.departmentId, form: app.form }));
  }
  return { app, typeCode, participants, emergencyGroup, taskHolders };
}

const isInitiator = (actor: UserActor, s: ApplicationSubject) => actor.userId === s.app.initiatorId;
const leadsDepartment = (actor: UserActor, s: ApplicationSubject) =>
  s.app.departmentId !== null && actor.departmentId === s.app.departmentId && (actor.positionCode === 'head' || actor.positionCode === 'director');

export const mayReadApplication = (actor: UserActor, s: ApplicationSubject) =>
  isInitiator(actor, s) ||
  s.participants.has(actor.userId) ||
  s.emergencyGroup.has(actor.userId) ||
  leadsDepartment(actor, s) ||
  hasPermission(actor, 'flow.monitor');

export const applicationPolicy = definePolicy<ApplicationSubject>('application', {
  read: mayReadApplication,
  edit: (actor, s) => isInitiator(actor, s) && (s.app.status === 'draft' || s.app.status === 'returned' || s.app.status === 'withdrawn'),
  submit: (actor, s) => isInitiator(actor, s) && s.app.status === 'draft',
  discard: (actor, s) => isInitiator(actor, s) && s.app.status === 'draft',
  withdraw: (actor, s) => isInitiator(actor, s) && (s.app.status === 'running' || s.app.status === 'returned'),
  urge: (actor, s) => isInitiator(actor, s) && s.app.status === 'running',
  resubmit: (actor, s) => isInitiator(actor, s) && (s.app.status === 'returned' || s.app.status === 'withdrawn'),
  comment: (actor, s) => mayReadApplication(actor, s) && s.app.status !== 'draft',
  emergency_execute: (actor, s) => s.app.status === 'running' && s.app.urgent && s.emergencyGroup.has(actor.userId),
});

/**
 * One statement: the application with its type, everyone on its tasks and comments, and the delegations in force
 * today given by the holders of its open tasks (whoever acts for them may read it).
 */
export async function loadApplicationSubject(q: Queryable, id: string): Promise<ApplicationSubject | null> {
  const today = todayIso();
  const [row] = await q
    .select({
      app: applications,
      typeCode: applicationTypes.code,
      people: sql<SubjectParts['tasks']>`coalesce((
        select json_agg(json_build_object('id', t.id, 'assigneeId', t.assignee_id, 'transferredFromId', t.transferred_from_id,
                                          'actedById', t.acted_by_id, 'status', t.status))
        from application_tasks t where t.application_id = ${applications.id}), '[]')`,
      commentAuthors: sql<string[]>`coalesce((select json_agg(c.author_id) from application_comments c where c.application_id = ${applications.id}), '[]')`,
      delegations: sql<{ principalId: string; delegateId: string; scope: string[] }[]>`coalesce((
        select json_agg(json_build_object('principalId', d.principal_id, 'delegateId', d.delegate_id, 'scope', d.scope))
        from delegations d
        where d.principal_id in (select t.assignee_id from application_tasks t where t.application_id = ${applications.id} and t.status in ('pending', 'waiting'))
          and d.revoked_at is null and d.starts_on <= ${today} and d.ends_on >= ${today}), '[]')`,
    })
    .from(applications)
    .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
    .where(eq(applications.id, id));
  if (!row) return null;
  return subjectOf(q, { app: row.app, typeCode: row.typeCode, tasks: row.people, commentAuthors: row.commentAuthors }, row.delegations);
}

/** Loads an application the actor may read, or 404 — never a hint that it exists. */
export async function readableApplication(q: Queryable, actor: Actor, id: string): Promise<ApplicationSubject> {
  const subject = await loadApplicationSubject(q, id);
  if (!subject || (actor.kind === 'user' && !mayReadApplication(actor, subject))) throw notFound('application');
  return subject;
}

/** Application types: everyone reads the catalogue of active published types; `flow.manage` sees and edits all. */
export const applicationTypePolicy = definePolicy<{ active: boolean; publishedVersionId: string | null }>('application_type', {
  read: (actor, t) => hasPermission(actor, 'flow.manage') || (t.active && t.publishedVersionId !== null),
  apply: (_actor, t) => t.active && t.publishedVersionId !== null,
  update: (actor) => hasPermission(actor, 'flow.manage'),
  publish: (actor) => hasPermission(actor, 'flow.manage'),
  migrate: (actor) => hasPermission(actor, 'flow.manage'),
});

registerSubjectLoader('application', (q, id) => (/^[0-9a-f-]{36}$/i.test(id) ? loadApplicationSubject(q, id) : Promise.resolve(null)));
registerSubjectLoader('application_type', async (q, id) =>
  /^[0-9a-f-]{36}$/i.test(id) ? ((await q.select().from(applicationTypes).where(eq(applicationTypes.id, id)))[0] ?? null) : null,
);
