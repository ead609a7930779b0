/**
 * Appending to the ledger: the only code that inserts ledger entries. It runs inside the command's transaction,
 * inserts the entry and a pending marker, and never touches shared rows, so concurrent commands do not serialise
 * on the ledger. The sequencer later gives each entry its leaf index.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { canonicalJson } from '@henji/verifier';
import { queryRows, type Tx } from '../../db/client.ts';
import { InternalError } from '../errors.ts';
import { commitmentKey } from './commitment-key.ts';
import { isKnownAction, type ActionName } from './actions.ts';

export interface FieldChange {
  before?: unknown;
  after?: unknown;
}

export interface Evidence {
  name: string;
  sha256: string;
}

export interface TraceInput {
  action: ActionName;
  subjectType: string;
  subjectId: string;
  diff?: Record<string, FieldChange>;
  /** The written opinion or comment (书面意见). */
  comment?: string | null;
  evidence?: Evidence[];
  /**
   * Diff fields whose values are secret (保密性原则): the ledger holds only a keyed commitment (HMAC-SHA256 under a key
   * kept outside the database), so reading the ledger never reveals them, not even by guessing.
   */
  confidential?: readonly string[];
}

export interface TraceMeta {
  actorId: string | null;
  onBehalfOfId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  recordedAt: Date;
}

export interface LedgerPayload {
  diff: Record<string, FieldChange>;
  comment: string | null;
  evidence: Evidence[];
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** How confidential values are committed: an HMAC under the process's commitment key (ledger/commitment-key.ts). */
export const commitmentOf = (value: unknown) => commitmentKey().commit(canonicalJson(value ?? null));

/** The unsalted form of entries written before the keyed one, kept to read them; never written any more. */
export const legacyCommitmentOf = (value: unknown) =>
  `sha256:${createHash('sha256').update(canonicalJson(value ?? null)).digest('hex')}`;

export function buildPayload(input: TraceInput, meta: TraceMeta): string {
  const secret = new Set(input.confidential ?? []);
  const diff: Record<string, FieldChange> = {};
  for (const [field, change] of Object.entries(input.diff ?? {})) {
    const hide = secret.has(field);
    diff[field] = {
      ...('before' in change ? { before: hide ? commitmentOf(change.before) : change.before ?? null } : {}),
      ...('after' in change ? { after: hide ? commitmentOf(change.after) : change.after ?? null } : {}),
    };
  }
  const payload: LedgerPayload = {
    diff,
    comment: input.comment ?? null,
    evidence: input.evidence ?? [],
    requestId: meta.requestId,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };
  return canonicalJson(payload);
}

/** Appends one entry; returns its id (decimal string). */
export async function appendEntry(tx: Tx, input: TraceInput, meta: TraceMeta): Promise<string> {
  return appendEntries(tx, [{ input, meta }]);
}

/**
 * Appends entries in the given order with one statement (ids are drawn in the order of the VALUES list); returns the
 * id of the last. A command's deferred entries (notification batches) go out together with its own trace this way.
 */
export async function appendEntries(tx: Tx, entries: readonly { input: TraceInput; meta: TraceMeta }[]): Promise<string> {
  for (const { input } of entries) {
    if (!isKnownAction(input.action)) throw new InternalError(`trace action ${input.action} is not in the catalogue`);
  }
  const values = sql.join(
    entries.map(
      ({ input, meta }) =>
        sql`(${meta.recordedAt.toISOString()}, ${meta.actorId}, ${meta.onBehalfOfId}, ${input.action}, ${input.subjectType}, ${input.subjectId}, ${buildPayload(input, meta)})`,
    ),
    sql`, `,
  );
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with e as (
          insert into ledger_entries (recorded_at, actor_id, on_behalf_of_id, action, subject_type, subject_id, payload)
          values ${values}
          returning id)
        insert into ledger_pending (entry_id) select id from e returning entry_id::text as id`,
  );
  return rows.map((r) => BigInt(r.id)).reduce((a, b) => (b > a ? b : a)).toString();
}

/** Field-by-field difference of two flat records, for the `diff` of a trace. Dates compare by instant. */
export function diffOf(
  before: object | null,
  after: object,
  fields: readonly string[],
): Record<string, FieldChange> {
  const diff: Record<string, FieldChange> = {};
  for (const field of fields) {
    const a = normalise((before as Record<string, unknown> | null)?.[field]);
    const b = normalise((after as Record<string, unknown>)[field]);
    if (before === null) {
      if (b !== undefined) diff[field] = { after: b };
    } else if (b !== undefined && canonicalJson(a) !== canonicalJson(b)) {
      diff[field] = { before: a ?? null, after: b };
    }
  }
  return diff;
}

const normalise = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
