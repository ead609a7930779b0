/**
 * The sequencer integrates pending entries into the Merkle tree and signs checkpoints.
 *
 * Commands only append entries (no shared row is touched), so writers never queue behind one another. One sequencer
 * at a time (a transaction-scoped advisory lock, so any number of server processes may run one) takes the pending
 * entries in id order, gives them consecutive leaf indexes, stores every completed subtree hash, and signs a
 * checkpoint. Delay bound: an entry is in the tree within one tick (HENJI_SEQUENCER_INTERVAL_MS, 250 ms by default)
 * plus the batch time, and under a signed checkpoint within CHECKPOINT_INTERVAL_MS after that.
 */
import { sql } from 'drizzle-orm';
import { checkpointNote } from '@henji/verifier';
import { queryRows, type Database, type Tx } from '../../db/client.ts';
import { ENTRY_FIELDS_SQL, type EntryRow } from './entry-columns.ts';
import type { LedgerSigner } from './keys.ts';
import { entryLeafHashSync, Frontier, perfectPieces } from './tree.ts';
import { now, sqlNow } from '../clock.ts';

const SEQUENCER_LOCK = 7_400_002;
export const CHECKPOINT_INTERVAL_MS = 1000;

export interface SequencerOptions {
  intervalMs: number;
  batchSize?: number;
  checkpointIntervalMs?: number;
  onError?: (error: unknown) => void;
  /** Called in the sequencing transaction with the entries just put into the tree (e.g. to enqueue webhooks). */
  onIntegrated?: (tx: Tx, entries: readonly EntryRow[]) => Promise<void>;
}

export interface SequenceResult {
  integrated: number;
  treeSize: number;
  checkpoint: number | null;
}

