/** Reading the ledger: entries for a subject or an actor, presented with names and the parsed payload. */
import { sql, type SQL } from 'drizzle-orm';
import type { LedgerEntry } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import { ENTRY_FIELDS_SQL, type EntryRow } from './entry-columns.ts';
import type { LedgerPayload } from './append.ts';
import { describeEntries } from './describe.ts';
import type { Locale } from '../messages.ts';

/** Sign-in entries are recorded by the system (nobody is signed in yet) about the person: theirs all the same. */
const SIGN_IN_ACTIONS = ['auth.login', 'auth.login_failed', 'auth.locked'];

export interface EntryFilter {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  actorId?: string | undefined;
  /** Entries by people of this department or of one under it. */
  departmentId?: string | undefined;
  action?: string | undefined;
  /** Every action `<group>.…`. */
  actionGroup?: string | undefined;
  /** Beijing days, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  /** Actions left out (entries the reader may not see, ledger/subjects.ts#hiddenActions). */
  hideActions?: readonly string[] | undefined;
  beforeId?: string | undefined;
  limit: number;
}

const signInActions = sql.join(SIGN_IN_ACTIONS.map((a) => sql`${a}`), sql`, `);

export async function listEntries(q: Queryable, filter: EntryFilter, locale: Locale = 'zh-CN'): Promise<{ items: LedgerEntry[]; nextBeforeId: string | null }> {
  const where: SQL[] = [sql`true`];
  if (filter.subjectType) where.push(sql`e.subject_type = ${filter.subjectType}`);
  if (filter.subjectId) where.push(sql`e.subject_id = ${filter.subjectId}`);
  if (filter.actorId) {
    where.push(sql`(e.actor_id = ${filter.actorId} or e.on_behalf_of_id = ${filter.actorId}
                    or (e.subject_type = 'user' and e.subject_id = ${filter.actorId} and e.action in (${signInActions})))`);
  }
  if (filter.departmentId) {
    // The department and those under it; a sign-in counts for the person signing in.
    where.push(sql`coalesce(case when e.subject_type = 'user' and e.action in (${signInActions}) then e.subject_id end, e.actor_id) in (
      with recursive tree(id) as (
        select id from departments where id = ${filter.departmentId}::uuid
        union all select d.id from departments d join tree on d.parent_id = tree.id)
      select u.id::text from users u where u.department_id in (select id from tree))`);
  }
  if (filter.action) where.push(sql`e.action = ${filter.action}`);
  if (filter.actionGroup) where.push(sql`e.action like ${`${filter.actionGroup}.%`}`);
  if (filter.from) where.push(sql`e.recorded_at >= (${filter.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (filter.to) where.push(sql`e.recorded_at < (${filter.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (filter.hideActions?.length) where.push(sql`e.action not in (${sql.join(filter.hideActions.map((a) => sql`${a}`), sql`, `)})`);
  if (filter.beforeId) where.push(sql`e.id < ${filter.beforeId}::bigint`);
  const rows = await queryRows<EntryRow & { leaf_index: string | null; actor_name: string | null; behalf_name: string | null }>(
    q,
    sql`select ${ENTRY_FIELDS_SQL}, l.leaf_index::text as leaf_index, a.display_name as actor_name, b.display_name as behalf_name
        from ledger_entries e
        left join ledger_leaves l on l.entry_id = e.id
        left join users a on a.id::text = e.actor_id
        left join users b on b.id::text = e.on_behalf_of_id
        where ${sql.join(where, sql` and `)}
        order by e.id desc limit ${filter.limit + 1}`,
  );
  const page = rows.slice(0, filter.limit).map(presentEntry);
  const descriptions = await describeEntries(q, page, locale);
  return {
    items: page.map((entry, i) => ({ ...entry, description: descriptions[i]! })),
    nextBeforeId: rows.length > filter.limit ? page[page.length - 1]!.id : null,
  };
}

function presentEntry(row: EntryRow & { leaf_index: string | null; actor_name: string | null; behalf_name: string | null }): Omit<LedgerEntry, 'description'> {
  const payload = JSON.parse(row.payload) as LedgerPayload;
  return {
    id: row.id,
    leafIndex: row.leaf_index === null ? null : Number(row.leaf_index),
    recordedAt: row.recordedAt,
    actorId: row.actorId,
    actorName: row.actor_name,
    onBehalfOfId: row.onBehalfOfId,
    onBehalfOfName: row.behalf_name,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    payload: row.payload,
    diff: payload.diff,
    comment: payload.comment,
    evidence: payload.evidence,
    requestId: payload.requestId,
    ip: payload.ip,
    userAgent: payload.userAgent,
  };
}
