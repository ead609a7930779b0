/**
 * 修改会议: change a meeting, or this and every later occurrence of its series. A changed time, room or equipment
 * moves the booking in the same transaction (the old claim released, the new one placed — 409 naming the conflicts of
 * every occurrence otherwise). Once noticed, every change raises the iCalendar SEQUENCE and tells the people: those
 * added get the notice, those taken off are told they need not come, the others get the change.
 * A "this and following" change with a new rule ends the series there: the occurrences from this one on are
 * cancelled (marked replaced) and a new series (`previousSeriesId`) starts from this occurrence with the new rule.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, ne } from 'drizzle-orm';
import type { MeetingAttendeeInput, MeetingPatch } from '@henji/contracts';
import { formatRRule, parseRRule } from '@henji/contracts/recurrence';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { invalid } from '../../../kernel/errors.ts';
import { attachFiles, detachFiles } from '../../../kernel/files/index.ts';
import { msg } from '../../../kernel/messages.ts';
import type { BookingConflict } from '@henji/contracts';
import { assessMeeting, meetingInvalid, type MeetingAssessment, type MeetingDraft } from '../meeting-assess.ts';
import type { MeetingSubject } from '../meeting-policies.ts';
import { bookings, meetingAgendaItems, meetingAttendees, meetingMinutes, meetingSeries, meetings, type MeetingRow } from '../schema.ts';
import { queueAttendanceClose } from '../sign-in/commands.ts';
import { release } from './bookings.ts';
import { bookingPurposeOf, bookOccurrence, insertMeeting, lockMeeting, noticeMeetings, occurrencesConflict, placeOf, refuse, seatHolders, tellAbout, writeAgenda } from './meetings.ts';

type Change = { before?: unknown; after: unknown };

/** The occurrences of a series from `row` on that are still held (not cancelled, not replaced). */
export async function followingOccurrences(ctx: Ctx, row: MeetingRow): Promise<MeetingRow[]> {
  if (!row.seriesId) return [row];
  return ctx.tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, row.seriesId), gte(meetings.startsAt, row.startsAt), ne(meetings.status, 'cancelled')))
    .orderBy(asc(meetings.startsAt))
    .for('update');
}

/** Cancels a meeting's booking (released at once), traced on the booking. */
export async function dropBooking(ctx: Ctx, bookingId: string | null, reason: string): Promise<void> {
  if (!bookingId) return;
  const [booking] = await ctx.tx.select().from(bookings).where(eq(bookings.id, bookingId)).for('update');
  if (!booking || (booking.status !== 'pending' && booking.status !== 'confirmed')) return;
  await release(ctx, bookingId);
  await ctx.tx.update(bookings).set({ status: 'cancelled', cancelledAt: ctx.now, updatedAt: ctx.now }).where(eq(bookings.id, bookingId));
  await ctx.trace({ action: 'booking.cancel', subjectType: 'booking', subjectId: bookingId, diff: { status: { before: booking.status, after: 'cancelled' } }, comment: reason });
}

interface Current {
  attendees: (typeof meetingAttendees.$inferSelect)[];
  agenda: (typeof meetingAgendaItems.$inferSelect)[];
  equipmentIds: string[];
}

async function currentOf(ctx: Ctx, row: MeetingRow): Promise<Current> {
  const [attendees, agenda, booking] = await Promise.all([
    ctx.tx.select().from(meetingAttendees).where(eq(meetingAttendees.meetingId, row.id)),
    ctx.tx.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, row.id)).orderBy(asc(meetingAgendaItems.position)),
    row.bookingId ? ctx.tx.select({ equipmentIds: bookings.equipmentIds }).from(bookings).where(eq(bookings.id, row.bookingId)) : Promise.resolve([]),
  ]);
  return { attendees, agenda, equipmentIds: booking[0]?.equipmentIds ?? [] };
}

const peopleTouched = (p: MeetingPatch) =>
  p.attendees !== undefined || p.departmentIds !== undefined || p.excludedUserIds !== undefined || p.chairId !== undefined || p.recorderId !== undefined;

