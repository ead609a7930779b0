import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SIZE } from '../api/list-params.ts';
import type { UserListQuery } from '../api/types.ts';
import { readUserListQuery, writeUserListQuery } from './user-list-params.ts';

const read = (search: string) => readUserListQuery(new URLSearchParams(search));

describe('readUserListQuery', () => {
  it('reads an empty URL as the first page of the default size, unfiltered and unsorted', () => {
    expect(read('')).toEqual({
      page: 1,
      pageSize: DEFAULT_PAGE_SIZE,
      q: undefined,
      departmentId: undefined,
      status: undefined,
      role: undefined,
      sort: undefined,
      order: undefined,
    });
  });

  it('reads every parameter the list understands', () => {
    const query = read('page=3&pageSize=50&q=wang&departmentId=d-1&status=disabled&role=finance&sort=createdAt&order=desc');

    expect(query).toEqual({
      page: 3,
      pageSize: 50,
      q: 'wang',
      departmentId: 'd-1',
      status: 'disabled',
      role: 'finance',
      sort: 'createdAt',
      order: 'desc',
    });
  });

  it.each(['0', '-2', '1.5', 'abc', '', '1e400'])('falls back to page 1 and the default size for page=%j', (value) => {
    const query = read(`page=${encodeURIComponent(value)}&pageSize=${encodeURIComponent(value)}`);

    expect(query.page).toBe(1);
    expect(query.pageSize).toBe(DEFAULT_PAGE_SIZE);
  });

  it('drops a status, sort or order it does not know instead of passing it to the server', () => {
    const query = read('status=deleted&sort=password&order=sideways');

    expect(query.status).toBeUndefined();
    expect(query.sort).toBeUndefined();
    expect(query.order).toBeUndefined();
  });

  it('reads empty text filters as no filter', () => {
    const query = read('q=&departmentId=&role=');

    expect(query.q).toBeUndefined();
    expect(query.departmentId).toBeUndefined();
    expect(query.role).toBeUndefined();
  });
});

describe('writeUserListQuery', () => {
  it('leaves defaults and empty filters out of the URL', () => {
    const params = writeUserListQuery({ page: 1, pageSize: DEFAULT_PAGE_SIZE, q: '', status: undefined, sort: 'username' });

    expect(params.toString()).toBe('sort=username');
  });

  it('writes a page other than the first and a size other than the default', () => {
    expect(writeUserListQuery({ page: 2, pageSize: 50 }).toString()).toBe('page=2&pageSize=50');
  });

  it('round-trips through the URL: what is written reads back the same', () => {
    const query: UserListQuery = {
      page: 4,
      pageSize: 100,
      q: '王 & co',
      departmentId: '0b6c2a8e-2f1c-4d8e-9a53-5a1f2b3c4d5e',
      status: 'left',
      role: 'finance',
      sort: 'displayName',
      order: 'desc',
    };

    expect(read(writeUserListQuery(query).toString())).toEqual(query);
  });

  it('round-trips the default view to an empty URL and back', () => {
    const defaults = read('');

    expect(writeUserListQuery(defaults).toString()).toBe('');
    expect(read(writeUserListQuery(defaults).toString())).toEqual(defaults);
  });
});

describe('limits', () => {
  it('clamps page size and page number to what the server accepts', () => {
    const query = readUserListQuery(new URLSearchParams('pageSize=1000&page=999999999'));
    expect(query.pageSize).toBe(200);
    expect(query.page).toBe(100_000);
  });
});
