/**
 * K2: "a test walks every registered command and fails if one changes a row without a trace entry."
 *
 * Every command registered by the server (and the CLI seed) must have an entry in CASES below: inputs built with
 * factories, a caller, and the subjects it must trace. For each case the walker snapshots every non-ledger table row
 * by row, runs the command, and checks that each changed row is covered by a new ledger entry about that row's
 * subject, that every new entry names the right actor and a subject the command touched, and that no entry carries a
 * password hash in clear. A new command without a case fails here, so it cannot ship untested.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/http/server.ts';
import { queryRows, type Database } from '../../src/db/client.ts';
import { actorId } from '../../src/kernel/actor.ts';
import { defineCommand, execute, registeredCommands } from '../../src/kernel/command.ts';
import { InternalError } from '../../src/kernel/errors.ts';
import { createDepartment } from '../../src/kernel/org/commands/create-department.ts';
import { createPosition } from '../../src/kernel/org/commands/positions-and-roles.ts';
import { updateDepartment } from '../../src/kernel/org/commands/update-department.ts';
import { departments, positions, userRoles } from '../../src/kernel/org/schema.ts';
import { callerFor, makeDepartment, makeUser, startHenji, systemCaller, unique, type TestHenji } from '../harness.ts';
import * as CLOSED_LISTS from '@henji/contracts/values';
import { listEntries } from '../../src/kernel/ledger/queries.ts';
import { CASES } from './command-cases.ts';
import { application, applicationType, file, trackedTask } from './command-plan.ts';
import { admin, apiToken, calendar, delegation, department, deptCode, notification, notificationChannel, plan, position, role, type Case, type Subject, user, webhook } from './command-plan.ts';

/** Commands this file defines to prove the mechanism; they are not part of Henji. */
const rogueInsert = defineCommand('test.rogue.insertWithoutTrace', async (ctx, { code }: { code: string }) => {
  await ctx.tx.insert(departments).values({ id: randomUUID(), code, name: '无痕部门', createdAt: ctx.now, updatedAt: ctx.now });
});
const rogueUpdate = defineCommand('test.rogue.updateWithoutTrace', async (ctx, { id }: { id: string }) => {
  await ctx.tx.update(departments).set({ name: '悄悄改名' }).where(eq(departments.id, id));
});
const rogueDelete = defineCommand('test.rogue.deleteWithoutTrace', async (ctx, { userId }: { userId: string }) => {
  await ctx.tx.delete(userRoles).where(eq(userRoles.userId, userId));
});
/** Traces, but about something else than what it changes: the mechanism lets it pass, the walker must not. */
const rogueMisdirected = defineCommand('test.rogue.tracesTheWrongSubject', async (ctx, { code, decoyId }: { code: string; decoyId: string }) => {
  await ctx.tx.insert(departments).values({ id: randomUUID(), code, name: '错痕部门', createdAt: ctx.now, updatedAt: ctx.now });
  await ctx.trace({ action: 'department.update', subjectType: 'department', subjectId: decoyId, diff: {} });
});
const ROGUE = new Set([rogueInsert, rogueUpdate, rogueDelete, rogueMisdirected].map((c) => c.name));

// ---------------------------------------------------------------------------------------------------------------
// Observing a command: every non-ledger table, row by row, before and after.

