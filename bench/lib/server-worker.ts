/**
 * Henji's HTTP server as `henji serve` runs it, in a process of its own: `openRuntime` with the sequencer and the job
 * runner started, `buildServer` with a pino logger at the configured level (request logging included, written to
 * /dev/null instead of a terminal), listening on a loopback port. Spawned by lib/server-process.ts with
 * `node --import tsx` and driven over IPC, so the load generator's CPU and event loop are not the server's.
 *
 * Input from the environment: BENCH_SERVER_DATABASE_URL — or BENCH_SERVER_DATA_DIR for the embedded PGlite (one
 * connection, in this process) —, BENCH_SERVER_PEM (the ledger key), BENCH_SERVER_POOL_SIZE (optional). Sign-in is rate-limited per IP in the product; every benchmark client comes from 127.0.0.1, so the
 * limit is raised here (signing in is set-up, never measured).
 *
 * On request it builds the benchmark's company (`make-company`, lib/purchase-company.ts) and answers SQL (`query`), so
 * a benchmark needs no connection of its own (PGlite allows none).
 *
 * On request (`count-queries`) it counts the SQL each HTTP request sends, by the request's `x-bench-action` header
 * (on PGlite through `onStatement`, which leaves out BEGIN and COMMIT).
 * That uses AsyncLocalStorage, which slows every promise, so it is switched on only after the measurement, for a
 * sequential diagnostic pass.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { onStatement, queryRows } from '../../apps/server/src/db/client.ts';
import { buildServer } from '../../apps/server/src/http/server.ts';
import { signerFromPem } from '../../apps/server/src/kernel/ledger/keys.ts';
import { appDepsOf, openRuntime } from '../../apps/server/src/runtime.ts';
import { benchConfig } from './henji.ts';
import { makePurchaseCompany, type CompanyPlan, type CompanyUsers } from './purchase-company.ts';

export type ServerMessage =
  | { type: 'listening'; port: number; storage: 'pglite' | 'postgres' }
  | { type: 'query-stats'; stats: QueryStats }
  | { type: 'company'; company: CompanyUsers }
  | { type: 'rows'; rows: Record<string, unknown>[] }
  | { type: 'ok' };

export type ServerCommand =
  | { type: 'make-company'; plan: CompanyPlan }
  | { type: 'query'; text: string }
  | { type: 'count-queries' }
  | { type: 'query-stats' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stop' };

/** Per `x-bench-action` label: requests seen, SQL statements they sent, time spent waiting on them, statement texts. */
export type QueryStats = Record<string, { requests: number; queries: number; dbMs: number; requestMs: number; statements: Record<string, number> }>;

const url = process.env.BENCH_SERVER_DATABASE_URL || undefined;
const dataDir = process.env.BENCH_SERVER_DATA_DIR || undefined;
const pem = process.env.BENCH_SERVER_PEM;
if ((!url && !dataDir) || !pem) throw new Error('set BENCH_SERVER_DATABASE_URL or BENCH_SERVER_DATA_DIR, and BENCH_SERVER_PEM');
const base = benchConfig(url, process.env.BENCH_SERVER_POOL_SIZE ? Number(process.env.BENCH_SERVER_POOL_SIZE) : undefined, dataDir);
const config = { ...base, login: { ...base.login, ratePerMinute: 10_000 } };

let backgroundErrors = 0;
const runtime = await openRuntime(config, {
  signer: signerFromPem(pem),
  startBackground: true,
  onBackgroundError: (error, where) => {
    backgroundErrors++;
    process.stderr.write(`[server] ${where} failed: ${String(error)}\n`);
  },
});
const logger = pino({ level: config.logLevel }, pino.destination({ dest: '/dev/null', sync: true }));
const app = await buildServer(appDepsOf(runtime), logger);

interface RequestStore {
  label: string;
  queries: number;
  dbMs: number;
  statements: string[];
}
const requests = new AsyncLocalStorage<RequestStore>();
const stats: QueryStats = {};

/** Counts statements of the current request: pg's Client#query wrapped (with the time spent), or on PGlite `onStatement`. */
function countQueries(): void {
  if (runtime.handle.kind === 'pglite') {
    onStatement((text) => {
      const store = requests.getStore();
      if (!store) return;
      store.queries++;
      store.statements.push(text.replace(/\s+/g, ' ').slice(0, 160));
    });
  } else wrapPgQuery();
  countPerRequest();
}

function wrapPgQuery(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const store = requests.getStore();
    if (!store) return original.apply(this, args);
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | null)?.text ?? '?');
    store.queries++;
    store.statements.push(text.replace(/\s+/g, ' ').slice(0, 160));
    const t0 = performance.now();
    const done = () => void (store.dbMs += performance.now() - t0);
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...result: unknown[]) => {
        done();
        return (last as (...a: unknown[]) => unknown)(...result);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
}

function countPerRequest(): void {
  app.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers['x-bench-action'];
    const store: RequestStore = { label: typeof header === 'string' ? header : `${req.method} ${req.url}`, queries: 0, dbMs: 0, statements: [] };
    const t0 = performance.now();
    // enterWith: the rest of this 'request' emit, Fastify's handler included, runs with this store.
    requests.enterWith(store);
    res.on('finish', () => {
      const s = (stats[store.label] ??= { requests: 0, queries: 0, dbMs: 0, requestMs: 0, statements: {} });
      s.requests++;
      s.queries += store.queries;
      s.dbMs += store.dbMs;
      s.requestMs += performance.now() - t0;
      for (const text of store.statements) s.statements[text] = (s.statements[text] ?? 0) + 1;
    });
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
const send = (message: ServerMessage) => process.send!(message);
send({ type: 'listening', port: (app.server.address() as AddressInfo).port, storage: runtime.handle.kind });

/** A CPU profile of this process between `profile-start` and `profile-stop` (the measured window only). */
const inspector = new Session();
async function profile(command: Extract<ServerCommand, { type: 'profile-start' | 'profile-stop' }>): Promise<void> {
  if (command.type === 'profile-start') {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
    await inspector.post('Profiler.start');
    return;
  }
  const { profile: result } = await inspector.post('Profiler.stop');
  await writeFile(command.file, JSON.stringify(result));
  inspector.disconnect();
}

process.on('message', (message: ServerCommand) => {
  if (message.type === 'profile-start' || message.type === 'profile-stop') {
    void profile(message).then(
      () => send({ type: 'ok' }),
      (error) => process.stderr.write(`[server] profile: ${String(error)}\n`),
    );
  } else if (message.type === 'make-company') {
    void makePurchaseCompany(runtime.handle.db, message.plan).then(
      (company) => send({ type: 'company', company }),
      (error) => {
        process.stderr.write(`[server] make-company: ${String(error)}\n`);
        process.exit(4);
      },
    );
  } else if (message.type === 'query') {
    void queryRows<Record<string, unknown>>(runtime.handle.db, sql.raw(message.text)).then(
      (rows) => send({ type: 'rows', rows }),
      (error) => {
        process.stderr.write(`[server] query: ${String(error)}\n`);
        process.exit(4);
      },
    );
  } else if (message.type === 'count-queries') {
    countQueries();
    send({ type: 'ok' });
  } else if (message.type === 'query-stats') {
    send({ type: 'query-stats', stats });
  } else if (message.type === 'stop') {
    void (async () => {
      await app.close();
      await runtime.close();
      process.exit(backgroundErrors > 0 ? 3 : 0);
    })();
  }
});
