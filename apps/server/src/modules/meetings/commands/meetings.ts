/**
 * 安排会议: create a meeting (or every occurrence of a series), booking its room and equipment in the same transaction
 * through the booking core (commands/bookings.ts `placeBooking`), and send the notice. A series is materialised: one
 * `meetings` row per occurrence, each with its own booking, so any occurrence can be moved or cancelled alone. When
 * any occurrence's slot is taken, nothing is saved and the 409 lists the conflicts of every occurrence together.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, ne } from 'drizzle-orm';
import type { MeetingInput, SendNoticeInput } from '@henji/contracts';
import { can, hasRole } from '../../../kernel/access/policy.ts';
import { beijingMinute } from '../../../kernel/clock.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, forbidden, notFound } from '../../../kernel/errors.ts';
import { attachFiles } from '../../../kernel/files/index.ts';
import { msg, t, type Message } from '../../../kernel/messages.ts';
import type { BookingConflict } from '@henji/contracts';
import type { Assessment } from '../assess.ts';
import { conflictsOf } from '../availability.ts';
import { assessMeeting, meetingInvalid, type MeetingAssessment, type Occurrence } from '../meeting-assess.ts';
import { notifyMeeting, type MeetingTemplate } from '../meeting-notices.ts';
import { loadMeetingSubject, type MeetingSubject } from '../meeting-policies.ts';
import { meetingAgendaItems, meetingAttendees, meetingSeries, meetings, type MeetingRow } from '../schema.ts';
import { queueAttendanceClose } from '../sign-in/commands.ts';
import { placeBooking } from './bookings.ts';

/** The place as attendees read it: the free text, else the room's name and where it is. */
export function placeOf(location: string, room: { name: string; location: string } | null): string {
  if (location.trim()) return location.trim();
  return room ? [room.name, room.location].filter(Boolean).join(' · ') : '';
}

/**
 * What the room's timeline shows for a meeting's booking — to everyone, as a door sign does: the topic, or for a
 * confidential meeting only that the room is taken by one (in the company's language, as bookings' purposes are).
 */
export const bookingPurposeOf = (meeting: Pick<MeetingContent, 'topic' | 'confidential'>): string =>
  meeting.confidential ? t('zh-CN', 'meetings.confidential_booking') : meeting.topic;

/** One occurrence's claim on the room and equipment, or the conflicts in its way. */
export async function bookOccurrence(
  ctx: Ctx,
  booking: Assessment,
  occurrence: Pick<Occurrence, 'startsAt' | 'endsAt'>,
  meeting: Pick<MeetingContent, 'topic' | 'confidential'>,
  attendeeCount: number,
): Promise<{ bookingId: string } | { conflicts: BookingConflict[] }> {
  const room = booking.room!;
  const equipmentIds = booking.equipment.map((e) => e.id);
  const placed = await placeBooking(ctx, { ...booking, startsAt: occurrence.startsAt, endsAt: occurrence.endsAt }, {
    roomId: room.id,
    equipmentIds,
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    purpose: bookingPurposeOf(meeting),
    attendeeCount,
    overrideCapacity: true,
  });
  if (placed.ok) return { bookingId: placed.row.id };
  return { conflicts: await conflictsOf(ctx.tx, placed.resourceIds, occurrence.startsAt, occurrence.endsAt) };
}

/** 409 naming what is in the way of every occurrence that could not be booked (all of them at once). */
export function occurrencesConflict(conflicts: BookingConflict[], occurrences: number): never {
  const first = conflicts[0];
  const names = [...new Set(conflicts.map((c) => c.resourceName))];
  const params = {
    resources: names.length > 0 ? names : ['—'],
    from: first ? beijingMinute(first.startsAt) : '—',
    to: first ? beijingMinute(first.endsAt).slice(11) : '—',
  };
  const clashing = new Set(conflicts.map((c) => c.bookingId)).size;
  const reason: Message = occurrences > 1 ? msg('meetings.series_conflicts', { count: clashing, ...params }) : msg('rooms.conflict', params);
  throw conflict(reason, { conflicts });
}

export interface MeetingContent {
  topic: string;
  purpose: string;
  kind: MeetingRow['kind'];
  location: string;
  preparation: string;
  confidential: boolean;
  chairId: string;
  recorderId: string;
  departmentIds: string[];
  agenda: MeetingInput['agenda'];
}