/** Which subject a changed row belongs to. Tables not listed here still need at least one trace per change. */
const SUBJECT_OF_ROW: Record<string, (row: Record<string, unknown>) => Subject> = {
  departments: (r) => department(String(r.id)),
  users: (r) => user(String(r.id)),
  user_roles: (r) => user(String(r.user_id)),
  positions: (r) => position(String(r.id)),
  roles: (r) => role(String(r.id)),
  delegations: (r) => delegation(String(r.id)),
  sessions: (r) => user(String(r.user_id)),
  api_tokens: (r) => apiToken(String(r.id)),
  webhook_subscriptions: (r) => webhook(String(r.id)),
  /** A file's own trace records its upload and every attachment change (the record it is attached to traces it too). */
  files: (r) => file(String(r.id)),
  /** An issued number belongs to what it was issued for; the sequence counters are covered by that same trace. */
  issued_numbers: (r) => ({ type: String(r.subject_type), id: String(r.subject_id) }),
  calendars: (r) => calendar(String(r.id)),
  calendar_days: (r) => calendar(String(r.calendar_id)),
  /** An unread notification belongs to its batch (notify() traces the batch); once read, to its reader, who traces it. */
  notifications: (r) => (r.read_at === null ? notification(String(r.batch_id)) : user(String(r.recipient_id))),
  notification_preferences: (r) => user(String(r.user_id)),
  notification_channels: (r) => notificationChannel(String(r.id)),
  application_types: (r) => applicationType(String(r.id)),
  application_type_versions: (r) => applicationType(String(r.type_id)),
  applications: (r) => application(String(r.id)),
  application_steps: (r) => application(String(r.application_id)),
  application_tasks: (r) => application(String(r.application_id)),
  application_comments: (r) => application(String(r.application_id)),
  user_phrases: (r) => user(String(r.user_id)),
  user_signatures: (r) => user(String(r.user_id)),
  tracked_tasks: (r) => trackedTask(String(r.id)),
  system_settings: (r) => ({ type: 'system_setting', id: String(r.key) }),
  task_reports: (r) => trackedTask(String(r.task_id)),
  rooms: (r) => ({ type: 'room', id: String(r.id) }),
  equipment: (r) => ({ type: 'equipment', id: String(r.id) }),
  bookings: (r) => ({ type: 'booking', id: String(r.id) }),
  /** A booking's claims on its room and equipment are the booking's. */
  booking_resources: (r) => ({ type: 'booking', id: String(r.booking_id) }),
  /** The minutes' rows (working minutes, versions, feedback, resolutions) are the trace of `meeting_minutes` (the meeting's id). */
  meeting_minutes: (r) => ({ type: 'meeting_minutes', id: String(r.meeting_id) }),
  meeting_minutes_versions: (r) => ({ type: 'meeting_minutes', id: String(r.meeting_id) }),
  meeting_minutes_feedback: (r) => ({ type: 'meeting_minutes', id: String(r.meeting_id) }),
  meeting_resolutions: (r) => ({ type: 'meeting_minutes', id: String(r.meeting_id) }),
  /** An attendee's reply and attendance are the meeting's. */
  meeting_attendees: (r) => ({ type: 'meeting', id: String(r.meeting_id) }),
  meetings: (r) => ({ type: 'meeting', id: String(r.id) }),
  meeting_agenda_items: (r) => ({ type: 'meeting', id: String(r.meeting_id) }),
  meeting_series: (r) => ({ type: 'meeting_series', id: String(r.id) }),
  calendar_feeds: (r) => ({ type: 'calendar_feed', id: String(r.id) }),
  /** A job belongs to what it works for: a delivery to its subscription, a timer to its application. A new job kind must say which that is. */
  jobs: (r) =>
    r.kind === 'webhook.deliver'
      ? webhook(String((r.payload as { subscriptionId?: unknown }).subscriptionId))
      : r.kind === 'notify.deliver'
        ? notification(String((r.payload as { batchId?: unknown }).batchId))
        : r.kind === 'application.sla'
          ? application(String((r.payload as { applicationId?: unknown }).applicationId))
          : r.kind === 'tracked_task.timer'
            ? trackedTask(String((r.payload as { taskId?: unknown }).taskId))
            : r.kind === 'meeting.attendance_close'
              ? { type: 'meeting', id: String((r.payload as { meetingId?: unknown }).meetingId) }
              : r.kind === 'calendar.next_year_check'
                ? calendar(String((r.payload as { calendarId?: unknown }).calendarId))
                : { type: `job of kind ${String(r.kind)}, which SUBJECT_OF_ROW does not know`, id: String(r.id) },
};

type Snapshot = Map<string, Map<string, string>>;

interface ChangedRow {
  table: string;
  key: string;
  row: Record<string, unknown>;
}

