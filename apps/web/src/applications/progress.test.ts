import { describe, expect, it } from 'vitest';
import type { Application, FlowDefinition } from '@henji/contracts';
import { flowHighlights, outcomeOf, stepColor, worstSla } from './progress.ts';
import { approvalNode } from './test-nodes.ts';

const approval = approvalNode;

const flow: FlowDefinition = {
  start: 'head',
  nodes: [
    approval('head', 'check'),
    { id: 'check', name: 'check', type: 'condition', branches: [{ when: [{ field: 'amount', op: 'gte', value: 10000 }], next: 'split' }], otherwise: 'end' },
    { id: 'split', name: 'split', type: 'parallel', branches: ['finance', 'legal'], join: 'meet' },
    approval('finance', 'meet'),
    approval('legal', 'meet'),
    { id: 'meet', name: 'meet', type: 'join', next: 'end' },
    { id: 'end', name: 'end', type: 'end' },
  ],
};

type Step = Application['steps'][number];
const step = (nodeId: string, status: Step['status'], overrides: Partial<Step> = {}): Step => ({
  id: `${nodeId}-${status}`,
  nodeId,
  nodeName: nodeId,
  nodeType: 'approval',
  status,
  outcome: status === 'completed' ? 'approved' : null,
  enteredAt: '2026-03-02T01:00:00.000Z',
  leftAt: null,
  deadline: null,
  deadlineExplanation: [],
  deadlineBeyondKnownRange: [],
  slaState: 'none',
  remindersSent: 0,
  tasks: [],
  ...overrides,
});

describe('flowHighlights', () => {
  it('marks where the application waits and where it has been, routing nodes included', () => {
    const steps = [step('head', 'completed'), step('finance', 'completed'), step('legal', 'active')];
    const { active, done } = flowHighlights(flow, steps, 'running');
    expect(active).toEqual(['legal']);
    expect(new Set(done)).toEqual(new Set(['head', 'finance', 'check', 'split']));
  });

  it('counts a node reached again after a return as current, not done', () => {
    const steps = [step('head', 'completed'), step('finance', 'completed', { outcome: 'returned' }), step('head', 'active')];
    const { active, done } = flowHighlights(flow, steps, 'running');
    expect(active).toEqual(['head']);
    expect(done).not.toContain('head');
  });

  it('highlights nothing on a draft', () => {
    expect(flowHighlights(flow, [], 'draft')).toEqual({ active: [], done: [] });
  });
});

describe('step outcome and colour', () => {
  it('reads the outcomes the server records, a number included', () => {
    expect(outcomeOf('approved')).toEqual({ key: 'approved' });
    expect(outcomeOf('number:CG2026:0001')).toEqual({ key: 'number', number: 'CG2026:0001' });
    expect(outcomeOf('emergency')).toEqual({ key: 'emergency' });
    expect(outcomeOf('skipped_self')).toEqual({ key: 'skipped_self' });
    expect(outcomeOf('branch:finance')).toBeNull();
    expect(outcomeOf(null)).toBeNull();
  });

  it('colours refusals red, returns orange, the current step blue unless overdue', () => {
    expect(stepColor(step('head', 'completed', { outcome: 'rejected' }))).toBe('red');
    expect(stepColor(step('head', 'completed', { outcome: 'returned' }))).toBe('orange');
    expect(stepColor(step('head', 'active'))).toBe('blue');
    expect(stepColor(step('head', 'active', { slaState: 'overdue' }))).toBe('red');
    expect(stepColor(step('head', 'completed'))).toBe('green');
  });

  it('lets the most urgent of parallel nodes speak for the application', () => {
    expect(worstSla(['on_time', 'overdue', 'due_soon'])).toBe('overdue');
    expect(worstSla([])).toBe('none');
  });
});
