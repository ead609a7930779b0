/**
 * Next year's holidays (K6). The State Council publishes a year's arrangements in the autumn before it; a calendar
 * that does not have them yet counts that year by its weekly hours alone. So from 1 November (Asia/Shanghai) of year
 * Y, while the default calendar or a calendar following the official arrangements does not know Y + 1 (nor, later,
 * the year under way), administrators see a banner on the home page (`GET /api/calendars/warnings`, computed on read)
 * and are told once per missing year by notification.
 *
 * The telling is a traced command, `calendars.checkNextYear`, run when a server starts and by a durable job
 * (`calendar.next_year_check`) queued for the next 1 November 00:00 in Shanghai; each run queues the next one unless
 * one is pending. "Once" holds across restarts and processes: the check holds an advisory lock for its transaction
 * and sends nothing when a notification of that template for that year already exists.
 */
import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { CalendarWarnings } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import { noRequest, systemActor } from '../actor.ts';
import { PERMISSIONS } from '../access/policy.ts';
import { todayInShanghai } from '../clock.ts';
import { defineCommand, executeIn } from '../command.ts';
import { registerJobHandler } from '../jobs/handlers.ts';
import { enqueue } from '../jobs/queue.ts';
import { jobs } from '../jobs/schema.ts';
import { notify, registerNotificationTemplates } from '../notify/index.ts';
import { notifications } from '../notify/schema.ts';
import { roles, userRoles, users } from '../org/schema.ts';
import { knownYears } from './queries.ts';
import { calendarDays, calendars } from './schema.ts';

export const NEXT_YEAR_JOB = 'calendar.next_year_check';
/** The month (1-based) from whose first day next year's arrangements are awaited. */
export const WARNING_MONTH = 11;
/** Any constant shared by every process: the check's transaction-scoped advisory lock. */
const CHECK_LOCK = 0x4b36_0001;

export const CALENDAR_TEMPLATES = registerNotificationTemplates({
  'calendar.year_missing': {
    'zh-CN': {
      title: '请导入 {year} 年的节假日安排',
      body: '工作日历“{calendars}”尚无 {year} 年的放假与调休安排，跨入该年的截止时间只按每周工作时间计算。国务院通知发布后，请在 系统设置 → 工作日历 中导入（粘贴通知原文、ICS 或 Excel）。',
    },
    'en-US': {
      title: 'Import the holidays of {year}',
      body: 'The business calendar(s) {calendars} have no holidays or make-up workdays for {year}: deadlines reaching into it are counted by the weekly hours alone. Once the State Council has published its notice, import it under System → Business calendars (paste the notice, an ICS feed or an Excel sheet).',
    },
  },
});
type CalendarTemplates = { [K in keyof typeof CALENDAR_TEMPLATES]: true };
declare module '../notify/templates.ts' {
  interface NotificationTemplateCatalogue extends CalendarTemplates {}
}

/** The years whose arrangements should be there at `now`: the year under way, and from 1 November the next one. */
export function awaitedYears(now: Date): number[] {
  const [year, month] = todayInShanghai(now).split('-').map(Number) as [number, number];
  return month >= WARNING_MONTH ? [year, year + 1] : [year];
}

/** 1 November 00:00 in Shanghai of the year after `now`'s, or of `now`'s own year while it is still before then. */
export function nextCheckAt(now: Date): Date {
  const [year, month] = todayInShanghai(now).split('-').map(Number) as [number, number];
  const target = month >= WARNING_MONTH ? year + 1 : year;
  return new Date(`${target}-${String(WARNING_MONTH).padStart(2, '0')}-01T00:00:00+08:00`);
}

/**
 * The default calendar and those following the official arrangements that lack one of `years`. A calendar without any
 * known year (no official year, no day at all) has no holidays on purpose and lacks nothing.
 */
