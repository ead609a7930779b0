/**
 * Speed of a page load (issue 9, item 5), the server's part: the web app's files go out precompressed (brotli or gzip
 * as the browser accepts, the build's `.br`/`.gz` files byte for byte) with immutable caching for hashed assets and
 * `no-cache` for the page; API answers above 1 KiB are compressed on the fly; stored files go out exactly as stored;
 * compressed request bodies are not inflated.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../../web/precompress.ts';
import { makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type TestHenji } from '../harness.ts';
import { multipartFile } from './http.ts';

let h: TestHenji;
let webDist: string;
const script = `/* the app */\n${Array.from({ length: 200 }, (_, i) => `export const value${i} = 'henji ${i}';`).join('\n')}\n`;
const page = `<!doctype html><html lang="zh-CN"><head><title>痕迹 Henji</title><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), 'henji-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), page);
  await writeFile(path.join(webDist, 'assets/index-AbC123.js'), script);
  await writeFile(path.join(webDist, 'assets/tiny-Zz9.css'), 'body{margin:0}');
  const written = precompressDir(webDist);
  expect(written.files).toBe(3);
  h = await startHenji({ webDist });
});
afterAll(async () => {
  await h?.close();
  await rm(webDist, { recursive: true, force: true });
});

const get = async (url: string, headers: Record<string, string> = {}) => (await h.app()).inject({ method: 'GET', url, headers });

describe('the web app', () => {
  it('sends the brotli file to a browser that accepts it, gzip to one that accepts only gzip, the original otherwise', async () => {
    const file = path.join(webDist, 'assets/index-AbC123.js');
    const br = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.equals(await readFile(`${file}.br`))).toBe(true);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await get('/assets/index-AbC123.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await get('/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);

    for (const res of [br, gz, plain]) {
      expect(res.headers['content-type']).toMatch(/^application\/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    }
  });

  it('answers a revalidation of an unchanged file with 304', async () => {
    const first = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get('/assets/index-AbC123.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('revalidates the page itself, at its own address and as the fallback for client-side routes', async () => {
    for (const url of ['/index.html', '/inbox', '/applications/3f1c6d5e-0000-4000-8000-000000000000']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString(), url).toBe(page);
    }
  });

  it('sends a file whose compressed copy would be larger as it is', async () => {
    const res = await get('/assets/tiny-Zz9.css', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('body{margin:0}');
    expect(res.headers['content-type']).toMatch(/^text\/css/);
  });
});

describe('API answers', () => {
  it('compresses an answer above 1 KiB for a client that accepts it, and nothing for one that does not', async () => {
    const admin = await signInAdmin(h);
    const br = await get('/api/openapi.json', { ...admin.headers, 'accept-encoding': 'br, gzip' });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');
    const document = JSON.parse(brotliDecompressSync(br.rawPayload).toString()) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');

    const gz = await get('/api/openapi.json', { ...admin.headers, 'accept-encoding': 'gzip' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(document);

    const plain = await get('/api/openapi.json', admin.headers);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect((plain.json() as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('leaves a small answer alone', async () => {
    const res = await get('/api/health', { 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toHaveProperty('status', 'ok');
  });

  it('sends a stored file exactly as stored, whatever the client accepts', async () => {
    const alice = await makeUser(h, {});
    const session = await signIn(h, alice.row.username, USER_PASSWORD);
    const text = `${'会议纪要：第一项决议。\n'.repeat(200)}`;
    const { payload, contentType } = await multipartFile('纪要.txt', new TextEncoder().encode(text), 'text/plain');
    const app = await h.app();
    const uploaded = await app.inject({ method: 'POST', url: '/api/files', headers: { ...session.headers, 'content-type': contentType }, payload });
    expect(uploaded.statusCode).toBe(201);
    const { id, size } = uploaded.json() as { id: string; size: number };
    const res = await get(`/api/files/${id}/content`, { ...session.headers, 'accept-encoding': 'br, gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(Number(res.headers['content-length'])).toBe(size);
    expect(res.body).toBe(text);
  });

  it('does not inflate a compressed request body: a gzip body is refused as bad input, not a 500', async () => {
    const { gzipSync } = await import('node:zlib');
    const app = await h.app();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ username: 'admin', password: 'whatever' })),
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json()).toHaveProperty('code');
  });
});
