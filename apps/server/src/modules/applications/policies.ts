/**
 * Who may see and do what with application types and applications (K4). An application is visible to its applicant,
 * to everyone who has or had a task on it (and whoever acts for them today under a delegation), to the head or director of the
 * applicant's department, and to holders of `flow.monitor`. Anyone else gets 404.
 */
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { definePolicy, hasPermission } from '../../kernel/access/policy.ts';
import type { Actor, UserActor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { registerSubjectLoader } from '../../kernel/ledger/subjects.ts';
import { coversProcess, delegationsInForce } from '../../kernel/org/queries.ts';
import { applicationComments, applications, applicationTasks, applicationTypes, applicationTypeVersions, type ApplicationRow } from './schema.ts';
import { resolveSources } from './engine/approvers.ts';

export interface ApplicationSubject {
  app: ApplicationRow;
  /** Everyone with a task on it, past or present, and the delegates acting for open tasks' holders today. */
  participants: ReadonlySet<string>;
  /** The temporary group (临时小组) of an urgent application: it may execute it at once, and read it afterwards. */
  emergencyGroup: ReadonlySet<string>;
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
  edit: (actor, s) => isInitiator(actor, s) && (s.app.status === 'draft' || s.app.status === 'returned'),
  submit: (actor, s) => isInitiator(actor, s) && s.app.status === 'draft',
  discard: (actor, s) => isInitiator(actor, s) && s.app.status === 'draft',
  withdraw: (actor, s) => isInitiator(actor, s) && (s.app.status === 'running' || s.app.status === 'returned'),
  urge: (actor, s) => isInitiator(actor, s) && s.app.status === 'running',
  resubmit: (actor, s) => isInitiator(actor, s) && s.app.status === 'returned',
  comment: (actor, s) => mayReadApplication(actor, s) && s.app.status !== 'draft',
  emergency_execute: (actor, s) => s.app.status === 'running' && s.app.urgent && s.emergencyGroup.has(actor.userId),
});

export async function loadApplicationSubject(q: Queryable, id: string): Promise<ApplicationSubject | null> {
  const [app] = await q.select().from(applications).where(eq(applications.id, id));
  if (!app) return null;
  const tasks = await q
    .select({ assigneeId: applicationTasks.assigneeId, from: applicationTasks.transferredFromId, actedBy: applicationTasks.actedById, status: applicationTasks.status })
    .from(applicationTasks)
    .where(eq(applicationTasks.applicationId, id));
  const participants = new Set<string>();
  for (const t of tasks) for (const u of [t.assigneeId, t.from, t.actedBy]) if (u) participants.add(u);
  const authors = await q.select({ id: applicationComments.authorId }).from(applicationComments).where(eq(applicationComments.applicationId, id));
  for (const a of authors) participants.add(a.id);
  const holders = [...new Set(tasks.filter((t) => t.status === 'pending' || t.status === 'waiting').map((t) => t.assigneeId))];
  if (holders.length > 0) {
    const typeCode = await typeCodeOf(q, app.typeId);
    for (const d of await delegationsInForce(q, { principalIds: holders })) {
      if (coversProcess(d.scope, typeCode)) participants.add(d.delegateId);
    }
  }
  let emergencyGroup = new Set<string>();
  if (app.urgent && (app.status === 'running' || app.emergencyState !== 'none')) {
    const [version] = await q.select({ definition: applicationTypeVersions.definition }).from(applicationTypeVersions).where(eq(applicationTypeVersions.id, app.versionId));
    const group = version?.definition.emergency?.group;
    if (group) emergencyGroup = new Set(await resolveSources(q, group, { initiatorId: app.initiatorId, departmentId: app.departmentId, form: app.form }));
  }
  return { app, participants, emergencyGroup };
}

async function typeCodeOf(q: Queryable, typeId: string): Promise<string> {
  const [row] = await q.select({ code: applicationTypes.code }).from(applicationTypes).where(eq(applicationTypes.id, typeId));
  return row?.code ?? '';
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
