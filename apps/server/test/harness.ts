/**
 * Test harness: a fresh Henji per test file, started by the same `openRuntime` as the server (sequencer and job runner
 * left for the tests to drive), on in-memory PGlite by default or on a database of its own in the PostgreSQL named by
 * TEST_DATABASE_URL (created here and dropped afterwards). No shared fixtures: each test builds
 * its own data with the factories below.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../src/config.ts';
import type { Database, DbHandle } from '../src/db/client.ts';
import { buildServer } from '../src/http/server.ts';
import type { App } from '../src/http/context.ts';
import { noRequest, systemActor, type UserActor } from '../src/kernel/actor.ts';
import { installClock, TestClock } from '../src/kernel/clock.ts';
import { execute, type Caller } from '../src/kernel/command.ts';
import { actorOf } from '../src/kernel/auth/authenticate.ts';
import { ephemeralSigner, type LedgerSigner } from '../src/kernel/ledger/keys.ts';
import type { Sequencer } from '../src/kernel/ledger/sequencer.ts';
import type { JobRunner } from '../src/kernel/jobs/queue.ts';
import { createUser } from '../src/kernel/org/commands/create-user.ts';
import { createDepartment } from '../src/kernel/org/commands/create-department.ts';
import { appDepsOf, openRuntime } from '../src/runtime.ts';

export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const USER_PASSWORD = 'user-password-for-tests';

export interface TestHenji {
  db: Database;
  handle: DbHandle;
  kind: 'pglite' | 'postgres';
  signer: LedgerSigner;
  sequencer: Sequencer;
  /** Not started: tests run due jobs with `h.jobs.drain()`. */
  jobs: JobRunner;
  config: Config;
  /** Builds (once) and returns the HTTP app, for inject() tests. */
  app(): Promise<App>;
  close(): Promise<void>;
}

/** A superuser connection to the test PostgreSQL's maintenance database, or null when testing on PGlite. */
export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || null;

/**
 * Instants the suites run at (Asia/Shanghai; every one with a non-zero millisecond part, as real requests have). The
 * default is a Wednesday afternoon inside working hours — the hour at which the wall-clock suites used to fail.
 */
export const INSTANTS = {
  workingAfternoon: '2026-06-17T06:28:17.123Z', // Wed 14:28:17.123
  lunchBreak: '2026-06-17T04:15:42.517Z', // Wed 12:15:42.517
  night: '2026-06-17T15:03:09.901Z', // Wed 23:03:09.901
  weekend: '2026-06-20T02:47:33.250Z', // Sat 10:47:33.250
  publicHoliday: '2026-10-02T03:12:05.777Z', // Fri 11:12:05.777, 国庆节
  makeUpWorkday: '2026-10-10T01:30:00.001Z', // Sat 09:30:00.001, 调休上班
  lastWorkingDayOfYear: '2026-12-31T09:40:11.999Z', // Thu 17:40:11.999
  secondFraction: '2026-03-04T01:00:00.999Z', // Wed 09:00:00.999, the first second of a working day
} as const;
export type InstantName = keyof typeof INSTANTS;

/** The clock of this test file's process: starts at the given instant (default: a working afternoon) and runs. */
export let clock = new TestClock(INSTANTS.workingAfternoon);
installClock(clock);

export interface StartOptions {
  /** Where the clock starts (ISO instant or a named one). */
  at?: string | InstantName;
  /** Stop the clock at that instant: it moves only by `clock.set` / `clock.advance`. */
  frozen?: boolean;
}

export async function startHenji(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<TestHenji> {
  if (options.at !== undefined || options.frozen) {
    const at = options.at === undefined ? INSTANTS.workingAfternoon : options.at in INSTANTS ? INSTANTS[options.at as InstantName] : options.at;
    clock = new TestClock(at, options.frozen ?? false);
    installClock(clock);
  }
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | null = null;
  const base = testDatabaseUrl();
  if (base) {
    const name = `henji_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  // Uploaded files go to a fresh directory per Henji (removed on close), never into a shared ./data.
  const ownFilesDir = overrides.filesDir ? null : await mkdtemp(path.join(tmpdir(), 'henji-files-'));
  const config: Config = {
    ...loadConfig({}),
    databaseUrl,
    webDist: '/nonexistent',
    adminPassword: ADMIN_PASSWORD,
    // The suites' webhook, robot, SMS and SMTP receivers listen on loopback; security tests pass [] to see refusals.
    allowPrivateNetworks: ['127.0.0.0/8', '::1/128'],
    ...(ownFilesDir ? { filesDir: ownFilesDir } : {}),
    ...overrides,
  };
  const runtime = await openRuntime(
    { ...config, poolSize: 10, sequencerIntervalMs: 50, jobPollMs: 20 },
    { inMemory: true, signer: ephemeralSigner(), checkpointIntervalMs: 0, startBackground: false },
  );
  let app: App | null = null;
  return {
    db: runtime.handle.db,
    handle: runtime.handle,
    kind: runtime.handle.kind,
    signer: runtime.signer,
    sequencer: runtime.sequencer,
    jobs: runtime.jobs,
    config,
    app: async () => {
      app ??= await buildServer(appDepsOf(runtime));
      return app;
    },
    close: async () => {
      await app?.close();
      await runtime.close();
      await dropDatabase?.();
      if (ownFilesDir) await rm(ownFilesDir, { recursive: true, force: true });
    },
  };
}

export const systemCaller: Caller = { actor: systemActor('test'), meta: noRequest };

export const callerFor = (actor: UserActor): Caller => ({ actor, meta: { requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'vitest' } });

let counter = 0;
export const unique = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}${(counter++).toString(36)}`;

/** Creates a department with a fresh code. */
export async function makeDepartment(h: TestHenji, fields: { code?: string; name?: string; parentId?: string | null } = {}) {
  return execute(h.db, systemCaller, createDepartment, {
    code: fields.code ?? `D${randomBytes(4).toString('hex').toUpperCase()}`,
    name: fields.name ?? '测试部门',
    parentId: fields.parentId ?? null,
  });
}

/** Creates a user (password USER_PASSWORD) and returns the row and the actor. */
export async function makeUser(
  h: TestHenji,
  fields: { roles?: string[]; departmentId?: string | null; username?: string; positionId?: string | null; managerId?: string | null } = {},
) {
  const row = await execute(h.db, systemCaller, createUser, {
    username: fields.username ?? unique('u'),
    displayName: '测试用户',
    roles: fields.roles ?? [],
    departmentId: fields.departmentId ?? null,
    positionId: fields.positionId ?? null,
    managerId: fields.managerId ?? null,
    password: USER_PASSWORD,
    // The person's own password, as if they had chosen it: the forced change is tested in test/api/first-run.test.ts.
    passwordChosenByUser: true,
  });
  const actor = await actorOf(h.db, row.id);
  return { row, actor: actor! };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  headers: Record<string, string>;
}

/** Signs in through the real HTTP route and returns headers for later requests. */
export async function signIn(h: TestHenji, username: string, password: string): Promise<Session> {
  const app = await h.app();
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
  const me = res.json() as { csrfToken: string; id: string };
  return { cookie, csrf: me.csrfToken, userId: me.id, headers: { cookie, 'x-csrf-token': me.csrfToken } };
}

export const signInAdmin = (h: TestHenji) => signIn(h, 'admin', ADMIN_PASSWORD);
