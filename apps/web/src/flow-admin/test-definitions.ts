/** Small definitions the editing-logic tests build on; each test derives what it needs from these. */
import type { ApplicationDefinition, FlowNode } from '@henji/contracts';
import type { NodeNames } from './node-skeleton.ts';
import { approvalNode } from '../applications/test-nodes.ts';

export const NAMES: NodeNames = {
  approval: 'Approval',
  condition: 'Condition',
  parallel: 'Parallel',
  join: 'Join',
  cc: 'CC',
  notify: 'Notify',
  action: 'Action',
  end: 'End',
};

const approval = (id: string, next: string, extra: Partial<Extract<FlowNode, { type: 'approval' }>> = {}): FlowNode => approvalNode(id, next, extra);

/** 采购: department head → (amount ≥ 10000 ? ceo : finance) → end, with a buyer chosen in a user field. */
export function purchase(): ApplicationDefinition {
  return {
    form: {
      fields: [
        { key: 'title', label: 'Title', type: 'text', required: true },
        { key: 'amount', label: 'Amount', type: 'money', required: true, min: 0 },
        { key: 'buyer', label: 'Buyer', type: 'user', required: false },
      ],
    },
    titleField: 'title',
    flow: {
      start: 'dept_head',
      nodes: [
        approval('dept_head', 'by_amount'),
        {
          id: 'by_amount',
          name: 'By amount',
          type: 'condition',
          branches: [{ when: [{ field: 'amount', op: 'gte', value: 10000 }], next: 'ceo' }],
          otherwise: 'finance',
        },
        approval('ceo', 'end', { approvers: { source: 'role', role: 'ceo' } }),
        approval('finance', 'end', {
          approvers: { source: 'field', field: 'buyer' },
          sla: { within: { amount: 1, unit: 'days' }, reminders: 1, then: 'transfer', transferTo: { source: 'field', field: 'buyer' } },
        }),
        { id: 'end', name: 'End', type: 'end' },
      ],
    },
    emergency: { group: [{ source: 'field', field: 'buyer' }], reviewers: [{ source: 'role', role: 'ceo' }] },
  };
}
