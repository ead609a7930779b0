import { describe, expect, it } from 'vitest';
import { readApplicationListQuery, readInboxQuery, writeApplicationListQuery, writeInboxQuery } from './list-params.ts';

const TYPE = '0b5e3f4c-8d2a-4c1e-9f00-1234567890ab';

describe('application list in the URL', () => {
  it('reads what it wrote', () => {
    const query = { page: 3, pageSize: 50, scope: 'all' as const, status: 'running' as const, typeId: TYPE, q: '显示器', sort: 'submittedAt' as const, order: 'asc' as const };
    expect(readApplicationListQuery(writeApplicationListQuery(query))).toEqual(query);
  });

  it('keeps defaults out of the URL', () => {
    expect(writeApplicationListQuery({ page: 1, pageSize: 20, scope: 'mine' }).toString()).toBe('');
  });

  it('drops values the server would reject rather than sending them', () => {
    const query = readApplicationListQuery(new URLSearchParams('page=-2&pageSize=5000&scope=everyone&status=lost&typeId=abc&sort=title&order=up'));
    expect(query).toEqual({ page: 1, pageSize: 200, scope: 'mine', status: undefined, typeId: undefined, q: undefined, sort: undefined, order: undefined });
  });
});

describe('inbox in the URL', () => {
  it('opens on 待办 and remembers the tab and page', () => {
    expect(readInboxQuery(new URLSearchParams())).toMatchObject({ tab: 'todo', page: 1 });
    const params = writeInboxQuery({ tab: 'cc', page: 2, pageSize: 20 });
    expect(params.toString()).toBe('tab=cc&page=2');
    expect(readInboxQuery(params)).toMatchObject({ tab: 'cc', page: 2 });
  });
});
