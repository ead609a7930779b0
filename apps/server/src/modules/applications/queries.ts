/** Reading applications: lists, the detail with its progress (查询进度), and what the caller may do on it. */
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Application, ApplicationDefinition, ApplicationListQuery, ApplicationStep, ApplicationSummary, ApplicationTask, ExplanationStep, SlaState } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import { allowedActions, hasPermission } from '../../kernel/access/policy.ts';
import type { Actor, UserActor } from '../../kernel/actor.ts';
import { explain, yearsBeyondKnownRange } from '../../kernel/calendar/index.ts';
import { presentFile } from '../../kernel/files/index.ts';
import { files } from '../../kernel/files/schema.ts';
import { rowsFromJson, rowsFromJsonWith } from '../../db/json-rows.ts';
import { msg, render, type Locale } from '../../kernel/messages.ts';
import { departments } from '../../kernel/org/schema.ts';
import { coversProcess, delegationsInForce, departmentNames, todayIso, userNames } from '../../kernel/org/queries.ts';
import { REVIEW_NODE } from './commands/emergency.ts';
import { APPLICANT_CC_NODE } from './comfort/cc.ts';
import { ancestorsOf, returnTargets, INITIATOR } from './engine/returns.ts';
import { mayReadApplication, subjectOf } from './policies.ts';
import { versionOf, versionsById, type RunnableVersion } from './engine/definitions.ts';
import { notFound } from '../../kernel/errors.ts';
import { applicationComments, applicationFormVersions, applications, applicationSteps, applicationTasks, applicationTypes, type ApplicationRow, type StepRow, type TaskRow } from './schema.ts';
import type { Substitution } from './engine/duties.ts';
import { now as clockNow } from '../../kernel/clock.ts';

const DUE_SOON_MS = 4 * 3600_000;

export function slaStateOf(deadline: Date | null, now = clockNow()): SlaState {
  if (!deadline) return 'none';
  const left = deadline.getTime() - now.getTime();
  return left < 0 ? 'overdue' : left < DUE_SOON_MS ? 'due_soon' : 'on_time';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const refOf = (names: Map<string, string>, id: string) => ({ id, displayName: names.get(id) ?? '' });
const refOrNull = (names: Map<string, string>, id: string | null) => (id ? refOf(names, id) : null);

export function nodeNameOf(definition: ApplicationDefinition, nodeId: string, locale: Locale): string {
  if (nodeId === REVIEW_NODE) return render(locale, msg('flow.review_node'));
  if (nodeId === APPLICANT_CC_NODE) return render(locale, msg('comfort.cc_node'));
  return definition.flow.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
}

type OpenStep = Pick<StepRow, 'nodeId' | 'status' | 'enteredAt' | 'deadlineAt'>;

/** One application's line in a list: where it waits (open steps, in order) and who holds it. */
function summaryOf(
  row: ApplicationRow,
  parts: { type: { id: string; code: string; name: string }; version: RunnableVersion; departmentName: string | null; open: OpenStep[]; holders: string[]; names: Map<string, string> },
  locale: Locale,
  now: Date,
): ApplicationSummary {
  const { type, version, names } = parts;
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    type,
    version: version.version,
    status: row.status,
    urgent: row.urgent,
    emergencyState: row.emergencyState,
    initiator: refOf(names, row.initiatorId),
    departmentName: parts.departmentName,
    currentNodes: parts.open.map((s) => ({
      nodeId: s.nodeId,
      nodeName: nodeNameOf(version.definition, s.nodeId, locale),
      since: s.enteredAt.toISOString(),
      deadline: iso(s.deadlineAt),
      slaState: s.status === 'paused' ? 'none' : slaStateOf(s.deadlineAt, now),
    })),
    currentAssignees: parts.holders.map((id) => refOf(names, id)),
    submittedAt: iso(row.submittedAt),
    completedAt: iso(row.completedAt),
    effectiveAt: iso(row.effectiveAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: [],
  };
}

const isOpenStep = (s: Pick<StepRow, 'status'>) => s.status === 'active' || s.status === 'paused';
const holdsDecision = (t: Pick<TaskRow, 'status' | 'kind'>) => t.status === 'pending' && (t.kind === 'approve' || t.kind === 'review');

/** Summaries for a page of applications, with a handful of batched queries whatever the page size. */
export async function presentSummaries(q: Queryable, rows: ApplicationRow[], locale: Locale): Promise<ApplicationSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [types, versions, open, pending, depts] = await Promise.all([
    q.select({ id: applicationTypes.id, code: applicationTypes.code, name: applicationTypes.name }).from(applicationTypes).where(inArray(applicationTypes.id, [...new Set(rows.map((r) => r.typeId))])),
    versionsById(q, rows.map((r) => r.versionId)),
    q.select().from(applicationSteps).where(and(inArray(applicationSteps.applicationId, ids), inArray(applicationSteps.status, ['active', 'paused']))).orderBy(asc(applicationSteps.seq)),
    q
      .select({ applicationId: applicationTasks.applicationId, assigneeId: applicationTasks.assigneeId })
      .from(applicationTasks)
      .where(and(inArray(applicationTasks.applicationId, ids), eq(applicationTasks.status, 'pending'), inArray(applicationTasks.kind, ['approve', 'review']))),
    departmentNames(q, rows.map((r) => r.departmentId)),
  ]);
  const names = await userNames(q, [...rows.map((r) => r.initiatorId), ...pending.map((p) => p.assigneeId)]);
  const typeById = new Map(types.map((t) => [t.id, t]));
  const now = clockNow();
  return rows.map((row) =>
    summaryOf(
      row,
      {
        type: typeById.get(row.typeId)!,
        version: versions.get(row.versionId)!,
        departmentName: row.departmentId ? (depts.get(row.departmentId) ?? null) : null,
        open: open.filter((s) => s.applicationId === row.id),
        holders: [...new Set(pending.filter((p) => p.applicationId === row.id).map((p) => p.assigneeId))],
        names,
      },
      locale,
      now,
    ),
  );
}