/** The occurrence as the patch would make it: times shifted as the anchor occurrence's, other fields replaced. */
function draftOf(target: MeetingRow, anchor: MeetingRow, current: Current, patch: MeetingPatch): MeetingDraft {
  const anchorStart = patch.startsAt ? new Date(patch.startsAt).getTime() : anchor.startsAt.getTime();
  const anchorEnd = patch.endsAt ? new Date(patch.endsAt).getTime() : anchor.endsAt.getTime();
  const start = target.startsAt.getTime() + (anchorStart - anchor.startsAt.getTime());
  const ownSeats: MeetingAttendeeInput[] = current.attendees
    .filter((a) => a.delegatedFromId === null)
    .map((a) => ({ userId: a.userId, required: a.required, materials: a.materials }));
  return {
    topic: patch.topic ?? target.topic,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + (anchorEnd - anchorStart)).toISOString(),
    roomId: patch.roomId !== undefined ? patch.roomId : target.roomId,
    equipmentIds: patch.equipmentIds ?? (patch.roomId === null ? [] : current.equipmentIds),
    chairId: patch.chairId ?? target.chairId,
    recorderId: patch.recorderId ?? target.recorderId,
    attendees: patch.attendees ?? ownSeats,
    // Without new departments the list stays as it is (their members are among the seats already).
    departmentIds: patch.departmentIds ?? [],
    excludedUserIds: patch.excludedUserIds ?? [],
    agenda: patch.agenda ?? current.agenda.map((a) => ({ title: a.title, presenterId: a.presenterId, plannedMinutes: a.plannedMinutes, notes: a.notes })),
    overrides: patch.overrides,
    recurrence: null,
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Applies the patch to one occurrence; answers the conflicts that kept its booking from moving. */
/** What changing one occurrence did: the conflicts that kept it from moving, or, when it was noticed, who to tell. */
interface Changed {
  conflicts: BookingConflict[];
  noticed?: { row: MeetingRow; added: string[]; removed: string[] };
}

async function changeOccurrence(ctx: Ctx, target: MeetingRow, anchor: MeetingRow, patch: MeetingPatch): Promise<Changed> {
  const current = await currentOf(ctx, target);
  const draft = draftOf(target, anchor, current, patch);
  const assessment = await assessMeeting(ctx.tx, ctx.actor, { ...draft, departmentIds: patch.departmentIds ?? [] }, ctx.now);
  const timeMoved = assessment.startsAt.getTime() !== target.startsAt.getTime() || assessment.endsAt.getTime() !== target.endsAt.getTime();
  const roomChanged = draft.roomId !== target.roomId || !sameIds(draft.equipmentIds, current.equipmentIds);
  // What did not change is not judged again: a meeting under way keeps its start, an unchanged room its rules.
  if (!timeMoved) delete assessment.problems.startsAt;
  if (!timeMoved && !roomChanged && !peopleTouched(patch)) {
    delete assessment.problems.roomId;
    delete assessment.problems.equipmentIds;
    assessment.warnings = assessment.warnings.filter((w) => w !== 'room_too_small');
  }
  if (patch.agenda === undefined && !timeMoved) {
    if (assessment.warnings.includes('agenda_too_long')) delete assessment.problems.agenda;
    assessment.warnings = assessment.warnings.filter((w) => w !== 'agenda_too_long');
  }
  // The minutes are written per agenda item (and resolutions point at them): once the recorder has begun, the
  // agenda is what the meeting discussed and stays as it is.
  if (patch.agenda !== undefined) {
    const [minutes] = await ctx.tx.select({ id: meetingMinutes.meetingId }).from(meetingMinutes).where(eq(meetingMinutes.meetingId, target.id));
    if (minutes) assessment.problems.agenda = msg('meetings.agenda_after_minutes');
  }
  if (Object.keys(assessment.problems).length > 0) throw meetingInvalid(assessment);

  let bookingId = target.bookingId;
  // Made confidential (or no longer): the booking is placed again so the timeline stops (or starts) showing the topic.
  const secrecyChanged = patch.confidential !== undefined && patch.confidential !== target.confidential;
  if (timeMoved || roomChanged || (secrecyChanged && target.bookingId !== null)) {
    await dropBooking(ctx, target.bookingId, bookingPurposeOf(target));
    bookingId = null;
    if (assessment.booking?.room) {
      const booked = await bookOccurrence(ctx, assessment.booking, assessment, { topic: draft.topic, confidential: patch.confidential ?? target.confidential }, assessment.attendees.length);
      if ('conflicts' in booked) return { conflicts: booked.conflicts };
      bookingId = booked.bookingId;
    }
  }

  const room = assessment.booking?.room ?? null;
  const location = patch.location !== undefined ? placeOf(patch.location, room) : draft.roomId !== target.roomId ? placeOf('', room) : target.location;
  const noticed = target.status === 'noticed';
  const fields = {
    topic: draft.topic,
    purpose: patch.purpose ?? target.purpose,
    kind: patch.kind ?? target.kind,
    startsAt: assessment.startsAt,
    endsAt: assessment.endsAt,
    location,
    roomId: draft.roomId,
    bookingId,
    chairId: draft.chairId,
    recorderId: draft.recorderId,
    departmentIds: patch.departmentIds ? [...new Set(patch.departmentIds)] : target.departmentIds,
    preparation: patch.preparation ?? target.preparation,
    confidential: patch.confidential ?? target.confidential,
  };
  const diff: Record<string, Change> = {};
  for (const [key, after] of Object.entries(fields) as [keyof typeof fields, unknown][]) {
    const before = target[key];
    const b = before instanceof Date ? before.toISOString() : before;
    const a = after instanceof Date ? after.toISOString() : after;
    if (JSON.stringify(b) !== JSON.stringify(a) && key !== 'bookingId') diff[key] = { before: b, after: a };
  }
  if (roomChanged) diff.equipmentIds = { before: current.equipmentIds, after: draft.equipmentIds };

  const seats = peopleTouched(patch) ? await reseat(ctx, target, current, assessment) : { added: [], removed: [] };
  if (seats.added.length > 0 || seats.removed.length > 0) diff.attendees = { before: seats.removed, after: seats.added };
  if (patch.agenda !== undefined) {
    await ctx.tx.delete(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, target.id));
    await writeAgenda(ctx, target.id, patch.agenda);
    diff.agenda = { before: current.agenda.map((a) => a.title), after: patch.agenda.map((a) => a.title) };
  }
  const changed = Object.keys(diff).length > 0;
  if (!changed) return { conflicts: [] };
  const [saved] = await ctx.tx
    .update(meetings)
    .set({ ...fields, noticeSequence: noticed ? target.noticeSequence + 1 : target.noticeSequence, updatedAt: ctx.now })
    .where(eq(meetings.id, target.id))
    .returning();
  if (noticed && assessment.endsAt.getTime() !== target.endsAt.getTime()) await queueAttendanceClose(ctx, saved!);
  if (noticed) diff.noticeSequence = { before: target.noticeSequence, after: saved!.noticeSequence };
  await ctx.trace({ action: 'meeting.update', subjectType: 'meeting', subjectId: target.id, diff: { ...diff, scope: { after: patch.scope } } });
  return noticed ? { conflicts: [], noticed: { row: saved!, ...seats } } : { conflicts: [] };
}

