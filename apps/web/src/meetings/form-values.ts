/**
 * The meeting form's values and what the server takes: the day and the two times become instants, the attendee rows
 * become `attendees` (with the department members taken off the list as `excludedUserIds`), agenda rows without a
 * title are left out, and the recurrence is sent only when one is chosen. Pure, so it is unit-tested.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { Meeting, MeetingInput, MeetingKind, MeetingPatch } from '@henji/contracts';
import type { z } from 'zod';
import { choiceOf, ruleText, sameRule, type RecurrenceChoice, type RecurrenceEnd } from './recurrence-choice.ts';

export interface AttendeeRow {
  userId: string;
  /** Shown in the row; not sent. */
  name: string;
  required: boolean;
  materials: string;
}

export interface AgendaRow {
  title?: string;
  presenterId?: string | null;
  plannedMinutes?: number | null;
}


export interface MeetingFormValues {
  topic: string;
  purpose: string;
  kind: MeetingKind;
  date: Dayjs;
  start: Dayjs;
  end: Dayjs;
  recurrenceChoice: RecurrenceChoice;
  /** `rrule`: the custom rule's text; `exdates`: occurrence starts left out. */
  recurrence: { rrule: string; exdates: Dayjs[] };
  recurrenceEnd: RecurrenceEnd;
  roomId: string | null;
  equipmentIds: string[];
  location: string;
  chairId: string | null;
  recorderId: string | null;
  attendees: AttendeeRow[];
  departmentIds: string[];
  agenda: AgendaRow[];
  preparation: string;
  fileIds: string[];
  confidential: boolean;
  overrides: { roomTooSmall: boolean; agendaTooLong: boolean };
}

/** Where a server field error goes when the form's field is named differently. */
export const FIELD_ALIASES: Record<string, string> = { startsAt: 'start', endsAt: 'end' };

/** The day's date at the time's hour and minute. */
export const at = (date: Dayjs, time: Dayjs): Dayjs => date.hour(time.hour()).minute(time.minute()).second(0).millisecond(0);

/** Start and end as instants on the form's day (an end before the start is the server's field error to give). */
export function timesOf(values: Pick<MeetingFormValues, 'date' | 'start' | 'end'>): { startsAt: string; endsAt: string } {
  return { startsAt: at(values.date, values.start).toISOString(), endsAt: at(values.date, values.end).toISOString() };
}

export const agendaMinutes = (agenda: readonly AgendaRow[] | undefined): number =>
  (agenda ?? []).reduce((sum, row) => sum + (row && typeof row.plannedMinutes === 'number' && row.plannedMinutes > 0 ? row.plannedMinutes : 0), 0);

/**
 * The members of the chosen departments whom the organiser took off the list: the server invites every active member
 * of a department except these.
 */
export function excludedMembers(departmentIds: readonly string[], membersByDepartment: ReadonlyMap<string, readonly string[]>, attendees: readonly AttendeeRow[]): string[] {
  const listed = new Set(attendees.map((a) => a.userId));
  const excluded = new Set<string>();
  for (const id of departmentIds) for (const userId of membersByDepartment.get(id) ?? []) if (!listed.has(userId)) excluded.add(userId);
  return [...excluded];
}

/** The rows to add for people not yet on the list, in the order given. */
export function rowsToAdd(people: readonly { id: string; name: string }[], attendees: readonly AttendeeRow[]): AttendeeRow[] {
  const listed = new Set(attendees.map((a) => a.userId));
  const rows: AttendeeRow[] = [];
  for (const person of people) {
    if (listed.has(person.id)) continue;
    listed.add(person.id);
    rows.push({ userId: person.id, name: person.name, required: true, materials: '' });
  }
  return rows;
}

type MeetingFields = Omit<z.input<typeof MeetingInput>, 'recurrence' | 'sendNotice'>;