/** The principals whose tasks of this type the actor may act on today (代理), by principal id. */
export async function principalsFor(q: Queryable, actor: UserActor, typeCode: string | null): Promise<string[]> {
  const rows = await delegationsInForce(q, { delegateId: actor.userId });
  return [...new Set(rows.filter((r) => typeCode === null || coversProcess(r.scope, typeCode)).map((r) => r.principalId))];
}

/** A task as the detail shows it: whether it carries a handwritten signature, not the image (fetched on its own). */
type ListedTask = Omit<TaskRow, 'signature'> & { hasSignature: boolean };

function presentTask(t: ListedTask, names: Map<string, string>): ApplicationTask {
  return {
    id: t.id,
    stepId: t.stepId,
    nodeId: t.nodeId,
    kind: t.kind,
    status: t.status,
    assignee: refOf(names, t.assigneeId),
    transferredFrom: refOrNull(names, t.transferredFromId),
    addedBy: refOrNull(names, t.addedById),
    decision: (t.decision as ApplicationTask['decision']) ?? null,
    opinion: t.opinion,
    actedBy: refOrNull(names, t.actedById),
    hasSignature: t.hasSignature,
    formHash: t.formHash,
    formVersion: t.formVersion,
    createdAt: t.createdAt.toISOString(),
    actedAt: iso(t.actedAt),
  };
}

/** Why a step's approvers are not those its source names (engine/duties.ts), in the reader's language. */
function substitutionOf(state: Record<string, unknown>, locale: Locale): string | null {
  const s = state.substitution as Substitution | undefined;
  if (!s) return null;
  return render(locale, msg(`flow.substituted_${s.reason}_${s.via}`));
}

/**
 * Everything the detail shows, in one statement: the application with its type and department, its steps, tasks
 * (without signature images), comments, form versions and attachments as JSON arrays, the names of everyone they
 * mention, and the delegations in force today given by open tasks' holders or to the reader.
 */
