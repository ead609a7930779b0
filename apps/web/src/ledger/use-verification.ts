import { keepPreviousData, queryOptions, skipToken, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Checkpoint, LedgerEntry } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { PublicKey } from '../api/types.ts';
import { fetchCheckpoint, fetchInclusionProof, fetchPublicKey } from './api.ts';
import { checkCheckpoint, sealedLeafIndex, verifyEntry, type EntryVerdict } from './verify-entry.ts';

/** While an entry waits to be sealed, the checkpoint is re-read this often. */
export const PENDING_REFETCH_MS = 5_000;

export const publicKeyQuery = queryOptions({ queryKey: queryKeys.ledger.publicKey, queryFn: fetchPublicKey, staleTime: Infinity });
export const checkpointQuery = queryOptions({ queryKey: queryKeys.ledger.checkpoint, queryFn: fetchCheckpoint, staleTime: PENDING_REFETCH_MS });

/** Whether the checkpoint is signed by the published key; computed once per (signature, key). */
const trustQuery = (checkpoint: Checkpoint | null | undefined, publicKey: PublicKey | undefined) =>
  queryOptions({
    queryKey: queryKeys.ledger.trust(checkpoint?.signature ?? '', publicKey?.publicKey ?? ''),
    queryFn: checkpoint && publicKey ? () => checkCheckpoint(checkpoint, publicKey) : skipToken,
    staleTime: Infinity,
  });

/** The latest checkpoint, the published key and whether the one is signed by the other. Shared by every badge. */
export function useCheckpointTrust() {
  const publicKey = useQuery(publicKeyQuery);
  const checkpoint = useQuery(checkpointQuery);
  const trust = useQuery(trustQuery(checkpoint.data, publicKey.data));
  return { publicKey, checkpoint, trust };
}

export type VerdictView = EntryVerdict | { state: 'verifying' };

/**
 * The verification state of one displayed entry. Only entries in view are verified, one inclusion proof each; proofs
 * and verdicts are cached per (entry, checkpoint), and the previous verdict stays on screen while a newer checkpoint
 * is checked, so badges do not flicker as the ledger grows.
 */
export function useEntryVerdict(entry: LedgerEntry): VerdictView {
  const queryClient = useQueryClient();
  const publicKey = useQuery(publicKeyQuery);
  // Every badge observes the one checkpoint query; only badges still waiting for a checkpoint ask it to poll.
  const checkpoint = useQuery({
    ...checkpointQuery,
    refetchInterval: (query) => (sealedLeafIndex(entry, query.state.data) === null ? PENDING_REFETCH_MS : false),
  });
  const cp = checkpoint.data;
  const pk = publicKey.data;
  const trust = useQuery(trustQuery(cp, pk));

  const leafIndex = sealedLeafIndex(entry, cp);
  const loadProof = async (index: number, treeSize: number) => {
    const inclusion = await queryClient.fetchQuery({
      queryKey: queryKeys.ledger.inclusion(index, treeSize),
      queryFn: () => fetchInclusionProof(index, treeSize),
      staleTime: Infinity,
    });
    return inclusion.proof;
  };
  const verdict = useQuery({
    // What is verified is what is displayed: the key holds the entry itself.
    queryKey: queryKeys.ledger.verdict(entry, cp),
    queryFn: cp && leafIndex !== null && trust.data?.ok ? () => verifyEntry(entry, leafIndex, cp, loadProof) : skipToken,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });

  if (publicKey.isError || checkpoint.isError) return { state: 'failed', reason: 'ledger_unavailable' };
  if (publicKey.isPending || checkpoint.isPending) return { state: 'verifying' };
  if (leafIndex === null) return { state: 'pending' };
  if (trust.data && !trust.data.ok) return { state: 'failed', reason: trust.data.reason };
  // Includes the verdict against the previous checkpoint while a newer one is being checked.
  if (verdict.data) return verdict.data;
  if (verdict.isError) return { state: 'failed', reason: 'proof_unavailable' };
  return { state: 'verifying' };
}
