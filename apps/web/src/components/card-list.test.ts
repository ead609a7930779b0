import { describe, expect, it } from 'vitest';
import type { TableColumnType, TableProps } from 'antd';
import { listTableChange, type ListTableChange } from '../api/list-params.ts';
import { cellContent, cellValue, columnKey, sorterFor, sortValue } from './card-list.ts';

interface Row {
  id: string;
  title: string;
  submittedAt: string | null;
  initiator: { displayName: string };
}

const row: Row = { id: 'a1', title: '采购服务器', submittedAt: '2026-12-02T06:30:00.000Z', initiator: { displayName: '吕工程师' } };

const columns = (order: 'ascend' | 'descend' | null = null): TableColumnType<Row>[] => [
  { title: '标题', dataIndex: 'title' },
  { title: '申请人', key: 'initiator', render: (_: unknown, r: Row) => r.initiator.displayName },
  { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', sorter: true, sortOrder: order },
  { title: '嵌套', dataIndex: ['initiator', 'displayName'] },
];

describe('cards built from table columns', () => {
  it('keys a column by its key, else by a plain dataIndex', () => {
    const [title, initiator, submitted, nested] = columns();
    expect(columnKey(title!)).toBe('title');
    expect(columnKey(initiator!)).toBe('initiator');
    expect(columnKey(submitted!)).toBe('submittedAt');
    expect(columnKey(nested!)).toBeUndefined();
  });

  it('reads cells as the table would: by dataIndex or path, through render', () => {
    const [title, initiator, , nested] = columns();
    expect(cellValue(row, title!)).toBe('采购服务器');
    expect(cellValue(row, nested!)).toBe('吕工程师');
    expect(cellValue(row, initiator!)).toBeUndefined();
    expect(cellContent(row, initiator!, 0)).toBe('吕工程师');
    expect(cellContent({ ...row, submittedAt: null }, columns()[2]!, 0)).toBeNull();
  });

  it('shows a render that returns cell props by its children', () => {
    const spanning: TableColumnType<Row> = { title: 'x', key: 'x', render: () => ({ children: '合并', props: { colSpan: 2 } }) };
    expect(cellContent(row, spanning, 0)).toBe('合并');
  });
});

describe('the sort picker of the card view', () => {
  type OnChange = NonNullable<TableProps<Row>['onChange']>;
  const calls: ListTableChange<'submittedAt' | 'updatedAt'>[] = [];
  const onChange: OnChange = listTableChange<Row, 'submittedAt' | 'updatedAt'>(['submittedAt', 'updatedAt'], 20, (change) => calls.push(change));
  const pick = (value: string | undefined) => onChange({}, {}, sorterFor(columns(), value), { action: 'sort', currentDataSource: [] });

  it('shows the list’s current order', () => {
    expect(sortValue(columns('descend'))).toBe('submittedAt:descend');
    expect(sortValue(columns(null))).toBeUndefined();
  });

  it('reaches the list’s handler as the table header would: a column and an order, or back to the default', () => {
    calls.length = 0;
    pick('submittedAt:ascend');
    pick('submittedAt:descend');
    pick(undefined);
    // A column that is not sortable is no sort at all.
    pick('title:ascend');
    expect(calls).toEqual([
      { sort: 'submittedAt', order: 'asc' },
      { sort: 'submittedAt', order: 'desc' },
      { sort: undefined, order: undefined },
      { sort: undefined, order: undefined },
    ]);
  });
});
