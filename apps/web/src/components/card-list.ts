/**
 * The pure part of `ResponsiveTable`'s phone view: which column heads a card, what a cell holds, and how the sort
 * picker speaks to a table's `onChange` so pages keep a single change handler for both views.
 */
import type { Key, ReactNode } from 'react';
import type { TableColumnType } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';

type Column<Row> = TableColumnType<Row>;

export const columnKey = <Row>(column: Column<Row>): Key | undefined =>
  column.key ?? (typeof column.dataIndex === 'string' || typeof column.dataIndex === 'number' ? column.dataIndex : undefined);

/** The value a column's `dataIndex` (a key or a path) picks out of a row, as the table would pass it to `render`. */
export function cellValue<Row extends object>(row: Row, column: Column<Row>): unknown {
  const path = column.dataIndex;
  if (path === undefined || path === null) return undefined;
  let value: unknown = row;
  for (const key of Array.isArray(path) ? path : [path]) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[String(key)] : undefined;
  return value;
}

/** What a cell shows: the column's `render` if it has one (a `{ children }` cell-span object gives its children). */
export function cellContent<Row extends object>(row: Row, column: Column<Row>, index: number): ReactNode {
  const value = cellValue(row, column);
  if (column.render) {
    const rendered = column.render(value, row, index);
    return rendered !== null && typeof rendered === 'object' && 'children' in rendered && !('$$typeof' in rendered) ? (rendered.children as ReactNode) : (rendered as ReactNode);
  }
  return value === null || value === undefined ? null : String(value);
}

/** The sort picker's value for the columns' current `sortOrder`: `"<key>:ascend"`, or undefined when unsorted. */
export function sortValue<Row>(columns: readonly Column<Row>[]): string | undefined {
  const current = columns.find((c) => c.sorter && c.sortOrder);
  return current ? `${String(columnKey(current))}:${current.sortOrder}` : undefined;
}

/** The sorter a table would report when the picker is set to `value` (cleared: no column, no order). */
export function sorterFor<Row>(columns: readonly Column<Row>[], value: string | undefined): SorterResult<Row> {
  const [key, order] = value ? value.split(':') : [];
  const column = columns.find((c) => c.sorter && String(columnKey(c)) === key);
  return {
    column,
    columnKey: column ? columnKey(column) : undefined,
    field: column?.dataIndex as SorterResult<Row>['field'],
    order: column && (order === 'ascend' || order === 'descend') ? order : null,
  };
}
