/**
 * `henji verify`: recomputes every leaf from its entry, the whole tree, every stored subtree hash and every checkpoint
 * root and signature, and names the first thing that does not match. Streams in batches; memory is about 64 bytes
 * per entry (two levels of 32-byte hashes at the widest).
 */
import { sql } from 'drizzle-orm';
import { checkpointNote } from '@henji/verifier';
import { queryRows, type Database, type Queryable } from '../../db/client.ts';
import { verifySignature } from './keys.ts';
import { Worker } from 'node:worker_threads';
import { nodeHash, perfectPieces, foldPieces } from './tree.ts';
import { checkLeafRange, HASH, type LeafRangeResult } from './verify-leaves.ts';
import type { LeafWorkerInput, LeafWorkerMessage } from './verify-leaves.worker.ts';

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
    | 'key_mismatch'
    /** `--since`: the exported checkpoint's own signature or key */
    | 'since_signature_invalid'
    | 'since_untrusted_key'
    /** `--since`: the tree is now smaller than the exported checkpoint (entries were deleted from its end) */
    | 'since_rolled_back'
    /** `--since`: the first treeSize leaves no longer hash to the exported root (history was rewritten) */
    | 'since_inconsistent';
  message: string;
  entryId?: string;
  leafIndex?: number;
  level?: number;
  treeSize?: number;
  /** Where a change must lie, [from, to) in leaf indexes: between the last checkpoint that matches and the first that does not. */
  leafRange?: [number, number];
}

/** A signed checkpoint kept outside the database (`henji checkpoint export`), for `verify --since`. */
export interface ExportedCheckpoint {
  treeSize: number;
  /** base64 */
  rootHash: string;
  issuedAt: string;
  keyId: string;
  /** base64 */
  signature: string;
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
  /** On PostgreSQL, check the leaves in this many worker threads, each with its own connection. */
  workers?: { databaseUrl: string; count: number; minLeaves?: number };
  /** Prove the current tree extends this earlier signed checkpoint (catches a log rolled back or rewritten). */
  since?: ExportedCheckpoint;
}

async function checkLeavesInWorkers(
  workers: { databaseUrl: string; count: number },
  snapshot: string,
  leafCount: number,
  level0: Buffer,
  batchSize: number,
  onProgress: (done: number) => void,
): Promise<LeafRangeResult[]> {
  const slice = Math.ceil(leafCount / workers.count);
  const checked = new Array<number>(workers.count).fill(0);
  return Promise.all(
    checked.map(
      (_, i) =>
        new Promise<LeafRangeResult>((resolve, reject) => {
          const input: LeafWorkerInput = {
            databaseUrl: workers.databaseUrl,
            snapshot,
            from: i * slice,
            to: Math.min(leafCount, (i + 1) * slice),
            batchSize,
            maxProblems: 100,
            level0: level0.buffer as SharedArrayBuffer,
          };
          const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
            workerData: { ...input, entry: new URL('./verify-leaves.worker.ts', import.meta.url).href },
          });
          worker.on('message', (message: LeafWorkerMessage) => {
            if (message.type === 'progress') {
              checked[i] = message.checked;
              onProgress(checked.reduce((a, b) => a + b, 0));
            } else {
              resolve({ problems: message.problems, problemCount: message.problemCount });
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => code !== 0 && reject(new Error(`verify worker ${i} exited with code ${code}`)));
        }),
    ),
  );
}

/** Below this many leaves, starting worker threads costs more than it saves. */
const PARALLEL_MIN_LEAVES = 100_000;

/**
 * Verify reads one snapshot of the ledger: on a live system the sequencer keeps adding leaves, subtree hashes and
 * checkpoints, and phases reading at different moments would see nodes and checkpoints beyond the leaves they counted
 * (false `node_mismatch`). So everything runs in one REPEATABLE READ, READ ONLY transaction, and on PostgreSQL the
 * worker threads import its snapshot (`pg_export_snapshot()` → `SET TRANSACTION SNAPSHOT`), so they see exactly the
 * same rows over their own connections.
 */
