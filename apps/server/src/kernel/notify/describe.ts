/**
 * Notification entries in plain language (ledger/describe.ts): a notification is named by its template's title
 * without its placeholders ("已通过：{title}" → "已通过"), and so is the `template` field.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { isUuid, registerDescriber, uuidList } from '../ledger/describe.ts';
import type { Locale } from '../messages.ts';
import { registeredNotificationTemplates } from './templates.ts';

/** A template's title with its placeholders and the separator before them left out. */
export function templateName(key: string, locale: Locale): string | undefined {
  const title = registeredNotificationTemplates().get(key)?.[locale].title;
  if (!title) return undefined;
  return title.replace(/\s*[:：]?\s*\{\w+\}\s*/g, ' ').trim() || undefined;
}

registerDescriber('notification', async (q, entries, ctx) => {
  const ids = [...new Set(entries.map((e) => e.subjectId))].filter(isUuid);
  const templates = new Map<string, string>();
  if (ids.length > 0) {
    const rows = await queryRows<{ id: string; template: string }>(
      q,
      sql`select distinct on (batch_id) batch_id::text as id, template from notifications
          where batch_id in (${uuidList(ids)})`,
    );
    for (const row of rows) templates.set(row.id, row.template);
  }
  return {
    name: (id) => {
      const template = templates.get(id);
      return template ? templateName(template, ctx.locale) : undefined;
    },
    value: (_e, field, value) => (field === 'template' && typeof value === 'string' ? templateName(value, ctx.locale) : undefined),
  };
});
