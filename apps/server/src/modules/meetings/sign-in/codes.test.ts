import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commitmentKeyOf } from '../../../kernel/ledger/commitment-key.ts';
import { checkCode, issueCode, windowOf } from './codes.ts';

const key = randomBytes(32);
const meeting = randomUUID();
/** A window's first instant (14:30:00.000 Beijing), and the same window seen 12.3 s in. */
const start = new Date('2026-06-17T06:30:00.000Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe('sign-in codes', () => {
  it('are accepted through their window and, for a few seconds, into the next one', () => {
    const { code, windowStartsAt, expiresAt } = issueCode(key, meeting, later(12_300));
    expect(windowStartsAt).toEqual(start);
    expect(expiresAt).toEqual(later(30_000));
    expect(code).toMatch(/^[A-Za-z0-9_-]{38}$/);
    expect(checkCode(key, meeting, code, start)).toEqual({ ok: true, window: windowOf(start) });
    expect(checkCode(key, meeting, code, later(29_900)).ok).toBe(true);
    expect(checkCode(key, meeting, code, later(30_000)).ok).toBe(true);
    expect(checkCode(key, meeting, code, later(34_999)).ok).toBe(true);
    expect(checkCode(key, meeting, code, later(35_000))).toEqual({ ok: false, problem: 'expired' });
    expect(checkCode(key, meeting, code, later(61_000))).toEqual({ ok: false, problem: 'expired' });
  });

  it('change every window', () => {
    const a = issueCode(key, meeting, later(29_999)).code;
    const b = issueCode(key, meeting, later(30_000)).code;
    expect(a).not.toBe(b);
    expect(issueCode(key, meeting, later(1)).code).toBe(a);
  });

  it('belong to one meeting', () => {
    const other = randomUUID();
    const { code } = issueCode(key, other, start);
    expect(checkCode(key, meeting, code, start)).toEqual({ ok: false, problem: 'other_meeting' });
    expect(checkCode(key, other, code, start).ok).toBe(true);
  });

  it('cannot be forged: another key, an altered window or signature, a window not issued yet', () => {
    const { code } = issueCode(key, meeting, start);
    expect(checkCode(randomBytes(32), meeting, code, start)).toEqual({ ok: false, problem: 'forged' });
    const bytes = Buffer.from(code, 'base64url');
    const moved = Buffer.from(bytes);
    moved.writeUInt32BE(bytes.readUInt32BE(8) + 1, 8); // claims the next window with this window's signature
    expect(checkCode(key, meeting, moved.toString('base64url'), later(30_000))).toEqual({ ok: false, problem: 'forged' });
    const flipped = Buffer.from(bytes);
    flipped[27] = flipped[27]! ^ 1;
    expect(checkCode(key, meeting, flipped.toString('base64url'), start)).toEqual({ ok: false, problem: 'forged' });
    const future = issueCode(key, meeting, later(60_000)).code; // genuine, but of a window still to come
    expect(checkCode(key, meeting, future, start)).toEqual({ ok: false, problem: 'forged' });
  });

  it('refuse what is not a code at all', () => {
    for (const text of ['', 'abc', 'not a code!', `${issueCode(key, meeting, start).code}A`, 'A'.repeat(200)]) {
      expect(checkCode(key, meeting, text, start)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('use a key derived from the commitment key, not the key itself, the same for the same secret', () => {
    const secret = randomBytes(32);
    const derived = commitmentKeyOf(secret).derive('henji.meeting.sign-in.v1');
    expect(derived.equals(commitmentKeyOf(Buffer.from(secret)).derive('henji.meeting.sign-in.v1'))).toBe(true);
    expect(derived.equals(secret)).toBe(false);
    expect(derived.equals(commitmentKeyOf(secret).derive('another purpose'))).toBe(false);
  });
});
