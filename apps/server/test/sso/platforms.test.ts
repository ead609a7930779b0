/**
 * Sign-in with DingTalk, WeCom and Feishu accounts through their OAuth endpoints, against a local server that answers
 * as the platforms document (test/sso/fake-platforms.ts): the browser goes to the platform's login page with the
 * app's id, the redirect URI and the state, comes back with a code; Henji exchanges it with the app's secret, asks who
 * it is, and signs in the existing user with that mobile number, email or (Feishu) open_id — nobody else.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformLoginConfig } from '../../src/config.ts';
import { queryRows } from '../../src/db/client.ts';
import { execute } from '../../src/kernel/command.ts';
import { notificationPreferences } from '../../src/kernel/notify/schema.ts';
import { createUser } from '../../src/kernel/org/commands/create-user.ts';
import { clock, startHenji, systemCaller, unique, type TestHenji } from '../harness.ts';
import { Browser } from './browser.ts';
import { APP, FakePlatforms } from './fake-platforms.ts';

const PUBLIC_URL = 'http://henji.test';
let h: TestHenji;
let fake: FakePlatforms;
const people: Record<string, { id: string; phone: string; email: string }> = {};

beforeAll(async () => {
  fake = await FakePlatforms.start();
  const o = fake.origin;
  const login = (c: Partial<PlatformLoginConfig> & Pick<PlatformLoginConfig, 'clientId' | 'clientSecret' | 'authorizeUrl' | 'apiUrl'>): PlatformLoginConfig => ({ agentId: null, ...c });
  h = await startHenji({
    publicUrl: PUBLIC_URL,
    platformLogin: {
      dingtalk: login({ clientId: APP.dingtalk.appKey, clientSecret: APP.dingtalk.appSecret, authorizeUrl: `${o}/dingtalk-login/oauth2/auth`, apiUrl: `${o}/dingtalk-api`, oapiUrl: `${o}/dingtalk` }),
      wecom: login({ clientId: APP.wecom.corpId, clientSecret: APP.wecom.secret, agentId: APP.wecom.agentId, authorizeUrl: `${o}/wecom-login/wwlogin/sso/login`, apiUrl: `${o}/wecom` }),
      feishu: login({ clientId: APP.feishu.appId, clientSecret: APP.feishu.appSecret, authorizeUrl: `${o}/feishu/authen/v1/authorize`, apiUrl: `${o}/feishu` }),
    },
  });
  for (const [key, phone] of [['wang', '13800138001'], ['li', '13800138002'], ['zhao', '13800138003']] as const) {
    const row = await execute(h.db, systemCaller, createUser, {
      username: unique(key), displayName: key, email: `${key}@example.com`, phone, roles: [], departmentId: null, positionId: null, managerId: null,
      password: 'a-password-for-tests',
    });
    people[key] = { id: row.id, phone, email: `${key}@example.com` };
  }
  await h.db.insert(notificationPreferences).values({ userId: people['zhao']!.id, channels: {} as never, feishuUserId: 'ou_zhao_entered', updatedAt: clock.now() });
});
afterAll(async () => {
  await h?.close();
  await fake?.close();
});

async function signInWith(platform: 'dingtalk' | 'wecom' | 'feishu', tamper?: (callback: URL) => void) {
  const browser = new Browser(h, PUBLIC_URL);
  const start = await browser.get(`${PUBLIC_URL}/api/auth/${platform}/start?next=%2Ftasks`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.location!);
  const callback = await browser.followToCallback(start.location!, undefined, `/api/auth/${platform}/callback`);
  tamper?.(callback);
  const done = await browser.get(callback.toString());
  return { authorize, done, session: browser.cookie('henji.test', 'henji_session') };
}

async function me(session: string | undefined) {
  const res = await (await h.app()).inject({ method: 'GET', url: '/api/me', headers: { cookie: `henji_session=${session}` } });
  return res.statusCode === 200 ? (res.json() as { id: string }).id : null;
}

describe('sign-in with DingTalk, WeCom and Feishu accounts', () => {
  it('offers the configured platforms', async () => {
    const res = await (await h.app()).inject({ method: 'GET', url: '/api/auth/methods' });
    expect(res.json()).toEqual({ password: true, methods: ['dingtalk', 'wecom', 'feishu'] });
  });

  it('DingTalk: login.dingtalk.com oauth2 → userAccessToken → contact/users/me; matched by mobile', async () => {
    fake.loginAs.dingtalk = { id: 'union-wang', mobile: people['wang']!.phone };
    const { authorize, done, session } = await signInWith('dingtalk');
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      redirect_uri: `${PUBLIC_URL}/api/auth/dingtalk/callback`,
      response_type: 'code',
      client_id: APP.dingtalk.appKey,
      scope: 'openid',
      state: expect.stringMatching(/^[\w-]{43}$/) as unknown as string,
      prompt: 'consent',
    });
    expect(done).toEqual({ status: 302, location: `${PUBLIC_URL}/tasks` });
    expect(await me(session)).toBe(people['wang']!.id);
    const token = fake.requests.find((r) => r.path === '/dingtalk-api/v1.0/oauth2/userAccessToken')!;
    expect(token.method).toBe('POST');
    expect(token.body).toEqual({ clientId: APP.dingtalk.appKey, clientSecret: APP.dingtalk.appSecret, code: expect.stringMatching(/^dingtalk-code-/) as unknown as string, grantType: 'authorization_code' });
    const user = fake.requests.find((r) => r.path === '/dingtalk-api/v1.0/contact/users/me')!;
    expect(user.method).toBe('GET');
    expect(user.headers['x-acs-dingtalk-access-token']).toMatch(/^user-token-/);
  });

  it('WeCom: wwlogin/sso/login → gettoken → auth/getuserinfo → user/get; matched by email when the mobile is unknown', async () => {
    fake.loginAs.wecom = { id: 'LiSi', mobile: '13999999999', email: people['li']!.email };
    const { authorize, done, session } = await signInWith('wecom');
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      login_type: 'CorpApp',
      appid: APP.wecom.corpId,
      agentid: APP.wecom.agentId,
      redirect_uri: `${PUBLIC_URL}/api/auth/wecom/callback`,
      state: expect.stringMatching(/^[\w-]{43}$/) as unknown as string,
    });
    expect(done).toEqual({ status: 302, location: `${PUBLIC_URL}/tasks` });
    expect(await me(session)).toBe(people['li']!.id);
    const info = fake.requests.find((r) => r.path === '/wecom/auth/getuserinfo')!;
    expect(info.query).toEqual({ access_token: APP.wecom.token, code: expect.stringMatching(/^wecom-code-/) as unknown as string });
    expect(fake.requests.find((r) => r.path === '/wecom/user/get')!.query).toEqual({ access_token: APP.wecom.token, userid: 'LiSi' });
  });

  it('Feishu: authen/v1/authorize → authen/v2/oauth/token → authen/v1/user_info; matched by the open_id the user entered', async () => {
    fake.loginAs.feishu = { id: 'ou_zhao_entered', mobile: '+86 13700000000' };
    const { authorize, done, session } = await signInWith('feishu');
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      client_id: APP.feishu.appId,
      redirect_uri: `${PUBLIC_URL}/api/auth/feishu/callback`,
      state: expect.stringMatching(/^[\w-]{43}$/) as unknown as string,
    });
    expect(done).toEqual({ status: 302, location: `${PUBLIC_URL}/tasks` });
    expect(await me(session)).toBe(people['zhao']!.id);
    expect(fake.requests.find((r) => r.path === '/feishu/authen/v2/oauth/token')!.body).toEqual({
      grant_type: 'authorization_code',
      client_id: APP.feishu.appId,
      client_secret: APP.feishu.appSecret,
      code: expect.stringMatching(/^feishu-code-/) as unknown as string,
      redirect_uri: `${PUBLIC_URL}/api/auth/feishu/callback`,
    });
    expect(fake.requests.find((r) => r.path === '/feishu/authen/v1/user_info')!.headers.authorization).toMatch(/^Bearer user-token-/);
    const [login] = await queryRows<{ payload: string }>(h.db, sql`select payload from ledger_entries where action = 'auth.login' and subject_id = ${people['zhao']!.id}`);
    expect(JSON.parse(login!.payload).diff).toMatchObject({ signInMethod: { after: 'feishu' }, identity: { after: 'feishu#ou_zhao_entered' } });
  });

  it('DingTalk: the unionId turned into the company userid (topapi/user/getbyunionid) matches the userid a user entered', async () => {
    await h.db.insert(notificationPreferences).values({ userId: people['li']!.id, channels: {} as never, dingtalkUserId: 'li-dingtalk', updatedAt: clock.now() });
    fake.people.dingtalk.set('union:union-li', 'li-dingtalk');
    fake.loginAs.dingtalk = { id: 'union-li', mobile: people['wang']!.phone };
    const { session } = await signInWith('dingtalk');
    expect(await me(session)).toBe(people['li']!.id);
    const lookup = fake.requests.filter((r) => r.path === '/dingtalk/topapi/user/getbyunionid').at(-1)!;
    expect(lookup.query).toEqual({ access_token: APP.dingtalk.token });
    expect(lookup.body).toEqual({ unionid: 'union-li' });
  });

  it('WeCom: the userid a user entered in 通知设置 wins over mobile and email', async () => {
    await h.db.insert(notificationPreferences).values({ userId: people['wang']!.id, channels: {} as never, wecomUserId: 'wangwu-wecom', updatedAt: clock.now() });
    fake.loginAs.wecom = { id: 'wangwu-wecom', mobile: people['li']!.phone, email: people['li']!.email };
    const { session } = await signInWith('wecom');
    expect(await me(session)).toBe(people['wang']!.id);
  });

  it('Feishu: a mobile written +86 … matches the user\'s 138…', async () => {
    fake.loginAs.feishu = { id: 'ou_someone', mobile: `+86${people['wang']!.phone}` };
    const { session } = await signInWith('feishu');
    expect(await me(session)).toBe(people['wang']!.id);
  });

  it('keeps the app token between sign-ins (WeCom blocks apps that ask gettoken every time), as notifications do', async () => {
    fake.loginAs.wecom = { id: 'LiSi', email: people['li']!.email };
    for (let i = 0; i < 2; i++) expect(await me((await signInWith('wecom')).session)).toBe(people['li']!.id);
    expect(fake.requests.filter((r) => r.path === '/wecom/gettoken')).toHaveLength(1);
  });

  it('refuses an account nobody in Henji has, a wrong state, and a refused login — each traced', async () => {
    fake.loginAs.dingtalk = { id: 'union-stranger', mobile: '13111111111', email: 'stranger@example.com' };
    const stranger = await signInWith('dingtalk');
    expect(stranger.done).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=unknown_user` });
    expect(stranger.session).toBeUndefined();

    fake.loginAs.wecom = { id: 'LiSi', email: people['li']!.email };
    const forged = await signInWith('wecom', (u) => u.searchParams.set('state', 'forged'));
    expect(forged.done).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=state` });
    expect(forged.session).toBeUndefined();

    delete fake.loginAs.feishu;
    const denied = await signInWith('feishu');
    expect(denied.done).toEqual({ status: 302, location: `${PUBLIC_URL}/login?sso_error=provider_error` });

    const refused = await queryRows<{ subject_id: string; payload: string }>(
      h.db,
      sql`select subject_id, payload from ledger_entries where action = 'auth.sso_refused' order by id`,
    );
    expect(refused.map((r) => [r.subject_id, JSON.parse(r.payload).diff.reason.after])).toEqual([
      ['dingtalk', 'unknown_user'],
      ['wecom', 'state'],
      ['feishu', 'provider_error'],
    ]);
    const users = await queryRows<{ n: string }>(h.db, sql`select count(*)::text as n from users where email = 'stranger@example.com'`);
    expect(users[0]!.n).toBe('0');
  });
});