export async function calendarsLacking(q: Queryable, years: readonly number[]): Promise<CalendarWarnings['items']> {
  const rows = await q
    .select()
    .from(calendars)
    .where(or(eq(calendars.isDefault, true), eq(calendars.followsOfficial, true)))
    .orderBy(sql`${calendars.isDefault} desc`, calendars.createdAt);
  const items: CalendarWarnings['items'] = [];
  for (const row of rows) {
    // Only a calendar kept by hand needs its days read: its known years are the years it has days in.
    const days =
      row.officialYears.length > 0
        ? []
        : await q
            .selectDistinct({ date: sql<string>`to_char(${calendarDays.date}, 'YYYY-01-01')` })
            .from(calendarDays)
            .where(eq(calendarDays.calendarId, row.id));
    const known = knownYears(row.officialYears, days);
    if (known.size === 0) continue;
    for (const year of years.filter((y) => !known.has(y))) {
      items.push({ calendarId: row.id, code: row.code, name: row.name, isDefault: row.isDefault, year });
    }
  }
  return items;
}

/** What the home page's banner shows; every signed-in user may read it (calendars are public), the web shows it to managers. */
export async function calendarWarnings(q: Queryable, now: Date): Promise<CalendarWarnings> {
  return { items: await calendarsLacking(q, awaitedYears(now)) };
}

/** Active users holding a role that may manage calendars. */
async function calendarManagers(q: Queryable): Promise<string[]> {
  const rows = await q
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(eq(users.status, 'active'), sql`${roles.code} in (${sql.join(PERMISSIONS['calendar.manage'].map((r) => sql`${r}`), sql`, `)})`));
  return rows.map((r) => r.id).sort();
}

async function alreadyTold(q: Queryable, year: number): Promise<boolean> {
  const [row] = await q
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.template, 'calendar.year_missing'), sql`${notifications.params}->>'year' = ${String(year)}`))
    .limit(1);
  return row !== undefined;
}

export interface NextYearCheck {
  /** The years administrators were told about now. */
  told: number[];
  /** When the next check runs, if this run queued it. */
  queued: string | null;
}

export const checkNextYear = defineCommand('calendars.checkNextYear', async (ctx, { jobId }: { jobId: string | null }): Promise<NextYearCheck> => {
  await ctx.tx.execute(sql`select pg_advisory_xact_lock(${CHECK_LOCK})`);
  const result: NextYearCheck = { told: [], queued: null };
  const [main] = await ctx.tx.select({ id: calendars.id }).from(calendars).where(eq(calendars.isDefault, true));
  if (!main) return result;

  const lacking = await calendarsLacking(ctx.tx, awaitedYears(ctx.now));
  const managers = await calendarManagers(ctx.tx);
  for (const year of [...new Set(lacking.map((c) => c.year))]) {
    if (await alreadyTold(ctx.tx, year)) continue;
    const these = lacking.filter((c) => c.year === year);
    const sent = await notify(ctx, {
      recipients: managers,
      template: 'calendar.year_missing',
      params: { year, calendars: these.map((c) => c.name).join('、') },
      link: '/system/calendars',
      subject: { type: 'calendar', id: these[0]!.calendarId },
    });
    if (!sent) continue;
    for (const calendar of these) {
      await ctx.trace({
        action: 'calendar.year_missing',
        subjectType: 'calendar',
        subjectId: calendar.calendarId,
        diff: { year: { after: year }, notified: { after: sent.notifications.map((n) => n.recipientId) } },
      });
    }
    result.told.push(year);
  }

  const pending = await ctx.tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, NEXT_YEAR_JOB), eq(jobs.state, 'pending'), jobId ? ne(jobs.id, jobId) : undefined))
    .limit(1);
  if (pending.length === 0) {
    const at = nextCheckAt(ctx.now);
    await enqueue(ctx.tx, NEXT_YEAR_JOB, { calendarId: main.id }, { runAt: at });
    await ctx.trace({ action: 'calendar.year_check_queued', subjectType: 'calendar', subjectId: main.id, diff: { nextCheckAt: { after: at.toISOString() } } });
    result.queued = at.toISOString();
  }
  return result;
});

registerJobHandler(NEXT_YEAR_JOB, {
  mode: 'transactional',
  run: async (tx, job) => {
    await executeIn(tx, { actor: systemActor('calendar-check'), meta: noRequest }, checkNextYear, { jobId: job.id });
  },
});

