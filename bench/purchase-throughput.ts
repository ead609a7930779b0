/**
 * Purchase throughput through the HTTP API: 32 concurrent clients, each signed in as real users of a fresh company,
 * each completing purchase applications end to end — submit (amount ≥ 10,000, so all three approvals happen), then
 * the department head, a finance clerk and the CEO each read the application (GET, to learn the task id and form
 * hash as the web app does) and approve it (POST …/actions). The server is Henji's own (`buildServer`, sequencer and
 * job runner running) in a process of its own on a fresh PostgreSQL database, reached over loopback with keep-alive.
 *
 * Reported from the client side: completed instances per second in a fixed window after a warm-up, and p50/p90/p99 of
 * each request — submit, approve, and the approver's read measured separately (also combined, as an approval takes
 * both). Also: the CPU split, what the database backends waited on, rows written and ledger entries per instance, and
 * a sequential diagnostic pass counting the SQL statements each action sends.
 *
 * Target: ≥ 300 completed instances/s with 32 clients; p99 ≤ 100 ms per action.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Application, ApplicationType } from '@henji/contracts';
import { queryRows, type Database } from '../apps/server/src/db/client.ts';
import { noRequest, systemActor } from '../apps/server/src/kernel/actor.ts';
import { execute, type Caller } from '../apps/server/src/kernel/command.ts';
import { createDepartment } from '../apps/server/src/kernel/org/commands/create-department.ts';
import { createUser } from '../apps/server/src/kernel/org/commands/create-user.ts';
import { positions } from '../apps/server/src/kernel/org/schema.ts';
import { cpuMeter, waitForQuietMachine } from './lib/cpu.ts';
import { createBenchDatabase } from './lib/database.ts';
import { benchConfig, openBenchHenji } from './lib/henji.ts';
import { HttpClient, type Session } from './lib/http-client.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { latencyLine, machine, ms, note, perSecond, printResult, sleep, summarise } from './lib/report.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const FINANCE_CLERKS = Number(process.env.BENCH_FINANCE_CLERKS ?? 4);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
const SERVERS = Number(process.env.BENCH_SERVERS ?? 1);
const DIAGNOSTIC_INSTANCES = 5;
/** BENCH_CPU_PROF=<dir>: a CPU profile of the (first) server over the measured window, summarised by profile-summary.mjs. */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const TARGET_RATE = 300;
const TARGET_P99_MS = 100;
const PASSWORD = 'bench-user-password';

const STAGES = ['head', 'finance', 'ceo'] as const;
type Stage = (typeof STAGES)[number];
const OPINIONS: Record<Stage, string> = { head: '同意，请财务审核。', finance: '预算内，同意。', ceo: '同意采购。' };
const DEPARTMENT_NAMES = ['行政部', '技术部', '市场部', '销售部', '法务部', '采购部', '质量管理部', '客户服务部'];
const ITEMS = [
  { name: '激光打印机', spec: 'A4 黑白 双面' },
  { name: '笔记本电脑', spec: '14 英寸 16G/512G' },
  { name: '会议室投影仪', spec: '4000 流明' },
  { name: '服务器内存', spec: 'DDR4 32G ECC' },
];

interface ClientPlan {
  index: number;
  applicant: Session;
  approvers: Record<Stage, Session>;
}

interface Company {
  /** Per client: its applicant and the three approvers it acts as. */
  plans: ClientPlan[];
  description: string;
}

const bench: Caller = { actor: systemActor('bench'), meta: noRequest };

