/**
 * Concurrency (K1, K2): requests racing for the same unique value, for the same row, and for the ledger. On PGlite
 * transactions take turns; on PostgreSQL (TEST_DATABASE_URL) they really overlap, which is where these matter.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Department, ErrorBody } from '@henji/contracts';
import { queryRows } from '../../src/db/client.ts';
import { execute } from '../../src/kernel/command.ts';
import { createPosition } from '../../src/kernel/org/commands/positions-and-roles.ts';
import { createDepartment } from '../../src/kernel/org/commands/create-department.ts';
import { departments } from '../../src/kernel/org/schema.ts';
import { Sequencer } from '../../src/kernel/ledger/sequencer.ts';
import { verifyLedger } from '../../src/kernel/ledger/verify.ts';
import type { LedgerPage } from '../api/http.ts';
import { callerFor, makeUser, signInAdmin, startHenji, systemCaller, type Session, type TestHenji } from '../harness.ts';

let h: TestHenji;
let admin: Session;
beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
});
afterAll(async () => h?.close());

const deptCode = () => `C${randomBytes(4).toString('hex').toUpperCase()}`;
const trusted = () => new Map([[h.signer.keyId, h.signer.publicKey]]);

async function ledgerVerifies() {
  await h.sequencer.flush();
  const report = await verifyLedger(h.db, { trustedKeys: trusted() });
  expect(report.problems).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.pending).toBe(0);
  expect(report.leaves).toBe(report.entries);
  return report;
}

async function countEntries(action: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ledger_entries where action = ${action}`);
  return Number(row!.n);
}

describe('concurrency', () => {
  it('20 concurrent creations with the same code: exactly one wins, the rest get a 400 or 409 body, never a 500', async () => {
    const app = await h.app();
    const code = deptCode();
    const createdBefore = await countEntries('department.create');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.inject({ method: 'POST', url: '/api/departments', headers: admin.headers, payload: { code, name: `并发部门${i}` } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201 && s !== 400 && s !== 409)).toEqual([]);
    for (const res of responses.filter((r) => r.statusCode !== 201)) {
      const body = res.json<ErrorBody>();
      if (res.statusCode === 400) {
        expect(body.code).toBe('validation_failed');
        expect(body.details).toMatchObject({ fields: { code: [expect.stringContaining(code)] } });
      } else {
        expect(body.code).toBe('conflict');
        expect(body.message.length).toBeGreaterThan(0);
      }
    }
    const winner = responses.find((r) => r.statusCode === 201)!.json<Department>();
    const rows = await h.db.select().from(departments).where(eq(departments.code, code));
    expect(rows.map((r) => r.id)).toEqual([winner.id]);
    // The losers' traces rolled back with their transactions.
    expect(await countEntries('department.create')).toBe(createdBefore + 1);
    await ledgerVerifies();
  });

  it('concurrent updates of one department all land in turn, each with its own trace', async () => {
    const app = await h.app();
    const created = await app.inject({ method: 'POST', url: '/api/departments', headers: admin.headers, payload: { code: deptCode(), name: '起点' } });
    expect(created.statusCode).toBe(201);
    const dept = created.json<Department>();
    const names = Array.from({ length: 20 }, (_, i) => `名称${i}`);
    const responses = await Promise.all(
      names.map((name, i) =>
        app.inject({ method: 'PATCH', url: `/api/departments/${dept.id}`, headers: admin.headers, payload: { name, sortOrder: i + 1 } }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(names.map(() => 200));

    const trace = await app.inject({
      method: 'GET',
      url: `/api/ledger/entries?subjectType=department&subjectId=${dept.id}&action=department.update&limit=100`,
      headers: admin.headers,
    });
    const updates = trace.json<LedgerPage>().items.reverse();
    expect(updates).toHaveLength(20);
    expect(new Set(updates.map((e) => e.requestId)).size).toBe(20);
    expect(new Set(updates.map((e) => e.diff.name?.after))).toEqual(new Set(names));
    // Each update saw the one before it: a single chain from the first name, no lost update.
    expect(updates[0]!.diff.name?.before).toBe('起点');
    for (let i = 1; i < updates.length; i++) expect(updates[i]!.diff.name?.before).toBe(updates[i - 1]!.diff.name?.after);
    const [final] = await h.db.select().from(departments).where(eq(departments.id, dept.id));
    expect(final!.name).toBe(updates.at(-1)!.diff.name?.after);
    await ledgerVerifies();
  });

  it('concurrent writers and two sequencers produce contiguous leaf indexes and a tree that verifies', async () => {
    const writer = callerFor((await makeUser(h, { roles: ['admin'] })).actor);
    const second = new Sequencer(h.db, h.signer, { intervalMs: 5, checkpointIntervalMs: 0 });
    const [before] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ledger_entries`);
    h.sequencer.start();
    second.start();
    try {
      const writes = Array.from({ length: 60 }, (_, i) =>
        i % 2 === 0
          ? execute(h.db, systemCaller, createDepartment, { code: deptCode(), name: `并发写入${i}` })
          : execute(h.db, writer, createPosition, { code: `pos_c${i}_${randomBytes(3).toString('hex')}`, name: `岗位${i}`, rank: i }),
      );
      const results = await Promise.allSettled(writes);
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    } finally {
      await second.stop();
      await h.sequencer.stop();
    }
    const report = await ledgerVerifies();
    expect(report.entries).toBe(Number(before!.n) + 60);

    const [leaves] = await queryRows<{ n: number; min: number; max: number; distinct_entries: number }>(
      h.db,
      sql`select count(*)::int as n, min(leaf_index)::int as min, max(leaf_index)::int as max,
                 count(distinct entry_id)::int as distinct_entries from ledger_leaves`,
    );
    expect(leaves).toEqual({ n: report.entries, min: 0, max: report.entries - 1, distinct_entries: report.entries });
    const [orphans] = await queryRows<{ n: number }>(
      h.db,
      sql`select count(*)::int as n from ledger_entries e left join ledger_leaves l on l.entry_id = e.id where l.entry_id is null`,
    );
    expect(orphans!.n).toBe(0);
    const [checkpoint] = await queryRows<{ size: number }>(h.db, sql`select max(tree_size)::int as size from ledger_checkpoints`);
    expect(checkpoint!.size).toBe(report.entries);
  });
});
