import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { makeDepartment, startHenji, type TestHenji } from '../../../test/harness.ts';
import { keyIdOf } from './keys.ts';
import { APPEND_ONLY_TABLES } from './schema.ts';
import { verifyLedger } from './verify.ts';
import { inclusionProof, inclusionProofs, latestCheckpoint, consistencyProof } from './proofs.ts';
import { verifyBundle, verifyConsistency, webSha256, fromHex, fromBase64, verifyEntryInclusion } from '@henji/verifier';
import { listEntries } from './queries.ts';

let h: TestHenji;
beforeAll(async () => {
  h = await startHenji();
});
afterAll(async () => h?.close());

const trusted = () => new Map([[h.signer.keyId, h.signer.publicKey]]);

describe('trace ledger', () => {
  it('sequences entries, signs checkpoints, and verifies clean', async () => {
    for (let i = 0; i < 7; i++) await makeDepartment(h);
    await h.sequencer.flush();
    const report = await verifyLedger(h.db, { trustedKeys: trusted() });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.leaves).toBeGreaterThan(7);
    expect(report.pending).toBe(0);
    expect(report.checkpoints).toBeGreaterThan(0);
    expect(keyIdOf(h.signer.publicKey)).toBe(h.signer.keyId);
  });

  it('serves inclusion and consistency proofs that the standalone verifier accepts', async () => {
    const dept = await makeDepartment(h);
    const before = await latestCheckpoint(h.db);
    await h.sequencer.flush();
    const cp = (await latestCheckpoint(h.db))!;
    const { items } = await listEntries(h.db, { subjectType: 'department', subjectId: dept.id, limit: 10 });
    const entry = items[0]!;
    expect(entry.leafIndex).not.toBeNull();
    const proof = await inclusionProof(h.db, entry.leafIndex!, cp.treeSize);
    expect(await verifyEntryInclusion(entry, entry.leafIndex!, proof.proof, cp)).toBe(true);
    // The same proof does not prove a different entry.
    expect(await verifyEntryInclusion({ ...entry, payload: entry.payload.replace('测试', '伪造') }, entry.leafIndex!, proof.proof, cp)).toBe(false);
    const consistency = await consistencyProof(h.db, before!.treeSize, cp.treeSize);
    expect(
      await verifyConsistency(webSha256, before!.treeSize, cp.treeSize, fromBase64(before!.rootHash), fromBase64(cp.rootHash), consistency.proof.map(fromHex)),
    ).toBe(true);
    const bundle = {
      format: 'henji.proof-bundle.v1' as const,
      publicKey: h.signer.publicKey.toString('base64'),
      checkpoint: cp,
      entries: [{ entry, leafIndex: entry.leafIndex!, proof: proof.proof }],
    };
    expect((await verifyBundle(bundle)).ok).toBe(true);
    const forged = { ...bundle, checkpoint: { ...cp, treeSize: cp.treeSize + 1 } };
    expect((await verifyBundle(forged)).ok).toBe(false);
  });

  it('proves many leaves in one call exactly as one at a time (evidence reports and bundles)', async () => {
    for (let i = 0; i < 5; i++) await makeDepartment(h);
    await h.sequencer.flush();
    const cp = (await latestCheckpoint(h.db))!;
    const { items } = await listEntries(h.db, { limit: 40 });
    const sealed = items.filter((e) => e.leafIndex !== null && e.leafIndex < cp.treeSize);
    expect(sealed.length).toBeGreaterThan(5);
    const batch = await inclusionProofs(h.db, sealed.map((e) => e.leafIndex!), cp.treeSize);
    for (const [k, e] of sealed.entries()) {
      expect(batch[k]).toEqual(await inclusionProof(h.db, e.leafIndex!, cp.treeSize));
      expect(await verifyEntryInclusion(e, e.leafIndex!, batch[k]!.proof, cp)).toBe(true);
    }
    expect(await inclusionProofs(h.db, [], cp.treeSize)).toEqual([]);
    await expect(inclusionProofs(h.db, [0, cp.treeSize], cp.treeSize)).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it.each(APPEND_ONLY_TABLES)('the database rejects UPDATE, DELETE and TRUNCATE on %s', async (table) => {
    await makeDepartment(h);
    await h.sequencer.flush();
    const t = sql.raw(table);
    await expect(h.db.execute(sql`update ${t} set ${sql.raw(firstColumn(table))} = ${sql.raw(firstColumn(table))}`)).rejects.toThrow();
    await expect(h.db.execute(sql`delete from ${t}`)).rejects.toThrow();
    await expect(h.db.execute(sql`truncate ${t}`)).rejects.toThrow();
  });
});

function firstColumn(table: string) {
  return { ledger_entries: 'action', ledger_leaves: 'leaf_hash', ledger_nodes: 'hash', ledger_checkpoints: 'signature', ledger_keys: 'public_key' }[table]!;
}

/** Alters one row bypassing the triggers, as a database superuser could, runs verify, and undoes the change. */
async function tampered(statement: ReturnType<typeof sql>, undo: ReturnType<typeof sql>) {
  await h.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
  try {
    return await verifyLedger(h.db, { trustedKeys: trusted() });
  } finally {
    await h.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(undo);
    });
  }
}

