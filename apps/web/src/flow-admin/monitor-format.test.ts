import { describe, expect, it } from 'vitest';
import type { NodeStats } from '@henji/contracts';
import { earliestDeadline, worstSla } from './sla.ts';
import { nodeStatsOption } from './stats-chart.ts';

describe('monitor formatting', () => {
  it('flags an application by the worst state of its current nodes', () => {
    expect(worstSla(['on_time', 'overdue', 'due_soon'])).toBe('overdue');
    expect(worstSla(['on_time', 'due_soon'])).toBe('due_soon');
    expect(worstSla([])).toBe('none');
  });

  it('shows the earliest deadline of the current nodes', () => {
    expect(earliestDeadline([{ deadline: '2026-03-02T09:00:00Z' }, { deadline: null }, { deadline: '2026-03-01T17:00:00+08:00' }])).toBe(
      '2026-03-01T17:00:00+08:00',
    );
    expect(earliestDeadline([{ deadline: null }])).toBeNull();
  });

  it('charts average and P90 per node in working hours, leaving nodes without data empty', () => {
    const stats: NodeStats = {
      typeId: 't',
      minutesPerDay: 480,
      nodes: [
        { nodeId: 'head', nodeName: '部门负责人审批', completed: 4, running: 1, overdue: 0, avgMinutes: 90, p90Minutes: 570 },
        { nodeId: 'ceo', nodeName: 'CEO 审批', completed: 0, running: 2, overdue: 1, avgMinutes: null, p90Minutes: null },
      ],
    };
    const option = nodeStatsOption(stats, { avg: 'avg', p90: 'p90', axis: 'h' }) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
    };

    expect(option.xAxis.data).toEqual(['部门负责人审批', 'CEO 审批']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['avg', [1.5, null]],
      ['p90', [9.5, null]],
    ]);
  });
});
