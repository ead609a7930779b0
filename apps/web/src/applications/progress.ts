/**
 * 查询进度: what the detail page derives from an application's steps. Pure, so it is unit-tested.
 */
import type { Application, FlowDefinition, SlaState } from '@henji/contracts';
import { flowEdges } from './flow-layout.ts';

const SLA_RANK: Record<SlaState, number> = { none: 0, on_time: 1, due_soon: 2, overdue: 3 };

/** Of several current nodes (parallel branches), the one closest to or past its deadline speaks for the application. */
export function worstSla(states: readonly SlaState[]): SlaState {
  return states.reduce<SlaState>((worst, s) => (SLA_RANK[s] > SLA_RANK[worst] ? s : worst), 'none');
}

/**
 * Nodes to highlight on the flowchart: where the application waits now, and where it has been. Conditions, parallel
 * splits and joins leave no step of their own in the progress, so they count as passed once a node after them has
 * been reached.
 */
export function flowHighlights(flow: FlowDefinition, steps: Application['steps'], status: Application['status']): { active: string[]; done: string[] } {
  const active = new Set(steps.filter((s) => s.status === 'active' || s.status === 'paused').map((s) => s.nodeId));
  const done = new Set(steps.filter((s) => s.status === 'completed').map((s) => s.nodeId));
  // A node passed again later (after a return) is where it waits now, not done.
  for (const id of active) done.delete(id);
  const routing = new Set(flow.nodes.filter((n) => n.type === 'condition' || n.type === 'parallel' || n.type === 'join').map((n) => n.id));
  const edges = flowEdges(flow);
  let changed = true;
  while (changed) {
    changed = false;
    for (const edge of edges) {
      if (routing.has(edge.from) && !done.has(edge.from) && (done.has(edge.to) || active.has(edge.to))) {
        done.add(edge.from);
        changed = true;
      }
    }
  }
  if (status === 'draft') return { active: [], done: [] };
  return { active: [...active], done: [...done] };
}

export type OutcomeKey = 'approved' | 'rejected' | 'returned' | 'skipped_self' | 'skipped_empty' | 'copied' | 'notified' | 'number' | 'end' | 'countersigned' | 'objected' | 'emergency';
/** `emergency`: an approval decided by the temporary group's emergency execution (紧急执行). */
const OUTCOMES: readonly OutcomeKey[] = ['approved', 'rejected', 'returned', 'skipped_self', 'skipped_empty', 'copied', 'notified', 'number', 'end', 'countersigned', 'objected', 'emergency'];

/** A step's outcome as the server records it (`approved`, `number:CG20260001` …) → a label key and its parameters. */
export function outcomeOf(outcome: string | null): { key: OutcomeKey; number?: string } | null {
  if (!outcome) return null;
  const [head = '', ...rest] = outcome.split(':');
  const key = OUTCOMES.find((o) => o === head);
  if (!key) return null;
  return key === 'number' ? { key, number: rest.join(':') } : { key };
}

/** Antd Timeline colours: green passed, blue in progress, red a refusal, grey the rest. */
export function stepColor(step: Application['steps'][number]): 'green' | 'blue' | 'red' | 'orange' | 'gray' {
  if (step.status === 'active') return step.slaState === 'overdue' ? 'red' : 'blue';
  if (step.status === 'paused') return 'orange';
  if (step.status === 'cancelled') return 'gray';
  const outcome = outcomeOf(step.outcome)?.key;
  if (outcome === 'rejected' || outcome === 'objected') return 'red';
  if (outcome === 'returned') return 'orange';
  return 'green';
}

/**
 * Who may not be handed a task at `nodeId` (转交, 加签) — the server's separation of duties, offered the same way: the
 * applicant, and unless the type turns it off, whoever approved another level of the current round.
 */
export function excludedSigners(application: Pick<Application, 'initiator' | 'steps' | 'definition'>, nodeId: string): string[] {
  const out = new Set([application.initiator.id]);
  if (application.definition.duties?.distinctSigners ?? true) {
    const round = Math.max(1, ...application.steps.map((s) => s.round));
    for (const step of application.steps) {
      if (step.round !== round || step.nodeId === nodeId) continue;
      for (const task of step.tasks) {
        if (task.kind !== 'approve' || task.decision !== 'approve') continue;
        out.add(task.assignee.id);
        if (task.actedBy) out.add(task.actedBy.id);
      }
    }
  }
  return [...out];
}