describe('henji verify finds tampering in every ledger table', () => {
  it('an altered entry is named as the first bad entry', async () => {
    for (let i = 0; i < 5; i++) await makeDepartment(h);
    await h.sequencer.flush();
    const [target] = await queryRows<{ id: string; action: string; leaf_index: string }>(
      h.db,
      sql`select e.id::text as id, e.action, l.leaf_index::text as leaf_index from ledger_entries e join ledger_leaves l on l.entry_id = e.id order by l.leaf_index limit 1 offset 3`,
    );
    const report = await tampered(
      sql`update ledger_entries set action = 'user.create' where id = ${target!.id}`,
      sql`update ledger_entries set action = ${target!.action} where id = ${target!.id}`,
    );
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'entry_mismatch', entryId: target!.id, leafIndex: Number(target!.leaf_index) });
    expect((await verifyLedger(h.db, { trustedKeys: trusted() })).ok).toBe(true);
  });

  it('an altered leaf hash', async () => {
    const [leaf] = await queryRows<{ hash: string }>(h.db, sql`select encode(leaf_hash, 'hex') as hash from ledger_leaves where leaf_index = 2`);
    const report = await tampered(
      sql`update ledger_leaves set leaf_hash = sha256('x'::bytea) where leaf_index = 2`,
      sql`update ledger_leaves set leaf_hash = decode(${leaf!.hash}, 'hex') where leaf_index = 2`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'entry_mismatch', leafIndex: 2 });
    expect((await verifyLedger(h.db, { trustedKeys: trusted() })).ok).toBe(true);
  });

  it('an altered stored subtree hash', async () => {
    const [node] = await queryRows<{ idx: string; hash: string }>(h.db, sql`select idx::text as idx, encode(hash, 'hex') as hash from ledger_nodes where level = 1 order by idx limit 1`);
    const report = await tampered(
      sql`update ledger_nodes set hash = sha256('y'::bytea) where level = 1 and idx = ${node!.idx}`,
      sql`update ledger_nodes set hash = decode(${node!.hash}, 'hex') where level = 1 and idx = ${node!.idx}`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'node_mismatch', level: 1 });
  });

  it('an altered checkpoint root or signature', async () => {
    const [cp] = await queryRows<{ size: string; root: string; sig: string }>(
      h.db,
      sql`select tree_size::text as size, encode(root_hash, 'hex') as root, encode(signature, 'hex') as sig from ledger_checkpoints order by tree_size limit 1`,
    );
    let report = await tampered(
      sql`update ledger_checkpoints set root_hash = sha256('z'::bytea) where tree_size = ${cp!.size}`,
      sql`update ledger_checkpoints set root_hash = decode(${cp!.root}, 'hex') where tree_size = ${cp!.size}`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'checkpoint_root_mismatch', treeSize: Number(cp!.size) });
    report = await tampered(
      sql`update ledger_checkpoints set signature = decode(repeat('00', 64), 'hex') where tree_size = ${cp!.size}`,
      sql`update ledger_checkpoints set signature = decode(${cp!.sig}, 'hex') where tree_size = ${cp!.size}`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'checkpoint_signature_invalid', treeSize: Number(cp!.size) });
  });

  it('an altered public key', async () => {
    const report = await tampered(
      sql`update ledger_keys set public_key = sha256('k'::bytea) where key_id = ${h.signer.keyId}`,
      sql`update ledger_keys set public_key = decode(${h.signer.publicKey.toString('hex')}, 'hex') where key_id = ${h.signer.keyId}`,
    );
    expect(report.problems.map((p) => p.kind)).toContain('key_mismatch');
  });

  it('a deleted entry', async () => {
    const [row] = await queryRows<Record<string, string>>(h.db, sql`select id::text as id, recorded_at::text as recorded_at, actor_id, on_behalf_of_id, action, subject_type, subject_id, payload from ledger_entries order by id limit 1 offset 1`);
    const report = await tampered(
      sql`delete from ledger_entries where id = ${row!.id}`,
      sql`insert into ledger_entries overriding system value select ${row!.id}::bigint, ${row!.recorded_at}::timestamptz, ${row!.actor_id}, ${row!.on_behalf_of_id}, ${row!.action}, ${row!.subject_type}, ${row!.subject_id}, ${row!.payload}`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'leaf_orphan', entryId: row!.id });
    expect(report.firstProblem!.message).toContain(`entry ${row!.id}`);
    expect((await verifyLedger(h.db, { trustedKeys: trusted() })).ok).toBe(true);
  });
});