export class Sequencer {
  private frontier: Frontier | null = null;
  /** Tree size of the newest checkpoint this process knows of; lets an idle tick skip its transaction. */
  private signedSize = -1;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly signer: LedgerSigner,
    private readonly options: SequencerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        this.running = this.drain();
        await this.running;
      } catch (error) {
        this.frontier = null;
        this.options.onError?.(error);
      } finally {
        this.running = null;
        if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs);
      }
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Integrates everything pending, batch after batch. */
  async drain(): Promise<void> {
    for (;;) {
      const result = await this.runOnce();
      if (result.integrated < (this.options.batchSize ?? 5000)) return;
    }
  }

  /** Integrates everything pending and signs a checkpoint over the whole tree, for the CLI and tests. */
  async flush(): Promise<SequenceResult> {
    let last: SequenceResult;
    do last = await this.runOnce({ forceCheckpoint: true });
    while (last.integrated > 0);
    return last;
  }

  async runOnce(opts: { forceCheckpoint?: boolean } = {}): Promise<SequenceResult> {
    if (this.frontier && this.signedSize === this.frontier.treeSize && !(await hasPending(this.db))) {
      return { integrated: 0, treeSize: this.frontier.treeSize, checkpoint: null };
    }
    return this.db.transaction(async (tx) => {
      const [lock] = await queryRows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${SEQUENCER_LOCK}) as ok`);
      if (!lock?.ok) return { integrated: 0, treeSize: -1, checkpoint: null };

      const treeSize = await currentTreeSize(tx);
      if (!this.frontier || this.frontier.treeSize !== treeSize) this.frontier = await loadFrontier(tx, treeSize);
      const frontier = this.frontier.clone();

      const pending = await queryRows<EntryRow>(
        tx,
        sql`select ${ENTRY_FIELDS_SQL} from ledger_pending p join ledger_entries e on e.id = p.entry_id
            order by p.entry_id limit ${this.options.batchSize ?? 5000}`,
      );
      if (pending.length > 0) {
        await integrate(tx, frontier, pending);
        await this.options.onIntegrated?.(tx, pending);
      }

      const checkpoint = await this.maybeCheckpoint(tx, frontier, opts.forceCheckpoint ?? false);
      this.frontier = frontier;
      return { integrated: pending.length, treeSize: frontier.treeSize, checkpoint };
    }).catch((error: unknown) => {
      this.frontier = null;
      throw error;
    });
  }

  private async maybeCheckpoint(tx: Tx, frontier: Frontier, force: boolean): Promise<number | null> {
    if (frontier.treeSize === 0) return null;
    const [latest] = await queryRows<{ size: string | number; age_ms: string | number }>(
      tx,
      sql`select tree_size as size, extract(epoch from (${sqlNow()} - issued_at)) * 1000 as age_ms
          from ledger_checkpoints order by tree_size desc limit 1`,
    );
    if (latest && Number(latest.size) >= frontier.treeSize) {
      this.signedSize = Number(latest.size);
      return null;
    }
    const interval = this.options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS;
    if (latest && !force && Number(latest.age_ms) < interval) return null;
    const issuedAt = now().toISOString();
    const rootHash = frontier.root();
    const signature = this.signer.sign(
      checkpointNote({ treeSize: frontier.treeSize, rootHash: rootHash.toString('base64'), issuedAt }),
    );
    await tx.execute(
      sql`insert into ledger_checkpoints (tree_size, root_hash, issued_at, key_id, signature)
          values (${frontier.treeSize}, decode(${rootHash.toString('hex')}, 'hex'), ${issuedAt}, ${this.signer.keyId},
                  decode(${signature.toString('hex')}, 'hex'))`,
    );
    this.signedSize = frontier.treeSize;
    return frontier.treeSize;
  }
}

async function hasPending(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ pending: boolean }>(db, sql`select exists (select 1 from ledger_pending) as pending`);
  return row?.pending === true;
}

async function integrate(tx: Tx, frontier: Frontier, entries: EntryRow[]): Promise<void> {
  const leaves: { i: number; e: string; h: string }[] = [];
  const nodes: { l: number; i: number; h: string }[] = [];
  for (const entry of entries) {
    const leafHash = entryLeafHashSync(entry);
    leaves.push({ i: frontier.treeSize, e: entry.id, h: leafHash.toString('hex') });
    for (const node of frontier.append(leafHash)) nodes.push({ l: node.level, i: node.idx, h: node.hash.toString('hex') });
  }
  await tx.execute(
    sql`insert into ledger_leaves (leaf_index, entry_id, leaf_hash)
        select i, e, decode(h, 'hex') from jsonb_to_recordset(${JSON.stringify(leaves)}::jsonb) as t(i bigint, e bigint, h text)`,
  );
  if (nodes.length > 0) {
    await tx.execute(
      sql`insert into ledger_nodes (level, idx, hash)
          select l, i, decode(h, 'hex') from jsonb_to_recordset(${JSON.stringify(nodes)}::jsonb) as t(l smallint, i bigint, h text)`,
    );
  }
  await tx.execute(
    sql`delete from ledger_pending where entry_id in
        (select e from jsonb_to_recordset(${JSON.stringify(leaves)}::jsonb) as t(e bigint))`,
  );
}

export async function currentTreeSize(q: Database | Tx): Promise<number> {
  const [row] = await queryRows<{ size: string | number }>(
    q,
    sql`select coalesce(max(leaf_index) + 1, 0) as size from ledger_leaves`,
  );
  return Number(row?.size ?? 0);
}

async function loadFrontier(tx: Tx, treeSize: number): Promise<Frontier> {
  if (treeSize === 0) return Frontier.empty();
  const pieces = perfectPieces(0, treeSize);
  const hashes = await fetchNodeHashes(tx, pieces);
  return Frontier.of(
    treeSize,
    pieces.map((p) => {
      const h = hashes.get(`${p.level}:${p.idx}`);
      if (!h) throw new Error(`ledger tree node (${p.level}, ${p.idx}) is missing`);
      return h;
    }),
  );
}

/** Fetches stored hashes of perfect subtrees (level 0 from ledger_leaves) in one query, keyed "level:idx". */
export async function fetchNodeHashes(
  q: Database | Tx,
  refs: readonly { level: number; idx: number }[],
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (refs.length === 0) return out;
  const wanted = JSON.stringify(refs.map((r) => ({ l: r.level, i: r.idx })));
  const rows = await queryRows<{ l: number; i: string; h: string }>(
    q,
    sql`select w.l, w.i::text as i, encode(coalesce(n.hash, lf.leaf_hash), 'hex') as h
        from jsonb_to_recordset(${wanted}::jsonb) as w(l smallint, i bigint)
        left join ledger_nodes n on w.l > 0 and n.level = w.l and n.idx = w.i
        left join ledger_leaves lf on w.l = 0 and lf.leaf_index = w.i`,
  );
  for (const row of rows) if (row.h) out.set(`${row.l}:${row.i}`, Buffer.from(row.h, 'hex'));
  return out;
}
