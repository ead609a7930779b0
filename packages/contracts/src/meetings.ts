/**
 * Meetings (会议管理, M1): the meeting with its agenda, attendees and replies, the series it belongs to, the room and
 * equipment it books, the notice, and the personal iCalendar feed. Sign-in and minutes have their own contracts.
 */
import { z } from 'zod';
import { AllowedActions, PageQuery, pageOf, uuid } from './common.ts';
import { FileMeta } from './files.ts';
import { BookingConflict, BOOKING_STATUSES, FreeSlot } from './rooms.ts';
import {
  MEETING_ATTENDANCE,
  MEETING_KINDS,
  MEETING_REPLIES,
  MEETING_SIGN_IN_METHODS,
  MEETING_STATUSES,
  SERIES_EDIT_SCOPES,
} from './values.ts';

/** The list views: meetings I take part in (upcoming / past), those I organise, and every meeting (administrators, audit). */
export const MEETING_VIEWS = ['upcoming', 'past', 'organised', 'all'] as const;
export type MeetingView = (typeof MEETING_VIEWS)[number];
/** Warnings the organiser may override: the room holds fewer people than are invited; the agenda runs past the end. */
export const MEETING_WARNINGS = ['room_too_small', 'agenda_too_long'] as const;
export type MeetingWarning = (typeof MEETING_WARNINGS)[number];
/** The longest meeting (a day), and how many people one meeting may invite. */
export const MAX_MEETING_HOURS = 24;
export const MAX_MEETING_ATTENDEES = 500;
/** Reminders to those who have not answered: at most once per this many minutes per meeting. */
export const REMIND_INTERVAL_MINUTES = 60;
/** The feed holds my meetings from this many days back to this many days ahead. */
export const FEED_DAYS_BACK = 90;
export const FEED_DAYS_AHEAD = 366;

const instant = z.iso.datetime({ offset: true });
const Person = z.object({ id: uuid, displayName: z.string() });
const Named = z.object({ id: uuid, name: z.string() });
const text = (max: number) => z.string().trim().max(max);

export const MeetingPerson = z
  .object({ id: uuid, displayName: z.string(), department: Named.nullable() })
  .meta({ id: 'MeetingPerson' });
export type MeetingPerson = z.infer<typeof MeetingPerson>;

export const MeetingAgendaItem = z
  .object({
    id: uuid,
    position: z.number().int(),
    title: z.string(),
    presenter: Person.nullable().describe('汇报人'),
    plannedMinutes: z.number().int(),
    notes: z.string(),
  })
  .meta({ id: 'MeetingAgendaItem' });
export type MeetingAgendaItem = z.infer<typeof MeetingAgendaItem>;

export const MeetingAttendee = z
  .object({
    user: MeetingPerson,
    required: z.boolean().describe('false: 列席 (optional; not reminded, not marked absent)'),
    materials: z.string().describe('需准备的材料 for this attendee'),
    reply: z.enum(MEETING_REPLIES),
    reason: z.string().nullable().describe('the reason of a decline or delegation'),
    repliedAt: z.string().nullable(),
    delegatedTo: Person.nullable(),
    delegatedFrom: Person.nullable().describe('set on the delegate\'s row: who handed them the seat'),
    attendance: z.enum(MEETING_ATTENDANCE).nullable(),
    signedInAt: z.string().nullable(),
    signInMethod: z.enum(MEETING_SIGN_IN_METHODS).nullable(),
  })
  .meta({ id: 'MeetingAttendee' });
export type MeetingAttendee = z.infer<typeof MeetingAttendee>;

export const MeetingReplyCounts = z
  .object({ pending: z.number().int(), accepted: z.number().int(), declined: z.number().int(), delegated: z.number().int() })
  .meta({ id: 'MeetingReplyCounts' });
export type MeetingReplyCounts = z.infer<typeof MeetingReplyCounts>;

export const MeetingSeriesInfo = z
  .object({
    id: uuid,
    rrule: z.string(),
    exdates: z.array(z.string()),
    description: z.string().describe('the rule in words, in the reader\'s language'),
    index: z.number().int().nullable().describe('0-based position of this occurrence in the series'),
    count: z.number().int().describe('occurrences of the series'),
    previousSeriesId: uuid.nullable(),
  })
  .meta({ id: 'MeetingSeriesInfo' });
export type MeetingSeriesInfo = z.infer<typeof MeetingSeriesInfo>;

