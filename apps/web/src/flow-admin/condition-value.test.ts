import { describe, expect, it } from 'vitest';
import type { FormField } from '@henji/contracts';
import { changeCondition, conditionValueKind, fitValue, opsFor } from './condition-value.ts';

const FIELDS: FormField[] = [
  { key: 'amount', label: 'Amount', type: 'money', required: true },
  { key: 'kind', label: 'Kind', type: 'select', required: true, options: [{ value: 'it', label: 'IT' }, { value: 'office', label: 'Office' }] },
  { key: 'note', label: 'Note', type: 'text', required: false },
  { key: 'files', label: 'Files', type: 'attachment', required: false },
];
const field = (key: string) => FIELDS.find((f) => f.key === key);

describe('condition values', () => {
  it('types the value by the field and the operator', () => {
    expect(conditionValueKind(field('amount'), 'gte')).toBe('number');
    expect(conditionValueKind(field('amount'), 'in')).toBe('numberList');
    expect(conditionValueKind(field('kind'), 'eq')).toBe('option');
    expect(conditionValueKind(field('kind'), 'in')).toBe('optionList');
    expect(conditionValueKind(field('note'), 'neq')).toBe('text');
    expect(conditionValueKind(field('amount'), 'empty')).toBe('none');
  });

  it('offers ordering only where values are ordered, and only presence for files', () => {
    expect(opsFor(field('amount'))).toContain('gt');
    expect(opsFor(field('kind'))).not.toContain('gt');
    expect(opsFor(field('files'))).toEqual(['empty', 'not_empty']);
  });

  it('keeps a value that still fits and drops one that does not', () => {
    expect(fitValue(5, 'number')).toBe(5);
    expect(fitValue('5', 'number')).toBeUndefined();
    expect(fitValue(5, 'numberList')).toEqual([5]);
    expect(fitValue(['a', 1], 'optionList')).toEqual(['a']);
    expect(fitValue('x', 'none')).toBeUndefined();
  });

  it('moves a condition to another field with an operator that field allows', () => {
    expect(changeCondition({ field: 'amount', op: 'gte', value: 10000 }, { field: 'kind' }, FIELDS)).toEqual({ field: 'kind', op: 'eq' });
    expect(changeCondition({ field: 'amount', op: 'gte', value: 10000 }, { field: 'files' }, FIELDS)).toEqual({ field: 'files', op: 'empty' });
    expect(changeCondition({ field: 'amount', op: 'gte', value: 10000 }, { op: 'in' }, FIELDS)).toEqual({ field: 'amount', op: 'in', value: [10000] });
    expect(changeCondition({ field: 'amount', op: 'gte', value: 10000 }, { op: 'not_empty' }, FIELDS)).toEqual({ field: 'amount', op: 'not_empty' });
  });
});
