/**
 * One database handle for both storage modes (K1): embedded PGlite in the data directory, or PostgreSQL through
 * DATABASE_URL. Both speak the same SQL and run the same migrations; only connection setup differs.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
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

/**
 * Extensions PGlite loads, as PostgreSQL has them installed: btree_gist for the rooms' exclusion constraint (no resource
 * double-booked, migration 0020_rooms).
 */
const PGLITE_EXTENSIONS = { btree_gist };

// node-postgres: keep int8 as strings (ids can exceed 2^53) and dates as Date.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => v);

/**
 * Diagnostics: whoever wants to know every statement drizzle sends (the statement-budget test of the approval path
 * counts them per request) registers here. Transaction control (BEGIN, COMMIT) is not reported: PGlite sends it
 * outside drizzle, so leaving it out counts the same on both drivers.
 */
type StatementListener = (text: string) => void;
const statementListeners = new Set<StatementListener>();
const statementLog = {
  logQuery(query: string): void {
    if (statementListeners.size === 0 || /^(begin|commit|rollback)\b/i.test(query)) return;
    for (const listener of statementListeners) listener(query);
  },
};

export function onStatement(listener: StatementListener): () => void {
  statementListeners.add(listener);
  return () => statementListeners.delete(listener);
}

export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    pool.on('error', () => {
      /* idle client errors surface on the next query; do not crash the process */
    });
    pool.on('connect', reuseStatements);
    await pool.query('select 1');
    return {
      kind: 'postgres',
      db: drizzlePg(pool, { schema, logger: statementLog }) as unknown as Database,
      close: () => pool.end(),
    };
  }
  if (options.dataDir === null) {
    const client = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
    return { kind: 'pglite', db: drizzlePglite(client, { schema, logger: statementLog }) as unknown as Database, close: () => client.close() };
  }
  // One process per data directory (data-dir-lock.ts): taken before PGlite reads a single file.
  const dir = path.join(options.dataDir, 'pgdata');
  await mkdir(dir, { recursive: true });
  const lock = await lockDataDir(options.dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema, logger: statementLog }) as unknown as Database,
    close: async () => {
      try {
        await client.close();
      } finally {
        await lock.release();
      }
    },
  };
}

/**
 * A statement cache per connection, as JDBC's and pgx's drivers keep one: every parameterised statement is sent as a
 * named prepared statement (its name derived from its text), so PostgreSQL parses and plans each distinct statement
 * once per connection instead of on every execution. Drizzle builds the same text for the same query shape, so the
 * set of names is small; past `STATEMENTS_PER_CONNECTION` distinct texts (large batch inserts vary in length) a
 * connection sends the rest unnamed, as before. Statements without parameters (BEGIN, migrations' multi-statement
 * scripts) are left alone: they go by the simple protocol, which cannot be prepared.
 */
const STATEMENTS_PER_CONNECTION = 500;
const statementNames = new Map<string, string>();

function reuseStatements(client: pg.PoolClient): void {
  const named = new Set<string>();
  // Looked up at each call, not bound once, so instrumentation that wraps the prototype later still sees every query.
  const proto = Object.getPrototypeOf(client) as { query: (...args: unknown[]) => unknown };
  const query = (...args: unknown[]) => proto.query.apply(client, args);
  (client as { query: unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'object' && config !== null && Array.isArray(values) && values.length > 0) {
      const { text, name } = config as { text?: unknown; name?: unknown };
      if (typeof text === 'string' && name === undefined) {
        let id = statementNames.get(text);
        if (id === undefined) {
          id = `h${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
          if (statementNames.size < 10_000) statementNames.set(text, id);
        }
        if (named.has(id) || named.size < STATEMENTS_PER_CONNECTION) {
          named.add(id);
          return query({ ...config, name: id }, values, callback);
        }
      }
    }
    return query(config, values, callback);
  };
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
