/**
 * 督办任务 as xlsx: the list the reader sees under the page's view, filters and order (up to TASK_EXPORT_MAX_ROWS),
 * read through the list's own conditions so a row is what the screen shows; headers, sources and states in the
 * request's language, times in Beijing time.
 */
import { and } from 'drizzle-orm';
import type { TaskExportQuery, TrackedTaskSummary } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { UserActor } from '../actor.ts';
import { msg, render, type Locale, type MessageKey } from '../messages.ts';
import { beijing, xlsxFile, type ExportFile } from '../xlsx/workbook.ts';
import { selectTaskSubjects } from './policies.ts';
import { listConditions, presentSummaries, taskOrder } from './queries.ts';
import { forReader, readerOf } from './visibility.ts';

export const TASK_EXPORT_MAX_ROWS = 5000;

const COLUMNS = ['number', 'title', 'source', 'department', 'owner', 'assigner', 'deadline', 'status', 'overdue', 'last_report', 'cross_department', 'created'] as const;

const text = (locale: Locale, key: MessageKey) => render(locale, msg(key as never));

function cell(locale: Locale, task: TrackedTaskSummary, column: (typeof COLUMNS)[number]): string {
  switch (column) {
    case 'number': return task.number ?? '';
    case 'title': return task.title;
    case 'source': return text(locale, `describe.task.source.${task.source}`);
    case 'department': return task.department?.name ?? '';
    case 'owner': return task.owner?.displayName ?? text(locale, 'tasks.export_no_owner');
    case 'assigner': return task.assigner.displayName;
    case 'deadline': return beijing(task.deadline);
    case 'status': return text(locale, `describe.task.status.${task.status}`);
    case 'overdue': return text(locale, task.overdue && task.status !== 'closed' ? 'tasks.export_yes' : 'tasks.export_no');
    case 'last_report': return beijing(task.lastReportAt);
    case 'cross_department': return text(locale, task.crossDepartment ? 'tasks.export_yes' : 'tasks.export_no');
    case 'created': return beijing(task.createdAt);
  }
}

export async function exportTasks(q: Queryable, actor: UserActor, query: TaskExportQuery, locale: Locale, day: string): Promise<ExportFile> {
  const reader = await readerOf(q, actor);
  const rows = await selectTaskSubjects(q)
    .where(and(...listConditions(reader, query)))
    .orderBy(...taskOrder(query.sort, query.order))
    .limit(TASK_EXPORT_MAX_ROWS);
  const tasks = await presentSummaries(q, actor, forReader(reader, rows));
  const header = COLUMNS.map((c) => text(locale, `tasks.export_col_${c}`));
  const sheet = text(locale, 'tasks.export_sheet');
  return xlsxFile(`${sheet}-${day}.xlsx`, sheet, header, tasks.map((task) => COLUMNS.map((c) => cell(locale, task, c))));
}
