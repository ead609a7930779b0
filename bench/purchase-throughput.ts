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
 *
 * BENCH_CLIENTS may list several counts (`1,8,32`): each is measured in turn (its own warm-up and window) on the
 * same server and company, and a table of p50/p99 per action and count follows the result; the full result block
 * (CPU, waits, rows) is for the largest. BENCH_STORAGE=pglite runs the server on the embedded PGlite instead (its
 * own data directory, one connection, as `henji serve` without DATABASE_URL); the company is built inside the
 * server process either way, and what needs PostgreSQL's statistics is left out.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Application, ApplicationType } from '@henji/contracts';
import { queryRows, type Database } from '../apps/server/src/db/client.ts';
import { cpuMeter, waitForQuietMachine } from './lib/cpu.ts';
import { createBenchDatabase, type BenchDatabase } from './lib/database.ts';
import { benchConfig, newSignerPem, openBenchHenji, type BenchHenji } from './lib/henji.ts';
import { HttpClient, type Session } from './lib/http-client.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { latencyLine, machine, ms, note, perSecond, printResult, sleep, summarise } from './lib/report.ts';

/** Client counts to measure, in order; the company has a department per client of the largest. */
const CLIENT_LEVELS = (process.env.BENCH_CLIENTS ?? '32').split(',').map((n) => Number(n.trim()));
if (CLIENT_LEVELS.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_CLIENTS: a count or a list of counts, not ${process.env.BENCH_CLIENTS}`);
const CLIENTS = Math.max(...CLIENT_LEVELS);
const STORAGE = process.env.BENCH_STORAGE === 'pglite' ? 'pglite' : 'postgres';
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

/** The organisation, built in the server process through the admin pages' commands; everyone signs in over HTTP. */
async function makeCompany(server: ServerProcess, client: HttpClient): Promise<Company> {
  const users = await server.makeCompany({ clients: CLIENTS, financeClerks: FINANCE_CLERKS, password: PASSWORD });
  note(`signing in ${CLIENTS * 2 + FINANCE_CLERKS + 1} users through /api/auth/login`);
  const sessions = new Map<string, Session>();
  const signIn = async (username: string) => {
    const known = sessions.get(username);
    if (known) return known;
    const session = await client.signIn(username, PASSWORD);
    sessions.set(username, session);
    return session;
  };
  const ceoSession = await signIn(users.ceo);
  const plans: ClientPlan[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    plans.push({
      index: i,
      applicant: await signIn(users.departments[i]!.applicant),
      approvers: {
        head: await signIn(users.departments[i]!.head),
        finance: await signIn(users.clerks[i % FINANCE_CLERKS]!),
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

/** Asked of the server process (one question at a time): on PGlite it holds the only connection. */
const pendingEntries = async (server: ServerProcess) =>
  Number((await server.query<{ n: string }>('select count(*)::text as n from ledger_pending'))[0]!.n);

async function waitForSequencer(server: ServerProcess): Promise<number> {
  const started = performance.now();
  while ((await pendingEntries(server)) > 0) {
    if (performance.now() - started > 300_000) throw new Error('the sequencer did not drain within 300 s');
    await sleep(100);
  }
  return performance.now() - started;
}

/** Runs every client until `until`; a client finishes the instance it is in the middle of. */
async function runClients(clients: HttpClient[], plans: ClientPlan[], typeId: string, rec: Recorder, until: number): Promise<void> {
  await Promise.all(
    plans.map(async (plan, i) => {
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
      server.storage === 'pglite'
        ? `${(s.queries / s.requests).toFixed(1)} statements (BEGIN/COMMIT not counted), ${ms(s.requestMs / s.requests)} in the server (one at a time)`
        : `${(s.queries / s.requests).toFixed(1)} statements, ${ms(s.dbMs / s.requests)} waiting on PostgreSQL of ${ms(s.requestMs / s.requests)} in the server (one at a time)`;
    const top = Object.entries(s.statements)
      .sort((a, b) => b[1] - a[1])
      .map(([text, n]) => `    ${(n / s.requests).toFixed(1)}×  ${text}`);
    note(`statements of ${action} (per request):\n${top.join('\n')}`);
  }
  return lines;
}

const STAGE_LABELS = ['submit', ...STAGES.map((st) => `read:${st}` as const), ...STAGES.map((st) => `approve:${st}` as const)] as const;

/** One client count's result: completions, latencies per action, the server's CPU over the window. */
interface Level {
  clients: number;
  rec: Recorder;
  t0: number;
  t1: number;
  completed: number;
  rate: number;
  serverSeconds: number | null;
}

/** p50 / p99 per action at each client count, as Markdown (docs/BENCHMARKS.md takes it as it is). */
function levelTable(levels: Level[]): string {
  const head = `| clients | instances/s | server CPU / instance | ${STAGE_LABELS.map((l) => `${l} p50 / p99`).join(' | ')} |`;
  const rule = `|---:|---:|---:|${STAGE_LABELS.map(() => '---:').join('|')}|`;
  const rows = levels.map((l) => {
    const cells = STAGE_LABELS.map((label) => {
      const s = summarise(l.rec.within([label], l.t0, l.t1));
      return `${ms(s.p50)} / ${ms(s.p99)}`;
    });
    const cpu = l.serverSeconds === null || l.completed === 0 ? '?' : `${((l.serverSeconds / l.completed) * 1000).toFixed(1)} ms`;
    return `| ${l.clients} | ${l.rate.toFixed(1)} | ${cpu} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

export async function main(): Promise<void> {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  // PostgreSQL: a fresh database, migrated here; the benchmark keeps a connection for the statistics views.
  // PGlite: a fresh data directory that only the server process opens (it migrates it on start).
  let database: BenchDatabase | null = null;
  let henji: BenchHenji | null = null;
  let dataDir: string | null = null;
  if (STORAGE === 'postgres') {
    database = await createBenchDatabase();
    henji = await openBenchHenji(database.url, { poolSize: 2 });
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'henji-bench-pglite-'));
  }
  const db: Database | null = henji?.handle.db ?? null;
  const pem = henji?.pem ?? newSignerPem();
  const servers: ServerProcess[] = [];
  const clients: HttpClient[] = [];
  let lines: Record<string, string> = {};
  let rate = 0;
  let p99: Record<'submit' | 'approve' | 'read', number> = { submit: Number.NaN, approve: Number.NaN, read: Number.NaN };
  const levels: Level[] = [];
  try {
    if (STORAGE === 'pglite' && SERVERS !== 1) throw new Error('PGlite: one server process (one process opens a data directory)');
    for (let i = 0; i < SERVERS; i++) {
      const server = await startServerProcess(database ? database.url : { dataDir: dataDir! }, pem, { profileWindow: true });
      servers.push(server);
      clients.push(new HttpClient(server.base, CLIENTS + 4));
      note(`server pid ${server.pid} at ${server.base} on ${server.storage}`);
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
    const company = await makeCompany(server, http);
    const types = await http.send<{ items: ApplicationType[] }>('GET', '/api/application-types', { session: company.plans[0]!.applicant });
    const typeId = types.body.items.find((t) => t.code === 'purchase')?.id;
    if (!typeId) throw new Error('the built-in purchase type is not published');
    const purchase: string = typeId;

    let detail: Awaited<ReturnType<typeof measureLevel>> | null = null;
    for (const count of CLIENT_LEVELS) {
      const measured = await measureLevel(count, count === CLIENTS && detail === null);
      levels.push(measured.level);
      if (measured.marks) detail = measured;
    }

    async function measureLevel(count: number, detailed: boolean) {
      await waitForQuietMachine(note);
      const rec = new Recorder();
      const started = performance.now();
      const t0 = started + WARMUP_S * 1000;
      const t1 = t0 + DURATION_S * 1000;
      note(`${count} clients: ${WARMUP_S} s warm-up, then ${DURATION_S} s measured`);
      // Readings at the edges of the window, taken while the clients run.
      const marks = (async () => {
        await sleep(t0 - performance.now());
        if (PROFILE_DIR && detailed) await server.profileStart();
        const cpu = cpuMeter();
        const w = { server: serverCpu(), writes: db && detailed ? await tableWrites(db) : null, counters: db && detailed ? await databaseCounters(db) : null };
        const waits = db && detailed ? sampleWaits(db) : null;
        await sleep(t1 - performance.now());
        if (PROFILE_DIR && detailed) {
          const file = path.resolve(PROFILE_DIR, `purchase-throughput-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
          await server.profileStop(file);
          note(`CPU profile of the window: ${file} (node bench/profile-summary.mjs ${file})`);
        }
        const e = {
          cpu: cpu(),
          server: serverCpu(),
          writes: db && detailed ? await tableWrites(db) : null,
          counters: db && detailed ? await databaseCounters(db) : null,
        };
        return { w, e: { ...e, waits: waits ? await waits() : null } };
      })();
      await runClients(clients, company.plans.slice(0, count), purchase, rec, t1);
      const { w, e } = await marks;
      if (rec.errors.length > 0) throw new Error(`${rec.errors.length} instances failed; first: ${rec.errors[0]}`);
      const pending = await pendingEntries(server);
      const drainMs = await waitForSequencer(server);
      const completed = rec.completions.filter((c) => c >= t0 && c < t1).length;
      const serverSeconds = e.server !== null && w.server !== null ? e.server - w.server : null;
      const level: Level = { clients: count, rec, t0, t1, completed, rate: completed / DURATION_S, serverSeconds };
      note(`${count} clients: ${level.rate.toFixed(1)} instances/s`);
      return { level, marks: detailed ? { w, e, pending, drainMs } : null };
    }

    if (!detail?.marks) throw new Error('no detailed measurement');
    const { level, marks } = detail;
    const { rec, t0, t1, completed, serverSeconds } = level;
    const { w, e, pending, drainMs } = marks;
    rate = level.rate;
    const submit = summarise(rec.within(['submit'], t0, t1));
    const approve = summarise(rec.within(['approve:head', 'approve:finance', 'approve:ceo'], t0, t1));
    const read = summarise(rec.within(['read:head', 'read:finance', 'read:ceo'], t0, t1));
    // An approval as the approver experiences it: their GET, then their POST.
    const approvals = rec.within(['approval:head', 'approval:finance', 'approval:ceo'], t0, t1);
    p99 = { submit: submit.p99, approve: approve.p99, read: read.p99 };
    const requests = rec.within(['submit', 'read:head', 'read:finance', 'read:ceo', 'approve:head', 'approve:finance', 'approve:ceo'], t0, t1).length;

    const wall = e.cpu.wallSeconds;
    const pct = (s: number | null) => (s === null ? '?' : `${((s / wall) * 100).toFixed(0)}%`);
    const other = e.cpu.machineSeconds === null ? null : e.cpu.machineSeconds - e.cpu.nodeSeconds - (e.cpu.postgresSeconds ?? 0) - (serverSeconds ?? 0);
    const perInstance = (s: number | null) => (s === null || completed === 0 ? '?' : `${((s / completed) * 1000).toFixed(1)} ms`);

    const writes =
      e.writes && w.writes
        ? [...e.writes.entries()]
            .map(([table, after]) => {
              const before = w.writes!.get(table) ?? { ins: 0, upd: 0, del: 0 };
              return { table, ins: after.ins - before.ins, upd: after.upd - before.upd, del: after.del - before.del };
            })
            .filter((r) => r.ins + r.upd + r.del > 0)
            .sort((a, b) => b.ins + b.upd + b.del - (a.ins + a.upd + a.del))
        : null;
    const per = (v: number) => (completed ? (v / completed).toFixed(1) : '?');
    const ledger = writes?.find((r) => r.table === 'ledger_entries');
    const transactions = e.counters && w.counters ? `, ${perSecond((e.counters.commits - w.counters.commits) / DURATION_S)} PostgreSQL transactions, a statement outside BEGIN counting as one` : '';

    lines = {
      ...(await machine(STORAGE === 'postgres')),
      storage: STORAGE === 'postgres' ? `PostgreSQL, fresh database ${database!.name}` : 'PGlite (embedded, one connection, in the server process), fresh data directory',
      organisation: company.description,
      clients: `${level.clients} concurrent, keep-alive HTTP/1.1 over loopback; each loops: submit → (GET the application, approve) as head, finance clerk, CEO`,
      server: `${SERVERS === 1 ? 'buildServer + openRuntime in a child process' : `${SERVERS} server processes (buildServer + openRuntime each) on the one database, client i on process i mod ${SERVERS}`} (sequencer every ${benchConfig(undefined).sequencerIntervalMs} ms, job runner every ${benchConfig(undefined).jobPollMs} ms)${STORAGE === 'postgres' ? `, pool ${benchConfig(database!.url).poolSize}` : ''}, pino request log at '${benchConfig(undefined).logLevel}' to /dev/null`,
      window: `${DURATION_S} s after ${WARMUP_S} s warm-up`,
      'completed instances': `${completed.toLocaleString('en-US')} → ${rate.toFixed(1)}/s  (${perSecond(requests / DURATION_S)} HTTP requests${transactions})`,
      'submit (POST)': latencyLine(submit),
      'approve (POST)': latencyLine(approve),
      ...Object.fromEntries(STAGES.map((st) => [`  approve ${st}`, latencyLine(summarise(rec.within([`approve:${st}`], t0, t1)))])),
      'read before approving (GET)': latencyLine(read),
      'approval = GET + POST': latencyLine(summarise(approvals)),
      CPU:
        `server ${pct(serverSeconds)} + postgres ${pct(e.cpu.postgresSeconds)} + load generator ${pct(e.cpu.nodeSeconds)} of a core ` +
        `(other processes ${pct(other)}); per instance: server ${perInstance(serverSeconds)}, postgres ${perInstance(e.cpu.postgresSeconds)}, load generator ${perInstance(e.cpu.nodeSeconds)}` +
        (STORAGE === 'pglite' ? ' — on PGlite the database runs in the server process; "postgres" is other PostgreSQL servers on the machine' : ''),
      ...(e.waits ? { 'backends (avg)': e.waits.waits.slice(0, 8).join(', '), 'waiting on locks': e.waits.locked.slice(0, 4).join(' | ') || 'none seen' } : {}),
      ...(writes ? { 'rows per instance': writes.slice(0, 12).map((r) => `${r.table} ${per(r.ins)}+${per(r.upd)}u${r.del ? `+${per(r.del)}d` : ''}`).join(', ') } : {}),
      ledger: `${ledger ? `${per(ledger.ins)} entries per instance; ` : ''}${pending.toLocaleString('en-US')} pending at the end of the window, integrated ${Math.round(drainMs)} ms after the clients stopped`,
    };
    note('diagnostic pass: counting SQL per action, one instance at a time');
    lines = { ...lines, ...(await diagnose(server, http, company, typeId)) };
  } finally {
    for (const client of clients) client.close();
    for (const server of servers) await server.stop();
    await henji?.handle.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  const met = rate >= TARGET_RATE && p99.submit <= TARGET_P99_MS && p99.approve <= TARGET_P99_MS && p99.read <= TARGET_P99_MS;
  printResult('purchase-throughput', lines, {
    target:
      `≥ ${TARGET_RATE} completed instances/s (${rate.toFixed(1)}) and p99 ≤ ${TARGET_P99_MS} ms per action ` +
      `(submit ${ms(p99.submit)}, approve ${ms(p99.approve)}, read ${ms(p99.read)})`,
    met,
  });
  console.log(`\np50 / p99 per action by concurrent clients (${STORAGE}, ${DURATION_S} s window each):\n${levelTable(levels)}`);
}
