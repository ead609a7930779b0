/**
 * The checks a meeting must pass before it is saved, shared by the create and update commands and the check endpoint
 * (so what the form shows before saving is what saving says): times, people, departments, the room and equipment
 * (through the booking's own assessment), the room's capacity and the agenda's length (warnings the organiser may
 * override), the recurrence rule, and the occurrences it yields.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { MAX_MEETING_ATTENDEES, MAX_MEETING_HOURS, type MeetingAgendaInput, type MeetingAttendeeInput, type MeetingOverrides, type MeetingRecurrenceInput, type MeetingWarning } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../kernel/actor.ts';
import { DomainError } from '../../kernel/errors.ts';
import { msg, type Message } from '../../kernel/messages.ts';
import { departments, users } from '../../kernel/org/schema.ts';
import { assessBooking, type Assessment } from './assess.ts';
import { planSeries, recurrenceMessage } from './recurrence.ts';

/** What a meeting is asked to be, after defaults: the create input, or an existing meeting with a patch applied. */
export interface MeetingDraft {
  topic: string;
  startsAt: string;
  endsAt: string;
  roomId: string | null;
  equipmentIds: string[];
  chairId: string;
  recorderId: string;
  attendees: MeetingAttendeeInput[];
  departmentIds: string[];
  excludedUserIds: string[];
  agenda: MeetingAgendaInput[];
  overrides: MeetingOverrides;
  recurrence: MeetingRecurrenceInput | null;
}

export interface Occurrence {
  startsAt: Date;
  endsAt: Date;
  /** The start the rule gave it (RECURRENCE-ID). */
  originalStartsAt: Date;
  index: number;
}

export interface MeetingAssessment {
  startsAt: Date;
  endsAt: Date;
  /** Everyone invited, in order: the chair, the recorder, those named, then the departments' members. */
  attendees: MeetingAttendeeInput[];
  /** The booking's assessment when a room is asked for (of the first occurrence; the others differ only in time). */
  booking: Assessment | null;
  occurrences: Occurrence[];
  /** The series' rule in its canonical form, when one was asked for and is valid. */
  rrule: string | null;
  problems: Record<string, Message>;
  /** Warnings not overridden (they are also among `problems`). */
  warnings: MeetingWarning[];
}

/**
 * Everyone invited: the chair and the recorder (they attend and sign in like everyone), those named (the first mention
 * wins), then the active members of the departments, minus those the organiser took off.
 */
async function invitees(q: Queryable, draft: MeetingDraft): Promise<MeetingAttendeeInput[]> {
  const list = new Map<string, MeetingAttendeeInput>();
  const add = (a: MeetingAttendeeInput) => {
    if (!list.has(a.userId)) list.set(a.userId, a);
  };
  add({ userId: draft.chairId, required: true, materials: '' });
  add({ userId: draft.recorderId, required: true, materials: '' });
  for (const a of draft.attendees) {
    // The chair's and recorder's own materials, when named among the attendees, are kept.
    if (list.has(a.userId) && (a.userId === draft.chairId || a.userId === draft.recorderId)) list.set(a.userId, { ...a, required: true });
    else add(a);
  }
  if (draft.departmentIds.length > 0) {
    const excluded = new Set(draft.excludedUserIds);
    const members = await q
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.departmentId, draft.departmentIds), eq(users.status, 'active')))
      .orderBy(users.displayName, users.id);
    for (const m of members) if (!excluded.has(m.id)) add({ userId: m.id, required: true, materials: '' });
  }
  return [...list.values()];
}

/** The names (or ids) of people among `ids` who are not active users. */
async function missingPeople(q: Queryable, ids: string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  const rows = await q.select({ id: users.id, name: users.displayName, status: users.status }).from(users).where(inArray(users.id, wanted));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return wanted.filter((id) => byId.get(id)?.status !== 'active').map((id) => byId.get(id)?.name ?? id);
}

