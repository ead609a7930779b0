/**
 * Monitoring (F8): running applications with their current node, waiting time and SLA state, and per-node duration
 * statistics — all in working minutes on the business calendar, so a weekend is not counted as waiting.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ApplicationDefinition, MonitorQuery, NodeStats } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import { requirePermission } from '../../kernel/access/policy.ts';
import type { UserActor } from '../../kernel/actor.ts';
import { loadCalendarByCode, usualDayMinutes, workingMinutesBetween, type CalendarSpec } from '../../kernel/calendar/index.ts';
import { versionsById } from './engine/definitions.ts';
import { notFound } from '../../kernel/errors.ts';
import type { Locale } from '../../kernel/messages.ts';
import { nodeNameOf, presentSummaries } from './queries.ts';
import { applications, applicationSteps, applicationTypes, applicationTypeVersions } from './schema.ts';
import { now as clockNow, sqlNow } from '../../kernel/clock.ts';

const DUE_SOON = sql`interval '4 hours'`;
const STATS_SAMPLE = 5000;

export async function monitorApplications(q: Queryable, actor: UserActor, query: z.infer<typeof MonitorQuery>, locale: Locale) {
  requirePermission(actor, 'flow.monitor');
  const sla = {
    overdue: sql`s.deadline_at < ${sqlNow()}`,
    due_soon: sql`s.deadline_at >= ${sqlNow()} and s.deadline_at < ${sqlNow()} + ${DUE_SOON}`,
    on_time: sql`s.deadline_at >= ${sqlNow()} + ${DUE_SOON}`,
    none: sql`s.deadline_at is null`,
  };
  const filters = [sql`a.status = 'running'`];
  if (query.typeId) filters.push(sql`a.type_id = ${query.typeId}`);
  if (query.sla) filters.push(sla[query.sla]);
  const where = sql.join(filters, sql` and `);
  const order = { waiting: sql`s.entered_at asc`, deadline: sql`s.deadline_at asc nulls last`, submittedAt: sql`a.submitted_at asc` }[query.sort];
  const from = sql`from applications a
    join lateral (select min(entered_at) as entered_at, min(deadline_at) as deadline_at from application_steps
                  where application_id = a.id and status = 'active') s on s.entered_at is not null`;
  const [page, [count]] = await Promise.all([
    queryRows<{ id: string; entered_at: string; deadline_at: string | null }>(
      q,
      sql`select a.id, s.entered_at, s.deadline_at ${from} where ${where} order by ${order}, a.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    queryRows<{ n: number }>(q, sql`select count(*)::int as n ${from} where ${where}`),
  ]);
  const rows = page.length > 0 ? await q.select().from(applications).where(inArray(applications.id, page.map((p) => p.id))) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = page.map((p) => byId.get(p.id)!).filter(Boolean);
  const summaries = await presentSummaries(q, ordered, locale);
  // Times count on the calendar each application's definition names (its SLA deadlines do), else the default.
  const versions = await versionsById(q, ordered.map((r) => r.versionId));
  const calendarOf = await calendarsByCode(q, [...versions.values()].map((v) => v.definition.calendar));
  const rowCalendar = (row: (typeof ordered)[number]) => calendarOf(versions.get(row.versionId)?.definition.calendar);
  const now = clockNow();
  const usual = await usualDurations(
    q,
    ordered.flatMap((row, i) => summaries[i]!.currentNodes.map((n) => ({ typeId: row.typeId, nodeId: n.nodeId, calendar: rowCalendar(row) }))),
  );
  const items = summaries.map((s, i) => {
    const cal = rowCalendar(ordered[i]!);
    const entered = new Date(page[i]!.entered_at);
    const deadline = page[i]!.deadline_at ? new Date(page[i]!.deadline_at!) : null;
    const waiting = s.currentNodes.map((n) => ({ ...n, minutes: workingMinutesBetween(cal, new Date(n.since), now) }));
    return {
      ...s,
      waitingMinutes: workingMinutesBetween(cal, entered, now),
      overdueMinutes: deadline && deadline < now ? workingMinutesBetween(cal, deadline, now) : 0,
      deviation: deviationOf(waiting, (nodeId) => usual.get(`${ordered[i]!.typeId}:${nodeId}`)),
      minutesPerDay: usualDayMinutes(cal.weekly),
    };
  });
  return { items, total: count?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null;

/** The calendars these codes name (undefined: the default), as a lookup; each loaded once. */
async function calendarsByCode(q: Queryable, codes: (string | undefined)[]): Promise<(code: string | undefined) => CalendarSpec> {
  const loaded = new Map(await Promise.all([...new Set(codes)].map(async (code) => [code, await loadCalendarByCode(q, code)] as const)));
  return (code) => loaded.get(code)!;
}

/** How many recent completions of a node its usual duration is taken from, and how few make no usual at all. */
const USUAL_SAMPLE = 200;
const USUAL_MIN_SAMPLE = 5;
/** Waiting less than this is never a deviation, however quick the node usually is. */
const DEVIATION_FLOOR_MINUTES = 60;

/**
 * The usual duration of each (type, node): the P90 of the working minutes its last completions took, keyed
 * `typeId:nodeId`; absent when the node has completed fewer than `USUAL_MIN_SAMPLE` times.
 */
