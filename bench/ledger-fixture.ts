/**
 * The large-ledger fixture shared by the verify and inclusion-proof benchmarks: a Henji database holding BENCH_ENTRIES
 * (1,000,000 by default) realistic entries, bulk-inserted with plain SQL in the canonical form and then sequenced by
 * the real Sequencer, exactly as production would integrate them.
 *
 * With BENCH_KEEP=1 the database gets a fixed name (henji_bench_ledger_<entries>), is kept after the run and reused by
 * the next one; its signing key is kept beside it in the table bench_fixture (a benchmark convenience: production
 * keeps the key outside the database). `node bench/run.mjs ledger-fixture` only builds it.
 */
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { queryRows, type DbHandle } from '../apps/server/src/db/client.ts';
import { currentTreeSize, Sequencer } from '../apps/server/src/kernel/ledger/sequencer.ts';
import type { LedgerSigner } from '../apps/server/src/kernel/ledger/keys.ts';
import { cpuLine, cpuMeter } from './lib/cpu.ts';
import { createBenchDatabase } from './lib/database.ts';
import { makeEntries, prng, type BulkEntry } from './lib/entries.ts';
import { newSignerPem, openBenchHenji, type BenchHenji } from './lib/henji.ts';
import { machine, note, perSecond, printResult } from './lib/report.ts';

export const fixtureEntries = () => Number(process.env.BENCH_ENTRIES ?? 1_000_000);
const keep = () => process.env.BENCH_KEEP === '1';
const INSERT_BATCH = 10_000;

export interface BuildStats {
  insertSeconds: number;
  sequenceSeconds: number;
  /** one line each: CPU while inserting and while sequencing */
  insertCpu: string;
  sequenceCpu: string;
  sequencerBatches: number;
}

export interface LedgerFixture {
  henji: BenchHenji;
  handle: DbHandle;
  signer: LedgerSigner;
  databaseUrl: string;
  databaseName: string;
  /** leaves in the tree: the bulk entries plus the few that bootstrap traced */
  treeSize: number;
  /** null when a kept fixture was reused */
  build: BuildStats | null;
  /** Closes the connections and, unless BENCH_KEEP=1, drops the database. */
  release(): Promise<void>;
}

const INSERT_ENTRIES = `
  with e as (
    insert into ledger_entries (recorded_at, actor_id, on_behalf_of_id, action, subject_type, subject_id, payload)
    select * from unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
    returning id)
  insert into ledger_pending (entry_id) select id from e`;

const columnsOf = (batch: BulkEntry[]) => [
  batch.map((e) => e.recordedAt),
  batch.map((e) => e.actorId),
  batch.map((e) => e.onBehalfOfId),
  batch.map((e) => e.action),
  batch.map((e) => e.subjectType),
  batch.map((e) => e.subjectId),
  batch.map((e) => e.payload),
];

