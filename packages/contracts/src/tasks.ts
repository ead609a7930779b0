/** Tracked tasks (督办, T1–T3): sources, owners, deadlines, progress reports, closure, and the lists of the 督办 page. */
import { z } from 'zod';
import { AllowedActions, PageQuery, pageOf, uuid } from './common.ts';
import { FileMeta } from './files.ts';
import { TASK_SOURCES, MANUAL_TASK_SOURCES, TRACKED_TASK_STATUSES, TASK_VIEWS } from './values.ts';

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

export const TaskListQuery = PageQuery.extend({
  view: z.enum(TASK_VIEWS).default('mine'),
  status: z.enum(TRACKED_TASK_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['deadline', 'createdAt', 'updatedAt', 'lastReportAt']).default('deadline'),
  order: z.enum(['asc', 'desc']).default('asc'),
}).strict();
export type TaskListQuery = z.infer<typeof TaskListQuery>;

export const TaskCounts = z
  .object({ mine: z.number().int(), assigned: z.number().int(), department: z.number().int(), overdue: z.number().int() })
  .describe('open tasks in each view, for the tabs')
  .meta({ id: 'TaskCounts' });
export type TaskCounts = z.infer<typeof TaskCounts>;

export const TaskPage = pageOf(TrackedTaskSummary).extend({ counts: TaskCounts }).meta({ id: 'TaskPage' });
export type TaskPage = z.infer<typeof TaskPage>;

/** The process key a delegation's scope names to cover tracked tasks (代理事项); an empty scope covers them too. */
export const TRACKED_TASK_PROCESS = 'tracked_task';
