/**
 * `henji users unlock` and `henji users reset-password` as an operator runs them when nobody can sign in: real
 * processes on a PGlite data directory, traced as the system, the password never taken from the command line.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/kernel/auth/password.ts';

const HENJI = path.resolve(import.meta.dirname, '../../../../bin/henji.mjs');
let dataDir: string;

function henji(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [HENJI, ...args],
      {
        env: { ...process.env, HENJI_DATA_DIR: dataDir, DATABASE_URL: '', HENJI_ADMIN_PASSWORD: 'admin-password-cli', LOG_LEVEL: 'silent' },
        timeout: 120_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

async function withDatabase<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await PGlite.create(path.join(dataDir, 'pgdata'));
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'henji-users-cli-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('henji users', () => {
  it('resets a password read from standard input, refuses one on the command line, and unlocks a locked account', async () => {
    const reset = await henji(['users', 'reset-password', 'admin', '--password-stdin'], 'brand-new-password-1\nignored second line\n');
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('admin has a new password');
    // Typed by whoever runs the command, not necessarily the user: they must choose their own at the next sign-in.
    expect(reset.stdout).toContain('must choose their own at the next sign-in');

    const inArgs = await henji(['users', 'reset-password', 'admin', '--password=short-and-visible']);
    expect(inArgs.code).toBe(2);
    expect(inArgs.stderr).toContain('never taken from the command line');
    const tooShort = await henji(['users', 'reset-password', 'admin', '--password-stdin'], 'short\n');
    expect(tooShort.code).toBe(1);
    const nobody = await henji(['users', 'unlock', 'nobody-here']);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('no user nobody-here');

    await withDatabase((db) => db.query(`update users set failed_logins = 0, locked_until = '2999-01-01T00:00:00Z' where username = 'admin'`));
    const unlock = await henji(['users', 'unlock', 'admin']);
    expect(unlock.stderr).toBe('');
    expect(unlock.code).toBe(0);
    expect(unlock.stdout).toContain('admin is unlocked');

    await withDatabase(async (db) => {
      const admin = (await db.query<{ id: string; locked_until: string | null; password_hash: string; must_change_password: boolean }>(
        `select id, locked_until, password_hash, must_change_password from users where username = 'admin'`,
      )).rows[0]!;
      expect(admin.locked_until).toBeNull();
      expect(admin.must_change_password).toBe(true);
      expect(await verifyPassword('brand-new-password-1', admin.password_hash)).toBe(true);
      const trace = await db.query<{ action: string; actor_id: string | null; payload: string }>(
        `select action, actor_id, payload from ledger_entries where subject_type = 'user' and subject_id = $1 order by id`,
        [admin.id],
      );
      const cli = trace.rows.filter((e) => e.action === 'user.password_reset' || e.action === 'user.unlock');
      expect(cli.map((e) => [e.action, e.actor_id])).toEqual([['user.password_reset', null], ['user.unlock', null]]);
      expect(cli[0]!.payload).not.toContain('brand-new-password-1');
      expect(JSON.parse(cli[1]!.payload).diff).toEqual({ lockedUntil: { before: '2999-01-01T00:00:00.000Z', after: null } });
    });

    // --own-password: the person typing is the user themself, so nothing more is asked of them.
    const own = await henji(['users', 'reset-password', 'admin', '--password-stdin', '--own-password'], 'my-own-password-22\n');
    expect(own.code).toBe(0);
    expect(own.stdout).not.toContain('must choose');
    await withDatabase(async (db) => {
      const [row] = (await db.query<{ must_change_password: boolean }>(`select must_change_password from users where username = 'admin'`)).rows;
      expect(row!.must_change_password).toBe(false);
    });
  }, 300_000); // six processes on PGlite
});
