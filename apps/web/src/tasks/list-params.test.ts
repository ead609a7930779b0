import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { readTaskPageState, serverQuery, writeTaskPageState } from './list-params.ts';

const NONE = {
  status: undefined,
  source: undefined,
  departmentId: undefined,
  ownerId: undefined,
  deadlineFrom: undefined,
  deadlineTo: undefined,
  overdue: undefined,
  q: undefined,
  sort: undefined,
  order: undefined,
};

describe('the 督办 page state in the URL', () => {
  it('reads defaults from an empty URL and writes nothing for them', () => {
    const state = readTaskPageState(new URLSearchParams());
    expect(state).toEqual({ mode: 'list', query: { view: 'mine', ...NONE, page: 1, pageSize: 20 }, month: undefined, taskId: null });
    expect(writeTaskPageState(state).toString()).toBe('');
  });

  it('round-trips a mode, view, filters, sort, page, month and the open task', () => {
    const dept = '6f1c2a4e-0d8b-4c1e-9a57-3b2d1e0f9a11';
    const params = new URLSearchParams(
      `mode=calendar&view=overdue&status=in_progress&source=meeting_resolution&departmentId=${dept}&ownerId=${dept}&deadlineFrom=2026-06-01&deadlineTo=2026-06-30&overdue=true&q=%E6%95%B4%E6%94%B9&sort=number&order=desc&page=3&pageSize=50&month=2026-06&task=0f8fad5b-d9cb-469f-a165-70867728950e`,
    );
    const state = readTaskPageState(params);
    expect(state.mode).toBe('calendar');
    expect(state.month).toBe('2026-06');
    expect(state.query).toMatchObject({
      view: 'overdue',
      status: 'in_progress',
      source: 'meeting_resolution',
      departmentId: dept,
      ownerId: dept,
      deadlineFrom: '2026-06-01',
      deadlineTo: '2026-06-30',
      overdue: 'true',
      q: '整改',
      sort: 'number',
      order: 'desc',
      page: 3,
      pageSize: 50,
    });
    expect(state.taskId).toBe('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(readTaskPageState(writeTaskPageState(state))).toEqual(state);
  });

  it('drops what the server would refuse', () => {
    const state = readTaskPageState(
      new URLSearchParams('mode=gantt&view=everything&status=done&source=rumour&departmentId=7&deadlineFrom=2026-13-01&deadlineTo=soon&overdue=yes&sort=title&order=up&page=-2&pageSize=100000&month=2026-6&task=42'),
    );
    expect(state).toEqual({ mode: 'list', query: { view: 'mine', ...NONE, page: 1, pageSize: 200 }, month: undefined, taskId: null });
  });

  it('sends the deadline days as instants covering both whole days, in local time', () => {
    const sent = serverQuery({ view: 'all', deadlineFrom: '2026-06-01', deadlineTo: '2026-06-30' });
    expect(sent.deadlineFrom).toBe(dayjs('2026-06-01T00:00:00').toISOString());
    expect(sent.deadlineTo).toBe(dayjs('2026-07-01T00:00:00').toISOString());
    expect(serverQuery({ view: 'mine' })).toEqual({ view: 'mine', deadlineFrom: undefined, deadlineTo: undefined });
  });
});