/**
 * Tells the people of the changed occurrences, once each however many occurrences changed: those taken off that they
 * need not come, those added the notice, everyone else the change.
 */
async function tellChanges(ctx: Ctx, changes: NonNullable<Changed['noticed']>[]): Promise<void> {
  if (changes.length === 0) return;
  const rows = changes.map((c) => c.row);
  const added = new Set(changes.flatMap((c) => c.added));
  const everyone = new Set<string>();
  for (const row of rows) for (const id of await seatHolders(ctx, row.id)) everyone.add(id);
  const removed = [...new Set(changes.flatMap((c) => c.removed))].filter((id) => !everyone.has(id));
  await tellAbout(ctx, rows, removed, 'meeting.removed');
  await tellAbout(ctx, rows, [...everyone].filter((id) => added.has(id)), 'meeting.notice');
  await tellAbout(ctx, rows, [...everyone].filter((id) => !added.has(id)), 'meeting.updated');
}

/** Brings the attendee rows to the assessed list: new seats added, those no longer invited (and their delegates) removed. */
async function reseat(ctx: Ctx, target: MeetingRow, current: Current, assessment: MeetingAssessment): Promise<{ added: string[]; removed: string[] }> {
  const wanted = new Map(assessment.attendees.map((a) => [a.userId, a]));
  const existing = new Map(current.attendees.map((a) => [a.userId, a]));
  const removed = current.attendees
    .filter((a) => (a.delegatedFromId === null ? !wanted.has(a.userId) : !wanted.has(a.delegatedFromId)))
    .map((a) => a.userId);
  const added = assessment.attendees.filter((a) => !existing.has(a.userId));
  if (removed.length > 0) await ctx.tx.delete(meetingAttendees).where(and(eq(meetingAttendees.meetingId, target.id), inArray(meetingAttendees.userId, removed)));
  if (added.length > 0) {
    await ctx.tx.insert(meetingAttendees).values(added.map((a) => ({ meetingId: target.id, userId: a.userId, required: a.required, materials: a.materials, createdAt: ctx.now, updatedAt: ctx.now })));
  }
  for (const a of assessment.attendees) {
    const row = existing.get(a.userId);
    if (row && (row.required !== a.required || row.materials !== a.materials)) {
      await ctx.tx
        .update(meetingAttendees)
        .set({ required: a.required, materials: a.materials, updatedAt: ctx.now })
        .where(and(eq(meetingAttendees.meetingId, target.id), eq(meetingAttendees.userId, a.userId)));
    }
  }
  return { added: added.map((a) => a.userId), removed };
}

