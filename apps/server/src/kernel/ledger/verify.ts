/**
 * `henji verify`: recomputes every leaf from its entry, the whole tree, every stored subtree hash and every checkpoint
 * root and signature, and names the first thing that does not match. Streams in batches; memory is about 64 bytes
 * per entry (two levels of 32-byte hashes at the widest).
 */
import { sql } from 'drizzle-orm';
import { checkpointNote } from '@henji/verifier';
import { queryRows, type Database } from '../../db/client.ts';
import { ENTRY_FIELDS_SQL, type EntryRow } from './entry-columns.ts';
import { verifySignature } from './keys.ts';
import { entryLeafHashSync, nodeHash, perfectPieces, foldPieces } from './tree.ts';

export type Phase = 'leaves' | 'tree' | 'nodes' | 'checkpoints';

export interface VerifyProblem {
  kind:
    | 'entry_mismatch'
    | 'leaf_missing'
    | 'leaf_orphan'
    | 'entry_unsequenced'
    | 'node_mismatch'
    | 'node_missing'
    | 'checkpoint_root_mismatch'
    | 'checkpoint_signature_invalid'
    | 'checkpoint_untrusted_key'
    | 'checkpoint_beyond_tree'
    | 'key_mismatch';
  message: string;
  entryId?: string;
  leafIndex?: number;
  level?: number;
  treeSize?: number;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  leaves: number;
  pending: number;
  nodes: number;
  checkpoints: number;
  /** The first problem in ledger order, or null. */
  firstProblem: VerifyProblem | null;
  problems: VerifyProblem[];
  problemCount: number;
  durationMs: number;
  entriesPerSecond: number;
}

export interface VerifyOptions {
  /** keyId → raw public key; checkpoints signed by any other key fail. */
  trustedKeys: ReadonlyMap<string, Uint8Array>;
  batchSize?: number;
  onProgress?: (phase: Phase, done: number, total: number) => void;
  /** stop collecting after this many problems (the count goes on) */
  maxProblems?: number;
}

const HASH = 32;

