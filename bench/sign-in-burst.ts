/**
 * The sign-in burst (issue 11): 500 attendees sign in to one meeting within 10 s through HTTP — POST
 * /api/meetings/{id}/sign-in with the room screen's current code — on PGlite and on PostgreSQL (BENCH_STORAGE=pglite
 * or postgres runs one; both by default). Henji's server runs in a process of its own (lib/server-worker.ts, sequencer
 * and job runner running); the load generator sends each attendee's request at its own moment, evenly spread over the
 * 10 s (open loop: a slow answer does not delay the next arrival), each attendee on their own signed-in session, as
 * 500 phones would. Meanwhile a "room screen" reads GET …/sign-in/code as the web page does (every 5 s, and just after
 * the code changes) and the attendees use the code it shows last.
 *
 * The company is a FIXTURE inserted with SQL (500 attendees and the organiser sharing one password hash, a noticed
 * meeting starting ten minutes later with all of them invited); the attendees sign in through /api/auth/login before
 * the burst (not measured), and WARMUP (50) of them sign in to another meeting first. Measured: the status of every sign-in (errors must be 0), latency p50/p95/p99 (target p99
 * ≤ 100 ms), server CPU, and afterwards the rows (500 signed in, 500 traces).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SignInCode, SignInResult } from '@henji/contracts';
import { hashPassword } from '../apps/server/src/kernel/auth/password.ts';
import { nextReadInMs } from '../apps/web/src/meetings/sign-in/refresh.ts';
import { waitForQuietMachine } from './lib/cpu.ts';
import { createBenchDatabase, type BenchDatabase } from './lib/database.ts';
import { newSignerPem, openBenchHenji } from './lib/henji.ts';
import { HttpClient, type Session } from './lib/http-client.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { latencyLine95, machine, ms, note, printResult, sleep, summarise, type LatencySummary } from './lib/report.ts';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 500);
const BURST_MS = Number(process.env.BENCH_BURST_MS ?? 10_000);
const TARGET_P99_MS = 100;
const PASSWORD = 'bench-attendee-password';
const WARMUP = Number(process.env.BENCH_WARMUP ?? 50);
const DIAGNOSTIC = 20;
const STORAGES = (process.env.BENCH_STORAGE ? [process.env.BENCH_STORAGE] : ['pglite', 'postgres']) as ('pglite' | 'postgres')[];

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

interface Fixture {
  meetingId: string;
  /** Another meeting of the same people, for warming the sign-in path up before the measured burst. */
  warmUpMeetingId: string;
  organiser: string;
  attendees: string[];
}

/** The department, the organiser and the attendees, and a noticed meeting starting in ten minutes (sign-in open). */
async function insertFixture(server: ServerProcess): Promise<Fixture> {
  const hash = literal(await hashPassword(PASSWORD));
  await server.query(`insert into departments (id, code, name, created_at, updated_at) values (gen_random_uuid(), 'SC', '市场部', now(), now())`);
  await server.query(
    `insert into users (id, username, display_name, password_hash, department_id, created_at, updated_at)
     select gen_random_uuid(), case when g = 0 then 'organiser' else format('attendee%s', g) end,
            case when g = 0 then '组织人' else format('参会人%s', g) end, ${hash},
            (select id from departments where code = 'SC'), now(), now()
       from generate_series(0, ${ATTENDEES}) g`,
  );
  const meetings = await server.query<{ id: string; topic: string }>(
    `insert into meetings (id, topic, kind, starts_at, ends_at, location, organiser_id, chair_id, recorder_id, status, notice_sent_at, created_at, updated_at)
     select gen_random_uuid(), t.topic, 'ad_hoc', now() + interval '10 minutes', now() + interval '130 minutes', '一楼报告厅', u.id, u.id, u.id, 'noticed', now(), now(), now()
       from users u, (values ('全员大会'), ('预备会')) t(topic) where u.username = 'organiser' returning id::text as id, topic`,
  );
  for (const m of meetings) {
    await server.query(
      `insert into meeting_attendees (meeting_id, user_id, reply, replied_at, created_at, updated_at)
       select '${m.id}'::uuid, id, 'accepted', now(), now(), now() from users where username like 'attendee%'`,
    );
  }
  const meeting = meetings.find((m) => m.topic === '全员大会');
  return { meetingId: meeting!.id, warmUpMeetingId: meetings.find((m) => m !== meeting)!.id, organiser: 'organiser', attendees: Array.from({ length: ATTENDEES }, (_, i) => `attendee${i + 1}`) };
}