/** The organisation, made through the same commands the admin pages use (users get a real password hash). */
async function makeCompany(db: Database, client: HttpClient): Promise<Company> {
  const [head] = await db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const user = (username: string, displayName: string, fields: { departmentId?: string; positionId?: string; managerId?: string; roles?: string[] }) =>
    execute(db, bench, createUser, {
      username,
      displayName,
      email: `${username}@bench.example.cn`,
      roles: fields.roles ?? [],
      departmentId: fields.departmentId ?? null,
      positionId: fields.positionId ?? null,
      managerId: fields.managerId ?? null,
      password: PASSWORD,
      passwordChosenByUser: true,
    });
  const finance = await execute(db, bench, createDepartment, { code: 'FIN', name: '财务部', parentId: null });
  const clerks = [];
  for (let f = 0; f < FINANCE_CLERKS; f++) clerks.push(await user(`finance${f + 1}`, `财务专员${f + 1}`, { departmentId: finance.id, roles: ['finance'] }));
  const ceo = await user('ceo', '总经理', { roles: ['ceo'] });
  await user('custodian', '行政保管员', { roles: ['custodian'] });
  const departments = [];
  for (let i = 0; i < CLIENTS; i++) {
    const dept = await execute(db, bench, createDepartment, {
      code: `D${i + 1}`,
      name: `${DEPARTMENT_NAMES[i % DEPARTMENT_NAMES.length]}${Math.floor(i / DEPARTMENT_NAMES.length) + 1}组`,
      parentId: null,
    });
    const headUser = await user(`head${i + 1}`, `负责人${i + 1}`, { departmentId: dept.id, positionId: head!.id });
    const applicant = await user(`staff${i + 1}`, `员工${i + 1}`, { departmentId: dept.id, managerId: headUser.id });
    departments.push({ head: headUser, applicant });
  }
  note(`signing in ${CLIENTS * 2 + FINANCE_CLERKS + 1} users through /api/auth/login`);
  const sessions = new Map<string, Session>();
  const signIn = async (username: string) => {
    const known = sessions.get(username);
    if (known) return known;
    const session = await client.signIn(username, PASSWORD);
    sessions.set(username, session);
    return session;
  };
  const ceoSession = await signIn(ceo.username);
  const plans: ClientPlan[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    plans.push({
      index: i,
      applicant: await signIn(departments[i]!.applicant.username),
      approvers: {
        head: await signIn(departments[i]!.head.username),
        finance: await signIn(clerks[i % FINANCE_CLERKS]!.username),
        ceo: ceoSession,
      },
    });
  }
  return {
    plans,
    description:
      `${CLIENTS} departments, each with its head (position 负责人) and one applicant, one department per client; ` +
      `${FINANCE_CLERKS} finance clerks (each finance step opens a task for all of them; client i approves as clerk i mod ${FINANCE_CLERKS}); ` +
      `1 CEO (every client's third approval); 1 custodian (receives the 抄送)`,
  };
}

interface Sample {
  start: number;
  ms: number;
}

/** `approval:` spans an approver's GET and POST together. */
type Label = 'submit' | `read:${Stage}` | `approve:${Stage}` | `approval:${Stage}`;

class Recorder {
  readonly samples = new Map<Label, Sample[]>();
  /** Completion time of every instance whose last approval succeeded. */
  readonly completions: number[] = [];
  readonly errors: string[] = [];

  add(label: Label, start: number, end: number): void {
    let list = this.samples.get(label);
    if (!list) this.samples.set(label, (list = []));
    list.push({ start, ms: end - start });
  }

  within(labels: Label[], t0: number, t1: number): number[] {
    return labels.flatMap((l) => (this.samples.get(l) ?? []).filter((s) => s.start >= t0 && s.start < t1).map((s) => s.ms));
  }
}

const purchaseForm = (n: number) => {
  const item = ITEMS[n % ITEMS.length]!;
  const quantity = 2 + (n % 5);
  const unitPrice = 5000 + (n % 17) * 250;
  return {
    title: `采购${item.name} ${n}`,
    items: [{ name: item.name, spec: item.spec, quantity, unitPrice }],
    amount: quantity * unitPrice,
    supplier: '某某办公设备有限公司',
    reason: '现有设备老化，影响日常办公，按年度预算更新。',
  };
};

let serial = 0;