export async function assessMeeting(q: Queryable, actor: Actor, draft: MeetingDraft, at: Date): Promise<MeetingAssessment> {
  const startsAt = new Date(draft.startsAt);
  const endsAt = new Date(draft.endsAt);
  const problems: Record<string, Message> = {};
  const warnings: MeetingWarning[] = [];
  const timesOk = endsAt.getTime() > startsAt.getTime() && endsAt.getTime() - startsAt.getTime() <= MAX_MEETING_HOURS * 3_600_000;
  if (endsAt.getTime() <= startsAt.getTime()) problems.endsAt = msg('meetings.end_before_start');
  else if (!timesOk) problems.endsAt = msg('meetings.too_long', { hours: MAX_MEETING_HOURS });
  if (startsAt.getTime() < at.getTime()) problems.startsAt = msg('meetings.in_past');

  for (const [field, id] of [['chairId', draft.chairId], ['recorderId', draft.recorderId]] as const) {
    const missing = await missingPeople(q, [id]);
    if (missing.length > 0) problems[field] = msg('meetings.no_such_user', { names: missing });
  }
  const namedMissing = await missingPeople(q, draft.attendees.map((a) => a.userId));
  if (namedMissing.length > 0) problems.attendees = msg('meetings.no_such_user', { names: namedMissing });
  const presenters = draft.agenda.flatMap((item) => (item.presenterId ? [item.presenterId] : []));
  const presentersMissing = await missingPeople(q, presenters);
  if (presentersMissing.length > 0) problems.agenda = msg('meetings.no_such_user', { names: presentersMissing });

  const wantedDepartments = [...new Set(draft.departmentIds)];
  if (wantedDepartments.length > 0) {
    const rows = await q.select({ id: departments.id, name: departments.name, active: departments.active }).from(departments).where(inArray(departments.id, wantedDepartments));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const bad = wantedDepartments.filter((id) => !byId.get(id)?.active).map((id) => byId.get(id)?.name ?? id);
    if (bad.length > 0) problems.departmentIds = msg('meetings.no_such_department', { names: bad });
  }

  const attendees = await invitees(q, draft);
  if (attendees.length > MAX_MEETING_ATTENDEES) problems.attendees = msg('meetings.too_many_attendees', { max: MAX_MEETING_ATTENDEES });

  let booking: Assessment | null = null;
  if (draft.roomId !== null) {
    booking = await assessBooking(
      q,
      actor,
      {
        roomId: draft.roomId,
        equipmentIds: draft.equipmentIds,
        startsAt: draft.startsAt,
        endsAt: draft.endsAt,
        purpose: draft.topic,
        attendeeCount: attendees.length,
        overrideCapacity: true,
      },
      at,
    );
    // Times are the meeting's own problems (above); the room, its equipment and permission are the booking's.
    if (booking.problems.roomId) problems.roomId = booking.problems.roomId;
    if (booking.problems.equipmentIds) problems.equipmentIds = booking.problems.equipmentIds;
    if (booking.capacityWarning && booking.room) {
      if (!draft.overrides.roomTooSmall) {
        warnings.push('room_too_small');
        problems.roomId ??= msg('meetings.room_too_small', { capacity: booking.room.capacity, count: attendees.length });
      }
    }
  } else if (draft.equipmentIds.length > 0) {
    // Equipment goes with a booking, and a booking with a room.
    problems.roomId = msg('rooms.no_such_room');
  }

  const agendaMinutes = draft.agenda.reduce((sum, item) => sum + item.plannedMinutes, 0);
  const meetingMinutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  if (timesOk && agendaMinutes > meetingMinutes && !draft.overrides.agendaTooLong) {
    warnings.push('agenda_too_long');
    problems.agenda ??= msg('meetings.agenda_too_long', { agenda: agendaMinutes, meeting: meetingMinutes });
  }

  let rrule: string | null = null;
  let occurrences: Occurrence[] = timesOk ? [{ startsAt, endsAt, originalStartsAt: startsAt, index: 0 }] : [];
  if (draft.recurrence && timesOk) {
    const plan = planSeries(draft.recurrence.rrule, startsAt, { exdates: draft.recurrence.exdates });
    if (!plan.ok) problems.recurrence = recurrenceMessage(plan.error);
    else {
      const length = endsAt.getTime() - startsAt.getTime();
      occurrences = plan.starts.map((start, index) => ({ startsAt: start, endsAt: new Date(start.getTime() + length), originalStartsAt: start, index }));
      rrule = plan.rrule;
    }
  }
  return { startsAt, endsAt, attendees, booking, occurrences, rrule, problems, warnings };
}

/** 400 with every field error, and the warnings the organiser may override named in `details.warnings`. */
export function meetingInvalid(assessment: Pick<MeetingAssessment, 'problems' | 'warnings'>): DomainError {
  return new DomainError('validation_failed', msg('error.validation_failed'), {
    fields: Object.fromEntries(Object.entries(assessment.problems).map(([k, v]) => [k, [v]])),
    ...(assessment.warnings.length > 0 ? { warnings: assessment.warnings } : {}),
  });
}
