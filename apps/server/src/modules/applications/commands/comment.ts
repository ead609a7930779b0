/** Comments (评论) on an application by anyone who may read it; each is a trace entry with the written text. */
import { randomUUID } from 'node:crypto';
import { authorize } from '../../../kernel/access/policy.ts';
import { defineCommand } from '../../../kernel/command.ts';
import { applicationComments } from '../schema.ts';
import { openRun } from '../engine/run.ts';
import { loadApplicationSubject } from '../policies.ts';
import { requireStatus, snapshot, traceRun, userIdOf } from './common.ts';

export const commentOnApplication = defineCommand('applications.comment', async (ctx, input: { id: string; body: string }) => {
  const run = await openRun(ctx, input.id);
  authorize(ctx.actor, 'comment', 'application', await loadApplicationSubject(ctx.tx, run.app.id));
  requireStatus(run, 'running', 'returned', 'approved', 'rejected', 'withdrawn');
  const before = await snapshot(run);
  const id = randomUUID();
  await ctx.tx.insert(applicationComments).values({
    id,
    applicationId: run.app.id,
    authorId: ctx.delegate?.userId ?? userIdOf(ctx),
    onBehalfOfId: ctx.delegate ? userIdOf(ctx) : null,
    body: input.body.trim(),
    createdAt: ctx.now,
  });
  await traceRun(run, 'application.comment', { before, comment: input.body.trim(), diff: { commentId: { after: id } } });
  return { id };
});
