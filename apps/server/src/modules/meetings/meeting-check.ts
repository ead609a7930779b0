/**
 * The meeting form's check before saving (`POST /api/meetings/check`): the field errors and warnings saving would
 * give, and for every occurrence the bookings in the way of its room and equipment with free slots of the same
 * length to suggest. Reads only; what saving says is decided again, under the exclusion constraint, by the command.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { MeetingCheck, MeetingCheckInput } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../kernel/actor.ts';
import { render, type Locale } from '../../kernel/messages.ts';
import { conflictsOf, freeSlots } from './availability.ts';
import { assessMeeting } from './meeting-assess.ts';
import { readableMeeting } from './meeting-policies.ts';
import { meetings } from './schema.ts';

const SUGGESTIONS = 3;

/** Bookings held by the meeting being edited (and by its series' occurrences): not conflicts with itself. */
async function ownBookings(q: Queryable, actor: Actor, meetingId: string | undefined): Promise<Set<string>> {
  if (!meetingId) return new Set();
  const { row } = await readableMeeting(q, actor, meetingId);
  const rows = row.seriesId
    ? await q.select({ bookingId: meetings.bookingId }).from(meetings).where(and(eq(meetings.seriesId, row.seriesId), isNotNull(meetings.bookingId)))
    : [{ bookingId: row.bookingId }];
  return new Set(rows.flatMap((r) => (r.bookingId ? [r.bookingId] : [])));
}

export async function checkMeeting(q: Queryable, actor: Actor, input: MeetingCheckInput, at: Date, locale: Locale): Promise<MeetingCheck> {
  const own = await ownBookings(q, actor, input.exceptMeetingId);
  const assessment = await assessMeeting(q, actor, input, at);
  const room = assessment.booking?.room ?? null;
  const resources = room ? [room.id, ...(assessment.booking?.equipment.map((e) => e.id) ?? [])] : [];
  const occurrences: MeetingCheck['occurrences'] = [];
  let clashes = 0;
  for (const occurrence of assessment.occurrences) {
    const conflicts = (await conflictsOf(q, resources, occurrence.startsAt, occurrence.endsAt)).filter((c) => !own.has(c.bookingId));
    if (conflicts.length > 0) clashes++;
    const suggestions = conflicts.length > 0 ? await freeSlots(q, resources, occurrence.startsAt, occurrence.endsAt, at, SUGGESTIONS) : [];
    occurrences.push({ startsAt: occurrence.startsAt.toISOString(), endsAt: occurrence.endsAt.toISOString(), conflicts, suggestions });
  }
  return {
    ok: Object.keys(assessment.problems).length === 0 && clashes === 0,
    fields: Object.fromEntries(Object.entries(assessment.problems).map(([field, message]) => [field, [render(locale, message)]])),
    warnings: assessment.warnings,
    attendeeCount: assessment.attendees.length,
    occurrences,
  };
}
