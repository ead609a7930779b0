/**
 * K2: "a test walks every registered command and fails if one changes a row without a trace entry."
 *
 * Every command registered by the server (and the CLI seed) must have an entry in CASES below: inputs built with
 * factories, a caller, and the subjects it must trace. For each case the walker snapshots every non-ledger table row
 * by row, runs the command, and checks that each changed row is covered by a new ledger entry about that row's
 * subject, that every new entry names the right actor and a subject the command touched, and that no entry carries a
 * password hash in clear. A new command without a case fails here, so it cannot ship untested.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/http/server.ts';
import { seedDemoCompany } from '../../src/cli/seed.ts';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE } from '../../src/cli/demo-company.ts';
import { queryRows, type Database } from '../../src/db/client.ts';
import { actorId, systemActor, type UserActor } from '../../src/kernel/actor.ts';
import { changeOwnPassword, createApiToken, login, logout, revokeApiToken, type LoginInput } from '../../src/kernel/auth/commands.ts';
import { sessions } from '../../src/kernel/auth/schema.ts';
import { defineCommand, execute, registeredCommands, type Caller, type Command } from '../../src/kernel/command.ts';
import { InternalError } from '../../src/kernel/errors.ts';
import { bootstrap } from '../../src/kernel/org/bootstrap.ts';
import { createDepartment } from '../../src/kernel/org/commands/create-department.ts';
import { createUser } from '../../src/kernel/org/commands/create-user.ts';
import { createDelegation, revokeDelegation } from '../../src/kernel/org/commands/delegations.ts';
import { importUsers } from '../../src/kernel/org/commands/import-users.ts';
import { createPosition, createRole, updatePosition, updateRole } from '../../src/kernel/org/commands/positions-and-roles.ts';
import { resetUserPassword } from '../../src/kernel/org/commands/reset-user-password.ts';
import { unlockUser } from '../../src/kernel/org/commands/unlock-user.ts';
import { updateDepartment } from '../../src/kernel/org/commands/update-department.ts';
import { updateUser } from '../../src/kernel/org/commands/update-user.ts';
import { departments, positions, userRoles, users } from '../../src/kernel/org/schema.ts';
import { callerFor, makeDepartment, makeUser, startHenji, systemCaller, unique, USER_PASSWORD, type TestHenji } from '../harness.ts';

interface Subject {
  type: string;
  id: string;
}

interface Case {
  label: string;
  command: Command<never, unknown>;
  caller: Caller;
  /** A path that changes nothing, and so must trace nothing. */
  quiet: boolean;
  /** Runs the command; returns the subjects it must have traced besides those of the rows it changed. */
  run(db: Database): Promise<Subject[]>;
}

function plan<I, O>(
  label: string,
  command: Command<I, O>,
  caller: Caller,
  input: I,
  subjects: (result: O) => Subject[] = () => [],
  options: { quiet?: boolean } = {},
): Case {
  return {
    label,
    command,
    caller,
    quiet: options.quiet ?? false,
    run: async (db) => subjects(await execute(db, caller, command, input)),
  };
}

const subject = (type: string) => (id: string): Subject => ({ type, id });
const department = subject('department');
const user = subject('user');
const delegation = subject('delegation');
const apiToken = subject('api_token');
const position = subject('position');
const role = subject('role');

const requestMeta = () => ({ requestId: randomUUID(), ip: '203.0.113.7', userAgent: 'commands-traced' });
/** How the login route calls the login command. */
const signInCaller = (): Caller => ({ actor: systemActor('sign-in'), meta: requestMeta() });
const loginInput = (username: string, password: string, maxFailures = 5): LoginInput => ({
  username,
  password,
  sessionHours: 1,
  maxFailures,
  lockMinutes: 10,
});
const deptCode = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;
const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);

async function admin(h: TestHenji): Promise<UserActor> {
  return (await makeUser(h, { roles: ['admin'] })).actor;
}

