/** The home pages' pure logic: progress, which sections a person sees, and the overview charts' options. */
import type { HomeOverview, SetupChecklist } from '@henji/contracts';

/** Whole percent of the available items done; 100 when nothing is available. */
export function setupPercent(list: Pick<SetupChecklist, 'done' | 'total'>): number {
  return list.total === 0 ? 100 : Math.round((list.done / list.total) * 100);
}

/** Items still to do first (in the server's order), then those done, then what is not available yet. */
export function orderedItems<T extends { done: boolean; available: boolean }>(items: readonly T[]): T[] {
  const rank = (i: T) => (!i.available ? 2 : i.done ? 1 : 0);
  return items.map((item, index) => ({ item, index })).sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index).map((x) => x.item);
}

export interface ChartLabels {
  pending: string;
  overdue: string;
}

/**
 * A horizontal stacked bar chart: on time and overdue per line, the longest bar on top. Lines are `label` and counts;
 * ECharts draws category axes bottom-up, so the data is reversed.
 */
export function stackedBarOption(lines: { label: string; pending: number; overdue: number }[], labels: ChartLabels) {
  const shown = lines.slice(0, 10).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { data: [labels.pending, labels.overdue], top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((l) => truncate(l.label, 16)) },
    series: [
      { name: labels.pending, type: 'bar', stack: 'n', data: shown.map((l) => l.pending - l.overdue), itemStyle: { color: '#1677ff' } },
      { name: labels.overdue, type: 'bar', stack: 'n', data: shown.map((l) => l.overdue), itemStyle: { color: '#ff4d4f' } },
    ],
  };
}

export const truncate = (text: string, max: number) => (Array.from(text).length > max ? `${Array.from(text).slice(0, max - 1).join('')}…` : text);

export const byNodeLines = (overview: HomeOverview) =>
  overview.byNode.map((n) => ({ label: `${n.typeName} · ${n.nodeName}`, pending: n.pending, overdue: n.overdue }));

export const byPersonLines = (overview: HomeOverview) =>
  overview.byPerson.map((p) => ({ label: p.user.displayName, pending: p.pending, overdue: p.overdue }));

/** Chart height for a number of bars: readable on a phone, never taller than ten bars need. */
export const chartHeight = (bars: number) => 72 + Math.min(Math.max(bars, 1), 10) * 28;
