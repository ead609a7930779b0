import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ApiToken, ChangePasswordInput, CreateApiTokenInput, CreatedApiToken, ErrorBody, IdParams, LoginInput, Me } from '@henji/contracts';
import { callerOf, metaOf, type App, type AppDeps } from '../../http/context.ts';
import { SESSION_COOKIE, setSessionCookie } from '../../http/auth-hook.ts';
import { sendError } from '../../http/errors.ts';
import { permissionsOf } from '../access/policy.ts';
import { systemActor, type UserActor } from '../actor.ts';
import { execute } from '../command.ts';
import { forbidden } from '../errors.ts';
import { msg, type Message } from '../messages.ts';
import { principalsOf } from '../org/queries.ts';
import { authenticateSession } from './authenticate.ts';
import { changeOwnPassword, createApiToken, login, logout, revokeApiToken } from './commands.ts';
import { SignInThrottle } from './throttle.ts';
import { apiTokens } from './schema.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

async function me(deps: AppDeps, actor: UserActor, csrfToken: string | null, mustChangePassword: boolean): Promise<Me> {
  const principals = await principalsOf(deps.db, actor.userId);
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    departmentId: actor.departmentId,
    roles: [...actor.roles],
    locale: actor.locale,
    csrfToken,
    actingFor: principals,
    permissions: permissionsOf(actor),
    mustChangePassword,
  };
}

const presentToken = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
  allowedActions: t.revokedAt ? [] : ['revoke'],
});

export function authRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;

  const throttle = new SignInThrottle(config.login.maxFailures, config.login.lockMinutes * 60_000);
  const holdBack = (reply: FastifyReply, reason: Message, waitMs: number) => {
    const seconds = Math.ceil(waitMs / 1000);
    reply.header('retry-after', seconds);
    return sendError(reply, 'rate_limited', reason, { retryAfterSeconds: seconds });
  };

  r.post('/api/auth/login', {
    schema: { tags: ['auth'], security: [], body: LoginInput, response: { 200: Me, ...errors, 423: ErrorBody, 429: ErrorBody } },
  }, async (req, reply) => {
    const wait = deps.loginLimiter.hit(req.ip);
    if (wait > 0) return holdBack(reply, msg('auth.rate_limited'), wait);
    // Held back before the password is checked, for existing and unknown names alike (auth/throttle.ts).
    const pairWait = throttle.wait(req.body.username, req.ip);
    if (pairWait > 0) return holdBack(reply, msg('auth.throttled'), pairWait);
    const outcome = await execute(db, { actor: systemActor('sign-in'), meta: metaOf(req) }, login, {
      ...req.body,
      sessionHours: config.sessionHours,
      maxFailures: config.loginAccountMaxFailures,
      lockMinutes: config.login.lockMinutes,
    });
    if (!outcome.ok) {
      throttle.failed(req.body.username, req.ip);
      return sendError(reply, 'unauthenticated', msg('auth.wrong_credentials'));
    }
    throttle.succeeded(req.body.username, req.ip);
    setSessionCookie(reply, outcome, config.secureCookies);
    const auth = await authenticateSession(db, outcome.sessionSecret);
    return me(deps, auth!.actor, outcome.csrfToken, auth!.mustChangePassword);
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    const caller = callerOf(req);
    if (req.auth?.sessionId) await execute(db, caller, logout, { sessionId: req.auth.sessionId });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  r.get('/api/me', { schema: { tags: ['auth'], response: { 200: Me, ...errors } } }, async (req) => {
    const caller = callerOf(req);
    // Under 代理 the principal's flag is not the delegate's business: the delegate's own session was checked.
    const mustChange = req.delegatedFrom ? false : (req.auth?.mustChangePassword ?? false);
    return me(deps, caller.actor, req.auth?.csrfToken ?? null, mustChange);
  });

  r.post('/api/me/password', { schema: { tags: ['auth'], body: ChangePasswordInput, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await execute(db, callerOf(req), changeOwnPassword, { ...req.body, keepSessionId: req.auth?.sessionId ?? null });
      return reply.status(204).send(null);
    });

  r.get('/api/me/tokens', { schema: { tags: ['auth'], response: { 200: z.object({ items: z.array(ApiToken) }), ...errors } } },
    async (req) => {
      const { actor } = callerOf(req);
      const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt));
      return { items: rows.map(presentToken) };
    });
  r.post('/api/me/tokens', { schema: { tags: ['auth'], body: CreateApiTokenInput, response: { 201: CreatedApiToken, ...errors } } },
    async (req, reply) => {
      const caller = callerOf(req);
      if (caller.actor.tokenId) throw forbidden(msg('auth.token_cannot_mint'));
      // A token would outlive the delegation (代理) and let the delegate act as the principal without one.
      if (caller.delegate) throw forbidden(msg('auth.delegate_cannot_mint'));
      const { token, secret } = await execute(db, caller, createApiToken, req.body);
      return reply.status(201).send({ token: presentToken(token), secret });
    });
  r.post('/api/me/tokens/:id/revoke', { schema: { tags: ['auth'], params: IdParams, response: { 200: ApiToken, ...errors } } },
    async (req) => presentToken(await execute(db, callerOf(req), revokeApiToken, { id: req.params.id })));
}
