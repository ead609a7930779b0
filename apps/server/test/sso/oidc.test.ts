/**
 * OpenID Connect sign-in against a real provider (oidc-provider on 127.0.0.1), through Henji's real routes: the browser
 * is played by following each redirect with its cookies — Henji by inject() at its public address, the provider by
 * fetch. Success for an existing user opens the same session as a password sign-in; an unknown subject, a wrong state,
 * a wrong nonce, a token from another issuer and an expired token are refused with a message and traced.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { execute } from '../../src/kernel/command.ts';
import { createUser } from '../../src/kernel/org/commands/create-user.ts';
import { queryRows } from '../../src/db/client.ts';
import { clock, startHenji, systemCaller, unique, type TestHenji } from '../harness.ts';
import { startProvider, type TestProvider } from './oidc-provider.ts';
import { Browser } from './browser.ts';

const PUBLIC_URL = 'http://henji.test';
const CLIENT = { clientId: 'henji', clientSecret: 'a-client-secret-for-tests', redirectUri: `${PUBLIC_URL}/api/auth/oidc/callback` };

let h: TestHenji;
let idp: TestProvider;
let other: TestProvider;
let mixUp: http.Server;
let aliceId: string;

beforeAll(async () => {
  idp = await startProvider(CLIENT);
  other = await startProvider(CLIENT);
  h = await startHenji({ publicUrl: PUBLIC_URL, oidc: { issuer: idp.issuer, ...CLIENT, claim: 'email' } });
  const alice = await execute(h.db, systemCaller, createUser, {
    username: unique('alice'),
    displayName: '爱丽丝',
    email: 'Alice@Example.com',
    roles: [],
    departmentId: null,
    positionId: null,
    managerId: null,
    password: 'alice-password-123',
  });
  aliceId = alice.id;
  idp.accounts.set('sub-alice', { email: 'alice@example.com', email_verified: true });
  idp.accounts.set('sub-stranger', { email: 'stranger@example.com', email_verified: true });
  other.accounts.set('sub-alice', { email: 'alice@example.com', email_verified: true });
  // A provider answering at another address: its discovery says it is `idp`, its endpoints and tokens are `other`'s.
  mixUp = http.createServer((_req, res) => {
    const o = other.issuer;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ issuer: idp.issuer, authorization_endpoint: `${o}/auth`, token_endpoint: `${o}/token`, jwks_uri: `${o}/jwks` }));
  });
  await new Promise<void>((resolve) => mixUp.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await h?.close();
  await idp?.close();
  await other?.close();
  await new Promise((resolve) => mixUp?.close(resolve));
});

async function refusals(reason: string) {
  const [row] = await queryRows<{ n: string }>(
    h.db,
    sql`select count(*)::text as n from ledger_entries where action = 'auth.sso_refused' and subject_id = 'oidc' and payload like ${`%"${reason}"%`}`,
  );
  return Number(row!.n);
}

const userCount = async () => (await queryRows<{ n: string }>(h.db, sql`select count(*)::text as n from users`))[0]!.n;

async function startSignIn(browser: Browser, next = '/tasks') {
  const start = await browser.get(`${PUBLIC_URL}/api/auth/oidc/start?next=${encodeURIComponent(next)}`);
  expect(start.status).toBe(302);
  return start.location!;
}

describe('OpenID Connect sign-in', () => {
  it('lists the method on the sign-in page', async () => {
    const res = await (await h.app()).inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toEqual({ password: true, methods: ['oidc'] });
  });

  it('sends the browser to the provider with state, nonce and an S256 PKCE challenge', async () => {
    const browser = new Browser(h);
    const url = new URL(await startSignIn(browser));
    expect(url.origin + url.pathname).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'henji',
      redirect_uri: CLIENT.redirectUri,
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(url.searchParams.get(p)).toMatch(/^[\w-]{43}$/);
    expect(browser.cookie('henji.test', 'henji_sso')).toBeTruthy();
  });

  it('signs in an existing active user matched by email, with the same session as a password sign-in', async () => {
    idp.signInAs('sub-alice');
    const browser = new Browser(h);
    const callback = await browser.followToCallback(await startSignIn(browser, '/tasks?tab=mine'));
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    const done = await browser.get(callback.toString());
    expect(done).toEqual({ status: 302, location: `${PUBLIC_URL}/tasks?tab=mine` });
    const session = browser.cookie('henji.test', 'henji_session');
    expect(session).toMatch(/^hs_/);
    expect(browser.cookie('henji.test', 'henji_sso')).toBeUndefined();

    const me = await (await h.app()).inject({ method: 'GET', url: '/api/me', headers: { cookie: `henji_session=${session}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: aliceId, displayName: '爱丽丝' });
    expect(me.json().csrfToken).toBeTruthy();

    const [login] = await queryRows<{ payload: string }>(
      h.db,
      sql`select payload from ledger_entries where action = 'auth.login' and subject_type = 'user' and subject_id = ${aliceId}`,
    );
    expect(JSON.parse(login!.payload).diff).toMatchObject({
      signInMethod: { after: 'oidc' },
      identity: { after: `${idp.issuer}#sub-alice` },
    });
  });

  it('refuses an unknown subject without creating an account, and traces it', async () => {
    const usersBefore = await userCount();
    idp.signInAs('sub-stranger');
    const browser = new Browser(h);
    const callback = await browser.followToCallback(await startSignIn(browser));
    const done = await browser.get(callback.toString());
    expect(done).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=unknown_user` });
    expect(browser.cookie('henji.test', 'henji_session')).toBeUndefined();
    expect(await userCount()).toBe(usersBefore);
    expect(await refusals('unknown_user')).toBe(1);
  });

  it('refuses an email the provider says it has not verified', async () => {
    idp.accounts.set('sub-unverified', { email: 'alice@example.com', email_verified: false });
    idp.signInAs('sub-unverified');
    const browser = new Browser(h);
    const callback = await browser.followToCallback(await startSignIn(browser));
    expect(await browser.get(callback.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=unverified_email` });
    expect(browser.cookie('henji.test', 'henji_session')).toBeUndefined();
    expect(await refusals('unverified_email')).toBe(1);
  });

  it('refuses a callback whose state is not this browser\'s', async () => {
    idp.signInAs('sub-alice');
    const browser = new Browser(h);
    const callback = await browser.followToCallback(await startSignIn(browser));
    callback.searchParams.set('state', 'forged-state');
    expect(await browser.get(callback.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=state` });
    expect(browser.cookie('henji.test', 'henji_session')).toBeUndefined();
    expect(await refusals('state')).toBe(1);

    // A code delivered to a browser that started no sign-in (login CSRF) is refused the same way.
    const fresh = new Browser(h);
    expect(await fresh.get(callback.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=state` });
  });

  it('refuses an ID token whose nonce is not the one this browser was given', async () => {
    idp.signInAs('sub-alice');
    const browser = new Browser(h);
    const callback = await browser.followToCallback(await startSignIn(browser), (u) => u.searchParams.set('nonce', 'a-nonce-from-another-request'));
    expect(await browser.get(callback.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=nonce` });
    expect(browser.cookie('henji.test', 'henji_session')).toBeUndefined();
    expect(await refusals('nonce')).toBe(1);
  });

  it('refuses an expired ID token on Henji\'s clock', async () => {
    idp.signInAs('sub-alice');
    const browser = new Browser(h);
    const callback = await browser.followToCallback(await startSignIn(browser));
    const saved = clock.now();
    clock.set('2099-01-01T00:00:00.000Z');
    try {
      expect(await browser.get(callback.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=token` });
    } finally {
      clock.set(saved.toISOString());
    }
  });

  describe('a token from another issuer', () => {
    let mixed: TestHenji;
    beforeAll(async () => {
      const mixUpUrl = `http://127.0.0.1:${(mixUp.address() as AddressInfo).port}`;
      // Henji trusts `idp.issuer`, but its discovery document is fetched from the mix-up server (as if DNS lied).
      mixed = await startHenji({ publicUrl: PUBLIC_URL, oidc: { issuer: idp.issuer, ...CLIENT, claim: 'email' } });
      await execute(mixed.db, systemCaller, createUser, {
        username: unique('alice'), displayName: '爱丽丝', email: 'alice@example.com', roles: [], departmentId: null, positionId: null, managerId: null,
        password: 'alice-password-123',
      });
      const original = globalThis.fetch;
      globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
        const url = String(input instanceof Request ? input.url : input);
        return original(url === `${idp.issuer}/.well-known/openid-configuration` ? `${mixUpUrl}/.well-known/openid-configuration` : input, init);
      }) as typeof fetch;
      restoreFetch = () => {
        globalThis.fetch = original;
      };
    });
    let restoreFetch = () => {};
    afterAll(async () => {
      restoreFetch();
      await mixed?.close();
    });

    it('is refused: by the answer\'s iss (RFC 9207) and, without it, by the ID token\'s iss', async () => {
      other.signInAs('sub-alice');
      const browser = new Browser(mixed);
      const start = await browser.get(`${PUBLIC_URL}/api/auth/oidc/start`);
      expect(start.location!.startsWith(`${other.issuer}/auth?`)).toBe(true);
      const callback = await browser.followToCallback(start.location!);
      expect(callback.searchParams.get('iss')).toBe(other.issuer);
      expect(await browser.get(callback.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=issuer` });

      const second = new Browser(mixed);
      const again = await second.get(`${PUBLIC_URL}/api/auth/oidc/start`);
      const withoutIss = await second.followToCallback(again.location!);
      withoutIss.searchParams.delete('iss');
      expect(await second.get(withoutIss.toString())).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=issuer` });
      expect(second.cookie('henji.test', 'henji_session')).toBeUndefined();
    });
  });

  it('is not offered when not configured', async () => {
    const plain = await startHenji();
    try {
      const app = await plain.app();
      expect((await app.inject({ method: 'GET', url: '/api/auth/methods' })).json()).toEqual({ password: true, methods: [] });
      expect((await app.inject({ method: 'GET', url: '/api/auth/oidc/start' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
