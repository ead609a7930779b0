/**
 * The to-do inbox with 100,000 open tasks in the system: GET /api/inbox?tab=todo and GET /api/inbox/counts over HTTP
 * (Henji's server in a process of its own, sequencer and job runner running, signed in with a cookie) for a typical
 * approver with 50 open tasks and a busy one (a finance clerk) with 5,000, one request at a time after a warm-up.
 *
 * The open tasks are a FIXTURE inserted with bulk SQL, not through the API (100,000 submissions through the flow
 * would take far longer than the measurement): 2,000 ordinary users in 100 departments; 100,000 running applications
 * of the five built-in types, each with a completed first step (its task done) and an active step holding one
 * pending task (deadline from 2 days ago to 3 days ahead, an SLA job queued for it as the engine does); 100,000
 * approved applications with two completed steps each, as history. The pending tasks go 50 to the typical user, 5,000
 * to the busy one and 94,950 to the ordinary users with a skew (a few approvers hold thousands, the median about 35).
 * Then `vacuum analyze`, as autovacuum would soon do.
 *
 * Also runs EXPLAIN (ANALYZE, BUFFERS) on the exact statements `listInbox` and `inboxCounts` send (captured with a
 * drizzle logger from the product's own functions). Target: p95 ≤ 20 ms.
 */
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { ApplicationDefinition, InboxCounts, InboxPage } from '@henji/contracts';
import type { Database } from '../apps/server/src/db/client.ts';
import * as schema from '../apps/server/src/db/schema.ts';
import { noRequest, systemActor } from '../apps/server/src/kernel/actor.ts';
import { actorOf } from '../apps/server/src/kernel/auth/authenticate.ts';
import { execute, type Caller } from '../apps/server/src/kernel/command.ts';
import { createDepartment } from '../apps/server/src/kernel/org/commands/create-department.ts';
import { createUser } from '../apps/server/src/kernel/org/commands/create-user.ts';
import { positions } from '../apps/server/src/kernel/org/schema.ts';
import { inboxCounts, listInbox } from '../apps/server/src/modules/applications/inbox.ts';
import { cpuMeter, waitForQuietMachine } from './lib/cpu.ts';
import { createBenchDatabase } from './lib/database.ts';
import { openBenchHenji } from './lib/henji.ts';
import { HttpClient, type Session } from './lib/http-client.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { latencyLine95 as latencyLine, machine, ms, note, printResult, summarise, type LatencySummary } from './lib/report.ts';

const OPEN_TASKS = Number(process.env.BENCH_OPEN_TASKS ?? 100_000);
const USERS = 2_000;
const DEPARTMENTS = 100;
const TYPICAL_TASKS = 50;
const BUSY_TASKS = 5_000;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const TARGET_P95_MS = 20;
const PASSWORD = 'bench-user-password';

const bench: Caller = { actor: systemActor('bench'), meta: noRequest };

interface FlowType {
  typeId: string;
  versionId: string;
  name: string;
  first: string;
  second: string;
}

/** The published built-in types and, for each, the first two approval nodes an application passes. */
async function flowTypes(client: pg.Client): Promise<FlowType[]> {
  const { rows } = await client.query<{ type_id: string; version_id: string; name: string; definition: ApplicationDefinition }>(
    `select t.id as type_id, v.id as version_id, t.name, v.definition
       from application_types t join application_type_versions v on v.id = t.published_version_id order by t.code`,
  );
  return rows.map((r) => {
    const approvals = r.definition.flow.nodes.filter((n) => n.type === 'approval').map((n) => n.id);
    return { typeId: r.type_id, versionId: r.version_id, name: r.name, first: approvals[0]!, second: approvals[1] ?? approvals[0]! };
  });
}

