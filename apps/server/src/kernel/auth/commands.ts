/**
 * Authentication commands (K5). Sign-in failures are committed (counter, lock, trace) even though the caller gets
 * an error, so the login command returns an outcome instead of throwing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { defineCommand, type Ctx } from '../command.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { msg } from '../messages.ts';
import { users } from '../org/schema.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { apiTokens, sessions } from './schema.ts';
import { newSecret, secretHash } from './secrets.ts';

export interface LoginInput {
  username: string;
  password: string;
  sessionHours: number;
  /** Failures of the account, from every address, within `lockMinutes` that lock it for `lockMinutes`. */
  maxFailures: number;
  lockMinutes: number;
}

/**
 * Why a sign-in was refused, for Henji's own use: the route gives the caller one answer whatever the reason — no such
 * account, a wrong password, a locked account — so it never tells which accounts exist.
 */
export type LoginOutcome =
  | { ok: true; userId: string; sessionId: string; sessionSecret: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: 'bad_credentials' }
  | { ok: false; reason: 'locked'; lockedUntil: Date };

/** Failed sign-ins of a user traced since `since`: the account-wide window (the per-address one is in memory). */
async function failuresSince(tx: Tx, userId: string, since: Date): Promise<number> {
  const [row] = await queryRows<{ n: string }>(
    tx,
    sql`select count(*)::text as n from ledger_entries
        where subject_type = 'user' and subject_id = ${userId} and action = 'auth.login_failed' and recorded_at > ${since.toISOString()}`,
  );
  return Number(row!.n);
}

export const login = defineCommand('auth.login', async (ctx, input: LoginInput): Promise<LoginOutcome> => {
  const [user] = await ctx.tx.select().from(users).where(eq(users.username, input.username.toLowerCase())).for('update');
  if (!user || user.status !== 'active') {
    await verifyPassword(input.password, null);
    return { ok: false, reason: 'bad_credentials' };
  }
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    // The same work as a wrong password, so not even the time taken tells a locked account apart.
    await verifyPassword(input.password, null);
    return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
  }

  if (!(await verifyPassword(input.password, user.passwordHash))) {
    // `failedLogins` counts since the last success or unlock; the ledger count bounds it to the window, so failures
    // spread over hours (one address held back by the throttle) never add up to a lock.
    const failures = user.failedLogins + 1;
    const windowStart = new Date(ctx.now.getTime() - input.lockMinutes * 60_000);
    const inWindow = (await failuresSince(ctx.tx, user.id, windowStart)) + 1;
    const lock = Math.min(failures, inWindow) >= input.maxFailures;
    const lockedUntil = lock ? new Date(ctx.now.getTime() + input.lockMinutes * 60_000) : null;
    await ctx.tx
      .update(users)
      .set({ failedLogins: lock ? 0 : failures, lockedUntil })
      .where(eq(users.id, user.id));
    await ctx.trace({
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: user.id,
      diff: { failedLogins: { before: user.failedLogins, after: failures } },
    });
    if (lockedUntil) {
      await ctx.trace({
        action: 'auth.locked',
        subjectType: 'user',
        subjectId: user.id,
        diff: { lockedUntil: { before: null, after: lockedUntil.toISOString() } },
      });
    }
    return lockedUntil ? { ok: false, reason: 'locked', lockedUntil } : { ok: false, reason: 'bad_credentials' };
  }

  const session = await openSession(ctx, user.id, input.sessionHours);
  if (user.failedLogins > 0 || user.lockedUntil) {
    await ctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  await ctx.trace({
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    diff: { session: { after: session.sessionId } },
  });
  return { ok: true, userId: user.id, ...session };
});

/**
 * A new session of a user who has just proven who they are — by password (`login`) or through an identity provider
 * (`auth.ssoSignIn`): the secret for the cookie (only its hash is stored), the CSRF token, the expiry. The caller
 * traces `auth.login` with `session.sessionId`.
 */