/** Inserts one meeting row with its agenda and attendees; returns the row. */
export async function insertMeeting(
  ctx: Ctx,
  organiserId: string,
  content: MeetingContent,
  assessment: Pick<MeetingAssessment, 'attendees' | 'booking'>,
  occurrence: Occurrence,
  series: { id: string } | null,
  bookingId: string | null,
): Promise<MeetingRow> {
  const id = randomUUID();
  const room = assessment.booking?.room ?? null;
  const [row] = await ctx.tx
    .insert(meetings)
    .values({
      id,
      seriesId: series?.id ?? null,
      seriesIndex: series ? occurrence.index : null,
      originalStartsAt: series ? occurrence.originalStartsAt : null,
      topic: content.topic,
      purpose: content.purpose,
      kind: content.kind,
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      location: placeOf(content.location, room),
      roomId: room?.id ?? null,
      bookingId,
      organiserId,
      chairId: content.chairId,
      recorderId: content.recorderId,
      departmentIds: [...new Set(content.departmentIds)],
      preparation: content.preparation,
      confidential: content.confidential,
      status: 'draft',
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await writeAgenda(ctx, id, content.agenda);
  if (assessment.attendees.length > 0) {
    await ctx.tx.insert(meetingAttendees).values(
      assessment.attendees.map((a) => ({ meetingId: id, userId: a.userId, required: a.required, materials: a.materials, createdAt: ctx.now, updatedAt: ctx.now })),
    );
  }
  return row!;
}

export async function writeAgenda(ctx: Ctx, meetingId: string, agenda: MeetingInput['agenda']): Promise<void> {
  if (agenda.length === 0) return;
  await ctx.tx.insert(meetingAgendaItems).values(
    agenda.map((item, position) => ({
      id: randomUUID(),
      meetingId,
      position,
      title: item.title,
      presenterId: item.presenterId ?? null,
      plannedMinutes: item.plannedMinutes,
      notes: item.notes,
    })),
  );
}

/** The diff of a new meeting, as its trace records it. */
function creationDiff(row: MeetingRow, attendees: readonly { userId: string }[], equipmentIds: readonly string[]) {
  return {
    topic: { after: row.topic },
    kind: { after: row.kind },
    startsAt: { after: row.startsAt.toISOString() },
    endsAt: { after: row.endsAt.toISOString() },
    location: { after: row.location },
    ...(row.roomId ? { roomId: { after: row.roomId } } : {}),
    ...(equipmentIds.length > 0 ? { equipmentIds: { after: [...equipmentIds] } } : {}),
    chairId: { after: row.chairId },
    recorderId: { after: row.recorderId },
    attendees: { after: attendees.map((a) => a.userId) },
    ...(row.departmentIds.length > 0 ? { departmentIds: { after: row.departmentIds } } : {}),
    ...(row.seriesId ? { seriesId: { after: row.seriesId } } : {}),
    ...(row.confidential ? { confidential: { after: true } } : {}),
  };
}

export const createMeeting = defineCommand('meetings.create', async (ctx, input: MeetingInput) => {
  const organiser = ctx.actor;
  if (organiser.kind !== 'user') throw forbidden(msg('meetings.needs_user'));
  const assessment = await assessMeeting(ctx.tx, organiser, input, ctx.now);
  if (Object.keys(assessment.problems).length > 0 || assessment.occurrences.length === 0) throw meetingInvalid(assessment);

  let series: { id: string } | null = null;
  if (input.recurrence && assessment.rrule) {
    series = { id: randomUUID() };
    await ctx.tx.insert(meetingSeries).values({
      id: series.id,
      rrule: assessment.rrule,
      dtstart: assessment.startsAt,
      exdates: input.recurrence.exdates.map((d) => new Date(d).toISOString()),
      organiserId: organiser.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await ctx.trace({
      action: 'meeting_series.create',
      subjectType: 'meeting_series',
      subjectId: series.id,
      diff: {
        topic: { after: input.topic },
        rrule: { after: assessment.rrule },
        dtstart: { after: assessment.startsAt.toISOString() },
        occurrences: { after: assessment.occurrences.length },
        ...(input.recurrence.exdates.length > 0 ? { exdates: { after: input.recurrence.exdates } } : {}),
      },
    });
  }

  const created: MeetingRow[] = [];
  const conflicts: BookingConflict[] = [];
  const equipmentIds = assessment.booking?.equipment.map((e) => e.id) ?? [];
  for (const occurrence of assessment.occurrences) {
    let bookingId: string | null = null;
    if (assessment.booking?.room) {
      const booked = await bookOccurrence(ctx, assessment.booking, occurrence, input, assessment.attendees.length);
      if ('conflicts' in booked) {
        conflicts.push(...booked.conflicts);
        continue;
      }
      bookingId = booked.bookingId;
    }
    // After a conflict nothing will be kept: the remaining occurrences are only checked for theirs.
    if (conflicts.length > 0) continue;
    const row = await insertMeeting(ctx, organiser.userId, input, assessment, occurrence, series, bookingId);
    await ctx.trace({ action: 'meeting.create', subjectType: 'meeting', subjectId: row.id, diff: creationDiff(row, assessment.attendees, equipmentIds) });
    created.push(row);
  }
  if (conflicts.length > 0) occurrencesConflict(conflicts, assessment.occurrences.length);

  const first = created[0]!;
  if (input.fileIds.length > 0) {
    const evidence = await attachFiles(ctx, { fileIds: input.fileIds, subjectType: 'meeting', subjectId: first.id });
    await ctx.trace({ action: 'meeting.update', subjectType: 'meeting', subjectId: first.id, diff: { attachments: { after: evidence.map((e) => e.name) } }, evidence });
  }
  if (input.sendNotice) await noticeMeetings(ctx, created);
  return { id: first.id, ids: created.map((r) => r.id), seriesId: series?.id ?? null };
});

/** The meeting locked for a change, with what its policy needs; 404 when the actor may not read it. */
export async function lockMeeting(ctx: Ctx, id: string): Promise<MeetingSubject> {
  const subject = await loadMeetingSubject(ctx.tx, id);
  if (!subject || !can(ctx.actor, 'read', 'meeting', subject)) throw notFound('meeting');
  await ctx.tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, id)).for('update');
  return (await loadMeetingSubject(ctx.tx, id))!;
}

/** The organiser and administrators arrange a meeting; the chair and recorder may remind. */
export function arranges(ctx: Ctx, subject: MeetingSubject, alsoChairAndRecorder = false): boolean {
  const actor = ctx.actor;
  if (actor.kind !== 'user') return true;
  if (actor.userId === subject.row.organiserId || hasRole(actor, 'admin')) return true;
  return alsoChairAndRecorder && (actor.userId === subject.row.chairId || actor.userId === subject.row.recorderId);
}

/**
 * Fails unless the policy allows `action`: 403 for someone who may read the meeting but has no part in arranging it,
 * 409 (with `stateProblem`) for the one who arranges it when the meeting's state forbids it (cancelled, ended).
 */
export function refuse(ctx: Ctx, subject: MeetingSubject, action: string, stateProblem: Message, alsoChairAndRecorder = false): void {
  if (can(ctx.actor, action, 'meeting', subject)) return;
  if (!arranges(ctx, subject, alsoChairAndRecorder)) throw forbidden();
  throw conflict(stateProblem);
}

/** Those told about a meeting: every attendee still holding a seat (the chair and recorder are attendees). */
export async function seatHolders(ctx: Ctx, meetingId: string): Promise<string[]> {
  const rows = await ctx.tx
    .select({ userId: meetingAttendees.userId })
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.meetingId, meetingId), ne(meetingAttendees.reply, 'delegated')))
    .orderBy(asc(meetingAttendees.createdAt), asc(meetingAttendees.userId));
  return rows.map((r) => r.userId);
}

