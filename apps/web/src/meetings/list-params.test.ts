import { describe, expect, it } from 'vitest';
import { meetingListQuery, readMeetingPageState, writeMeetingPageState } from './list-params.ts';

describe('the 我的会议 page state in the URL', () => {
  it('reads defaults from an empty URL and writes nothing for them', () => {
    const state = readMeetingPageState(new URLSearchParams());
    expect(state).toMatchObject({ view: 'upcoming', page: 1, pageSize: 20 });
    expect(state.kind).toBeUndefined();
    expect(writeMeetingPageState(state).toString()).toBe('');
  });

  it('round-trips a view, filters, a date range, sort and page', () => {
    const params = new URLSearchParams('view=past&kind=department_weekly&status=noticed&q=%E4%BE%8B%E4%BC%9A&from=2026-06-01&to=2026-06-30&sort=topic&order=asc&page=2&pageSize=50');
    const state = readMeetingPageState(params);
    expect(state).toEqual({
      view: 'past',
      kind: 'department_weekly',
      status: 'noticed',
      q: '例会',
      fromDay: '2026-06-01',
      toDay: '2026-06-30',
      sort: 'topic',
      order: 'asc',
      page: 2,
      pageSize: 50,
    });
    expect(readMeetingPageState(writeMeetingPageState(state))).toEqual(state);
  });

  it('drops what the server would refuse and reads a backwards range the right way round', () => {
    const state = readMeetingPageState(new URLSearchParams('view=everything&kind=party&status=done&from=2026-07-01&to=2026-06-01&sort=room&order=up&page=0'));
    expect(state).toMatchObject({ view: 'upcoming', kind: undefined, status: undefined, fromDay: '2026-06-01', toDay: '2026-07-01', sort: undefined, order: undefined, page: 1 });
    expect(readMeetingPageState(new URLSearchParams('from=yesterday&to=2026-13-45')).fromDay).toBeUndefined();
  });

  it('asks the server from the first day’s start to the start of the day after the last', () => {
    const query = meetingListQuery(readMeetingPageState(new URLSearchParams('from=2026-06-01&to=2026-06-30')));
    const from = new Date(query.from!);
    const to = new Date(query.to!);
    expect(from.getDate()).toBe(1);
    expect(from.getHours()).toBe(0);
    expect(to.getMonth()).toBe(6);
    expect(to.getDate()).toBe(1);
    expect(to.getTime() - from.getTime()).toBeGreaterThanOrEqual(30 * 24 * 3600_000 - 3600_000);
  });
});
