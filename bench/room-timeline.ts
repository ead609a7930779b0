/**
 * The rooms' week timeline (会议室预订, GET /api/rooms/timeline) over HTTP: one week across 50 rooms with 200,000
 * bookings in the system, one request at a time after a warm-up, Henji's server in a process of its own (sequencer and
 * job runner running), signed in with a cookie as an ordinary employee.
 *
 * The bookings are a FIXTURE inserted with bulk SQL (not through the API): 50 rooms, 200 bookers; each room holds 4,000
 * one-hour bookings, eight a day (09:00–17:00 Beijing) over 500 consecutive days, so the measured week — in the middle
 * of that span — has 7 × 8 × 50 = 2,800 bookings to return; every 20th booking is cancelled (its claims released,
 * as cancelling does), every 25th pending. Each booking claims its room in booking_resources like the product's, so
 * the exclusion constraint's index is as large as in production. Then `vacuum analyze`. Target: p95 ≤ 20 ms.
 */
import pg from 'pg';
import type { Timeline } from '@henji/contracts';
import { noRequest, systemActor } from '../apps/server/src/kernel/actor.ts';
import { execute, type Caller } from '../apps/server/src/kernel/command.ts';
import { createDepartment } from '../apps/server/src/kernel/org/commands/create-department.ts';
import { createUser } from '../apps/server/src/kernel/org/commands/create-user.ts';
import { cpuMeter, waitForQuietMachine } from './lib/cpu.ts';
import { createBenchDatabase } from './lib/database.ts';
import { openBenchHenji } from './lib/henji.ts';
import { HttpClient } from './lib/http-client.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { latencyLine95, machine, ms, note, printResult, summarise, type LatencySummary } from './lib/report.ts';

const ROOMS = 50;
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 200_000);
const PER_DAY = 8;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const TARGET_P95_MS = 20;
const PASSWORD = 'bench-user-password';
/** The fixture's first day (Beijing); the measured week starts in the middle of the span. */
const FIRST_DAY = '2026-01-05T00:00:00+08:00';

const bench: Caller = { actor: systemActor('bench'), meta: noRequest };

async function insertFixture(client: pg.Client, bookerIds: string[]): Promise<{ text: string; weekFrom: string; weekTo: string; expected: number }> {
  const perRoom = Math.floor(BOOKINGS / ROOMS);
  const days = Math.ceil(perRoom / PER_DAY);
  const started = performance.now();
  await client.query('begin');
  await client.query(
    `insert into rooms (id, name, location, capacity, created_at, updated_at)
     select gen_random_uuid(), format('%s 会议室', 300 + g), format('%s 楼', 3 + g / 10), 6 + (g % 5) * 4, now(), now() from generate_series(1, $1) g`,
    [ROOMS],
  );
  await client.query(
    `create temporary table fx on commit drop as
     select gen_random_uuid() as id, r.id as room_id, ($2::uuid[])[1 + ((r.n * 7 + i) % array_length($2::uuid[], 1))] as booker_id,
            $1::timestamptz + (i / ${PER_DAY}) * interval '1 day' + (9 + i % ${PER_DAY}) * interval '1 hour' as starts_at,
            case when (r.n + i) % 20 = 0 then 'cancelled' when (r.n + i) % 25 = 0 then 'pending' else 'confirmed' end as status
       from (select id, row_number() over (order by name) as n from rooms) r, generate_series(0, $3 - 1) i`,
    [FIRST_DAY, bookerIds, perRoom],
  );
  await client.query(
    `insert into bookings (id, room_id, booker_id, purpose, starts_at, ends_at, status, cancelled_at, created_at, updated_at)
     select id, room_id, booker_id, '部门例会', starts_at, starts_at + interval '1 hour', status,
            case when status = 'cancelled' then starts_at - interval '1 day' end, starts_at - interval '3 days', starts_at - interval '3 days'
       from fx`,
  );
  await client.query(
    `insert into booking_resources (booking_id, resource_type, resource_id, during, released)
     select id, 'room', room_id, tstzrange(starts_at, starts_at + interval '1 hour', '[)'), status = 'cancelled' from fx`,
  );
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from bookings');
  await client.query('commit');
  const insertMs = performance.now() - started;
  const t = performance.now();
  await client.query('vacuum analyze');
  const weekStart = new Date(new Date(FIRST_DAY).getTime() + Math.floor(days / 2) * 86_400_000);
  const weekFrom = weekStart.toISOString();
  const weekTo = new Date(weekStart.getTime() + 7 * 86_400_000).toISOString();
  const { rows: inWeek } = await client.query<{ n: number }>(
    `select count(*)::int as n from bookings where starts_at < $2 and ends_at > $1 and status in ('pending', 'confirmed')`,
    [weekFrom, weekTo],
  );
  return {
    text: `${rows[0]!.n.toLocaleString('en-US')} bookings in ${ROOMS} rooms over ${days} days (${PER_DAY} a day per room, 1 in 20 cancelled, 1 in 25 pending), inserted in ${ms(insertMs)}, vacuum analyze ${ms(performance.now() - t)}`,
    weekFrom,
    weekTo,
    expected: inWeek[0]!.n,
  };
}

