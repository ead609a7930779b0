/**
 * Meetings (M1–M4) and their rooms (R3). The meeting tables are at the end of this file.
 *
 * Rooms, movable equipment and bookings (R3, 会议室与设备预订). A booking claims its room and each piece of equipment
 * as rows of `booking_resources`; the exclusion constraint `booking_resources_no_overlap` (migration 0020_rooms:
 * `EXCLUDE USING gist (resource_id WITH =, during WITH &&) WHERE (NOT released)`) makes a double booking impossible
 * whatever the application does. Cancelling or rejecting a booking releases its claims in the same transaction, which
 * frees the slot at once. Drizzle cannot declare an exclusion constraint; the migration holds it.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, customType, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { departments, users } from '../../kernel/org/schema.ts';
import { trackedTasks } from '../../kernel/tasks/schema.ts';

import {
  BOOKING_STATUSES,
  EQUIPMENT_KINDS,
  MEETING_ATTENDANCE,
  MEETING_KINDS,
  MEETING_REPLIES,
  MEETING_SIGN_IN_METHODS,
  MEETING_STATUSES,
  MINUTES_STATUSES,
  MINUTES_VERSION_STATES,
  RESOURCE_TYPES,
  ROOM_BOOKABLE_BY,
} from '@henji/contracts';

/** A half-open time range `[start, end)`, written as PostgreSQL range text. */
const tstzrange = customType<{ data: string; driverData: string }>({ dataType: () => 'tstzrange' });

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    location: text('location').notNull().default(''),
    capacity: integer('capacity').notNull(),
    /** Equipment fixed in the room (a screen, a whiteboard …): words, not bookable items. */
    fixedEquipment: jsonb('fixed_equipment').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** Who may book: everyone, or members of `departmentIds` (administrators always may). */
    bookableBy: text('bookable_by', { enum: ROOM_BOOKABLE_BY }).notNull().default('everyone'),
    departmentIds: jsonb('department_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** A booking stays pending until an administrator approves it. */
    approvalRequired: boolean('approval_required').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('rooms_name_unique').on(t.name)],
);

