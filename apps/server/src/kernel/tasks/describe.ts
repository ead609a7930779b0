/** A tracked task's trace in plain language (ledger/describe.ts): "督办任务 DB20260003 标题", states and sources in words. */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { isUuid, registerDescriber, registerNumberResolver, uuidList } from '../ledger/describe.ts';
import { isMessageKey } from '../messages.ts';

registerDescriber('tracked_task', async (q, entries, ctx) => {
  const ids = [...new Set(entries.map((e) => e.subjectId))].filter(isUuid);
  const names = new Map<string, string>();
  if (ids.length > 0) {
    const rows = await queryRows<{ id: string; number: string | null; title: string }>(
      q,
      sql`select id::text as id, number, title from tracked_tasks where id in (${uuidList(ids)})`,
    );
    for (const row of rows) names.set(row.id, [row.number, row.title].filter(Boolean).join(' '));
  }
  return {
    name: (id) => names.get(id),
    value: (_e, field, value) => {
      if (typeof value !== 'string' || (field !== 'status' && field !== 'source')) return undefined;
      const key = `describe.task.${field}.${value}`;
      return isMessageKey(key) ? ctx.text({ key }) : undefined;
    },
  };
});

registerNumberResolver(async (q, number) => {
  const [row] = await queryRows<{ id: string }>(q, sql`select id::text as id from tracked_tasks where number = ${number}`);
  return row ? { subjectType: 'tracked_task', subjectId: row.id } : null;
});
