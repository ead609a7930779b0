/**
 * Reading meetings as the API presents them: the detail (agenda, attendees with their replies, the series in words,
 * attachments, the caller's allowed actions) and the list (views, filters, sorting, pages), only what the caller may
 * read.
 */
import { and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { MEETING_REPLIES, type Meeting, type MeetingListQuery, type MeetingPage, type MeetingPerson, type MeetingReply, type MeetingReplyCounts, type MeetingSummary } from '@henji/contracts';
import { describeRRule, parseRRule, type RecurrenceLocale } from '@henji/contracts/recurrence';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../kernel/actor.ts';
import { allowedActions, hasRole } from '../../kernel/access/policy.ts';
import { forbidden } from '../../kernel/errors.ts';
import { presentAttachments } from '../../kernel/files/index.ts';
import { msg } from '../../kernel/messages.ts';
import { departments, users } from '../../kernel/org/schema.ts';
import { meetingSubjectsOf, readableMeeting, type MeetingSubject } from './meeting-policies.ts';
import { MEETING_TIME_ZONE } from './recurrence.ts';
import { bookings, equipment, meetingAgendaItems, meetingAttendees, meetingMinutes, meetingSeries, meetings, rooms, type MeetingRow } from './schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function peopleOf(q: Queryable, ids: readonly (string | null)[]): Promise<Map<string, MeetingPerson>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await q
    .select({ id: users.id, displayName: users.displayName, departmentId: users.departmentId, departmentName: departments.name })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(inArray(users.id, wanted));
  return new Map(
    rows.map((r) => [r.id, { id: r.id, displayName: r.displayName, department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null }]),
  );
}

const person = (people: Map<string, MeetingPerson>, id: string): MeetingPerson => people.get(id) ?? { id, displayName: '', department: null };
const short = (p: MeetingPerson) => ({ id: p.id, displayName: p.displayName });

export function countReplies(replies: readonly MeetingReply[]): MeetingReplyCounts {
  const counts = Object.fromEntries(MEETING_REPLIES.map((r) => [r, 0])) as MeetingReplyCounts;
  for (const r of replies) counts[r]++;
  return counts;
}

/** The series in words, in the reader's language ("每周一 09:00，共10次"). */
function describeSeries(rrule: string, dtstart: Date, locale: RecurrenceLocale): string {
  const parsed = parseRRule(rrule);
  return parsed.ok ? describeRRule(parsed.rule, locale, { start: dtstart, zone: MEETING_TIME_ZONE }) : rrule;
}

/** The chair, the recorder, then everyone else as invited (a delegate after those invited before), by name. */
function ordered<T extends { userId: string; createdAt: Date }>(row: MeetingRow, attendees: T[], people: Map<string, MeetingPerson>): T[] {
  const rank = (a: T) => (a.userId === row.chairId ? 0 : a.userId === row.recorderId ? 1 : 2);
  const name = (a: T) => people.get(a.userId)?.displayName ?? '';
  return [...attendees].sort((a, b) => rank(a) - rank(b) || a.createdAt.getTime() - b.createdAt.getTime() || name(a).localeCompare(name(b), 'zh-CN') || a.userId.localeCompare(b.userId));
}