async function loadDetail(q: Queryable, id: string, readerId: string | null) {
  const today = todayIso();
  const [row] = await q
    .select({
      app: applications,
      code: applicationTypes.code,
      name: applicationTypes.name,
      departmentName: departments.name,
      steps: sql<unknown>`coalesce((select json_agg(s order by s.seq) from application_steps s where s.application_id = ${applications.id}), '[]')`,
      tasks: sql<unknown>`coalesce((
        select jsonb_agg((to_jsonb(t) - 'signature') || jsonb_build_object('has_signature', t.signature is not null) order by t.created_at, t.seq)
        from application_tasks t where t.application_id = ${applications.id}), '[]')`,
      comments: sql<unknown>`coalesce((select json_agg(c order by c.created_at) from application_comments c where c.application_id = ${applications.id}), '[]')`,
      formVersions: sql<unknown>`coalesce((select json_agg(v order by v.version) from application_form_versions v where v.application_id = ${applications.id}), '[]')`,
      files: sql<unknown>`coalesce((
        select json_agg(f order by f.attached_at, f.name, f.id) from files f
        where f.subject_type = 'application' and f.subject_id = ${applications.id}::text), '[]')`,
      names: sql<Record<string, string>>`(
        select coalesce(json_object_agg(u.id, u.display_name), '{}') from users u
        where u.id = ${applications.initiatorId}
           or u.id in (select unnest(array[t.assignee_id, t.transferred_from_id, t.added_by_id, t.acted_by_id]) from application_tasks t where t.application_id = ${applications.id})
           or u.id in (select unnest(array[c.author_id, c.on_behalf_of_id]) from application_comments c where c.application_id = ${applications.id}))`,
      delegations: sql<{ principalId: string; delegateId: string; scope: string[] }[]>`coalesce((
        select json_agg(json_build_object('principalId', d.principal_id, 'delegateId', d.delegate_id, 'scope', d.scope))
        from delegations d
        where (d.delegate_id = ${readerId}
               or d.principal_id in (select t.assignee_id from application_tasks t where t.application_id = ${applications.id} and t.status in ('pending', 'waiting')))
          and d.revoked_at is null and d.starts_on <= ${today} and d.ends_on >= ${today}), '[]')`,
    })
    .from(applications)
    .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
    .leftJoin(departments, eq(departments.id, applications.departmentId))
    .where(eq(applications.id, id));
  if (!row) return null;
  return {
    app: row.app,
    row,
    steps: rowsFromJson(applicationSteps, row.steps),
    tasks: rowsFromJsonWith(applicationTasks, row.tasks, (t) => ({ hasSignature: t.has_signature === true })) as ListedTask[],
    comments: rowsFromJson(applicationComments, row.comments),
    formVersions: rowsFromJson(applicationFormVersions, row.formVersions),
    files: rowsFromJson(files, row.files),
    names: new Map(Object.entries(row.names)),
    delegations: row.delegations,
  };
}

/**
 * The detail page (查询进度), or 404 when the actor may not read it. Built from one read of each table — the
 * application with its type and department, its steps, tasks and comments, the delegations that matter, the names,
 * the attachments — from which the access subject is derived as well (see `loadApplicationSubject`).
 */