const isTraceTable = (name: string) => name.startsWith('ledger_') || name === 'henji_migrations';

async function snapshot(db: Database): Promise<Snapshot> {
  const tables = await queryRows<{ name: string; pk: string[] | null }>(
    db,
    sql`select c.relname as name,
          (select array_agg(a.attname::text order by a.attnum) from pg_index i
             join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
           where i.indrelid = c.oid and i.indisprimary) as pk
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p')
        order by c.relname`,
  );
  const out: Snapshot = new Map();
  for (const table of tables.filter((t) => !isTraceTable(t.name))) {
    const key = table.pk?.length
      ? sql.raw(`json_build_array(${table.pk.map((c) => `t."${c}"`).join(', ')})::text`)
      : sql.raw('row_to_json(t)::text');
    const rows = await queryRows<{ key: string; row: string }>(
      db,
      sql`select ${key} as key, row_to_json(t)::text as row from ${sql.raw(`"${table.name}"`)} t`,
    );
    out.set(table.name, new Map(rows.map((r) => [r.key, r.row])));
  }
  return out;
}

function changedRows(before: Snapshot, after: Snapshot): ChangedRow[] {
  const changed: ChangedRow[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table) ?? new Map<string, string>();
    const b = after.get(table) ?? new Map<string, string>();
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      const was = a.get(key);
      const now = b.get(key);
      if (was !== now) changed.push({ table, key, row: JSON.parse((now ?? was)!) as Record<string, unknown> });
    }
  }
  return changed;
}

interface EntryRow {
  id: string;
  actor_id: string | null;
  on_behalf_of_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  payload: string;
  recorded_at: string;
}

async function lastEntryId(db: Database): Promise<string> {
  const [row] = await queryRows<{ id: string }>(db, sql`select coalesce(max(id), 0)::text as id from ledger_entries`);
  return row!.id;
}

async function entriesAfter(db: Database, id: string): Promise<EntryRow[]> {
  return queryRows<EntryRow>(
    db,
    sql`select id::text, actor_id, on_behalf_of_id, action, subject_type, subject_id, payload, recorded_at::text
        from ledger_entries where id > ${id}::bigint order by id`,
  );
}

interface Observation {
  changed: ChangedRow[];
  entries: EntryRow[];
  expected: Subject[];
}

async function observe(h: TestHenji, c: Case): Promise<Observation> {
  const before = await snapshot(h.db);
  const lastId = await lastEntryId(h.db);
  const expected = await c.run(h.db);
  const after = await snapshot(h.db);
  return { changed: changedRows(before, after), entries: await entriesAfter(h.db, lastId), expected };
}

const keyOf = (s: Subject) => `${s.type}:${s.id}`;

