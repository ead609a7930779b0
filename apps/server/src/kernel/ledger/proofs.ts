/**
 * Inclusion and consistency proofs (RFC 9162 §2.1.3, §2.1.4) served from stored subtree hashes: every hash a proof
 * needs is a fold of O(log n) perfect subtrees, all fetched in one query.
 */
import { sql } from 'drizzle-orm';
import { checkpointNote } from '@henji/verifier';
import { queryRows, type Queryable } from '../../db/client.ts';
import { conflict, invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { currentTreeSize, fetchNodeHashes } from './sequencer.ts';
import { consistencyRanges, foldPieces, inclusionRanges, perfectPieces, type Range } from './tree.ts';

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: string;
  issuedAt: string;
  keyId: string;
  signature: string;
  note: string;
}

async function hashesOfRanges(q: Queryable, ranges: readonly Range[]): Promise<string[]> {
  const piecesPerRange = ranges.map((r) => perfectPieces(r.start, r.end));
  // Proofs of neighbouring leaves share most of their pieces: each is asked for once.
  const wanted = new Map(piecesPerRange.flat().map((p) => [`${p.level}:${p.idx}`, p]));
  const hashes = await fetchNodeHashes(q, [...wanted.values()]);
  return piecesPerRange.map((pieces) =>
    foldPieces(
      pieces.map((p) => {
        const h = hashes.get(`${p.level}:${p.idx}`);
        if (!h) throw conflict(msg('ledger.tree_building'));
        return h;
      }),
    ).toString('hex'),
  );
}

async function assertTreeSize(q: Queryable, treeSize: number): Promise<void> {
  const size = await currentTreeSize(q);
  if (treeSize > size) {
    throw invalid({ treeSize: msg('ledger.at_most', { max: size }) }, msg('ledger.tree_size_too_large', { treeSize, size }));
  }
}

export async function inclusionProof(q: Queryable, leafIndex: number, treeSize: number) {
  return (await inclusionProofs(q, [leafIndex], treeSize))[0]!;
}

/** Inclusion proofs of many leaves in one tree (an evidence report's, a bundle's entries): one size check, one query. */
export async function inclusionProofs(q: Queryable, leafIndexes: readonly number[], treeSize: number) {
  if (leafIndexes.some((leafIndex) => leafIndex >= treeSize)) {
    throw invalid({ index: msg('ledger.below_tree_size') }, msg('ledger.index_not_below_tree_size'));
  }
  if (leafIndexes.length === 0) return [];
  await assertTreeSize(q, treeSize);
  const perLeaf = leafIndexes.map((leafIndex) => [{ start: leafIndex, end: leafIndex + 1 }, ...inclusionRanges(leafIndex, 0, treeSize)]);
  const hashes = await hashesOfRanges(q, perLeaf.flat());
  let at = 0;
  return leafIndexes.map((leafIndex, k) => {
    const [leafHash, ...proof] = hashes.slice(at, (at += perLeaf[k]!.length));
    return { leafIndex, treeSize, leafHash: leafHash!, proof };
  });
}

export async function consistencyProof(q: Queryable, from: number, to: number) {
  if (from > to) {
    throw invalid({ from: msg('ledger.not_above_to') }, msg('ledger.from_after_to'));
  }
  await assertTreeSize(q, to);
  return { from, to, proof: await hashesOfRanges(q, consistencyRanges(from, to)) };
}

interface CheckpointRow {
  tree_size: string | number;
  root_hash: string;
  issued_at: string;
  key_id: string;
  signature: string;
}

const checkpointFrom = (row: CheckpointRow): StoredCheckpoint => {
  const c = {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    issuedAt: row.issued_at,
    keyId: row.key_id,
    signature: row.signature,
  };
  return { ...c, note: checkpointNote(c) };
};

// encode(…, 'base64') wraps lines at 76 characters; the replace undoes that.
const CHECKPOINT_COLUMNS = sql`tree_size, encode(root_hash, 'base64') as root_hash,
  to_char(issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at, key_id,
  replace(encode(signature, 'base64'), E'\n', '') as signature`;

export async function latestCheckpoint(q: Queryable): Promise<StoredCheckpoint | null> {
  const [row] = await queryRows<CheckpointRow>(
    q,
    sql`select ${CHECKPOINT_COLUMNS} from ledger_checkpoints order by tree_size desc limit 1`,
  );
  return row ? checkpointFrom(row) : null;
}