export const updateMeeting = defineCommand('meetings.update', async (ctx, input: { id: string; patch: MeetingPatch }) => {
  const subject = await lockMeeting(ctx, input.id);
  refuse(ctx, subject, 'update', msg('meetings.not_editable'));
  const { patch } = input;
  const anchor = subject.row;
  if (patch.scope === 'following' && !anchor.seriesId) throw invalid({ scope: msg('meetings.not_in_series') });
  if (patch.recurrence && patch.scope !== 'following') throw invalid({ recurrence: msg('meetings.recurrence_only_following') });
  if (patch.recurrence) return splitSeries(ctx, subject, patch);

  const targets = patch.scope === 'following' ? await followingOccurrences(ctx, anchor) : [anchor];
  const conflicts: BookingConflict[] = [];
  const noticed: NonNullable<Changed['noticed']>[] = [];
  for (const target of targets) {
    const result = await changeOccurrence(ctx, target, anchor, patch);
    conflicts.push(...result.conflicts);
    if (result.noticed) noticed.push(result.noticed);
  }
  if (conflicts.length > 0) occurrencesConflict(conflicts, targets.length);
  if (patch.fileIds !== undefined) await reattach(ctx, anchor.id, patch.fileIds);
  await tellChanges(ctx, noticed);
  return { ids: targets.map((t) => t.id), seriesId: anchor.seriesId };
});

/** The attachments become exactly `fileIds`: new ones attached, the others back to their uploaders. */
async function reattach(ctx: Ctx, meetingId: string, fileIds: readonly string[]): Promise<void> {
  const detached = await detachFiles(ctx, { subjectType: 'meeting', subjectId: meetingId, keep: fileIds });
  const attached = await attachFiles(ctx, { fileIds, subjectType: 'meeting', subjectId: meetingId });
  if (detached.length > 0 || attached.length > 0) {
    await ctx.trace({ action: 'meeting.update', subjectType: 'meeting', subjectId: meetingId, diff: { attachments: { before: detached.map((e) => e.name), after: attached.map((e) => e.name) } }, evidence: attached });
  }
}

/**
 * "This and following" with a new rule: the old series ends before this occurrence (its rule gets an UNTIL), the
 * occurrences from here on are cancelled as replaced, and a new series with the new rule starts at this occurrence's
 * (possibly new) time, with the same people and, when the old ones were noticed, noticed at once.
 */
