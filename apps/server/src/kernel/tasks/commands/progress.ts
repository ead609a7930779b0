/**
 * 进度汇报 and 申请办结: the owner (or the owner's delegate, 代理) reports in the policy's shape — 已完成工作、存在问题及
 * 解决方案、下一步计划 — with files as evidence; a final report comes with the request for closure.
 */
import { randomUUID } from 'node:crypto';
import { actorId } from '../../actor.ts';
import { defineCommand, type Ctx } from '../../command.ts';
import { attachFiles } from '../../files/index.ts';
import { msg } from '../../messages.ts';
import { notifyTask } from '../notices.ts';
import { displayNameOf } from '../people.ts';
import { taskReports, type TaskReportRow } from '../schema.ts';
import { lockTask, saveTask } from './common.ts';

export interface ReportInput {
  id: string;
  workDone: string;
  problems: string;
  nextSteps: string;
  fileIds: readonly string[];
}

async function writeReport(ctx: Ctx, input: ReportInput, kind: TaskReportRow['kind']) {
  const action = kind === 'final' ? 'request_closure' : 'report';
  const { row } = await lockTask(ctx, input.id, action, (r) => r.status === 'in_progress', msg('tasks.not_in_progress'));
  const evidence = await attachFiles(ctx, { fileIds: input.fileIds, subjectType: 'tracked_task', subjectId: row.id, field: 'fileIds' });
  const [report] = await ctx.tx
    .insert(taskReports)
    .values({
      id: randomUUID(),
      taskId: row.id,
      authorId: actorId(ctx.actor)!,
      actedById: ctx.delegate?.userId ?? null,
      kind,
      workDone: input.workDone,
      problems: input.problems,
      nextSteps: input.nextSteps,
      fileIds: [...new Set(input.fileIds)],
      createdAt: ctx.now,
    })
    .returning();
  const saved = await saveTask(ctx, row.id, { lastReportAt: ctx.now, ...(kind === 'final' ? { status: 'submitted' as const } : {}) });
  await ctx.trace({
    action: kind === 'final' ? 'tracked_task.request_closure' : 'tracked_task.report',
    subjectType: 'tracked_task',
    subjectId: row.id,
    diff: {
      report: { after: report!.id },
      workDone: { after: report!.workDone },
      problems: { after: report!.problems },
      nextSteps: { after: report!.nextSteps },
      lastReportAt: { before: row.lastReportAt?.toISOString() ?? null, after: ctx.now.toISOString() },
      ...(kind === 'final' ? { status: { before: row.status, after: 'submitted' } } : {}),
    },
    evidence,
  });
  return { task: saved, report: report! };
}

export const reportProgress = defineCommand('tasks.reportProgress', async (ctx, input: ReportInput) => writeReport(ctx, input, 'progress'));

export const requestClosure = defineCommand('tasks.requestClosure', async (ctx, input: ReportInput) => {
  const result = await writeReport(ctx, input, 'final');
  await notifyTask(ctx, result.task, [result.task.assignerId], 'task.closure_requested', { owner: await displayNameOf(ctx.tx, result.task.ownerId) });
  return result;
});
