/**
 * Sign-in through OpenID Connect: /api/auth/oidc/start sends the browser to the provider with a fresh state, nonce and
 * PKCE verifier kept in a short-lived httpOnly cookie bound to this browser; /api/auth/oidc/callback checks the answer
 * against that cookie (kernel/sso/oidc.ts), matches an existing user and opens the same session as a password sign-in.
 * Both answer with redirects: to the web app's page to return to, or to /login?sso_error=<reason>.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, OidcCallbackQuery, PlatformCallbackQuery, SignInMethods, SsoStartQuery, type SignInMethod, type SsoRefusalReason } from '@henji/contracts';
import { metaOf, type App, type AppDeps } from '../../http/context.ts';
import { setSessionCookie } from '../../http/auth-hook.ts';
import { systemActor } from '../actor.ts';
import { execute } from '../command.ts';
import { DomainError } from '../errors.ts';
import { msg } from '../messages.ts';
import { ssoSignIn, type ProviderIdentity } from './commands.ts';
import { OidcClient, OidcRefusal, randomToken, type PendingSignIn } from './oidc.ts';
import { completePlatformSignIn, platformAuthorizeUrl, type Platform } from './platforms.ts';

const PLATFORMS: readonly Platform[] = ['dingtalk', 'wecom', 'feishu'];

const PENDING_COOKIE = 'henji_sso';
const PENDING_MINUTES = 10;
const redirect = { 302: z.null().describe('a redirect: to the provider, to the page to return to, or to /login?sso_error=<reason>') };

/** Only paths of the web app: `?next=//evil.example` must not turn sign-in into an open redirect. */
export const safeNext = (value: string | undefined | null) =>
  value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') && !value.startsWith('/login') ? value : '/';

interface Pending extends PendingSignIn {
  method: SignInMethod;
  next: string;
}

function readPending(request: FastifyRequest, method: SignInMethod): Pending | null {
  const raw = request.cookies[PENDING_COOKIE];
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Pending>;
    if (value.method !== method || typeof value.state !== 'string' || typeof value.nonce !== 'string' || typeof value.verifier !== 'string') return null;
    return { method, state: value.state, nonce: value.nonce, verifier: value.verifier, next: safeNext(value.next) };
  } catch {
    return null;
  }
}

