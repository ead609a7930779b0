/**
 * One process per PGlite data directory. PGlite is PostgreSQL compiled into this process, not a server: a second
 * process opening the same files works on its own copy of the shared state and each overwrites the other's writes
 * (a `henji seed --demo` beside a running server "created 25 users" that were then lost, and broke the ledger).
 * So opening a data directory takes `<dataDir>/henji.lock`, created exclusively (O_EXCL) and holding who took it.
 * A lock whose process is gone (killed, crashed) is taken over; a live holder stops the opener with a message naming
 * it. Released on close and, failing that, when the process exits.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { now } from '../kernel/clock.ts';

export const LOCK_FILE = 'henji.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Henji process: pid ${holder.pid}` +
        `${holder.host === hostname() ? '' : ` on ${holder.host}`} (${holder.command}), since ${holder.startedAt}.\n` +
        `PGlite allows one process per data directory. Stop that process first (e.g. kill ${holder.pid}), ` +
        `or set HENJI_DATA_DIR to another directory. If no such process is running, delete ${lockFile}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  file: string;
  release(): Promise<void>;
}

/** Takes the lock of `dataDir` (which must exist) for this process, or throws DataDirLockedError. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: now().toISOString(),
    command: commandLine(),
  };
  const text = `${JSON.stringify(mine)}\n`;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o644);
      try {
        await handle.writeFile(text);
        await handle.sync();
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw error;
    }
    const holder = await readHolder(file);
    if (holder && isAlive(holder)) throw new DataDirLockedError(dataDir, file, holder);
    // Stale (its process is gone) or unreadable (a crash between create and write): take it over. Two processes
    // taking over the same stale lock at the same instant could both succeed only if one unlinks the other's fresh
    // file between its read and its unlink; the retry re-reads the file, which narrows that to a few microseconds.
    await unlink(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  const ours = () => {
    try {
      return readFileSync(file, 'utf8') === text;
    } catch {
      return false;
    }
  };
  // A process that ends without closing (process.exit, an uncaught error) still gives the directory back.
  const onExit = () => {
    if (ours()) unlinkSync(file);
  };
  process.once('exit', onExit);
  let released = false;
  return {
    file,
    release: async () => {
      if (released) return;
      released = true;
      process.removeListener('exit', onExit);
      if ((await readFile(file, 'utf8').catch(() => null)) === text) await unlink(file).catch(() => undefined);
    },
  };
}

async function readHolder(file: string): Promise<LockHolder | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && Number.isInteger(parsed.pid) && parsed.pid > 0
      ? {
          pid: parsed.pid,
          host: String(parsed.host ?? ''),
          startedAt: String(parsed.startedAt ?? '?'),
          command: String(parsed.command ?? '?'),
        }
      : null;
  } catch {
    return null;
  }
}

/**
 * Whether the holder still runs. Signal 0 checks existence without sending anything: ESRCH means gone, EPERM means
 * alive under another user. A lock taken on another host (a shared file system) cannot be checked from here, so it
 * counts as held.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.host && holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** `henji serve`, `henji verify --json`…: what the holder is, for the message a second opener sees. */
function commandLine(): string {
  const [, script, ...args] = process.argv;
  const name = script ? path.basename(script).replace(/\.m?[jt]s$/, '') : 'node';
  return [name === 'main' ? 'henji' : name, ...args].join(' ');
}
