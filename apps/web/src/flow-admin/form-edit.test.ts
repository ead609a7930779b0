import { describe, expect, it } from 'vitest';
import { changeFieldType, cleanScalar, fieldReferences, fieldSkeleton, moveItem, removeField, renameFieldKey, uniqueKey } from './form-edit.ts';
import { purchase } from './test-definitions.ts';

const LABELS = { option: (n: number) => `Option ${n}`, column: 'Item' };

describe('field skeletons and types', () => {
  it('starts a select with one option and a table with one column', () => {
    expect(fieldSkeleton('select', 'kind', 'Kind', LABELS)).toEqual({
      key: 'kind',
      label: 'Kind',
      type: 'select',
      required: false,
      options: [{ value: 'option_1', label: 'Option 1' }],
    });
    expect(fieldSkeleton('table', 'items', 'Items', LABELS)).toMatchObject({ columns: [{ key: 'item', type: 'text' }], maxRows: 100 });
  });

  it('drops the properties a type does not use', () => {
    expect(cleanScalar({ key: 'n', label: 'N', type: 'text', required: true, min: 1, maxLength: 20, multiple: true })).toEqual({
      key: 'n',
      label: 'N',
      type: 'text',
      required: true,
      maxLength: 20,
    });
  });

  it('keeps what survives a change of type', () => {
    const field = { key: 'amount', label: 'Amount', type: 'money' as const, required: true, help: 'CNY', min: 0, max: 5 };
    expect(changeFieldType(field, 'number', LABELS)).toEqual(field.type === 'money' ? { ...field, type: 'number' } : field);
    expect(changeFieldType(field, 'text', LABELS)).toEqual({ key: 'amount', label: 'Amount', type: 'text', required: true, help: 'CNY' });
    expect(changeFieldType(field, 'table', LABELS)).toMatchObject({ key: 'amount', type: 'table', required: true, help: 'CNY' });
  });

  it('finds a free key', () => {
    expect(uniqueKey(['text', 'text_2'], 'text')).toBe('text_3');
    expect(uniqueKey(['text'], 'date')).toBe('date');
  });

  it('moves fields within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('renameFieldKey', () => {
  it('follows the key into conditions, approver sources, SLA transfers, emergency groups and the title', () => {
    const renamed = renameFieldKey(renameFieldKey(purchase(), 'amount', 'total'), 'buyer', 'purchaser');
    const json = JSON.stringify(renamed);

    expect(json).not.toMatch(/"(field|key)":"(amount|buyer)"/);
    expect(fieldReferences(renamed, 'total')).toEqual(['by_amount']);
    expect(fieldReferences(renamed, 'purchaser')).toEqual(['finance']);
    expect(renamed.emergency?.group).toEqual([{ source: 'field', field: 'purchaser' }]);
    expect(renameFieldKey(purchase(), 'title', 'subject').titleField).toBe('subject');
  });

  it('follows the key into the owner of a tracked task created by an action node', () => {
    const definition = purchase();
    definition.flow.nodes.push({
      id: 'follow_up',
      name: 'Follow-up',
      type: 'action',
      action: { kind: 'create_task', title: 'Deliver', owner: { source: 'field', field: 'buyer' }, within: { amount: 5, unit: 'days' } },
      next: 'end',
    });
    expect(fieldReferences(definition, 'buyer')).toEqual(['finance', 'follow_up']);

    const renamed = renameFieldKey(definition, 'buyer', 'purchaser');
    expect(renamed.flow.nodes.at(-1)).toMatchObject({ action: { owner: { source: 'field', field: 'purchaser' } } });
  });

  it('changes nothing when the new key is taken or malformed', () => {
    const definition = purchase();
    expect(renameFieldKey(definition, 'amount', 'title')).toBe(definition);
    expect(renameFieldKey(definition, 'amount', '9x')).toBe(definition);
  });
});

describe('removeField', () => {
  it('clears the title field but leaves references for the publish check to name', () => {
    const definition = purchase();
    expect(removeField(definition, 0).titleField).toBeUndefined();

    const withoutAmount = removeField(definition, 1);
    expect(withoutAmount.form.fields.map((f) => f.key)).toEqual(['title', 'buyer']);
    expect(fieldReferences(withoutAmount, 'amount')).toEqual(['by_amount']);
  });
});
