/**
 * Issue 8 §5 at the HTTP edge: security headers on every kind of response, malformed multipart answered 400, invalid
 * Unicode refused before it reaches a route, and who may read sign-in traces and the ledger's statistics.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '@henji/contracts';
import { API_CSP, WEB_CSP } from '../../src/http/security-headers.ts';
import { makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, traceOf } from './http.ts';

let h: TestHenji;
let admin: Session;
let webDist: string;
beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), 'henji-web-'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>痕迹</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(path.join(webDist, 'app.js'), 'export {};');
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'assets', 'page-1a2b3c.js'), 'export const page = 1;');
  await writeFile(path.join(webDist, 'assets', 'page-1a2b3c.css'), 'body { margin: 0 }');
  h = await startHenji({ webDist });
  admin = await signInAdmin(h);
});
afterAll(async () => {
  await h?.close();
  await rm(webDist, { recursive: true, force: true });
});

async function employee() {
  const made = await makeUser(h);
  return { ...made, session: await signIn(h, made.row.username, USER_PASSWORD) };
}

const COMMON = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' };

describe('security headers', () => {
  it('API answers (success, error, 404) forbid loading, framing and sniffing; no HSTS without secure cookies', async () => {
    const app = await h.app();
    for (const [url, status] of [['/api/health', 200], ['/api/me', 401], ['/api/nothing-here', 404]] as const) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      expect(res.headers).toMatchObject({ ...COMMON, 'content-security-policy': API_CSP });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('the web app and its files allow only their own scripts (no inline script), inline styles for Ant Design', async () => {
    const app = await h.app();
    for (const url of ['/', '/org/users', '/app.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers).toMatchObject({ ...COMMON, 'content-security-policy': WEB_CSP });
    }
    expect(WEB_CSP).toContain("script-src 'self';");
    expect(WEB_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(WEB_CSP).toContain("frame-ancestors 'none'");
  });

  it("the build's scripts and styles carry only nosniff and the referrer policy — the page's own policies act on them", async () => {
    const app = await h.app();
    for (const url of ['/assets/page-1a2b3c.js', '/assets/page-1a2b3c.css']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' });
      for (const header of ['content-security-policy', 'x-frame-options', 'cross-origin-opener-policy']) expect(res.headers[header]).toBeUndefined();
    }
    // A missing file under /assets/ is answered with the app's page (the client-side fallback): a page keeps the page's policies.
    const page = await app.inject({ method: 'GET', url: '/assets/no-such-file.js' });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers).toMatchObject({ ...COMMON, 'content-security-policy': WEB_CSP });
  });

  it('the API docs page gets the web policy, which swagger-ui needs (its own scripts, inline styles)', async () => {
    const app = await h.app();
    const page = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(WEB_CSP);
    // Every script of the page is a file of its own: the policy without 'unsafe-inline' lets it run.
    expect(page.body).toMatch(/<script src=/);
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    const script = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(script.statusCode).toBe(200);
  });

  it('a file download keeps its own sandbox policy', async () => {
    const app = await h.app();
    const person = await employee();
    const { payload, contentType } = await multipartFile('说明.txt', Buffer.from('纯文本说明'), 'text/plain');
    const up = await app.inject({ method: 'POST', url: '/api/files', headers: { ...person.session.headers, 'content-type': contentType }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const down = await app.inject({ method: 'GET', url: `/api/files/${up.json<{ id: string }>().id}/content`, headers: person.session.headers });
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(down.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends HSTS when cookies are secure (Henji behind HTTPS)', async () => {
    const secure = await startHenji({ secureCookies: true });
    try {
      const res = await (await secure.app()).inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    } finally {
      await secure.close();
    }
  });
});

describe('malformed multipart', () => {
  const boundaryless = { 'content-type': 'multipart/form-data' };
  const truncated = {
    contentType: 'multipart/form-data; boundary=XX',
    payload: '--XX\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nusername,姓名\r\nab',
  };
  for (const url of ['/api/files', '/api/users/import']) {
    it(`${url}: a missing boundary or a truncated part is 400 validation_failed, not 500`, async () => {
      const app = await h.app();
      const noBoundary = await app.inject({ method: 'POST', url, headers: { ...admin.headers, ...boundaryless }, payload: 'abc' });
      expect(noBoundary.statusCode).toBe(400);
      expect(noBoundary.json<ErrorBody>().code).toBe('validation_failed');
      const cut = await app.inject({ method: 'POST', url, headers: { ...admin.headers, 'content-type': truncated.contentType }, payload: truncated.payload });
      expect(cut.statusCode).toBe(400);
      expect(cut.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { request: [expect.stringContaining('multipart')] } } });
    });
  }
});

describe('invalid Unicode', () => {
  it('refuses a lone surrogate in a JSON body with 400 naming the field, and stores nothing', async () => {
    const app = await h.app();
    const code = `U${Date.now().toString(36).toUpperCase()}`;
    for (const name of ['\\ud800', 'a\\udc00b', '\\ud83d']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/departments',
        headers: { ...admin.headers, 'content-type': 'application/json', 'accept-language': 'en-US' },
        payload: `{"code":"${code}","name":"${name}"}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { name: [expect.stringContaining('lone surrogate')] } } });
    }
    const pair = await app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: `{"code":"${code}","name":"表情\\ud83d\\ude00"}`,
    });
    expect(pair.statusCode, pair.body).toBe(201);
    expect(pair.json<{ name: string }>().name).toBe('表情😀');
  });

  it('refuses a body that is not UTF-8 and a path that does not decode, with the usual error body', async () => {
    const app = await h.app();
    const bytes = Buffer.concat([Buffer.from('{"code":"X","name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await app.inject({ method: 'POST', url: '/api/departments', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: bytes });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { body: [expect.any(String)] } } });
    const badPath = await app.inject({ method: 'GET', url: '/api/users/%ED%A0%80', headers: admin.headers });
    expect(badPath.statusCode).toBe(400);
    expect(badPath.json<ErrorBody>().code).toBe('validation_failed');
  });
});

describe('who reads sign-in traces and ledger statistics', () => {
  it('a user’s sign-ins (IP, session) are theirs, the administrators’ and the auditors’; other employees see the rest', async () => {
    const app = await h.app();
    const person = await employee();
    const colleague = await employee();
    const auditor = await makeUser(h, { roles: ['audit'] });
    const auditorSession = await signIn(h, auditor.row.username, USER_PASSWORD);
    const actions = (entries: { action: string }[]) => entries.map((e) => e.action);

    expect(actions(await traceOf(h, colleague.session.headers, 'user', person.row.id))).toEqual(['user.create']);
    for (const reader of [person.session, admin, auditorSession]) {
      const trace = await traceOf(h, reader.headers, 'user', person.row.id);
      expect(actions(trace)).toEqual(['user.create', 'auth.login']);
      expect(trace[1]!.ip).toBe('127.0.0.1');
    }
    const bundle = await app.inject({ method: 'GET', url: `/api/ledger/bundle?subjectType=user&subjectId=${person.row.id}`, headers: colleague.session.headers });
    if (bundle.statusCode === 200) expect(bundle.body).not.toContain('auth.login');
    else expect(bundle.statusCode).toBe(409); // no checkpoint yet
    const filtered = await app.inject({
      method: 'GET',
      url: `/api/ledger/entries?subjectType=user&subjectId=${person.row.id}&action=auth.login`,
      headers: colleague.session.headers,
    });
    expect(filtered.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('/api/ledger/stats answers administrators and auditors; to an employee it does not exist', async () => {
    const app = await h.app();
    const person = await employee();
    const auditor = await makeUser(h, { roles: ['audit'] });
    const auditorSession = await signIn(h, auditor.row.username, USER_PASSWORD);
    const refused = await app.inject({ method: 'GET', url: '/api/ledger/stats', headers: person.session.headers });
    expect(refused.statusCode).toBe(404);
    expect(refused.json<ErrorBody>().code).toBe('not_found');
    for (const reader of [admin, auditorSession]) {
      const res = await app.inject({ method: 'GET', url: '/api/ledger/stats', headers: reader.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json<{ entries: number }>().entries).toBeGreaterThan(0);
    }
  });
});
