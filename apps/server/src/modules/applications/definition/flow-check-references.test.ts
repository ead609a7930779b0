/**
 * The publish check (F2), what nodes refer to: conditions on form fields, approver sources, the form itself, and the
 * messages problems carry — each problem at the exact path the designer points at.
 */
import { describe, expect, it } from 'vitest';
import { ApplicationDefinition, type Condition } from '@henji/contracts';
import { render } from '../../../kernel/messages.ts';
import { checkDefinition, problemsAsFields } from './flow-check.ts';
import { amountAtLeast, approval, condition, define, end, known, problemsOf, type ConditionInput, type DefinitionInput, type FormInput } from './flow-check.fixtures.ts';

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

