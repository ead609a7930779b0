/** 我的申请 and 待办 keep their page, filters and sort in the URL (see api/list-params.ts). */
import { APPLICATION_STATUSES, INBOX_TABS } from '@henji/contracts/values';
import { oneOf, readPaging, searchParam, SORT_ORDERS, uuidParam, writeListParams } from '../api/list-params.ts';
import type { ApplicationListQuery, InboxQuery } from './api.ts';

export type ApplicationSort = NonNullable<ApplicationListQuery['sort']>;
export const APPLICATION_SORTS: readonly ApplicationSort[] = ['createdAt', 'submittedAt', 'updatedAt'];
const SCOPES = ['mine', 'all'] as const;

export function readApplicationListQuery(params: URLSearchParams): ApplicationListQuery {
  return {
    ...readPaging(params),
    scope: oneOf(SCOPES, params.get('scope')) ?? 'mine',
    status: oneOf(APPLICATION_STATUSES, params.get('status')),
    typeId: uuidParam(params.get('typeId')),
    q: searchParam(params.get('q')),
    sort: oneOf(APPLICATION_SORTS, params.get('sort')),
    order: oneOf(SORT_ORDERS, params.get('order')),
  };
}

export const writeApplicationListQuery = (query: ApplicationListQuery) => writeListParams(query, { scope: 'mine' });

export function readInboxQuery(params: URLSearchParams): InboxQuery {
  return { ...readPaging(params), tab: oneOf(INBOX_TABS, params.get('tab')) ?? 'todo', typeId: uuidParam(params.get('typeId')) };
}

export const writeInboxQuery = (query: InboxQuery) => writeListParams(query, { tab: 'todo' });
