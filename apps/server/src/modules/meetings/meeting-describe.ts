/**
 * Meetings in plain language (ledger/describe.ts): "会议「部门周例会」06-18 09:00", "重复会议「部门周例会」",
 * "张三的日历订阅"; times in Beijing time, the room by name, the rule in words. Coded values (kind, status, reply,
 * scope) are worded by the shared ledger vocabulary.
 */
import { inArray } from 'drizzle-orm';
import { describeRRule, parseRRule } from '@henji/contracts/recurrence';
import { beijingMinute } from '../../kernel/clock.ts';
import { isUuid, registerDescriber } from '../../kernel/ledger/describe.ts';
import { msg } from '../../kernel/messages.ts';
import { users } from '../../kernel/org/schema.ts';
import { MEETING_TIME_ZONE } from './recurrence.ts';
import { calendarFeeds, meetings, rooms } from './schema.ts';

const ids = (entries: { subjectId: string }[]) => [...new Set(entries.map((e) => e.subjectId))].filter(isUuid);
const dayMinute = (at: Date | string) => beijingMinute(at).slice(5);
const TIMES = new Set(['startsAt', 'endsAt', 'dtstart', 'revokedAt']);

registerDescriber('meeting', async (q, entries, ctx) => {
  const wanted = ids(entries);
  const rows = wanted.length === 0 ? [] : await q.select({ id: meetings.id, topic: meetings.topic, startsAt: meetings.startsAt }).from(meetings).where(inArray(meetings.id, wanted));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const roomIds = new Set<string>();
  for (const e of entries) {
    for (const side of ['before', 'after'] as const) {
      const value = e.diff.roomId?.[side];
      if (typeof value === 'string' && isUuid(value)) roomIds.add(value);
    }
  }
  const roomRows = roomIds.size === 0 ? [] : await q.select({ id: rooms.id, name: rooms.name }).from(rooms).where(inArray(rooms.id, [...roomIds]));
  const roomName = new Map(roomRows.map((r) => [r.id, r.name]));
  return {
    label: (id) => {
      const m = byId.get(id);
      return m ? ctx.text(msg('describe.meeting.label', { topic: m.topic, from: dayMinute(m.startsAt) })) : undefined;
    },
    value: (_e, field, value) => {
      if (TIMES.has(field) && typeof value === 'string') return beijingMinute(value);
      if (field === 'roomId' && typeof value === 'string') return roomName.get(value);
      return undefined;
    },
  };
});

registerDescriber('meeting_series', async (q, entries, ctx) => {
  const wanted = ids(entries);
  const rows = wanted.length === 0 ? [] : await q.select({ seriesId: meetings.seriesId, topic: meetings.topic, startsAt: meetings.startsAt }).from(meetings).where(inArray(meetings.seriesId, wanted));
  const topic = new Map<string, string>();
  for (const r of rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) if (r.seriesId && !topic.has(r.seriesId)) topic.set(r.seriesId, r.topic);
  const dtstart = new Map<string, string>();
  for (const e of entries) {
    const value = e.diff.dtstart?.after;
    if (typeof value === 'string') dtstart.set(e.subjectId, value);
  }
  return {
    label: (id) => {
      const t = topic.get(id);
      return t === undefined ? undefined : ctx.text(msg('describe.meeting_series.label', { topic: t }));
    },
    value: (e, field, value) => {
      if (TIMES.has(field) && typeof value === 'string') return beijingMinute(value);
      if (field === 'rrule' && typeof value === 'string') {
        const parsed = parseRRule(value);
        const start = dtstart.get(e.subjectId);
        return parsed.ok ? describeRRule(parsed.rule, ctx.locale, start ? { start: new Date(start), zone: MEETING_TIME_ZONE } : undefined) : undefined;
      }
      return undefined;
    },
  };
});

registerDescriber('calendar_feed', async (q, entries, ctx) => {
  const wanted = ids(entries);
  const rows = wanted.length === 0
    ? []
    : await q.select({ id: calendarFeeds.id, userId: calendarFeeds.userId }).from(calendarFeeds).where(inArray(calendarFeeds.id, wanted));
  const owners = rows.length === 0 ? [] : await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(rows.map((r) => r.userId))]));
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  const ownerOf = new Map(rows.map((r) => [r.id, ownerName.get(r.userId) ?? '']));
  return {
    label: (id) => {
      const user = ownerOf.get(id);
      return user === undefined ? undefined : ctx.text(msg('describe.calendar_feed.label', { user }));
    },
    value: (_e, field, value) => (TIMES.has(field) && typeof value === 'string' ? beijingMinute(value) : undefined),
  };
});
