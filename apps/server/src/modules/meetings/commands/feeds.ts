/**
 * 订阅日历: the personal iCalendar feed. Issuing makes a fresh secret token (32 random bytes, base64url), stores only
 * its SHA-256 and revokes any earlier one; the token itself is shown once and never traced. Revoking ends it at once.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { forbidden, notFound } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';
import { calendarFeeds } from '../schema.ts';

export const feedTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

function feedOwner(ctx: Ctx): string {
  if (ctx.actor.kind !== 'user') throw forbidden(msg('meetings.needs_user'));
  return ctx.actor.userId;
}

/** Revokes the owner's active feeds, traced on each; returns their ids. */
async function revokeActive(ctx: Ctx, userId: string, replacedBy: string | null): Promise<string[]> {
  const revoked = await ctx.tx
    .update(calendarFeeds)
    .set({ revokedAt: ctx.now })
    .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  for (const feed of revoked) {
    await ctx.trace({
      action: 'calendar_feed.revoke',
      subjectType: 'calendar_feed',
      subjectId: feed.id,
      diff: { revokedAt: { before: null, after: ctx.now.toISOString() }, ...(replacedBy ? { replacedBy: { after: replacedBy } } : {}) },
    });
  }
  return revoked.map((f) => f.id);
}

export const issueCalendarFeed = defineCommand('meetings.issueCalendarFeed', async (ctx, _input: Record<string, never>) => {
  const userId = feedOwner(ctx);
  const id = randomUUID();
  await revokeActive(ctx, userId, id);
  const token = randomBytes(32).toString('base64url');
  await ctx.tx.insert(calendarFeeds).values({ id, userId, tokenSha256: feedTokenHash(token), createdAt: ctx.now });
  await ctx.trace({ action: 'calendar_feed.issue', subjectType: 'calendar_feed', subjectId: id, diff: { userId: { after: userId } } });
  return { id, token, createdAt: ctx.now };
});

export const revokeCalendarFeed = defineCommand('meetings.revokeCalendarFeed', async (ctx, _input: Record<string, never>) => {
  const userId = feedOwner(ctx);
  const revoked = await revokeActive(ctx, userId, null);
  if (revoked.length === 0) throw notFound('calendar_feed');
  return { revoked: revoked.length };
});
