import { describe, expect, it } from 'vitest';
import { readTaskPageState, writeTaskPageState } from './list-params.ts';

describe('the 督办 page state in the URL', () => {
  it('reads defaults from an empty URL and writes nothing for them', () => {
    const state = readTaskPageState(new URLSearchParams());
    expect(state).toEqual({ query: { view: 'mine', status: undefined, q: undefined, sort: undefined, order: undefined, page: 1, pageSize: 20 }, taskId: null });
    expect(writeTaskPageState(state).toString()).toBe('');
  });

  it('round-trips a view, filters, sort, page and the open task', () => {
    const params = new URLSearchParams('view=overdue&status=in_progress&q=%E6%95%B4%E6%94%B9&sort=lastReportAt&order=desc&page=3&pageSize=50&task=0f8fad5b-d9cb-469f-a165-70867728950e');
    const state = readTaskPageState(params);
    expect(state.query).toMatchObject({ view: 'overdue', status: 'in_progress', q: '整改', sort: 'lastReportAt', order: 'desc', page: 3, pageSize: 50 });
    expect(state.taskId).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(readTaskPageState(writeTaskPageState(state))).toEqual(state);
  });

  it('drops what the server would refuse', () => {
    const state = readTaskPageState(new URLSearchParams('view=all&status=done&sort=title&order=up&page=-2&pageSize=100000&task=42'));
    expect(state).toEqual({ query: { view: 'mine', status: undefined, q: undefined, sort: undefined, order: undefined, page: 1, pageSize: 200 }, taskId: null });
  });
});
