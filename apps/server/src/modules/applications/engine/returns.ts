/** Where an approver may send an application back (F3, per-node return policy). */
import type { ApplicationDefinition, ApprovalNode } from '@henji/contracts';
import { successors } from '../definition/flow-check.ts';
import type { StepRow } from '../schema.ts';

export const INITIATOR = 'initiator';

/** The nodes from which a path leads to `nodeId`: the only places an application can be sent back to. */
export function ancestorsOf(definition: ApplicationDefinition, nodeId: string): Set<string> {
  const parents = new Map<string, string[]>();
  for (const node of definition.flow.nodes) for (const next of successors(node)) parents.set(next.id, [...(parents.get(next.id) ?? []), node.id]);
  const found = new Set<string>();
  const stack = [...(parents.get(nodeId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(parents.get(id) ?? []));
  }
  return found;
}

/**
 * The targets a step's approver may return to: the applicant and/or approval nodes this application already passed
 * on the same branch, newest first. With `ancestors` (from `ancestorsOf`), only nodes that lead to this one count:
 * never a sibling parallel branch, never a node after this one passed before an earlier return.
 */
export function returnTargets(
  node: ApprovalNode,
  step: Pick<StepRow, 'seq' | 'forkStepId'>,
  history: Pick<StepRow, 'nodeId' | 'nodeType' | 'outcome' | 'seq' | 'forkStepId'>[],
  ancestors?: ReadonlySet<string>,
): string[] {
  if (node.returnPolicy === 'none') return [];
  if (node.returnPolicy === 'initiator') return [INITIATOR];
  const earlier = history
    .filter((s) => s.nodeType === 'approval' && s.outcome === 'approved' && s.seq < step.seq && s.forkStepId === step.forkStepId && s.nodeId !== node.id && (!ancestors || ancestors.has(s.nodeId)))
    .sort((a, b) => b.seq - a.seq)
    .map((s) => s.nodeId);
  const distinct = [...new Set(earlier)];
  if (node.returnPolicy === 'previous') return distinct.length > 0 ? [distinct[0]!] : [INITIATOR];
  return [...distinct, INITIATOR];
}
