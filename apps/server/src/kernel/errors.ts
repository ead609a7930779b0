/**
 * The small catalogue of domain errors. HTTP status mapping lives in one place (http/errors.ts).
 * A resource the caller may not see is NotFound, never Forbidden.
 *
 * An error says what went wrong as catalogue messages (kernel/messages.ts), not text: http/errors.ts renders them in
 * the caller's language. `Error.message` holds the English rendering, for logs and stack traces.
 */
import type { ErrorCode } from '@henji/contracts';
import type { z } from 'zod';
import { msg, render, type Message, type Noun } from './messages.ts';

/**
 * Field messages keyed by field path, shaped like request validation errors; other details are sent as they are.
 * `issues` holds zod issues by field path (a definition file checked against its schema): they are rendered like a
 * request's, in the reader's language, and sent among `fields`.
 */
export interface ErrorDetails {
  fields?: Record<string, Message[]>;
  issues?: Record<string, z.core.$ZodIssue[]>;
  [detail: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly reason: Message,
    readonly details?: ErrorDetails,
  ) {
    super(render('en-US', reason));
    this.name = 'DomainError';
  }
}

export const notFound = (what: Noun) => new DomainError('not_found', msg('error.not_found', { what: msg(`noun.${what}`) }));
export const forbidden = (reason: Message = msg('error.forbidden')) => new DomainError('forbidden', reason);
export const conflict = (reason: Message, details?: ErrorDetails) => new DomainError('conflict', reason, details);

/** A validation failure on named fields, shaped like request validation errors. */
export function invalid(fields: Record<string, Message>, reason: Message = msg('error.validation_failed')): DomainError {
  return new DomainError('validation_failed', reason, {
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])),
  });
}

/** Failed invariants inside Henji: mapped to 500 and logged; never expected from user input. */
export class InternalError extends Error {
  override name = 'InternalError';
}
