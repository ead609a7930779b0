/** SLA states (F5, F8) as the monitor shows them: the worst state of an application's current nodes decides. */
import type { SlaState } from '@henji/contracts';

const SEVERITY: Record<SlaState, number> = { none: 0, on_time: 1, due_soon: 2, overdue: 3 };

export function worstSla(states: readonly SlaState[]): SlaState {
  return states.reduce<SlaState>((worst, s) => (SEVERITY[s] > SEVERITY[worst] ? s : worst), 'none');
}

/** The earliest deadline among the current nodes, or null when none has one. */
export function earliestDeadline(nodes: readonly { deadline: string | null }[]): string | null {
  const deadlines = nodes.map((n) => n.deadline).filter((d): d is string => d !== null);
  if (deadlines.length === 0) return null;
  return deadlines.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

export const SLA_TAG_COLORS: Record<SlaState, string | undefined> = {
  none: undefined,
  on_time: 'green',
  due_soon: 'orange',
  overdue: 'red',
};
