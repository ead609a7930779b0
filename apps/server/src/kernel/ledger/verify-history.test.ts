/**
 * What a database superuser can do behind the append-only triggers and what verify must still see: rolling the log
 * back (only an exported checkpoint shows it), rewriting the tree consistently (the signed checkpoints bound where),
 * and shifting a time below the millisecond the hash covers.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { makeDepartment, startHenji, type TestHenji } from '../../../test/harness.ts';
import { ENTRY_FIELDS_SQL, type EntryRow } from './entry-columns.ts';
import { latestCheckpoint } from './proofs.ts';
import { entryLeafHashSync, nodeHash } from './tree.ts';
import { verifyLedger, type ExportedCheckpoint } from './verify.ts';

let h: TestHenji;
beforeAll(async () => {
  h = await startHenji();
});
afterAll(async () => h?.close());

const trusted = () => new Map([[h.signer.keyId, h.signer.publicKey]]);
const verify = (since?: ExportedCheckpoint) => verifyLedger(h.db, { trustedKeys: trusted(), ...(since ? { since } : {}) });

/** Some departments, each batch under its own signed checkpoint (the harness signs at every flush). */
async function grow(batches: number) {
  for (let i = 0; i < batches; i++) {
    await makeDepartment(h);
    await h.sequencer.flush();
  }
}

async function asSuperuser(...statements: ReturnType<typeof sql>[]) {
  await h.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const s of statements) await tx.execute(s);
  });
}

const exported = async (): Promise<ExportedCheckpoint> => {
  const { note: _note, ...checkpoint } = (await latestCheckpoint(h.db))!;
  return checkpoint;
};

describe('verify --since: an exported checkpoint catches a rollback', () => {
  it('a log cut back below the exported size verifies clean on its own, and fails against the export', async () => {
    await grow(4);
    const kept = await exported();
    await grow(3);
    expect((await verify(kept)).ok).toBe(true);

    // Delete the newest entries with their leaves, every subtree hash reaching past the cut, and later checkpoints:
    // what remains is a smaller, self-consistent, correctly signed log.
    const cut = kept.treeSize - 2;
    await asSuperuser(
      sql`delete from ledger_entries where id in (select entry_id from ledger_leaves where leaf_index >= ${cut})`,
      sql`delete from ledger_leaves where leaf_index >= ${cut}`,
      sql`delete from ledger_nodes where (idx + 1) * (1::bigint << level) > ${cut}`,
      sql`delete from ledger_checkpoints where tree_size > ${cut}`,
    );
    const alone = await verify();
    expect(alone.problems).toEqual([]);
    expect(alone.leaves).toBe(cut);

    const report = await verify(kept);
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'since_rolled_back', treeSize: kept.treeSize, leafRange: [cut, kept.treeSize] });
    expect(report.firstProblem!.message).toContain('rolled back');
  });

  it('a forged or foreign export is refused', async () => {
    await grow(1);
    const kept = await exported();
    const forged = { ...kept, treeSize: kept.treeSize - 1 };
    expect((await verify(forged)).firstProblem?.kind).toBe('since_signature_invalid');
    expect((await verify({ ...kept, keyId: 'ffff' })).firstProblem?.kind).toBe('since_untrusted_key');
  });
});

describe('a rewritten tree', () => {
  it('is bounded by the last good and the first bad checkpoint, and contradicts an earlier export', async () => {
    await grow(3);
    const kept = await exported();
    await grow(3);
    const [{ size: before }] = (await queryRows<{ size: string }>(
      h.db,
      sql`select max(tree_size)::text as size from ledger_checkpoints where tree_size < ${kept.treeSize}`,
    )) as [{ size: string }];
    const target = kept.treeSize - 1; // the last leaf the export covers
    const [row] = await queryRows<EntryRow>(
      h.db,
      sql`select ${ENTRY_FIELDS_SQL} from ledger_entries e join ledger_leaves l on l.entry_id = e.id where l.leaf_index = ${target}`,
    );
    const forged: EntryRow = { ...row!, payload: row!.payload.replace('"comment":null', '"comment":"rewritten"') };
    expect(forged.payload).not.toBe(row!.payload);
    await rewriteLeaf(target, forged);

    const report = await verify();
    // Entries, leaves and subtree hashes agree with each other again; only the signatures remember.
    expect(report.problems.every((p) => p.kind === 'checkpoint_root_mismatch')).toBe(true);
    expect(report.firstProblem).toMatchObject({ kind: 'checkpoint_root_mismatch', treeSize: kept.treeSize, leafRange: [Number(before), kept.treeSize] });
    expect(report.firstProblem!.message).toContain(`within leaves ${before}…${kept.treeSize - 1}`);

    expect((await verify(kept)).problems.map((p) => p.kind)).toContain('since_inconsistent');
    await rewriteLeaf(target, row!);
    expect((await verify(kept)).ok).toBe(true);
  });
});

