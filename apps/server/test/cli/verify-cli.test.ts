/**
 * `henji seed --demo` and `henji verify` as a user runs them: real processes on a PGlite data directory. After a
 * superuser alters one ledger row behind the triggers' back, verify must exit non-zero and name the entry.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const HENJI = path.resolve(import.meta.dirname, '../../../../bin/henji.mjs');
let dataDir: string;

async function henji(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [HENJI, ...args], {
      env: { ...process.env, HENJI_DATA_DIR: dataDir, DATABASE_URL: '', HENJI_ADMIN_PASSWORD: 'admin-password-cli', LOG_LEVEL: 'silent' },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'henji-cli-'));
});
afterAll(async () => rm(dataDir, { recursive: true, force: true }));

describe('henji CLI', () => {
  it('seeds the demo company and verifies the ledger', async () => {
    const seed = await henji(['seed', '--demo']);
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain('7 departments, 25 users created');
    const again = await henji(['seed', '--demo']);
    expect(again.stdout).toContain('0 users created');

    const verify = await henji(['verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/ledger verified: \d+ entries in the tree, 0 pending/);
    const json = JSON.parse((await henji(['verify', '--json'])).stdout) as { ok: boolean; leaves: number; checkpoints: number };
    expect(json.ok).toBe(true);
    expect(json.leaves).toBeGreaterThan(25);
    expect(json.checkpoints).toBeGreaterThan(0);
  }, 180_000); // four processes on PGlite

  it('exits non-zero and names the first altered entry', async () => {
    const db = await PGlite.create(path.join(dataDir, 'pgdata'));
    const target = await db.query<{ id: string }>(
      `select e.id::text as id from ledger_entries e join ledger_leaves l on l.entry_id = e.id
       where e.action = 'user.create' order by l.leaf_index limit 1 offset 5`,
    );
    const id = target.rows[0]!.id;
    await db.transaction(async (tx) => {
      await tx.query(`set local session_replication_role = replica`);
      await tx.query(`update ledger_entries set subject_id = 'someone-else' where id = $1`, [id]);
    });
    await db.close();

    const verify = await henji(['verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('LEDGER VERIFICATION FAILED');
    expect(verify.stdout).toContain(`entry ${id}`);
    const json = await henji(['verify', '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { firstProblem: { entryId: string; kind: string } }).firstProblem).toMatchObject({
      kind: 'entry_mismatch',
      entryId: id,
    });
  });

  it('refuses bad configuration with a clear message', async () => {
    const { code, stderr } = await (async () => {
      try {
        await run(process.execPath, [HENJI, 'migrate'], { env: { ...process.env, PORT: 'seventy', HENJI_DATA_DIR: dataDir } });
        return { code: 0, stderr: '' };
      } catch (error) {
        return error as { code: number; stderr: string };
      }
    })();
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT');
  });
});
