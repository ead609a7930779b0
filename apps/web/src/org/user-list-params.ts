/** The users list keeps its page, filters and sort in the URL (see api/list-params.ts). */
import { USER_STATUSES } from '@henji/contracts/values';
import { oneOf, readPaging, searchParam, SORT_ORDERS, writeListParams } from '../api/list-params.ts';
import type { UserListQuery, UserSort } from '../api/types.ts';

export const USER_SORTS: readonly UserSort[] = ['username', 'displayName', 'createdAt'];

export function readUserListQuery(params: URLSearchParams): UserListQuery {
  return {
    ...readPaging(params),
    q: searchParam(params.get('q')),
    departmentId: params.get('departmentId') || undefined,
    status: oneOf(USER_STATUSES, params.get('status')),
    role: params.get('role') || undefined,
    sort: oneOf(USER_SORTS, params.get('sort')),
    order: oneOf(SORT_ORDERS, params.get('order')),
  };
}

export const writeUserListQuery = (query: UserListQuery) => writeListParams(query);
