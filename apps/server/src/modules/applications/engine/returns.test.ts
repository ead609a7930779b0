/** Where an approver may send an application back (F3): each return policy over the steps the application passed. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApprovalNode, type ReturnPolicy } from '@henji/contracts';
import type { StepRow } from '../schema.ts';
import { INITIATOR, returnTargets } from './returns.ts';

type HistoryStep = Pick<StepRow, 'nodeId' | 'nodeType' | 'outcome' | 'seq' | 'forkStepId'>;

const node = (id: string, returnPolicy: ReturnPolicy) =>
  ApprovalNode.parse({ id, name: `审批 ${id}`, type: 'approval', approvers: { source: 'role', role: 'finance' }, returnPolicy, next: 'end' });
const step = (nodeId: string, seq: number, outcome: string | null = 'approved', forkStepId: string | null = null, nodeType = 'approval'): HistoryStep => ({
  nodeId,
  nodeType,
  outcome,
  seq,
  forkStepId,
});

/** head → finance → route (condition) → ceo, now at ceo. */
const straight = [step('head', 1), step('finance', 2), step('route', 3, 'branch:ceo', null, 'condition'), step('ceo', 4, null)];
const atCeo = { seq: 4, forkStepId: null };

describe('returnTargets by policy', () => {
  it('none: nowhere', () => {
    expect(returnTargets(node('ceo', 'none'), atCeo, straight)).toEqual([]);
  });

  it('initiator: only the applicant, however many steps came before', () => {
    expect(returnTargets(node('ceo', 'initiator'), atCeo, straight)).toEqual([INITIATOR]);
  });

  it('previous: the approval step just before', () => {
    expect(returnTargets(node('ceo', 'previous'), atCeo, straight)).toEqual(['finance']);
  });

  it('previous: the applicant when no approval step came before', () => {
    expect(returnTargets(node('head', 'previous'), { seq: 1, forkStepId: null }, [step('head', 1, null)])).toEqual([INITIATOR]);
  });

  it('any: every earlier approval step, newest first, then the applicant', () => {
    expect(returnTargets(node('ceo', 'any'), atCeo, straight)).toEqual(['finance', 'head', INITIATOR]);
  });

  it('any: only the applicant at the first step', () => {
    expect(returnTargets(node('head', 'any'), { seq: 1, forkStepId: null }, [step('head', 1, null)])).toEqual([INITIATOR]);
  });
});

