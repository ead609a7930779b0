/**
 * The role home pages, each computed from the data on read (nothing is stored for them):
 * - `setupChecklist`: what an administrator still has to set up (company, departments, people, a notification
 *   channel, next year's calendar, a published application type; backups are listed as not available yet);
 * - `personalHome`: what waits on the reader (approvals and reviews, with the oldest), their applications in progress
 *   and the tracked tasks (督办) they own;
 * - `homeOverview`: what waits on whom — open approvals by flow node and by person, overdue counts, tracked tasks —
 *   for the whole company (CEO, `flow.monitor`) or a department head's departments with their subtrees.
 */
import { and, count, eq, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import type { HomeApplication, HomeOverview, HomeTodo, PersonalHome, SetupChecklist, SetupItem } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import type { UserActor } from '../../kernel/actor.ts';
import { hasPermission } from '../../kernel/access/policy.ts';
import { calendarsLacking } from '../../kernel/calendar/next-year.ts';
import { now as clockNow } from '../../kernel/clock.ts';
import type { Locale } from '../../kernel/messages.ts';
import { notificationChannels } from '../../kernel/notify/schema.ts';
import { departments, users } from '../../kernel/org/schema.ts';
import { readCompany } from '../../kernel/settings/queries.ts';
import { trackedTasks } from '../../kernel/tasks/schema.ts';
import { versionsById } from '../applications/engine/definitions.ts';
import { nodeNameOf } from '../applications/queries.ts';
import { applications, applicationSteps, applicationTypes, applicationTypeVersions } from '../applications/schema.ts';

const OLDEST = 5;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const shanghaiYear = (at: Date) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(at));

// ---------------------------------------------------------------------------------------------------------------
// The administrator's checklist

