/**
 * The one place where errors become HTTP: every 4xx carries { code, message, details? }; 5xx never leaks internals.
 * Messages are rendered here, in the request's language (http/locale.ts); `code` and the status never depend on it.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { ErrorBody, ErrorCode } from '@henji/contracts';
import { DomainError, type ErrorDetails } from '../kernel/errors.ts';
import { renderIssue } from '../kernel/issue-messages.ts';
import { msg, render, type Locale, type Message } from '../kernel/messages.ts';
import { localeOf } from './locale.ts';
import { validationIssues } from './validation.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  rate_limited: 429,
  account_locked: 423,
  password_change_required: 403,
  internal: 500,
};

export const statusOf = (code: ErrorCode) => STATUS[code];

function sendBody(reply: FastifyReply, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  const body: ErrorBody = details ? { code, message, details } : { code, message };
  return reply.status(STATUS[code]).type('application/json; charset=utf-8').send(body);
}

function renderDetails(locale: Locale, { fields, issues, ...rest }: ErrorDetails): Record<string, unknown> {
  if (!fields && !issues) return rest;
  const rendered: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(fields ?? {})) rendered[field] = messages.map((m) => render(locale, m));
  for (const [field, list] of Object.entries(issues ?? {})) (rendered[field] ??= []).push(...list.map((issue) => renderIssue(locale, issue)));
  return { ...rest, fields: rendered };
}

/** Sends an error in the request's language; `details.fields` holds messages to render, other details go as they are. */
export function sendError(reply: FastifyReply, code: ErrorCode, reason: Message, details?: ErrorDetails) {
  const locale = localeOf(reply.request);
  return sendBody(reply, code, render(locale, reason), details && renderDetails(locale, details));
}

/** Validation errors always carry `details.fields`; when the failing field is not known, the request as a whole is named. */
const blameRequest = (reason: Message): ErrorDetails => ({ fields: { request: [reason] } });

/** PostgreSQL error codes that a concurrent request can cause and a caller can act on. */
function databaseError(error: unknown): { code: ErrorCode; reason: Message } | null {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const pgCode = (e as { code?: unknown }).code;
    if (pgCode === '23505') return { code: 'conflict', reason: msg('db.unique') };
    if (pgCode === '23503') return { code: 'conflict', reason: msg('db.foreign_key') };
    if (pgCode === '40001' || pgCode === '40P01') return { code: 'conflict', reason: msg('db.concurrent') };
    if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
      return { code: 'validation_failed', reason: msg('db.bad_value') };
    }
    // JSON allows "\u0000" in strings; PostgreSQL text and jsonb cannot store it.
    if (pgCode === '22021' || pgCode === '22P05') return { code: 'validation_failed', reason: msg('db.unstorable_text') };
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * The multipart parser (busboy) reports a missing boundary or a body that ends inside a part as a plain Error with no
 * code or status; recognised by its text, these are the client's fault (400), not ours.
 */
const isMalformedMultipart = (error: Error) =>
  !(error as FastifyError).statusCode &&
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|.* terminated early due to unexpected end of multipart data)$/.test(error.message);

const PARTS = { body: 'part.body', querystring: 'part.querystring', params: 'part.params', headers: 'part.headers' } as const;
const isPart = (context: string | undefined): context is keyof typeof PARTS => context !== undefined && Object.hasOwn(PARTS, context);

/** A failed request schema: each zod issue is rendered again in the request's language, under its field path. */
function sendValidationError(reply: FastifyReply, issues: readonly z.core.$ZodIssue[], context: string | undefined) {
  const locale = localeOf(reply.request);
  const part = isPart(context) ? PARTS[context] : 'part.request';
  const fields: Record<string, string[]> = {};
  for (const issue of issues) {
    const where = issue.path.map(String).join('.') || (context ?? 'body');
    (fields[where] ??= []).push(renderIssue(locale, issue));
  }
  return sendBody(reply, 'validation_failed', render(locale, msg('http.invalid_part', { part: msg(part) })), { fields });
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return sendError(reply, error.code, error.reason, error.details);
  const issues = validationIssues(error);
  if (issues) return sendValidationError(reply, issues, (error as FastifyError).validationContext);
  const fastifyCode = (error as FastifyError).code;
  switch (fastifyCode) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, 'unsupported_media_type', msg('http.unsupported_content_type'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return sendError(reply, 'payload_too_large', msg('http.body_too_large'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, 'invalid_json', msg('http.empty_json'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendError(reply, 'invalid_json', msg('http.invalid_json'));
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return sendError(reply, 'unsupported_media_type', msg('http.multipart_expected'));
  }
  if (isMalformedMultipart(error)) {
    const reason = msg('http.malformed_multipart');
    return sendError(reply, 'validation_failed', reason, blameRequest(reason));
  }
  const status = (error as FastifyError).statusCode;
  if (error instanceof SyntaxError && status === 400) return sendError(reply, 'invalid_json', msg('http.invalid_json'));
  if (status === 413) return sendError(reply, 'payload_too_large', msg('http.body_too_large'));
  if (status === 415) return sendError(reply, 'unsupported_media_type', msg('http.unsupported_media_type'));
  const db = databaseError(error);
  if (db) return sendError(reply, db.code, db.reason, db.code === 'validation_failed' ? blameRequest(db.reason) : undefined);
  if (status && status >= 400 && status < 500) {
    // Other framework errors (a multipart protocol violation, a bad Content-Length …) are rare; their own English
    // text is kept as the detail of a sentence in the caller's language.
    if (status === 404) return sendError(reply, 'not_found', msg('http.not_found', { detail: error.message }));
    const reason = msg('http.bad_request', { detail: error.message });
    return sendError(reply, 'validation_failed', reason, blameRequest(reason));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 'internal', msg('error.internal'), { requestId: request.id });
}