/** Replaces the entry at a leaf and recomputes its leaf hash and every stored subtree hash above it. */
async function rewriteLeaf(leafIndex: number, entry: EntryRow) {
  const rows = await queryRows<EntryRow>(
    h.db,
    sql`select ${ENTRY_FIELDS_SQL} from ledger_leaves l join ledger_entries e on e.id = l.entry_id order by l.leaf_index`,
  );
  let level = rows.map((r, i) => (i === leafIndex ? entryLeafHashSync(entry) : entryLeafHashSync(r)));
  const statements = [
    sql`update ledger_entries set payload = ${entry.payload} where id = ${entry.id}`,
    sql`update ledger_leaves set leaf_hash = decode(${level[leafIndex]!.toString('hex')}, 'hex') where leaf_index = ${leafIndex}`,
  ];
  for (let height = 1; level.length > 1; height++) {
    const above: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) above.push(nodeHash(level[i]!, level[i + 1]!));
    level = above;
    const idx = leafIndex >> height;
    if (idx < level.length) {
      statements.push(sql`update ledger_nodes set hash = decode(${level[idx]!.toString('hex')}, 'hex') where level = ${height} and idx = ${idx}`);
    }
  }
  await asSuperuser(...statements);
}

describe('times are stored exactly as hashed', () => {
  it('recorded_at keeps milliseconds only, and verify sees a change below the millisecond', async () => {
    await grow(1);
    const [row] = await queryRows<{ id: string; at: string }>(
      h.db,
      sql`select e.id::text as id, e.recorded_at::text as at from ledger_entries e join ledger_leaves l on l.entry_id = e.id order by l.leaf_index desc limit 1`,
    );
    // The column cannot hold a digit the hash does not cover…
    await asSuperuser(sql`update ledger_entries set recorded_at = recorded_at + interval '300 microseconds' where id = ${row!.id}`);
    const [same] = await queryRows<{ at: string }>(h.db, sql`select recorded_at::text as at from ledger_entries where id = ${row!.id}`);
    expect(same!.at).toBe(row!.at);
    expect((await verify()).ok).toBe(true);

    // …and when a superuser widens it to shift a time by 300 µs, verify names the entry.
    await asSuperuser(
      sql`alter table ledger_entries alter column recorded_at type timestamptz(6)`,
      sql`update ledger_entries set recorded_at = recorded_at + interval '300 microseconds' where id = ${row!.id}`,
    );
    try {
      const report = await verify();
      expect(report.firstProblem).toMatchObject({ kind: 'entry_mismatch', entryId: row!.id });
      expect(report.firstProblem!.message).toContain('below the millisecond');
    } finally {
      await asSuperuser(
        sql`update ledger_entries set recorded_at = ${row!.at}::timestamptz where id = ${row!.id}`,
        sql`alter table ledger_entries alter column recorded_at type timestamptz(3)`,
      );
    }
    expect((await verify()).ok).toBe(true);
  });

  it('a checkpoint time shifted below the millisecond its signature covers', async () => {
    await grow(1);
    const kept = await exported();
    await asSuperuser(sql`update ledger_checkpoints set issued_at = issued_at + interval '300 microseconds' where tree_size = ${kept.treeSize}`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'checkpoint_signature_invalid', treeSize: kept.treeSize });
    await asSuperuser(sql`update ledger_checkpoints set issued_at = ${kept.issuedAt}::timestamptz where tree_size = ${kept.treeSize}`);
    expect((await verify()).ok).toBe(true);
  });
});
