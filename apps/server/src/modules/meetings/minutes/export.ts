/**
 * 决议跟踪表: the meeting's resolutions with their tasks' progress as xlsx (kernel/xlsx), and the trace of its export
 * (the file's SHA-256 as evidence) on the minutes.
 */
import type { MeetingResolution } from '@henji/contracts';
import { beijing, xlsxFile, type ExportFile } from '../../../kernel/xlsx/workbook.ts';
import { defineCommand } from '../../../kernel/command.ts';
import { notFound } from '../../../kernel/errors.ts';
import { mayReadTrace } from '../../../kernel/ledger/subjects.ts';
import { msg, render, type Locale, type Message } from '../../../kernel/messages.ts';

export async function resolutionsWorkbook(topic: string, resolutions: MeetingResolution[], locale: Locale): Promise<ExportFile> {
  const t = (m: Message) => render(locale, m);
  const header = [
    t(msg('minutes.pdf.no')),
    t(msg('minutes.xlsx.item')),
    t(msg('minutes.pdf.content')),
    t(msg('minutes.pdf.owner_department')),
    t(msg('minutes.pdf.owner')),
    t(msg('minutes.pdf.deadline')),
    t(msg('minutes.xlsx.task_number')),
    t(msg('minutes.xlsx.task_status')),
    t(msg('minutes.xlsx.overdue')),
    t(msg('minutes.xlsx.last_report')),
    t(msg('minutes.xlsx.last_report_at')),
  ];
  const rows = resolutions.map((r, i) => [
    i + 1,
    r.agendaItem?.title ?? '',
    r.removed ? `${r.content} ${t(msg('minutes.xlsx.removed', { version: r.version }))}` : r.content,
    r.department?.name ?? '',
    r.task?.owner?.displayName ?? r.owner?.displayName ?? t(msg('minutes.pdf.unassigned')),
    beijing(r.task?.deadline ?? r.deadline),
    r.task?.number ?? '',
    r.task ? t(msg(`minutes.task.${r.task.status}`)) : '',
    r.task ? t(msg(r.task.overdue ? 'minutes.xlsx.yes' : 'minutes.xlsx.no')) : '',
    r.task?.lastReport ? r.task.lastReport.workDone : '',
    beijing(r.task?.lastReport?.at),
  ]);
  const name = `${topic} ${t(msg('minutes.xlsx.sheet'))}.xlsx`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return xlsxFile(name, t(msg('minutes.xlsx.sheet')), header, rows);
}

export const recordResolutionsExport = defineCommand('minutes.recordResolutionsExport', async (ctx, input: { meetingId: string; name: string; rows: number; sha256: string }) => {
  if (!(await mayReadTrace(ctx.tx, ctx.actor, 'meeting_minutes', input.meetingId))) throw notFound('meeting');
  await ctx.trace({
    action: 'minutes.resolutions_export',
    subjectType: 'meeting_minutes',
    subjectId: input.meetingId,
    diff: { rows: { after: input.rows } },
    evidence: [{ name: input.name, sha256: input.sha256 }],
  });
  return null;
});