/** One purchase from submission to the CEO's approval, as the four people would do it in the web app. */
async function completeOne(client: HttpClient, plan: ClientPlan, typeId: string, rec: Recorder, tag = ''): Promise<void> {
  const n = serial++;
  let t = performance.now();
  const submitted = await client.send<Application>('POST', '/api/applications', {
    session: plan.applicant,
    body: { typeId, form: purchaseForm(n), submit: true, requestKey: randomUUID() },
    label: `${tag}submit`,
  });
  rec.add('submit', t, performance.now());
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${submitted.text.slice(0, 300)}`);
  const id = submitted.body.id;
  let last = submitted.body;
  for (const stage of STAGES) {
    const session = plan.approvers[stage];
    const readStart = (t = performance.now());
    const read = await client.send<Application>('GET', `/api/applications/${id}`, { session, label: `${tag}read:${stage}` });
    rec.add(`read:${stage}`, t, performance.now());
    if (read.status !== 200) throw new Error(`read as ${stage}: ${read.status} ${read.text.slice(0, 300)}`);
    const task = read.body.myTasks.find((k) => k.actions.includes('approve'));
    if (!task) throw new Error(`${session.username} has no task to approve on ${id} (at ${read.body.currentNodes.map((c) => c.nodeId).join()})`);
    t = performance.now();
    const approved = await client.send<Application>('POST', `/api/applications/${id}/actions`, {
      session,
      body: { action: 'approve', taskId: task.taskId, formHash: read.body.formHash, opinion: OPINIONS[stage] },
      label: `${tag}approve:${stage}`,
    });
    rec.add(`approve:${stage}`, t, performance.now());
    rec.add(`approval:${stage}`, readStart, performance.now());
    if (approved.status !== 200) throw new Error(`approve as ${stage}: ${approved.status} ${approved.text.slice(0, 300)}`);
    last = approved.body;
  }
  if (last.status !== 'approved' || !last.number) throw new Error(`application ${id} ended ${last.status} without a number`);
  rec.completions.push(performance.now());
}

/** Cumulative statistics of the benchmark database, read at the start and the end of the window. */
async function tableWrites(db: Database): Promise<Map<string, { ins: number; upd: number; del: number }>> {
  const rows = await queryRows<{ relname: string; ins: string; upd: string; del: string }>(
    db,
    sql`select relname, n_tup_ins::text as ins, n_tup_upd::text as upd, n_tup_del::text as del from pg_stat_user_tables`,
  );
  return new Map(rows.map((r) => [r.relname, { ins: Number(r.ins), upd: Number(r.upd), del: Number(r.del) }]));
}

async function databaseCounters(db: Database) {
  const [row] = await queryRows<{ commits: string; rollbacks: string }>(
    db,
    sql`select xact_commit::text as commits, xact_rollback::text as rollbacks from pg_stat_database where datname = current_database()`,
  );
  return { commits: Number(row!.commits), rollbacks: Number(row!.rollbacks) };
}

/**
 * Samples what the database's other backends are doing every 100 ms: running on CPU, waiting for a lock (and on which
 * statement), for the WAL flush of a commit, or for Node to send the next statement (ClientRead, idle in transaction).
 */
function sampleWaits(db: Database) {
  const counts = new Map<string, number>();
  const lockedStatements = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await queryRows<{ what: string; query: string; state: string }>(
        db,
        sql`select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, 'running') as what, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
            from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      samples++;
      for (const r of rows) {
        const key = r.state === 'idle in transaction' ? `${r.what} (idle in transaction)` : r.what;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (r.what.startsWith('Lock:')) lockedStatements.set(r.query, (lockedStatements.get(r.query) ?? 0) + 1);
      }
      await sleep(100);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const per = (m: Map<string, number>) =>
      [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / samples).toFixed(2)}`);
    return { samples, waits: per(counts), locked: per(lockedStatements) };
  };
}

const pendingEntries = async (db: Database) =>
  Number((await queryRows<{ n: string }>(db, sql`select count(*)::text as n from ledger_pending`))[0]!.n);

async function waitForSequencer(db: Database): Promise<number> {
  const started = performance.now();
  while ((await pendingEntries(db)) > 0) {
    if (performance.now() - started > 300_000) throw new Error('the sequencer did not drain within 300 s');
    await sleep(100);
  }
  return performance.now() - started;
}

/** Runs every client until `until`; a client finishes the instance it is in the middle of. */
async function runClients(clients: HttpClient[], company: Company, typeId: string, rec: Recorder, until: number): Promise<void> {
  await Promise.all(
    company.plans.map(async (plan, i) => {
      // With several server processes, client i talks to process i mod N, as a load balancer would spread them.
      const client = clients[i % clients.length]!;
      while (performance.now() < until) {
        try {
          await completeOne(client, plan, typeId, rec);
        } catch (error) {
          rec.errors.push(String(error));
          if (rec.errors.length > 20) throw error;
        }
      }
    }),
  );
}

async function diagnose(server: ServerProcess, client: HttpClient, company: Company, typeId: string) {
  await server.countQueries();
  const rec = new Recorder();
  for (let i = 0; i < DIAGNOSTIC_INSTANCES; i++) await completeOne(client, company.plans[i % company.plans.length]!, typeId, rec, 'diag:');
  const stats = await server.queryStats();
  const lines: Record<string, string> = {};
  for (const [label, s] of Object.entries(stats)) {
    if (!label.startsWith('diag:')) continue;
    const action = label.slice('diag:'.length);
    lines[`SQL per ${action}`] =
      `${(s.queries / s.requests).toFixed(1)} statements, ${ms(s.dbMs / s.requests)} waiting on PostgreSQL of ${ms(s.requestMs / s.requests)} in the server (one at a time)`;
    const top = Object.entries(s.statements)
      .sort((a, b) => b[1] - a[1])
      .map(([text, n]) => `    ${(n / s.requests).toFixed(1)}×  ${text}`);
    note(`statements of ${action} (per request):\n${top.join('\n')}`);
  }
  return lines;
}

export async function main(): Promise<void> {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const database = await createBenchDatabase();
  const henji = await openBenchHenji(database.url, { poolSize: 2 });
  const { db } = henji.handle;
  const servers: ServerProcess[] = [];
  const clients: HttpClient[] = [];
  let lines: Record<string, string> = {};
  let rate = 0;
  let p99: Record<'submit' | 'approve' | 'read', number> = { submit: Number.NaN, approve: Number.NaN, read: Number.NaN };
  try {
    for (let i = 0; i < SERVERS; i++) {
      const server = await startServerProcess(database.url, henji.pem, { profileWindow: true });
      servers.push(server);
      clients.push(new HttpClient(server.base, CLIENTS + 4));
      note(`server pid ${server.pid} at ${server.base}`);
    }
    const [server, http] = [servers[0]!, clients[0]!];
    const serverCpu = () => {
      let sum = 0;
      for (const s of servers) {
        const seconds = s.cpuSeconds();
        if (seconds === null) return null;
        sum += seconds;
      }
      return sum;
    };
    note('building the company');
    const company = await makeCompany(db, http);
    const types = await http.send<{ items: ApplicationType[] }>('GET', '/api/application-types', { session: company.plans[0]!.applicant });
    const typeId = types.body.items.find((t) => t.code === 'purchase')?.id;
    if (!typeId) throw new Error('the built-in purchase type is not published');

    await waitForQuietMachine(note);
    const rec = new Recorder();
    const started = performance.now();
    const t0 = started + WARMUP_S * 1000;
    const t1 = t0 + DURATION_S * 1000;
    note(`${CLIENTS} clients: ${WARMUP_S} s warm-up, then ${DURATION_S} s measured`);
    // Readings at the edges of the window, taken while the clients run.
    const marks = (async () => {
      await sleep(t0 - performance.now());
      if (PROFILE_DIR) await server.profileStart();
      const cpu = cpuMeter();
      const w = { server: serverCpu(), writes: await tableWrites(db), counters: await databaseCounters(db) };
      const waits = sampleWaits(db);
      await sleep(t1 - performance.now());
      if (PROFILE_DIR) {
        const file = path.resolve(PROFILE_DIR, `purchase-throughput-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
        await server.profileStop(file);
        note(`CPU profile of the window: ${file} (node bench/profile-summary.mjs ${file})`);
      }
      const e = { cpu: cpu(), server: serverCpu(), writes: await tableWrites(db), counters: await databaseCounters(db), pending: await pendingEntries(db) };
      return { w, e: { ...e, waits: await waits() } };
    })();
    await runClients(clients, company, typeId, rec, t1);
    const { w, e } = await marks;
    if (rec.errors.length > 0) throw new Error(`${rec.errors.length} instances failed; first: ${rec.errors[0]}`);
    const drainMs = await waitForSequencer(db);

    const completed = rec.completions.filter((c) => c >= t0 && c < t1).length;
    rate = completed / DURATION_S;
    const submit = summarise(rec.within(['submit'], t0, t1));
    const approve = summarise(rec.within(['approve:head', 'approve:finance', 'approve:ceo'], t0, t1));
    const read = summarise(rec.within(['read:head', 'read:finance', 'read:ceo'], t0, t1));
    // An approval as the approver experiences it: their GET, then their POST.
    const approvals = rec.within(['approval:head', 'approval:finance', 'approval:ceo'], t0, t1);
    p99 = { submit: submit.p99, approve: approve.p99, read: read.p99 };
    const requests = rec.within(['submit', 'read:head', 'read:finance', 'read:ceo', 'approve:head', 'approve:finance', 'approve:ceo'], t0, t1).length;

    const wall = e.cpu.wallSeconds;
    const serverSeconds = e.server !== null && w.server !== null ? e.server - w.server : null;
    const pct = (s: number | null) => (s === null ? '?' : `${((s / wall) * 100).toFixed(0)}%`);
    const other = e.cpu.machineSeconds === null ? null : e.cpu.machineSeconds - e.cpu.nodeSeconds - (e.cpu.postgresSeconds ?? 0) - (serverSeconds ?? 0);
    const perInstance = (s: number | null) => (s === null || completed === 0 ? '?' : `${((s / completed) * 1000).toFixed(1)} ms`);

    const writes = [...e.writes.entries()]
      .map(([table, after]) => {
        const before = w.writes.get(table) ?? { ins: 0, upd: 0, del: 0 };
        return { table, ins: after.ins - before.ins, upd: after.upd - before.upd, del: after.del - before.del };
      })
      .filter((r) => r.ins + r.upd + r.del > 0)
      .sort((a, b) => b.ins + b.upd + b.del - (a.ins + a.upd + a.del));
    const per = (v: number) => (completed ? (v / completed).toFixed(1) : '?');
    const ledger = writes.find((r) => r.table === 'ledger_entries');

    lines = {
      ...(await machine()),
      organisation: company.description,
      clients: `${CLIENTS} concurrent, keep-alive HTTP/1.1 over loopback; each loops: submit → (GET the application, approve) as head, finance clerk, CEO`,
      server: `${SERVERS === 1 ? 'buildServer + openRuntime in a child process' : `${SERVERS} server processes (buildServer + openRuntime each) on the one database, client i on process i mod ${SERVERS}`} (sequencer every ${henji.config.sequencerIntervalMs} ms, job runner every ${henji.config.jobPollMs} ms), pool ${benchConfig(database.url).poolSize}, pino request log at '${henji.config.logLevel}' to /dev/null`,
      window: `${DURATION_S} s after ${WARMUP_S} s warm-up`,
      'completed instances': `${completed.toLocaleString('en-US')} → ${rate.toFixed(1)}/s  (${perSecond(requests / DURATION_S)} HTTP requests, ${perSecond((e.counters.commits - w.counters.commits) / DURATION_S)} PostgreSQL transactions, a statement outside BEGIN counting as one)`,
      'submit (POST)': latencyLine(submit),
      'approve (POST)': latencyLine(approve),
      ...Object.fromEntries(STAGES.map((s) => [`  approve ${s}`, latencyLine(summarise(rec.within([`approve:${s}`], t0, t1)))])),
      'read before approving (GET)': latencyLine(read),
      'approval = GET + POST': latencyLine(summarise(approvals)),
      CPU:
        `server ${pct(serverSeconds)} + postgres ${pct(e.cpu.postgresSeconds)} + load generator ${pct(e.cpu.nodeSeconds)} of a core ` +
        `(other processes ${pct(other)}); per instance: server ${perInstance(serverSeconds)}, postgres ${perInstance(e.cpu.postgresSeconds)}, load generator ${perInstance(e.cpu.nodeSeconds)}`,
      'backends (avg)': e.waits.waits.slice(0, 8).join(', '),
      'waiting on locks': e.waits.locked.slice(0, 4).join(' | ') || 'none seen',
      'rows per instance': writes.slice(0, 12).map((r) => `${r.table} ${per(r.ins)}+${per(r.upd)}u${r.del ? `+${per(r.del)}d` : ''}`).join(', '),
      ledger: `${ledger ? per(ledger.ins) : '?'} entries per instance; ${e.pending.toLocaleString('en-US')} pending at the end of the window, integrated ${Math.round(drainMs)} ms after the clients stopped`,
    };
    note('diagnostic pass: counting SQL per action, one instance at a time');
    lines = { ...lines, ...(await diagnose(server, http, company, typeId)) };
  } finally {
    for (const client of clients) client.close();
    for (const server of servers) await server.stop();
    await henji.handle.close();
    await database.drop();
  }
  const met = rate >= TARGET_RATE && p99.submit <= TARGET_P99_MS && p99.approve <= TARGET_P99_MS && p99.read <= TARGET_P99_MS;
  printResult('purchase-throughput', lines, {
    target:
      `≥ ${TARGET_RATE} completed instances/s (${rate.toFixed(1)}) and p99 ≤ ${TARGET_P99_MS} ms per action ` +
      `(submit ${ms(p99.submit)}, approve ${ms(p99.approve)}, read ${ms(p99.read)})`,
    met,
  });
}
