/** The one place where errors become HTTP: every 4xx carries { code, message, details? }; 5xx never leaks internals. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody, ErrorCode } from '@henji/contracts';
import { DomainError } from '../kernel/errors.ts';

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
  internal: 500,
};

export const statusOf = (code: ErrorCode) => STATUS[code];

export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: Record<string, unknown>) {
  const body: ErrorBody = details ? { code, message, details } : { code, message };
  return reply.status(STATUS[code]).type('application/json; charset=utf-8').send(body);
}

/** Validation errors always carry `details.fields`; when the failing field is not known, the request as a whole is named. */
const blameRequest = (message: string) => ({ fields: { request: [message] } });

/** PostgreSQL error codes that a concurrent request can cause and a caller can act on. */
function databaseError(error: unknown): { code: ErrorCode; message: string } | null {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    const pgCode = (e as { code?: unknown }).code;
    if (pgCode === '23505') return { code: 'conflict', message: 'a record with the same unique value already exists' };
    if (pgCode === '23503') return { code: 'conflict', message: 'the change refers to a record that does not exist or is still in use' };
    if (pgCode === '40001' || pgCode === '40P01') return { code: 'conflict', message: 'a concurrent change got there first; retry' };
    if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
      return { code: 'validation_failed', message: 'a value is out of range or malformed' };
    }
    // JSON allows "\u0000" in strings; PostgreSQL text and jsonb cannot store it.
    if (pgCode === '22021' || pgCode === '22P05') {
      return { code: 'validation_failed', message: 'a text value contains a character that cannot be stored (such as NUL)' };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) return sendError(reply, error.code, error.message, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string[]> = {};
    for (const issue of error.validation) {
      const where = (issue.instancePath || '').replace(/^\//, '').replaceAll('/', '.') || (error.validationContext ?? 'body');
      (fields[where] ??= []).push(issue.message ?? 'invalid');
    }
    return sendError(reply, 'validation_failed', `invalid ${error.validationContext ?? 'request'}`, { fields });
  }
  const fastifyCode = (error as FastifyError).code;
  switch (fastifyCode) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, 'unsupported_media_type', 'unsupported Content-Type; send application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return sendError(reply, 'payload_too_large', 'the request body is too large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, 'invalid_json', 'the request body is empty but Content-Type is application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendError(reply, 'invalid_json', 'the request body is not valid JSON');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return sendError(reply, 'unsupported_media_type', 'this endpoint expects multipart/form-data');
  }
  const status = (error as FastifyError).statusCode;
  if (error instanceof SyntaxError && status === 400) return sendError(reply, 'invalid_json', 'the request body is not valid JSON');
  if (status === 413) return sendError(reply, 'payload_too_large', 'the request body is too large');
  if (status === 415) return sendError(reply, 'unsupported_media_type', error.message);
  const db = databaseError(error);
  if (db) return sendError(reply, db.code, db.message, db.code === 'validation_failed' ? blameRequest(db.message) : undefined);
  if (status && status >= 400 && status < 500) {
    return status === 404 ? sendError(reply, 'not_found', error.message) : sendError(reply, 'validation_failed', error.message, blameRequest(error.message));
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 'internal', 'an internal error occurred; it has been logged', { requestId: request.id });
}
