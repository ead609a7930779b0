import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitmentKeyFileFor, loadOrCreateCommitmentKey } from './commitment-key.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('the commitment key file', () => {
  it('is created beside the ledger key with mode 0600 and read back as the same key', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'henji-keys-'));
    dirs.push(dir);
    const file = commitmentKeyFileFor(path.join(dir, 'keys', 'ledger-ed25519.pem'));
    expect(path.dirname(file)).toBe(path.join(dir, 'keys'));
    const created = await loadOrCreateCommitmentKey(file);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[0-9a-f]{64}$/);
    const again = await loadOrCreateCommitmentKey(file);
    expect(again.keyId).toBe(created.keyId);
    expect(again.commit('"x"')).toBe(created.commit('"x"'));
  });
});