describe('returnTargets: which earlier steps count', () => {
  it('only approval steps that were approved: not skipped, returned, still open or automatic ones', () => {
    const history = [
      step('head', 1, 'skipped_self'),
      step('legal', 2, 'skipped_empty'),
      step('finance', 3, 'approved'),
      step('number', 4, 'number:CG20260001', null, 'action'),
      step('copy', 5, 'copied', null, 'cc'),
      step('audit', 6, 'returned'),
      step('hr', 7, null),
      step('ceo', 8, null),
    ];
    expect(returnTargets(node('ceo', 'any'), { seq: 8, forkStepId: null }, history)).toEqual(['finance', INITIATOR]);
  });

  it('not steps entered after this one', () => {
    const history = [step('head', 1), step('ceo', 2, null), step('later', 3)];
    expect(returnTargets(node('ceo', 'any'), { seq: 2, forkStepId: null }, history)).toEqual(['head', INITIATOR]);
  });

  it('never the node itself, even when an earlier pass of it was approved', () => {
    const history = [step('head', 1), step('finance', 2), step('ceo', 3, 'returned'), step('finance', 4), step('ceo', 5, null)];
    expect(returnTargets(node('ceo', 'any'), { seq: 5, forkStepId: null }, history)).toEqual(['finance', 'head', INITIATOR]);
    expect(returnTargets(node('ceo', 'previous'), { seq: 5, forkStepId: null }, history)).toEqual(['finance']);
  });

  it('a node passed twice appears once, at its newest place', () => {
    // head → finance → audit → ceo; audit sent it back to head, which went through again.
    const history = [
      step('head', 1),
      step('finance', 2),
      step('audit', 3, 'returned'),
      step('head', 4),
      step('finance', 5),
      step('audit', 6),
      step('ceo', 7, null),
    ];
    expect(returnTargets(node('ceo', 'any'), { seq: 7, forkStepId: null }, history)).toEqual(['audit', 'finance', 'head', INITIATOR]);
  });

  it('inside a parallel branch, only steps of the same block: not those before the fork', () => {
    const history = [step('head', 1), step('fork', 2, 'forked', null, 'parallel'), step('finance', 3, 'approved', 'fork-step'), step('cfo', 4, null, 'fork-step')];
    expect(returnTargets(node('cfo', 'any'), { seq: 4, forkStepId: 'fork-step' }, history)).toEqual(['finance', INITIATOR]);
    expect(returnTargets(node('cfo', 'previous'), { seq: 4, forkStepId: 'fork-step' }, history)).toEqual(['finance']);
  });

  it('after the join, not the steps inside the block', () => {
    const history = [
      step('head', 1),
      step('fork', 2, 'forked', null, 'parallel'),
      step('hr', 3, 'approved', 'fork-step'),
      step('finance', 4, 'approved', 'fork-step'),
      step('meet', 5, 'joined', 'fork-step', 'join'),
      step('ceo', 6, null),
    ];
    expect(returnTargets(node('ceo', 'any'), { seq: 6, forkStepId: null }, history)).toEqual(['head', INITIATOR]);
  });

  // Every branch of a parallel block shares the parallel step as forkStepId: only the graph tells branches apart.
  // Here cfo (branch finance → cfo) must not return to hr (the other branch), which would reach the join twice.
  it('inside a parallel branch, not the steps of a sibling branch', () => {
    const history = [
      step('fork', 1, 'forked', null, 'parallel'),
      step('hr', 2, 'approved', 'fork-step'),
      step('finance', 3, 'approved', 'fork-step'),
      step('meet', 4, null, 'fork-step', 'join'),
      step('cfo', 5, null, 'fork-step'),
    ];
    expect(returnTargets(node('cfo', 'any'), { seq: 5, forkStepId: 'fork-step' }, history, new Set(['fork', 'finance']))).toEqual(['finance', INITIATOR]);
  });

  // After a return to an earlier node, that node's new step must not see the approved steps of nodes after it from the
  // first pass (they have lower seq): head could otherwise "return" forward to finance, skipping its own approval.
  it('a node returned to cannot send the application forward to a node after it', () => {
    // head → finance → ceo; ceo returned it to head, whose new step is seq 4.
    const history = [step('head', 1), step('finance', 2), step('ceo', 3, 'returned'), step('head', 4, null)];
    const noneBefore = new Set<string>();
    expect(returnTargets(node('head', 'any'), { seq: 4, forkStepId: null }, history, noneBefore)).toEqual([INITIATOR]);
    expect(returnTargets(node('head', 'previous'), { seq: 4, forkStepId: null }, history, noneBefore)).toEqual([INITIATOR]);
  });
});

describe('returnTargets: properties', () => {
  const historyArb = fc.array(
    fc.record({
      nodeId: fc.constantFrom('head', 'finance', 'hr', 'ceo', 'audit'),
      nodeType: fc.constantFrom('approval', 'approval', 'approval', 'condition', 'cc'),
      outcome: fc.constantFrom('approved', 'approved', 'returned', 'skipped_self', null),
      forkStepId: fc.constantFrom(null, null, 'fork-a', 'fork-b'),
    }),
    { maxLength: 25 },
  );

  it('targets are distinct earlier approved approval nodes of the same block, newest first, never the node itself', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.constantFrom('head', 'finance', 'hr', 'ceo', 'audit'),
        fc.constantFrom('previous', 'any'),
        fc.nat(),
        fc.constantFrom(null, 'fork-a'),
        (rows, nodeId, policy, at, forkStepId) => {
          const history = rows.map((r, i) => ({ ...r, seq: i + 1 }));
          const current = { seq: (at % (history.length + 1)) + 1, forkStepId };
          const targets = returnTargets(node(nodeId, policy), current, history);
          const eligible = history.filter((s) => s.nodeType === 'approval' && s.outcome === 'approved' && s.seq < current.seq && s.forkStepId === forkStepId && s.nodeId !== nodeId);
          const newest = (id: string) => Math.max(...eligible.filter((s) => s.nodeId === id).map((s) => s.seq));
          const byNewest = [...new Set(eligible.map((s) => s.nodeId))].sort((a, b) => newest(b) - newest(a));

          expect(new Set(targets).size).toBe(targets.length);
          expect(targets).not.toContain(nodeId);
          if (policy === 'any') expect(targets).toEqual([...byNewest, INITIATOR]);
          else expect(targets).toEqual([byNewest[0] ?? INITIATOR]);
        },
      ),
    );
  });
});
