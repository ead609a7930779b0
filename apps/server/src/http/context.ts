/** What routes need: the app's dependencies and the caller of a request. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Caller } from '../kernel/command.ts';
import { DomainError } from '../kernel/errors.ts';
import { msg } from '../kernel/messages.ts';
import type { Authenticated } from '../kernel/auth/authenticate.ts';
import type { LedgerSigner } from '../kernel/ledger/keys.ts';
import type { RateLimiter } from '../kernel/auth/rate-limit.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  dbKind: 'pglite' | 'postgres';
  signer: LedgerSigner;
  version: string;
  loginLimiter: RateLimiter;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
    /** The principal's authenticated identity when the caller acts under a delegation. */
    delegatedFrom: Authenticated | null;
  }
}

export type App = FastifyInstance;

export const metaOf = (request: FastifyRequest) => ({
  requestId: request.id,
  ip: request.ip,
  userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
});

/** The caller of an authenticated route; 401 when nobody is signed in. */
export function callerOf(request: FastifyRequest): Caller & { actor: Authenticated['actor'] } {
  if (!request.auth) throw new DomainError('unauthenticated', msg('auth.sign_in_first'));
  if (request.delegatedFrom) {
    return { actor: request.auth.actor, delegate: request.delegatedFrom.actor, meta: metaOf(request) };
  }
  return { actor: request.auth.actor, meta: metaOf(request) };
}
