/**
 * Tracked tasks (督办, T1–T3): a task has a source (a meeting resolution, an inspection finding, a customer demand, a
 * project, an application's flow, or someone's own hand), a responsible department and person (责任人), a deadline,
 * progress reports in the policy's shape (已完成工作、存在问题及解决方案、下一步计划) with evidence, and a closure that
 * whoever assigned it accepts. The T2 timers are durable jobs carrying `timer_generation`, so a timer queued before
 * the task changed (an owner assigned, the task closed) does nothing.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { departments, users } from '../org/schema.ts';

export const TASK_SOURCES = ['meeting_resolution', 'inspection_finding', 'customer_demand', 'project', 'manual', 'application'] as const;
export const TASK_STATUSES = ['awaiting_owner', 'in_progress', 'submitted', 'closed'] as const;
export const TASK_REPORT_KINDS = ['progress', 'final'] as const;

export const trackedTasks = pgTable(
  'tracked_tasks',
  {
    id: uuid('id').primaryKey(),
    number: text('number'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    source: text('source', { enum: TASK_SOURCES }).notNull(),
    /** What the source is, e.g. the id of the application whose flow created the task. */
    sourceRef: text('source_ref'),
    /** 责任部门. */
    departmentId: uuid('department_id').references(() => departments.id),
    /** 责任人; null while the task awaits an owner. */
    ownerId: uuid('owner_id').references(() => users.id),
    /** Who assigned the task and accepts its closure. */
    assignerId: uuid('assigner_id').notNull().references(() => users.id),
    deadline: timestamptz('deadline'),
    /** 跨部门事项: a progress report is due every week (联合项目每周同步进展). */
    crossDepartment: boolean('cross_department').notNull().default(false),
    status: text('status', { enum: TASK_STATUSES }).notNull(),
    /** The deadline passed before the task was closed. */
    overdue: boolean('overdue').notNull().default(false),
    /** When the task must have an owner (created + the owner window, 24 h by default). */
    ownerDueAt: timestamptz('owner_due_at').notNull(),
    /** The owner window passed while the task still had no owner. */
    ownerOverdue: boolean('owner_overdue').notNull().default(false),
    lastReportAt: timestamptz('last_report_at'),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    closedAt: timestamptz('closed_at'),
    /** Bumped whenever the task's timers are rescheduled or stopped; a job carrying an older value is stale. */
    timerGeneration: integer('timer_generation').notNull().default(0),
  },
  (t) => [
    index('tracked_tasks_owner_idx').on(t.ownerId),
    index('tracked_tasks_assigner_idx').on(t.assignerId),
    index('tracked_tasks_department_idx').on(t.departmentId),
    index('tracked_tasks_status_idx').on(t.status, t.deadline),
  ],
);

/** A progress report (进度汇报); `final` is the report that comes with a request for closure. */
export const taskReports = pgTable(
  'task_reports',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull().references(() => trackedTasks.id),
    /** The owner, on whose behalf a delegate may write (then `actedById` is the delegate). */
    authorId: uuid('author_id').notNull().references(() => users.id),
    actedById: uuid('acted_by_id').references(() => users.id),
    kind: text('kind', { enum: TASK_REPORT_KINDS }).notNull(),
    /** 已完成工作 */
    workDone: text('work_done').notNull(),
    /** 存在问题及解决方案 */
    problems: text('problems').notNull().default(''),
    /** 下一步计划 */
    nextSteps: text('next_steps').notNull().default(''),
    /** Evidence attached with this report (files kernel; the files are attached to the task). */
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('task_reports_task_idx').on(t.taskId, t.createdAt)],
);

export type TrackedTaskRow = typeof trackedTasks.$inferSelect;
export type TaskReportRow = typeof taskReports.$inferSelect;
