/** K5 through HTTP: sign-in, lockout, rate limit, CSRF, logout, API tokens and password changes, each traced. */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Delegation, ErrorBody, Me, User } from '@henji/contracts';
import { loadConfig } from '../../src/config.ts';
import { sessions } from '../../src/kernel/auth/schema.ts';
import { secretHash } from '../../src/kernel/auth/secrets.ts';
import { commitmentOf } from '../../src/kernel/ledger/append.ts';
import { users } from '../../src/kernel/org/schema.ts';
import { ADMIN_PASSWORD, clock, makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { traceOf, type NewToken, type Token } from './http.ts';
import { now } from '../../src/kernel/clock.ts';

/** Failures of one account from one address before that pair is held back; ACCOUNT_MAX_FAILURES lock the account. */
const MAX_FAILURES = 3;
const ACCOUNT_MAX_FAILURES = 6;
const LOCK_MINUTES = 15;

let h: TestHenji;
let admin: Session;
beforeAll(async () => {
  h = await startHenji({ login: { maxFailures: MAX_FAILURES, lockMinutes: LOCK_MINUTES, ratePerMinute: 1000 }, loginAccountMaxFailures: ACCOUNT_MAX_FAILURES });
  admin = await signInAdmin(h);
});
afterAll(async () => h?.close());

const login = async (username: string, password: string, remoteAddress = '127.0.0.1') =>
  (await h.app()).inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

const today = () => now().toISOString().slice(0, 10);
const actionsOf = (entries: { action: string }[]) => entries.map((e) => e.action);

describe('sign-in', () => {
  it('returns Me with a CSRF token and sets an httpOnly SameSite=Lax session cookie; only its hash is stored', async () => {
    const person = await makeUser(h, { roles: ['hr'] });
    const res = await login(person.row.username.toUpperCase(), USER_PASSWORD);
    expect(res.statusCode).toBe(200);
    const me = res.json<Me>();
    expect(me).toMatchObject({ id: person.row.id, username: person.row.username, roles: ['hr'], actingFor: [], permissions: [] });
    expect(me.csrfToken).toMatch(/^[\w-]{40,}$/);

    const setCookie = res.headers['set-cookie'];
    const cookie = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
    expect(cookie).toMatch(/^henji_session=hs_[\w-]+;/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//);
    const secret = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await h.db.select().from(sessions).where(eq(sessions.userId, person.row.id));
    expect(stored.map((s) => s.tokenHash)).toEqual([secretHash(secret)]);

    const meAgain = await (await h.app()).inject({ method: 'GET', url: '/api/me', headers: { cookie: cookie.split(';')[0]! } });
    expect(meAgain.json<Me>()).toMatchObject({ id: person.row.id, csrfToken: me.csrfToken });

    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    const entry = trace.find((e) => e.action === 'auth.login')!;
    expect(entry.diff.session?.after).toBe(stored[0]!.id);
    expect(entry.requestId).toBe(res.headers['x-request-id']);
    expect(entry.ip).toBe('127.0.0.1');
    expect(entry.payload).not.toContain(secret);
    expect(entry.payload).not.toContain(me.csrfToken!);
  });

  it('refuses a wrong password and an unknown user alike with 401 unauthenticated; the failure is traced', async () => {
    const person = await makeUser(h);
    const wrong = await login(person.row.username, 'not-the-password');
    const unknown = await login('no-such-user', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json<ErrorBody>().code).toBe('unauthenticated');
    expect(unknown.json<ErrorBody>()).toEqual(wrong.json<ErrorBody>());
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    expect(actionsOf(trace)).toEqual(['user.create', 'auth.login_failed']);
    expect(trace[1]!.diff).toEqual({ failedLogins: { before: 0, after: 1 } });
    expect(trace[1]!.payload).not.toContain('not-the-password');
  });

  it(`holds back one account from one address after ${MAX_FAILURES} failures (429), existing or not; other addresses sign in`, async () => {
    const person = await makeUser(h);
    const unknown = `nobody-${person.row.username}`;
    const attacker = '198.51.100.20';
    for (const name of [person.row.username, unknown]) {
      for (let i = 0; i < MAX_FAILURES; i++) expect((await login(name, `wrong-${i}`, attacker)).statusCode).toBe(401);
    }
    const held = await login(person.row.username, USER_PASSWORD, attacker);
    const heldUnknown = await login(unknown, USER_PASSWORD, attacker);
    for (const res of [held, heldUnknown]) {
      expect(res.statusCode).toBe(429);
      const wait = Number(res.headers['retry-after']);
      expect(wait).toBeGreaterThan((LOCK_MINUTES - 1) * 60);
      expect(wait).toBeLessThanOrEqual(LOCK_MINUTES * 60);
    }
    // Nothing tells the existing account from the unknown name but the seconds left, which depend on when each failed.
    const shape = (body: ErrorBody) => ({ ...body, details: Object.keys(body.details ?? {}) });
    expect(shape(held.json<ErrorBody>())).toEqual(shape(heldUnknown.json<ErrorBody>()));
    expect(held.json<ErrorBody>()).toMatchObject({ code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });

    expect((await login(person.row.username, USER_PASSWORD, '198.51.100.21')).statusCode).toBe(200);
    clock.advance(LOCK_MINUTES * 60_000 + 1000);
    expect((await login(person.row.username, USER_PASSWORD, attacker)).statusCode).toBe(200);
    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    expect(actionsOf(trace)).toEqual(['user.create', ...Array.from({ length: MAX_FAILURES }, () => 'auth.login_failed'), 'auth.login', 'auth.login']);
  });

  it(`locks an account after ${ACCOUNT_MAX_FAILURES} failures from several addresses; locked answers like a wrong password; unlock restores it`, async () => {
    const app = await h.app();
    const person = await makeUser(h);
    const employee = await makeUser(h);
    const wrong = await login(person.row.username, 'wrong-first', '198.51.100.30');
    const unknown = await login(`nobody-${person.row.username}`, 'whatever', '198.51.100.30');
    for (let i = 1; i < ACCOUNT_MAX_FAILURES; i++) {
      const res = await login(person.row.username, `wrong-${i}`, `198.51.100.${30 + Math.floor(i / MAX_FAILURES)}`);
      expect(res.statusCode).toBe(401);
      expect(res.json<ErrorBody>()).toEqual(wrong.json<ErrorBody>());
    }
    const locked = await login(person.row.username, USER_PASSWORD, '198.51.100.39');
    expect(locked.statusCode).toBe(401);
    expect(locked.json<ErrorBody>()).toEqual(wrong.json<ErrorBody>());
    expect(locked.json<ErrorBody>()).toEqual(unknown.json<ErrorBody>());
    expect(wrong.json<ErrorBody>()).toEqual({ code: 'unauthenticated', message: expect.any(String) });

    const shown = await app.inject({ method: 'GET', url: `/api/users/${person.row.id}`, headers: admin.headers });
    const lockedUntil = shown.json<User>().lockedUntil!;
    expect(new Date(lockedUntil).getTime() - now().getTime()).toBeGreaterThan((LOCK_MINUTES - 1) * 60_000);
    expect(shown.json<User>().allowedActions).toContain('unlock');

    const employeeSession = await signIn(h, employee.row.username, USER_PASSWORD);
    const notAllowed = await app.inject({ method: 'POST', url: `/api/users/${person.row.id}/unlock`, headers: employeeSession.headers });
    expect(notAllowed.statusCode).toBe(403);
    const unlocked = await app.inject({ method: 'POST', url: `/api/users/${person.row.id}/unlock`, headers: admin.headers });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json<User>().lockedUntil).toBeNull();
    expect((await login(person.row.username, USER_PASSWORD, '198.51.100.39')).statusCode).toBe(200);

    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    expect(actionsOf(trace)).toEqual([
      'user.create',
      ...Array.from({ length: ACCOUNT_MAX_FAILURES }, () => 'auth.login_failed'),
      'auth.locked',
      'user.unlock',
      'auth.login',
    ]);
    expect(trace.find((e) => e.action === 'auth.locked')!.diff).toEqual({ lockedUntil: { before: null, after: lockedUntil } });
  });

  it('one address cannot lock anyone out: its failures, held back per window, never reach the account-wide limit', async () => {
    const person = await makeUser(h);
    const attacker = '198.51.100.50';
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_FAILURES; i++) expect((await login(person.row.username, `wrong-${round}-${i}`, attacker)).statusCode).toBe(401);
      expect((await login(person.row.username, 'wrong-again', attacker)).statusCode).toBe(429);
      clock.advance(LOCK_MINUTES * 60_000 + 1000);
    }
    // 3 × MAX_FAILURES failures in a row, more than the account-wide limit, but never that many in one window.
    expect(3 * MAX_FAILURES).toBeGreaterThan(ACCOUNT_MAX_FAILURES);
    expect((await login(person.row.username, USER_PASSWORD, '198.51.100.51')).statusCode).toBe(200);
  });

  it('rate-limits sign-in attempts per client address with 429 rate_limited', async () => {
    const limited = await startHenji({ login: { ...loadConfig({}).login, maxFailures: 10, ratePerMinute: 3 } });
    try {
      const app = await limited.app();
      const person = await makeUser(limited);
      const attempt = (password: string, remoteAddress: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: person.row.username, password }, remoteAddress });
      for (let i = 0; i < 3; i++) expect((await attempt('wrong-password', '198.51.100.7')).statusCode).toBe(401);
      const res = await attempt(USER_PASSWORD, '198.51.100.7');
      expect(res.statusCode).toBe(429);
      const body = res.json<ErrorBody>();
      expect(body.code).toBe('rate_limited');
      const wait = Number(res.headers['retry-after']);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60);
      expect(body.details).toEqual({ retryAfterSeconds: wait });
      // Another address is not held back, and the refused attempt was never checked or counted.
      expect((await attempt(USER_PASSWORD, '198.51.100.8')).statusCode).toBe(200);
      const admin2 = await signIn(limited, 'admin', ADMIN_PASSWORD);
      const trace = await traceOf(limited, admin2.headers, 'user', person.row.id);
      expect(actionsOf(trace)).toEqual(['user.create', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login']);
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('refuses an unsafe request without the right x-csrf-token with 403 csrf_failed, and changes nothing', async () => {
    const app = await h.app();
    const person = await makeUser(h);
    const other = await makeUser(h);
    const session = await signIn(h, person.row.username, USER_PASSWORD);
    const otherSession = await signIn(h, other.row.username, USER_PASSWORD);
    for (const headers of [{ cookie: session.cookie }, { cookie: session.cookie, 'x-csrf-token': otherSession.csrf }, { cookie: session.cookie, 'x-csrf-token': '' }]) {
      const res = await app.inject({ method: 'POST', url: '/api/me/tokens', headers, payload: { name: 'csrf' } });
      expect(res.statusCode).toBe(403);
      expect(res.json<ErrorBody>().code).toBe('csrf_failed');
    }
    const list = await app.inject({ method: 'GET', url: '/api/me/tokens', headers: { cookie: session.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: Token[] }>().items).toEqual([]);
    const ok = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: session.headers, payload: { name: 'csrf' } });
    expect(ok.statusCode).toBe(201);
  });

  it('answers 401 without a session', async () => {
    const res = await (await h.app()).inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json<ErrorBody>().code).toBe('unauthenticated');
  });

  it('logout revokes only that session, clears the cookie, and is traced', async () => {
    const app = await h.app();
    const person = await makeUser(h);
    const first = await signIn(h, person.row.username, USER_PASSWORD);
    const second = await signIn(h, person.row.username, USER_PASSWORD);

    const noCsrf = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: first.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first.cookie } })).statusCode).toBe(200);

    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: first.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^henji_session=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/);
    const after = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json<ErrorBody>().code).toBe('unauthenticated');
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: second.cookie } })).statusCode).toBe(200);

    const [revoked] = await h.db.select().from(sessions).where(eq(sessions.tokenHash, secretHash(first.cookie.split('=')[1]!)));
    expect(revoked!.revokedAt).not.toBeNull();
    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    const logout = trace.filter((e) => e.action === 'auth.logout');
    expect(logout).toHaveLength(1);
    expect(logout[0]).toMatchObject({ actorId: person.row.id, diff: { session: { before: revoked!.id } } });
  });
});

