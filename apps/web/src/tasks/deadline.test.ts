import { describe, expect, it } from 'vitest';
import { parseDeadlineText } from './deadline.ts';
import { tasksEnUS } from './i18n.en-US.ts';
import { tasksZhCN } from './i18n.zh-CN.ts';
import { TASK_ACTIONS } from '@henji/contracts/values';

const local = (text: string) => parseDeadlineText(text)?.format('YYYY-MM-DD HH:mm') ?? null;

describe('a typed deadline', () => {
  it('keeps a typed day, due at the end of that working day (18:00), not at midnight', () => {
    expect(local('2026-06-30')).toBe('2026-06-30 18:00');
    expect(local(' 2026/6/3 ')).toBe('2026-06-03 18:00');
    expect(local('2026年6月30日')).toBe('2026-06-30 18:00');
  });

  it('keeps a typed time', () => {
    expect(local('2026-06-30 09:05')).toBe('2026-06-30 09:05');
    expect(local('2026-06-30 0:00')).toBe('2026-06-30 00:00');
    expect(local('2026-06-30T17:30')).toBe('2026-06-30 17:30');
  });

  it('reads nothing it cannot read exactly', () => {
    for (const text of ['', '明天', '2026-02-30', '2026-13-01', '2026-06-30 24:00', '2026-06-30 12:60', '30/06/2026']) expect(local(text), text).toBeNull();
  });
});

describe('what an action on a task says when it succeeds', () => {
  it('names every action, and a progress report is submitted, not "done"', () => {
    for (const action of TASK_ACTIONS) {
      expect(tasksZhCN.dialogs.done[action]).toBeTruthy();
      expect(tasksEnUS.dialogs.done[action]).toBeTruthy();
    }
    expect(tasksZhCN.dialogs.done.report).toMatch(/提交/);
    expect(tasksZhCN.dialogs.done.report).not.toMatch(/已完成/);
    expect(tasksEnUS.dialogs.done.report).toMatch(/submitted/);
  });
});
