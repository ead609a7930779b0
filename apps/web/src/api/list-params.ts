/**
 * Lists that keep their page, filters and sort in the URL (我的申请, 待办, 用户, 督办) read and write it with these, so a
 * view can be bookmarked and the back button steps through earlier views. Values the server would reject are dropped
 * or clamped here instead of being sent to fail.
 */
import type { TableProps } from 'antd';
import type { SortOrder } from './types.ts';

export const DEFAULT_PAGE_SIZE = 20;
/** The server's limits (PageQuery in @henji/contracts): a URL asking for more is clamped, not sent to fail. */
const MAX_PAGE_SIZE = 200;
const MAX_PAGE = 100_000;
/** The longest search text the list queries accept. */
const MAX_SEARCH = 100;
export const SORT_ORDERS: readonly SortOrder[] = ['asc', 'desc'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined => allowed.find((a) => a === value);

export const positiveInt = (value: string | null): number | undefined => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export const uuidParam = (value: string | null): string | undefined => (value && UUID.test(value) ? value : undefined);

/** Search text as the server takes it: trimmed, at most 100 characters, none when empty. */
export const searchParam = (value: string | null): string | undefined => value?.trim().slice(0, MAX_SEARCH) || undefined;

export function readPaging(params: URLSearchParams): { page: number; pageSize: number } {
  return {
    page: Math.min(positiveInt(params.get('page')) ?? 1, MAX_PAGE),
    pageSize: Math.min(positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** The first page and the default size are implied, as are the list's own `defaults`; empty values are left out. */
export function writeListParams(
  values: Readonly<Record<string, string | number | null | undefined>>,
  defaults: Readonly<Record<string, string | number>> = {},
): URLSearchParams {
  const implied: Record<string, string | number> = { page: 1, pageSize: DEFAULT_PAGE_SIZE, ...defaults };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || implied[key] === value) continue;
    params.set(key, String(value));
  }
  return params;
}

/** How a column shows the list's current sort. */
export const columnSortOrder = (current: { sort: string; order: SortOrder }, key: string) =>
  current.sort === key ? (current.order === 'asc' ? 'ascend' : 'descend') : null;

export type ListTableChange<S extends string> = { page: number; pageSize: number | undefined } | { sort: S | undefined; order: SortOrder | undefined };

/**
 * The onChange of a table paged and sorted on the server: another page or page size keeps the filters and sort;
 * another sort starts again from the first page (the caller's `update` resets the page unless told `keepPage`), and
 * clearing the sort, or sorting by a column the server cannot, returns to the server's default order.
 */
export function listTableChange<Row, S extends string>(
  sortable: readonly S[],
  pageSize: number | undefined,
  update: (change: ListTableChange<S>, options?: { keepPage?: boolean }) => void,
): NonNullable<TableProps<Row>['onChange']> {
  return (pagination, _filters, sorter, extra) => {
    if (extra.action === 'paginate') {
      update({ page: pagination.current ?? 1, pageSize: pagination.pageSize ?? pageSize }, { keepPage: true });
      return;
    }
    if (extra.action === 'sort') {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = sortable.find((s) => s === single?.columnKey);
      if (!single?.order || !key) update({ sort: undefined, order: undefined });
      else update({ sort: key, order: single.order === 'ascend' ? 'asc' : 'desc' });
    }
  };
}