async function signInAll(http: HttpClient, usernames: string[]): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < usernames.length; i += 8) {
    sessions.push(...(await Promise.all(usernames.slice(i, i + 8).map((u) => http.signIn(u, PASSWORD)))));
  }
  return sessions;
}

interface Burst {
  latency: LatencySummary;
  errors: Map<string, number>;
  codesShown: number;
  spanMs: number;
  serverCpuMs: number | null;
  /** Statements of one sign-in, counted afterwards. */
  sql: string;
}

async function burst(server: ServerProcess, fixture: Fixture): Promise<{ burst: Burst; check: string }> {
  const http = new HttpClient(server.base, ATTENDEES + 4);
  try {
    note(`${server.storage}: signing in the organiser and ${ATTENDEES} attendees (set-up, not measured)`);
    const [organiser] = await signInAll(http, [fixture.organiser]);
    const sessions = await signInAll(http, fixture.attendees);
    const codeUrl = `/api/meetings/${fixture.meetingId}/sign-in/code`;
    const read = async () => {
      const res = await http.send<SignInCode>('GET', codeUrl, { session: organiser! });
      if (res.status !== 200) throw new Error(`the room screen: ${res.status} ${res.text.slice(0, 200)}`);
      return res.body;
    };
    let shown = await read();
    let codesShown = 1;
    // Warm both routes (JIT, statement cache) up: the screen has been on for a while, and WARMUP attendees signed in to
    // the other meeting.
    for (let i = 0; i < 20; i++) shown = await read();
    const warmUp = await http.send<SignInCode>('GET', `/api/meetings/${fixture.warmUpMeetingId}/sign-in/code`, { session: organiser! });
    for (let i = 0; i < Math.min(WARMUP, sessions.length); i += 4) {
      await Promise.all(
        sessions.slice(i, Math.min(i + 4, WARMUP)).map(async (session) => {
          const res = await http.send('POST', `/api/meetings/${fixture.warmUpMeetingId}/sign-in`, { session, body: { code: warmUp.body.code } });
          if (res.status !== 200) throw new Error(`warm-up sign-in: ${res.status} ${res.text.slice(0, 200)}`);
        }),
      );
    }
    await waitForQuietMachine(note);
    shown = await read();

    let screenOn = true;
    const screen = (async () => {
      while (screenOn) {
        await sleep(nextReadInMs(shown));
        if (!screenOn) break;
        const next = await read();
        if (next.code !== shown.code) codesShown++;
        shown = next;
      }
    })();

    const url = `/api/meetings/${fixture.meetingId}/sign-in`;
    const latencies: number[] = [];
    const errors = new Map<string, number>();
    const cpu0 = server.cpuSeconds();
    const t0 = performance.now();
    await Promise.all(
      sessions.map(async (session, i) => {
        await sleep(t0 + (i * BURST_MS) / sessions.length - performance.now());
        const started = performance.now();
        const res = await http.send<SignInResult>('POST', url, { session, body: { code: shown.code }, label: 'sign-in' });
        latencies.push(performance.now() - started);
        if (res.status !== 200) {
          const key = `${res.status} ${(res.body as unknown as { code?: string; message?: string } | null)?.message ?? res.text.slice(0, 80)}`;
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      }),
    );
    const spanMs = performance.now() - t0;
    const cpu1 = server.cpuSeconds();
    screenOn = false;
    await screen;
    // Diagnostics after the measurement (counting slows the server): the SQL of one sign-in, sent one at a time by
    // attendees who have not signed in to the warm-up meeting yet.
    await server.countQueries();
    for (const session of sessions.slice(WARMUP, WARMUP + DIAGNOSTIC)) {
      const code = (await http.send<SignInCode>('GET', `/api/meetings/${fixture.warmUpMeetingId}/sign-in/code`, { session: organiser! })).body.code;
      const res = await http.send('POST', `/api/meetings/${fixture.warmUpMeetingId}/sign-in`, { session, body: { code }, label: 'diag' });
      if (res.status !== 200) throw new Error(`diagnostic sign-in: ${res.status} ${res.text.slice(0, 200)}`);
    }
    const diag = (await server.queryStats())['diag'];
    if (diag) note(`statements of ${diag.requests} sign-ins:\n${Object.entries(diag.statements).map(([text, n]) => `  ${n}× ${text}`).join('\n')}`);
    const sql = diag
      ? `${(diag.queries / diag.requests).toFixed(1)} statements${server.storage === 'pglite' ? ' (BEGIN/COMMIT not counted)' : `, ${ms(diag.dbMs / diag.requests)} waiting on PostgreSQL`} of ${ms(diag.requestMs / diag.requests)} in the server (one at a time)`
      : 'not counted';
    const [rows] = await server.query<{ signed: number; traces: number }>(
      `select (select count(*)::int from meeting_attendees where meeting_id = '${fixture.meetingId}' and signed_in_at is not null) as signed,
              (select count(*)::int from ledger_entries where subject_id = '${fixture.meetingId}' and action = 'meeting.sign_in') as traces`,
    );
    return {
      burst: {
        latency: summarise(latencies),
        errors,
        codesShown,
        spanMs,
        serverCpuMs: cpu0 === null || cpu1 === null ? null : ((cpu1 - cpu0) * 1000) / ATTENDEES,
        sql,
      },
      check: `${rows!.signed} attendees signed in, ${rows!.traces} meeting.sign_in traces`,
    };
  } finally {
    http.close();
  }
}

async function runOn(storage: 'pglite' | 'postgres', lines: Record<string, string>): Promise<boolean> {
  let database: BenchDatabase | null = null;
  let dataDir: string | null = null;
  let server: ServerProcess | null = null;
  let pem = newSignerPem();
  try {
    if (storage === 'postgres') {
      database = await createBenchDatabase();
      const henji = await openBenchHenji(database.url, { poolSize: 2 });
      pem = henji.pem;
      await henji.handle.close();
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'henji-bench-sign-in-'));
    }
    server = await startServerProcess(database ? database.url : { dataDir: dataDir! }, pem);
    note(`${storage}: server pid ${server.pid} at ${server.base}`);
    const fixture = await insertFixture(server);
    const { burst: b, check } = await burst(server, fixture);
    const errorCount = [...b.errors.values()].reduce((a, n) => a + n, 0);
    lines[`${storage}: POST …/sign-in`] = latencyLine95(b.latency);
    lines[`${storage}: errors`] = errorCount === 0 ? '0' : `${errorCount} (${[...b.errors].map(([k, n]) => `${n}× ${k}`).join('; ')})`;
    lines[`${storage}: burst`] = `${ATTENDEES} sign-ins sent over ${ms(BURST_MS)} (done in ${ms(b.spanMs)}), ${b.codesShown} code(s) shown by the screen meanwhile; server CPU ${b.serverCpuMs === null ? '?' : `${b.serverCpuMs.toFixed(1)} ms`} per sign-in`;
    lines[`${storage}: SQL per sign-in`] = b.sql;
    lines[`${storage}: afterwards`] = check;
    return errorCount === 0 && b.latency.p99 <= TARGET_P99_MS && check.startsWith(`${ATTENDEES} attendees signed in, ${ATTENDEES} `);
  } finally {
    await server?.stop();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function main(): Promise<void> {
  const lines: Record<string, string> = { ...(await machine(STORAGES.includes('postgres'))) };
  lines.server = 'lib/server-worker.ts in a child process (sequencer and job runner running), loopback keep-alive HTTP, one socket per attendee';
  let met = true;
  for (const storage of STORAGES) met = (await runOn(storage, lines)) && met;
  printResult('sign-in-burst', lines, { target: `0 errors and p99 ≤ ${TARGET_P99_MS} ms on ${STORAGES.join(' and ')}`, met });
}