export async function getApplication(q: Queryable, actor: Actor, id: string, locale: Locale): Promise<Application> {
  const bundle = await loadDetail(q, id, actor.kind === 'user' ? actor.userId : null);
  if (!bundle) throw notFound('application');
  const { app, row, steps, tasks, comments, formVersions, names, delegations } = bundle;
  const subject = await subjectOf(q, { app, typeCode: row.code, tasks, commentAuthors: comments.map((c) => c.authorId) }, delegations);
  if (actor.kind === 'user' && !mayReadApplication(actor, subject)) throw notFound('application');
  const version = await versionOf(q, app.versionId);
  const attachments = bundle.files.map((file) => presentFile(actor, { row: file, parent: subject }));
  const { definition } = version;
  const now = clockNow();
  const summary = summaryOf(
    app,
    {
      type: { id: app.typeId, code: row.code, name: row.name },
      version,
      departmentName: row.departmentName,
      open: steps.filter(isOpenStep),
      holders: [...new Set(tasks.filter(holdsDecision).map((t) => t.assigneeId))],
      names,
    },
    locale,
    now,
  );
  const presentedSteps: ApplicationStep[] = steps
    .filter((s) => s.nodeType !== 'condition' && s.nodeType !== 'parallel' && s.nodeType !== 'join')
    .map((s) => ({
      id: s.id,
      nodeId: s.nodeId,
      nodeName: nodeNameOf(definition, s.nodeId, locale),
      nodeType: s.nodeType,
      status: s.status === 'waiting' ? 'active' : s.status,
      outcome: s.outcome,
      enteredAt: s.enteredAt.toISOString(),
      leftAt: iso(s.leftAt),
      deadline: iso(s.deadlineAt),
      deadlineExplanation: s.deadlineSteps ? explain(locale, s.deadlineSteps as ExplanationStep[]) : [],
      deadlineBeyondKnownRange: s.deadlineSteps ? yearsBeyondKnownRange(s.deadlineSteps as ExplanationStep[]) : [],
      slaState: s.status === 'active' ? slaStateOf(s.deadlineAt, now) : 'none',
      remindersSent: s.remindersSent,
      round: s.round,
      substitution: substitutionOf(s.state, locale),
      tasks: tasks.filter((t) => t.stepId === s.id).map((t) => presentTask(t, names)),
    }));
  // Separation of duties: the applicant (even as someone's delegate) and — one person, one level — whoever approved
  // another level of this round are offered no decision; the server refuses it anyway (engine/duties.ts).
  const roundOf = new Map(steps.map((s) => [s.id, s.round]));
  const signedElsewhere = (nodeId: string) =>
    (definition.duties?.distinctSigners ?? true)
      ? new Set(
          tasks
            .filter((t) => t.kind === 'approve' && t.decision === 'approve' && t.nodeId !== nodeId && t.stepId && roundOf.get(t.stepId) === app.round)
            .flatMap((t) => [t.assigneeId, ...(t.actedById ? [t.actedById] : [])]),
        )
      : new Set<string>();

  const myTasks: Application['myTasks'] = [];
  if (actor.kind === 'user') {
    const principals = new Set(delegations.filter((d) => d.delegateId === actor.userId && coversProcess(d.scope, row.code)).map((d) => d.principalId));
    for (const t of tasks) {
      if (t.status !== 'pending') continue;
      const mine = t.assigneeId === actor.userId;
      if (!mine && !principals.has(t.assigneeId)) continue;
      const step = steps.find((s) => s.id === t.stepId);
      const node = definition.flow.nodes.find((n) => n.id === t.nodeId);
      let actions: string[] = [];
      let targets: { nodeId: string; name: string }[] = [];
      if (t.kind === 'cc') actions = ['read'];
      if (t.kind === 'review' && actor.userId !== app.initiatorId) actions = ['countersign', 'object'];
      const excluded = t.kind !== 'cc' && (actor.userId === app.initiatorId || signedElsewhere(t.nodeId).has(actor.userId) || signedElsewhere(t.nodeId).has(t.assigneeId));
      if (t.kind === 'approve' && node?.type === 'approval' && step && app.status === 'running' && !excluded) {
        const ids = returnTargets(node, step, steps, ancestorsOf(definition, node.id));
        targets = ids.map((nodeId) => ({ nodeId, name: nodeId === INITIATOR ? render(locale, msg('flow.return_to_initiator')) : nodeNameOf(definition, nodeId, locale) }));
        actions = ['approve', 'reject', ...(ids.length > 0 ? ['return'] : []), ...(node.allowTransfer ? ['transfer'] : []), ...(node.allowAddSigner ? ['add_signer'] : [])];
      }
      if (actions.length === 0) continue;
      myTasks.push({
        taskId: t.id,
        kind: t.kind,
        nodeId: t.nodeId,
        onBehalfOf: mine ? null : refOf(names, t.assigneeId),
        actions,
        returnTargets: targets,
      });
    }
  }

  return {
    ...summary,
    allowedActions: allowedActions(actor, 'application', subject),
    form: app.form,
    formHash: app.formHash,
    formVersion: app.formVersion,
    formVersions: formVersions.map((v) => ({ version: v.version, formHash: v.formHash, form: v.form, submittedAt: v.submittedAt.toISOString() })),
    flags: app.flags,
    definition,
    steps: presentedSteps,
    myTasks,
    attachments: attachments.map((f) => ({ id: f.id, name: f.name, size: f.size, mime: f.mime, sha256: f.sha256 })),
    comments: comments.map((c) => ({ id: c.id, author: refOf(names, c.authorId), onBehalfOf: refOrNull(names, c.onBehalfOfId), body: c.body, createdAt: c.createdAt.toISOString() })),
  };
}

const SORTS = { createdAt: applications.createdAt, submittedAt: applications.submittedAt, updatedAt: applications.updatedAt } as const;

/** The caller's own applications, or — for holders of `flow.monitor` — everyone's. */
export async function listApplications(q: Queryable, actor: UserActor, query: z.infer<typeof ApplicationListQuery>, locale: Locale) {
  const conditions: SQL[] = [];
  if (query.scope === 'mine' || !hasPermission(actor, 'flow.monitor')) conditions.push(eq(applications.initiatorId, actor.userId));
  if (query.status) conditions.push(eq(applications.status, query.status));
  if (query.typeId) conditions.push(eq(applications.typeId, query.typeId));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(applications.title, like), ilike(applications.number, like))!);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const column = SORTS[query.sort];
  const [rows, [count]] = await Promise.all([
    q
      .select()
      .from(applications)
      .where(where)
      .orderBy(query.order === 'asc' ? sql`${column} asc nulls first` : sql`${column} desc nulls last`, desc(applications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    q.select({ n: sql<number>`count(*)::int` }).from(applications).where(where),
  ]);
  const items = await presentSummaries(q, rows, locale);
  return { items, total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

export type { StepRow };