export async function openSession(ctx: Ctx, userId: string, sessionHours: number) {
  const sessionSecret = newSecret('hs_');
  const csrfToken = newSecret('');
  const expiresAt = new Date(ctx.now.getTime() + sessionHours * 3600_000);
  const sessionId = randomUUID();
  await ctx.tx.insert(sessions).values({
    id: sessionId,
    tokenHash: secretHash(sessionSecret),
    userId,
    csrfToken,
    createdAt: ctx.now,
    expiresAt,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent,
  });
  return { sessionId, sessionSecret, csrfToken, expiresAt };
}

export const logout = defineCommand('auth.logout', async (ctx, { sessionId }: { sessionId: string }) => {
  const [session] = await ctx.tx
    .update(sessions)
    .set({ revokedAt: ctx.now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .returning();
  if (!session) return;
  await ctx.trace({ action: 'auth.logout', subjectType: 'user', subjectId: session.userId, diff: { session: { before: sessionId } } });
});

/** Changing one's password ends one's other sessions; the one in use stays signed in. */
export const changeOwnPassword = defineCommand(
  'auth.changeOwnPassword',
  async (ctx, input: { currentPassword: string; newPassword: string; keepSessionId: string | null }) => {
    if (ctx.actor.kind !== 'user') throw forbidden(msg('auth.password_change_needs_user'));
    const [user] = await ctx.tx.select().from(users).where(eq(users.id, ctx.actor.userId)).for('update');
    if (!user) throw notFound('user');
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw invalid({ currentPassword: msg('auth.wrong_current_password') }, msg('auth.wrong_current_password'));
    }
    if (await verifyPassword(input.newPassword, user.passwordHash)) {
      throw invalid({ newPassword: msg('auth.password_same_as_current') }, msg('auth.password_same_as_current'));
    }
    const passwordHash = await hashPassword(input.newPassword);
    await ctx.tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now })
      .where(eq(users.id, user.id));
    const ended = await ctx.tx
      .update(sessions)
      .set({ revokedAt: ctx.now })
      .where(
        and(
          eq(sessions.userId, user.id),
          isNull(sessions.revokedAt),
          input.keepSessionId ? ne(sessions.id, input.keepSessionId) : undefined,
        ),
      )
      .returning({ id: sessions.id });
    await ctx.trace({
      action: 'user.password_change',
      subjectType: 'user',
      subjectId: user.id,
      diff: {
        password: { before: user.passwordHash, after: passwordHash },
        ...(user.mustChangePassword ? { mustChangePassword: { before: true, after: false } } : {}),
        ...(ended.length ? { sessionsEnded: { after: ended.map((s) => s.id) } } : {}),
      },
      confidential: ['password'],
    });
  },
);

export const createApiToken = defineCommand(
  'auth.createApiToken',
  async (ctx, input: { name: string; expiresInDays?: number | null | undefined }) => {
    if (ctx.actor.kind !== 'user') throw forbidden(msg('auth.token_needs_user'));
    const secret = newSecret('henji_');
    const [token] = await ctx.tx
      .insert(apiTokens)
      .values({
        id: randomUUID(),
        userId: ctx.actor.userId,
        name: input.name,
        prefix: secret.slice(0, 12),
        tokenHash: secretHash(secret),
        createdAt: ctx.now,
        expiresAt: input.expiresInDays ? new Date(ctx.now.getTime() + input.expiresInDays * 86400_000) : null,
      })
      .returning();
    await ctx.trace({
      action: 'auth.token_create',
      subjectType: 'api_token',
      subjectId: token!.id,
      diff: {
        name: { after: token!.name },
        prefix: { after: token!.prefix },
        expiresAt: { after: token!.expiresAt?.toISOString() ?? null },
      },
    });
    return { token: token!, secret };
  },
);

export const revokeApiToken = defineCommand('auth.revokeApiToken', async (ctx, { id }: { id: string }) => {
  const [token] = await ctx.tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
  if (!token || ctx.actor.kind !== 'user' || token.userId !== ctx.actor.userId) throw notFound('api_token');
  if (token.revokedAt) return token;
  const [after] = await ctx.tx.update(apiTokens).set({ revokedAt: ctx.now }).where(eq(apiTokens.id, id)).returning();
  await ctx.trace({
    action: 'auth.token_revoke',
    subjectType: 'api_token',
    subjectId: id,
    diff: { revokedAt: { before: null, after: ctx.now.toISOString() } },
  });
  return after!;
});