describe('verify pagination', () => {
  it('checks every leaf, subtree hash and checkpoint when batches are small (keyset paging must not skip rows)', async () => {
    for (let i = 0; i < 40; i++) {
      await makeDepartment(h);
      if (i % 5 === 0) await h.sequencer.flush();
    }
    await h.sequencer.flush();
    const full = await verifyLedger(h.db, { trustedKeys: trusted() });
    const paged = await verifyLedger(h.db, { trustedKeys: trusted(), batchSize: 7 });
    expect(paged.problems).toEqual([]);
    expect(paged.leaves).toBe(full.leaves);
    expect(paged.nodes).toBe(full.nodes);
    // one stored hash per complete subtree above the leaves: n minus the number of 1 bits of n
    expect(paged.nodes).toBe(full.leaves - full.leaves.toString(2).replaceAll('0', '').length);
    expect(paged.checkpoints).toBe(full.checkpoints);
    expect(paged.checkpoints).toBeGreaterThan(10);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('verify in worker threads (PostgreSQL)', () => {
  it('gives the same verdict as in-process, and still names an altered entry', async () => {
    for (let i = 0; i < 30; i++) await makeDepartment(h);
    await h.sequencer.flush();
    const workers = { databaseUrl: h.config.databaseUrl!, count: 3, minLeaves: 0 };
    const single = await verifyLedger(h.db, { trustedKeys: trusted() });
    const parallel = await verifyLedger(h.db, { trustedKeys: trusted(), workers, batchSize: 5 });
    expect(parallel).toMatchObject({ ok: true, leaves: single.leaves, nodes: single.nodes, checkpoints: single.checkpoints });

    const [target] = await queryRows<{ id: string; payload: string }>(
      h.db,
      sql`select e.id::text as id, e.payload from ledger_entries e join ledger_leaves l on l.entry_id = e.id order by l.leaf_index desc limit 1 offset 2`,
    );
    const report = await tampered(
      sql`update ledger_entries set payload = ${target!.payload.replace('"comment":null', '"comment":"forged"')} where id = ${target!.id}`,
      sql`update ledger_entries set payload = ${target!.payload} where id = ${target!.id}`,
    );
    expect(report.firstProblem).toMatchObject({ kind: 'entry_mismatch', entryId: target!.id });
    const tamperedParallel = await (async () => {
      await h.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update ledger_entries set payload = ${target!.payload.replace('"comment":null', '"comment":"forged"')} where id = ${target!.id}`);
      });
      try {
        return await verifyLedger(h.db, { trustedKeys: trusted(), workers, batchSize: 5 });
      } finally {
        await h.db.transaction(async (tx) => {
          await tx.execute(sql`set local session_replication_role = replica`);
          await tx.execute(sql`update ledger_entries set payload = ${target!.payload} where id = ${target!.id}`);
        });
      }
    })();
    expect(tamperedParallel.firstProblem).toMatchObject({ kind: 'entry_mismatch', entryId: target!.id });
  });
});
