/**
 * Applications and approval flows (F1–F8): types with immutable published versions, applications (instances), the
 * steps an application passes through (one row per node visit) and the tasks of people at each step.
 */
import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ApplicationDefinition, ApplicationFlag } from '@henji/contracts';
import { timestamptz } from '../../db/types.ts';
import { departments, users } from '../../kernel/org/schema.ts';

export const applicationTypes = pgTable(
  'application_types',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    builtin: boolean('builtin').notNull().default(false),
    publishedVersionId: uuid('published_version_id'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('application_types_code').on(t.code)],
);

export const applicationTypeVersions = pgTable(
  'application_type_versions',
  {
    id: uuid('id').primaryKey(),
    typeId: uuid('type_id').notNull().references(() => applicationTypes.id),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published', 'superseded'] }).notNull(),
    definition: jsonb('definition').$type<ApplicationDefinition>().notNull(),
    definitionHash: text('definition_hash').notNull(),
    createdById: uuid('created_by_id').references(() => users.id),
    createdAt: timestamptz('created_at').notNull(),
    publishedAt: timestamptz('published_at'),
    publishedById: uuid('published_by_id').references(() => users.id),
  },
  (t) => [uniqueIndex('application_type_versions_type_version').on(t.typeId, t.version)],
);

export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey(),
    typeId: uuid('type_id').notNull().references(() => applicationTypes.id),
    versionId: uuid('version_id').notNull().references(() => applicationTypeVersions.id),
    number: text('number'),
    title: text('title').notNull(),
    initiatorId: uuid('initiator_id').notNull().references(() => users.id),
    departmentId: uuid('department_id').references(() => departments.id),
    status: text('status', { enum: ['draft', 'running', 'returned', 'approved', 'rejected', 'withdrawn'] }).notNull(),
    urgent: boolean('urgent').notNull().default(false),
    emergencyState: text('emergency_state', { enum: ['none', 'pending_review', 'reviewed'] }).notNull().default('none'),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    formHash: text('form_hash').notNull(),
    requestKey: text('request_key').notNull(),
    submittedAt: timestamptz('submitted_at'),
    completedAt: timestamptz('completed_at'),
    /** 生效日期: the time of the final approval (F3). */
    effectiveAt: timestamptz('effective_at'),
    lastUrgedAt: timestamptz('last_urged_at'),
    /** The submitted form's version (application_form_versions); 0 while a draft was never submitted. */
    formVersion: integer('form_version').notNull().default(0),
    /** The approval round: a resubmission that changes what the flow reads restarts the flow in a new round. */
    round: integer('round').notNull().default(1),
    /** What approvers are warned of, e.g. a purchase split to stay under a threshold (computed at submission). */
    flags: jsonb('flags').$type<ApplicationFlag[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('applications_request_key').on(t.initiatorId, t.requestKey),
    uniqueIndex('applications_number').on(t.number),
    index('applications_initiator').on(t.initiatorId, t.updatedAt),
    index('applications_type_status').on(t.typeId, t.status),
  ],
);

/** One visit of a node: approval steps hold tasks and an SLA; automatic nodes complete as they are entered. */
export const applicationSteps = pgTable(
  'application_steps',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    status: text('status', { enum: ['active', 'paused', 'completed', 'cancelled', 'waiting'] }).notNull(),
    outcome: text('outcome'),
    /** The parallel step whose branch this step is on; null at the top level. */
    forkStepId: uuid('fork_step_id'),
    /** Order of entry within the application, for the progress view. */
    seq: integer('seq').notNull(),
    enteredAt: timestamptz('entered_at').notNull(),
    leftAt: timestamptz('left_at'),
    deadlineAt: timestamptz('deadline_at'),
    /** The deadline's explanation as structured steps (rendered per reader's language). */
    deadlineSteps: jsonb('deadline_steps').$type<unknown[]>(),
    /** Working minutes of the SLA left when the step was paused (returned to the applicant). */
    remainingMinutes: integer('remaining_minutes'),
    remindersSent: integer('reminders_sent').notNull().default(0),
    /** Bumped whenever the step's timers change; a timer job carrying an older generation does nothing. */
    timerGeneration: integer('timer_generation').notNull().default(0),
    /** The application's approval round when the step was entered. */
    round: integer('round').notNull().default(1),
    /** Node-specific state, e.g. the branches that reached a join. */
    state: jsonb('state').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [index('application_steps_application').on(t.applicationId, t.seq), index('application_steps_open').on(t.status, t.nodeId)],
);

export const applicationTasks = pgTable(
  'application_tasks',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    stepId: uuid('step_id').references(() => applicationSteps.id),
    nodeId: text('node_id').notNull(),
    kind: text('kind', { enum: ['approve', 'cc', 'review'] }).notNull(),
    status: text('status', { enum: ['waiting', 'pending', 'done', 'cancelled'] }).notNull(),
    assigneeId: uuid('assignee_id').notNull().references(() => users.id),
    /** Tasks of one approver and the signers added before or after them (加签) form a chain, done in `seq` order. */
    chainId: uuid('chain_id').notNull(),
    seq: doublePrecision('seq').notNull(),
    transferredFromId: uuid('transferred_from_id').references(() => users.id),
    addedById: uuid('added_by_id').references(() => users.id),
    decision: text('decision'),
    opinion: text('opinion'),
    signature: text('signature'),
    actedById: uuid('acted_by_id').references(() => users.id),
    formHash: text('form_hash'),
    /** The form version the decision was made on (application_form_versions.version). */
    formVersion: integer('form_version'),
    createdAt: timestamptz('created_at').notNull(),
    actedAt: timestamptz('acted_at'),
  },
  (t) => [
    index('application_tasks_inbox').on(t.assigneeId, t.status, t.createdAt),
    index('application_tasks_application').on(t.applicationId),
  ],
);

/** Every submitted form of an application, kept whole: decisions point at the version they were made on. */
export const applicationFormVersions = pgTable(
  'application_form_versions',
  {
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    version: integer('version').notNull(),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    formHash: text('form_hash').notNull(),
    submittedById: uuid('submitted_by_id').notNull().references(() => users.id),
    submittedAt: timestamptz('submitted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.version] })],
);

export const applicationComments = pgTable(
  'application_comments',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    authorId: uuid('author_id').notNull().references(() => users.id),
    onBehalfOfId: uuid('on_behalf_of_id').references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('application_comments_application').on(t.applicationId, t.createdAt)],
);

export type ApplicationTypeRow = typeof applicationTypes.$inferSelect;
export type TypeVersionRow = typeof applicationTypeVersions.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type StepRow = typeof applicationSteps.$inferSelect;
export type TaskRow = typeof applicationTasks.$inferSelect;
export type FormVersionRow = typeof applicationFormVersions.$inferSelect;
