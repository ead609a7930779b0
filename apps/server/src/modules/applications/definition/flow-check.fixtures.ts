/** Definitions and helpers shared by the publish check's tests (flow-check*.test.ts). */
import type { z } from 'zod';
import { ApplicationDefinition } from '@henji/contracts';
import { checkDefinition, type Known } from './flow-check.ts';

export type DefinitionInput = z.input<typeof ApplicationDefinition>;
export type NodeInput = DefinitionInput['flow']['nodes'][number];
export type FormInput = DefinitionInput['form'];

export const known: Known = {
  roles: new Set(['finance', 'ceo', 'audit', 'pm_committee']),
  positions: new Set(['head', 'supervisor']),
  departments: new Set(['FIN', 'ADM']),
  usernames: new Set(['wang.wu']),
  calendars: new Set(['cn-mainland']),
};

/** A form with one field of each kind a condition or an approver source can refer to. */
export const standardForm: FormInput = {
  fields: [
    { key: 'title', label: '标题', type: 'text' },
    { key: 'amount', label: '金额', type: 'money' },
    { key: 'kind', label: '类别', type: 'select', options: [{ value: 'goods', label: '货物' }, { value: 'service', label: '服务' }] },
    { key: 'startsOn', label: '开始日期', type: 'date' },
    { key: 'reviewer', label: '复核人', type: 'user' },
    { key: 'items', label: '明细', type: 'table', columns: [{ key: 'name', label: '名称', type: 'text' }] },
    { key: 'files', label: '附件', type: 'attachment' },
    { key: 'period', label: '期间', type: 'dateRange' },
  ],
};

export const define = (nodes: NodeInput[], extra: Partial<DefinitionInput> = {}) =>
  ApplicationDefinition.parse({ form: standardForm, flow: { start: nodes[0]!.id, nodes }, ...extra });

export const approval = (id: string, next: string, extra: Partial<Extract<NodeInput, { type: 'approval' }>> = {}): NodeInput => ({
  id,
  name: `审批 ${id}`,
  type: 'approval',
  approvers: { source: 'role', role: 'finance' },
  next,
  ...extra,
});
export const end = (id = 'end'): NodeInput => ({ id, name: '结束', type: 'end' });
export const join = (id: string, next: string): NodeInput => ({ id, name: '汇聚', type: 'join', next });
export const parallel = (id: string, branches: string[], joinId: string): NodeInput => ({ id, name: '并行', type: 'parallel', branches, join: joinId });
export type ConditionInput = Extract<NodeInput, { type: 'condition' }>;
export const condition = (id: string, branches: ConditionInput['branches'], otherwise: string): NodeInput => ({ id, name: '条件', type: 'condition', branches, otherwise });
export const amountAtLeast = (value: number) => [{ field: 'amount', op: 'gte' as const, value }];

/** Problems as path + key, the two things the designer shows. */
export const problemsOf = (def: ApplicationDefinition, k: Known = known) => checkDefinition(def, k).map((p) => ({ path: p.path, key: p.message.key }));

