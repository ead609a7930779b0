import { describe, expect, it } from 'vitest';
import type { HomeOverview } from '@henji/contracts';
import { byNodeLines, byPersonLines, chartHeight, orderedItems, setupPercent, stackedBarOption, truncate } from './home-logic.ts';

const overview: HomeOverview = {
  scope: 'company',
  departments: [],
  pending: 5,
  overdue: 2,
  byNode: [
    { typeName: '采购申请', nodeName: '部门负责人审批', pending: 3, overdue: 2 },
    { typeName: '请假申请', nodeName: '人力资源审核', pending: 2, overdue: 0 },
  ],
  byPerson: [
    { user: { id: '00000000-0000-4000-8000-000000000001', displayName: '王经理' }, departmentName: '行政部', pending: 3, overdue: 2, oldestSince: '2026-06-01T00:00:00.000Z' },
  ],
  trackedTasks: { open: 0, overdue: 0, awaitingOwner: 0 },
};

describe('setup progress', () => {
  it('is the share of available items done, whole percent', () => {
    expect(setupPercent({ done: 0, total: 6 })).toBe(0);
    expect(setupPercent({ done: 2, total: 6 })).toBe(33);
    expect(setupPercent({ done: 6, total: 6 })).toBe(100);
    expect(setupPercent({ done: 0, total: 0 })).toBe(100);
  });

  it('lists open items first, then done ones, then the unavailable, each in the server\'s order', () => {
    const items = [
      { key: 'a', done: true, available: true },
      { key: 'b', done: false, available: false },
      { key: 'c', done: false, available: true },
      { key: 'd', done: true, available: true },
      { key: 'e', done: false, available: true },
    ];
    expect(orderedItems(items).map((i) => i.key)).toEqual(['c', 'e', 'a', 'd', 'b']);
  });
});

describe('overview charts', () => {
  it('stack the on-time part and the overdue part; the longest line is drawn on top', () => {
    const option = stackedBarOption(byNodeLines(overview), { pending: '等待中', overdue: '已超时' });
    expect(option.yAxis.data).toEqual(['请假申请 · 人力资源审核', '采购申请 · 部门负责人审批']);
    expect(option.series[0]!.data).toEqual([2, 1]);
    expect(option.series[1]!.data).toEqual([0, 2]);
    expect(option.legend.data).toEqual(['等待中', '已超时']);
  });

  it('name people by display name and keep at most ten bars', () => {
    expect(byPersonLines(overview)).toEqual([{ label: '王经理', pending: 3, overdue: 2 }]);
    const many = Array.from({ length: 14 }, (_, i) => ({ label: `p${i}`, pending: 1, overdue: 0 }));
    expect(stackedBarOption(many, { pending: 'a', overdue: 'b' }).yAxis.data).toHaveLength(10);
    expect(chartHeight(0)).toBe(100);
    expect(chartHeight(14)).toBe(chartHeight(10));
  });

  it('truncate long labels by characters, not bytes', () => {
    expect(truncate('一二三四五', 5)).toBe('一二三四五');
    expect(truncate('一二三四五六', 5)).toBe('一二三四…');
  });
});
