/**
 * The small catalogue of domain errors. HTTP status mapping lives in one place (http/errors.ts).
 * A resource the caller may not see is NotFound, never Forbidden.
 */
import type { ErrorCode } from '@henji/contracts';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this') => new DomainError('forbidden', message);
export const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('conflict', message, details);

/** A validation failure on named fields, shaped like request validation errors. */
export function invalid(fields: Record<string, string>, message = 'validation failed'): DomainError {
  return new DomainError('validation_failed', message, {
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])),
  });
}

/** Failed invariants inside Henji: mapped to 500 and logged; never expected from user input. */
export class InternalError extends Error {
  override name = 'InternalError';
}