/** One entry per registered command: the paths to walk. A new command must be added here. */
const CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'auth.login': async (h) => {
    const person = await makeUser(h);
    const other = await makeUser(h);
    return [
      plan('signs in', login, signInCaller(), loginInput(person.row.username, USER_PASSWORD), (o) => {
        expect(o.ok).toBe(true);
        return [user(person.row.id)];
      }),
      plan('a wrong password counts a failure', login, signInCaller(), loginInput(person.row.username, 'wrong-password'), (o) => {
        expect(o).toEqual({ ok: false, reason: 'bad_credentials' });
        return [user(person.row.id)];
      }),
      plan('the last allowed failure locks the account', login, signInCaller(), loginInput(other.row.username, 'wrong-password', 1), (o) => {
        expect(o.ok === false && o.reason).toBe('locked');
        return [user(other.row.id)];
      }),
      plan('an unknown user changes nothing', login, signInCaller(), loginInput(unique('nobody'), 'whatever-password'), (o) => {
        expect(o.ok).toBe(false);
        return [];
      }, { quiet: true }),
    ];
  },
  'auth.logout': async (h) => {
    const person = await makeUser(h);
    await execute(h.db, signInCaller(), login, loginInput(person.row.username, USER_PASSWORD));
    const [session] = await h.db.select().from(sessions).where(eq(sessions.userId, person.row.id));
    return [
      plan('revokes the session', logout, callerFor(person.actor), { sessionId: session!.id }, () => [user(person.row.id)]),
      plan('a second logout changes nothing', logout, callerFor(person.actor), { sessionId: session!.id }, () => [], { quiet: true }),
    ];
  },
  'auth.changeOwnPassword': async (h) => {
    const person = await makeUser(h);
    return [
      plan('changes the password', changeOwnPassword, callerFor(person.actor), {
        currentPassword: USER_PASSWORD,
        newPassword: 'a-new-password-for-walk',
        keepSessionId: null,
      }, () => [user(person.row.id)]),
    ];
  },
  'auth.createApiToken': async (h) => {
    const person = await makeUser(h);
    return [
      plan('creates a token', createApiToken, callerFor(person.actor), { name: 'walker', expiresInDays: 30 }, (r) => [apiToken(r.token.id)]),
    ];
  },
  'auth.revokeApiToken': async (h) => {
    const person = await makeUser(h);
    const { token } = await execute(h.db, callerFor(person.actor), createApiToken, { name: 'to revoke' });
    return [
      plan('revokes a token', revokeApiToken, callerFor(person.actor), { id: token.id }, () => [apiToken(token.id)]),
      plan('revoking again changes nothing', revokeApiToken, callerFor(person.actor), { id: token.id }, () => [], { quiet: true }),
    ];
  },
  'cli.seedDemoCompany': async () => [
    plan('loads the demo company', seedDemoCompany, { actor: systemActor('cli:seed'), meta: requestMeta() }, { password: 'demo-password-walk' }, (r) => {
      expect(r).toEqual({ departments: DEMO_DEPARTMENTS.length, usersCreated: DEMO_PEOPLE.length });
      return [];
    }),
    plan('a second run changes nothing', seedDemoCompany, { actor: systemActor('cli:seed'), meta: requestMeta() }, { password: 'demo-password-walk' }, (r) => {
      expect(r.usersCreated).toBe(0);
      return [];
    }, { quiet: true }),
  ],
  'org.bootstrap': async (h) => {
    // A database whose administrator account has gone: bootstrap creates it again, traced.
    await h.db.update(users).set({ username: unique('former-admin') }).where(eq(users.username, 'admin'));
    return [
      plan('recreates the administrator', bootstrap, systemCaller, { adminPassword: 'bootstrap-password-walk' }, (r) => {
        expect(r.adminCreated).toBe(true);
        return [];
      }),
      plan('a second run changes nothing', bootstrap, systemCaller, { adminPassword: 'bootstrap-password-walk' }, (r) => {
        expect(r.adminCreated).toBe(false);
        return [];
      }, { quiet: true }),
    ];
  },
  'org.createDepartment': async (h) => {
    const parent = await makeDepartment(h);
    return [
      plan('creates a department', createDepartment, callerFor(await admin(h)), { code: deptCode(), name: '新部门', parentId: parent.id }, (r) => [department(r.id)]),
    ];
  },
  'org.updateDepartment': async (h) => {
    const dept = await makeDepartment(h);
    const parent = await makeDepartment(h);
    const head = await makeUser(h, { departmentId: dept.id });
    const caller = callerFor(await admin(h));
    return [
      plan('renames and moves it', updateDepartment, caller, {
        id: dept.id,
        changes: { name: '改名部门', parentId: parent.id, headUserId: head.row.id },
      }, () => [department(dept.id)]),
      plan('an update that changes nothing is not traced', updateDepartment, caller, { id: dept.id, changes: { name: '改名部门' } }, () => [], { quiet: true }),
    ];
  },
  'org.createUser': async (h) => {
    const dept = await makeDepartment(h);
    const manager = await makeUser(h);
    return [
      plan('creates a user with roles', createUser, callerFor(await admin(h)), {
        username: unique('walk'),
        displayName: '新员工',
        email: 'new@example.com',
        departmentId: dept.id,
        managerId: manager.row.id,
        roles: ['hr', 'finance'],
        password: 'initial-password-walk',
      }, (r) => [user(r.id)]),
    ];
  },
  'org.updateUser': async (h) => {
    const person = await makeUser(h, { roles: ['hr'] });
    const manager = await makeUser(h);
    return [
      plan('changes fields and roles', updateUser, callerFor(await admin(h)), {
        id: person.row.id,
        changes: { displayName: '改名', managerId: manager.row.id, roles: ['finance', 'audit'] },
      }, () => [user(person.row.id)]),
    ];
  },
  'org.resetUserPassword': async (h) => {
    const person = await makeUser(h);
    return [
      plan('sets a new password', resetUserPassword, callerFor(await admin(h)), { id: person.row.id, password: 'reset-password-walk' }, () => [user(person.row.id)]),
    ];
  },
  'org.unlockUser': async (h) => {
    const person = await makeUser(h);
    const outcome = await execute(h.db, signInCaller(), login, loginInput(person.row.username, 'wrong-password', 1));
    expect(outcome.ok === false && outcome.reason).toBe('locked');
    return [plan('unlocks a locked user', unlockUser, callerFor(await admin(h)), { id: person.row.id }, () => [user(person.row.id)])];
  },
  'org.createDelegation': async (h) => {
    const supervisor = await makeUser(h);
    const employee = await makeUser(h, { managerId: supervisor.row.id });
    const colleague = await makeUser(h);
    const another = await makeUser(h);
    const range = { startsOn: today(), endsOn: inDays(7), scope: [], reason: '出差' };
    return [
      plan('an employee delegates for themself', createDelegation, callerFor(employee.actor), {
        principalId: employee.row.id,
        delegateId: colleague.row.id,
        ...range,
      }, (r) => [delegation(r.id)]),
      plan('a supervisor delegates for a report', createDelegation, callerFor(supervisor.actor), {
        principalId: employee.row.id,
        delegateId: supervisor.row.id,
        ...range,
      }, (r) => [delegation(r.id)]),
      plan('a delegate acting for the principal', createDelegation, {
        actor: employee.actor,
        delegate: colleague.actor,
        meta: requestMeta(),
      }, { principalId: employee.row.id, delegateId: another.row.id, ...range }, (r) => [delegation(r.id)]),
    ];
  },
  'org.revokeDelegation': async (h) => {
    const principal = await makeUser(h);
    const delegate = await makeUser(h);
    const row = await execute(h.db, callerFor(principal.actor), createDelegation, {
      principalId: principal.row.id,
      delegateId: delegate.row.id,
      startsOn: today(),
      endsOn: inDays(3),
      scope: [],
      reason: '休假',
    });
    return [plan('revokes it', revokeDelegation, callerFor(principal.actor), { id: row.id, reason: '提前返回' }, () => [delegation(row.id)])];
  },
  'org.importUsers': async (h) => {
    const dept = await makeDepartment(h);
    const existing = await makeUser(h);
    const manager = unique('mgr');
    const report = unique('rep');
    const rows = [
      { row: 2, values: { username: report, displayName: '下属', departmentCode: dept.code, managerUsername: manager, password: 'import-password-1' } },
      { row: 3, values: { username: manager, displayName: '经理', departmentCode: dept.code, roles: 'hr' } },
      { row: 4, values: { username: existing.row.username, displayName: '已有用户改名', email: 'existing@example.com' } },
    ];
    const bad = [{ row: 2, values: { username: unique('bad'), displayName: '错误', departmentCode: 'NOSUCHDEPT' } }];
    const sha = randomBytes(32).toString('hex');
    const caller = callerFor(await admin(h));
    return [
      plan('a dry run writes nothing', importUsers, caller, { fileName: 'users.xlsx', fileSha256: sha, rows, dryRun: true }, (r) => {
        expect(r).toMatchObject({ created: 2, updated: 1, errors: [] });
        return [];
      }, { quiet: true }),
      plan('a file with errors writes nothing', importUsers, caller, { fileName: 'bad.xlsx', fileSha256: sha, rows: bad, dryRun: false }, (r) => {
        expect(r.errors).toHaveLength(1);
        return [];
      }, { quiet: true }),
      plan('imports a clean file', importUsers, caller, { fileName: 'users.xlsx', fileSha256: sha, rows, dryRun: false }, (r) => {
        expect(r).toMatchObject({ created: 2, updated: 1, errors: [] });
        return [{ type: 'user_import', id: sha }];
      }),
    ];
  },
  'org.createPosition': async (h) => [
    plan('creates a position', createPosition, callerFor(await admin(h)), { code: unique('pos_'), name: '助理', rank: 50 }, (r) => [position(r.id)]),
  ],
  'org.updatePosition': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createPosition, { code: unique('pos_'), name: '助理', rank: 50 });
    return [plan('renames a position', updatePosition, caller, { id: row.id, changes: { name: '高级助理', rank: 60 } }, () => [position(row.id)])];
  },
  'org.createRole': async (h) => [
    plan('creates a role', createRole, callerFor(await admin(h)), { code: unique('role_'), name: '质检', description: '质量检查' }, (r) => [role(r.id)]),
  ],
  'org.updateRole': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createRole, { code: unique('role_'), name: '质检', description: '' });
    return [plan('renames a role', updateRole, caller, { id: row.id, changes: { name: '质量检查', description: '抽检' } }, () => [role(row.id)])];
  },
};

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
      } else {
        expect(seen.changed.length, `${c.label} should exercise a path that changes data`).toBeGreaterThan(0);
      }
    }
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
