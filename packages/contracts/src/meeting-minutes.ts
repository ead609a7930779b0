/**
 * Minutes and resolutions (会议纪要与决议, M3–M4): the recorder's structured draft (per agenda item: statements,
 * discussion result, resolutions), the chair's review (return with a written comment, or approve), immutable versions
 * with their SHA-256 and a diff between any two, the feedback window, revisions after approval, and the resolutions
 * carried out as tracked tasks (督办).
 */
import { z } from 'zod';
import { AllowedActions, uuid } from './common.ts';
import { MINUTES_STATUSES, MINUTES_VERSION_STATES, TRACKED_TASK_STATUSES } from './values.ts';

/** Bounds of one draft: items, statements and resolutions per item, and the whole content as canonical JSON. */
export const MINUTES_MAX_ITEMS = 60;
export const MINUTES_MAX_STATEMENTS = 80;
export const MINUTES_MAX_RESOLUTIONS = 40;
export const MINUTES_MAX_BYTES = 256 * 1024;
/** Days readers may send feedback after approval, and the longest window the chair may choose. */
export const MINUTES_DEFAULT_FEEDBACK_DAYS = 3;
export const MINUTES_MAX_FEEDBACK_DAYS = 30;

const instant = z.iso.datetime({ offset: true });
const Person = z.object({ id: uuid, displayName: z.string() });
const Named = z.object({ id: uuid, name: z.string() });
const text = (max: number) => z.string().trim().max(max);

export const MinutesStatement = z
  .strictObject({
    speakerId: uuid.nullable().describe('the speaker, when they are a user (attendees first in the picker)'),
    speakerName: text(100).describe('the speaker as written (a guest without an account, or the user\'s name)'),
    departmentId: uuid.nullable(),
    points: text(5000).describe('发言要点'),
  })
  .meta({ id: 'MinutesStatement' });
export type MinutesStatement = z.infer<typeof MinutesStatement>;

export const MinutesResolution = z
  .strictObject({
    key: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (at most 40)').describe('stable across versions: a revision keeping the key keeps its task'),
    content: text(2000).min(1),
    departmentId: uuid.nullable().describe('责任部门'),
    ownerId: uuid.nullable().describe('责任人; none: the task awaits an owner and the 24 h rule escalates to the chair'),
    deadline: instant.nullable().describe('完成时限'),
  })
  .meta({ id: 'MinutesResolution' });
export type MinutesResolution = z.infer<typeof MinutesResolution>;

export const MinutesItem = z
  .strictObject({
    agendaItemId: uuid.nullable().describe('null: an item raised in the meeting (临时动议)'),
    title: text(200).min(1),
    statements: z.array(MinutesStatement).max(MINUTES_MAX_STATEMENTS),
    result: text(5000).describe('讨论结果'),
    resolutions: z.array(MinutesResolution).max(MINUTES_MAX_RESOLUTIONS),
  })
  .meta({ id: 'MinutesItem' });
export type MinutesItem = z.infer<typeof MinutesItem>;

export const MinutesContent = z
  .strictObject({
    items: z.array(MinutesItem).max(MINUTES_MAX_ITEMS),
    notes: text(10000).describe('其他事项'),
  })
  .meta({ id: 'MinutesContent' });
export type MinutesContent = z.infer<typeof MinutesContent>;

export const MinutesVersion = z
  .object({
    version: z.number().int(),
    state: z.enum(MINUTES_VERSION_STATES),
    contentSha256: z.string().describe('SHA-256 of the content\'s canonical JSON'),
    revisionNote: z.string().nullable().describe('修订说明 of a revision after approval'),
    submittedBy: Person,
    submittedAt: z.string(),
    reviewedBy: Person.nullable(),
    reviewedAt: z.string().nullable(),
    reviewComment: z.string().nullable().describe('审核意见'),
    pdfSha256: z.string().nullable().describe('SHA-256 of the archived PDF of an approved version'),
    readable: z.boolean().describe('whether the caller may open this version\'s content'),
  })
  .meta({ id: 'MinutesVersion' });
export type MinutesVersion = z.infer<typeof MinutesVersion>;

export const MinutesVersionDetail = MinutesVersion.extend({ content: MinutesContent }).meta({ id: 'MinutesVersionDetail' });
export type MinutesVersionDetail = z.infer<typeof MinutesVersionDetail>;

export const MinutesFeedback = z
  .object({ id: uuid, version: z.number().int(), author: Person, body: z.string(), createdAt: z.string() })
  .meta({ id: 'MinutesFeedback' });
export type MinutesFeedback = z.infer<typeof MinutesFeedback>;

/** A person the editor offers as a speaker or owner: attendees first, then the chair, recorder and organiser. */
export const MinutesPerson = z
  .object({ id: uuid, displayName: z.string(), department: Named.nullable(), attendee: z.boolean() })
  .meta({ id: 'MinutesPerson' });
export type MinutesPerson = z.infer<typeof MinutesPerson>;

