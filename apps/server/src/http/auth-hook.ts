/**
 * Authenticates every /api request (session cookie or bearer API token), checks CSRF for cookie-authenticated unsafe
 * requests, and honours `x-henji-on-behalf-of` when an active delegation with an unrestricted scope allows it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, authenticateSession, authenticateToken } from '../kernel/auth/authenticate.ts';
import { msg } from '../kernel/messages.ts';
import { activeDelegation } from '../kernel/org/queries.ts';
import type { AppDeps } from './context.ts';
import { sendError } from './errors.ts';

export const SESSION_COOKIE = 'henji_session';

/** The session cookie, set alike for every way of signing in (password, OpenID Connect, DingTalk/WeCom/Feishu). */
export function setSessionCookie(reply: FastifyReply, session: { sessionSecret: string; expiresAt: Date }, secure: boolean) {
  return reply.setCookie(SESSION_COOKIE, session.sessionSecret, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: session.expiresAt });
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_EXEMPT = new Set(['/api/auth/login']);
/**
 * What a user whose password someone else set (generated, imported, reset by an administrator) may still do until
 * they choose their own: read who they are, change it, sign out. Routes that need no authentication (`security: []`)
 * stay open as they are for anyone.
 */
const PASSWORD_CHANGE_ALLOWED = new Set(['GET /api/me', 'POST /api/me/password', 'POST /api/auth/logout']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function authHook(deps: AppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    request.auth = null;
    request.delegatedFrom = null;
    if (!request.url.startsWith('/api/')) return;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      request.auth = await authenticateToken(deps.db, bearer);
      if (!request.auth) return sendError(reply, 'unauthenticated', msg('auth.token_invalid'));
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) request.auth = await authenticateSession(deps.db, cookie);
      const path = request.url.split('?')[0]!;
      if (request.auth && !SAFE_METHODS.has(request.method) && !CSRF_EXEMPT.has(path)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !request.auth.csrfToken || !sameSecret(sent, request.auth.csrfToken)) {
          return sendError(reply, 'csrf_failed', msg('auth.csrf'));
        }
      }
    }
    if (request.auth?.mustChangePassword) {
      const path = request.url.split('?')[0]!;
      const open = request.routeOptions.schema?.security?.length === 0;
      if (!open && !PASSWORD_CHANGE_ALLOWED.has(`${request.method} ${path}`)) {
        return sendError(reply, 'password_change_required', msg('auth.password_change_required'));
      }
    }
    const principalId = request.headers['x-henji-on-behalf-of'];
    if (request.auth && typeof principalId === 'string' && principalId) {
      const delegation = UUID.test(principalId)
        ? await activeDelegation(deps.db, principalId, request.auth.actor.userId, null)
        : null;
      const principal = delegation ? await actorOf(deps.db, principalId) : null;
      if (!principal) return sendError(reply, 'forbidden', msg('auth.no_delegation'));
      request.delegatedFrom = request.auth;
      request.auth = { actor: principal, sessionId: null, csrfToken: null, mustChangePassword: false };
    }
  };
}