export const Meeting = z
  .object({
    id: uuid,
    topic: z.string().describe('会议主题'),
    purpose: z.string().describe('会议目的'),
    kind: z.enum(MEETING_KINDS),
    startsAt: z.string(),
    endsAt: z.string(),
    location: z.string().describe('会议地点: the room\'s name and location, or free text'),
    room: z.object({ id: uuid, name: z.string(), location: z.string(), capacity: z.number().int() }).nullable(),
    booking: z.object({ id: uuid, status: z.enum(BOOKING_STATUSES) }).nullable(),
    equipment: z.array(z.object({ id: uuid, name: z.string(), code: z.string() })),
    organiser: Person,
    chair: MeetingPerson.describe('主持人'),
    recorder: MeetingPerson.describe('记录人'),
    departments: z.array(Named).describe('参会部门'),
    preparation: z.string().describe('会前准备 for everyone'),
    confidential: z.boolean(),
    status: z.enum(MEETING_STATUSES),
    noticeSentAt: z.string().nullable(),
    noticeSequence: z.number().int().describe('iCalendar SEQUENCE of the last notice'),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    series: MeetingSeriesInfo.nullable(),
    originalStartsAt: z.string().nullable().describe('the occurrence\'s start in its series (RECURRENCE-ID)'),
    agenda: z.array(MeetingAgendaItem),
    attendees: z.array(MeetingAttendee),
    replyCounts: MeetingReplyCounts,
    attachments: z.array(FileMeta),
    lastRemindedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

export const MeetingSummary = z
  .object({
    id: uuid,
    topic: z.string(),
    kind: z.enum(MEETING_KINDS),
    startsAt: z.string(),
    endsAt: z.string(),
    location: z.string(),
    room: Named.nullable(),
    organiser: Person,
    chair: Person,
    status: z.enum(MEETING_STATUSES),
    confidential: z.boolean(),
    seriesId: uuid.nullable(),
    attendeeCount: z.number().int(),
    replyCounts: MeetingReplyCounts,
    myReply: z.enum(MEETING_REPLIES).nullable().describe('the reader\'s own reply, when invited'),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'MeetingSummary' });
export type MeetingSummary = z.infer<typeof MeetingSummary>;

export const MeetingPage = pageOf(MeetingSummary).meta({ id: 'MeetingPage' });
export type MeetingPage = z.infer<typeof MeetingPage>;

export const MeetingAgendaInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  presenterId: uuid.nullable().optional(),
  plannedMinutes: z.number().int().min(1).max(MAX_MEETING_HOURS * 60),
  notes: text(2000).default(''),
});
export type MeetingAgendaInput = z.infer<typeof MeetingAgendaInput>;

export const MeetingAttendeeInput = z.strictObject({
  userId: uuid,
  required: z.boolean().default(true),
  materials: text(2000).default(''),
});
export type MeetingAttendeeInput = z.infer<typeof MeetingAttendeeInput>;

export const MeetingRecurrenceInput = z.strictObject({
  rrule: z.string().trim().min(1).max(500).describe('RFC 5545 RRULE (without "RRULE:"), read from the first occurrence in Asia/Shanghai; must end (COUNT or UNTIL)'),
  exdates: z.array(instant).max(200).default([]).describe('occurrence starts left out (EXDATE)'),
});
export type MeetingRecurrenceInput = z.infer<typeof MeetingRecurrenceInput>;

export const MeetingOverrides = z.strictObject({
  roomTooSmall: z.boolean().optional().describe('book although the room holds fewer people than are invited'),
  agendaTooLong: z.boolean().optional().describe('save although the agenda runs longer than the meeting'),
});
export type MeetingOverrides = z.infer<typeof MeetingOverrides>;

const meetingFields = {
  topic: z.string().trim().min(1).max(200),
  purpose: text(4000).default(''),
  kind: z.enum(MEETING_KINDS),
  startsAt: instant,
  endsAt: instant,
  location: text(200).default('').describe('free text; the room\'s name and location when empty and a room is booked'),
  roomId: uuid.nullable().default(null),
  equipmentIds: z.array(uuid).max(20).default([]),
  chairId: uuid,
  recorderId: uuid,
  attendees: z.array(MeetingAttendeeInput).max(MAX_MEETING_ATTENDEES).default([]),
  departmentIds: z.array(uuid).max(50).default([]).describe('参会部门: their active members are invited too'),
  excludedUserIds: z.array(uuid).max(MAX_MEETING_ATTENDEES).default([]).describe('members of the departments the organiser took off the list'),
  agenda: z.array(MeetingAgendaInput).max(50).default([]),
  preparation: text(4000).default(''),
  confidential: z.boolean().default(false),
  fileIds: z.array(uuid).max(20).default([]).describe('attachments uploaded through /api/files'),
  overrides: MeetingOverrides.default({}),
};

export const MeetingInput = z.strictObject({
  ...meetingFields,
  recurrence: MeetingRecurrenceInput.nullable().default(null),
  sendNotice: z.boolean().default(false).describe('send the notice at once'),
});
export type MeetingInput = z.infer<typeof MeetingInput>;
export type MeetingInputDraft = z.input<typeof MeetingInput>;

