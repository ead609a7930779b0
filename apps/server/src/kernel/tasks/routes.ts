/**
 * The 督办 API: the list with views, filters and counts, counts by source, the calendar of deadlines, a department's
 * board, the xlsx export, create, one task with its reports, and the actions on a task.
 */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  CreateTaskInput,
  ErrorBody,
  IdParams,
  TaskActionInput,
  TaskBoard,
  TaskBoardQuery,
  TaskCalendar,
  TaskCalendarQuery,
  TaskExportQuery,
  TaskListQuery,
  TaskPage,
  TaskSourceCounts,
  TaskSourceCountsQuery,
  TrackedTask,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { todayInShanghai } from '../clock.ts';
import { forbidden } from '../errors.ts';
import { contentDisposition } from '../files/routes.ts';
import { XLSX_TYPE } from '../xlsx/workbook.ts';
import { recordTaskExport } from './commands/export.ts';
import { exportTasks } from './export.ts';
import { taskBoard, taskCalendar, taskSourceCounts } from './views.ts';
import { actorOf } from '../auth/authenticate.ts';
import { execute, type Caller } from '../command.ts';
import { acceptClosure, rejectClosure } from './commands/closure.ts';
import { createTask } from './commands/create.ts';
import { assignOwner } from './commands/owner.ts';
import { reportProgress, requestClosure } from './commands/progress.ts';
import { loadTaskSubject } from './policies.ts';
import { getTask, listTasks } from './queries.ts';
import type { Database } from '../../db/client.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * Who a report or closure request runs as: someone acting for the task's owner today under a delegation covering
 * tracked tasks (代理) runs it with the owner's authority and as the delegate, so the trace reads "caller on behalf of
 * owner". Anyone else acts as themselves; the command checks again under the task's lock.
 */
async function callerForOwner(db: Database, caller: Caller, id: string): Promise<Caller> {
  if (caller.actor.kind !== 'user') return caller;
  const subject = await loadTaskSubject(db, id, caller.actor);
  const ownerId = subject?.row.ownerId;
  if (!ownerId || !subject.ownerDelegateIds.includes(caller.actor.userId)) return caller;
  const owner = await actorOf(db, ownerId);
  return owner ? { actor: owner, delegate: caller.actor, meta: caller.meta } : caller;
}

async function runAction(db: Database, caller: Caller, id: string, input: TaskActionInput): Promise<void> {
  switch (input.action) {
    case 'assign':
      await execute(db, caller, assignOwner, { id, ownerId: input.ownerId, ...(input.departmentId !== undefined ? { departmentId: input.departmentId } : {}), ...(input.comment ? { comment: input.comment } : {}) });
      return;
    case 'report':
      await execute(db, await callerForOwner(db, caller, id), reportProgress, { id, workDone: input.workDone, problems: input.problems, nextSteps: input.nextSteps, fileIds: input.fileIds });
      return;
    case 'request_closure':
      await execute(db, await callerForOwner(db, caller, id), requestClosure, { id, workDone: input.workDone, problems: input.problems, nextSteps: input.nextSteps, fileIds: input.fileIds });
      return;
    case 'accept':
      await execute(db, caller, acceptClosure, { id, ...(input.comment ? { comment: input.comment } : {}) });
      return;
    case 'reject':
      await execute(db, caller, rejectClosure, { id, reason: input.reason });
      return;
  }
}

export function taskRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['tasks'];

  /** Tasks are read by people (API tokens act as their user); the system has no views. */
  const reader = (req: FastifyRequest) => {
    const caller = callerOf(req);
    if (caller.actor.kind !== 'user') throw forbidden();
    return { caller, actor: caller.actor };
  };

  r.get('/api/tasks', {
    schema: {
      tags,
      summary: 'Tracked tasks (督办) in one view — mine, assigned, department, overdue, all — filtered and sorted, with the open count of each view',
      querystring: TaskListQuery,
      response: { 200: TaskPage, ...errors },
    },
  }, async (req) => listTasks(db, reader(req).actor, req.query));
  r.get('/api/tasks/by-source', {
    schema: { tags, summary: '按来源: how many tasks of the view under the filters come from each source (all, open, overdue)', querystring: TaskSourceCountsQuery, response: { 200: TaskSourceCounts, ...errors } },
  }, async (req) => taskSourceCounts(db, reader(req).actor, req.query));
  r.get('/api/tasks/calendar', {
    schema: { tags, summary: '截止日历: the tasks of the view whose deadline falls in [from, to), at most 62 days', querystring: TaskCalendarQuery, response: { 200: TaskCalendar, ...errors } },
  }, async (req) => taskCalendar(db, reader(req).actor, req.query));
  r.get('/api/tasks/board', {
    schema: { tags, summary: '看板: one department\'s tasks in columns by status, and the departments whose boards the reader may pick', querystring: TaskBoardQuery, response: { 200: TaskBoard, ...errors } },
  }, async (req) => taskBoard(db, reader(req).actor, req.query));

  // Untyped response on purpose, as for file contents: the answer is xlsx bytes. Built first, traced, then sent.
  app.get<{ Querystring: z.infer<typeof TaskExportQuery> }>('/api/tasks/export.xlsx', {
    schema: { tags, summary: 'The list of the view under its filters and order as xlsx (traced as an export)', querystring: TaskExportQuery, response: { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody } },
  }, async (req, reply) => {
    const { caller, actor } = reader(req);
    const file = await exportTasks(db, actor, req.query, localeOf(req), todayInShanghai());
    const filters = Object.fromEntries(Object.entries(req.query).flatMap(([key, value]) => (value === undefined ? [] : [[key, String(value)]])));
    await execute(db, caller, recordTaskExport, { filters, rows: file.rows, name: file.name, sha256: file.sha256 });
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(file.name)).header('cache-control', 'no-store').send(file.bytes);
  });
  r.post('/api/tasks', {
    schema: { tags, summary: 'Assign a tracked task (交办); without an owner it must get one within the owner window', body: CreateTaskInput, response: { 201: TrackedTask, ...errors } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const row = await execute(db, caller, createTask, req.body);
    return reply.status(201).send(await getTask(db, caller.actor, row.id));
  });
  r.get('/api/tasks/:id', { schema: { tags, params: IdParams, response: { 200: TrackedTask, ...errors } } },
    async (req) => getTask(db, callerOf(req).actor, req.params.id));
  r.post('/api/tasks/:id/actions', {
    schema: {
      tags,
      summary: 'Act on a task: assign an owner, report progress, request closure with a final report, accept or reject the closure',
      params: IdParams,
      body: TaskActionInput,
      response: { 200: TrackedTask, ...errors },
    },
  }, async (req) => {
    const caller = callerOf(req);
    await runAction(db, caller, req.params.id, req.body);
    return getTask(db, caller.actor, req.params.id);
  });
}