describe('API tokens', () => {
  it('are shown once, work with Authorization: Bearer without CSRF, cannot create tokens, and stop working when revoked', async () => {
    const app = await h.app();
    const person = await makeUser(h);
    const colleague = await makeUser(h);
    const session = await signIn(h, person.row.username, USER_PASSWORD);

    const created = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: session.headers, payload: { name: '集成', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<NewToken>();
    expect(secret).toMatch(/^henji_[\w-]{40,}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    expect(token).toMatchObject({ name: '集成', revokedAt: null, allowedActions: ['revoke'] });
    const listed = await app.inject({ method: 'GET', url: '/api/me/tokens', headers: session.headers });
    expect(listed.json<{ items: Token[] }>().items.map((t) => t.id)).toEqual([token.id]);
    expect(listed.body).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json<Me>()).toMatchObject({ id: person.row.id, csrfToken: null });
    const unsafe = await app.inject({
      method: 'POST',
      url: '/api/delegations',
      headers: bearer,
      payload: { principalId: person.row.id, delegateId: colleague.row.id, startsOn: today(), endsOn: today(), reason: '令牌代理' },
    });
    expect(unsafe.statusCode).toBe(201);
    const delegationTrace = await traceOf(h, admin.headers, 'delegation', unsafe.json<Delegation>().id);
    expect(delegationTrace.map((e) => [e.action, e.actorId])).toEqual([['delegation.create', person.row.id]]);

    const minted = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: bearer, payload: { name: 'more' } });
    expect(minted.statusCode).toBe(403);
    expect(minted.json<ErrorBody>().code).toBe('forbidden');

    const colleagueSession = await signIn(h, colleague.row.username, USER_PASSWORD);
    const foreign = await app.inject({ method: 'POST', url: `/api/me/tokens/${token.id}/revoke`, headers: colleagueSession.headers });
    expect(foreign.statusCode).toBe(404);

    const revoked = await app.inject({ method: 'POST', url: `/api/me/tokens/${token.id}/revoke`, headers: session.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<Token>()).toMatchObject({ id: token.id, revokedAt: expect.any(String), allowedActions: [] });
    const refused = await app.inject({ method: 'GET', url: '/api/me', headers: bearer });
    expect(refused.statusCode).toBe(401);
    expect(refused.json<ErrorBody>().code).toBe('unauthenticated');
    const garbage = await app.inject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer henji_not-a-token' } });
    expect(garbage.statusCode).toBe(401);

    const trace = await traceOf(h, session.headers, 'api_token', token.id);
    expect(trace.map((e) => [e.action, e.actorId])).toEqual([
      ['auth.token_create', person.row.id],
      ['auth.token_revoke', person.row.id],
    ]);
    expect(trace[0]!.diff).toMatchObject({ name: { after: '集成' }, prefix: { after: token.prefix } });
    for (const e of trace) expect(e.payload).not.toContain(secret);
    // Nobody else reads the trace of someone's token.
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/ledger/entries?subjectType=api_token&subjectId=${token.id}`,
      headers: colleagueSession.headers,
    });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('changing one\'s own password', () => {
  it('checks the current password, takes effect at once, and traces only commitments to the hashes', async () => {
    const app = await h.app();
    const person = await makeUser(h);
    const session = await signIn(h, person.row.username, USER_PASSWORD);
    const newPassword = 'a-brand-new-password';

    const wrong = await app.inject({ method: 'POST', url: '/api/me/password', headers: session.headers, payload: { currentPassword: 'wrong-password', newPassword } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { currentPassword: [expect.any(String)] } } });
    const short = await app.inject({ method: 'POST', url: '/api/me/password', headers: session.headers, payload: { currentPassword: USER_PASSWORD, newPassword: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { newPassword: [expect.any(String)] } } });

    const [before] = await h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.row.id));
    const changed = await app.inject({ method: 'POST', url: '/api/me/password', headers: session.headers, payload: { currentPassword: USER_PASSWORD, newPassword } });
    expect(changed.statusCode).toBe(204);
    const [after] = await h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, person.row.id));
    expect(after!.hash).not.toBe(before!.hash);

    expect((await login(person.row.username, USER_PASSWORD)).statusCode).toBe(401);
    expect((await login(person.row.username, newPassword)).statusCode).toBe(200);

    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    const change = trace.filter((e) => e.action === 'user.password_change');
    expect(change).toHaveLength(1);
    expect(change[0]!.actorId).toBe(person.row.id);
    expect(change[0]!.diff).toEqual({ password: { before: commitmentOf(before!.hash), after: commitmentOf(after!.hash) } });
    expect(change[0]!.diff.password?.after).toMatch(/^hmac-sha256:[0-9a-f]{16}:[0-9a-f]{64}$/);
    for (const e of trace) {
      expect(e.payload).not.toMatch(/scrypt\$/);
      expect(e.payload).not.toContain(newPassword);
      expect(e.payload).not.toContain(USER_PASSWORD);
    }
  });
});

describe('password changes end other sessions', () => {
  it('changing one\'s own password signs out the other sessions but keeps this one; an admin reset signs out all', async () => {
    const h = await startHenji({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 10_000 } });
    try {
      const app = await h.app();
      const person = await makeUser(h);
      const here = await signIn(h, person.row.username, USER_PASSWORD);
      const elsewhere = await signIn(h, person.row.username, USER_PASSWORD);
      const changed = await app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: here.headers,
        payload: { currentPassword: USER_PASSWORD, newPassword: 'a-brand-new-password' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: here.headers })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: elsewhere.headers })).statusCode).toBe(401);

      const admin = await signInAdmin(h);
      const reset = await app.inject({
        method: 'POST',
        url: `/api/users/${person.row.id}/password`,
        headers: admin.headers,
        payload: { password: 'reset-by-the-admin' },
      });
      expect(reset.statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/me', headers: here.headers })).statusCode).toBe(401);
    } finally {
      await h.close();
    }
  });
});
