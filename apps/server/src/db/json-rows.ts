/**
 * Rows that come back aggregated as JSON (`json_agg(t)` in a subquery), mapped to the shape Drizzle gives for the
 * same table: keys by the schema's property names, `timestamptz` columns as `Date`. One statement can then bring an
 * application with its steps, tasks and comments instead of one statement per table (ARCHITECTURE.md, "hot path").
 * Values PostgreSQL renders in JSON the way the drivers would (text, integers, booleans, jsonb) pass unchanged.
 */
import { getTableColumns, type InferSelectModel } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

type Mapper = (json: Record<string, unknown>) => Record<string, unknown>;
const mappers = new WeakMap<PgTable, Mapper>();

function mapperOf(table: PgTable): Mapper {
  let mapper = mappers.get(table);
  if (mapper) return mapper;
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).map(([key, column]) => ({
    key,
    name: column.name,
    date: column.columnType === 'PgTimestamp',
  }));
  mapper = (json) => {
    const row: Record<string, unknown> = {};
    for (const { key, name, date } of columns) {
      const value = json[name];
      row[key] = value === undefined ? null : date && value !== null ? new Date(value as string) : value;
    }
    return row;
  };
  mappers.set(table, mapper);
  return mapper;
}

/** `json` is an array of objects keyed by column name (PostgreSQL's `json_agg` of the table's rows). */
export function rowsFromJson<T extends PgTable>(table: T, json: unknown): InferSelectModel<T>[] {
  if (!Array.isArray(json)) return [];
  const map = mapperOf(table);
  return json.map((item) => map(item as Record<string, unknown>) as InferSelectModel<T>);
}

/** The extra keys of a JSON row that are not columns of the table (computed in the query), kept as they are. */
export function rowsFromJsonWith<T extends PgTable, E extends Record<string, unknown>>(
  table: T,
  json: unknown,
  extra: (item: Record<string, unknown>) => E,
): (InferSelectModel<T> & E)[] {
  if (!Array.isArray(json)) return [];
  const map = mapperOf(table);
  return json.map((item) => ({ ...(map(item as Record<string, unknown>) as InferSelectModel<T>), ...extra(item as Record<string, unknown>) }));
}