export async function presentMeeting(q: Queryable, actor: Actor, subject: MeetingSubject, locale: RecurrenceLocale): Promise<Meeting> {
  const row = subject.row;
  const [agenda, attendees, seriesRows, roomRows, bookingRows] = await Promise.all([
    q.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, row.id)).orderBy(asc(meetingAgendaItems.position)),
    q.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, row.id)).orderBy(asc(meetingAttendees.createdAt), asc(meetingAttendees.userId)),
    row.seriesId ? q.select().from(meetingSeries).where(eq(meetingSeries.id, row.seriesId)) : Promise.resolve([]),
    row.roomId ? q.select().from(rooms).where(eq(rooms.id, row.roomId)) : Promise.resolve([]),
    row.bookingId ? q.select().from(bookings).where(eq(bookings.id, row.bookingId)) : Promise.resolve([]),
  ]);
  const booking = bookingRows[0] ?? null;
  const equipmentRows = booking && booking.equipmentIds.length > 0
    ? await q.select({ id: equipment.id, name: equipment.name, code: equipment.code }).from(equipment).where(inArray(equipment.id, booking.equipmentIds))
    : [];
  const people = await peopleOf(q, [
    row.organiserId,
    row.chairId,
    row.recorderId,
    ...agenda.map((a) => a.presenterId),
    ...attendees.flatMap((a) => [a.userId, a.delegatedToId, a.delegatedFromId]),
  ]);
  const departmentRows = row.departmentIds.length > 0
    ? await q.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, row.departmentIds))
    : [];
  const departmentName = new Map(departmentRows.map((d) => [d.id, d.name]));
  const series = seriesRows[0] ?? null;
  const seriesCount = series
    ? ((await q.select({ n: sql<number>`count(*)::int` }).from(meetings).where(eq(meetings.seriesId, series.id)))[0]?.n ?? 0)
    : 0;
  const [reminded] = await q
    .select({ at: sql<Date | string | null>`max(${meetingAttendees.remindedAt})` })
    .from(meetingAttendees)
    .where(eq(meetingAttendees.meetingId, row.id));
  const room = roomRows[0] ?? null;
  return {
    id: row.id,
    topic: row.topic,
    purpose: row.purpose,
    kind: row.kind,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    location: row.location,
    room: room ? { id: room.id, name: room.name, location: room.location, capacity: room.capacity } : null,
    booking: booking ? { id: booking.id, status: booking.status } : null,
    equipment: booking ? booking.equipmentIds.flatMap((id) => equipmentRows.filter((e) => e.id === id)) : [],
    organiser: short(person(people, row.organiserId)),
    chair: person(people, row.chairId),
    recorder: person(people, row.recorderId),
    departments: row.departmentIds.map((id) => ({ id, name: departmentName.get(id) ?? id })),
    preparation: row.preparation,
    confidential: row.confidential,
    status: row.status,
    noticeSentAt: iso(row.noticeSentAt),
    noticeSequence: row.noticeSequence,
    cancelledAt: iso(row.cancelledAt),
    cancelReason: row.cancelReason,
    series: series
      ? {
          id: series.id,
          rrule: series.rrule,
          exdates: series.exdates,
          description: describeSeries(series.rrule, series.dtstart, locale),
          index: row.seriesIndex,
          count: seriesCount,
          previousSeriesId: series.previousSeriesId,
        }
      : null,
    originalStartsAt: iso(row.originalStartsAt),
    agenda: agenda.map((a) => ({
      id: a.id,
      position: a.position,
      title: a.title,
      presenter: a.presenterId ? short(person(people, a.presenterId)) : null,
      plannedMinutes: a.plannedMinutes,
      notes: a.notes,
    })),
    attendees: ordered(row, attendees, people).map((a) => ({
      user: person(people, a.userId),
      required: a.required,
      materials: a.materials,
      reply: a.reply,
      reason: a.replyReason,
      repliedAt: iso(a.repliedAt),
      delegatedTo: a.delegatedToId ? short(person(people, a.delegatedToId)) : null,
      delegatedFrom: a.delegatedFromId ? short(person(people, a.delegatedFromId)) : null,
      attendance: a.attendance,
      signedInAt: iso(a.signedInAt),
      signInMethod: a.signInMethod,
    })),
    replyCounts: countReplies(attendees.map((a) => a.reply)),
    attachments: await presentAttachments(q, actor, 'meeting', row.id, subject),
    lastRemindedAt: reminded?.at ? new Date(reminded.at).toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedActions: allowedActions(actor, 'meeting', subject),
  };
}

export async function getMeeting(q: Queryable, actor: Actor, id: string, locale: RecurrenceLocale): Promise<Meeting> {
  return presentMeeting(q, actor, await readableMeeting(q, actor, id), locale);
}

/** Administrators and the audit department see every meeting (view `all`). */
export const seesEveryMeeting = (actor: Actor) => hasRole(actor, 'admin') || hasRole(actor, 'audit');

/**
 * Meetings the actor takes part in: organiser, chair, recorder or attendee — and, once the minutes are approved, those
 * of the departments they were sent to (the same rule as `mayReadMeeting`).
 */
