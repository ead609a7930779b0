/** Condition branches (条件分支): each operator on single values and lists, empty values, dates, and branch choice. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConditionNode, type Condition } from '@henji/contracts';
import { chooseBranch, holds } from './conditions.ts';

const c = (field: string, op: Condition['op'], value?: Condition['value']): Condition => (value === undefined ? { field, op } : { field, op, value });

describe('holds', () => {
  const form = { amount: 12000, kind: 'goods', tags: ['urgent', 'it'], startsOn: '2026-03-09', note: '', none: null, list: [] as string[] };

  it.each([
    ['eq on a number', c('amount', 'eq', 12000), true],
    ['eq on a number, other value', c('amount', 'eq', 12001), false],
    ['eq does not convert text to number', c('amount', 'eq', '12000'), false],
    ['eq on text', c('kind', 'eq', 'goods'), true],
    ['neq on text', c('kind', 'neq', 'goods'), false],
    ['neq on text, other value', c('kind', 'neq', 'service'), true],
    ['eq on a list: the list contains it', c('tags', 'eq', 'it'), true],
    ['eq on a list: the list lacks it', c('tags', 'eq', 'hr'), false],
    ['neq on a list: the list lacks it', c('tags', 'neq', 'hr'), true],
    ['neq on a list: the list contains it', c('tags', 'neq', 'urgent'), false],
    ['in: one of several', c('kind', 'in', ['service', 'goods']), true],
    ['in: none of several', c('kind', 'in', ['service', 'works']), false],
    ['in: a single value', c('kind', 'in', 'goods'), true],
    ['in on a list: any overlap', c('tags', 'in', ['hr', 'it']), true],
    ['in on a list: no overlap', c('tags', 'in', ['hr', 'finance']), false],
    ['in on numbers', c('amount', 'in', [100, 12000]), true],
    ['gt', c('amount', 'gt', 10000), true],
    ['gt at the bound', c('amount', 'gt', 12000), false],
    ['gte at the bound', c('amount', 'gte', 12000), true],
    ['lt', c('amount', 'lt', 12000), false],
    ['lte at the bound', c('amount', 'lte', 12000), true],
    ['lt above', c('amount', 'lt', 12000.01), true],
    ['dates compare in time: gt', c('startsOn', 'gt', '2026-02-28'), true],
    ['dates compare in time: lt across a year', c('startsOn', 'lt', '2027-01-01'), true],
    ['dates compare in time: gte on the day', c('startsOn', 'gte', '2026-03-09'), true],
    ['dates compare in time: lte the day before', c('startsOn', 'lte', '2026-03-08'), false],
  ])('%s', (_, condition, expected) => {
    expect(holds(condition, form)).toBe(expected);
  });

  it.each([
    ['a missing field', 'missing'],
    ['null', 'none'],
    ['empty text', 'note'],
    ['an empty list', 'list'],
  ])('%s is empty, and not not_empty', (_, field) => {
    expect(holds(c(field, 'empty'), form)).toBe(true);
    expect(holds(c(field, 'not_empty'), form)).toBe(false);
  });

  it('zero, false-looking text and a list with items are not empty', () => {
    const values = { zero: 0, text: '0', tags: ['x'] };
    for (const field of Object.keys(values)) {
      expect(holds(c(field, 'not_empty'), values)).toBe(true);
      expect(holds(c(field, 'empty'), values)).toBe(false);
    }
  });

  it('an ordered comparison on an empty value never holds, either way', () => {
    for (const field of ['missing', 'none', 'note', 'list']) {
      for (const op of ['gt', 'gte', 'lt', 'lte'] as const) expect(holds(c(field, op, 0), form)).toBe(false);
    }
  });

  it('an ordered comparison without a value, or with a list, never holds', () => {
    expect(holds(c('amount', 'gt'), form)).toBe(false);
    expect(holds(c('amount', 'lt', [20000]), form)).toBe(false);
  });

  it('on an empty value, eq and in do not hold and neq does', () => {
    expect(holds(c('missing', 'eq', 'goods'), form)).toBe(false);
    expect(holds(c('missing', 'in', ['goods']), form)).toBe(false);
    expect(holds(c('missing', 'neq', 'goods'), form)).toBe(true);
    expect(holds(c('list', 'eq', 'goods'), form)).toBe(false);
  });

  it('numbers compare as numbers, not as text', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), (value, bound) => {
        const values = { amount: value };
        expect(holds(c('amount', 'gt', bound), values)).toBe(value > bound);
        expect(holds(c('amount', 'gte', bound), values)).toBe(value >= bound);
        expect(holds(c('amount', 'lt', bound), values)).toBe(value < bound);
        expect(holds(c('amount', 'lte', bound), values)).toBe(value <= bound);
        expect(holds(c('amount', 'eq', bound), values)).toBe(value === bound);
        expect(holds(c('amount', 'neq', bound), values)).toBe(value !== bound);
      }),
    );
  });

  it('ISO dates compare as the days they name', () => {
    const day = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (value, bound) => {
        const [v, b] = [Date.parse(value), Date.parse(bound)];
        expect(holds(c('startsOn', 'gt', bound), { startsOn: value })).toBe(v > b);
        expect(holds(c('startsOn', 'lte', bound), { startsOn: value })).toBe(v <= b);
      }),
    );
  });
});

describe('chooseBranch', () => {
  const route = ConditionNode.parse({
    id: 'route',
    name: '按金额与类别',
    type: 'condition',
    branches: [
      { label: '大额货物', when: [c('amount', 'gte', 10000), c('kind', 'eq', 'goods')], next: 'ceo' },
      { label: '大额', when: [c('amount', 'gte', 10000)], next: 'vp' },
      { label: '服务', when: [c('kind', 'eq', 'service')], next: 'ops' },
    ],
    otherwise: 'finance',
  });

  it('the first branch whose conditions all hold wins, even when later ones hold too', () => {
    expect(chooseBranch(route, { amount: 20000, kind: 'goods' })).toEqual({ next: 'ceo', branch: 0 });
    expect(chooseBranch(route, { amount: 20000, kind: 'service' })).toEqual({ next: 'vp', branch: 1 });
  });

  it('one failing condition fails its branch', () => {
    expect(chooseBranch(route, { amount: 500, kind: 'service' })).toEqual({ next: 'ops', branch: 2 });
  });

  it('otherwise when no branch holds, with no branch index', () => {
    expect(chooseBranch(route, { amount: 500, kind: 'goods' })).toEqual({ next: 'finance', branch: null });
    expect(chooseBranch(route, {})).toEqual({ next: 'finance', branch: null });
  });

  it('routes any form as the branches read, top to bottom', () => {
    fc.assert(
      fc.property(fc.record({ amount: fc.integer({ min: 0, max: 30000 }), kind: fc.constantFrom('goods', 'service', 'works') }), ({ amount, kind }) => {
        const expected = amount >= 10000 && kind === 'goods' ? 'ceo' : amount >= 10000 ? 'vp' : kind === 'service' ? 'ops' : 'finance';
        expect(chooseBranch(route, { amount, kind }).next).toBe(expected);
      }),
    );
  });
});
