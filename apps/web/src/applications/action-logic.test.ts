import { describe, expect, it } from 'vitest';
import { ApplicationActionInput, type ApplicationDefinition, type ApprovalNode } from '@henji/contracts';
import {
  MissingActionValue,
  actionInput,
  applicationActions,
  approvalNode,
  opinionRequired,
  signatureOffered,
  submitActionOf,
  taskActionGroups,
  type MyTask,
} from './action-logic.ts';

const approval = (id: string, opinionOnApprove: boolean): ApprovalNode => ({
  id,
  name: id,
  type: 'approval',
  approvers: { source: 'role', role: 'finance' },
  mode: 'any',
  opinionOnApprove,
  returnPolicy: 'any',
  allowTransfer: true,
  allowAddSigner: true,
  skipSelf: true,
  whenEmpty: 'admin',
  next: 'end',
});

const definition: ApplicationDefinition = {
  form: { fields: [{ key: 'amount', label: '金额', type: 'money', required: true }] },
  flow: {
    start: 'head',
    nodes: [approval('head', false), { ...approval('finance', true), id: 'finance' }, { id: 'end', name: '结束', type: 'end' }],
  },
};

const task = (overrides: Partial<MyTask> = {}): MyTask => ({
  taskId: '00000000-0000-4000-8000-000000000001',
  kind: 'approve',
  nodeId: 'head',
  onBehalfOf: null,
  actions: [],
  returnTargets: [],
  ...overrides,
});
const context = { taskId: '00000000-0000-4000-8000-000000000001', formHash: 'sha256:abc' };

describe('which buttons', () => {
  it('offers the actions of each task in a fixed order: approve first, rare ones last', () => {
    const groups = taskActionGroups({ myTasks: [task({ actions: ['transfer', 'reject', 'approve', 'return', 'add_signer'] })] });
    expect(groups.map((g) => g.actions)).toEqual([['approve', 'reject', 'return', 'transfer', 'add_signer']]);
  });

  it('keeps a task done on behalf of someone as its own group, and drops tasks with nothing to do', () => {
    const mine = task({ actions: ['approve'] });
    const theirs = task({ taskId: '00000000-0000-4000-8000-000000000002', onBehalfOf: { id: 'x', displayName: '李四' }, actions: ['approve', 'reject'] });
    const groups = taskActionGroups({ myTasks: [mine, theirs, task({ actions: ['something_new'] })] });
    expect(groups.map((g) => g.task.onBehalfOf?.displayName ?? null)).toEqual([null, '李四']);
  });

  it('shows only the application-level actions the server allows, in button order', () => {
    expect(applicationActions({ allowedActions: ['comment', 'urge', 'withdraw', 'read', 'unknown'] })).toEqual(['withdraw', 'urge', 'comment']);
    expect(applicationActions({ allowedActions: [] })).toEqual([]);
  });
});

describe('opinion and signature', () => {
  it('requires a written opinion to reject, return, object or execute in an emergency', () => {
    for (const action of ['reject', 'return', 'object', 'emergency_execute'] as const) expect(opinionRequired(action, undefined)).toBe(true);
    for (const action of ['transfer', 'add_signer', 'countersign', 'withdraw', 'urge'] as const) expect(opinionRequired(action, undefined)).toBe(false);
  });

  it('requires one to approve only where the node says so', () => {
    expect(opinionRequired('approve', approvalNode(definition, 'head'))).toBe(false);
    expect(opinionRequired('approve', approvalNode(definition, 'finance'))).toBe(true);
    expect(opinionRequired('approve', approvalNode(definition, 'end'))).toBe(false);
    expect(opinionRequired('approve', approvalNode(definition, 'gone'))).toBe(false);
  });

  it('offers a handwritten signature with decisions only', () => {
    expect(signatureOffered('approve')).toBe(true);
    expect(signatureOffered('reject')).toBe(true);
    expect(signatureOffered('transfer')).toBe(false);
  });
});