export async function verifyLedger(db: Database, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const batch = options.batchSize ?? 20000;
  const progress = options.onProgress ?? (() => undefined);
  const problems: VerifyProblem[] = [];
  let problemCount = 0;
  const report = (p: VerifyProblem) => {
    problemCount++;
    if (problems.length < (options.maxProblems ?? 100)) problems.push(p);
  };

  const [counts] = await queryRows<{ entries: string; leaves: string; pending: string; nodes: string; checkpoints: string }>(
    db,
    sql`select (select count(*) from ledger_entries)::text as entries, (select count(*) from ledger_leaves)::text as leaves,
               (select count(*) from ledger_pending)::text as pending, (select count(*) from ledger_nodes)::text as nodes,
               (select count(*) from ledger_checkpoints)::text as checkpoints`,
  );
  const leafCount = Number(counts!.leaves);

  // 1. Every leaf: contiguous index, an existing entry, and a hash recomputed from that entry's content.
  const level0 = Buffer.alloc(leafCount * HASH);
  let expected = 0;
  for (;;) {
    const rows = await queryRows<EntryRow & { leaf_index: string; leaf_hash: string; has_entry: boolean }>(
      db,
      sql`select l.leaf_index::text as leaf_index, encode(l.leaf_hash, 'hex') as leaf_hash, e.id is not null as has_entry,
                 ${ENTRY_FIELDS_SQL}
          from ledger_leaves l left join ledger_entries e on e.id = l.entry_id
          where l.leaf_index >= ${expected} order by l.leaf_index limit ${batch}`,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const index = Number(row.leaf_index);
      if (index !== expected) {
        report({ kind: 'leaf_missing', leafIndex: expected, message: `leaf ${expected} is missing from ledger_leaves` });
        expected = index;
      }
      if (index >= leafCount) break;
      if (!row.has_entry) {
        report({ kind: 'leaf_orphan', leafIndex: index, message: `leaf ${index} names an entry that does not exist` });
        Buffer.from(row.leaf_hash, 'hex').copy(level0, index * HASH);
      } else {
        const computed = entryLeafHashSync(row);
        computed.copy(level0, index * HASH);
        if (computed.toString('hex') !== row.leaf_hash) {
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
    progress('leaves', expected, leafCount);
    if (rows.length < batch) break;
  }

  // 2. Every entry is either a leaf or still pending.
  const lost = await queryRows<{ id: string }>(
    db,
    sql`select e.id::text as id from ledger_entries e
        where not exists (select 1 from ledger_leaves l where l.entry_id = e.id)
          and not exists (select 1 from ledger_pending p where p.entry_id = e.id)
        order by e.id limit 10`,
  );
  for (const row of lost) {
    report({ kind: 'entry_unsequenced', entryId: row.id, message: `entry ${row.id} is neither in the tree nor pending` });
  }

  // 3. The tree, level by level, from the recomputed leaves.
  const levels: Buffer[] = [level0];
  for (let width = leafCount; width > 1; width = Math.floor(width / 2)) {
    const below = levels[levels.length - 1]!;
    const above = Buffer.alloc(Math.floor(width / 2) * HASH);
    for (let i = 0; i + 1 < width; i += 2) {
      nodeHash(below.subarray(i * HASH, (i + 1) * HASH), below.subarray((i + 1) * HASH, (i + 2) * HASH)).copy(
        above,
        (i / 2) * HASH,
      );
    }
    levels.push(above);
    progress('tree', levels.length - 1, Math.ceil(Math.log2(Math.max(leafCount, 2))));
  }
  const nodeAt = (level: number, idx: number) => levels[level]!.subarray(idx * HASH, (idx + 1) * HASH);

  // 4. Every stored subtree hash, which proofs are served from.
  let seenNodes = 0;
  let cursor = { level: 0, idx: -1 };
  const expectedNodes = levels.slice(1).reduce((n, l) => n + l.length / HASH, 0);
  for (;;) {
    // ORDER BY names the columns by table: a bare `idx` would mean the text alias and sort '10' before '9', and the
    // keyset pagination would then skip stored hashes.
    const rows = await queryRows<{ level: number; idx: string; hash: string }>(
      db,
      sql`select level, idx::text as idx, encode(hash, 'hex') as hash from ledger_nodes
          where (level, idx) > (${cursor.level}, ${cursor.idx}) order by ledger_nodes.level, ledger_nodes.idx limit ${batch}`,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const level = Number(row.level);
      const idx = Number(row.idx);
      seenNodes++;
      const width = levels[level] ? levels[level].length / HASH : 0;
      if (level < 1 || idx >= width) {
        report({ kind: 'node_mismatch', level, leafIndex: idx * 2 ** level, message: `stored node (${level}, ${idx}) lies outside the tree` });
      } else if (nodeAt(level, idx).toString('hex') !== row.hash) {
        report({
          kind: 'node_mismatch',
          level,
          leafIndex: idx * 2 ** level,
          message: `stored subtree hash (${level}, ${idx}) over leaves ${idx * 2 ** level}… does not match the recomputed tree`,
        });
      }
      cursor = { level, idx };
    }
    progress('nodes', seenNodes, expectedNodes);
    if (rows.length < batch) break;
  }
  if (seenNodes < expectedNodes) {
    report({ kind: 'node_missing', message: `${expectedNodes - seenNodes} stored subtree hashes are missing` });
  }

  // 5. Every checkpoint: its root equals the recomputed tree at its size, and a trusted key signed it.
  const keys = await queryRows<{ key_id: string; public_key: string }>(
    db,
    sql`select key_id, encode(public_key, 'hex') as public_key from ledger_keys`,
  );
  for (const key of keys) {
    const trusted = options.trustedKeys.get(key.key_id);
    if (trusted && Buffer.from(trusted).toString('hex') !== key.public_key) {
      report({ kind: 'key_mismatch', message: `ledger_keys row ${key.key_id} does not hold the trusted public key` });
    }
  }
  let checkpointsSeen = 0;
  let after = -1;
  const totalCheckpoints = Number(counts!.checkpoints);
  for (;;) {
    const rows = await queryRows<{ tree_size: string; root_hash: string; issued_at: string; key_id: string; signature: string }>(
      db,
      sql`select tree_size::text as tree_size, encode(root_hash, 'hex') as root_hash, key_id,
                 to_char(issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at,
                 encode(signature, 'hex') as signature
          from ledger_checkpoints where tree_size > ${after} order by ledger_checkpoints.tree_size limit ${batch}`,
    );
    if (rows.length === 0) break;
    for (const row of rows) {
      const size = Number(row.tree_size);
      checkpointsSeen++;
      after = size;
      if (size > leafCount) {
        report({ kind: 'checkpoint_beyond_tree', treeSize: size, message: `checkpoint at size ${size} is beyond the tree (${leafCount})` });
        continue;
      }
      const root = foldPieces(perfectPieces(0, size).map((p) => nodeAt(p.level, p.idx)));
      const key = options.trustedKeys.get(row.key_id);
      const note = checkpointNote({
        treeSize: size,
        rootHash: Buffer.from(row.root_hash, 'hex').toString('base64'),
        issuedAt: row.issued_at,
      });
      if (root.toString('hex') !== row.root_hash) {
        report({
          kind: 'checkpoint_root_mismatch',
          treeSize: size,
          message: `checkpoint at size ${size} has a root that does not match the recomputed tree`,
        });
      } else if (!key) {
        report({
          kind: 'checkpoint_untrusted_key',
          treeSize: size,
          message: `checkpoint at size ${size} is signed by untrusted key ${row.key_id}`,
        });
      } else if (!verifySignature(key, note, Buffer.from(row.signature, 'hex'))) {
        report({
          kind: 'checkpoint_signature_invalid',
          treeSize: size,
          message: `checkpoint at size ${size} has an invalid signature`,
        });
      }
    }
    progress('checkpoints', checkpointsSeen, totalCheckpoints);
    if (rows.length < batch) break;
  }

  const durationMs = performance.now() - started;
  problems.sort(ledgerOrder);
  return {
    ok: problemCount === 0,
    entries: Number(counts!.entries),
    leaves: leafCount,
    pending: Number(counts!.pending),
    nodes: seenNodes,
    checkpoints: checkpointsSeen,
    firstProblem: problems[0] ?? null,
    problems,
    problemCount,
    durationMs: Math.round(durationMs),
    entriesPerSecond: Math.round((leafCount / Math.max(durationMs, 1)) * 1000),
  };
}

/**
 * Entry-level problems first, then the tree, then checkpoints, each by ledger position: an altered entry also breaks
 * every subtree and checkpoint above it, and the entry is the cause worth naming.
 */
const LAYER: Record<VerifyProblem['kind'], number> = {
  entry_mismatch: 0,
  leaf_missing: 0,
  leaf_orphan: 0,
  entry_unsequenced: 0,
  node_mismatch: 1,
  node_missing: 1,
  checkpoint_root_mismatch: 2,
  checkpoint_signature_invalid: 2,
  checkpoint_untrusted_key: 2,
  checkpoint_beyond_tree: 2,
  key_mismatch: 3,
};

function ledgerOrder(a: VerifyProblem, b: VerifyProblem): number {
  const pos = (p: VerifyProblem) => p.leafIndex ?? (p.treeSize !== undefined ? p.treeSize - 1 : Number.MAX_SAFE_INTEGER);
  return LAYER[a.kind] - LAYER[b.kind] || pos(a) - pos(b);
}
