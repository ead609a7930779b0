/** Tracked tasks (督办, T1–T3): sources, owners, deadlines, progress reports, closure, and the lists of the 督办 page. */
import { z } from 'zod';
import { AllowedActions, PageQuery, pageOf, uuid } from './common.ts';
import { FileMeta } from './files.ts';
import { TASK_SOURCES, MANUAL_TASK_SOURCES, TRACKED_TASK_STATUSES, TASK_SORTS, TASK_VIEWS } from './values.ts';

const Person = z.object({ id: uuid, displayName: z.string() });

export const TrackedTaskSummary = z
  .object({
    id: uuid,
    number: z.string().nullable(),
    title: z.string(),
    source: z.enum(TASK_SOURCES),
    sourceRef: z.string().nullable().describe('what the source is, e.g. the id of the application whose flow created the task'),
    department: z.object({ id: uuid, name: z.string() }).nullable().describe('责任部门'),
    owner: Person.nullable().describe('责任人; null while the task awaits an owner'),
    assigner: Person.describe('who assigned the task and accepts its closure'),
    deadline: z.string().nullable(),
    deadlineBeyondKnownRange: z
      .boolean()
      .describe('the deadline falls in a year whose holidays the default business calendar does not know yet'),
    crossDepartment: z.boolean().describe('a progress report is due every week'),
    status: z.enum(TRACKED_TASK_STATUSES),
    overdue: z.boolean(),
    ownerDueAt: z.string().describe('when the task must have an owner'),
    ownerOverdue: z.boolean().describe('the owner window passed without an owner'),
    lastReportAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'TrackedTaskSummary' });
export type TrackedTaskSummary = z.infer<typeof TrackedTaskSummary>;

export const TaskReport = z
  .object({
    id: uuid,
    kind: z.enum(['progress', 'final']).describe('final: the report that came with a request for closure'),
    author: Person,
    actedBy: Person.nullable().describe('the delegate who wrote it for the owner (代理)'),
    workDone: z.string().describe('已完成工作'),
    problems: z.string().describe('存在问题及解决方案'),
    nextSteps: z.string().describe('下一步计划'),
    files: z.array(FileMeta),
    createdAt: z.string(),
  })
  .meta({ id: 'TaskReport' });
export type TaskReport = z.infer<typeof TaskReport>;

export const TrackedTask = TrackedTaskSummary.extend({
  description: z.string(),
  reports: z.array(TaskReport).describe('oldest first'),
}).meta({ id: 'TrackedTask' });
export type TrackedTask = z.infer<typeof TrackedTask>;

const title = z.string().trim().min(1).max(200);
const longText = z.string().trim().max(5000);

export const CreateTaskInput = z.strictObject({
  title,
  description: longText.default(''),
  source: z.enum(MANUAL_TASK_SOURCES).default('manual'),
  sourceRef: z.string().trim().max(200).nullable().optional(),
  departmentId: uuid.nullable().optional(),
  ownerId: uuid.nullable().optional().describe('leave empty to assign an owner later (within the owner window)'),
  deadline: z.iso.datetime({ offset: true }).nullable().optional(),
  crossDepartment: z.boolean().default(false),
});
export type CreateTaskInput = z.infer<typeof CreateTaskInput>;

const report = {
  workDone: z.string().trim().min(1).max(5000),
  problems: longText.default(''),
  nextSteps: longText.default(''),
  fileIds: z.array(uuid).max(20).default([]),
};

export const TaskActionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), ownerId: uuid, departmentId: uuid.nullable().optional(), comment: z.string().trim().max(2000).optional() }),
  z.strictObject({ action: z.literal('report'), ...report }),
  z.strictObject({ action: z.literal('request_closure'), ...report }),
  z.strictObject({ action: z.literal('accept'), comment: z.string().trim().max(2000).optional() }),
  z.strictObject({ action: z.literal('reject'), reason: z.string().trim().min(1).max(2000) }),
]);
export type TaskActionInput = z.infer<typeof TaskActionInput>;

const instant = z.iso.datetime({ offset: true });
const search = z.string().trim().max(100);

/**
 * The filters every view of the 督办 page shares — the list, the counts by source, the calendar and the xlsx export —
 * applied within what the reader may see.
 */