/** The bulk fixture, in one transaction of plain SQL (see the header). Returns a description of the distribution. */
async function insertFixture(client: pg.Client, typical: string, busy: string): Promise<string> {
  const types = await flowTypes(client);
  const arrays = [
    types.map((t) => t.typeId),
    types.map((t) => t.versionId),
    types.map((t) => t.name),
    types.map((t) => t.first),
    types.map((t) => t.second),
  ];
  const started = performance.now();
  await client.query('begin');
  await client.query(`select setseed(0.42)`);
  await client.query(
    `insert into departments (id, code, name, sort_order, created_at, updated_at)
     select gen_random_uuid(), 'FX' || g, (array['行政','技术','市场','销售','法务','采购','质量','客服','研发','财务'])[1 + g % 10] || '部' || g || '组', g, now(), now()
       from generate_series(1, ${DEPARTMENTS}) g`,
  );
  await client.query(`create temp table fx_departments as select id, row_number() over (order by code) as n from departments where code like 'FX%'`);
  await client.query(
    `insert into users (id, username, display_name, email, department_id, status, locale, created_at, updated_at)
     select gen_random_uuid(), 'fx' || g, (array['张','王','李','刘','陈','杨','赵','黄','周','吴'])[1 + g % 10] || (array['伟','芳','娜','洋','静','磊','敏','强','杰','霞'])[1 + (g / 10) % 10] || g,
            'fx' || g || '@bench.example.cn', d.id, 'active', 'zh-CN', now(), now()
       from generate_series(1, ${USERS}) g join fx_departments d on d.n = 1 + g % ${DEPARTMENTS}`,
  );
  await client.query(`create temp table fx_users as select id, department_id, row_number() over (order by username) as n from users where username like 'fx%'`);
  await client.query(`create index on fx_users (n)`);
  // Applications 1..OPEN_TASKS are running (one pending task each); as many again are approved history.
  await client.query(
    `create temp table fx_apps as
     select g as n, g <= $1::int as running, gen_random_uuid() as id, gen_random_uuid() as step1, gen_random_uuid() as step2,
            gen_random_uuid() as task1, gen_random_uuid() as task2, g % ${types.length} + 1 as t,
            now() - random() * interval '60 days' as submitted, 1 + floor(random() * ${USERS})::int as initiator,
            1 + floor(random() * ${USERS})::int as first_approver,
            case when g <= ${TYPICAL_TASKS} then null when g <= ${TYPICAL_TASKS + BUSY_TASKS} then null
                 else 1 + floor(${USERS} * power(random(), 2))::int end as pending_n,
            case when g <= ${TYPICAL_TASKS} then $2::uuid when g <= ${TYPICAL_TASKS + BUSY_TASKS} then $3::uuid end as pending_fixed
       from generate_series(1, $1::int * 2) g`,
    [OPEN_TASKS, typical, busy],
  );
  await client.query(
    `insert into applications (id, type_id, version_id, title, initiator_id, department_id, status, urgent, form, form_hash, request_key,
                               submitted_at, completed_at, effective_at, created_at, updated_at)
     select a.id, ($1::uuid[])[a.t], ($2::uuid[])[a.t], ($3::text[])[a.t] || ' ' || a.n, u.id, u.department_id,
            case when a.running then 'running' else 'approved' end, a.n % 50 = 0,
            jsonb_build_object('title', ($3::text[])[a.t] || ' ' || a.n, 'amount', 100 + a.n % 20000, 'reason', '因工作需要申请，请审批。'),
            'sha256:' || md5(a.id::text) || md5(a.n::text), a.id::text, a.submitted, case when a.running then null else a.submitted + interval '2 days' end,
            case when a.running then null else a.submitted + interval '2 days' end, a.submitted, a.submitted
       from fx_apps a join fx_users u on u.n = a.initiator`,
    [arrays[0], arrays[1], arrays[2]],
  );
  await client.query(
    `insert into application_steps (id, application_id, node_id, node_type, status, outcome, seq, entered_at, left_at, deadline_at, timer_generation)
     select a.step1, a.id, ($1::text[])[a.t], 'approval', 'completed', 'approved', 1, a.submitted, a.submitted + interval '5 hours', null, 2 from fx_apps a
     union all
     select a.step2, a.id, ($2::text[])[a.t], 'approval', case when a.running then 'active' else 'completed' end, case when a.running then null else 'approved' end, 2,
            a.submitted + interval '5 hours', case when a.running then null else a.submitted + interval '2 days' end,
            case when a.running then now() - interval '2 days' + random() * interval '5 days' end, 1 from fx_apps a`,
    [arrays[3], arrays[4]],
  );
  await client.query(
    `insert into application_tasks (id, application_id, step_id, node_id, kind, status, assignee_id, chain_id, seq, decision, opinion, form_hash, created_at, acted_at)
     select a.task1, a.id, a.step1, ($1::text[])[a.t], 'approve', 'done', u.id, a.task1, 0, 'approve', '同意。', 'sha256:x', a.submitted, a.submitted + interval '5 hours'
       from fx_apps a join fx_users u on u.n = a.first_approver
     union all
     select a.task2, a.id, a.step2, ($2::text[])[a.t], 'approve', case when a.running then 'pending' else 'done' end, coalesce(a.pending_fixed, u.id), a.task2, 0,
            case when a.running then null else 'approve' end, null, null, a.submitted + interval '5 hours',
            case when a.running then null else a.submitted + interval '2 days' end
       from fx_apps a left join fx_users u on u.n = coalesce(a.pending_n, 1)`,
    [arrays[3], arrays[4]],
  );
  await client.query(
    `insert into jobs (id, kind, payload, state, run_at, max_attempts, created_at)
     select gen_random_uuid(), 'application.sla', jsonb_build_object('applicationId', a.id, 'stepId', a.step2, 'generation', 1), 'pending',
            now() + interval '1 day' + random() * interval '2 days', 8, a.submitted
       from fx_apps a where a.running`,
  );
  const { rows } = await client.query<{ max: number; p50: number; p90: number; holders: number }>(
    `select max(c)::int as max, percentile_disc(0.5) within group (order by c)::int as p50, percentile_disc(0.9) within group (order by c)::int as p90, count(*)::int as holders
       from (select assignee_id, count(*) as c from application_tasks where status = 'pending' and assignee_id not in ($1, $2) group by assignee_id) x`,
    [typical, busy],
  );
  await client.query('commit');
  const insertMs = performance.now() - started;
  const t = performance.now();
  await client.query('vacuum analyze');
  const d = rows[0]!;
  return (
    `${OPEN_TASKS.toLocaleString('en-US')} pending tasks (typical user ${TYPICAL_TASKS}, busy user ${BUSY_TASKS.toLocaleString('en-US')}, ` +
    `the rest over ${d.holders} users: median ${d.p50}, p90 ${d.p90}, max ${d.max.toLocaleString('en-US')}); ` +
    `${(OPEN_TASKS * 2).toLocaleString('en-US')} applications, ${(OPEN_TASKS * 4).toLocaleString('en-US')} steps, ${(OPEN_TASKS * 4).toLocaleString('en-US')} tasks, ` +
    `${OPEN_TASKS.toLocaleString('en-US')} queued SLA jobs; inserted in ${ms(insertMs)}, vacuum analyze ${ms(performance.now() - t)}`
  );
}

