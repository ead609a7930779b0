import { eq } from 'drizzle-orm';
import { authorize } from '../../access/policy.ts';
import { defineCommand } from '../../command.ts';
import { notFound } from '../../errors.ts';
import { users } from '../schema.ts';

export const unlockUser = defineCommand('org.unlockUser', async (ctx, { id }: { id: string }) => {
  const [user] = await ctx.tx.select().from(users).where(eq(users.id, id)).for('update');
  if (!user) throw notFound('user');
  const locked = user.lockedUntil && user.lockedUntil > ctx.now ? user.lockedUntil : null;
  authorize(ctx.actor, 'unlock', 'user', { ...user, lockedUntil: locked });
  await ctx.tx.update(users).set({ failedLogins: 0, lockedUntil: null, updatedAt: ctx.now }).where(eq(users.id, id));
  await ctx.trace({
    action: 'user.unlock',
    subjectType: 'user',
    subjectId: id,
    diff: { lockedUntil: { before: locked?.toISOString() ?? null, after: null } },
  });
});
