/**
 * The paging, sort and filters of one of the rooms' server-sorted tables, with the table's change handler: another
 * page keeps the rest, another filter or sort starts again at page 1, and clearing the sort returns to the default.
 */
import { useState } from 'react';
import { columnSortOrder, listTableChange, type ListTableChange } from '../api/list-params.ts';
import type { SortOrder } from '../api/types.ts';

export type TableQuery<S extends string> = {
  page: number;
  pageSize: number;
  sort: S;
  order: SortOrder;
};

export function useTableQuery<S extends string, Q extends TableQuery<S>>(initial: Q, sortable: readonly S[]) {
  const [query, setQuery] = useState<Q>(initial);
  const update = (change: ListTableChange<S>) =>
    setQuery((current) =>
      'sort' in change
        ? { ...current, page: 1, sort: change.sort ?? initial.sort, order: change.order ?? initial.order }
        : { ...current, page: change.page, pageSize: change.pageSize ?? current.pageSize },
    );
  return {
    query,
    /** Changes filters (or the view) and goes back to the first page. */
    filter: (patch: Partial<Q>) => setQuery((current) => ({ ...current, ...patch, page: 1 })),
    /** The table's onChange (typed by its rows). */
    onChange: <Row,>() => listTableChange<Row, S>(sortable, query.pageSize, update),
    sortOrder: (key: S) => columnSortOrder(query, key),
    pagination: (total: number | undefined) => ({ current: query.page, pageSize: query.pageSize, total: total ?? 0, showSizeChanger: true }),
  };
}
