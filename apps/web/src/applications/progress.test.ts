import { describe, expect, it } from 'vitest';
import type { Application, FlowDefinition } from '@henji/contracts';
import { excludedSigners, flowHighlights, outcomeOf, stepColor, worstSla } from './progress.ts';
import { baselineVersion, changedFields } from './form-diff.ts';
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
  round: 1,
  substitution: null,
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

type Task = Step['tasks'][number];
const task = (assignee: string, overrides: Partial<Task> = {}): Task => ({
  id: `t-${assignee}`,
  stepId: null,
  nodeId: 'head',
  kind: 'approve',
  status: 'done',
  assignee: { id: assignee, displayName: assignee },
  transferredFrom: null,
  addedBy: null,
  decision: 'approve',
  opinion: null,
  actedBy: null,
  hasSignature: false,
  formHash: null,
  formVersion: 1,
  createdAt: '2026-03-02T01:00:00.000Z',
  actedAt: '2026-03-02T01:00:00.000Z',
  ...overrides,
});

describe('excludedSigners (separation of duties in the pickers)', () => {
  const application = (steps: Step[], distinct = true) =>
    ({
      initiator: { id: 'applicant', displayName: '申请人' },
      steps,
      definition: { form: { fields: [] }, flow, ...(distinct ? {} : { duties: { distinctSigners: false } }) },
    }) as unknown as Application;

  it('leaves out the applicant and whoever approved another level of this round, or the delegate who did', () => {
    const steps = [
      step('head', 'completed', { tasks: [task('boss', { actedBy: { id: 'deputy', displayName: 'deputy' } })] }),
      step('finance', 'active', { tasks: [task('clerk', { status: 'pending', decision: null })] }),
    ];
    expect(excludedSigners(application(steps), 'finance').sort()).toEqual(['applicant', 'boss', 'deputy']);
    // At the head node itself its own signer is no other level.
    expect(excludedSigners(application(steps), 'head')).toEqual(['applicant']);
  });

  it('forgets earlier rounds (the form changed) and respects a type that allows one person several levels', () => {
    const steps = [step('head', 'completed', { round: 1, tasks: [task('boss')] }), step('head', 'active', { round: 2, tasks: [] })];
    expect(excludedSigners(application(steps), 'finance')).toEqual(['applicant']);
    expect(excludedSigners(application([step('head', 'completed', { tasks: [task('boss')] })], false), 'finance')).toEqual(['applicant']);
  });
});

describe('form versions', () => {
  it('lists the changed fields in the form\'s order', () => {
    const fields = [
      { key: 'title', label: '事由', type: 'text', required: true },
      { key: 'amount', label: '金额', type: 'money', required: true },
      { key: 'reason', label: '理由', type: 'textarea', required: false },
    ] as Application['definition']['form']['fields'];
    expect(changedFields(fields, { title: 'a', amount: 9000, reason: 'x' }, { title: 'a', amount: 95000 }).map((f) => f.key)).toEqual(['amount', 'reason']);
  });

  it('compares with the version the reader last decided on, else the one before', () => {
    const versions = [1, 2, 3].map((version) => ({ version, formHash: `h${version}`, form: {}, submittedAt: '2026-03-02T01:00:00.000Z' }));
    const app = { formVersion: 3, formVersions: versions, steps: [step('head', 'completed', { tasks: [task('boss', { formVersion: 1 })] })] };
    expect(baselineVersion(app, 'boss')).toBe(1);
    expect(baselineVersion(app, 'someone')).toBe(2);
    expect(baselineVersion({ ...app, formVersion: 1, formVersions: versions.slice(0, 1) }, 'boss')).toBeNull();
  });
});
