/**
 * Fuzzes every operation of the served OpenAPI document with inputs a client could send by mistake or on purpose:
 * broken JSON, wrong content types, oversized bodies, unknown fields, wrong types, missing fields, bad path and query
 * values, hostile strings, and fast-check–generated bodies and query strings (fuzz-probes.ts). Whatever arrives, Henji
 * answers with a 4xx carrying `{ code, message, details? }`, never a 5xx, and never a 2xx for a clearly invalid input.
 *
 * The operations come from the document, so a new route is fuzzed without touching this file.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/kernel/ledger/verify.ts';
import { makeDepartment, makeUser, signInAdmin, startHenji, unique, type Session } from '../harness.ts';
import { JSON_TYPE, ProbeBuilder, type Expectation } from './fuzz-probes.ts';
import {
  expectClientError,
  fieldsOf,
  HTTP_METHODS,
  loadApiDocument,
  matchesTemplate,
  urlOf,
  type HttpMethod,
  type Operation,
} from './openapi-operations.ts';
import { now } from '../../src/kernel/clock.ts';
import { noticedMeeting } from '../flows/meeting-sign-in-context.ts';

const h = await startHenji({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 10000 } });
afterAll(() => h.close());
const app = await h.app();
const api = await loadApiDocument(app);
const { operations } = api;
const builder = new ProbeBuilder(api);

type Who = 'admin' | 'anonymous';
const WHO: readonly Who[] = ['admin', 'anonymous'];

let admin: Session;
/** Ids of real objects of every kind, so that generated requests also reach the handlers, not only the validators. */
let realIds: string[] = [];

beforeAll(async () => {
  admin = await signInAdmin(h);
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: admin.headers, payload });
    expect(res.statusCode, `${url} ${res.body}`).toBe(201);
    return res.json<{ id?: string; token?: { id: string }; webhook?: { id: string } }>();
  };
  const [principal, delegate] = [await makeUser(h), await makeUser(h)];
  const today = now().toISOString().slice(0, 10);
  const delegation = { principalId: principal.row.id, delegateId: delegate.row.id, startsOn: today, endsOn: today, reason: '出差' };
  realIds = [
    (await makeDepartment(h)).id,
    (await makeUser(h)).row.id,
    (await post('/api/positions', { code: unique('p'), name: '岗位', rank: 1 })).id!,
    (await post('/api/roles', { code: unique('r'), name: '角色' })).id!,
    (await post('/api/delegations', delegation)).id!,
    (await post('/api/me/tokens', { name: 'fuzz' })).token!.id,
    (await post('/api/webhooks', { name: 'fuzz', url: 'http://127.0.0.1:9/fuzz', events: ['*'] })).webhook!.id,
    (await post('/api/rooms', { name: unique('fuzz-room'), capacity: 8 })).id!,
    (await post('/api/equipment', { name: 'fuzz', code: unique('fz') })).id!,
    (await post('/api/tasks', { title: 'fuzz 督办', ownerId: principal.row.id })).id!,
    // A noticed meeting starting soon, the administrator its recorder: the sign-in routes reach their handlers.
    (await noticedMeeting(h.db, { organiserId: admin.userId, chairId: admin.userId, recorderId: admin.userId, startsAt: new Date(now().getTime() + 10 * 60_000), attendees: [{ userId: principal.row.id }, { userId: admin.userId }] })).id,
  ];
});

interface Request {
  method: string;
  url: string;
  contentType?: string | undefined;
  payload?: string | undefined;
}

async function send(who: Who, request: Request) {
  const headers: Record<string, string> = who === 'admin' ? { ...admin.headers } : {};
  if (request.contentType) headers['content-type'] = request.contentType;
  const payload = request.payload !== undefined ? { payload: request.payload } : {};
  return app.inject({ method: request.method as HttpMethod, url: request.url, headers, ...payload });
}

function check(who: Who, label: string, expectation: Expectation, res: LightMyRequestResponse, open = false) {
  switch (expectation.kind) {
    case 'survives':
      expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
      if (res.statusCode >= 400) expectClientError(res, label);
      return;
    case 'valid':
      expectClientError(res, label, who === 'admin' || open ? expectation.adminCodes : ['unauthenticated']);
      return;
    case 'rejected': {
      // An anonymous caller may be stopped at the door before the input is looked at.
      const body = expectClientError(res, label, who === 'admin' ? expectation.codes : [...expectation.codes, 'unauthenticated']);
      if (body.code !== 'validation_failed') return;
      const { field, mentions } = expectation;
      const fields = fieldsOf(body);
      const named = fields.some((f) => f === field || f.startsWith(`${field}.`));
      if (field) expect(named, `${label}: ${JSON.stringify(fields)} names ${field}`).toBe(true);
      if (mentions) expect(JSON.stringify(body.details), `${label}: details mention ${mentions}`).toContain(mentions);
    }
  }
}

