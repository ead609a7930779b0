import type { Checkpoint } from '@henji/contracts';
import { api, apiUrl, isApiError } from '../api/client.ts';
import type { LedgerFilter } from '../api/query-keys.ts';
import type { InclusionProof, LedgerEntriesPage, PublicKey } from '../api/types.ts';

export const fetchPublicKey = () => api<PublicKey>('/api/ledger/public-key');

/** The latest signed checkpoint, or null while the ledger has none yet (a fresh installation). */
export async function fetchCheckpoint(): Promise<Checkpoint | null> {
  try {
    return await api<Checkpoint>('/api/ledger/checkpoint');
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export const fetchInclusionProof = (leafIndex: number, treeSize: number) =>
  api<InclusionProof>('/api/ledger/proofs/inclusion', { query: { index: leafIndex, treeSize } });

export const fetchLedgerEntries = (filter: LedgerFilter, beforeId: string | null, limit = 50) =>
  api<LedgerEntriesPage>('/api/ledger/entries', { query: { ...filter, beforeId, limit } });

/** A download link (the browser sends the session cookie); the server answers with a JSON proof bundle. */
export const proofBundleUrl = (subjectType: string, subjectId: string) => apiUrl('/api/ledger/bundle', { subjectType, subjectId });
