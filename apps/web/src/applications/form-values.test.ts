import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { FormDefinition } from '@henji/contracts';
import { columnTotal, emptyFormState, formFieldName, formatMoney, isBlank, toFormData, toFormState, totalledColumns, withComputed } from './form-values.ts';

const definition: FormDefinition = {
  fields: [
    { key: 'title', label: '标题', type: 'text', required: true },
    { key: 'reason', label: '事由', type: 'textarea', required: false },
    { key: 'amount', label: '金额', type: 'money', required: true },
    { key: 'days', label: '天数', type: 'number', required: false },
    { key: 'startsOn', label: '开始日期', type: 'date', required: false },
    { key: 'period', label: '期间', type: 'dateRange', required: false },
    { key: 'kind', label: '类别', type: 'select', required: false, options: [{ value: 'a', label: 'A' }] },
    { key: 'tags', label: '标签', type: 'select', required: false, multiple: true, options: [{ value: 'x', label: 'X' }] },
    { key: 'reviewer', label: '评审人', type: 'user', required: false },
    { key: 'dept', label: '部门', type: 'department', required: false },
    { key: 'files', label: '附件', type: 'attachment', required: false },
    {
      key: 'items',
      label: '明细',
      type: 'table',
      required: false,
      maxRows: 10,
      columns: [
        { key: 'name', label: '品名', type: 'text', required: true },
        { key: 'price', label: '单价', type: 'money', required: true },
        { key: 'deliverBy', label: '交付日期', type: 'date', required: false },
      ],
    },
  ],
};

describe('toFormState / toFormData', () => {
  it('turns dates into dayjs for the pickers and back into YYYY-MM-DD', () => {
    const data = { startsOn: '2026-03-09', period: ['2026-03-09', '2026-03-13'] };
    const state = toFormState(definition, data);
    expect(dayjs.isDayjs(state['startsOn'])).toBe(true);
    expect((state['period'] as dayjs.Dayjs[]).map((d) => d.format('YYYY-MM-DD'))).toEqual(['2026-03-09', '2026-03-13']);
    expect(toFormData(definition, state)).toMatchObject(data);
  });

  it('gives back exactly the form it was given, tables included', () => {
    const data = {
      title: '采购显示器',
      reason: '新员工入职',
      amount: 12345.6,
      days: 3,
      kind: 'a',
      tags: ['x'],
      reviewer: '7b0c7d1e-0000-4000-8000-000000000001',
      dept: '7b0c7d1e-0000-4000-8000-000000000002',
      files: ['7b0c7d1e-0000-4000-8000-000000000003'],
      items: [{ name: '显示器', price: 1999, deliverBy: '2026-04-01' }, { name: '键盘', price: 299.5 }],
    };
    expect(toFormData(definition, toFormState(definition, data))).toEqual(data);
  });

  it('leaves out what was not given: blank text, empty lists, cleared pickers, empty table rows', () => {
    const state = { title: '  ', reason: undefined, amount: null, tags: [], files: [], period: null, items: [{ name: undefined, price: undefined }] };
    expect(toFormData(definition, state)).toEqual({});
  });

  it('trims text and rounds money to cents', () => {
    const data = toFormData(definition, { title: '  显示器 ', amount: 0.1 + 0.2, items: [{ name: ' 笔 ', price: 3.019 }] });
    expect(data).toEqual({ title: '显示器', amount: 0.3, items: [{ name: '笔', price: 3.02 }] });
  });

  it('leaves empty a stored value that does not fit its field, rather than crashing the form', () => {
    const state = toFormState(definition, { startsOn: 'soon', period: ['2026-01-01'], amount: '12', tags: 'x', items: 'none' });
    expect(state['startsOn']).toBeUndefined();
    expect(state['period']).toBeUndefined();
    expect(state['amount']).toBeUndefined();
    expect(state['tags']).toEqual(['x']);
    expect(state['items']).toEqual([]);
  });

  it('starts a new form with one empty table row to fill in', () => {
    const state = emptyFormState(definition);
    expect(state['items']).toEqual([{ name: undefined, price: undefined, deliverBy: undefined }]);
    expect(state['title']).toBeUndefined();
  });
});

describe('formFieldName', () => {
  it('maps server paths under form to Ant Design name paths', () => {
    expect(formFieldName('form.amount')).toEqual(['amount']);
    expect(formFieldName('form.items[0].quantity')).toEqual(['items', 0, 'quantity']);
    expect(formFieldName('form.items.12.quantity')).toEqual(['items', 12, 'quantity']);
  });

  it('says when a path is not a form field', () => {
    expect(formFieldName('urgent')).toBeNull();
    expect(formFieldName('form')).toBeNull();
    expect(formFieldName('formHash')).toBeNull();
  });
});

describe('money and blanks', () => {
  it('formats yuan with two decimals and grouping', () => {
    expect(formatMoney(1234.5)).toBe('¥1,234.50');
    expect(formatMoney(0)).toBe('¥0.00');
  });

  it('adds a column in cents', () => {
    expect(columnTotal([{ price: 0.1 }, { price: 0.2 }, { price: undefined }], 'price')).toBe(0.3);
  });

  it('counts whitespace and empty lists as blank, zero and false as values', () => {
    expect(isBlank(' ')).toBe(true);
    expect(isBlank([])).toBe(true);
    expect(isBlank([''])).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
  });
});

describe('computed values (金额 = 数量 × 单价, 合计)', () => {
  const purchase: FormDefinition = {
    fields: [
      {
        key: 'items',
        label: '采购明细',
        type: 'table',
        required: true,
        maxRows: 50,
        columns: [
          { key: 'name', label: '名称', type: 'text', required: true },
          { key: 'quantity', label: '数量', type: 'number', required: true },
          { key: 'unitPrice', label: '单价', type: 'money', required: true },
          { key: 'lineAmount', label: '金额', type: 'money', required: false, compute: { product: ['quantity', 'unitPrice'] } },
        ],
      },
      { key: 'amount', label: '总金额', type: 'money', required: true, compute: { sum: { table: 'items', column: 'lineAmount' } } },
    ],
  };

  it('multiplies by the quantity and sums exactly, whatever was typed into the computed fields', () => {
    const state = withComputed(purchase, {
      items: [
        { name: '服务器', quantity: 5, unitPrice: 10000, lineAmount: 1 },
        { name: '回形针', quantity: 3, unitPrice: 0.1 },
        { name: '未填单价', quantity: 2 },
      ],
      amount: 9999,
    });
    expect((state.items as { lineAmount?: number }[]).map((r) => r.lineAmount)).toEqual([50000, 0.3, undefined]);
    expect(state.amount).toBe(50000.3);
  });

  it('adds up line amounts in the footer, not unit prices', () => {
    const table = purchase.fields[0]!;
    if (table.type !== 'table') throw new Error('a table');
    expect(totalledColumns(table).map((c) => c.key)).toEqual(['lineAmount']);
  });

  it('leaves a form without computed fields as it is', () => {
    const plain: FormDefinition = { fields: [{ key: 'amount', label: '金额', type: 'money', required: true }] };
    const state = { amount: 12 };
    expect(withComputed(plain, state)).toBe(state);
  });
});
