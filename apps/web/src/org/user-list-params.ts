import { USER_STATUSES, type User } from '@henji/contracts';
import type { SortOrder, UserListQuery, UserSort } from '../api/types.ts';

/**
 * The users list keeps its page, filters and sort in the URL, so a filtered view can be bookmarked or shared and the
 * back button steps through earlier views.
 */
export const DEFAULT_PAGE_SIZE = 20;
/** The server's limits (UserListQuery in @henji/contracts): a URL asking for more is clamped, not sent to fail. */
const MAX_PAGE_SIZE = 200;
const MAX_PAGE = 100_000;
const SORTS: readonly UserSort[] = ['username', 'displayName', 'createdAt'];
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  allowed.find((a) => a === value);

const positiveInt = (value: string | null): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export function readUserListQuery(params: URLSearchParams): UserListQuery {
  return {
    page: Math.min(positiveInt(params.get('page')) ?? 1, MAX_PAGE),
    pageSize: Math.min(positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    q: params.get('q') || undefined,
    departmentId: params.get('departmentId') || undefined,
    status: oneOf<User['status']>(USER_STATUSES, params.get('status')),
    role: params.get('role') || undefined,
    sort: oneOf(SORTS, params.get('sort')),
    order: oneOf(ORDERS, params.get('order')),
  };
}

export function writeUserListQuery(query: UserListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
    params.set(key, String(value));
  }
  return params;
}
