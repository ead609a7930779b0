/**
 * Only well-formed Unicode gets past the edge. JSON may spell a lone surrogate (`"\ud800"`) and a body may carry bytes
 * that are not UTF-8; PostgreSQL would store either as U+FFFD while the ledger commits to what was sent, so the record
 * and its trace would disagree. Such requests are refused with 400 before any route sees them.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../kernel/errors.ts';
import { msg, type Message } from '../kernel/messages.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** In `u` mode a surrogate pair is one code point, so only a lone surrogate is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;
const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

const refuse = (where: string, reason: Message) => new DomainError('validation_failed', reason, { fields: { [where]: [reason] } });

/** The body's text, or a 400 when its bytes are not UTF-8. */
export function decodeUtf8Body(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw refuse('body', msg('http.invalid_utf8'));
  }
}

/** The path (`items.0.name`) of the first string or key in `value` that holds a lone surrogate, or null. */
export function illFormedPath(value: unknown, at: string[] = []): string | null {
  if (typeof value === 'string') return wellFormed(value) ? null : at.join('.') || '(value)';
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (!wellFormed(key)) return [...at, '(key)'].join('.');
    const found = illFormedPath(inner, [...at, key]);
    if (found !== null) return found;
  }
  return null;
}

/** Throws a 400 naming the field when a parsed body holds a lone surrogate. */
export function requireWellFormed(value: unknown, part: 'body' | 'querystring' | 'params'): void {
  const where = illFormedPath(value);
  if (where !== null) throw refuse(where === '(value)' ? part : where, msg('http.invalid_unicode'));
}

/** preValidation hook: the query string and path parameters, once Fastify has decoded them. */
export async function wellFormedQuery(request: FastifyRequest): Promise<void> {
  requireWellFormed(request.query, 'querystring');
  requireWellFormed(request.params, 'params');
}