/** Times `count` requests one after another. */
async function timeRequests(run: () => Promise<void>, count: number): Promise<LatencySummary> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run();
    latencies.push(performance.now() - t0);
  }
  return summarise(latencies);
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statements the product's own inbox functions send for this user. */
async function explainInbox(databaseUrl: string, userId: string): Promise<{ plans: string[]; times: string[] }> {
  const captured: { query: string; params: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const logged = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Database;
    const actor = await actorOf(logged, userId);
    captured.length = 0;
    await listInbox(logged, actor!, { tab: 'todo', page: 1, pageSize: 20 }, 'zh-CN');
    await inboxCounts(logged, actor!);
    const plans: string[] = [];
    const times: string[] = [];
    for (const { query, params } of captured) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query}`, params);
      const plan = rows.map((r) => r['QUERY PLAN']);
      plans.push(`${query}\n${plan.join('\n')}`);
      const exec = plan.find((l) => l.startsWith('Execution Time'));
      times.push(`${exec?.replace('Execution Time: ', '') ?? '?'} (${query.replace(/\s+/g, ' ').slice(0, 60)}…)`);
    }
    return { plans, times };
  } finally {
    await pool.end();
  }
}

export async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const henji = await openBenchHenji(database.url, { poolSize: 2 });
  const { db } = henji.handle;
  let server: ServerProcess | null = null;
  let http: HttpClient | null = null;
  const lines: Record<string, string> = { ...(await machine()) };
  const results: Record<string, LatencySummary> = {};
  try {
    const [head] = await db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
    const dept = await execute(db, bench, createDepartment, { code: 'XZ', name: '行政部', parentId: null });
    const fin = await execute(db, bench, createDepartment, { code: 'CW', name: '财务部', parentId: null });
    const typical = await execute(db, bench, createUser, {
      username: 'typical', displayName: '张经理', roles: [], departmentId: dept.id, positionId: head!.id, managerId: null, password: PASSWORD, passwordChosenByUser: true,
    });
    const busy = await execute(db, bench, createUser, {
      username: 'busy', displayName: '李会计', roles: ['finance'], departmentId: fin.id, positionId: null, managerId: null, password: PASSWORD, passwordChosenByUser: true,
    });
    note(`inserting the fixture (${OPEN_TASKS.toLocaleString('en-US')} open tasks)`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      lines.fixture = await insertFixture(client, typical.id, busy.id);
    } finally {
      await client.end();
    }
    note(lines.fixture);

    server = await startServerProcess(database.url, henji.pem);
    http = new HttpClient(server.base, 2);
    const sessions: [string, Session, number][] = [
      ['typical', await http.signIn('typical', PASSWORD), TYPICAL_TASKS],
      ['busy', await http.signIn('busy', PASSWORD), BUSY_TASKS],
    ];
    lines.server = `buildServer + openRuntime in a child process (sequencer and job runner running), loopback keep-alive HTTP, one request at a time`;
    lines.requests = `${REQUESTS} measured per line after ${WARMUP} warm-up requests`;
    const cpu: string[] = [];
    for (const [name, session, expected] of sessions) {
      const todo = async () => {
        const res = await http!.send<InboxPage>('GET', '/api/inbox?tab=todo', { session });
        if (res.status !== 200 || res.body.total !== expected || res.body.items.length !== Math.min(20, expected)) {
          throw new Error(`inbox of ${name}: ${res.status}, total ${res.body?.total}, ${res.body?.items?.length} items; ${res.text.slice(0, 200)}`);
        }
      };
      const counts = async () => {
        const res = await http!.send<InboxCounts>('GET', '/api/inbox/counts', { session });
        if (res.status !== 200 || res.body.todo !== expected) throw new Error(`counts of ${name}: ${res.status} ${res.text.slice(0, 200)}`);
      };
      for (const [what, run] of [['todo', todo], ['counts', counts]] as const) {
        await timeRequests(run, WARMUP);
        await waitForQuietMachine(note);
        const meter = cpuMeter();
        const server0 = server.cpuSeconds();
        results[`${name} ${what}`] = await timeRequests(run, REQUESTS);
        const c = meter();
        const serverCpu = server.cpuSeconds();
        const other = c.machineSeconds === null ? null : c.machineSeconds - c.nodeSeconds - (c.postgresSeconds ?? 0) - (serverCpu! - server0!);
        cpu.push(
          `${name} ${what}: server ${Math.round(((serverCpu! - server0!) / REQUESTS) * 1e6)} + postgres ${Math.round(((c.postgresSeconds ?? 0) / REQUESTS) * 1e6)} µs per request` +
            (other === null ? '' : ` (other processes ${((other / c.wallSeconds) * 100).toFixed(0)}% of a core)`),
        );
        note(`${name} ${what}: ${latencyLine(results[`${name} ${what}`]!)}`);
      }
    }
    lines['GET /api/inbox?tab=todo — typical (50)'] = latencyLine(results['typical todo']!);
    lines['GET /api/inbox?tab=todo — busy (5,000)'] = latencyLine(results['busy todo']!);
    lines['GET /api/inbox/counts — typical'] = latencyLine(results['typical counts']!);
    lines['GET /api/inbox/counts — busy'] = latencyLine(results['busy counts']!);
    lines.CPU = cpu.join('; ');
    for (const [name, session] of sessions) {
      const { plans, times } = await explainInbox(database.url, session.userId);
      lines[`EXPLAIN ANALYZE, ${name}`] = times.join('; ');
      note(`plans for ${name}:\n\n${plans.join('\n\n')}\n`);
    }
  } finally {
    http?.close();
    await server?.stop();
    await henji.handle.close();
    await database.drop();
  }
  const worst = Math.max(...Object.values(results).map((r) => r.p95));
  printResult('inbox-query', lines, { target: `p95 ≤ ${TARGET_P95_MS} ms for every line (worst ${ms(worst)})`, met: worst <= TARGET_P95_MS });
}

