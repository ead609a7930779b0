/** The trace of a download of the 督办 list as xlsx: the view, its filters, how many rows, the file's hash as evidence. */
import { defineCommand } from '../../command.ts';
import { forbidden } from '../../errors.ts';
import { msg } from '../../messages.ts';

export interface TaskExportRecord {
  filters: Record<string, string>;
  rows: number;
  name: string;
  sha256: string;
}

export const recordTaskExport = defineCommand('tasks.recordExport', async (ctx, input: TaskExportRecord) => {
  if (ctx.actor.kind !== 'user') throw forbidden(msg('tasks.needs_user'));
  await ctx.trace({
    action: 'user.task_export',
    subjectType: 'user',
    subjectId: ctx.actor.userId,
    diff: { filters: { after: input.filters }, rows: { after: input.rows } },
    evidence: [{ name: input.name, sha256: input.sha256 }],
  });
  return null;
});
