/**
 * The canonical form of a ledger entry: the exact bytes whose leaf hash goes into the Merkle tree.
 *
 * Every field is a string or null, and the payload is stored as canonical JSON text, so any reader (the server's
 * `henji verify`, the browser badge, the offline verifier) rebuilds the same bytes with JSON.stringify alone.
 */
import { utf8 } from './bytes.ts';
import { hashLeaf, type Sha256 } from './merkle.ts';

export const ENTRY_FORMAT = 'henji.ledger.v1';

export interface EntryFields {
  id: string;
  /** ISO-8601 UTC with milliseconds, e.g. 2026-11-21T09:30:00.000Z */
  recordedAt: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** Canonical JSON text of the payload (diff, comment, evidence, request metadata). */
  payload: string;
}

export function entryLeafData(e: EntryFields): string {
  return JSON.stringify([
    ENTRY_FORMAT,
    e.id,
    e.recordedAt,
    e.actorId,
    e.onBehalfOfId,
    e.action,
    e.subjectType,
    e.subjectId,
    e.payload,
  ]);
}

export const entryLeafHash = (h: Sha256, e: EntryFields) => hashLeaf(h, utf8(entryLeafData(e)));

/** JSON with object keys sorted at every level; undefined members are dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}