/** Everything wrong with what a command did to the database and the ledger; empty when it is fully traced. */
function problemsOf(c: Pick<Case, 'caller' | 'label'>, { changed, entries, expected }: Observation): string[] {
  const problems: string[] = [];
  const traced = new Set(entries.map((e) => keyOf({ type: e.subject_type, id: e.subject_id })));
  if (changed.length > 0 && entries.length === 0) {
    problems.push(`${c.label}: changed ${changed.length} rows (${[...new Set(changed.map((r) => r.table))].join(', ')}) without a trace`);
  }
  const touched = new Set(expected.map(keyOf));
  for (const row of changed) {
    const of = SUBJECT_OF_ROW[row.table];
    if (!of) continue; // covered by the rule above: some trace must exist
    const s = of(row.row);
    touched.add(keyOf(s));
    if (!traced.has(keyOf(s))) problems.push(`${c.label}: row ${row.key} of ${row.table} changed but no entry traces ${keyOf(s)}`);
  }
  for (const s of expected) if (!traced.has(keyOf(s))) problems.push(`${c.label}: no entry traces ${keyOf(s)}`);

  const wantActor = c.caller.delegate ? c.caller.delegate.userId : actorId(c.caller.actor);
  const wantBehalf = c.caller.delegate ? actorId(c.caller.actor) : null;
  for (const e of entries) {
    const where = `${c.label}: entry ${e.id} (${e.action} ${e.subject_type}:${e.subject_id})`;
    if (e.actor_id !== wantActor) problems.push(`${where} has actor ${e.actor_id}, expected ${wantActor}`);
    if (e.on_behalf_of_id !== wantBehalf) problems.push(`${where} is on behalf of ${e.on_behalf_of_id}, expected ${wantBehalf}`);
    if (!touched.has(keyOf({ type: e.subject_type, id: e.subject_id }))) problems.push(`${where} is about a subject the command did not touch`);
    const payload = JSON.parse(e.payload) as { requestId: string | null; ip: string | null };
    if (payload.requestId !== c.caller.meta.requestId) problems.push(`${where} has request id ${payload.requestId}`);
    if (payload.ip !== c.caller.meta.ip) problems.push(`${where} has ip ${payload.ip}`);
    if (/scrypt\$/.test(e.payload)) problems.push(`${where} carries a password hash in clear`);
    if (/whsec_/.test(e.payload)) problems.push(`${where} carries a webhook secret in clear`);
  }
  if (new Set(entries.map((e) => e.recorded_at)).size > 1) problems.push(`${c.label}: the entries of one command carry different times`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

let h: TestHenji;
beforeAll(async () => {
  h = await startHenji();
});
afterAll(async () => h?.close());

const walked = [...registeredCommands().keys()].filter((name) => !ROGUE.has(name)).sort();

describe('every registered command traces what it changes', () => {
  it('has a case for every registered command, and none for a command that does not exist', () => {
    expect(walked.length).toBeGreaterThanOrEqual(20);
    expect(walked.filter((name) => !(name in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((name) => !registeredCommands().has(name))).toEqual([]);
  });

  it.each(walked)('%s', async (name) => {
    const build = CASES[name];
    if (!build) throw new Error(`command ${name} has no case in commands-traced.test.ts: add one`);
    const cases = await build(h);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.command, `${c.label} runs ${name}`).toBe(registeredCommands().get(name));
      const seen = await observe(h, c);
      expect(problemsOf(c, seen)).toEqual([]);
      if (c.quiet) {
        expect(seen.changed, `${c.label} changes nothing`).toEqual([]);
        expect(seen.entries, `${c.label} traces nothing`).toEqual([]);
      } else if (c.traceOnly) {
        expect(seen.changed, `${c.label} changes nothing`).toEqual([]);
        expect(seen.entries.length, `${c.label} traces the event`).toBeGreaterThan(0);
      } else {
        expect(seen.changed.length, `${c.label} should exercise a path that changes data`).toBeGreaterThan(0);
      }
    }
  });
});

/** Fields whose value is a code a person typed or an identity, shown as it is: a department's code, a username. */
const SHOWN_AS_TYPED = new Set(['code', 'username', 'identity', 'detail']);

describe('plain-language traces (issue 9, item 2)', () => {
  it('word every code of the closed lists (contracts/values.ts) that the walked commands traced', async () => {
    const codes = new Set(Object.values(CLOSED_LISTS).flatMap((list) => (Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : [])));
    expect(codes.size).toBeGreaterThan(50);
    const raw = new Set<string>();
    let described = 0;
    let beforeId: string | undefined;
    do {
      const page = await listEntries(h.db, { limit: 500, beforeId }, 'zh-CN');
      for (const e of page.items) {
        for (const f of e.description.fields) {
          described += 1;
          if (SHOWN_AS_TYPED.has(f.field)) continue;
          // Lists are joined with 、 and objects written as 标签：值；… — every part must be a word, not a code.
          const parts = [f.before, f.after].flatMap((v) => (v ? v.split(/[、；;：:,，\s]+/) : []));
          for (const part of parts) if (codes.has(part)) raw.add(`${e.subjectType}.${f.field} = ${part} (${e.action})`);
        }
      }
      beforeId = page.nextBeforeId ?? undefined;
    } while (beforeId);
    expect(described).toBeGreaterThan(100);
    expect([...raw].sort()).toEqual([]);
  });
});

describe('the mechanism', () => {
  it('rejects a command that inserts a row without a trace, and rolls the row back', async () => {
    const code = deptCode();
    const lastId = await lastEntryId(h.db);
    const attempt = execute(h.db, systemCaller, rogueInsert, { code });
    await expect(attempt).rejects.toBeInstanceOf(InternalError);
    await expect(attempt).rejects.toThrow(/changed data without writing a trace/);
    expect(await h.db.select().from(departments).where(eq(departments.code, code))).toEqual([]);
    expect(await entriesAfter(h.db, lastId)).toEqual([]);
  });

  it('rejects a command that updates a row without a trace, and keeps the old value', async () => {
    const dept = await makeDepartment(h, { name: '原名' });
    await expect(execute(h.db, systemCaller, rogueUpdate, { id: dept.id })).rejects.toThrow(/without writing a trace/);
    const [row] = await h.db.select().from(departments).where(eq(departments.id, dept.id));
    expect(row!.name).toBe('原名');
  });

  it('rejects a command that deletes a row without a trace, and keeps the row', async () => {
    const person = await makeUser(h, { roles: ['audit'] });
    await expect(execute(h.db, systemCaller, rogueDelete, { userId: person.row.id })).rejects.toThrow(/without writing a trace/);
    expect(await h.db.select().from(userRoles).where(eq(userRoles.userId, person.row.id))).toHaveLength(1);
  });

  it('accepts a command that changes nothing right after one that did, on the same connection', async () => {
    // PostgreSQL ≥ 15 keeps earlier transactions' counts in pg_stat_xact_* until it flushes them (at most once a
    // second), so a check reading them as absolute numbers would reject this no-op update.
    const caller = callerFor(await admin(h));
    const dept = await execute(h.db, caller, createDepartment, { code: deptCode(), name: '无变化' });
    const lastId = await lastEntryId(h.db);
    await expect(execute(h.db, caller, updateDepartment, { id: dept.id, changes: { name: '无变化' } })).resolves.toMatchObject({ id: dept.id });
    expect(await entriesAfter(h.db, lastId)).toEqual([]);
  });

  it('the walker catches a command whose trace is about something else than what it changed', async () => {
    const decoy = await makeDepartment(h);
    const code = deptCode();
    const c = plan('misdirected', rogueMisdirected, systemCaller, { code, decoyId: decoy.id });
    const problems = problemsOf(c, await observe(h, c));
    const [inserted] = await h.db.select().from(departments).where(eq(departments.code, code));
    expect(problems).toContain(`misdirected: row ["${inserted!.id}"] of departments changed but no entry traces department:${inserted!.id}`);
    expect(problems.some((p) => p.includes(`department:${decoy.id}) is about a subject the command did not touch`))).toBe(true);
  });

  it('the walker checks the actor of every entry', async () => {
    const person = await makeUser(h);
    const c = plan('wrong actor', createPosition, systemCaller, { code: unique('pos_'), name: '冒名', rank: 1 }, (r) => [position(r.id)]);
    const seen = await observe(h, c);
    expect(problemsOf(c, seen)).toEqual([]);
    // The same observation judged as if a user had called: the recorded actor (none) does not match.
    const problems = problemsOf({ ...c, caller: callerFor(person.actor) }, seen);
    expect(problems.some((p) => p.includes(`has actor null, expected ${person.row.id}`))).toBe(true);
  });

  it('sees positions as a table the walker watches', async () => {
    // Guards the snapshot query itself: a traced change to a watched table shows up as a changed row.
    const c = plan('position', createPosition, callerFor(await admin(h)), { code: unique('pos_'), name: '观察', rank: 2 }, (r) => [position(r.id)]);
    const seen = await observe(h, c);
    expect(seen.changed.map((r) => r.table)).toEqual(['positions']);
    const [row] = await h.db.select().from(positions).where(eq(positions.name, '观察'));
    expect(seen.changed[0]!.row.id).toBe(row!.id);
  });
});