/**
 * Sends the notice of meetings (one, or occurrences of one series): a draft becomes noticed; a noticed one is sent
 * again as it stands (same SEQUENCE; a change has already raised it). Each is traced with its recipients and the
 * SEQUENCE its .ics carries; the people are told once (one message for several occurrences of a series).
 */
export async function noticeMeetings(ctx: Ctx, rows: readonly MeetingRow[]): Promise<MeetingRow[]> {
  const saved: MeetingRow[] = [];
  const recipients = new Set<string>();
  for (const row of rows) {
    const [updated] = await ctx.tx.update(meetings).set({ status: 'noticed', noticeSentAt: ctx.now, updatedAt: ctx.now }).where(eq(meetings.id, row.id)).returning();
    const told = await seatHolders(ctx, row.id);
    for (const id of told) recipients.add(id);
    await ctx.trace({
      action: 'meeting.notice',
      subjectType: 'meeting',
      subjectId: row.id,
      diff: {
        ...(row.status !== 'noticed' ? { status: { before: row.status, after: 'noticed' } } : {}),
        noticeSequence: { after: updated!.noticeSequence },
        recipients: { after: told },
      },
    });
    // Attendance closes when the meeting ends (sign-in/): those required who neither came nor answered are absent.
    if (row.status !== 'noticed') await queueAttendanceClose(ctx, updated!);
    saved.push(updated!);
  }
  await tellAbout(ctx, saved, [...recipients], 'meeting.notice');
  return saved;
}

/**
 * One message about meetings to `recipients`: about the meeting itself, or — for several occurrences of one series —
 * about the series (its .ics then holds every occurrence), linked to the first of them.
 */
export async function tellAbout(ctx: Ctx, rows: readonly MeetingRow[], recipients: readonly string[], template: MeetingTemplate, extra: Record<string, string> = {}): Promise<void> {
  const first = rows[0];
  if (!first || recipients.length === 0) return;
  const seriesId = first.seriesId;
  if (rows.length > 1 && seriesId && rows.every((r) => r.seriesId === seriesId)) {
    await notifyMeeting(ctx, first, recipients, template, extra, { type: 'meeting_series', id: seriesId }, rows.length);
    return;
  }
  for (const row of rows) await notifyMeeting(ctx, row, recipients, template, extra);
}

export const sendNotice = defineCommand('meetings.sendNotice', async (ctx, input: SendNoticeInput & { id: string }) => {
  const subject = await lockMeeting(ctx, input.id);
  refuse(ctx, subject, 'send_notice', msg('meetings.notice_not_allowed'));
  const targets = input.scope === 'following' && subject.row.seriesId
    ? await ctx.tx
        .select()
        .from(meetings)
        .where(and(eq(meetings.seriesId, subject.row.seriesId), gte(meetings.startsAt, subject.row.startsAt), ne(meetings.status, 'cancelled')))
        .orderBy(asc(meetings.startsAt))
        .for('update')
    : [subject.row];
  const sent = await noticeMeetings(ctx, targets);
  return { ids: sent.map((r) => r.id) };
});
