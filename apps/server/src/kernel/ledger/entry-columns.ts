import { sql } from 'drizzle-orm';
import type { EntryFields } from '@henji/verifier';

/** The ledger_entries columns in their canonical text form, for any query that rebuilds leaf data. Alias: e. */
export const ENTRY_FIELDS_SQL = sql`e.id::text as id,
  to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt",
  e.actor_id as "actorId", e.on_behalf_of_id as "onBehalfOfId", e.action, e.subject_type as "subjectType",
  e.subject_id as "subjectId", e.payload`;

export type EntryRow = EntryFields;
