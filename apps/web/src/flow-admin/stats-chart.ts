/** The node statistics chart (F8): average and 90th-percentile working hours per node, as an ECharts option. */
import type { NodeStats } from '@henji/contracts';
import type { EChartsCoreOption } from 'echarts/core';
import { workingHours } from './working-time.ts';

export interface StatsChartLabels {
  avg: string;
  p90: string;
  axis: string;
}

export function nodeStatsOption(stats: NodeStats, labels: StatsChartLabels): EChartsCoreOption {
  const nodes = stats.nodes;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [labels.avg, labels.p90], top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: nodes.map((n) => n.nodeName), axisLabel: { interval: 0, rotate: nodes.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: labels.axis },
    series: [
      { name: labels.avg, type: 'bar', data: nodes.map((n) => workingHours(n.avgMinutes)), itemStyle: { color: '#1677ff' } },
      { name: labels.p90, type: 'bar', data: nodes.map((n) => workingHours(n.p90Minutes)), itemStyle: { color: '#fa8c16' } },
    ],
  };
}