async function splitSeries(ctx: Ctx, subject: MeetingSubject, patch: MeetingPatch) {
  const anchor = subject.row;
  const old = (await ctx.tx.select().from(meetingSeries).where(eq(meetingSeries.id, anchor.seriesId!)).for('update'))[0]!;
  const current = await currentOf(ctx, anchor);
  const draft = { ...draftOf(anchor, anchor, current, patch), recurrence: patch.recurrence ?? null, departmentIds: patch.departmentIds ?? [] };
  const assessment = await assessMeeting(ctx.tx, ctx.actor, draft, ctx.now);
  if (Object.keys(assessment.problems).length > 0 || !assessment.rrule) throw meetingInvalid(assessment);

  const replaced = await followingOccurrences(ctx, anchor);
  const seriesId = randomUUID();
  // The new series first: the replaced occurrences point at it.
  await ctx.tx.insert(meetingSeries).values({
    id: seriesId,
    rrule: assessment.rrule,
    dtstart: assessment.startsAt,
    exdates: (patch.recurrence?.exdates ?? []).map((d) => new Date(d).toISOString()),
    organiserId: anchor.organiserId,
    previousSeriesId: old.id,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  for (const row of replaced) {
    await dropBooking(ctx, row.bookingId, bookingPurposeOf(row));
    await ctx.tx
      .update(meetings)
      .set({ status: 'cancelled', cancelledAt: ctx.now, replacedBySeriesId: seriesId, noticeSequence: row.noticeSequence + (row.status === 'noticed' ? 1 : 0), updatedAt: ctx.now })
      .where(eq(meetings.id, row.id));
  }
  // The old rule now ends before this occurrence (UNTIL one second before its original start).
  const parsed = parseRRule(old.rrule);
  if (parsed.ok) {
    const { count: _count, ...rule } = parsed.rule;
    const until = new Date((anchor.originalStartsAt ?? anchor.startsAt).getTime() - 1000);
    const ended = formatRRule({ ...rule, until: { instant: until } });
    await ctx.tx.update(meetingSeries).set({ rrule: ended, updatedAt: ctx.now }).where(eq(meetingSeries.id, old.id));
    await ctx.trace({ action: 'meeting_series.end', subjectType: 'meeting_series', subjectId: old.id, diff: { rrule: { before: old.rrule, after: ended }, replacedBy: { after: seriesId } } });
  }
  for (const row of replaced) {
    await ctx.trace({ action: 'meeting.cancel', subjectType: 'meeting', subjectId: row.id, diff: { status: { before: row.status, after: 'cancelled' }, replacedBySeriesId: { after: seriesId } } });
  }

  await ctx.trace({
    action: 'meeting_series.create',
    subjectType: 'meeting_series',
    subjectId: seriesId,
    diff: { topic: { after: draft.topic }, rrule: { after: assessment.rrule }, dtstart: { after: assessment.startsAt.toISOString() }, occurrences: { after: assessment.occurrences.length }, previousSeriesId: { after: old.id } },
  });
  const content = {
    topic: draft.topic,
    purpose: patch.purpose ?? anchor.purpose,
    kind: patch.kind ?? anchor.kind,
    location: patch.location ?? (draft.roomId === anchor.roomId ? anchor.location : ''),
    preparation: patch.preparation ?? anchor.preparation,
    confidential: patch.confidential ?? anchor.confidential,
    chairId: draft.chairId,
    recorderId: draft.recorderId,
    departmentIds: patch.departmentIds ?? anchor.departmentIds,
    agenda: draft.agenda,
  };
  const created: MeetingRow[] = [];
  const conflicts: BookingConflict[] = [];
  for (const occurrence of assessment.occurrences) {
    let bookingId: string | null = null;
    if (assessment.booking?.room) {
      const booked = await bookOccurrence(ctx, assessment.booking, occurrence, content, assessment.attendees.length);
      if ('conflicts' in booked) {
        conflicts.push(...booked.conflicts);
        continue;
      }
      bookingId = booked.bookingId;
    }
    if (conflicts.length > 0) continue;
    const row = await insertMeeting(ctx, anchor.organiserId, content, assessment, occurrence, { id: seriesId }, bookingId);
    await ctx.trace({ action: 'meeting.create', subjectType: 'meeting', subjectId: row.id, diff: { topic: { after: row.topic }, startsAt: { after: row.startsAt.toISOString() }, endsAt: { after: row.endsAt.toISOString() }, seriesId: { after: seriesId } } });
    created.push(row);
  }
  if (conflicts.length > 0) occurrencesConflict(conflicts, assessment.occurrences.length);
  const wasNoticed = replaced.some((r) => r.status === 'noticed');
  if (wasNoticed) {
    await noticeMeetings(ctx, created);
    const staying = new Set(assessment.attendees.map((a) => a.userId));
    const dropped = current.attendees.filter((a) => a.reply !== 'delegated' && !staying.has(a.userId)).map((a) => a.userId);
    await tellAbout(ctx, replaced, dropped, 'meeting.removed');
  }
  return { ids: created.map((r) => r.id), seriesId };
}