/** fast-check–generated bodies, query strings and path values; a bounded number of runs keeps the file fast. */
async function fuzzGenerated(op: Operation, who: Who, numRuns: number) {
  const pathValue = fc.oneof(fc.constantFrom(...realIds, randomUUID()), fc.uuid(), fc.string({ minLength: 1, maxLength: 40 }));
  const pathParams = fc.record(Object.fromEntries(op.pathParams.map((p) => [p.name, pathValue])));
  const run = (label: string, requests: fc.Arbitrary<{ url: string; payload?: string }>) =>
    fc.assert(
      fc.asyncProperty(requests, async ({ url, payload }) => {
        const res = await send(who, { method: op.method, url, ...(payload !== undefined ? { contentType: JSON_TYPE, payload } : {}) });
        check(who, `${who} ${op.key} [${label} ${url} ${payload?.slice(0, 200) ?? ''}]`, { kind: 'survives' }, res);
      }),
      { numRuns },
    );
  if (op.jsonBody) {
    const bodies = fc.record({ params: pathParams, payload: builder.bodyArbitrary(op) });
    await run('generated body', bodies.map(({ params, payload }) => ({ url: urlOf(op, params), payload })));
  }
  if (op.query.length) {
    const queries = fc.record({ params: pathParams, query: builder.queryArbitrary(op) });
    await run('generated query', queries.map(({ params, query }) => ({ url: urlOf(op, params, query) })));
  }
  if (op.pathParams.length && !op.jsonBody) {
    await run('generated path', pathParams.map((params) => ({ url: urlOf(op, params, builder.sampleQuery(op).toString()) })));
  }
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('finds enough operations to be worth running (guards against silently testing nothing)', () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    expect(operations.some((op) => op.jsonBody)).toBe(true);
    expect(operations.some((op) => op.multipart)).toBe(true);
    expect(operations.some((op) => op.query.length > 0)).toBe(true);
    expect(operations.some((op) => op.pathParams.length > 0)).toBe(true);
  });

  describe.each(operations.map((op) => [op.key, op] as const))('%s', (_key, op) => {
    it.each(WHO)('answers bad input with a clean 4xx (%s)', async (who) => {
      const probes = [...builder.probesFor(op), ...builder.hostileProbes(op, realIds)];
      for (const probe of probes) check(who, `${who} ${op.key} [${probe.name}]`, probe.expect, await send(who, probe), op.open);
      await fuzzGenerated(op, who, who === 'admin' ? 25 : 10);
      const me = await send('admin', { method: 'GET', url: '/api/me' });
      expect(me.statusCode, 'the admin is still signed in, so the probes were not all answered 401').toBe(200);
    });
  });

  it('leaves a ledger that still verifies', async () => {
    await h.sequencer.flush();
    const report = await verifyLedger(h.db, { trustedKeys: new Map([[h.signer.keyId, h.signer.publicKey]]) });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('routing', () => {
  const templates = [...new Set(operations.map((op) => op.path))];
  /** The methods routed for a concrete URL: GET /api/users/import is GET /api/users/{id} with the id "import". */
  const routed = (url: string) =>
    HTTP_METHODS.filter((m) => matchesTemplate(operations.filter((op) => op.method === m).map((op) => op.path), url));

  it.each(WHO)('answers unknown routes with 404 not_found (%s)', async (who) => {
    const fixed = ['/api/nope', '/api', '/api/', '/api/departments/x/y', '/api/health/x', `/api/users/${randomUUID()}/nope`, '/nope'];
    for (const url of fixed) {
      for (const method of HTTP_METHODS) expectClientError(await send(who, { method, url }), `${who} ${method} ${url}`, ['not_found']);
    }
    const segments = fc.array(fc.stringMatching(/^[a-z0-9_~-]{1,12}$/), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(segments, fc.constantFrom(...HTTP_METHODS), async (parts, method) => {
        const url = `/api/${parts.join('/')}`;
        fc.pre(!matchesTemplate(templates, url) && parts[0] !== 'docs' && url !== '/api/openapi.json');
        expectClientError(await send(who, { method, url }), `${who} ${method} ${url}`, ['not_found']);
      }),
      { numRuns: 100 },
    );
  });

  it.each(WHO)('answers a wrong method on a known route with 405 method_not_allowed and Allow (%s)', async (who) => {
    let checked = 0;
    for (const path of templates) {
      const url = urlOf({ path });
      const allowed = routed(url);
      expect(allowed.length, url).toBeGreaterThan(0);
      for (const method of HTTP_METHODS.filter((m) => !allowed.includes(m))) {
        const res = await send(who, { method, url });
        expectClientError(res, `${who} ${method} ${url}`, ['method_not_allowed']);
        expect(String(res.headers.allow).split(', ').sort(), `${method} ${url} Allow`).toEqual([...allowed].sort());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(templates.length);
  });
});
