/** Where an approver may send an application back (F3, per-node return policy). */
import type { ApprovalNode } from '@henji/contracts';
import type { StepRow } from '../schema.ts';

export const INITIATOR = 'initiator';

/**
 * The targets a step's approver may return to: the applicant and/or approval nodes this application already passed
 * on the same branch (a node inside a parallel branch can only go back within that branch), newest first.
 */
export function returnTargets(node: ApprovalNode, step: Pick<StepRow, 'seq' | 'forkStepId'>, history: Pick<StepRow, 'nodeId' | 'nodeType' | 'outcome' | 'seq' | 'forkStepId'>[]): string[] {
  if (node.returnPolicy === 'none') return [];
  if (node.returnPolicy === 'initiator') return [INITIATOR];
  const earlier = history
    .filter((s) => s.nodeType === 'approval' && s.outcome === 'approved' && s.seq < step.seq && s.forkStepId === step.forkStepId && s.nodeId !== node.id)
    .sort((a, b) => b.seq - a.seq)
    .map((s) => s.nodeId);
  const distinct = [...new Set(earlier)];
  if (node.returnPolicy === 'previous') return distinct.length > 0 ? [distinct[0]!] : [INITIATOR];
  return [...distinct, INITIATOR];
}