export async function verifyLedger(db: Database, options: VerifyOptions): Promise<VerifyReport> {
  return db.transaction((tx) => verifySnapshot(tx, options), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

async function verifySnapshot(db: Queryable, options: VerifyOptions): Promise<VerifyReport> {
  const started = performance.now();
  const batch = options.batchSize ?? 20000;
  const progress = options.onProgress ?? (() => undefined);
  const problems: VerifyProblem[] = [];
  let problemCount = 0;
  const report = (p: VerifyProblem) => {
    problemCount++;
    if (problems.length < (options.maxProblems ?? 100)) problems.push(p);
  };

  const [counts] = await queryRows<{ entries: string; leaves: string; pending: string; checkpoints: string }>(
    db,
    sql`select (select count(*) from ledger_entries)::text as entries, (select count(*) from ledger_leaves)::text as leaves,
               (select count(*) from ledger_pending)::text as pending,
               (select count(*) from ledger_checkpoints)::text as checkpoints`,
  );
  const leafCount = Number(counts!.leaves);

  // 1. Every leaf: contiguous index, an existing entry, and a hash recomputed from that entry's content.
  const w = options.workers;
  const parallel = w && w.count > 1 && leafCount >= (w.minLeaves ?? PARALLEL_MIN_LEAVES) ? w : null;
  const level0 = Buffer.from(new SharedArrayBuffer(leafCount * HASH));
  const snapshot = parallel ? (await queryRows<{ id: string }>(db, sql`select pg_export_snapshot() as id`))[0]!.id : '';
  const leafResults = parallel
    ? await checkLeavesInWorkers(parallel, snapshot, leafCount, level0, batch, (done) => progress('leaves', done, leafCount))
    : [
        await checkLeafRange(db, { from: 0, to: leafCount }, level0, {
          batchSize: batch,
          maxProblems: options.maxProblems ?? 100,
          onProgress: (done) => progress('leaves', done, leafCount),
        }),
      ];
  for (const result of leafResults) {
    result.problems.forEach(report);
    problemCount += result.problemCount - result.problems.length;
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
  /** The newest checkpoint so far whose root matches the recomputed tree, and whether one did not already. */
  let lastGood = 0;
  let rootMismatchSeen = false;
  const totalCheckpoints = Number(counts!.checkpoints);
  for (;;) {
    const rows = await queryRows<{
      tree_size: string;
      root_hash: string;
      issued_at: string;
      issued_at_exact: boolean;
      key_id: string;
      signature: string;
    }>(
      db,
      sql`select tree_size::text as tree_size, encode(root_hash, 'hex') as root_hash, key_id,
                 to_char(issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as issued_at,
                 issued_at = date_trunc('milliseconds', issued_at) as issued_at_exact,
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
        // The first mismatch in size order bounds the change: it lies in leaves the last good checkpoint did not
        // cover and this one does (later mismatches follow from it).
        const range: [number, number] = [lastGood, size];
        report({
          kind: 'checkpoint_root_mismatch',
          treeSize: size,
          ...(rootMismatchSeen ? {} : { leafRange: range }),
          message: rootMismatchSeen
            ? `checkpoint at size ${size} has a root that does not match the recomputed tree`
            : `checkpoint at size ${size} has a root that does not match the recomputed tree: the tree was rewritten ` +
              `within leaves ${range[0]}…${range[1] - 1} (between the last matching checkpoint, at size ${lastGood}, and this one)`,
        });
        rootMismatchSeen = true;
        continue;
      }
      if (!rootMismatchSeen) lastGood = size;
      if (!row.issued_at_exact) {
        report({
          kind: 'checkpoint_signature_invalid',
          treeSize: size,
          message: `checkpoint at size ${size} has an issued_at with sub-millisecond digits its signature does not cover: it was altered`,
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

  // 6. `--since`: an earlier signed checkpoint kept outside the database must still describe a prefix of this tree.
  if (options.since) checkSince(options.since, options.trustedKeys, leafCount, nodeAt, report);

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
  since_signature_invalid: 2,
  since_untrusted_key: 2,
  since_rolled_back: 2,
  since_inconsistent: 2,
  key_mismatch: 3,
};

function checkSince(
  since: ExportedCheckpoint,
  trustedKeys: ReadonlyMap<string, Uint8Array>,
  leafCount: number,
  nodeAt: (level: number, idx: number) => Buffer,
  report: (p: VerifyProblem) => void,
): void {
  const size = since.treeSize;
  const label = `the exported checkpoint (size ${size}, issued ${since.issuedAt})`;
  const key = trustedKeys.get(since.keyId);
  if (!key) {
    report({ kind: 'since_untrusted_key', treeSize: size, message: `${label} is signed by untrusted key ${since.keyId}` });
    return;
  }
  const note = checkpointNote({ treeSize: size, rootHash: since.rootHash, issuedAt: since.issuedAt });
  if (!verifySignature(key, note, Buffer.from(since.signature, 'base64'))) {
    report({ kind: 'since_signature_invalid', treeSize: size, message: `${label} has an invalid signature: the file is not what Henji signed` });
    return;
  }
  if (size > leafCount) {
    report({
      kind: 'since_rolled_back',
      treeSize: size,
      leafRange: [leafCount, size],
      message:
        `the tree has ${leafCount} leaves, fewer than ${label}: the log was rolled back — ` +
        `leaves ${leafCount}…${size - 1} and their entries were deleted`,
    });
    return;
  }
  const root = size === 0 ? null : foldPieces(perfectPieces(0, size).map((p) => nodeAt(p.level, p.idx)));
  if (root && root.toString('base64') !== since.rootHash) {
    report({
      kind: 'since_inconsistent',
      treeSize: size,
      leafRange: [0, size],
      message: `the first ${size} leaves do not hash to the root of ${label}: the log was rewritten before that checkpoint`,
    });
  }
}

function ledgerOrder(a: VerifyProblem, b: VerifyProblem): number {
  const pos = (p: VerifyProblem) => p.leafIndex ?? (p.treeSize !== undefined ? p.treeSize - 1 : Number.MAX_SAFE_INTEGER);
  return LAYER[a.kind] - LAYER[b.kind] || pos(a) - pos(b);
}
