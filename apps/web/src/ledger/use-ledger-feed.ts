import { useInfiniteQuery } from '@tanstack/react-query';
import type { LedgerEntry } from '@henji/contracts';
import { queryKeys, type LedgerFilter } from '../api/query-keys.ts';
import type { LedgerEntriesPage } from '../api/types.ts';
import { fetchLedgerEntries } from './api.ts';
import { PENDING_REFETCH_MS } from './use-verification.ts';

const hasUnsequenced = (pages: readonly LedgerEntriesPage[] | undefined) =>
  pages?.some((page) => page.items.some((entry) => entry.leafIndex === null)) ?? false;

/** Numeric ids compared as strings: ids are bigint-sized decimal strings, so compare by length first. */
const newestFirst = (a: LedgerEntry, b: LedgerEntry) => b.id.length - a.id.length || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);

/**
 * Ledger entries newest first, a page at a time (`beforeId` paging). Entries not yet given a tree position by the
 * sequencer are re-read every few seconds until they have one, so their badges can move on from 待封存.
 */
export function useLedgerFeed(filter: LedgerFilter, pageSize = 50) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.ledger.feed(filter),
    queryFn: ({ pageParam }) => fetchLedgerEntries(filter, pageParam, pageSize),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBeforeId,
    refetchInterval: (q) => (hasUnsequenced(q.state.data?.pages) ? PENDING_REFETCH_MS : false),
  });
  const entries = (query.data?.pages.flatMap((page) => page.items) ?? []).sort(newestFirst);
  return { ...query, entries };
}
