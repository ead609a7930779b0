/**
 * One database handle for both storage modes (K1): embedded PGlite in the data directory, or PostgreSQL through
 * DATABASE_URL. Both speak the same SQL and run the same migrations; only connection setup differs.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Database | Tx;

export interface DbHandle {
  kind: 'pglite' | 'postgres';
  db: Database;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite's data directory; `null` keeps an embedded database in memory (tests). */
  dataDir: string | null;
  poolSize?: number;
}

// node-postgres: keep int8 as strings (ids can exceed 2^53) and dates as Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => v);

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    pool.on('error', () => {
      /* idle client errors surface on the next query; do not crash the process */
    });
    await pool.query('select 1');
    return {
      kind: 'postgres',
      db: drizzlePg(pool, { schema }) as unknown as Database,
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir === null) {
    client = await PGlite.create();
  } else {
    const dir = path.join(options.dataDir, 'pgdata');
    await mkdir(dir, { recursive: true });
    client = await PGlite.create(dir);
  }
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Database,
    close: () => client.close(),
  };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
