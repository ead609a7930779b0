/**
 * The first and costliest phase of `henji verify`: every leaf in a range is contiguous, names an existing entry, and
 * carries the hash recomputed from that entry's content. Runs in-process, or in worker threads (verify-leaves.worker.ts)
 * that each take a slice of the leaves over their own connection and write into one shared buffer of leaf hashes.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.ts';
import type { EntryFields } from '@henji/verifier';
import { ENTRY_FIELDS_SQL } from './entry-columns.ts';
import { entryLeafHashSync } from './tree.ts';
import type { VerifyProblem } from './verify.ts';

export const HASH = 32;

export interface LeafRangeResult {
  problems: VerifyProblem[];
  problemCount: number;
}

/** A leaf joined to its entry; the entry's columns are null when the entry is missing. */
type LeafRow = Omit<EntryFields, 'id'> & {
  id: string | null;
  leaf_index: string;
  leaf_hash: Uint8Array;
  /** the entry id the leaf names, even when that entry is gone */
  leaf_entry_id: string;
  /** recorded_at holds no digit below the millisecond, which the hash (…SS.MS) would not cover */
  recorded_exact: boolean | null;
};

/** Checks leaves [from, to), writing each recomputed leaf hash into `level0` at its index. */
export async function checkLeafRange(
  q: Queryable,
  range: { from: number; to: number },
  level0: Buffer,
  options: { batchSize: number; maxProblems: number; onProgress?: (checkedInRange: number) => void },
): Promise<LeafRangeResult> {
  const problems: VerifyProblem[] = [];
  let problemCount = 0;
  const report = (p: VerifyProblem) => {
    problemCount++;
    if (problems.length < options.maxProblems) problems.push(p);
  };
  let expected = range.from;
  while (expected < range.to) {
    const rows = await queryRows<LeafRow>(
      q,
      sql`select l.leaf_index::text as leaf_index, l.leaf_hash, l.entry_id::text as leaf_entry_id,
                 e.recorded_at = date_trunc('milliseconds', e.recorded_at) as recorded_exact, ${ENTRY_FIELDS_SQL}
          from ledger_leaves l left join ledger_entries e on e.id = l.entry_id
          where l.leaf_index >= ${expected} and l.leaf_index < ${range.to}
          order by l.leaf_index limit ${options.batchSize}`,
    );
    for (const row of rows) {
      const index = Number(row.leaf_index);
      if (index !== expected) {
        report({ kind: 'leaf_missing', leafIndex: expected, message: `leaf ${expected} is missing from ledger_leaves` });
      }
      const stored = Buffer.from(row.leaf_hash.buffer, row.leaf_hash.byteOffset, row.leaf_hash.byteLength);
      if (row.id === null) {
        report({
          kind: 'leaf_orphan',
          entryId: row.leaf_entry_id,
          leafIndex: index,
          message: `leaf ${index} names entry ${row.leaf_entry_id}, which does not exist: the entry was deleted`,
        });
        stored.copy(level0, index * HASH);
      } else {
        const computed = entryLeafHashSync(row as LeafRow & { id: string });
        computed.copy(level0, index * HASH);
        if (row.recorded_exact === false) {
          report({
            kind: 'entry_mismatch',
            entryId: row.id,
            leafIndex: index,
            message: `entry ${row.id} (leaf ${index}) has a recorded_at with digits below the millisecond, which its leaf hash does not cover: it was altered`,
          });
        } else if (!computed.equals(stored)) {
          report({
            kind: 'entry_mismatch',
            entryId: row.id,
            leafIndex: index,
            message: `entry ${row.id} (leaf ${index}) does not match its leaf hash: its content or the leaf was altered`,
          });
        }
      }
      expected = index + 1;
    }
    options.onProgress?.(expected - range.from);
    if (rows.length < options.batchSize) break;
  }
  if (expected < range.to) {
    report({ kind: 'leaf_missing', leafIndex: expected, message: `leaf ${expected} is missing from ledger_leaves` });
  }
  return { problems, problemCount };
}