describe('actionInput', () => {
  it('sends the form hash the approver saw with every decision', () => {
    expect(actionInput('approve', context, { opinion: '  同意  ' })).toEqual({ action: 'approve', taskId: context.taskId, formHash: 'sha256:abc', opinion: '同意' });
    expect(actionInput('object', context, { opinion: '金额有误' })).toMatchObject({ formHash: 'sha256:abc' });
  });

  it('leaves out an empty optional opinion and an absent signature', () => {
    expect(actionInput('approve', context, { opinion: '   ', signature: null })).toEqual({ action: 'approve', taskId: context.taskId, formHash: 'sha256:abc' });
    expect(actionInput('withdraw', context, {})).toEqual({ action: 'withdraw' });
  });

  it('carries the signature with a rejection', () => {
    const signature = 'data:image/png;base64,iVBORw0KGgo=';
    expect(actionInput('reject', context, { opinion: '预算不足', signature })).toMatchObject({ action: 'reject', opinion: '预算不足', signature });
  });

  it('refuses to build a rejection without an opinion or a return without a target', () => {
    expect(() => actionInput('reject', context, { opinion: ' ' })).toThrow(MissingActionValue);
    expect(() => actionInput('return', context, { opinion: '补充报价单' })).toThrow(MissingActionValue);
    expect(() => actionInput('approve', { formHash: 'h' }, {})).toThrow(MissingActionValue);
  });

  it('builds transfer, add signer, comment and urge bodies in the contract’s words', () => {
    expect(actionInput('transfer', context, { userId: 'u1' })).toEqual({ action: 'transfer', taskId: context.taskId, userId: 'u1' });
    expect(actionInput('add_signer', context, { userId: 'u1', position: 'before', opinion: '请先会签' })).toEqual({
      action: 'add_signer',
      taskId: context.taskId,
      userId: 'u1',
      position: 'before',
      opinion: '请先会签',
    });
    expect(actionInput('return', context, { opinion: '补充', to: 'initiator' })).toMatchObject({ to: 'initiator' });
    expect(actionInput('comment', context, { body: ' 已补充发票 ' })).toEqual({ action: 'comment', body: '已补充发票' });
    expect(actionInput('urge', context, { opinion: '请尽快' })).toEqual({ action: 'urge', message: '请尽快' });
    expect(actionInput('read', context)).toEqual({ action: 'read', taskId: context.taskId });
  });
});

describe('actionInput against the contract', () => {
  it('builds bodies the server’s schema accepts for every action', () => {
    const user = '00000000-0000-4000-8000-000000000009';
    const signature = 'data:image/png;base64,iVBORw0KGgo=';
    const bodies = [
      actionInput('approve', context, { opinion: '同意', signature }),
      actionInput('reject', context, { opinion: '不同意', signature }),
      actionInput('return', context, { opinion: '补充材料', to: 'initiator' }),
      actionInput('transfer', context, { userId: user }),
      actionInput('add_signer', context, { userId: user, position: 'before' }),
      actionInput('countersign', context, {}),
      actionInput('object', context, { opinion: '金额与合同不符' }),
      actionInput('read', context),
      actionInput('withdraw', context, { opinion: '不再需要' }),
      actionInput('urge', context, {}),
      actionInput('comment', context, { body: '发票已补' }),
      actionInput('resubmit', context, {}),
      actionInput('submit', context),
      actionInput('discard', context),
      actionInput('emergency_execute', context, { opinion: '系统故障，立即采购' }),
    ];
    for (const body of bodies) expect(ApplicationActionInput.safeParse(body).success, JSON.stringify(body)).toBe(true);
  });
});

describe('the edit page submits or resubmits', () => {
  it('resubmits an application that went back to its applicant, returned or withdrawn; submits a draft', () => {
    expect(submitActionOf('draft')).toBe('submit');
    expect(submitActionOf('returned')).toBe('resubmit');
    expect(submitActionOf('withdrawn')).toBe('resubmit');
  });
});