export async function setupChecklist(q: Queryable): Promise<SetupChecklist> {
  const nextYear = shanghaiYear(clockNow()) + 1;
  const [company, [depts], [people], [channels], lacking, [published]] = await Promise.all([
    readCompany(q),
    q.select({ n: count() }).from(departments).where(eq(departments.active, true)),
    q.select({ n: count() }).from(users).where(and(eq(users.status, 'active'), ne(users.username, 'admin'))),
    q.select({ n: count() }).from(notificationChannels).where(eq(notificationChannels.active, true)),
    calendarsLacking(q, [nextYear]),
    // Built-in types ship published by Henji itself; the item asks for one an administrator published.
    q
      .select({ n: sql<number>`count(distinct ${applicationTypeVersions.typeId})::int` })
      .from(applicationTypeVersions)
      .innerJoin(applicationTypes, eq(applicationTypes.id, applicationTypeVersions.typeId))
      .where(and(isNotNull(applicationTypeVersions.publishedById), eq(applicationTypes.active, true))),
  ]);
  const item = (key: SetupItem['key'], fields: Partial<SetupItem> & { done: boolean; link: string | null }): SetupItem => ({
    key,
    available: true,
    count: null,
    year: null,
    missing: [],
    ...fields,
  });
  const items: SetupItem[] = [
    item('company', {
      done: company.name !== null && company.logoFileId !== null,
      link: '/system/company',
      missing: [...(company.name === null ? ['name'] : []), ...(company.logoFileId === null ? ['logo'] : [])],
    }),
    item('departments', { done: depts!.n > 0, link: '/org/departments', count: depts!.n }),
    item('users', { done: people!.n > 0, link: '/org/users', count: people!.n }),
    item('notification_channel', { done: channels!.n > 0, link: '/system/notification-channels', count: channels!.n }),
    item('calendar_next_year', { done: lacking.length === 0, link: '/system/calendars', year: nextYear, missing: lacking.map((c) => c.name) }),
    item('application_type', { done: published!.n > 0, link: '/admin/application-types', count: published!.n }),
    // Henji has no backups yet: shown honestly as not available, never counted as open or done.
    item('backup', { done: false, available: false, link: null }),
  ];
  const counted = items.filter((i) => i.available);
  return { items, done: counted.filter((i) => i.done).length, total: counted.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Each person's own work

interface TodoRow {
  task_id: string;
  application_id: string;
  number: string | null;
  title: string;
  type_name: string;
  version_id: string;
  node_id: string;
  initiator_id: string;
  initiator_name: string;
  received_at: Date | string;
  deadline_at: Date | string | null;
}

export async function personalHome(q: Queryable, actor: UserActor, locale: Locale): Promise<PersonalHome> {
  const now = clockNow();
  const nowText = now.toISOString();
  const openTodo = sql`t.assignee_id = ${actor.userId} and t.status = 'pending' and t.kind in ('approve', 'review')`;
  const [todoCounts, todoRows, appCount, appRows, taskCounts, taskRows] = await Promise.all([
    queryRows<{ pending: number; overdue: number }>(
      q,
      sql`select count(*)::int as pending, count(*) filter (where s.deadline_at < ${nowText})::int as overdue
          from application_tasks t left join application_steps s on s.id = t.step_id where ${openTodo}`,
    ),
    queryRows<TodoRow>(
      q,
      sql`select t.id as task_id, a.id as application_id, a.number, a.title, ty.name as type_name, a.version_id, t.node_id,
                 a.initiator_id, u.display_name as initiator_name, t.created_at as received_at, s.deadline_at
          from application_tasks t
          join applications a on a.id = t.application_id
          join application_types ty on ty.id = a.type_id
          join users u on u.id = a.initiator_id
          left join application_steps s on s.id = t.step_id
          where ${openTodo}
          order by t.created_at asc, t.id asc limit ${OLDEST}`,
    ),
    q.select({ n: count() }).from(applications).where(myOpenApplications(actor)),
    q
      .select({
        id: applications.id,
        number: applications.number,
        title: applications.title,
        typeName: applicationTypes.name,
        versionId: applications.versionId,
        status: applications.status,
        updatedAt: applications.updatedAt,
      })
      .from(applications)
      .innerJoin(applicationTypes, eq(applicationTypes.id, applications.typeId))
      .where(myOpenApplications(actor))
      .orderBy(sql`${applications.updatedAt} desc`, applications.id)
      .limit(OLDEST),
    queryRows<{ open: number; overdue: number }>(
      q,
      sql`select count(*)::int as open, count(*) filter (where deadline < ${nowText})::int as overdue
          from tracked_tasks where owner_id = ${actor.userId} and status <> 'closed'`,
    ),
    q
      .select()
      .from(trackedTasks)
      .where(and(eq(trackedTasks.ownerId, actor.userId), ne(trackedTasks.status, 'closed')))
      .orderBy(sql`${trackedTasks.deadline} asc nulls last`, trackedTasks.id)
      .limit(OLDEST),
  ]);

  const openSteps = appRows.length
    ? await q
        .select({ applicationId: applicationSteps.applicationId, nodeId: applicationSteps.nodeId })
        .from(applicationSteps)
        .where(and(inArray(applicationSteps.applicationId, appRows.map((a) => a.id)), inArray(applicationSteps.status, ['active', 'paused', 'waiting'])))
        .orderBy(applicationSteps.seq)
    : [];
  const versions = await versionsById(q, [...todoRows.map((r) => r.version_id), ...appRows.map((r) => r.versionId)]);

  const oldest: HomeTodo[] = todoRows.map((r) => {
    const deadline = iso(r.deadline_at);
    return {
      taskId: r.task_id,
      applicationId: r.application_id,
      number: r.number,
      title: r.title,
      typeName: r.type_name,
      nodeName: nodeNameOf(versions.get(r.version_id)!.definition, r.node_id, locale),
      initiator: { id: r.initiator_id, displayName: r.initiator_name },
      receivedAt: iso(r.received_at)!,
      deadline,
      overdue: deadline !== null && deadline < nowText,
    };
  });
  const items: HomeApplication[] = appRows.map((a) => ({
    id: a.id,
    number: a.number,
    title: a.title,
    typeName: a.typeName,
    status: a.status as HomeApplication['status'],
    waitingAt: [
      ...new Set(openSteps.filter((s) => s.applicationId === a.id).map((s) => nodeNameOf(versions.get(a.versionId)!.definition, s.nodeId, locale))),
    ],
    updatedAt: a.updatedAt.toISOString(),
  }));
  return {
    todos: { pending: todoCounts[0]!.pending, overdue: todoCounts[0]!.overdue, oldest },
    applications: { inProgress: appCount[0]!.n, items },
    tasks: {
      open: taskCounts[0]!.open,
      overdue: taskCounts[0]!.overdue,
      items: taskRows.map((t) => ({
        id: t.id,
        number: t.number,
        title: t.title,
        status: t.status,
        deadline: t.deadline?.toISOString() ?? null,
        overdue: t.deadline !== null && t.deadline < now,
      })),
    },
  };
}

const myOpenApplications = (actor: UserActor): SQL =>
  and(eq(applications.initiatorId, actor.userId), inArray(applications.status, ['draft', 'running', 'returned']))!;

// ---------------------------------------------------------------------------------------------------------------
// What waits on whom

/**
 * The departments whose subtrees a department head oversees: those naming them as head, and their own department
 * when they hold the head or director position there (the same people `departmentHeadOf` finds). Empty for others.
 */
export async function headedDepartments(q: Queryable, actor: UserActor): Promise<{ id: string; name: string }[]> {
  const own = actor.departmentId && (actor.positionCode === 'head' || actor.positionCode === 'director') ? actor.departmentId : null;
  const rows = await q
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.active, true), own ? sql`(${departments.headUserId} = ${actor.userId} or ${departments.id} = ${own})` : eq(departments.headUserId, actor.userId)))
    .orderBy(departments.sortOrder, departments.name);
  return rows;
}