export function ssoRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  const oidc = config.oidc && config.publicUrl ? new OidcClient(config.oidc, `${config.publicUrl}/api/auth/oidc/callback`) : null;
  const cookiePath = '/api/auth/';

  const refuse = async (request: FastifyRequest, reply: FastifyReply, method: SignInMethod, reason: SsoRefusalReason, detail: string | null) => {
    if (detail !== null) await execute(db, { actor: systemActor('sign-in'), meta: metaOf(request) }, ssoSignIn, { method, refused: { reason, detail } });
    reply.clearCookie(PENDING_COOKIE, { path: cookiePath });
    return reply.redirect(`/login?sso_error=${reason}`, 302);
  };

  /** The pending sign-in, kept for the provider's redirect back. */
  const remember = (reply: FastifyReply, pending: Pending) =>
    // SameSite=Lax: the provider's redirect back is a top-level GET, which carries it; a cross-site POST would not.
    reply.setCookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      path: cookiePath,
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      maxAge: PENDING_MINUTES * 60,
    });

  /** The verified identity matched to a user: the same session and cookie as a password sign-in, or a refusal. */
  const signIn = async (request: FastifyRequest, reply: FastifyReply, method: SignInMethod, who: ProviderIdentity, next: string) => {
    const outcome = await execute(db, { actor: systemActor('sign-in'), meta: metaOf(request) }, ssoSignIn, { method, who, sessionHours: config.sessionHours });
    if (!outcome.ok) return refuse(request, reply, method, outcome.reason, null);
    reply.clearCookie(PENDING_COOKIE, { path: cookiePath });
    setSessionCookie(reply, outcome, config.secureCookies);
    return reply.redirect(next, 302);
  };

  r.get('/api/auth/methods', {
    schema: { tags: ['auth'], security: [], response: { 200: SignInMethods } },
  }, async () => ({
    password: true,
    methods: [...(oidc ? (['oidc'] as const) : []), ...PLATFORMS.filter((p) => config.platformLogin[p] !== null)],
  }));

  r.get('/api/auth/oidc/start', {
    schema: { tags: ['auth'], security: [], querystring: SsoStartQuery, response: { ...redirect, 404: ErrorBody } },
  }, async (req, reply) => {
    if (!oidc) throw new DomainError('not_found', msg('sso.not_configured'));
    const pending: Pending = { method: 'oidc', state: randomToken(), nonce: randomToken(), verifier: randomToken(), next: safeNext(req.query.next) };
    let url: string;
    try {
      url = await oidc.authorizationUrl(pending);
    } catch (error) {
      req.log.warn({ err: error }, 'OpenID provider unavailable');
      return refuse(req, reply, 'oidc', 'unavailable', null);
    }
    remember(reply, pending);
    return reply.redirect(url, 302);
  });

  r.get('/api/auth/oidc/callback', {
    schema: { tags: ['auth'], security: [], querystring: OidcCallbackQuery, response: { ...redirect, 404: ErrorBody } },
  }, async (req, reply) => {
    if (!oidc) throw new DomainError('not_found', msg('sso.not_configured'));
    // Every refusal is traced: the per-address sign-in rate limit keeps a flood of forged callbacks out of the ledger.
    if (deps.loginLimiter.hit(req.ip) > 0) return refuse(req, reply, 'oidc', 'rate_limited', null);
    const pending = readPending(req, 'oidc');
    let who: ProviderIdentity;
    try {
      const claims = await oidc.complete(req.query, pending);
      const identity = `${String(claims.iss)}#${String(claims.sub)}`;
      if (oidc.config.claim === 'email') {
        if (claims['email_verified'] === false) return refuse(req, reply, 'oidc', 'unverified_email', `${identity}: email_verified is false`);
        who = { identity, email: typeof claims['email'] === 'string' ? claims['email'] : null };
      } else {
        who = { identity, username: typeof claims['preferred_username'] === 'string' ? claims['preferred_username'] : null };
      }
    } catch (error) {
      if (!(error instanceof OidcRefusal)) throw error;
      return refuse(req, reply, 'oidc', error.reason, error.message);
    }
    return signIn(req, reply, 'oidc', who, pending!.next);
  });

  // DingTalk, WeCom and Feishu accounts (kernel/sso/platforms.ts): the same pending cookie (its state), the same
  // matching, session and traces as OpenID Connect.
  for (const platform of PLATFORMS) {
    const settings = config.platformLogin[platform];
    const redirectUri = `${config.publicUrl ?? ''}/api/auth/${platform}/callback`;
    r.get(`/api/auth/${platform}/start`, {
      schema: { tags: ['auth'], security: [], querystring: SsoStartQuery, response: { ...redirect, 404: ErrorBody } },
    }, async (req, reply) => {
      if (!settings) throw new DomainError('not_found', msg('sso.not_configured'));
      const pending: Pending = { method: platform, state: randomToken(), nonce: '', verifier: '', next: safeNext(req.query.next) };
      remember(reply, pending);
      return reply.redirect(platformAuthorizeUrl(platform, settings, redirectUri, pending.state), 302);
    });
    r.get(`/api/auth/${platform}/callback`, {
      schema: { tags: ['auth'], security: [], querystring: PlatformCallbackQuery, response: { ...redirect, 404: ErrorBody } },
    }, async (req, reply) => {
      if (!settings) throw new DomainError('not_found', msg('sso.not_configured'));
      if (deps.loginLimiter.hit(req.ip) > 0) return refuse(req, reply, platform, 'rate_limited', null);
      const pending = readPending(req, platform);
      let who: ProviderIdentity;
      try {
        who = await completePlatformSignIn(platform, settings, redirectUri, req.query, pending?.state ?? null);
      } catch (error) {
        if (!(error instanceof OidcRefusal)) throw error;
        return refuse(req, reply, platform, error.reason, error.message);
      }
      return signIn(req, reply, platform, who, pending!.next);
    });
  }
}