export const Minutes = z
  .object({
    meetingId: uuid,
    status: z.enum(MINUTES_STATUSES).nullable().describe('null: nobody has saved a draft yet'),
    confidential: z.boolean(),
    draft: z
      .object({
        content: MinutesContent,
        revision: z.number().int().describe('send it back as baseRevision; a stale one is 409'),
        savedAt: z.string().nullable(),
        revisionNote: z.string().nullable().describe('the note of the revision under way'),
      })
      .nullable()
      .describe('the working draft: for the recorder (and the chair while it is submitted); null for others'),
    latestVersion: z.number().int(),
    approvedVersion: z.number().int().nullable(),
    versions: z.array(MinutesVersion),
    distributionDepartments: z.array(Named),
    feedbackUntil: z.string().nullable(),
    feedback: z.array(MinutesFeedback),
    people: z.array(MinutesPerson).describe('speakers and owners the editor offers'),
    allowedActions: AllowedActions.describe('save, submit, approve, return, revise, feedback'),
  })
  .meta({ id: 'Minutes' });
export type Minutes = z.infer<typeof Minutes>;

export const SaveMinutesInput = z.strictObject({
  content: MinutesContent,
  baseRevision: z.number().int().min(0).describe('the draft revision this edit started from'),
});
export type SaveMinutesInput = z.infer<typeof SaveMinutesInput>;

export const SubmitMinutesInput = z.strictObject({
  baseRevision: z.number().int().min(0).describe('the draft revision being submitted; a stale one is 409'),
});
export type SubmitMinutesInput = z.infer<typeof SubmitMinutesInput>;

export const ApproveMinutesInput = z.strictObject({
  distributionDepartmentIds: z.array(uuid).max(50).default([]).describe('departments the minutes also go to, beyond attendees and invited departments'),
  feedbackDays: z.number().int().min(0).max(MINUTES_MAX_FEEDBACK_DAYS).default(MINUTES_DEFAULT_FEEDBACK_DAYS),
  comment: text(2000).optional(),
});
export type ApproveMinutesInput = z.input<typeof ApproveMinutesInput>;

export const ReturnMinutesInput = z.strictObject({ comment: text(2000).min(1).describe('审核意见 (required)') });
export type ReturnMinutesInput = z.infer<typeof ReturnMinutesInput>;

export const ReviseMinutesInput = z.strictObject({ note: text(2000).min(1).describe('修订说明 (required)') });
export type ReviseMinutesInput = z.infer<typeof ReviseMinutesInput>;

export const MinutesFeedbackInput = z.strictObject({ body: text(2000).min(1) });
export type MinutesFeedbackInput = z.infer<typeof MinutesFeedbackInput>;

export const MinutesVersionParams = z.strictObject({ id: uuid, n: z.coerce.number().int().min(1).max(100000) });
export const MinutesDiffQuery = z.strictObject({
  against: z.coerce.number().int().min(1).max(100000).optional().describe('the older version; default: the one before'),
});

/** A piece of a word/line diff: unchanged, added in the newer version, or removed from the older one. */
export const DiffPart = z.object({ op: z.enum(['same', 'added', 'removed']), text: z.string() }).meta({ id: 'DiffPart' });
export type DiffPart = z.infer<typeof DiffPart>;

const FieldDiff = z.object({ field: z.string(), parts: z.array(DiffPart) });

export const VersionDiff = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    items: z.array(
      z.object({
        title: z.string(),
        change: z.enum(['added', 'removed', 'changed', 'same']),
        fields: z.array(FieldDiff).describe('title and result, word by word'),
        statements: z.object({
          added: z.array(MinutesStatement),
          removed: z.array(MinutesStatement),
          changed: z.array(z.object({ speakerName: z.string(), fields: z.array(FieldDiff) })),
        }),
        resolutions: z.object({
          added: z.array(MinutesResolution),
          removed: z.array(MinutesResolution),
          changed: z.array(z.object({ key: z.string(), fields: z.array(FieldDiff) })),
        }),
      }),
    ),
    notes: z.array(DiffPart),
  })
  .meta({ id: 'VersionDiff' });
export type VersionDiff = z.infer<typeof VersionDiff>;

export const ResolutionTask = z
  .object({
    id: uuid,
    number: z.string().nullable(),
    status: z.enum(TRACKED_TASK_STATUSES),
    owner: Person.nullable(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    lastReport: z.object({ at: z.string(), workDone: z.string(), nextSteps: z.string() }).nullable(),
  })
  .meta({ id: 'ResolutionTask' });

export const MeetingResolution = z
  .object({
    id: uuid,
    key: z.string(),
    position: z.number().int(),
    content: z.string(),
    agendaItem: z.object({ id: uuid, title: z.string() }).nullable(),
    department: Named.nullable(),
    owner: Person.nullable(),
    deadline: z.string().nullable(),
    version: z.number().int().describe('the minutes version that first carried it'),
    removed: z.boolean().describe('a later approved version no longer carries it; its task was left as it was'),
    task: ResolutionTask.nullable().describe('null when the caller may not read the task, or it has none'),
  })
  .meta({ id: 'MeetingResolution' });
export type MeetingResolution = z.infer<typeof MeetingResolution>;

export const MeetingResolutions = z.object({ items: z.array(MeetingResolution) }).meta({ id: 'MeetingResolutions' });
export type MeetingResolutions = z.infer<typeof MeetingResolutions>;

export const PreviousResolutions = z
  .object({
    meeting: z.object({ id: uuid, topic: z.string(), startsAt: z.string() }).nullable().describe('the previous meeting of the series, if any'),
    items: z.array(MeetingResolution),
  })
  .meta({ id: 'PreviousResolutions' });
export type PreviousResolutions = z.infer<typeof PreviousResolutions>;
