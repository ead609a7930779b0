/**
 * Sign-in codes (签到码): single-purpose tokens bound to one meeting and one 30-second window, made and checked only
 * by the server. A code is `base64url(meetingId[0..8) ‖ window (uint32, big-endian) ‖ HMAC-SHA256(key, label ‖
 * meetingId ‖ window)[0..16))` — 38 characters, small enough for a QR code a phone reads from across a room. The
 * window is `floor(t / 30 s)` of the injected clock. The server takes the current window's code and, for
 * SIGN_IN_GRACE_SECONDS into the next window, the previous one (someone who scanned just before the screen changed);
 * anything older is expired — a photographed code does not work a minute later.
 *
 * The key is derived from the installation's commitment key (HKDF under its own label, ledger/commitment-key.ts), so
 * every process sharing the key file makes and accepts the same codes, and nothing reading the database can forge one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGN_IN_GRACE_SECONDS, SIGN_IN_WINDOW_SECONDS, type SignInCodeProblem } from '@henji/contracts';
import { commitmentKey } from '../../../kernel/ledger/commitment-key.ts';

const LABEL = 'henji.meeting.sign-in.v1';
const WINDOW_MS = SIGN_IN_WINDOW_SECONDS * 1000;
const GRACE_MS = SIGN_IN_GRACE_SECONDS * 1000;
const ID_BYTES = 8;
const WINDOW_BYTES = 4;
const MAC_BYTES = 16;
const CODE_BYTES = ID_BYTES + WINDOW_BYTES + MAC_BYTES;

export const windowOf = (at: Date) => Math.floor(at.getTime() / WINDOW_MS);
export const windowStart = (window: number) => new Date(window * WINDOW_MS);

const idBytes = (meetingId: string) => Buffer.from(meetingId.replaceAll('-', ''), 'hex');

function windowBytes(window: number): Buffer {
  const w = Buffer.alloc(WINDOW_BYTES);
  w.writeUInt32BE(window);
  return w;
}

function mac(key: Buffer, meetingId: string, window: number): Buffer {
  return createHmac('sha256', key).update(LABEL).update(idBytes(meetingId)).update(windowBytes(window)).digest().subarray(0, MAC_BYTES);
}

const derived = new WeakMap<object, Buffer>();

/** The sign-in key of this installation (see above), derived once per commitment key rather than on every sign-in. */
export function signInKey(): Buffer {
  const source = commitmentKey();
  let key = derived.get(source);
  if (!key) derived.set(source, (key = source.derive(LABEL)));
  return key;
}

export interface IssuedCode {
  code: string;
  window: number;
  windowStartsAt: Date;
  expiresAt: Date;
}

export function issueCode(key: Buffer, meetingId: string, at: Date): IssuedCode {
  const window = windowOf(at);
  const code = Buffer.concat([idBytes(meetingId).subarray(0, ID_BYTES), windowBytes(window), mac(key, meetingId, window)]).toString('base64url');
  return { code, window, windowStartsAt: windowStart(window), expiresAt: windowStart(window + 1) };
}

export type CodeCheck = { ok: true; window: number } | { ok: false; problem: SignInCodeProblem };

/**
 * Whether `code` signs in to `meetingId` at `at`. Problems, in the order they are told apart: not a code at all
 * (malformed), a code of another meeting, a code whose signature does not match (forged — also one claiming a window
 * the server never issued yet), a genuine code past its window and grace (expired).
 */
export function checkCode(key: Buffer, meetingId: string, code: string, at: Date): CodeCheck {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) return { ok: false, problem: 'malformed' };
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.length !== CODE_BYTES || bytes.toString('base64url') !== code) return { ok: false, problem: 'malformed' };
  if (!bytes.subarray(0, ID_BYTES).equals(idBytes(meetingId).subarray(0, ID_BYTES))) return { ok: false, problem: 'other_meeting' };
  const window = bytes.readUInt32BE(ID_BYTES);
  if (!timingSafeEqual(bytes.subarray(ID_BYTES + WINDOW_BYTES), mac(key, meetingId, window))) return { ok: false, problem: 'forged' };
  const current = windowOf(at);
  if (window === current) return { ok: true, window };
  if (window === current - 1 && at.getTime() - windowStart(current).getTime() < GRACE_MS) return { ok: true, window };
  if (window > current) return { ok: false, problem: 'forged' };
  return { ok: false, problem: 'expired' };
}
