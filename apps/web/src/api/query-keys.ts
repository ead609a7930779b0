/**
 * Every TanStack Query key in one place, so a mutation can invalidate exactly what it changed.
 * Keys are hierarchical: invalidating a prefix such as `users.all` refreshes every list and detail under it.
 */
import type { Checkpoint, LedgerEntry } from '@henji/contracts';
import type { UserListQuery } from './types.ts';

/** What /api/ledger/entries filters by (LedgerEntriesQuery in @henji/contracts); the ledger page keeps it in the URL. */
export interface LedgerFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  departmentId?: string;
  action?: string;
  actionGroup?: string;
  from?: string;
  to?: string;
  number?: string;
}

export const queryKeys = {
  me: ['me'] as const,
  apiTokens: ['api-tokens'] as const,
  departments: ['departments'] as const,
  positions: ['positions'] as const,
  roles: ['roles'] as const,
  users: {
    all: ['users'] as const,
    list: (query: UserListQuery) => ['users', 'list', query] as const,
    search: (q: string, includeInactive: boolean) => ['users', 'search', { q, includeInactive }] as const,
    detail: (id: string) => ['users', 'detail', id] as const,
  },
  webhooks: {
    all: ['webhooks'] as const,
    list: ['webhooks', 'list'] as const,
    deliveries: (id: string) => ['webhooks', 'deliveries', id] as const,
  },
  calendars: {
    all: ['calendars'] as const,
    list: ['calendars', 'list'] as const,
    days: (id: string, year: number) => ['calendars', 'days', id, year] as const,
  },
  delegations: {
    all: ['delegations'] as const,
    list: (state: string | undefined) => ['delegations', 'list', state ?? 'all'] as const,
  },
  ledger: {
    all: ['ledger'] as const,
    publicKey: ['ledger', 'public-key'] as const,
    checkpoint: ['ledger', 'checkpoint'] as const,
    feeds: ['ledger', 'feed'] as const,
    feed: (filter: LedgerFilter) => ['ledger', 'feed', filter] as const,
    subject: (subjectType: string, subjectId: string) => ['ledger', 'feed', { subjectType, subjectId }] as const,
    trust: (signature: string, publicKey: string) => ['ledger', 'trust', signature, publicKey] as const,
    inclusion: (leafIndex: number, treeSize: number) => ['ledger', 'inclusion', leafIndex, treeSize] as const,
    /** Keyed by the whole entry, so a changed entry is verified afresh rather than shown with an old verdict. */
    verdict: (entry: LedgerEntry, checkpoint: Pick<Checkpoint, 'treeSize' | 'rootHash'> | null | undefined) =>
      ['ledger', 'verdict', entry, checkpoint?.treeSize ?? null, checkpoint?.rootHash ?? null] as const,
  },
};
