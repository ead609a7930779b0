import { describe, expect, it } from 'vitest';
import { buildPayload, commitmentOf, diffOf, legacyCommitmentOf } from './append.ts';
import { commitmentKeyOf } from './commitment-key.ts';

const meta = { actorId: null, onBehalfOfId: null, requestId: 'r1', ip: '127.0.0.1', userAgent: 'ua', recordedAt: new Date(0) };

describe('trace payloads', () => {
  it('commit confidential fields by hash only (保密性原则)', () => {
    const payload = buildPayload(
      { action: 'user.password_reset', subjectType: 'user', subjectId: 'u1', diff: { password: { before: 'old-secret', after: 'new-secret' } }, confidential: ['password'] },
      meta,
    );
    expect(payload).not.toContain('secret');
    expect(JSON.parse(payload).diff.password).toEqual({ before: commitmentOf('old-secret'), after: commitmentOf('new-secret') });
    expect(commitmentOf('new-secret')).toMatch(/^hmac-sha256:[0-9a-f]{16}:[0-9a-f]{64}$/);
  });

  it('commits with a key, so a dictionary of SHA-256 hashes does not find a weak secret; another key commits otherwise', () => {
    const weak = 'password';
    const payload = buildPayload(
      { action: 'user.password_reset', subjectType: 'user', subjectId: 'u1', diff: { password: { after: weak } }, confidential: ['password'] },
      meta,
    );
    const dictionary = ['123456', 'password', 'admin', 'qwerty', 'henji', 'letmein'];
    for (const word of dictionary) expect(payload).not.toContain(legacyCommitmentOf(word).slice('sha256:'.length));
    const mine = commitmentKeyOf(Buffer.alloc(32, 1));
    const theirs = commitmentKeyOf(Buffer.alloc(32, 2));
    expect(mine.commit('"password"')).not.toBe(theirs.commit('"password"'));
    expect(mine.commit('"password"').split(':')[1]).toBe(mine.keyId);
  });

  it('is canonical: the same content in any key order gives the same text', () => {
    const a = buildPayload({ action: 'department.update', subjectType: 'department', subjectId: 'd', diff: { name: { before: 'a', after: 'b' }, code: { after: 'X' } } }, meta);
    const b = buildPayload({ action: 'department.update', subjectType: 'department', subjectId: 'd', diff: { code: { after: 'X' }, name: { after: 'b', before: 'a' } } }, meta);
    expect(a).toBe(b);
  });

  it('diffs only changed fields, with dates by instant', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    expect(diffOf({ name: 'a', code: 'X', at: t }, { name: 'b', code: 'X', at: new Date(t) }, ['name', 'code', 'at'])).toEqual({
      name: { before: 'a', after: 'b' },
    });
    expect(diffOf(null, { name: 'a', code: undefined }, ['name', 'code'])).toEqual({ name: { after: 'a' } });
  });
});
