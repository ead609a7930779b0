/**
 * Sign-in through an identity provider (OpenID Connect; DingTalk, WeCom, Feishu): the verified identity is matched to
 * an EXISTING active user — never creates one, so a stranger's valid token opens nothing — and the session is the
 * same as a password sign-in's (sessions table, cookie, CSRF token). Like the password login, refusals are outcomes,
 * not throws, so their traces commit.
 */
import { eq, sql } from 'drizzle-orm';
import type { SignInMethod, SsoRefusalReason } from '@henji/contracts';
import { defineCommand } from '../command.ts';
import type { FieldChange } from '../ledger/append.ts';
import type { Tx } from '../../db/client.ts';
import { notificationPreferences } from '../notify/schema.ts';
import { users } from '../org/schema.ts';
import { openSession } from '../auth/commands.ts';

/** What the provider vouched for; one of the fields is matched, in this order. */
export interface ProviderIdentity {
  /** `<issuer or platform>#<subject>`, for the trace. */
  identity: string;
  username?: string | null | undefined;
  email?: string | null | undefined;
  mobile?: string | null | undefined;
  /** A Feishu open_id, matched against the one users entered in 通知设置 (notification_preferences.feishu_user_id). */
  feishuOpenId?: string | null | undefined;
  /** A WeCom userid, matched against notification_preferences.wecom_user_id. */
  wecomUserId?: string | null | undefined;
  /** A DingTalk userid, matched against notification_preferences.dingtalk_user_id. */
  dingtalkUserId?: string | null | undefined;
}

export type SsoOutcome =
  | { ok: true; userId: string; sessionId: string; sessionSecret: string; csrfToken: string; expiresAt: Date }
  | { ok: false; reason: SsoRefusalReason };

/** Mainland numbers come as 13800138000, +86 13800138000 or +86-13800138000: compared by their digits without 86. */
export const mobileDigits = (mobile: string) => mobile.replace(/\D/g, '').replace(/^0*86(?=1\d{10}$)/, '');

export type SsoSignInInput =
  | { method: SignInMethod; who: ProviderIdentity; sessionHours: number }
  /** A sign-in that failed before any identity was verified (state, nonce, issuer, token, the provider's own error). */
  | { method: SignInMethod; refused: { reason: SsoRefusalReason; detail: string } };

export const ssoSignIn = defineCommand('auth.ssoSignIn', async (ctx, input: SsoSignInInput): Promise<SsoOutcome> => {
  if ('refused' in input) {
    await ctx.trace({
      action: 'auth.sso_refused',
      subjectType: 'sign_in_method',
      subjectId: input.method,
      diff: { reason: { after: input.refused.reason }, detail: { after: input.refused.detail.slice(0, 500) } },
    });
    return { ok: false, reason: input.refused.reason };
  }
  const { method, who } = input;
  const candidates = await candidatesOf(ctx.tx, who);
  const active = candidates.filter((u) => u.status === 'active');
  if (active.length !== 1) {
    const reason: SsoRefusalReason = active.length > 1 ? 'ambiguous' : candidates.length > 0 ? 'inactive' : 'unknown_user';
    if (reason === 'inactive') {
      await ctx.trace({
        action: 'auth.login_failed',
        subjectType: 'user',
        subjectId: candidates[0]!.id,
        diff: { signInMethod: { after: method }, reason: { after: reason }, identity: { after: who.identity } },
      });
    } else {
      await ctx.trace({
        action: 'auth.sso_refused',
        subjectType: 'sign_in_method',
        subjectId: method,
        diff: { reason: { after: reason }, identity: { after: who.identity }, ...matchedOn(who) },
      });
    }
    return { ok: false, reason };
  }
  const user = active[0]!;
  if (user.lockedUntil && user.lockedUntil > ctx.now) {
    // A lock after repeated password failures holds for every way in: the provider does not vouch for the attempts.
    await ctx.trace({
      action: 'auth.login_failed',
      subjectType: 'user',
      subjectId: user.id,
      diff: { signInMethod: { after: method }, reason: { after: 'locked' }, identity: { after: who.identity } },
    });
    return { ok: false, reason: 'locked' };
  }

  const session = await openSession(ctx, user.id, input.sessionHours);
  await ctx.trace({
    action: 'auth.login',
    subjectType: 'user',
    subjectId: user.id,
    diff: { session: { after: session.sessionId }, signInMethod: { after: method }, identity: { after: who.identity } },
  });
  return { ok: true, userId: user.id, ...session };
});

/** The users an identity names: by the first of platform id, username, mobile, email that names anyone. */
async function candidatesOf(tx: Tx, who: ProviderIdentity) {
  const platformId = who.feishuOpenId
    ? eq(notificationPreferences.feishuUserId, who.feishuOpenId)
    : who.wecomUserId
      ? eq(notificationPreferences.wecomUserId, who.wecomUserId)
      : who.dingtalkUserId
        ? eq(notificationPreferences.dingtalkUserId, who.dingtalkUserId)
        : null;
  if (platformId) {
    const byId = await tx
      .select({ user: users })
      .from(users)
      .innerJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(platformId)
      .for('update', { of: users });
    if (byId.length > 0) return byId.map((r) => r.user);
  }
  if (who.username) return tx.select().from(users).where(eq(users.username, who.username.trim().toLowerCase())).for('update');
  if (who.mobile) {
    const digits = mobileDigits(who.mobile);
    const byMobile = (await tx.select().from(users).where(sql`${users.phone} like ${`%${digits.slice(-8)}`}`).for('update')).filter(
      (u) => mobileDigits(u.phone!) === digits,
    );
    if (byMobile.length > 0) return byMobile;
  }
  if (who.email) return tx.select().from(users).where(sql`lower(${users.email}) = ${who.email.trim().toLowerCase()}`).for('update');
  return [];
}

function matchedOn(who: ProviderIdentity): Record<string, FieldChange> {
  if (who.username) return { username: { after: who.username } };
  if (who.email) return { email: { after: who.email } };
  if (who.mobile) return { mobile: { after: who.mobile } };
  if (who.feishuOpenId) return { feishuOpenId: { after: who.feishuOpenId } };
  if (who.wecomUserId) return { wecomUserId: { after: who.wecomUserId } };
  if (who.dingtalkUserId) return { dingtalkUserId: { after: who.dingtalkUserId } };
  return {};
}
