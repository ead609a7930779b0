import { describe, expect, it } from 'vitest';
import type { TableProps } from 'antd';
import {
  columnSortOrder,
  DEFAULT_PAGE_SIZE,
  listTableChange,
  oneOf,
  positiveInt,
  readPaging,
  searchParam,
  uuidParam,
  writeListParams,
  type ListTableChange,
} from './list-params.ts';

type OnChange = NonNullable<TableProps<{ id: string }>['onChange']>;
type Sorter = Exclude<Parameters<OnChange>[2], readonly unknown[]>;
type Extra = Parameters<OnChange>[3];

describe('reading list parameters', () => {
  it('takes only the values it knows', () => {
    expect(oneOf(['asc', 'desc'], 'asc')).toBe('asc');
    expect(oneOf(['asc', 'desc'], 'up')).toBeUndefined();
    expect(oneOf(['asc', 'desc'], null)).toBeUndefined();
  });

  it.each(['0', '-2', '1.5', 'abc', '', '1e400'])('reads %j as no positive integer', (value) => {
    expect(positiveInt(value)).toBeUndefined();
  });

  it('reads a positive integer', () => {
    expect(positiveInt('42')).toBe(42);
  });

  it('takes a uuid and drops anything else', () => {
    expect(uuidParam('0B5E3F4C-8d2a-4c1e-9f00-1234567890ab')).toBe('0B5E3F4C-8d2a-4c1e-9f00-1234567890ab');
    expect(uuidParam('abc')).toBeUndefined();
    expect(uuidParam(null)).toBeUndefined();
  });

  it('trims search text to what the server accepts, and reads blank text as none', () => {
    expect(searchParam('  显示器 ')).toBe('显示器');
    expect(searchParam('x'.repeat(150))).toHaveLength(100);
    expect(searchParam('   ')).toBeUndefined();
    expect(searchParam(null)).toBeUndefined();
  });

  it('reads no paging as the first page of the default size, and clamps to the server\'s limits', () => {
    expect(readPaging(new URLSearchParams())).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
    expect(readPaging(new URLSearchParams('page=999999999&pageSize=1000'))).toEqual({ page: 100_000, pageSize: 200 });
    expect(readPaging(new URLSearchParams('page=-1&pageSize=0'))).toEqual({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  });
});

describe('writing list parameters', () => {
  it('leaves out empty values, the first page, the default size and the list\'s own defaults', () => {
    const params = writeListParams({ page: 1, pageSize: DEFAULT_PAGE_SIZE, tab: 'todo', q: '', status: undefined, role: null, sort: 'name' }, { tab: 'todo' });
    expect(params.toString()).toBe('sort=name');
  });

  it('writes what differs from the defaults, and reads back the same paging', () => {
    const params = writeListParams({ page: 2, pageSize: 50, tab: 'cc' }, { tab: 'todo' });
    expect(params.toString()).toBe('page=2&pageSize=50&tab=cc');
    expect(readPaging(params)).toEqual({ page: 2, pageSize: 50 });
  });
});

describe('the table of a list paged and sorted on the server', () => {
  const SORTS = ['name', 'createdAt'] as const;
  const changes = (pageSize: number | undefined = 20) => {
    const seen: Array<[ListTableChange<(typeof SORTS)[number]>, { keepPage?: boolean } | undefined]> = [];
    const onChange = listTableChange<{ id: string }, (typeof SORTS)[number]>(SORTS, pageSize, (change, options) => seen.push([change, options]));
    return { seen, onChange };
  };
  const sort = (columnKey: string, order: 'ascend' | 'descend' | null): Sorter => ({ columnKey, order });
  const extra = (action: Extra['action']): Extra => ({ action, currentDataSource: [] });

  it('keeps the filters and sort when paging', () => {
    const { seen, onChange } = changes();
    onChange({ current: 3, pageSize: 50 }, {}, sort('name', 'ascend'), extra('paginate'));
    expect(seen).toEqual([[{ page: 3, pageSize: 50 }, { keepPage: true }]]);
  });

  it('sorts by a column the server can sort by, from the first page', () => {
    const { seen, onChange } = changes();
    onChange({ current: 3 }, {}, sort('createdAt', 'descend'), extra('sort'));
    onChange({ current: 1 }, {}, [sort('name', 'ascend')], extra('sort'));
    expect(seen).toEqual([
      [{ sort: 'createdAt', order: 'desc' }, undefined],
      [{ sort: 'name', order: 'asc' }, undefined],
    ]);
  });

  it('returns to the server\'s order when the sort is cleared or the column is not sortable', () => {
    const { seen, onChange } = changes();
    onChange({}, {}, sort('name', null), extra('sort'));
    onChange({}, {}, sort('password', 'ascend'), extra('sort'));
    expect(seen).toEqual([
      [{ sort: undefined, order: undefined }, undefined],
      [{ sort: undefined, order: undefined }, undefined],
    ]);
  });

  it('shows the current sort on its column only', () => {
    expect(columnSortOrder({ sort: 'name', order: 'asc' }, 'name')).toBe('ascend');
    expect(columnSortOrder({ sort: 'name', order: 'desc' }, 'name')).toBe('descend');
    expect(columnSortOrder({ sort: 'name', order: 'asc' }, 'createdAt')).toBeNull();
  });
});