/** Whole company for the CEO and `flow.monitor` (administrators, audit); a head's subtrees; null for anyone else. */
export async function overviewScope(q: Queryable, actor: UserActor): Promise<{ scope: 'company' } | { scope: 'departments'; roots: { id: string; name: string }[] } | null> {
  if (actor.roles.has('ceo') || hasPermission(actor, 'flow.monitor')) return { scope: 'company' };
  const roots = await headedDepartments(q, actor);
  return roots.length ? { scope: 'departments', roots } : null;
}

export async function homeOverview(q: Queryable, actor: UserActor, locale: Locale): Promise<HomeOverview | null> {
  const scope = await overviewScope(q, actor);
  if (!scope) return null;
  const nowText = clockNow().toISOString();
  // The subtree of the roots, as a CTE every statement starts with; the company needs no filter.
  const subtree =
    scope.scope === 'company'
      ? sql`with recursive scope(id) as (select null::uuid where false)`
      : sql`with recursive scope(id) as (
              select id from departments where id in (${sql.join(scope.roots.map((r) => sql`${r.id}::uuid`), sql`, `)})
              union select d.id from departments d join scope s on d.parent_id = s.id)`;
  const inScope =
    scope.scope === 'company'
      ? sql`true`
      : sql`(a.department_id in (select id from scope) or asg.department_id in (select id from scope))`;
  const open = sql`from application_tasks t
      join applications a on a.id = t.application_id
      join users asg on asg.id = t.assignee_id
      left join application_steps s on s.id = t.step_id
      where t.status = 'pending' and t.kind in ('approve', 'review') and ${inScope}`;
  const overdue = sql`count(*) filter (where s.deadline_at < ${nowText})::int`;
  const taskScope = scope.scope === 'company' ? sql`true` : sql`(tt.department_id in (select id from scope) or o.department_id in (select id from scope))`;

  const [totals, nodes, people, tasks] = await Promise.all([
    queryRows<{ pending: number; overdue: number }>(q, sql`${subtree} select count(*)::int as pending, ${overdue} as overdue ${open}`),
    queryRows<{ version_id: string; node_id: string; type_name: string; pending: number; overdue: number }>(
      q,
      sql`${subtree} select a.version_id, t.node_id, min(ty.name) as type_name, count(*)::int as pending, ${overdue} as overdue
          from application_tasks t
          join applications a on a.id = t.application_id
          join application_types ty on ty.id = a.type_id
          join users asg on asg.id = t.assignee_id
          left join application_steps s on s.id = t.step_id
          where t.status = 'pending' and t.kind in ('approve', 'review') and ${inScope}
          group by a.version_id, t.node_id`,
    ),
    queryRows<{ user_id: string; display_name: string; department_name: string | null; pending: number; overdue: number; oldest: Date | string }>(
      q,
      sql`${subtree} select asg.id as user_id, min(asg.display_name) as display_name, min(d.name) as department_name,
                 count(*)::int as pending, ${overdue} as overdue, min(t.created_at) as oldest
          from application_tasks t
          join applications a on a.id = t.application_id
          join users asg on asg.id = t.assignee_id
          left join departments d on d.id = asg.department_id
          left join application_steps s on s.id = t.step_id
          where t.status = 'pending' and t.kind in ('approve', 'review') and ${inScope}
          group by asg.id
          order by count(*) desc, min(t.created_at) asc
          limit 20`,
    ),
    queryRows<{ open: number; overdue: number; awaiting_owner: number }>(
      q,
      sql`${subtree} select count(*)::int as open,
                 count(*) filter (where tt.deadline < ${nowText})::int as overdue,
                 count(*) filter (where tt.status = 'awaiting_owner')::int as awaiting_owner
          from tracked_tasks tt left join users o on o.id = tt.owner_id
          where tt.status <> 'closed' and ${taskScope}`,
    ),
  ]);

  // Several versions of a type share node names: one line per (type, node name).
  const versions = await versionsById(q, nodes.map((n) => n.version_id));
  const byNode = new Map<string, HomeOverview['byNode'][number]>();
  for (const n of nodes) {
    const nodeName = nodeNameOf(versions.get(n.version_id)!.definition, n.node_id, locale);
    const key = `${n.type_name}\u0000${nodeName}`;
    const line = byNode.get(key) ?? { typeName: n.type_name, nodeName, pending: 0, overdue: 0 };
    line.pending += n.pending;
    line.overdue += n.overdue;
    byNode.set(key, line);
  }
  return {
    scope: scope.scope,
    departments: scope.scope === 'company' ? [] : scope.roots,
    pending: totals[0]!.pending,
    overdue: totals[0]!.overdue,
    byNode: [...byNode.values()].sort((a, b) => b.pending - a.pending || a.typeName.localeCompare(b.typeName) || a.nodeName.localeCompare(b.nodeName)).slice(0, 20),
    byPerson: people.map((p) => ({
      user: { id: p.user_id, displayName: p.display_name },
      departmentName: p.department_name,
      pending: p.pending,
      overdue: p.overdue,
      oldestSince: iso(p.oldest)!,
    })),
    trackedTasks: { open: tasks[0]!.open, overdue: tasks[0]!.overdue, awaitingOwner: tasks[0]!.awaiting_owner },
  };
}
