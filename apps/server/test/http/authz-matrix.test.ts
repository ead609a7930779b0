/**
 * The authorization matrix: every operation of the OpenAPI document, called by an anonymous caller, a plain employee
 * (no roles) and an administrator, each with a valid request built from fresh data. The expected outcomes live in
 * MATRIX below (an area's rows may come from authz-<area>.ts beside it); the test fails when the document gains an
 * operation the table lacks, or loses one it names, so every new route has to state who may call it.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '@henji/contracts';
import { makeDepartment, makeUser, signIn, signInAdmin, startHenji, unique, USER_PASSWORD, type Session } from '../harness.ts';
import type { Caller, Headers, Outcome, RequestSpec, Role, Row } from './authz-types.ts';
import { webhookRows } from './authz-webhooks.ts';
import { fileRows } from './authz-files.ts';
import { calendarRows } from './authz-calendar.ts';
import { notifyRows } from './authz-notify.ts';
import { applicationRows } from './authz-applications.ts';
import { taskRows } from './authz-tasks.ts';
import { homeRows } from './authz-home.ts';
import { comfortRows } from './authz-comfort.ts';
import { roomRows } from './authz-rooms.ts';
import { signInRows } from './authz-meeting-sign-in.ts';
import { minutesRows } from './authz-meeting-minutes.ts';
import { meetingRows } from './authz-meetings.ts';
import { expectClientError, HTTP_METHODS, loadApiDocument, type HttpMethod } from './openapi-operations.ts';
import { now } from '../../src/kernel/clock.ts';
import { users } from '../../src/kernel/org/schema.ts';

const LOGIN = { maxFailures: 3, lockMinutes: 15, ratePerMinute: 10000 };

const ACCOUNT_MAX_FAILURES = 4;
const h = await startHenji({ login: LOGIN, loginAccountMaxFailures: ACCOUNT_MAX_FAILURES });
afterAll(() => h.close());
const app = await h.app();

let admin: Session;
let employee: Session & { username: string };

beforeAll(async () => {
  admin = await signInAdmin(h);
  const { row } = await makeUser(h, { roles: [] });
  employee = { ...(await signIn(h, row.username, USER_PASSWORD)), username: row.username };
});

const today = () => now().toISOString().slice(0, 10);
const departmentCode = () => `D${randomUUID().replaceAll('-', '').slice(0, 9).toUpperCase()}`;
const freshUserId = async () => (await makeUser(h)).row.id;

/** Calls the API as the bootstrap administrator to build data, and insists it worked. */
async function asAdmin<T>(method: HttpMethod, url: string, json?: object): Promise<T> {
  const res = await app.inject({ method, url, headers: admin.headers, ...(json ? { payload: json } : {}) });
  expect(res.statusCode, `setup ${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json<T>();
}

async function delegationFor(principalId: string): Promise<string> {
  const body = { principalId, delegateId: await freshUserId(), startsOn: today(), endsOn: today(), reason: '出差' };
  return (await asAdmin<{ id: string }>('POST', '/api/delegations', body)).id;
}

/** A user locked out by repeated failed sign-ins, from one address each (one address alone is only held back). */
async function lockedUserId(): Promise<string> {
  const { row } = await makeUser(h);
  const wrong = { username: row.username, password: 'wrong-password' };
  for (let i = 0; i < ACCOUNT_MAX_FAILURES; i++) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: wrong, remoteAddress: `192.0.2.${i + 1}` });
    expect(res.statusCode).toBe(401);
  }
  const [locked] = await h.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, row.id));
  expect(locked!.lockedUntil, 'the user is locked').not.toBeNull();
  return row.id;
}

/** The signed tree size, once the sequencer has integrated everything so far. */
async function treeSize(): Promise<number> {
  await h.sequencer.flush();
  return (await asAdmin<{ treeSize: number }>('GET', '/api/ledger/checkpoint')).treeSize;
}

function csvUpload(csv: string): RequestSpec['raw'] {
  const boundary = `henji-${randomUUID()}`;
  const part = ['Content-Disposition: form-data; name="file"; filename="users.csv"', 'Content-Type: text/csv', '', csv];
  const body = [`--${boundary}`, ...part, `--${boundary}--`, ''].join('\r\n');
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

const MATRIX: Record<string, Row> = {
  'GET /api/health': { anonymous: 'ok', employee: 'ok', admin: 'ok' },
  'GET /api/openapi.json': { anonymous: 'ok', employee: 'ok', admin: 'ok', undocumented: true },
  'GET /api/docs': { anonymous: 'ok', employee: 'ok', admin: 'ok', undocumented: true },

  'POST /api/auth/login': {
    anonymous: 'ok', employee: 'ok', admin: 'ok',
    csrfExempt: true,
    request: async () => ({ json: { username: employee.username, password: USER_PASSWORD } }),
  },
  'GET /api/auth/methods': { anonymous: 'ok', employee: 'ok', admin: 'ok' },
  /** Single sign-on is not configured here: the routes exist and say so (test/sso/ runs them configured). */
  'GET /api/auth/oidc/start': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/oidc/callback': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/dingtalk/start': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/dingtalk/callback': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/wecom/start': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/wecom/callback': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/feishu/start': { anonymous: 404, employee: 404, admin: 404 },
  'GET /api/auth/feishu/callback': { anonymous: 404, employee: 404, admin: 404 },
  'POST /api/auth/logout': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async (c) => ({ headers: (await c.fresh()).headers }),
  },
  'GET /api/me': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/me/password': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async (c) => ({
      headers: (await c.fresh()).headers,
      json: { currentPassword: USER_PASSWORD, newPassword: 'another-password-for-tests' },
    }),
  },
  'GET /api/me/tokens': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/me/tokens': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => ({ json: { name: unique('token') } }),
  },
  /** One's own token; anonymous gets the employee's. */
  'POST /api/me/tokens/{id}/revoke': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async (c) => {
      const owner = c.role === 'anonymous' ? employee.headers : c.headers;
      const res = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: owner, payload: { name: unique('token') } });
      return { url: `/api/me/tokens/${res.json<{ token: { id: string } }>().token.id}/revoke` };
    },
  },

  'GET /api/departments': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/departments': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ json: { code: departmentCode(), name: '新部门' } }),
  },
  'GET /api/departments/{id}': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => ({ url: `/api/departments/${(await makeDepartment(h)).id}` }),
  },
  'PATCH /api/departments/{id}': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ url: `/api/departments/${(await makeDepartment(h)).id}`, json: { name: '改名' } }),
  },

  'GET /api/users': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/users': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ json: { username: unique('u'), displayName: '新用户' } }),
  },
  'GET /api/users/{id}': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => ({ url: `/api/users/${await freshUserId()}` }),
  },
  'PATCH /api/users/{id}': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ url: `/api/users/${await freshUserId()}`, json: { displayName: '改名' } }),
  },
  'POST /api/users/{id}/password': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ url: `/api/users/${await freshUserId()}/password`, json: { password: 'reset-password-for-tests' } }),
  },
  'POST /api/users/{id}/unlock': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ url: `/api/users/${await lockedUserId()}/unlock` }),
  },
  'GET /api/users/import/template': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/users/import': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ url: '/api/users/import?dryRun=true', raw: csvUpload(`用户名,姓名\n${unique('u')},导入用户\n`) }),
  },

  'GET /api/positions': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/positions': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ json: { code: unique('p'), name: '新岗位', rank: 10 } }),
  },
  'PATCH /api/positions/{id}': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => {
      const { id } = await asAdmin<{ id: string }>('POST', '/api/positions', { code: unique('p'), name: '岗位', rank: 10 });
      return { url: `/api/positions/${id}`, json: { name: '改名' } };
    },
  },

  'GET /api/roles': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'POST /api/roles': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => ({ json: { code: unique('r'), name: '新角色' } }),
  },
  'PATCH /api/roles/{id}': {
    anonymous: 401, employee: 403, admin: 'ok',
    request: async () => {
      const { id } = await asAdmin<{ id: string }>('POST', '/api/roles', { code: unique('r'), name: '角色' });
      return { url: `/api/roles/${id}`, json: { description: '说明' } };
    },
  },

  'GET /api/delegations': { anonymous: 401, employee: 'ok', admin: 'ok' },
  /** Anyone may delegate their own work (F4): the employee names themselves as principal; the admin, anyone. */
  'POST /api/delegations': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async (c) => ({
      json: {
        principalId: c.role === 'admin' ? await freshUserId() : c.userId,
        delegateId: await freshUserId(),
        startsOn: today(),
        endsOn: today(),
        reason: '休假',
      },
    }),
  },
  /** The principal may revoke their own delegation; the admin, anyone's. */
  'POST /api/delegations/{id}/revoke': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async (c) => ({
      url: `/api/delegations/${await delegationFor(c.role === 'admin' ? await freshUserId() : c.userId)}/revoke`,
      json: { reason: '提前返回' },
    }),
  },

  /** Employees see their own trace entries; ledger.read_all holders see everything. */
  'GET /api/ledger/entries': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => ({ url: '/api/ledger/entries?limit=5' }),
  },
  'GET /api/ledger/checkpoint': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => {
      await treeSize();
      return {};
    },
  },
  'GET /api/ledger/public-key': { anonymous: 401, employee: 'ok', admin: 'ok' },
  'GET /api/ledger/proofs/inclusion': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => ({ url: `/api/ledger/proofs/inclusion?index=0&treeSize=${await treeSize()}` }),
  },
  'GET /api/ledger/proofs/consistency': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => ({ url: `/api/ledger/proofs/consistency?from=1&to=${await treeSize()}` }),
  },
  /** Employees may take the proof bundle of anything they can read, such as a department. */
  'GET /api/ledger/bundle': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => {
      const { id } = await makeDepartment(h);
      await treeSize();
      return { url: `/api/ledger/bundle?subjectType=department&subjectId=${id}` };
    },
  },
  /** The evidence report follows the trace: a department's is read by every employee. */
  'GET /api/ledger/report.pdf': {
    anonymous: 401, employee: 'ok', admin: 'ok',
    request: async () => {
      const { id } = await makeDepartment(h);
      await treeSize();
      return { url: `/api/ledger/report.pdf?subjectType=department&subjectId=${id}` };
    },
  },
  /** Ledger statistics say how busy the company is: administrators and auditors only (issue 8 §5). */
  'GET /api/ledger/stats': { anonymous: 401, employee: 404, admin: 'ok' },

  ...webhookRows(asAdmin),
  ...fileRows(app, (headers, role) => (role === 'anonymous' ? employee.headers : headers)),
  ...calendarRows(asAdmin),
  ...notifyRows(asAdmin),
  ...applicationRows(h, app, asAdmin, (headers, role) => (role === 'anonymous' ? employee.headers : headers)),
  ...taskRows(h, asAdmin),
  ...homeRows(),
  ...comfortRows(h, asAdmin),
  ...roomRows(h, asAdmin),
  ...signInRows(h),
  ...minutesRows(h),
  ...meetingRows(h),
};

const ROLES: readonly Role[] = ['anonymous', 'employee', 'admin'];
const CODE_OF: Record<Exclude<Outcome, 'ok'>, ErrorCode> = { 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' };

function splitKey(key: string): { method: HttpMethod; path: string } {
  const [method, path] = key.split(' ') as [string, string];
  const known = HTTP_METHODS.find((m) => m === method);
  if (!known || !path?.startsWith('/')) throw new Error(`bad MATRIX key ${key}`);
  return { method: known, path };
}

async function callerOf(role: Role): Promise<Caller> {
  if (role === 'anonymous') {
    return { role, headers: {}, userId: employee.userId, fresh: async () => ({ headers: {}, userId: await freshUserId() }) };
  }
  const session = role === 'admin' ? admin : employee;
  const fresh = async () => {
    const { row } = await makeUser(h, { roles: role === 'admin' ? ['admin'] : [] });
    const s = await signIn(h, row.username, USER_PASSWORD);
    return { headers: s.headers, userId: s.userId };
  };
  return { role, headers: session.headers, userId: session.userId, fresh };
}

describe('authorization matrix', () => {
  it('names exactly the operations of the OpenAPI document', async () => {
    const { operations } = await loadApiDocument(app);
    expect(operations.length, 'the document lists operations at all').toBeGreaterThanOrEqual(20);
    const documented = new Set(operations.map((op) => op.key));
    const tabled = Object.entries(MATRIX).filter(([, row]) => !row.undocumented).map(([key]) => key);
    expect.soft([...documented].filter((key) => !(key in MATRIX)), 'operations missing from MATRIX: add a row for each').toEqual([]);
    expect.soft(tabled.filter((key) => !documented.has(key)), 'MATRIX rows for operations that no longer exist').toEqual([]);
    for (const [key, row] of Object.entries(MATRIX).filter(([, r]) => r.undocumented)) {
      const { method, path } = splitKey(key);
      expect(documented.has(key), `${key} is marked undocumented but is in the document`).toBe(false);
      expect(app.hasRoute({ method, url: path }), `${key} is served`).toBe(true);
      expect(row.anonymous, `${key} is public`).toBe('ok');
    }
  });

  describe.each(Object.entries(MATRIX))('%s', (key, row) => {
    const { method, path } = splitKey(key);

    it.each(ROLES)('as %s', async (role) => {
      const caller = await callerOf(role);
      const spec = (await row.request?.(caller)) ?? {};
      const url = spec.url ?? path;
      expect(url, 'a row whose path has placeholders must build its URL').not.toMatch(/[{}]/);
      const headers: Headers = { ...(spec.headers ?? caller.headers) };
      let payload: string | undefined;
      if (spec.json) [headers['content-type'], payload] = ['application/json', JSON.stringify(spec.json)];
      if (spec.raw) [headers['content-type'], payload] = [spec.raw.contentType, spec.raw.body];
      const res = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });

      const expected = row[role];
      const label = `${role} ${method} ${url}`;
      if (expected === 'ok') {
        expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
        expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(300);
      } else {
        expect(res.statusCode, `${label} → ${res.body.slice(0, 300)}`).toBe(expected);
        expectClientError(res, label, [CODE_OF[expected]]);
      }
    });
  });

  it('refuses every unsafe request made with a session cookie but without its x-csrf-token', async () => {
    const { operations } = await loadApiDocument(app);
    const unsafe = operations.filter((op) => op.method !== 'GET' && !MATRIX[op.key]?.csrfExempt);
    expect(unsafe.length).toBeGreaterThan(0);
    for (const op of unsafe) {
      const url = op.path.replace(/\{\w+\}/g, () => randomUUID());
      for (const csrf of [{}, { 'x-csrf-token': 'wrong' }, { 'x-csrf-token': admin.csrf }]) {
        const res = await app.inject({ method: op.method, url, headers: { cookie: employee.cookie, ...csrf }, payload: {} });
        expectClientError(res, `${op.key} with ${JSON.stringify(csrf)}`, ['csrf_failed']);
      }
    }
  });
});