function takesPartIn(userId: string, departmentId: string | null): SQL {
  const part = or(
    eq(meetings.organiserId, userId),
    eq(meetings.chairId, userId),
    eq(meetings.recorderId, userId),
    sql`exists (select 1 from ${meetingAttendees} ma where ma.meeting_id = ${meetings.id} and ma.user_id = ${userId}::uuid)`,
  )!;
  if (!departmentId) return part;
  const distributed = sql`exists (select 1 from ${meetingMinutes} mm where mm.meeting_id = ${meetings.id} and mm.approved_version is not null
    and (${meetings.departmentIds} ? ${departmentId} or mm.distribution_department_ids ? ${departmentId}))`;
  return or(part, distributed)!;
}

export async function listMeetings(q: Queryable, actor: Actor, query: MeetingListQuery, at: Date): Promise<MeetingPage> {
  // Occurrences a new series replaced are history, not meetings to list (their page and trace stay).
  const conditions: SQL[] = [isNull(meetings.replacedBySeriesId)];
  const userId = actor.kind === 'user' ? actor.userId : null;
  if (query.view === 'all') {
    if (!seesEveryMeeting(actor)) throw forbidden(msg('meetings.view_forbidden'));
  } else if (userId) {
    const departmentId = actor.kind === 'user' ? actor.departmentId : null;
    conditions.push(query.view === 'organised' ? eq(meetings.organiserId, userId) : takesPartIn(userId, departmentId));
  }
  if (query.view === 'upcoming') conditions.push(gte(meetings.endsAt, at));
  if (query.view === 'past') conditions.push(lt(meetings.endsAt, at));
  if (query.from) conditions.push(gte(meetings.endsAt, new Date(query.from)));
  if (query.to) conditions.push(lt(meetings.startsAt, new Date(query.to)));
  if (query.kind) conditions.push(eq(meetings.kind, query.kind));
  if (query.status) conditions.push(eq(meetings.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(meetings.topic, like), ilike(meetings.location, like))!);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const order = query.order ?? (query.view === 'upcoming' ? 'asc' : 'desc');
  const direction = order === 'asc' ? asc : desc;
  const column = query.sort === 'topic' ? meetings.topic : query.sort === 'createdAt' ? meetings.createdAt : meetings.startsAt;
  const [rows, [total]] = await Promise.all([
    q.select().from(meetings).where(where).orderBy(direction(column), direction(meetings.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ n: sql<number>`count(*)::int` }).from(meetings).where(where),
  ]);
  return { items: await presentSummaries(q, actor, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

async function presentSummaries(q: Queryable, actor: Actor, rows: MeetingRow[]): Promise<MeetingSummary[]> {
  if (rows.length === 0) return [];
  const subjects = await meetingSubjectsOf(q, rows);
  const roomIds = [...new Set(rows.flatMap((r) => (r.roomId ? [r.roomId] : [])))];
  const roomRows = roomIds.length > 0 ? await q.select({ id: rooms.id, name: rooms.name }).from(rooms).where(inArray(rooms.id, roomIds)) : [];
  const roomName = new Map(roomRows.map((r) => [r.id, r.name]));
  const people = await peopleOf(q, rows.flatMap((r) => [r.organiserId, r.chairId]));
  const userId = actor.kind === 'user' ? actor.userId : null;
  return subjects.map((subject) => {
    const { row, attendees: mine } = subject;
    return {
      id: row.id,
      topic: row.topic,
      kind: row.kind,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      location: row.location,
      room: row.roomId ? { id: row.roomId, name: roomName.get(row.roomId) ?? '' } : null,
      organiser: short(person(people, row.organiserId)),
      chair: short(person(people, row.chairId)),
      status: row.status,
      confidential: row.confidential,
      seriesId: row.seriesId,
      attendeeCount: mine.filter((a) => a.reply !== 'delegated').length,
      replyCounts: countReplies(mine.map((a) => a.reply)),
      myReply: mine.find((a) => a.userId === userId)?.reply ?? null,
      allowedActions: allowedActions(actor, 'meeting', subject),
    };
  });
}
