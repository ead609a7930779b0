/**
 * The definitions applications run on, cached in the process. Applications only ever point at versions that were
 * published, and a published (or later superseded) version never changes — only drafts are edited, and a draft is
 * never cached — so an entry cannot go stale, whichever process published or migrated what.
 */
import { inArray } from 'drizzle-orm';
import type { ApplicationDefinition } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { applicationTypeVersions } from '../schema.ts';

export interface RunnableVersion {
  version: number;
  definition: ApplicationDefinition;
}

const LIMIT = 2_000;
const cache = new Map<string, RunnableVersion>();

/** The versions with these ids that exist, by id: from the cache, the rest in one query. */
export async function versionsById(q: Queryable, ids: Iterable<string>): Promise<Map<string, RunnableVersion>> {
  const found = new Map<string, RunnableVersion>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = cache.get(id);
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  const rows = await q
    .select({ id: applicationTypeVersions.id, version: applicationTypeVersions.version, status: applicationTypeVersions.status, definition: applicationTypeVersions.definition })
    .from(applicationTypeVersions)
    .where(inArray(applicationTypeVersions.id, missing));
  for (const row of rows) {
    const entry = { version: row.version, definition: row.definition };
    found.set(row.id, entry);
    if (row.status !== 'draft') remember(row.id, entry);
  }
  return found;
}

/** One version an application points at; a missing one is a broken foreign key, not a user error. */
export async function versionOf(q: Queryable, id: string): Promise<RunnableVersion> {
  const entry = (await versionsById(q, [id])).get(id);
  if (!entry) throw new Error(`application type version ${id} does not exist`);
  return entry;
}

function remember(id: string, entry: RunnableVersion) {
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(id, entry);
}
