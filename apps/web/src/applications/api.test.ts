import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Application } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { afterApplicationChange, APPLICATION_SUBJECT, applicationKeys } from './api.ts';

// Only the id matters to the cache; the rest of an application is the server's business.
const application = (id: string, title: string) => ({ id, title }) as unknown as Application;

function seeded() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(applicationKeys.detail('a1'), application('a1', 'old'));
  queryClient.setQueryData(applicationKeys.detail('a2'), application('a2', 'other'));
  queryClient.setQueryData(applicationKeys.list({}), { items: [] });
  queryClient.setQueryData(applicationKeys.inbox.counts, { todo: 1, cc: 0 });
  queryClient.setQueryData(queryKeys.ledger.subject(APPLICATION_SUBJECT, 'a1'), []);
  return queryClient;
}

const invalidated = (queryClient: QueryClient, key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;

describe('afterApplicationChange', () => {
  it('puts the answered detail into the cache and refreshes everything else', async () => {
    const queryClient = seeded();
    await afterApplicationChange(queryClient, 'a1', application('a1', 'new'));
    expect(queryClient.getQueryData<Application>(applicationKeys.detail('a1'))?.title).toBe('new');
    expect(invalidated(queryClient, applicationKeys.detail('a1'))).toBe(false);
    expect(invalidated(queryClient, applicationKeys.detail('a2'))).toBe(true);
    expect(invalidated(queryClient, applicationKeys.list({}))).toBe(true);
    expect(invalidated(queryClient, applicationKeys.inbox.counts)).toBe(true);
    expect(invalidated(queryClient, queryKeys.ledger.subject(APPLICATION_SUBJECT, 'a1'))).toBe(true);
  });

  it('without an answer refreshes the detail too', async () => {
    const queryClient = seeded();
    await afterApplicationChange(queryClient, 'a1');
    expect(invalidated(queryClient, applicationKeys.detail('a1'))).toBe(true);
    expect(invalidated(queryClient, applicationKeys.list({}))).toBe(true);
  });
});
