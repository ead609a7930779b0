import { describe, expect, it } from 'vitest';
import type { ApplicationType } from '@henji/contracts';
import { byCategory } from './catalog.ts';

const definition: NonNullable<ApplicationType['definition']> = {
  form: { fields: [{ key: 'title', label: '标题', type: 'text', required: true }] },
  flow: { start: 'end', nodes: [{ id: 'end', name: '结束', type: 'end' }, { id: 'other', name: '其他', type: 'end' }] },
};

const type = (code: string, category: string, overrides: Partial<ApplicationType> = {}): ApplicationType => ({
  id: code,
  code,
  name: code,
  category,
  description: '',
  active: true,
  builtin: true,
  publishedVersion: 1,
  definition,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  allowedActions: [],
  ...overrides,
});

describe('byCategory', () => {
  it('groups types by category in the order categories first appear', () => {
    const groups = byCategory([type('purchase', '行政事务'), type('leave', '人事'), type('supplies', '行政事务')], '');
    expect(groups.map(([category, list]) => [category, list.map((t) => t.code)])).toEqual([
      ['行政事务', ['purchase', 'supplies']],
      ['人事', ['leave']],
    ]);
  });

  it('leaves out inactive types and types without a published flow', () => {
    const groups = byCategory([type('a', 'x', { active: false }), type('b', 'x', { definition: null }), type('c', 'x')], '');
    expect(groups.flatMap(([, list]) => list.map((t) => t.code))).toEqual(['c']);
  });

  it('searches name, category, description and code', () => {
    const types = [type('purchase', '行政事务', { name: '采购申请' }), type('leave', '人事', { name: '请假', description: '年假、病假' })];
    expect(byCategory(types, '病假').flatMap(([, l]) => l.map((t) => t.code))).toEqual(['leave']);
    expect(byCategory(types, 'PURCHASE').flatMap(([, l]) => l.map((t) => t.code))).toEqual(['purchase']);
    expect(byCategory(types, '行政').flatMap(([, l]) => l.map((t) => t.code))).toEqual(['purchase']);
  });
});
