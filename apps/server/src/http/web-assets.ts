/**
 * How the web app and the API answers travel: compressed, and cached as long as their names allow.
 *
 * - The build writes `.br` and `.gz` beside every text asset (apps/web/precompress.ts); @fastify/static picks the one
 *   the browser's `Accept-Encoding` allows (brotli first) with the right `Content-Type` and `Vary: Accept-Encoding`.
 *   Nothing is compressed per request for the web app.
 * - Files under `assets/` carry a content hash in their name, so they never change: cached for a year, `immutable`.
 *   Everything else — `index.html`, which names the current hashes, and the SPA fallback that serves it for every
 *   client-side path — is `no-cache`: the browser revalidates (ETag / Last-Modified → 304) and sees a new release at once.
 * - API answers above `COMPRESS_THRESHOLD` bytes are compressed on the fly (brotli, else gzip) by @fastify/compress,
 *   for compressible types only (JSON, text; never PDFs, images or zips, which mime-db marks incompressible). Stored
 *   files are sent as stored (their routes say `compress: false`: the SHA-256 ETag names those bytes, and ranges stay
 *   possible). Compressed request bodies are not accepted (no inflating of uploads before the body limit).
 */
import path from 'node:path';
import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { App } from './context.ts';

export const COMPRESS_THRESHOLD = 1024;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

export async function registerCompression(app: App): Promise<void> {
  await app.register(compress, {
    global: true,
    globalDecompression: false,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip'],
    // Quality 4 (the library's default) costs about as much CPU as gzip 6 and is still smaller; answers are made per request.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
  });
}

export async function registerWebApp(app: App, webDist: string): Promise<void> {
  const assets = path.join(webDist, 'assets') + path.sep;
  // The web app's files are compressed once, at build time; one without a `.br`/`.gz` is too small to gain from it,
  // so nothing outside /api is compressed per request (@fastify/compress honours this request header).
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) request.headers['x-no-compression'] = 'web-app';
  });
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    etag: true,
    lastModified: true,
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });
}
