import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, FileListQuery, FileMeta, FileRules, IdParams, pageOf } from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { execute } from '../command.ts';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { uploadFile } from './commands.ts';
import { ALLOWED_EXTENSIONS } from './file-types.ts';
import { receiveFile } from './intake.ts';
import { getFile, listMyFiles, presentFile, readableFile } from './queries.ts';
import { fileStoreFor } from './store.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * `Content-Disposition` that keeps a Chinese name (RFC 6266 / RFC 8187 `filename*`), with an ASCII-only `filename`
 * for old clients in which every other character is replaced. Also for every other download (PDFs, proof bundles):
 * a name taken from the request or the data may hold any character, and a raw one in a header is a 500.
 */
export function contentDisposition(name: string, kind: 'inline' | 'attachment' = 'attachment'): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The file name as the person named it. Browsers escape exactly three characters of a multipart file name — `"`, CR
 * and LF, as %22, %0D and %0A (WHATWG HTML, "multipart/form-data encoding") — and send everything else as UTF-8.
 * Undoing that keeps `会议纪要 "终稿".pdf` intact; a name with a line break then fails the name check, as it should.
 */
export const browserFileName = (sent: string) =>
  sent.replace(/%(22|0D|0A)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Whether an If-None-Match header names this entity tag (weak comparison, as RFC 9110 asks for GET). */
const matchesEtag = (header: string | undefined, etag: string) =>
  header !== undefined && header.split(',').some((tag) => { const t = tag.trim(); return t === '*' || t.replace(/^W\//, '') === etag; });

export function fileRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  const store = fileStoreFor(config);
  const tags = ['files'];

  r.post('/api/files', {
    schema: {
      tags,
      summary: 'Upload one file (multipart field "file"); checked by size, extension and content, its SHA-256 traced as evidence',
      consumes: ['multipart/form-data'],
      response: { 201: FileMeta, ...errors, 413: ErrorBody, 415: ErrorBody },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    if (!req.isMultipart()) throw invalid({ file: msg('files.send_multipart') });
    const part = await req.file();
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw invalid({ file: msg('files.send_file_field') });
    }
    const received = await receiveFile(
      store,
      { name: browserFileName(part.filename), content: part.file, truncated: () => part.file.truncated },
      config.maxUploadBytes,
    );
    const row = await execute(db, caller, uploadFile, received);
    return reply.status(201).send(presentFile(caller.actor, { row, parent: null }));
  });

  r.get('/api/files', {
    schema: { tags, summary: 'My uploads, newest first', querystring: FileListQuery, response: { 200: pageOf(FileMeta), ...errors } },
  }, async (req) => listMyFiles(db, callerOf(req).actor, req.query));

  r.get('/api/files/rules', {
    schema: { tags, summary: 'What an upload may be: the size limit and the accepted extensions', response: { 200: FileRules, ...errors } },
  }, async (req) => {
    callerOf(req);
    return { maxBytes: config.maxUploadBytes, extensions: [...ALLOWED_EXTENSIONS] };
  });

  r.get('/api/files/:id', { schema: { tags, params: IdParams, response: { 200: FileMeta, ...errors } } },
    async (req) => getFile(db, callerOf(req).actor, req.params.id));

  // Untyped on purpose: the answer is a byte stream or a bare 304, which the JSON response schemas cannot describe.
  app.get<{ Params: { id: string } }>('/api/files/:id/content', {
    // Sent exactly as stored: the SHA-256 ETag and the Content-Length name these bytes (http/web-assets.ts).
    compress: false,
    schema: {
      tags,
      summary: 'The file\'s bytes, as an attachment with its stored type; ETag is its SHA-256',
      params: IdParams,
      response: errors,
    },
  }, async (req, reply) => {
    const { row } = await readableFile(db, callerOf(req).actor, req.params.id, 'download');
    const etag = `"${row.sha256}"`;
    // The bytes are someone's upload: never let a browser sniff them into HTML or run them in our origin.
    reply
      .header('etag', etag)
      .header('cache-control', 'private, no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox");
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.status(304).send();
    const content = await store.open(row.sha256);
    return reply
      .type(row.mime)
      .header('content-length', row.size)
      .header('content-disposition', contentDisposition(row.name))
      .send(content);
  });
}