export const MeetingPatch = z.strictObject({
  topic: meetingFields.topic.optional(),
  purpose: text(4000).optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  startsAt: instant.optional(),
  endsAt: instant.optional(),
  location: text(200).optional(),
  roomId: uuid.nullable().optional(),
  equipmentIds: z.array(uuid).max(20).optional(),
  chairId: uuid.optional(),
  recorderId: uuid.optional(),
  attendees: z.array(MeetingAttendeeInput).max(MAX_MEETING_ATTENDEES).optional(),
  departmentIds: z.array(uuid).max(50).optional(),
  excludedUserIds: z.array(uuid).max(MAX_MEETING_ATTENDEES).optional(),
  agenda: z.array(MeetingAgendaInput).max(50).optional(),
  preparation: text(4000).optional(),
  confidential: z.boolean().optional(),
  fileIds: z.array(uuid).max(20).optional(),
  overrides: MeetingOverrides.default({}),
  recurrence: MeetingRecurrenceInput.optional().describe('scope "following" only: a new rule from this occurrence on'),
  scope: z.enum(SERIES_EDIT_SCOPES).default('this').describe('for an occurrence of a series: this one, or this and every later one'),
});
export type MeetingPatch = z.infer<typeof MeetingPatch>;

export const MeetingListQuery = PageQuery.extend({
  view: z.enum(MEETING_VIEWS).default('upcoming'),
  from: instant.optional(),
  to: instant.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['startsAt', 'createdAt', 'topic']).default('startsAt'),
  order: z.enum(['asc', 'desc']).optional().describe('default: ascending for upcoming, descending otherwise'),
}).strict();
export type MeetingListQuery = z.infer<typeof MeetingListQuery>;

export const MeetingReplyInput = z.discriminatedUnion('reply', [
  z.strictObject({ reply: z.literal('accept') }),
  z.strictObject({ reply: z.literal('decline'), reason: z.string().trim().min(1).max(500) }),
  z.strictObject({ reply: z.literal('delegate'), userId: uuid, reason: z.string().trim().min(1).max(500) }),
]);
export type MeetingReplyInput = z.infer<typeof MeetingReplyInput>;

export const CancelMeetingInput = z.strictObject({
  reason: z.string().trim().min(1).max(500),
  scope: z.enum(SERIES_EDIT_SCOPES).default('this'),
});
export type CancelMeetingInput = z.infer<typeof CancelMeetingInput>;

export const SendNoticeInput = z.strictObject({
  scope: z.enum(SERIES_EDIT_SCOPES).default('this').describe('for an occurrence: this one, or this and every later draft one'),
});
export type SendNoticeInput = z.infer<typeof SendNoticeInput>;

export const RemindInput = z.strictObject({
  message: text(500).default('').describe('a line added to the reminder'),
});
export type RemindInput = z.infer<typeof RemindInput>;

export const RemindResult = z
  .object({ reminded: z.number().int().describe('people reminded'), remindedAt: z.string() })
  .meta({ id: 'RemindResult' });
export type RemindResult = z.infer<typeof RemindResult>;

/** What saving would say, per occurrence, before saving (the form's check). */
export const MeetingCheck = z
  .object({
    ok: z.boolean().describe('saving as it is would succeed'),
    fields: z.record(z.string(), z.array(z.string())).describe('field errors, as a 400 would name them'),
    warnings: z.array(z.enum(MEETING_WARNINGS)).describe('warnings not overridden'),
    attendeeCount: z.number().int().describe('people invited, departments\' members included'),
    occurrences: z.array(
      z.object({ startsAt: z.string(), endsAt: z.string(), conflicts: z.array(BookingConflict), suggestions: z.array(FreeSlot) }),
    ),
  })
  .meta({ id: 'MeetingCheck' });
export type MeetingCheck = z.infer<typeof MeetingCheck>;

export const MeetingCheckInput = MeetingInput.extend({ exceptMeetingId: uuid.optional().describe('checking an edit: this meeting\'s own booking is not a conflict') });
export type MeetingCheckInput = z.infer<typeof MeetingCheckInput>;

/** The personal iCalendar feed (订阅日历). */
export const CalendarFeedStatus = z
  .object({ active: z.boolean(), createdAt: z.string().nullable().describe('when the active token was issued') })
  .meta({ id: 'CalendarFeedStatus' });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

export const CalendarFeedIssued = z
  .object({
    url: z.string().nullable().describe('shown once (the token is stored only as its SHA-256): the address to subscribe to, when the public URL is configured'),
    path: z.string().describe('the same address without the host: /api/calendar/feed/<token>.ics'),
    createdAt: z.string(),
  })
  .meta({ id: 'CalendarFeedIssued' });
export type CalendarFeedIssued = z.infer<typeof CalendarFeedIssued>;

export const CalendarFeedParams = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'a feed token followed by .ics')
    .meta({ examples: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics'] }),
});
