/**
 * The publish check (F2) on definitions built here: each problem it can report, at the exact path the designer points
 * at; the built-in YAML definitions pass; and, as properties, any well-formed DAG passes while a back edge fails.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApplicationDefinition, type Condition } from '@henji/contracts';
import { BUILTIN_CALENDAR } from '../../../kernel/calendar/defaults.ts';
import { render } from '../../../kernel/messages.ts';
import { BUILTIN_POSITIONS, BUILTIN_ROLE_DEFS } from '../../../kernel/org/bootstrap.ts';
import { builtinTypeFiles } from '../commands/builtin.ts';
import { checkDefinition, problemsAsFields, type Known } from './flow-check.ts';
import { parseTypeFile } from './yaml.ts';

type DefinitionInput = z.input<typeof ApplicationDefinition>;
type NodeInput = DefinitionInput['flow']['nodes'][number];
type FormInput = DefinitionInput['form'];

const known: Known = {
  roles: new Set(['finance', 'ceo', 'audit', 'pm_committee']),
  positions: new Set(['head', 'supervisor']),
  departments: new Set(['FIN', 'ADM']),
  usernames: new Set(['wang.wu']),
  calendars: new Set(['cn-mainland']),
};

/** A form with one field of each kind a condition or an approver source can refer to. */
const standardForm: FormInput = {
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

const define = (nodes: NodeInput[], extra: Partial<DefinitionInput> = {}) =>
  ApplicationDefinition.parse({ form: standardForm, flow: { start: nodes[0]!.id, nodes }, ...extra });

const approval = (id: string, next: string, extra: Partial<Extract<NodeInput, { type: 'approval' }>> = {}): NodeInput => ({
  id,
  name: `审批 ${id}`,
  type: 'approval',
  approvers: { source: 'role', role: 'finance' },
  next,
  ...extra,
});
const end = (id = 'end'): NodeInput => ({ id, name: '结束', type: 'end' });
const join = (id: string, next: string): NodeInput => ({ id, name: '汇聚', type: 'join', next });
const parallel = (id: string, branches: string[], joinId: string): NodeInput => ({ id, name: '并行', type: 'parallel', branches, join: joinId });
type ConditionInput = Extract<NodeInput, { type: 'condition' }>;
const condition = (id: string, branches: ConditionInput['branches'], otherwise: string): NodeInput => ({ id, name: '条件', type: 'condition', branches, otherwise });
const amountAtLeast = (value: number) => [{ field: 'amount', op: 'gte' as const, value }];

/** Problems as path + key, the two things the designer shows. */
const problemsOf = (def: ApplicationDefinition, k: Known = known) => checkDefinition(def, k).map((p) => ({ path: p.path, key: p.message.key }));

describe('checkDefinition: a sound definition', () => {
  it('accepts a simple flow and reports nothing', () => {
    expect(checkDefinition(define([approval('head', 'end'), end()]), known)).toEqual([]);
  });

  it('accepts a condition whose branches meet again', () => {
    const def = define([
      condition('route', [{ when: amountAtLeast(10000), next: 'ceo' }], 'finance'),
      approval('ceo', 'finance'),
      approval('finance', 'end'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });
});

describe('checkDefinition: references between nodes', () => {
  it('an unknown next node, at the property that names it', () => {
    const def = define([approval('a', 'b'), approval('b', 'nowhere'), end()]);
    const problems = checkDefinition(def, known);
    expect(problems).toEqual([{ path: 'flow.nodes[1].next', message: { key: 'flow.unknown_node', params: { id: 'nowhere' } } }]);
  });

  it('an unknown start node', () => {
    const def = ApplicationDefinition.parse({ form: standardForm, flow: { start: 'missing', nodes: [approval('a', 'end'), end()] } });
    expect(problemsOf(def)).toEqual([{ path: 'flow.start', key: 'flow.unknown_node' }]);
  });

  it('unknown targets of a condition branch, of otherwise, of a parallel branch and of a join', () => {
    const def = define([
      condition('route', [{ when: amountAtLeast(1), next: 'a' }, { when: amountAtLeast(2), next: 'ghost' }], 'phantom'),
      approval('a', 'end'),
      parallel('fork', ['a', 'spectre'], 'nojoin'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([
      { path: 'flow.nodes[0].branches[1].next', key: 'flow.unknown_node' },
      { path: 'flow.nodes[0].otherwise', key: 'flow.unknown_node' },
      { path: 'flow.nodes[2].branches[1]', key: 'flow.unknown_node' },
      { path: 'flow.nodes[2].join', key: 'flow.unknown_node' },
    ]);
  });

  it('a duplicate node id, at the second occurrence', () => {
    const def = define([approval('a', 'b'), approval('b', 'end'), approval('a', 'end'), end()]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[2].id', message: { key: 'flow.duplicate_node', params: { id: 'a' } } }]);
  });

  it('a node that leads to itself', () => {
    const def = define([condition('route', [{ when: amountAtLeast(1), next: 'route' }], 'end'), end()]);
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: 'flow.nodes[0].branches[0].next', key: 'flow.self_loop' });
    expect(problems).toContainEqual({ path: 'flow.nodes[0]', key: 'flow.cycle' });
  });

  it('a cycle through a condition cannot terminate, reported at the node that closes it', () => {
    const def = define([approval('a', 'check'), condition('check', [{ when: amountAtLeast(1000), next: 'a' }], 'end'), end()]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[1]', message: { key: 'flow.cycle', params: { id: 'check' } } }]);
  });

  it('a node no path reaches', () => {
    const def = define([approval('a', 'end'), end(), approval('orphan', 'end')]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[2]', message: { key: 'flow.unreachable', params: { id: 'orphan' } } }]);
  });

  it('a flow without an end node', () => {
    const def = define([approval('a', 'b'), approval('b', 'a')]);
    const problems = problemsOf(def);
    expect(problems).toContainEqual({ path: 'flow.nodes', key: 'flow.no_end' });
    expect(problems).toContainEqual({ path: 'flow.nodes[1]', key: 'flow.cycle' });
  });
});

describe('checkDefinition: parallel blocks', () => {
  it('accepts a parallel block whose branches all reach its join', () => {
    const def = define([parallel('fork', ['hr', 'finance'], 'meet'), approval('hr', 'meet'), approval('finance', 'meet'), join('meet', 'end'), end()]);
    expect(problemsOf(def)).toEqual([]);
  });

  it('accepts nested parallel blocks, each with its own join', () => {
    const def = define([
      parallel('outer', ['legal', 'inner'], 'outer_join'),
      approval('legal', 'outer_join'),
      parallel('inner', ['hr', 'finance'], 'inner_join'),
      approval('hr', 'inner_join'),
      approval('finance', 'inner_join'),
      join('inner_join', 'ceo'),
      approval('ceo', 'outer_join'),
      join('outer_join', 'end'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });

  it('accepts a condition inside a branch when both of its ways reach the join', () => {
    const def = define([
      parallel('fork', ['route', 'hr'], 'meet'),
      condition('route', [{ when: amountAtLeast(5000), next: 'ceo' }], 'meet'),
      approval('ceo', 'meet'),
      approval('hr', 'meet'),
      join('meet', 'end'),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([]);
  });

  it('a parallel node whose join is not a join node', () => {
    const def = define([parallel('fork', ['hr', 'finance'], 'ceo'), approval('hr', 'ceo'), approval('finance', 'ceo'), approval('ceo', 'end'), end()]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[0].join', message: { key: 'flow.join_not_join', params: { id: 'ceo' } } }]);
  });

  it('a join owned by two parallel nodes', () => {
    const def = define([
      condition('route', [{ when: amountAtLeast(1), next: 'p1' }], 'p2'),
      parallel('p1', ['a', 'b'], 'meet'),
      parallel('p2', ['c', 'd'], 'meet'),
      approval('a', 'meet'),
      approval('b', 'meet'),
      approval('c', 'meet'),
      approval('d', 'meet'),
      join('meet', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'flow.nodes[7]', message: { key: 'flow.join_owner', params: { id: 'meet' } } }]);
  });

  it('a join that belongs to no parallel node', () => {
    const def = define([approval('a', 'meet'), join('meet', 'end'), end()]);
    expect(problemsOf(def)).toEqual([{ path: 'flow.nodes[1]', key: 'flow.join_owner' }]);
  });

  it('a branch that reaches an end before its join', () => {
    const def = define([
      parallel('fork', ['hr', 'finance'], 'meet'),
      approval('hr', 'meet'),
      approval('finance', 'early_end'),
      join('meet', 'end'),
      end(),
      end('early_end'),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[0]', message: { key: 'flow.branch_escapes', params: { id: 'fork', branch: 'finance', node: 'early_end' } } },
    ]);
  });

  it('a branch whose condition can leave the block before the join', () => {
    const def = define([
      parallel('fork', ['route', 'hr'], 'meet'),
      condition('route', [{ when: amountAtLeast(5000), next: 'meet' }], 'end'),
      approval('hr', 'meet'),
      join('meet', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[0]', message: { key: 'flow.branch_escapes', params: { id: 'fork', branch: 'route', node: 'end' } } },
    ]);
  });

  it('an inner branch that runs to the outer join, skipping its own', () => {
    const def = define([
      parallel('outer', ['legal', 'inner'], 'outer_join'),
      approval('legal', 'outer_join'),
      parallel('inner', ['hr', 'finance'], 'inner_join'),
      approval('hr', 'inner_join'),
      approval('finance', 'outer_join'),
      join('inner_join', 'outer_join'),
      join('outer_join', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[2]', message: { key: 'flow.branch_escapes', params: { id: 'inner', branch: 'finance', node: 'outer_join' } } },
    ]);
  });

  it('a nested block whose join ends the flow inside the outer block', () => {
    const def = define([
      parallel('outer', ['legal', 'inner'], 'outer_join'),
      approval('legal', 'outer_join'),
      parallel('inner', ['hr', 'finance'], 'inner_join'),
      approval('hr', 'inner_join'),
      approval('finance', 'inner_join'),
      join('inner_join', 'end'),
      join('outer_join', 'end'),
      end(),
    ]);
    expect(checkDefinition(def, known)).toEqual([
      { path: 'flow.nodes[0]', message: { key: 'flow.branch_escapes', params: { id: 'outer', branch: 'inner', node: 'end' } } },
    ]);
  });
});

describe('checkDefinition: conditions', () => {
  /** A condition node at flow.nodes[0] whose second branch carries `when` second. */
  const withCondition = (when: ConditionInput['branches'][number]['when'][number]) =>
    define([condition('route', [{ when: amountAtLeast(1), next: 'a' }, { when: [{ field: 'title', op: 'not_empty' }, when], next: 'a' }], 'a'), approval('a', 'end'), end()]);
  const at = 'flow.nodes[0].branches[1].when[1]';

  it('an unknown field', () => {
    expect(checkDefinition(withCondition({ field: 'colour', op: 'eq', value: 'red' }), known)).toEqual([
      { path: `${at}.field`, message: { key: 'flow.unknown_field', params: { key: 'colour' } } },
    ]);
  });

  it.each([
    ['gt', 'title'],
    ['lte', 'kind'],
    ['gte', 'reviewer'],
    ['eq', 'items'],
    ['in', 'files'],
    ['lt', 'period'],
  ] as const)('operator %s does not fit field %s', (op, field) => {
    expect(checkDefinition(withCondition({ field, op, value: 'x' }), known)).toEqual([
      { path: `${at}.op`, message: { key: 'flow.op_not_for_field', params: { op, key: field } } },
    ]);
  });

  it.each<[Condition['op'], string, Condition['value']]>([
    ['gte', 'amount', 10000],
    ['lt', 'startsOn', '2026-03-01'],
    ['eq', 'kind', 'goods'],
    ['in', 'kind', ['goods', 'service']],
    ['neq', 'title', '测试'],
    ['empty', 'items', undefined],
    ['not_empty', 'files', undefined],
    ['not_empty', 'period', undefined],
    ['empty', 'amount', undefined],
  ])('accepts %s on %s', (op, field, value) => {
    const def = withCondition(value === undefined ? { field, op } : { field, op, value });
    expect(problemsOf(def)).toEqual([]);
  });

  it.each<[string, Condition]>([
    ['a number field given text', { field: 'amount', op: 'gte', value: '10000' }],
    ['a date field given another format', { field: 'startsOn', op: 'gt', value: '2026/03/01' }],
    ['a select field given a value that is not an option', { field: 'kind', op: 'eq', value: 'software' }],
    ['a select field given a list with one stranger', { field: 'kind', op: 'in', value: ['goods', 'software'] }],
    ['a text field given a number', { field: 'title', op: 'eq', value: 3 }],
    ['a text field given a boolean', { field: 'title', op: 'neq', value: true }],
  ])('a value of the wrong type: %s', (_, c) => {
    expect(problemsOf(withCondition(c))).toEqual([{ path: `${at}.value`, key: 'flow.condition_value_type' }]);
  });

  // A list given to an operator other than `in` is one problem at its path, not two.
  it('a list given to eq is one problem, not two', () => {
    expect(problemsOf(withCondition({ field: 'amount', op: 'eq', value: [1, 2] }))).toEqual([{ path: `${at}.value`, key: 'flow.condition_value_type' }]);
  });

  it('a comparison without a value', () => {
    expect(problemsOf(withCondition({ field: 'amount', op: 'gt' }))).toEqual([{ path: `${at}.value`, key: 'flow.condition_needs_value' }]);
  });
});

describe('checkDefinition: who approves, receives and is notified', () => {
  it.each([
    ['an unknown role', { source: 'role', role: 'astrologer' }, 'flow.nodes[0].approvers.role', 'flow.unknown_role'],
    ['an unknown committee role', { source: 'committee', role: 'board' }, 'flow.nodes[0].approvers.role', 'flow.unknown_role'],
    ['an unknown user', { source: 'user', username: 'nobody' }, 'flow.nodes[0].approvers.username', 'flow.unknown_user'],
    ['an unknown department', { source: 'department_role', department: 'XYZ', role: 'finance' }, 'flow.nodes[0].approvers.department', 'flow.unknown_department'],
    ['an unknown role in a department', { source: 'department_role', department: 'FIN', role: 'astrologer' }, 'flow.nodes[0].approvers.role', 'flow.unknown_role'],
    ['an unknown position', { source: 'department_role', department: 'initiator', position: 'chief' }, 'flow.nodes[0].approvers.position', 'flow.unknown_position'],
    ['a department source with neither role nor position', { source: 'department_role', department: 'FIN' }, 'flow.nodes[0].approvers', 'flow.department_role_needs_one'],
    ['a field that does not exist', { source: 'field', field: 'approver' }, 'flow.nodes[0].approvers.field', 'flow.unknown_field'],
    ['a field that is not a user field', { source: 'field', field: 'title' }, 'flow.nodes[0].approvers.field', 'flow.field_not_user'],
  ] as const)('%s', (_, approvers, path, key) => {
    const def = define([approval('a', 'end', { approvers: { ...approvers } }), end()]);
    expect(problemsOf(def)).toEqual([{ path, key }]);
  });

  it.each([
    { source: 'department_head' },
    { source: 'superior', level: 2 },
    { source: 'field', field: 'reviewer' },
    { source: 'department_role', department: 'initiator', position: 'head' },
    { source: 'department_role', department: 'ADM', role: 'finance', position: 'supervisor' },
    { source: 'user', username: 'wang.wu' },
    { source: 'committee', role: 'pm_committee' },
  ] as const)('accepts approvers %j', (approvers) => {
    expect(problemsOf(define([approval('a', 'end', { approvers: { ...approvers } }), end()]))).toEqual([]);
  });

  it('unknown recipients of a copy and of a notice, by index; the applicant is a valid recipient', () => {
    const def = define([
      { id: 'copy', name: '抄送', type: 'cc', recipients: [{ source: 'role', role: 'ceo' }, { source: 'role', role: 'astrologer' }], next: 'notice' },
      { id: 'notice', name: '通知', type: 'notify', recipients: [{ source: 'initiator' }, { source: 'user', username: 'nobody' }], next: 'end' },
      end(),
    ]);
    expect(problemsOf(def)).toEqual([
      { path: 'flow.nodes[0].recipients[1].role', key: 'flow.unknown_role' },
      { path: 'flow.nodes[1].recipients[1].username', key: 'flow.unknown_user' },
    ]);
  });

  it('unknown members of the emergency group and reviewers', () => {
    const def = define([approval('a', 'end'), end()], {
      emergency: { group: [{ source: 'role', role: 'firefighter' }], reviewers: [{ source: 'role', role: 'ceo' }, { source: 'user', username: 'nobody' }] },
    });
    expect(problemsOf(def)).toEqual([
      { path: 'emergency.group[0].role', key: 'flow.unknown_role' },
      { path: 'emergency.reviewers[1].username', key: 'flow.unknown_user' },
    ]);
  });

  it('an unknown calendar', () => {
    expect(problemsOf(define([approval('a', 'end'), end()], { calendar: 'mars' }))).toEqual([{ path: 'calendar', key: 'flow.unknown_calendar' }]);
    expect(problemsOf(define([approval('a', 'end'), end()], { calendar: 'cn-mainland' }))).toEqual([]);
  });

  it('a vote without a ratio', () => {
    const def = define([approval('a', 'b', { mode: 'vote', approvers: { source: 'committee', role: 'pm_committee' } }), approval('b', 'end', { mode: 'vote', ratio: 0.5 }), end()]);
    expect(problemsOf(def)).toEqual([{ path: 'flow.nodes[0].ratio', key: 'flow.vote_needs_ratio' }]);
  });

  it('a timed transfer without a target, and one with an unknown target', () => {
    const def = define([
      approval('a', 'b', { sla: { within: { amount: 1, unit: 'days' }, then: 'transfer' } }),
      approval('b', 'end', { sla: { within: { amount: 4, unit: 'hours' }, then: 'transfer', transferTo: { source: 'role', role: 'astrologer' } } }),
      end(),
    ]);
    expect(problemsOf(def)).toEqual([
      { path: 'flow.nodes[0].sla.transferTo', key: 'flow.transfer_needs_target' },
      { path: 'flow.nodes[1].sla.transferTo.role', key: 'flow.unknown_role' },
    ]);
  });
});

describe('checkDefinition: the form', () => {
  const flow = [approval('a', 'end'), end()];
  const withFields = (fields: FormInput['fields'], extra: Partial<DefinitionInput> = {}) =>
    ApplicationDefinition.parse({ form: { fields }, flow: { start: 'a', nodes: flow }, ...extra });

  it('duplicate field keys, at the second one', () => {
    const def = withFields([
      { key: 'title', label: '标题', type: 'text' },
      { key: 'amount', label: '金额', type: 'money' },
      { key: 'title', label: '又一个标题', type: 'textarea' },
    ]);
    expect(checkDefinition(def, known)).toEqual([{ path: 'form.fields[2].key', message: { key: 'flow.duplicate_field', params: { key: 'title' } } }]);
  });

  it('duplicate column keys of a table', () => {
    const def = withFields([
      { key: 'title', label: '标题', type: 'text' },
      {
        key: 'items',
        label: '明细',
        type: 'table',
        columns: [
          { key: 'name', label: '名称', type: 'text' },
          { key: 'name', label: '名称', type: 'text' },
        ],
      },
    ]);
    expect(problemsOf(def)).toEqual([{ path: 'form.fields[1].columns[1].key', key: 'flow.duplicate_field' }]);
  });

  it('duplicate option values, and a select without options', () => {
    const def = withFields([
      { key: 'title', label: '标题', type: 'text' },
      { key: 'kind', label: '类别', type: 'select', options: [{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }, { value: 'a', label: '丙' }] },
      { key: 'colour', label: '颜色', type: 'select' },
      { key: 'size', label: '尺码', type: 'select', options: [] },
    ]);
    expect(problemsOf(def)).toEqual([
      { path: 'form.fields[1].options', key: 'flow.duplicate_option' },
      { path: 'form.fields[2].options', key: 'flow.select_needs_options' },
      { path: 'form.fields[3].options', key: 'flow.select_needs_options' },
    ]);
  });

  it('min above max, on a field and on a table column; min equal to max is fine', () => {
    const def = withFields([
      { key: 'title', label: '标题', type: 'text' },
      { key: 'amount', label: '金额', type: 'money', min: 100, max: 10 },
      { key: 'days', label: '天数', type: 'number', min: 3, max: 3 },
      { key: 'items', label: '明细', type: 'table', columns: [{ key: 'quantity', label: '数量', type: 'number', min: 5, max: 1 }] },
    ]);
    expect(problemsOf(def)).toEqual([
      { path: 'form.fields[1].max', key: 'flow.min_above_max' },
      { path: 'form.fields[3].columns[0].max', key: 'flow.min_above_max' },
    ]);
  });

  it.each([
    ['a field the form does not have', 'subject'],
    ['a number field', 'amount'],
  ])('a title field that is %s', (_, titleField) => {
    const def = withFields([{ key: 'title', label: '标题', type: 'text' }, { key: 'amount', label: '金额', type: 'money' }], { titleField });
    expect(checkDefinition(def, known)).toEqual([{ path: 'titleField', message: { key: 'flow.title_field', params: { key: titleField } } }]);
  });

  it('a text or textarea title field is fine', () => {
    const fields: FormInput['fields'] = [{ key: 'title', label: '标题', type: 'text' }, { key: 'reason', label: '理由', type: 'textarea' }];
    expect(problemsOf(withFields(fields, { titleField: 'title' }))).toEqual([]);
    expect(problemsOf(withFields(fields, { titleField: 'reason' }))).toEqual([]);
  });
});

describe('checkDefinition: messages and fields', () => {
  it('every problem renders in both languages with its parameters filled in', () => {
    const def = define(
      [
        condition('route', [{ when: [{ field: 'colour', op: 'eq', value: 'x' }], next: 'a' }], 'a'),
        approval('a', 'nowhere', { approvers: { source: 'department_role', department: 'XYZ', position: 'chief' } }),
        end(),
      ],
      { calendar: 'mars', titleField: 'amount' },
    );
    const problems = checkDefinition(def, known);
    expect(problems.length).toBeGreaterThanOrEqual(5);
    for (const p of problems) {
      expect(render('zh-CN', p.message)).not.toMatch(/\{\w+\}/);
      expect(render('en-US', p.message)).not.toMatch(/\{\w+\}/);
    }
    expect(Object.keys(problemsAsFields(problems))).toEqual(problems.map((p) => p.path));
  });
});

describe('checkDefinition: the built-in definitions', () => {
  const builtinKnown: Known = {
    roles: new Set(BUILTIN_ROLE_DEFS.map((r) => r.code)),
    positions: new Set(BUILTIN_POSITIONS.map((p) => p.code)),
    departments: new Set(),
    usernames: new Set(),
    calendars: new Set([BUILTIN_CALENDAR.code]),
  };
  const files = builtinTypeFiles();

  it('there are built-in definitions to check', () => {
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(['purchase.yaml', 'leave.yaml', 'expense.yaml']));
  });

  it.each(files.map((f) => [f.file, f.text] as const))('%s parses and passes the publish check', (_, text) => {
    const { code: _code, name: _name, category: _category, description: _description, ...definition } = parseTypeFile(text);
    expect(problemsOf(definition, builtinKnown)).toEqual([]);
  });

  it('a built-in definition fails once a role it relies on is missing', () => {
    const purchase = files.find((f) => f.file === 'purchase.yaml')!;
    const { code: _code, name: _name, category: _category, description: _description, ...definition } = parseTypeFile(purchase.text);
    const roles = new Set([...builtinKnown.roles].filter((r) => r !== 'finance'));
    expect(problemsOf(definition, { ...builtinKnown, roles })).toContainEqual({ path: 'flow.nodes[1].approvers.role', key: 'flow.unknown_role' });
  });
});

// ---- properties: random DAGs ----

interface Shape {
  /** parent[j] (j ≥ 1) is an earlier node that leads to j, so every node is reachable from node 0. */
  parents: number[];
  /** Per node, kinds and extra forward edges, used when the node has successors. */
  kinds: ('approval' | 'cc' | 'notify' | 'action' | 'condition')[];
  extra: number[][];
}

const shapeArb = fc.integer({ min: 2, max: 30 }).chain((n) =>
  fc.record({
    parents: fc.tuple(...Array.from({ length: n - 1 }, (_, i) => fc.nat({ max: i }))),
    kinds: fc.array(fc.constantFrom('approval', 'cc', 'notify', 'action', 'condition'), { minLength: n, maxLength: n }),
    extra: fc.array(fc.array(fc.nat({ max: 1000 }), { maxLength: 2 }), { minLength: n, maxLength: n }),
  }),
) as fc.Arbitrary<Shape>;

const idOf = (i: number) => `n${i}`;

/** Successor lists of a shape: the tree edges, then extra edges forward to later nodes (for condition nodes). */
function edgesOf(shape: Shape): number[][] {
  const n = shape.kinds.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  shape.parents.forEach((p, j) => {
    // Keep within the schema's 10 branches per condition: a crowded parent hands the child to its predecessor.
    const parent = children[p]!.length < 9 ? p : j;
    children[parent]!.push(j + 1);
  });
  return children.map((c, i) => {
    if (c.length === 0 || shape.kinds[i] !== 'condition') return c;
    const later = shape.extra[i]!.map((x) => i + 1 + (x % (n - i - 1))).filter((j) => j < n);
    return [...c, ...later].slice(0, 10);
  });
}

function nodeFor(i: number, kind: Shape['kinds'][number], successors: number[]): NodeInput {
  const id = idOf(i);
  if (successors.length === 0) return end(id);
  const [first, ...rest] = successors.map(idOf);
  if (rest.length > 0 || kind === 'condition') {
    const targets = rest.length > 0 ? [first!, ...rest.slice(0, -1)] : [first!];
    return condition(id, targets.map((next, k) => ({ when: amountAtLeast(1000 * (k + 1)), next })), rest.length > 0 ? rest.at(-1)! : first!);
  }
  switch (kind) {
    case 'cc':
      return { id, name: '抄送', type: 'cc', recipients: [{ source: 'role', role: 'audit' }], next: first! };
    case 'notify':
      return { id, name: '通知', type: 'notify', recipients: [{ source: 'initiator' }], next: first! };
    case 'action':
      return { id, name: '编号', type: 'action', action: { kind: 'assign_number', rule: 'CG{YYYY}{SEQ:4}' }, next: first! };
    default:
      return approval(id, first!);
  }
}

const dagOf = (shape: Shape, edges = edgesOf(shape)) => define(shape.kinds.map((kind, i) => nodeFor(i, kind, edges[i]!)));

/** The nodes before i that reach it: an edge from i back to any of them closes a cycle. */
function ancestorsOf(edges: number[][], i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < i; j++) if (reaches(edges, j, i)) out.push(j);
  return out;
}
function reaches(edges: number[][], from: number, to: number): boolean {
  const stack = [from];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const k = stack.pop()!;
    if (k === to) return true;
    if (seen.has(k)) continue;
    seen.add(k);
    stack.push(...edges[k]!);
  }
  return false;
}

describe('checkDefinition: properties', () => {
  it('a random well-formed DAG passes', () => {
    fc.assert(
      fc.property(shapeArb, (shape) => {
        expect(problemsOf(dagOf(shape))).toEqual([]);
      }),
    );
  });

  it('adding a back edge to a random DAG makes it fail with flow.cycle', () => {
    fc.assert(
      fc.property(shapeArb, fc.nat(), fc.nat(), (shape, pickFrom, pickTo) => {
        const edges = edgesOf(shape);
        const inner = edges.map((e, i) => (e.length > 0 ? i : -1)).filter((i) => i >= 0);
        const from = inner[pickFrom % inner.length]!;
        const targets = [...ancestorsOf(edges, from), from];
        const to = targets[pickTo % targets.length]!;
        // A node with one way on becomes a condition: one branch back, otherwise on as before.
        const looped = edges.map((e, i) => (i === from ? [to, ...e].slice(0, 10) : e));
        const kinds = shape.kinds.map((k, i) => (i === from ? 'condition' : k));
        const def = dagOf({ ...shape, kinds }, looped);
        const keys = checkDefinition(def, known).map((p) => p.message.key);
        expect(keys).toContain('flow.cycle');
      }),
    );
  });
});
