/**
 * Benchmark databases: each benchmark gets a database of its own (henji_bench_<random>) in the PostgreSQL named by
 * BENCH_DATABASE_URL, and drops it at the end. A kept fixture uses a fixed name instead, so a later run can find it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** A superuser connection to the maintenance database in which benchmark databases are created. */
export const benchBaseUrl = () => process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;

export interface BenchDatabase {
  name: string;
  url: string;
  /** false when the database already existed (a kept fixture) */
  created: boolean;
  drop(): Promise<void>;
}

async function withAdmin<T>(run: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: benchBaseUrl() });
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.end();
  }
}

const urlOf = (name: string) => {
  const url = new URL(benchBaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/** Creates `name` (a random henji_bench_… by default); with `reuse`, an existing database of that name is kept. */
export async function createBenchDatabase(
  options: { name?: string; reuse?: boolean } = {},
): Promise<BenchDatabase> {
  const name = options.name ?? `henji_bench_${randomBytes(5).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  const created = await withAdmin(async (admin) => {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount && options.reuse) return false;
    if (exists.rowCount) await admin.query(`drop database ${name} with (force)`);
    await admin.query(`create database ${name}`);
    return true;
  });
  return {
    name,
    url: urlOf(name),
    created,
    drop: () => withAdmin(async (admin) => void (await admin.query(`drop database if exists ${name} with (force)`))),
  };
}

/** PostgreSQL's version string, for the result block. */
export const postgresVersion = () =>
  withAdmin(async (admin) => (await admin.query<{ v: string }>('select version() as v')).rows[0]?.v ?? 'unknown');