export const TaskFilters = z.object({
  view: z.enum(TASK_VIEWS).default('mine'),
  status: z.enum(TRACKED_TASK_STATUSES).optional(),
  source: z.enum(TASK_SOURCES).optional(),
  departmentId: uuid.optional().describe('责任部门'),
  ownerId: uuid.optional().describe('责任人'),
  deadlineFrom: instant.optional().describe('deadline at or after this instant'),
  deadlineTo: instant.optional().describe('deadline before this instant'),
  overdue: z.enum(['true', 'false']).optional().describe('true: overdue and not closed; false: the others'),
  q: search.optional().describe('words of the title or the number'),
});
export type TaskFilters = z.infer<typeof TaskFilters>;

const sorting = { sort: z.enum(TASK_SORTS).default('deadline'), order: z.enum(['asc', 'desc']).default('asc') };

export const TaskListQuery = PageQuery.extend(TaskFilters.shape).extend(sorting).strict();
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/** The list as xlsx: its filters and order, every page (up to 5,000 rows). */
export const TaskExportQuery = TaskFilters.extend(sorting).strict();
export type TaskExportQuery = z.infer<typeof TaskExportQuery>;

export const TaskCounts = z
  .object({ mine: z.number().int(), assigned: z.number().int(), department: z.number().int(), overdue: z.number().int(), all: z.number().int() })
  .describe('open tasks in each view, for the tabs')
  .meta({ id: 'TaskCounts' });
export type TaskCounts = z.infer<typeof TaskCounts>;

export const TaskPage = pageOf(TrackedTaskSummary).extend({ counts: TaskCounts }).meta({ id: 'TaskPage' });
export type TaskPage = z.infer<typeof TaskPage>;

/** 按来源: the filters without the source. */
export const TaskSourceCountsQuery = TaskFilters.omit({ source: true }).strict();
export type TaskSourceCountsQuery = z.infer<typeof TaskSourceCountsQuery>;

export const TaskSourceCounts = z
  .object({
    items: z.array(
      z.object({
        source: z.enum(TASK_SOURCES),
        total: z.number().int(),
        open: z.number().int().describe('not closed'),
        overdue: z.number().int().describe('overdue and not closed'),
      }),
    ).describe('every source, in the order of TASK_SOURCES, also those with no task'),
  })
  .meta({ id: 'TaskSourceCounts' });
export type TaskSourceCounts = z.infer<typeof TaskSourceCounts>;

/** The longest range the deadline calendar reads at once: a month's grid of six weeks, with room to spare. */
export const TASK_CALENDAR_MAX_DAYS = 62;

export const TaskCalendarQuery = TaskFilters.omit({ deadlineFrom: true, deadlineTo: true })
  .extend({ from: instant, to: instant.describe(`at most ${TASK_CALENDAR_MAX_DAYS} days after from`) })
  .strict();
export type TaskCalendarQuery = z.infer<typeof TaskCalendarQuery>;

export const TaskCalendar = z
  .object({
    from: z.string(),
    to: z.string(),
    items: z.array(TrackedTaskSummary).describe('tasks whose deadline falls in [from, to), earliest first'),
    truncated: z.boolean().describe('more tasks fall in the range than were sent (the first 1,000 are)'),
  })
  .meta({ id: 'TaskCalendar' });
export type TaskCalendar = z.infer<typeof TaskCalendar>;

/** 看板: one department's tasks in columns by status. */
export const TaskBoardQuery = z.strictObject({
  departmentId: uuid.optional().describe('the department whose board to show; by default the reader\'s own, else the first they see'),
  source: z.enum(TASK_SOURCES).optional(),
  ownerId: uuid.optional(),
  q: search.optional(),
});
export type TaskBoardQuery = z.infer<typeof TaskBoardQuery>;

export const TaskBoard = z
  .object({
    departments: z
      .array(z.object({ id: uuid, name: z.string(), open: z.number().int() }))
      .describe('the departments of the tasks the reader may see, with their open tasks; the boards the reader may pick'),
    department: z.object({ id: uuid, name: z.string() }).nullable().describe('the board shown; null when the reader sees no department\'s tasks'),
    columns: z.array(
      z.object({
        status: z.enum(TRACKED_TASK_STATUSES),
        total: z.number().int(),
        items: z.array(TrackedTaskSummary).describe('open columns by deadline, the closed one latest first; at most 50'),
      }),
    ),
  })
  .meta({ id: 'TaskBoard' });
export type TaskBoard = z.infer<typeof TaskBoard>;

/** The process key a delegation's scope names to cover tracked tasks (代理事项); an empty scope covers them too. */
export const TRACKED_TASK_PROCESS = 'tracked_task';
