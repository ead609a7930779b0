import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api/client.ts';

/**
 * A 4xx will answer the same on a retry (forbidden stays forbidden), so only network failures and 5xx are retried,
 * and only once: the UI shows an error with a retry button rather than spinning for long.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
