/**
 * Guards on the database schema that the kernel relies on: every data table reports writes to `execute` (so an
 * untraced change cannot go unnoticed), and every ledger table is append-only.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHenji, type TestHenji } from '../../test/harness.ts';
import { queryRows } from './client.ts';
import { APPEND_ONLY_TABLES } from '../kernel/ledger/schema.ts';

let h: TestHenji;
beforeAll(async () => {
  h = await startHenji();
});
afterAll(async () => h?.close());

async function tablesWithTrigger(suffix: string): Promise<{ table: string; has: boolean }[]> {
  return queryRows<{ table: string; has: boolean }>(
    h.db,
    sql`select c.relname as table,
               exists (select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || ${suffix}) as has
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
  );
}

describe('schema guards', () => {
  it('every data table has the write-marking triggers (add them in the migration that creates a table)', async () => {
    const rows = await tablesWithTrigger('_mark_write');
    const data = rows.filter((r) => !r.table.startsWith('ledger_') && r.table !== 'henji_migrations');
    expect(data.length).toBeGreaterThanOrEqual(8);
    expect(data.filter((r) => !r.has).map((r) => r.table)).toEqual([]);
    const truncate = await tablesWithTrigger('_mark_truncate');
    expect(truncate.filter((r) => data.some((d) => d.table === r.table) && !r.has).map((r) => r.table)).toEqual([]);
  });

  it('every ledger table is append-only', async () => {
    const rows = await tablesWithTrigger('_no_rewrite');
    const ledger = rows.filter((r) => r.table.startsWith('ledger_') && r.table !== 'ledger_pending');
    expect(ledger.map((r) => r.table).sort()).toEqual([...APPEND_ONLY_TABLES].sort());
    expect(ledger.every((r) => r.has)).toBe(true);
  });
});
