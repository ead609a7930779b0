import { describe, expect, it } from 'vitest';
import type { FormDefinition } from '@henji/contracts';
import { missingRequiredFields } from './migration-check.ts';

const form = {
  fields: [
    { key: 'title', label: '标题', type: 'text', required: true },
    { key: 'supplier', label: '供应商', type: 'text', required: true },
    { key: 'note', label: '备注', type: 'text', required: false },
    {
      key: 'items',
      label: '明细',
      type: 'table',
      required: true,
      maxRows: 10,
      columns: [
        { key: 'name', label: '名称', type: 'text', required: true },
        { key: 'spec', label: '规格', type: 'text', required: true },
      ],
    },
  ],
} as FormDefinition;

describe('the target form of a migration', () => {
  it('lists the required fields, and required columns of table rows, that the stored form leaves empty', () => {
    const values = { title: '打印机', supplier: '  ', items: [{ name: '硒鼓', spec: 'A4' }, { name: '纸' }] };
    expect(missingRequiredFields(form, values)).toEqual([
      { key: 'supplier', label: '供应商' },
      { key: 'items.spec', label: '明细 › 规格' },
    ]);
  });

  it('lists nothing for a complete form, and an empty required table once', () => {
    expect(missingRequiredFields(form, { title: 'a', supplier: 'b', items: [{ name: 'x', spec: 'y' }] })).toEqual([]);
    expect(missingRequiredFields(form, { title: 'a', supplier: 'b', items: [] })).toEqual([{ key: 'items', label: '明细' }]);
  });

  it('reads only own keys of the stored form', () => {
    expect(missingRequiredFields(form, JSON.parse('{"title":"a","items":[{"name":"x","spec":"y"}],"__proto__":{"supplier":"b"}}'))).toEqual([{ key: 'supplier', label: '供应商' }]);
  });
});