async function timeRequests(run: () => Promise<void>, count: number): Promise<LatencySummary> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run();
    latencies.push(performance.now() - t0);
  }
  return summarise(latencies);
}

export async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const henji = await openBenchHenji(database.url, { poolSize: 2 });
  const { db } = henji.handle;
  let server: ServerProcess | null = null;
  let http: HttpClient | null = null;
  const lines: Record<string, string> = { ...(await machine()) };
  let result: LatencySummary | null = null;
  try {
    const dept = await execute(db, bench, createDepartment, { code: 'XZ', name: '行政部', parentId: null });
    const employee = await execute(db, bench, createUser, {
      username: 'employee', displayName: '吴文员', roles: [], departmentId: dept.id, positionId: null, managerId: null, password: PASSWORD, passwordChosenByUser: true,
    });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let fixture;
    try {
      // 200 bookers: the employee and users made with plain SQL (nobody signs in as them).
      const { rows } = await client.query<{ id: string }>(
        `insert into users (id, username, display_name, password_hash, department_id, created_at, updated_at)
         select gen_random_uuid(), format('booker%s', g), format('预订人%s', g), 'x', $1, now(), now() from generate_series(1, 199) g returning id`,
        [dept.id],
      );
      note(`inserting the fixture (${BOOKINGS.toLocaleString('en-US')} bookings)`);
      fixture = await insertFixture(client, [employee.id, ...rows.map((r) => r.id)]);
    } finally {
      await client.end();
    }
    lines.fixture = fixture.text;
    note(lines.fixture);
    server = await startServerProcess(database.url, henji.pem);
    http = new HttpClient(server.base, 2);
    const session = await http.signIn('employee', PASSWORD);
    const url = `/api/rooms/timeline?from=${encodeURIComponent(fixture.weekFrom)}&to=${encodeURIComponent(fixture.weekTo)}`;
    let bytes = 0;
    const week = async () => {
      const res = await http!.send<Timeline>('GET', url, { session });
      if (res.status !== 200 || res.body.rooms.length !== ROOMS || res.body.bookings.length !== fixture.expected) {
        throw new Error(`timeline: ${res.status}, ${res.body?.rooms?.length} rooms, ${res.body?.bookings?.length} bookings (expected ${fixture.expected}); ${res.text.slice(0, 200)}`);
      }
      bytes = res.text.length;
    };
    lines.server = 'buildServer + openRuntime in a child process (sequencer and job runner running), loopback keep-alive HTTP, one request at a time';
    lines.requests = `${REQUESTS} measured after ${WARMUP} warm-up requests; each answer: ${ROOMS} rooms, ${fixture.expected.toLocaleString('en-US')} bookings, ${(bytes / 1024).toFixed(0)} KiB of JSON (uncompressed)`;
    await timeRequests(week, WARMUP);
    lines.requests = `${REQUESTS} measured after ${WARMUP} warm-up requests; each answer: ${ROOMS} rooms, ${fixture.expected.toLocaleString('en-US')} bookings, ${(bytes / 1024).toFixed(0)} KiB of JSON (uncompressed)`;
    await waitForQuietMachine(note);
    const meter = cpuMeter();
    const server0 = server.cpuSeconds();
    result = await timeRequests(week, REQUESTS);
    const c = meter();
    const serverCpu = server.cpuSeconds();
    lines['GET /api/rooms/timeline (one week)'] = latencyLine95(result);
    lines.CPU = `server ${Math.round(((serverCpu! - server0!) / REQUESTS) * 1e3 * 10) / 10} ms + postgres ${Math.round(((c.postgresSeconds ?? 0) / REQUESTS) * 1e4) / 10} ms per request`;
    const explainClient = new pg.Client({ connectionString: database.url });
    await explainClient.connect();
    try {
      const { rows } = await explainClient.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) select b.id from bookings b join users u on u.id = b.booker_id
          where b.starts_at >= $1::timestamptz - interval '24 hours' and b.starts_at < $2 and b.ends_at > $1 and b.status in ('pending', 'confirmed')`,
        [fixture.weekFrom, fixture.weekTo],
      );
      const plan = rows.map((r) => r['QUERY PLAN']);
      note(`plan:\n${plan.join('\n')}`);
      lines['EXPLAIN ANALYZE (bookings of the week)'] = plan.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?';
    } finally {
      await explainClient.end();
    }
  } finally {
    http?.close();
    await server?.stop();
    await henji.handle.close();
    await database.drop();
  }
  printResult('room-timeline', lines, { target: `p95 ≤ ${TARGET_P95_MS} ms (${result ? ms(result.p95) : 'not measured'})`, met: result !== null && result.p95 <= TARGET_P95_MS });
}
