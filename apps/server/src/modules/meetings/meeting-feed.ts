/**
 * The personal iCalendar feed (订阅日历) and its management: `GET /api/calendar/feed/<token>.ics` needs no session —
 * the secret token is the credential (stored as its SHA-256; a revoked or unknown one is 404) — and answers my
 * meetings from 90 days back to a year ahead (organised, chaired, recorded or attended, not handed to a delegate),
 * cancelled ones as STATUS:CANCELLED, confidential ones with title, time and place only.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, asc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { CalendarFeedIssued, CalendarFeedParams, CalendarFeedStatus, ErrorBody, FEED_DAYS_AHEAD, FEED_DAYS_BACK } from '@henji/contracts';
import type { Database } from '../../db/client.ts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { now } from '../../kernel/clock.ts';
import { execute } from '../../kernel/command.ts';
import { notFound } from '../../kernel/errors.ts';
import { users } from '../../kernel/org/schema.ts';
import { feedTokenHash, issueCalendarFeed, revokeCalendarFeed } from './commands/feeds.ts';
import { buildCalendar } from './ics.ts';
import { meetingEvents } from './meeting-calendar.ts';
import { calendarFeeds, meetingAttendees, meetings } from './schema.ts';

const DAY_MS = 86_400_000;
const FEED_NAME = { 'zh-CN': '痕迹 · 我的会议', 'en-US': 'Henji · My meetings' } as const;
const feedPath = (token: string) => `/api/calendar/feed/${token}.ics`;

/** The feed's calendar text for a token, or null for a revoked or unknown token (or a user no longer active). */
export async function feedCalendar(db: Database, token: string, at: Date, publicUrl: string | null): Promise<string | null> {
  const [feed] = await db
    .select({ userId: calendarFeeds.userId, locale: users.locale })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenSha256, feedTokenHash(token)), isNull(calendarFeeds.revokedAt), eq(users.status, 'active')));
  if (!feed) return null;
  const me = feed.userId;
  const rows = await db
    .select()
    .from(meetings)
    .where(
      and(
        gte(meetings.endsAt, new Date(at.getTime() - FEED_DAYS_BACK * DAY_MS)),
        lt(meetings.startsAt, new Date(at.getTime() + FEED_DAYS_AHEAD * DAY_MS)),
        or(
          eq(meetings.organiserId, me),
          eq(meetings.chairId, me),
          eq(meetings.recorderId, me),
          sql`exists (select 1 from ${meetingAttendees} ma where ma.meeting_id = ${meetings.id} and ma.user_id = ${me}::uuid and ma.reply <> 'delegated')`,
        ),
      ),
    )
    .orderBy(asc(meetings.startsAt));
  const events = await meetingEvents(db, rows, (row) => ({
    locale: feed.locale,
    stamp: at,
    bare: row.confidential,
    readerId: me,
    ...(publicUrl ? { link: `${publicUrl}/meetings/${row.id}` } : {}),
  }));
  return buildCalendar({ method: 'PUBLISH', name: FEED_NAME[feed.locale], events });
}

export function feedRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['meetings'];
  const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

  r.get('/api/me/calendar-feed', { schema: { tags, summary: 'Whether I have an active calendar feed', response: { 200: CalendarFeedStatus, ...errors } } }, async (req) => {
    const { actor } = callerOf(req);
    const userId = actor.kind === 'user' ? actor.userId : '';
    const [feed] = await db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
    return { active: feed !== undefined, createdAt: feed ? feed.createdAt.toISOString() : null };
  });
  r.post('/api/me/calendar-feed', {
    schema: { tags, summary: 'Issue my calendar feed address (shown once; any earlier one stops working)', body: z.strictObject({}).optional(), response: { 201: CalendarFeedIssued, ...errors } },
  }, async (req, reply) => {
    const issued = await execute(db, callerOf(req), issueCalendarFeed, {});
    const path = feedPath(issued.token);
    return reply.status(201).send({ url: deps.config.publicUrl ? `${deps.config.publicUrl}${path}` : null, path, createdAt: issued.createdAt.toISOString() });
  });
  r.delete('/api/me/calendar-feed', { schema: { tags, summary: 'Revoke my calendar feed (404 when none is active)', response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await execute(db, callerOf(req), revokeCalendarFeed, {});
    return reply.status(204).send(null);
  });
  r.get('/api/calendar/feed/:token', {
    schema: {
      tags,
      summary: 'My meetings as an iCalendar feed (text/calendar), 90 days back to a year ahead; the secret token is the credential (no session); 404 when revoked or unknown',
      security: [],
      params: CalendarFeedParams,
      response: { 200: z.string(), 400: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const token = req.params.token.slice(0, -'.ics'.length);
    const text = await feedCalendar(db, token, now(), deps.config.publicUrl);
    if (text === null) throw notFound('calendar_feed');
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="henji.ics"')
      .header('cache-control', 'private, no-store')
      .send(text);
  });
}
