import { eq } from 'drizzle-orm';
import { authorize } from '../../access/policy.ts';
import { hashPassword } from '../../auth/password.ts';
import { defineCommand } from '../../command.ts';
import { notFound } from '../../errors.ts';
import { and, isNull } from 'drizzle-orm';
import { sessions } from '../../auth/schema.ts';
import { users } from '../schema.ts';

/**
 * An administrator sets a new password; the ledger commits to the new hash without revealing it. Every session of the
 * user ends, so whoever knew the old password is signed out. The user must then choose their own at the next sign-in
 * (`mustChangePassword`), unless the caller says the person typed it themselves (`henji users reset-password
 * --own-password`).
 */
export const resetUserPassword = defineCommand(
  'org.resetUserPassword',
  async (ctx, { id, password, chosenByUser = false }: { id: string; password: string; chosenByUser?: boolean }) => {
    const [user] = await ctx.tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!user) throw notFound('user');
    authorize(ctx.actor, 'reset_password', 'user', user);
    const passwordHash = await hashPassword(password);
    await ctx.tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: !chosenByUser, updatedAt: ctx.now })
      .where(eq(users.id, id));
    const ended = await ctx.tx
      .update(sessions)
      .set({ revokedAt: ctx.now })
      .where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    await ctx.trace({
      action: 'user.password_reset',
      subjectType: 'user',
      subjectId: id,
      diff: {
        password: { before: user.passwordHash, after: passwordHash },
        ...(user.mustChangePassword !== !chosenByUser
          ? { mustChangePassword: { before: user.mustChangePassword, after: !chosenByUser } }
          : {}),
        ...(ended.length ? { sessionsEnded: { after: ended.map((s) => s.id) } } : {}),
      },
      confidential: ['password'],
    });
  },
);
