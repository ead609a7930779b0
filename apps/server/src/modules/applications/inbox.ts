/**
 * The approver's lists (F3): 待办 (open tasks, their own and those of people who delegate to them today for that
 * type), 已办 (tasks they decided), 抄送 (copies). One indexed query per page: `application_tasks_inbox` on
 * (assignee, status, created_at) serves the to-do list however many open tasks the system holds; the page's type
 * definitions (cached, see engine/definitions.ts) and the assignees' names follow. bench/inbox-query.ts measures it.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { InboxItem, InboxQuery } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { UserActor } from '../../kernel/actor.ts';
import type { Locale } from '../../kernel/messages.ts';
import { users } from '../../kernel/org/schema.ts';
import { delegationsInForce, userNames } from '../../kernel/org/queries.ts';
import { versionsById } from './engine/definitions.ts';
import { nodeNameOf, slaStateOf } from './queries.ts';
import { applications, applicationSteps, applicationTasks, applicationTypes } from './schema.ts';
import { now as clockNow } from '../../kernel/clock.ts';

/**
 * Whose tasks the actor sees in the to-do list: their own, and each delegating principal's within the scope.
 * `byType` says whether the condition names the application's type (a delegation limited to some types), so a
 * count needs the join to it; without that a count reads the tasks alone.
 */
async function assigneeCondition(q: Queryable, actor: UserActor): Promise<{ where: SQL; byType: boolean }> {
  const rows = await delegationsInForce(q, { delegateId: actor.userId });
  const parts: SQL[] = [eq(applicationTasks.assigneeId, actor.userId)];
  let byType = false;
  for (const r of rows) {
    byType ||= r.scope.length > 0;
    parts.push(
      r.scope.length === 0
        ? eq(applicationTasks.assigneeId, r.principalId)
        : and(eq(applicationTasks.assigneeId, r.principalId), inArray(applicationTypes.code, r.scope))!,
    );
  }
  return { where: parts.length === 1 ? parts[0]! : or(...parts)!, byType };
}

/**
 * count(*) of tasks matching `where`. Every task has exactly one application and every application one type (both
 * foreign keys are NOT NULL), so joining them changes no count; it is done only when `where` names their columns.
 * Without the join, a busy approver's count is an index scan of their own tasks instead of a hash join against the
 * whole applications table.
 */
async function countTasks(q: Queryable, where: SQL | undefined, joinApplication: boolean): Promise<number> {
  const base = q.select({ n: sql<number>`count(*)::int` }).from(applicationTasks);
  const [row] = joinApplication
    ? await base
        .innerJoin(applications, eq(applications.id, applicationTasks.applicationId))
        .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
        .where(where)
    : await base.where(where);
  return row?.n ?? 0;
}

export async function listInbox(q: Queryable, actor: UserActor, query: z.infer<typeof InboxQuery>, locale: Locale) {
  const conditions: SQL[] = [];
  let byType = false;
  if (query.tab === 'todo') {
    const assignees = await assigneeCondition(q, actor);
    byType = assignees.byType;
    conditions.push(assignees.where, eq(applicationTasks.status, 'pending'), inArray(applicationTasks.kind, ['approve', 'review']));
  } else if (query.tab === 'done') {
    conditions.push(
      or(eq(applicationTasks.assigneeId, actor.userId), eq(applicationTasks.actedById, actor.userId))!,
      eq(applicationTasks.status, 'done'),
      inArray(applicationTasks.kind, ['approve', 'review']),
    );
  } else {
    conditions.push(eq(applicationTasks.assigneeId, actor.userId), eq(applicationTasks.kind, 'cc'), inArray(applicationTasks.status, ['pending', 'done']));
  }
  if (query.typeId) conditions.push(eq(applications.typeId, query.typeId));
  const where = and(...conditions);
  const order = query.tab === 'done' ? [desc(applicationTasks.actedAt), desc(applicationTasks.id)] : [desc(applicationTasks.createdAt), desc(applicationTasks.id)];
  const base = () =>
    q
      .select({
        task: applicationTasks,
        app: {
          id: applications.id,
          number: applications.number,
          title: applications.title,
          initiatorId: applications.initiatorId,
          urgent: applications.urgent,
          status: applications.status,
          formHash: applications.formHash,
        },
        typeName: applicationTypes.name,
        versionId: applications.versionId,
        initiatorName: users.displayName,
        deadlineAt: applicationSteps.deadlineAt,
      })
      .from(applicationTasks)
      .innerJoin(applications, eq(applications.id, applicationTasks.applicationId))
      .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
      .innerJoin(users, eq(users.id, applications.initiatorId))
      .leftJoin(applicationSteps, eq(applicationSteps.id, applicationTasks.stepId));
  const [rows, total] = await Promise.all([
    base().where(where).orderBy(...order).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    countTasks(q, where, byType || query.typeId !== undefined),
  ]);
  // A page holds a handful of type versions: their definitions (for node names) come from the process's cache of
  // published versions, not once per row, which also keeps the page query one join smaller to plan.
  const [names, versions] = await Promise.all([userNames(q, rows.map((r) => r.task.assigneeId)), versionsById(q, rows.map((r) => r.versionId))]);
  const now = clockNow();
  const items: InboxItem[] = rows.map((r) => ({
    taskId: r.task.id,
    kind: r.task.kind,
    status: r.task.status,
    decision: (r.task.decision as InboxItem['decision']) ?? null,
    nodeId: r.task.nodeId,
    nodeName: nodeNameOf(versions.get(r.versionId)!.definition, r.task.nodeId, locale),
    assignee: { id: r.task.assigneeId, displayName: names.get(r.task.assigneeId) ?? '' },
    onBehalfOf: r.task.assigneeId !== actor.userId && query.tab === 'todo' ? { id: r.task.assigneeId, displayName: names.get(r.task.assigneeId) ?? '' } : null,
    application: {
      id: r.app.id,
      number: r.app.number,
      title: r.app.title,
      typeName: r.typeName,
      initiator: { id: r.app.initiatorId, displayName: r.initiatorName },
      urgent: r.app.urgent,
      status: r.app.status,
    },
    receivedAt: r.task.createdAt.toISOString(),
    actedAt: r.task.actedAt?.toISOString() ?? null,
    deadline: r.task.status === 'pending' ? (r.deadlineAt?.toISOString() ?? null) : null,
    slaState: r.task.status === 'pending' && r.task.kind !== 'cc' ? slaStateOf(r.deadlineAt, now) : 'none',
    formHash: r.app.formHash,
  }));
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function inboxCounts(q: Queryable, actor: UserActor) {
  const mine = await assigneeCondition(q, actor);
  const todo = await countTasks(q, and(mine.where, eq(applicationTasks.status, 'pending'), inArray(applicationTasks.kind, ['approve', 'review'])), mine.byType);
  const cc = await countTasks(q, and(eq(applicationTasks.assigneeId, actor.userId), eq(applicationTasks.status, 'pending'), eq(applicationTasks.kind, 'cc')), false);
  return { todo, cc };
}
