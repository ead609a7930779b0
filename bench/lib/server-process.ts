/**
 * Starts lib/server-worker.ts — Henji's server with its sequencer and job runner, as `henji serve` runs it — in a child
 * process on a benchmark database and talks to it over IPC. Its CPU is read from /proc so a result can say how the
 * two cores were split between the server, PostgreSQL and the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CompanyPlan, CompanyUsers } from './purchase-company.ts';
import type { QueryStats, ServerCommand, ServerMessage } from './server-worker.ts';

export interface ServerProcess {
  base: string;
  pid: number;
  storage: 'pglite' | 'postgres';
  /** Builds the purchase benchmark's company in the server process (lib/purchase-company.ts). */
  makeCompany(plan: CompanyPlan): Promise<CompanyUsers>;
  /** Runs SQL in the server process, on its connection (the only one PGlite has). */
  query<T = Record<string, unknown>>(text: string): Promise<T[]>;
  /** CPU seconds the server process has used so far (user + system), or null without /proc. */
  cpuSeconds(): number | null;
  /** Counts SQL per request from now on (slows the server: use it after measuring). */
  countQueries(): Promise<void>;
  queryStats(): Promise<QueryStats>;
  /** Starts a V8 CPU profile of the server; `profileStop` writes it to `file` (.cpuprofile). */
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  stop(): Promise<void>;
}

const CLOCK_TICKS = 100;

export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

function nextMessage<T extends ServerMessage['type']>(child: ChildProcess, type: T): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<ServerMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the server process exited with ${code} before answering ${type}`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** `databaseUrl`: a PostgreSQL database; `{ dataDir }`: the embedded PGlite in that directory, opened by the server. */
export async function startServerProcess(
  database: string | { dataDir: string },
  pem: string,
  options: { poolSize?: number; profileWindow?: boolean } = {},
): Promise<ServerProcess> {
  const worker = fileURLToPath(new URL('./server-worker.ts', import.meta.url));
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile of its whole life there when it stops — unless the
  // benchmark profiles its measured window itself (`profileWindow`, profileStart/profileStop).
  const profile = process.env.BENCH_CPU_PROF && !options.profileWindow ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', worker], {
    env: {
      ...process.env,
      ...(typeof database === 'string' ? { BENCH_SERVER_DATABASE_URL: database } : { BENCH_SERVER_DATA_DIR: database.dataDir }),
      BENCH_SERVER_PEM: pem,
      ...(options.poolSize ? { BENCH_SERVER_POOL_SIZE: String(options.poolSize) } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, storage } = await nextMessage(child, 'listening');
  const command = (message: ServerCommand) => child.send(message);
  const pid = child.pid!;
  return {
    base: `http://127.0.0.1:${port}`,
    pid,
    storage,
    makeCompany: async (plan) => {
      const answer = nextMessage(child, 'company');
      command({ type: 'make-company', plan });
      return (await answer).company;
    },
    query: async <T>(text: string) => {
      const answer = nextMessage(child, 'rows');
      command({ type: 'query', text });
      return (await answer).rows as T[];
    },
    cpuSeconds: () => processCpuSeconds(pid),
    countQueries: async () => {
      const answer = nextMessage(child, 'ok');
      command({ type: 'count-queries' });
      await answer;
    },
    profileStart: async () => {
      const answer = nextMessage(child, 'ok');
      command({ type: 'profile-start' });
      await answer;
    },
    profileStop: async (file) => {
      const answer = nextMessage(child, 'ok');
      command({ type: 'profile-stop', file });
      await answer;
    },
    queryStats: async () => {
      const answer = nextMessage(child, 'query-stats');
      command({ type: 'query-stats' });
      return (await answer).stats;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        child.once('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`the server process exited with ${code} (3: its sequencer or job runner failed)`)),
        );
        command({ type: 'stop' });
      }),
  };
}