async function usualDurations(q: Queryable, pairs: { typeId: string; nodeId: string; calendar: CalendarSpec }[]): Promise<Map<string, number>> {
  const wantedBy = new Map(pairs.map((p) => [`${p.typeId}:${p.nodeId}`, p]));
  const wanted = [...wantedBy.values()];
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<{ type_id: string; node_id: string; entered_at: string; left_at: string }>(
    q,
    sql`select type_id, node_id, entered_at, left_at from (
          select a.type_id, s.node_id, s.entered_at, s.left_at,
                 row_number() over (partition by a.type_id, s.node_id order by s.left_at desc) as n
          from application_steps s join applications a on a.id = s.application_id
          where s.node_type = 'approval' and s.status = 'completed' and s.left_at is not null
            and (${sql.join(wanted.map((w) => sql`(a.type_id = ${w.typeId} and s.node_id = ${w.nodeId})`), sql` or `)})
        ) recent where n <= ${USUAL_SAMPLE}`,
  );
  const samples = new Map<string, number[]>();
  for (const r of rows) {
    const key = `${r.type_id}:${r.node_id}`;
    const list = samples.get(key) ?? [];
    list.push(workingMinutesBetween(wantedBy.get(key)!.calendar, new Date(r.entered_at), new Date(r.left_at)));
    samples.set(key, list);
  }
  const usual = new Map<string, number>();
  for (const [key, minutes] of samples) {
    if (minutes.length >= USUAL_MIN_SAMPLE) usual.set(key, percentile(minutes.sort((a, b) => a - b), 0.9)!);
  }
  return usual;
}

/**
 * 偏离常规 (F8 "deviations"): the current node that has waited longest beyond its usual duration, if any has waited
 * longer than 90% of its recent completions took (and at least an hour). Nodes without enough history are not judged.
 */
export function deviationOf(
  nodes: readonly { nodeId: string; nodeName: string; minutes: number }[],
  usualOf: (nodeId: string) => number | undefined,
): { nodeId: string; nodeName: string; waitingMinutes: number; usualMinutes: number } | null {
  let worst: { nodeId: string; nodeName: string; waitingMinutes: number; usualMinutes: number } | null = null;
  for (const node of nodes) {
    const usual = usualOf(node.nodeId);
    if (usual === undefined || node.minutes <= Math.max(usual, DEVIATION_FLOOR_MINUTES - 1)) continue;
    if (!worst || node.minutes - usual > worst.waitingMinutes - worst.usualMinutes) {
      worst = { nodeId: node.nodeId, nodeName: node.nodeName, waitingMinutes: node.minutes, usualMinutes: usual };
    }
  }
  return worst;
}

/** Per approval node of a type: how many passed, how many wait now, how many are overdue, average and p90 durations. */
export async function nodeStats(q: Queryable, actor: UserActor, typeId: string, locale: Locale): Promise<NodeStats> {
  requirePermission(actor, 'flow.monitor');
  const [type] = await q
    .select({ id: applicationTypes.id, definition: applicationTypeVersions.definition })
    .from(applicationTypes)
    .leftJoin(applicationTypeVersions, eq(applicationTypeVersions.id, applicationTypes.publishedVersionId))
    .where(eq(applicationTypes.id, typeId));
  if (!type) throw notFound('application_type');
  const steps = await q
    .select({ nodeId: applicationSteps.nodeId, status: applicationSteps.status, enteredAt: applicationSteps.enteredAt, leftAt: applicationSteps.leftAt, deadlineAt: applicationSteps.deadlineAt })
    .from(applicationSteps)
    .innerJoin(applications, eq(applications.id, applicationSteps.applicationId))
    .where(and(eq(applications.typeId, typeId), eq(applicationSteps.nodeType, 'approval'), inArray(applicationSteps.status, ['active', 'completed'])))
    .orderBy(desc(applicationSteps.enteredAt))
    .limit(STATS_SAMPLE);
  // A node that only exists in older versions is named as the newest version that has it named it; those versions
  // are read only when there is such a node.
  const has = (definition: ApplicationDefinition | null | undefined, nodeId: string) => definition?.flow.nodes.some((n) => n.id === nodeId) ?? false;
  const older = steps.some((s) => !has(type.definition, s.nodeId))
    ? await q
        .select({ definition: applicationTypeVersions.definition })
        .from(applicationTypeVersions)
        .where(and(eq(applicationTypeVersions.typeId, typeId), ne(applicationTypeVersions.status, 'draft')))
        .orderBy(desc(applicationTypeVersions.version))
    : [];
  const nameOf = (nodeId: string) => {
    const definition = [type.definition, ...older.map((h) => h.definition)].find((d) => has(d, nodeId));
    return definition ? nodeNameOf(definition, nodeId, locale) : nodeId;
  };
  const calendar = await loadCalendarByCode(q, type.definition?.calendar);
  const now = clockNow();
  const order = type.definition?.flow.nodes.filter((n) => n.type === 'approval').map((n) => n.id) ?? [];
  const nodeIds = [...new Set([...order, ...steps.map((s) => s.nodeId)])];
  return {
    typeId,
    minutesPerDay: usualDayMinutes(calendar.weekly),
    nodes: nodeIds.map((nodeId) => {
      const mine = steps.filter((s) => s.nodeId === nodeId);
      const durations = mine
        .filter((s) => s.status === 'completed' && s.leftAt)
        .map((s) => workingMinutesBetween(calendar, s.enteredAt, s.leftAt!))
        .sort((a, b) => a - b);
      const running = mine.filter((s) => s.status === 'active');
      return {
        nodeId,
        nodeName: nameOf(nodeId),
        completed: durations.length,
        running: running.length,
        overdue: running.filter((s) => s.deadlineAt && s.deadlineAt < now).length,
        avgMinutes: durations.length > 0 ? Math.round(durations.reduce((a, b) => a + b, 0) / durations.length) : null,
        p90Minutes: percentile(durations, 0.9),
      };
    }),
  };
}