/** Everything but the recurrence, as the create, patch and check requests share it. */
export function meetingFields(values: MeetingFormValues, excludedUserIds: string[]): MeetingFields {
  const { startsAt, endsAt } = timesOf(values);
  return {
    topic: values.topic?.trim() ?? '',
    purpose: values.purpose?.trim() ?? '',
    kind: values.kind,
    startsAt,
    endsAt,
    location: values.location?.trim() ?? '',
    roomId: values.roomId ?? null,
    equipmentIds: values.roomId ? (values.equipmentIds ?? []) : [],
    chairId: values.chairId ?? '',
    recorderId: values.recorderId ?? '',
    attendees: (values.attendees ?? []).map((a) => ({ userId: a.userId, required: a.required, materials: a.materials?.trim() ?? '' })),
    departmentIds: values.departmentIds ?? [],
    excludedUserIds,
    agenda: (values.agenda ?? [])
      .filter((row): row is AgendaRow & { title: string } => Boolean(row?.title?.trim()))
      .map((row) => ({ title: row.title.trim(), presenterId: row.presenterId ?? null, plannedMinutes: row.plannedMinutes ?? 0 })),
    preparation: values.preparation?.trim() ?? '',
    confidential: values.confidential ?? false,
    fileIds: values.fileIds ?? [],
    overrides: { roomTooSmall: values.overrides?.roomTooSmall ?? false, agendaTooLong: values.overrides?.agendaTooLong ?? false },
  };
}

/** The recurrence as the server takes it, or null for a single meeting. */
export function recurrenceOf(values: Pick<MeetingFormValues, 'recurrenceChoice' | 'recurrence' | 'recurrenceEnd' | 'date' | 'start'>): { rrule: string; exdates: string[] } | null {
  const rrule = ruleText(values.recurrenceChoice, values.recurrence?.rrule, values.recurrenceEnd, at(values.date, values.start));
  return rrule ? { rrule, exdates: (values.recurrence?.exdates ?? []).map((d) => d.toISOString()) } : null;
}

export function createInput(values: MeetingFormValues, excludedUserIds: string[], sendNotice: boolean): z.input<typeof MeetingInput> {
  return { ...meetingFields(values, excludedUserIds), recurrence: recurrenceOf(values), sendNotice };
}

/**
 * An edit: every field (the server compares), and for "this and following" the rule when it changed. The rule cannot
 * change for one occurrence alone.
 */
export function patchInput(values: MeetingFormValues, excludedUserIds: string[], scope: 'this' | 'following', meeting: Meeting): z.input<typeof MeetingPatch> {
  const recurrence = recurrenceOf(values);
  const ruleChanged = recurrence !== null && changesRule(values, meeting);
  return { ...meetingFields(values, excludedUserIds), scope, ...(scope === 'following' && ruleChanged && recurrence ? { recurrence } : {}) };
}

/** True when the edit changes the series' rule, which only "this and following" can do. */
export function changesRule(values: MeetingFormValues, meeting: Meeting): boolean {
  if (!meeting.series) return false;
  const recurrence = recurrenceOf(values);
  const instants = (list: readonly string[]) => list.map((d) => new Date(d).getTime()).sort().join();
  return recurrence === null || !sameRule(recurrence.rrule, meeting.series.rrule) || instants(recurrence.exdates) !== instants(meeting.series.exdates);
}

/** The form filled from a meeting being edited. */
export function valuesOf(meeting: Meeting): MeetingFormValues {
  const start = dayjs(meeting.startsAt);
  // A series is shown as its rule from its first occurrence's weekday or date, which this occurrence shares.
  const { choice, end } = meeting.series ? choiceOf(meeting.series.rrule, start) : { choice: 'none' as const, end: { mode: 'count' as const, count: null } };
  return {
    topic: meeting.topic,
    purpose: meeting.purpose,
    kind: meeting.kind,
    date: start.startOf('day'),
    start,
    end: dayjs(meeting.endsAt),
    recurrenceChoice: choice,
    recurrence: { rrule: meeting.series?.rrule ?? '', exdates: (meeting.series?.exdates ?? []).map((d) => dayjs(d)) },
    recurrenceEnd: end,
    roomId: meeting.room?.id ?? null,
    equipmentIds: meeting.equipment.map((e) => e.id),
    location: meeting.room ? '' : meeting.location,
    chairId: meeting.chair.id,
    recorderId: meeting.recorder.id,
    // A delegate's seat is the delegation's doing, not the organiser's list: it stays as it is.
    attendees: meeting.attendees
      .filter((a) => a.delegatedFrom === null)
      .map((a) => ({ userId: a.user.id, name: a.user.displayName, required: a.required, materials: a.materials })),
    departmentIds: meeting.departments.map((d) => d.id),
    agenda: meeting.agenda.map((item) => ({ title: item.title, presenterId: item.presenter?.id ?? null, plannedMinutes: item.plannedMinutes })),
    preparation: meeting.preparation,
    fileIds: meeting.attachments.map((f) => f.id),
    confidential: meeting.confidential,
    overrides: { roomTooSmall: false, agendaTooLong: false },
  };
}