/** Inserts `count` entries (and their pending markers), generating the next batch while the last one is written. */
async function bulkInsert(databaseUrl: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const random = prng(20260301);
    const stepMs = 30;
    let at = Date.now() - count * stepMs;
    let inFlight: Promise<unknown> = Promise.resolve();
    let lastNote = 0;
    for (let done = 0; done < count; done += INSERT_BATCH) {
      const batch = makeEntries(random, done, Math.min(INSERT_BATCH, count - done), at, stepMs);
      at = Date.parse(batch[batch.length - 1]!.recordedAt);
      await inFlight;
      inFlight = client.query(INSERT_ENTRIES, columnsOf(batch));
      if (done - lastNote >= 100_000) {
        lastNote = done;
        note(`inserted ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
      }
    }
    await inFlight;
  } finally {
    await client.end();
  }
}

/** Sequences everything pending the way the background sequencer does (a batch per run, a checkpoint a second). */
async function sequenceAll(sequencer: Sequencer, total: number): Promise<number> {
  let batches = 0;
  let done = 0;
  let lastNote = 0;
  for (;;) {
    const result = await sequencer.runOnce();
    if (result.integrated === 0) break;
    batches++;
    done += result.integrated;
    if (done - lastNote >= 100_000) {
      lastNote = done;
      note(`sequenced ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    }
  }
  await sequencer.flush(); // the final signed checkpoint over the whole tree
  return batches;
}

export async function ledgerFixture(): Promise<LedgerFixture> {
  const entries = fixtureEntries();
  const database = await createBenchDatabase(keep() ? { name: `henji_bench_ledger_${entries}`, reuse: true } : {});
  let kept: { pem: string } | null = null;
  if (!database.created) {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const found = await client
      .query<{ pem: string }>('select pem from bench_fixture where complete and entries = $1', [entries])
      .catch(() => null);
    await client.end();
    kept = found?.rows[0] ?? null;
    if (!kept) {
      note(`kept fixture ${database.name} is incomplete; rebuilding it`);
      return rebuild();
    }
    note(`reusing kept fixture ${database.name}`);
  }
  const henji = await openBenchHenji(database.url, { pem: kept?.pem ?? newSignerPem() });
  const fixture = (build: BuildStats | null, treeSize: number): LedgerFixture => ({
    henji,
    handle: henji.handle,
    signer: henji.signer,
    databaseUrl: database.url,
    databaseName: database.name,
    treeSize,
    build,
    release: async () => {
      await henji.handle.close();
      if (!keep()) await database.drop();
    },
  });
  if (kept) return fixture(null, await currentTreeSize(henji.handle.db));

  try {
    const { db } = henji.handle;
    await db.execute(sql`create table bench_fixture (pem text not null, entries integer not null, complete boolean not null)`);
    await db.execute(sql`insert into bench_fixture values (${henji.pem}, ${entries}, false)`);

    note(`inserting ${entries.toLocaleString('en-US')} entries into ${database.name}`);
    let cpu = cpuMeter();
    let started = performance.now();
    await bulkInsert(database.url, entries);
    const insertSeconds = (performance.now() - started) / 1000;
    const insertCpu = cpuLine(cpu());

    note('sequencing them with the Sequencer (batches of 5,000, as in production)');
    const sequencer = new Sequencer(db, henji.signer, { intervalMs: 250 });
    cpu = cpuMeter();
    started = performance.now();
    const sequencerBatches = await sequenceAll(sequencer, entries);
    const sequenceSeconds = (performance.now() - started) / 1000;
    const sequenceCpu = cpuLine(cpu());

    // What autovacuum would soon do after a million inserts; without it the planner still sees empty tables.
    await db.execute(sql`vacuum analyze ledger_entries, ledger_leaves, ledger_nodes, ledger_pending, ledger_checkpoints`);
    await db.execute(sql`update bench_fixture set complete = true`);
    const [pending] = await queryRows<{ n: string }>(db, sql`select count(*)::text as n from ledger_pending`);
    if (pending?.n !== '0') throw new Error(`${pending?.n} entries are still pending after flush()`);
    return fixture({ insertSeconds, sequenceSeconds, insertCpu, sequenceCpu, sequencerBatches }, await currentTreeSize(db));
  } catch (error) {
    await henji.handle.close();
    await database.drop();
    throw error;
  }

  async function rebuild(): Promise<LedgerFixture> {
    await database.drop();
    return ledgerFixture();
  }
}

export function buildLines(f: LedgerFixture): Record<string, string> {
  if (!f.build) return { fixture: `reused kept database ${f.databaseName} (${f.treeSize.toLocaleString('en-US')} leaves)` };
  const b = f.build;
  return {
    'bulk insert': `${f.treeSize.toLocaleString('en-US')} entries in ${b.insertSeconds.toFixed(1)} s (${perSecond(f.treeSize / b.insertSeconds)}); ${b.insertCpu}`,
    sequencing: `${b.sequenceSeconds.toFixed(1)} s (${perSecond(f.treeSize / b.sequenceSeconds)}) in ${b.sequencerBatches} Sequencer.runOnce() batches + flush(); ${b.sequenceCpu}`,
  };
}

/** `node bench/run.mjs ledger-fixture`: builds the fixture (keep it with BENCH_KEEP=1) and reports the build. */
export async function main(): Promise<void> {
  const f = await ledgerFixture();
  await f.release();
  printResult('ledger-fixture', { ...(await machine()), database: `${f.databaseName}${keep() ? ' (kept)' : ' (dropped)'}`, ...buildLines(f) });
}
