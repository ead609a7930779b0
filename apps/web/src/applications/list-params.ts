/**
 * 我的申请 and 待办 keep their page, filters and sort in the URL, so a view can be bookmarked and the back button steps
 * through earlier views. Values the server would reject are dropped here instead of being sent to fail.
 */
import { APPLICATION_STATUSES, INBOX_TABS } from '@henji/contracts';
import type { ApplicationListQuery, InboxQuery } from './api.ts';

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 200;
const MAX_PAGE = 100_000;
const SORTS = ['createdAt', 'submittedAt', 'updatedAt'] as const;
const ORDERS = ['asc', 'desc'] as const;
const SCOPES = ['mine', 'all'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined => allowed.find((a) => a === value);
const positiveInt = (value: string | null): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const id = (value: string | null) => (value && UUID.test(value) ? value : undefined);

function paging(params: URLSearchParams) {
  return {
    page: Math.min(positiveInt(params.get('page')) ?? 1, MAX_PAGE),
    pageSize: Math.min(positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

function write(query: Record<string, string | number | undefined>, defaults: Record<string, string | number>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  return params;
}

export function readApplicationListQuery(params: URLSearchParams): ApplicationListQuery {
  const q = params.get('q')?.trim().slice(0, 100);
  return {
    ...paging(params),
    scope: oneOf(SCOPES, params.get('scope')) ?? 'mine',
    status: oneOf(APPLICATION_STATUSES, params.get('status')),
    typeId: id(params.get('typeId')),
    q: q || undefined,
    sort: oneOf(SORTS, params.get('sort')),
    order: oneOf(ORDERS, params.get('order')),
  };
}

export const writeApplicationListQuery = (query: ApplicationListQuery) =>
  write({ ...query }, { page: 1, pageSize: DEFAULT_PAGE_SIZE, scope: 'mine' });

export function readInboxQuery(params: URLSearchParams): InboxQuery {
  return { ...paging(params), tab: oneOf(INBOX_TABS, params.get('tab')) ?? 'todo', typeId: id(params.get('typeId')) };
}

export const writeInboxQuery = (query: InboxQuery) => write({ ...query }, { page: 1, pageSize: DEFAULT_PAGE_SIZE, tab: 'todo' });