/** Movable equipment (projector, video terminal, microphones …) lent out with a booking. */
export const equipment = pgTable(
  'equipment',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    code: text('code').notNull(),
    kind: text('kind', { enum: EQUIPMENT_KINDS }).notNull().default('other'),
    /** Where it is kept. */
    location: text('location').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('equipment_code_unique').on(t.code)],
);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id').notNull().references(() => rooms.id),
    bookerId: uuid('booker_id').notNull().references(() => users.id),
    purpose: text('purpose').notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    attendeeCount: integer('attendee_count'),
    equipmentIds: jsonb('equipment_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status', { enum: BOOKING_STATUSES }).notNull(),
    /** The booker confirmed a room smaller than the attendee count. */
    capacityOverridden: boolean('capacity_overridden').notNull().default(false),
    decidedById: uuid('decided_by_id').references(() => users.id),
    decidedAt: timestamptz('decided_at'),
    /** The approver's comment, or the written reason of a rejection. */
    decisionComment: text('decision_comment'),
    cancelledAt: timestamptz('cancelled_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('bookings_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('bookings_starts_idx').on(t.startsAt, t.roomId),
    index('bookings_room_idx').on(t.roomId, t.startsAt),
    index('bookings_booker_idx').on(t.bookerId, t.startsAt),
    index('bookings_pending_idx').on(t.startsAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** A booking's claim on one resource (its room or a piece of equipment) for `[startsAt, endsAt)`. */
export const bookingResources = pgTable(
  'booking_resources',
  {
    bookingId: uuid('booking_id').notNull().references(() => bookings.id),
    resourceType: text('resource_type', { enum: RESOURCE_TYPES }).notNull(),
    resourceId: uuid('resource_id').notNull(),
    during: tstzrange('during').notNull(),
    /** Set when the booking is cancelled or rejected: the constraint ignores released claims. */
    released: boolean('released').notNull().default(false),
  },
  (t) => [primaryKey({ name: 'booking_resources_pk', columns: [t.bookingId, t.resourceId] }), index('booking_resources_resource_idx').on(t.resourceId)],
);

// ---------------------------------------------------------------------------------------------------------------
// Meetings (会议管理, M1–M4)

/**
 * A recurring series (每周一 09:00 部门例会, 季度战略会): an RFC 5545 RRULE from the first occurrence's start, with
 * exceptions. Every occurrence is a row of `meetings` (materialised when the series is created, within the expansion's
 * cap), so one occurrence can be edited, moved or cancelled on its own; editing "this and following" changes the rows
 * from that occurrence on and, when the rule changes, ends this series there and starts a new one.
 */
export const meetingSeries = pgTable('meeting_series', {
  id: uuid('id').primaryKey(),
  rrule: text('rrule').notNull(),
  /** The first occurrence's start; the rule's wall time is read in the company's time zone. */
  dtstart: timestamptz('dtstart').notNull(),
  /** Occurrence starts taken out of the series (EXDATE), ISO instants. */
  exdates: jsonb('exdates').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  organiserId: uuid('organiser_id').notNull().references(() => users.id),
  /** The series this one continues after a "this and following" change of rule. */
  previousSeriesId: uuid('previous_series_id'),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    seriesId: uuid('series_id').references(() => meetingSeries.id),
    /** 0-based position in the series as first expanded (stable when occurrences move). */
    seriesIndex: integer('series_index'),
    /** The occurrence's original start in its series (RECURRENCE-ID), kept when the occurrence is moved. */
    originalStartsAt: timestamptz('original_starts_at'),
    /** 会议主题 */
    topic: text('topic').notNull(),
    /** 会议目的 */
    purpose: text('purpose').notNull().default(''),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    /** 会议地点: the room's name and location when a room is booked, or free text (an off-site place, an online link). */
    location: text('location').notNull().default(''),
    roomId: uuid('room_id').references(() => rooms.id),
    /** The booking holding the room and equipment for this meeting (R3's exclusion constraint guards it). */
    bookingId: uuid('booking_id').references(() => bookings.id),
    organiserId: uuid('organiser_id').notNull().references(() => users.id),
    /** 主持人: reviews and approves the minutes; a resolution without an owner escalates to them. */
    chairId: uuid('chair_id').notNull().references(() => users.id),
    /** 记录人: keeps the sign-in sheet by hand when needed and writes the minutes. */
    recorderId: uuid('recorder_id').notNull().references(() => users.id),
    /** 参会部门: invited departments; the minutes are also sent to them. */
    departmentIds: jsonb('department_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** 会前准备 for everyone (each attendee's own materials are on their attendee row). */
    preparation: text('preparation').notNull().default(''),
    /** A confidential meeting's minutes go to the ledger as commitments only. */
    confidential: boolean('confidential').notNull().default(false),
    status: text('status', { enum: MEETING_STATUSES }).notNull(),
    noticeSentAt: timestamptz('notice_sent_at'),
    /** iCalendar SEQUENCE: bumped on every change attendees are told about, so their calendars take the update. */
    noticeSequence: integer('notice_sequence').notNull().default(0),
    cancelledAt: timestamptz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** Set on the occurrences a "this and following" change of rule replaced by a new series (they stay, cancelled). */
    replacedBySeriesId: uuid('replaced_by_series_id').references((): AnyPgColumn => meetingSeries.id),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    check('meetings_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('meetings_starts_idx').on(t.startsAt),
    index('meetings_series_idx').on(t.seriesId, t.startsAt),
    index('meetings_chair_idx').on(t.chairId, t.startsAt),
    index('meetings_recorder_idx').on(t.recorderId, t.startsAt),
    index('meetings_organiser_idx').on(t.organiserId, t.startsAt),
  ],
);

/** 议程: items in order, each with its presenter (汇报人) and planned minutes. */
export const meetingAgendaItems = pgTable(
  'meeting_agenda_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presenterId: uuid('presenter_id').references(() => users.id),
    plannedMinutes: integer('planned_minutes').notNull(),
    notes: text('notes').notNull().default(''),
  },
  (t) => [uniqueIndex('meeting_agenda_items_position').on(t.meetingId, t.position)],
);

/**
 * 参会人: one row per person asked to attend, with their reply, the materials they must prepare and their attendance.
 * A delegated attendance (委托参会) keeps the original row (reply `delegated`, `delegatedToId`) and adds one for the
 * delegate (`delegatedFromId`), who then replies, signs in and reads the minutes in their own name.
 */
export const meetingAttendees = pgTable(
  'meeting_attendees',
  {
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    /** 列席 (optional) attendees are not chased by reminders nor marked absent. */
    required: boolean('required').notNull().default(true),
    /** 需准备的材料 for this attendee. */
    materials: text('materials').notNull().default(''),
    reply: text('reply', { enum: MEETING_REPLIES }).notNull().default('pending'),
    replyReason: text('reply_reason'),
    repliedAt: timestamptz('replied_at'),
    delegatedToId: uuid('delegated_to_id').references(() => users.id),
    delegatedFromId: uuid('delegated_from_id').references(() => users.id),
    remindedAt: timestamptz('reminded_at'),
    attendance: text('attendance', { enum: MEETING_ATTENDANCE }),
    signedInAt: timestamptz('signed_in_at'),
    signInMethod: text('sign_in_method', { enum: MEETING_SIGN_IN_METHODS }),
    /** Who signed the attendee in by hand (the recorder), and why (代签到原因). */
    signedInById: uuid('signed_in_by_id').references(() => users.id),
    signInReason: text('sign_in_reason'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [primaryKey({ name: 'meeting_attendees_pk', columns: [t.meetingId, t.userId] }), index('meeting_attendees_user_idx').on(t.userId)],
);

/** The structured minutes (会议纪要) the recorder writes: per agenda item, statements, the result and resolutions. */
export interface MinutesContentData {
  items: {
    /** The agenda item this part records; null for an item raised in the meeting (临时动议). */
    agendaItemId: string | null;
    title: string;
    statements: { speakerId: string | null; speakerName: string; departmentId: string | null; points: string }[];
    /** 讨论结果 */
    result: string;
    resolutions: { key: string; content: string; departmentId: string | null; ownerId: string | null; deadline: string | null }[];
  }[];
  /** 其他事项 */
  notes: string;
}

/**
 * The working minutes of a meeting: the recorder's draft (autosaved, `draftRevision` guards against two tabs
 * overwriting each other) and where the review stands. Every submitted draft becomes an immutable row of
 * `meeting_minutes_versions`; after approval the minutes change only by a new, traced revision.
 */
export const meetingMinutes = pgTable('meeting_minutes', {
  meetingId: uuid('meeting_id').primaryKey().references(() => meetings.id),
  status: text('status', { enum: MINUTES_STATUSES }).notNull(),
  content: jsonb('content').$type<MinutesContentData>().notNull(),
  draftRevision: integer('draft_revision').notNull().default(0),
  draftSavedAt: timestamptz('draft_saved_at').notNull(),
  /** The last submitted version's number (0: none yet) and the last approved one. */
  latestVersion: integer('latest_version').notNull().default(0),
  approvedVersion: integer('approved_version'),
  /** Departments the approved minutes were sent to, beyond the attendees. */
  distributionDepartmentIds: jsonb('distribution_department_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  /** Readers may send feedback on the approved minutes until this instant. */
  feedbackUntil: timestamptz('feedback_until'),
  /** 修订说明 of the revision under way (migration 0024), copied onto the version it submits. */
  revisionNote: text('revision_note'),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const meetingMinutesVersions = pgTable(
  'meeting_minutes_versions',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<MinutesContentData>().notNull(),
    /** SHA-256 of the content's canonical JSON: what the ledger commits to. */
    contentSha256: text('content_sha256').notNull(),
    state: text('state', { enum: MINUTES_VERSION_STATES }).notNull(),
    /** Why a revision of approved minutes was made (修订说明). */
    revisionNote: text('revision_note'),
    submittedById: uuid('submitted_by_id').notNull().references(() => users.id),
    submittedAt: timestamptz('submitted_at').notNull(),
    reviewedById: uuid('reviewed_by_id').references(() => users.id),
    reviewedAt: timestamptz('reviewed_at'),
    /** The chair's written opinion (审核意见); required when returning. */
    reviewComment: text('review_comment'),
    /** The archived PDF of an approved version (files kernel) and its SHA-256, traced on approval. */
    pdfFileId: uuid('pdf_file_id'),
    pdfSha256: text('pdf_sha256'),
  },
  (t) => [uniqueIndex('meeting_minutes_versions_number').on(t.meetingId, t.version)],
);

/** 反馈意见 on approved minutes, within the feedback window. */
export const meetingMinutesFeedback = pgTable(
  'meeting_minutes_feedback',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    version: integer('version').notNull(),
    authorId: uuid('author_id').notNull().references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('meeting_minutes_feedback_meeting_idx').on(t.meetingId, t.createdAt)],
);

/**
 * 会议决议: each resolution of the approved minutes, linked to its agenda item and to the tracked task (督办, source
 * `meeting_resolution`) that approving the minutes created for it. A revision that keeps a resolution (same `key`)
 * keeps its task.
 */
export const meetingResolutions = pgTable(
  'meeting_resolutions',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    /** The resolution's stable key in the minutes content (kept across versions). */
    key: text('key').notNull(),
    agendaItemId: uuid('agenda_item_id').references(() => meetingAgendaItems.id),
    /** The minutes version that first carried it. */
    version: integer('version').notNull(),
    position: integer('position').notNull(),
    content: text('content').notNull(),
    departmentId: uuid('department_id').references(() => departments.id),
    ownerId: uuid('owner_id').references(() => users.id),
    deadline: timestamptz('deadline'),
    taskId: uuid('task_id').references(() => trackedTasks.id),
    /** The approved version that no longer carried it (migration 0024): its task is left as it was, and flagged. */
    removedInVersion: integer('removed_in_version'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [uniqueIndex('meeting_resolutions_key').on(t.meetingId, t.key), index('meeting_resolutions_task_idx').on(t.taskId)],
);

/**
 * A personal iCalendar feed (订阅日历): a secret token in the URL, stored as its SHA-256 only; revoking sets
 * `revokedAt` and a new token may be issued.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    tokenSha256: text('token_sha256').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token').on(t.tokenSha256), index('calendar_feeds_user_idx').on(t.userId)],
);

export type RoomRow = typeof rooms.$inferSelect;
export type EquipmentRow = typeof equipment.$inferSelect;
export type BookingRow = typeof bookings.$inferSelect;
export type MeetingSeriesRow = typeof meetingSeries.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;
export type MeetingAgendaItemRow = typeof meetingAgendaItems.$inferSelect;
export type MeetingAttendeeRow = typeof meetingAttendees.$inferSelect;
export type MeetingMinutesRow = typeof meetingMinutes.$inferSelect;
export type MeetingMinutesVersionRow = typeof meetingMinutesVersions.$inferSelect;
export type MeetingResolutionRow = typeof meetingResolutions.$inferSelect;
export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
