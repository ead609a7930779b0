import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from './data-dir-lock.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'henji-lock-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE);

/** The pid of a process that has already ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the data directory lock', () => {
  it('lets one holder in and names it to the next', async () => {
    const lock = await lockDataDir(dir);
    const holder = JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number; startedAt: string; command: string };
    expect(holder.pid).toBe(process.pid);
    expect(Number.isNaN(Date.parse(holder.startedAt))).toBe(false);
    expect(holder.command).not.toBe('');

    const second = await lockDataDir(dir).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(DataDirLockedError);
    const message = (second as Error).message;
    expect(message).toContain(`pid ${process.pid}`);
    expect(message).toContain(dir);
    expect(message).toContain('Stop that process first');

    await lock.release();
    expect(existsSync(lockFile())).toBe(false);
    await (await lockDataDir(dir)).release();
  });

  it('takes over a lock whose process is gone, or that cannot be read', async () => {
    const pid = await deadPid();
    await writeFile(lockFile(), JSON.stringify({ pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', command: 'henji serve' }));
    const lock = await lockDataDir(dir);
    expect((JSON.parse(await readFile(lockFile(), 'utf8')) as { pid: number }).pid).toBe(process.pid);
    await lock.release();

    await writeFile(lockFile(), '');
    await (await lockDataDir(dir)).release();
  });

  it('is given back when its process exits without closing', async () => {
    const module = new URL('./data-dir-lock.ts', import.meta.url).href;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import(${JSON.stringify(module)}).then((m) => m.lockDataDir(${JSON.stringify(dir)})).then(() => process.exit(0))`],
      { stdio: 'inherit' },
    );
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(existsSync(lockFile())).toBe(false);
  });

  it('guards PGlite: a second open of one data directory is refused until the first closes', async () => {
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    expect(existsSync(lockFile())).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });
});
