/**
 * 我的申请 and 我的待办 as xlsx (issue 9 §7): the lists the caller sees, with the filters they set, every page of them
 * (up to EXPORT_MAX_ROWS), Chinese (or English) headers, states in words, times in Beijing time. The lists are read
 * through the same queries as the pages, so a row is exactly what the screen shows.
 */
import type { ApplicationExportQuery, InboxExportQuery, InboxItem, ApplicationSummary } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import type { UserActor } from '../../../kernel/actor.ts';
import { msg, render, type Locale, type MessageKey } from '../../../kernel/messages.ts';
import { listInbox } from '../inbox.ts';
import { listApplications } from '../queries.ts';
import { beijing, xlsxFile as fileOf, type ExportFile } from '../../../kernel/xlsx/workbook.ts';

export type { ExportFile };

export const EXPORT_MAX_ROWS = 5000;
const PAGE = 200;

const t = (locale: Locale, key: MessageKey) => render(locale, msg(key as never));

export async function exportApplications(q: Queryable, actor: UserActor, query: ApplicationExportQuery, locale: Locale, day: string): Promise<ExportFile> {
  const items: ApplicationSummary[] = [];
  for (let page = 1; items.length < EXPORT_MAX_ROWS; page++) {
    const result = await listApplications(q, actor, { ...query, scope: 'mine', sort: 'updatedAt', order: 'desc', page, pageSize: PAGE }, locale);
    items.push(...result.items);
    if (result.items.length < PAGE) break;
  }
  const header = ['number', 'title', 'type', 'status', 'urgent', 'current', 'assignees', 'created', 'submitted', 'completed'].map((c) => t(locale, `comfort.col_${c}` as MessageKey));
  const rows = items.slice(0, EXPORT_MAX_ROWS).map((a) => [
    a.number ?? '',
    a.title,
    a.type.name,
    t(locale, `flow.status.${a.status}` as MessageKey),
    t(locale, a.urgent ? 'comfort.yes' : 'comfort.no'),
    a.currentNodes.map((n) => n.nodeName).join('、'),
    a.currentAssignees.map((u) => u.displayName).join('、'),
    beijing(a.createdAt),
    beijing(a.submittedAt),
    beijing(a.completedAt),
  ]);
  const sheet = t(locale, 'comfort.export_sheet_applications');
  return fileOf(`${sheet}-${day}.xlsx`, sheet, header, rows);
}

const decisionText = (locale: Locale, item: InboxItem) => {
  if (item.kind === 'cc') return t(locale, item.status === 'done' ? 'comfort.read' : 'comfort.unread');
  return item.decision ? t(locale, `comfort.decision.${item.decision}` as MessageKey) : '';
};

export async function exportInbox(q: Queryable, actor: UserActor, query: InboxExportQuery, locale: Locale, day: string): Promise<ExportFile> {
  const items: InboxItem[] = [];
  for (let page = 1; items.length < EXPORT_MAX_ROWS; page++) {
    const result = await listInbox(q, actor, { ...query, page, pageSize: PAGE }, locale);
    items.push(...result.items);
    if (result.items.length < PAGE) break;
  }
  const columns =
    query.tab === 'todo'
      ? ['number', 'title', 'type', 'applicant', 'node', 'urgent', 'on_behalf', 'received', 'deadline', 'status']
      : query.tab === 'done'
        ? ['number', 'title', 'type', 'applicant', 'node', 'decision', 'acted', 'status']
        : ['number', 'title', 'type', 'applicant', 'node', 'read', 'received', 'status'];
  const cell = (item: InboxItem, column: string): string => {
    switch (column) {
      case 'number': return item.application.number ?? '';
      case 'title': return item.application.title;
      case 'type': return item.application.typeName;
      case 'applicant': return item.application.initiator.displayName;
      case 'node': return item.nodeName;
      case 'urgent': return t(locale, item.application.urgent ? 'comfort.yes' : 'comfort.no');
      case 'on_behalf': return item.onBehalfOf?.displayName ?? '';
      case 'received': return beijing(item.receivedAt);
      case 'deadline': return beijing(item.deadline);
      case 'acted': return beijing(item.actedAt);
      case 'decision':
      case 'read': return decisionText(locale, item);
      case 'status': return t(locale, `flow.status.${item.application.status}` as MessageKey);
      default: return '';
    }
  };
  const header = columns.map((c) => t(locale, `comfort.col_${c}` as MessageKey));
  const rows = items.slice(0, EXPORT_MAX_ROWS).map((item) => columns.map((c) => cell(item, c)));
  const sheet = t(locale, `comfort.export_sheet_${query.tab}` as MessageKey);
  return fileOf(`${sheet}-${day}.xlsx`, sheet, header, rows);
}
