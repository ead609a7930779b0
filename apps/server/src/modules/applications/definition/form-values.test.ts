/**
 * Checking what an applicant filled in (F1): each field type's rules and normalisation, table rows with per-cell
 * paths, unknown fields, drafts against submissions, and the ids a form refers to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FormDefinition } from '@henji/contracts';
import { checkFormValues, referencesOf } from './form-values.ts';

type FieldInput = z.input<typeof FormDefinition>['fields'][number];

const formOf = (...fields: FieldInput[]) => FormDefinition.parse({ fields });
/** Problems as path → key, values as normalised. */
function check(fields: FieldInput | FieldInput[], input: Record<string, unknown>, complete = true) {
  const { values, problems } = checkFormValues(formOf(...[fields].flat()), input, complete);
  return { values, problems: Object.fromEntries(Object.entries(problems).map(([path, m]) => [path, m.key])), messages: problems };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('text and textarea', () => {
  const title: FieldInput = { key: 'title', label: '标题', type: 'text' };
  const reason: FieldInput = { key: 'reason', label: '理由', type: 'textarea' };

  it('trims text', () => {
    expect(check(title, { title: '  采购打印纸 ' }).values).toEqual({ title: '采购打印纸' });
  });

  it('refuses what is not text', () => {
    expect(check(title, { title: 42 }).problems).toEqual({ 'form.title': 'flow.value_text' });
    expect(check(title, { title: ['a'] }).problems).toEqual({ 'form.title': 'flow.value_text' });
  });

  it('limits text to 200 characters and a textarea to 5000 by default, counting after trimming', () => {
    expect(check(title, { title: ` ${'字'.repeat(200)} ` }).problems).toEqual({});
    const tooLong = check(title, { title: '字'.repeat(201) });
    expect(tooLong.problems).toEqual({ 'form.title': 'flow.value_too_long' });
    expect(tooLong.messages['form.title']!.params).toEqual({ max: 200 });
    expect(check(reason, { reason: 'x'.repeat(5000) }).problems).toEqual({});
    expect(check(reason, { reason: 'x'.repeat(5001) }).messages['form.reason']!.params).toEqual({ max: 5000 });
  });

  it('uses the field\'s own maxLength over the default', () => {
    const short: FieldInput = { ...title, maxLength: 5 };
    expect(check(short, { title: '五个字而已' }).problems).toEqual({});
    expect(check(short, { title: '六个字就超了' }).messages['form.title']!.params).toEqual({ max: 5 });
    const long: FieldInput = { ...title, maxLength: 300 };
    expect(check(long, { title: 'x'.repeat(300) }).problems).toEqual({});
  });

  // Emptiness is decided after trimming: a required text of only spaces is missing.
  it('a required text of only spaces is missing', () => {
    expect(check({ ...title, required: true }, { title: '   ' }).problems).toEqual({ 'form.title': 'flow.value_required' });
  });

  it('any text within the limit comes back trimmed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        fc.pre(text.trim() !== '' || text === '');
        const { values, problems } = check(title, { title: text });
        expect(problems).toEqual({});
        if (text !== '') expect(values.title).toBe(text.trim());
      }),
    );
  });
});

describe('number and money', () => {
  const days: FieldInput = { key: 'days', label: '天数', type: 'number', min: 0.5, max: 30 };
  const amount: FieldInput = { key: 'amount', label: '金额', type: 'money' };

  it('accepts numbers and strings of digits, normalised to numbers', () => {
    expect(check(days, { days: 3 }).values).toEqual({ days: 3 });
    expect(check(days, { days: '3' }).values).toEqual({ days: 3 });
    expect(check(days, { days: ' 2.5 ' }).values).toEqual({ days: 2.5 });
    expect(check(amount, { amount: '12.30' }).values).toEqual({ amount: 12.3 });
    expect(check(amount, { amount: -8 }).values).toEqual({ amount: -8 });
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['the text "Infinity"', 'Infinity'],
    ['the text "NaN"', 'NaN'],
    ['words', '三天'],
    ['digits with a unit', '3天'],
    ['a boolean', true],
    ['a list', [3]],
    ['an object', { value: 3 }],
  ])('refuses %s', (_, value) => {
    expect(check(days, { days: value }).problems).toEqual({ 'form.days': 'flow.value_number' });
    expect(check(amount, { amount: value }).problems).toEqual({ 'form.amount': 'flow.value_number' });
  });

  // Number() alone would read hexadecimal and binary literals ("0x10" as 16 days); only decimal notation counts.
  it('refuses hexadecimal and binary literals', () => {
    expect(check(days, { days: '0x10' }).problems).toEqual({ 'form.days': 'flow.value_number' });
    expect(check(days, { days: '0b11' }).problems).toEqual({ 'form.days': 'flow.value_number' });
  });

  it('applies min and max, inclusive, with the bound in the message', () => {
    expect(check(days, { days: 0.5 }).problems).toEqual({});
    expect(check(days, { days: 30 }).problems).toEqual({});
    const below = check(days, { days: '0.4' });
    expect(below.problems).toEqual({ 'form.days': 'flow.value_min' });
    expect(below.messages['form.days']!.params).toEqual({ min: 0.5 });
    const above = check(days, { days: 31 });
    expect(above.problems).toEqual({ 'form.days': 'flow.value_max' });
    expect(above.messages['form.days']!.params).toEqual({ max: 30 });
  });

  it('refuses money with more than two decimals', () => {
    for (const value of [12.345, '0.005', 1.001, '99.999']) {
      expect(check(amount, { amount: value }).problems).toEqual({ 'form.amount': 'flow.value_money' });
    }
    expect(check(amount, { amount: 0.1 + 0.2 }).values).toEqual({ amount: 0.3 });
  });

  it('a number field takes any number of decimals', () => {
    expect(check(days, { days: 1.125 }).values).toEqual({ days: 1.125 });
  });

  it('any amount in cents up to a hundred million yuan is accepted, as text too, and normalised to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (cents) => {
        const yuan = cents / 100;
        expect(check(amount, { amount: yuan })).toMatchObject({ problems: {}, values: { amount: yuan } });
        expect(check(amount, { amount: yuan.toFixed(2) })).toMatchObject({ problems: {}, values: { amount: yuan } });
      }),
    );
  });

  it('any amount with a third decimal is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 1, max: 9 }), (cents, mill) => {
        const value = `${cents < 0 ? '-' : ''}${(Math.abs(cents) / 100).toFixed(2)}${mill}`;
        expect(check(amount, { amount: value }).problems).toEqual({ 'form.amount': 'flow.value_money' });
      }),
    );
  });

  it('any finite number is accepted by a number field without bounds, as a number or as its text', () => {
    const plain: FieldInput = { key: 'count', label: '数量', type: 'number' };
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), (n) => {
        expect(check(plain, { count: n }).values).toEqual({ count: n });
        expect(check(plain, { count: String(n) }).values).toEqual({ count: n });
      }),
    );
  });
});

describe('dates', () => {
  const startsOn: FieldInput = { key: 'startsOn', label: '开始日期', type: 'date' };
  const period: FieldInput = { key: 'period', label: '请假期间', type: 'dateRange' };

  it('accepts real calendar dates, leap days included', () => {
    expect(check(startsOn, { startsOn: '2026-02-28' }).values).toEqual({ startsOn: '2026-02-28' });
    expect(check(startsOn, { startsOn: '2024-02-29' }).problems).toEqual({});
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-00-10', '2026-2-3', '2026/02/03', '2026-02-03T08:00:00Z', ' 2026-02-03'])(
    'refuses %s',
    (value) => {
      expect(check(startsOn, { startsOn: value }).problems).toEqual({ 'form.startsOn': 'flow.value_date' });
    },
  );

  it('refuses a date given as a number', () => {
    expect(check(startsOn, { startsOn: 20260203 }).problems).toEqual({ 'form.startsOn': 'flow.value_date' });
  });

  it('a date range is two dates, the end not before the start', () => {
    expect(check(period, { period: ['2026-03-02', '2026-03-06'] }).values).toEqual({ period: ['2026-03-02', '2026-03-06'] });
    expect(check(period, { period: ['2026-03-02', '2026-03-02'] }).problems).toEqual({});
    expect(check(period, { period: ['2026-03-06', '2026-03-02'] }).problems).toEqual({ 'form.period': 'flow.value_range_order' });
  });

  it.each([
    ['one date', ['2026-03-02']],
    ['three dates', ['2026-03-02', '2026-03-03', '2026-03-04']],
    ['an impossible date', ['2026-02-27', '2026-02-30']],
    ['a single string', '2026-03-02'],
    ['an object', { from: '2026-03-02', to: '2026-03-03' }],
  ])('a date range refuses %s', (_, value) => {
    expect(check(period, { period: value }).problems).toEqual({ 'form.period': 'flow.value_date_range' });
  });

  const dayArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('every day of the calendar is a date, and a range is in order exactly when it is chronological', () => {
    fc.assert(
      fc.property(dayArb, dayArb, (a, b) => {
        expect(check(startsOn, { startsOn: a }).problems).toEqual({});
        const ordered = new Date(a).getTime() <= new Date(b).getTime();
        expect(check(period, { period: [a, b] }).problems).toEqual(ordered ? {} : { 'form.period': 'flow.value_range_order' });
      }),
    );
  });
});

describe('select', () => {
  const options = [
    { value: 'annual', label: '年假' },
    { value: 'sick', label: '病假' },
    { value: 'personal', label: '事假' },
  ];
  const kind: FieldInput = { key: 'kind', label: '假期类型', type: 'select', options };
  const tags: FieldInput = { key: 'tags', label: '标签', type: 'select', options, multiple: true };

  it('a single select takes one of its options', () => {
    expect(check(kind, { kind: 'sick' }).values).toEqual({ kind: 'sick' });
    expect(check(kind, { kind: 'holiday' }).problems).toEqual({ 'form.kind': 'flow.value_option' });
    expect(check(kind, { kind: ['sick'] }).problems).toEqual({ 'form.kind': 'flow.value_option' });
    expect(check(kind, { kind: 1 }).problems).toEqual({ 'form.kind': 'flow.value_option' });
  });

  it('a multiple select takes a list of options, without repeats', () => {
    expect(check(tags, { tags: ['sick', 'annual', 'sick'] }).values).toEqual({ tags: ['sick', 'annual'] });
    expect(check(tags, { tags: ['sick', 'holiday'] }).problems).toEqual({ 'form.tags': 'flow.value_option' });
    expect(check(tags, { tags: 'sick' }).problems).toEqual({ 'form.tags': 'flow.value_option' });
  });
});

describe('user and department references', () => {
  const reviewer: FieldInput = { key: 'reviewer', label: '复核人', type: 'user' };
  const members: FieldInput = { key: 'members', label: '参与人', type: 'user', multiple: true };
  const dept: FieldInput = { key: 'dept', label: '部门', type: 'department' };
  const depts: FieldInput = { key: 'depts', label: '部门', type: 'department', multiple: true };

  it('takes ids, one or a list without repeats', () => {
    expect(check(reviewer, { reviewer: uuid(1) }).values).toEqual({ reviewer: uuid(1) });
    expect(check(members, { members: [uuid(1), uuid(2), uuid(1)] }).values).toEqual({ members: [uuid(1), uuid(2)] });
    expect(check(dept, { dept: uuid(3) }).values).toEqual({ dept: uuid(3) });
    expect(check(depts, { depts: [uuid(3), uuid(3)] }).values).toEqual({ depts: [uuid(3)] });
  });

  it.each([
    ['a username', 'zhang.san'],
    ['a list for a single reference', [uuid(1)]],
    ['a number', 7],
    ['an id with a stray character', `${uuid(1)}x`],
  ])('refuses %s', (_, value) => {
    expect(check(reviewer, { reviewer: value }).problems).toEqual({ 'form.reviewer': 'flow.value_reference' });
    expect(check(dept, { dept: value }).problems).toEqual({ 'form.dept': 'flow.value_reference' });
  });

  it('refuses a single id for a multiple field, and a list with one bad id', () => {
    expect(check(members, { members: uuid(1) }).problems).toEqual({ 'form.members': 'flow.value_reference' });
    expect(check(depts, { depts: [uuid(1), 'FIN'] }).problems).toEqual({ 'form.depts': 'flow.value_reference' });
  });
});

describe('attachments', () => {
  const files: FieldInput = { key: 'files', label: '附件', type: 'attachment' };

  it('takes up to 20 file ids, without repeats', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => uuid(i));
    expect(check(files, { files: twenty }).values).toEqual({ files: twenty });
    expect(check(files, { files: [uuid(1), uuid(2), uuid(1)] }).values).toEqual({ files: [uuid(1), uuid(2)] });
  });

  it('refuses a 21st file', () => {
    const result = check(files, { files: Array.from({ length: 21 }, (_, i) => uuid(i)) });
    expect(result.problems).toEqual({ 'form.files': 'flow.value_too_many_files' });
    expect(result.messages['form.files']!.params).toEqual({ max: 20 });
  });

  it('refuses what is not a list of ids', () => {
    expect(check(files, { files: uuid(1) }).problems).toEqual({ 'form.files': 'flow.value_files' });
    expect(check(files, { files: [uuid(1), 'report.pdf'] }).problems).toEqual({ 'form.files': 'flow.value_files' });
  });
});

describe('tables', () => {
  const items: FieldInput = {
    key: 'items',
    label: '采购明细',
    type: 'table',
    required: true,
    maxRows: 3,
    columns: [
      { key: 'name', label: '名称', type: 'text', required: true },
      { key: 'quantity', label: '数量', type: 'number', required: true, min: 1 },
      { key: 'unitPrice', label: '单价', type: 'money' },
    ],
  };

  it('normalises every cell of every row', () => {
    const result = check(items, { items: [{ name: ' 打印纸 ', quantity: '10', unitPrice: '25.50' }, { name: '墨盒', quantity: 2 }] });
    expect(result.problems).toEqual({});
    expect(result.values).toEqual({ items: [{ name: '打印纸', quantity: 10, unitPrice: 25.5 }, { name: '墨盒', quantity: 2 }] });
  });

  it('reports a problem in a cell at the path of its row and column', () => {
    const result = check(items, { items: [{ name: '打印纸', quantity: 1 }, { name: '墨盒', quantity: 0 }, { name: '订书机', quantity: 'many' }] });
    expect(result.problems).toEqual({ 'form.items[1].quantity': 'flow.value_min', 'form.items[2].quantity': 'flow.value_number' });
  });

  it('a required column is required in a submission, not in a draft', () => {
    const rows = { items: [{ name: '打印纸', quantity: 1 }, { name: '墨盒' }] };
    expect(check(items, rows, true).problems).toEqual({ 'form.items[1].quantity': 'flow.value_required' });
    expect(check(items, rows, false).problems).toEqual({});
  });

  it('an unknown column, at its own path', () => {
    expect(check(items, { items: [{ name: '打印纸', quantity: 1, colour: '白' }] }).problems).toEqual({ 'form.items[0].colour': 'flow.value_unknown_field' });
  });

  it('at most maxRows rows', () => {
    const row = { name: '打印纸', quantity: 1 };
    expect(check(items, { items: [row, row, row] }).problems).toEqual({});
    const result = check(items, { items: [row, row, row, row] });
    expect(result.problems).toEqual({ 'form.items': 'flow.value_too_many_rows' });
    expect(result.messages['form.items']!.params).toEqual({ max: 3 });
  });

  it('100 rows by default', () => {
    const lines: FieldInput = { key: 'lines', label: '明细', type: 'table', columns: [{ key: 'name', label: '名称', type: 'text' }] };
    const rows = (n: number) => ({ lines: Array.from({ length: n }, (_, i) => ({ name: `第${i + 1}行` })) });
    expect(check(lines, rows(100)).problems).toEqual({});
    expect(check(lines, rows(101)).problems).toEqual({ 'form.lines': 'flow.value_too_many_rows' });
  });

  it('refuses a table that is not a list, and rows that are not objects', () => {
    expect(check(items, { items: { name: '打印纸' } }).problems).toEqual({ 'form.items': 'flow.value_rows' });
    expect(check(items, { items: [{ name: '打印纸', quantity: 1 }, 'row', null] }).problems).toEqual({
      'form.items[1]': 'flow.value_rows',
      'form.items[2]': 'flow.value_rows',
    });
    expect(check(items, { items: [['打印纸', 1]] }).problems).toEqual({ 'form.items[0]': 'flow.value_rows', 'form.items': 'flow.value_required' });
  });

  it('a required table needs a row in a submission', () => {
    expect(check(items, { items: [] }).problems).toEqual({ 'form.items': 'flow.value_required' });
    expect(check(items, {}, false).problems).toEqual({});
  });
});

describe('the form as a whole', () => {
  const fields: FieldInput[] = [
    { key: 'title', label: '标题', type: 'text', required: true },
    { key: 'amount', label: '金额', type: 'money', required: true },
    { key: 'kind', label: '类别', type: 'select', required: true, options: [{ value: 'goods', label: '货物' }] },
    { key: 'note', label: '备注', type: 'textarea' },
  ];

  it('a field the form does not have', () => {
    expect(check(fields, { title: '采购', amount: 1, kind: 'goods', colour: 'red' }).problems).toEqual({ 'form.colour': 'flow.value_unknown_field' });
    expect(check(fields, { colour: 'red' }, false).problems).toEqual({ 'form.colour': 'flow.value_unknown_field' });
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty text', ''],
    ['an empty list', []],
  ])('a submission needs its required fields: %s is missing', (_, empty) => {
    expect(check(fields, { title: empty, amount: 1, kind: 'goods' }).problems).toEqual({ 'form.title': 'flow.value_required' });
  });

  it('a draft may leave required fields empty, and what is empty is left out', () => {
    const result = check(fields, { title: '', amount: null, note: '稍后补充' }, false);
    expect(result.problems).toEqual({});
    expect(result.values).toEqual({ note: '稍后补充' });
  });

  it('a draft is still checked for what it holds', () => {
    expect(check(fields, { amount: '1.234' }, false).problems).toEqual({ 'form.amount': 'flow.value_money' });
  });

  it('an optional field may stay empty in a submission', () => {
    const result = check(fields, { title: '采购', amount: 10, kind: 'goods', note: '' });
    expect(result.problems).toEqual({});
    expect(result.values).toEqual({ title: '采购', amount: 10, kind: 'goods' });
  });

  // A field key may be `constructor`, `toString` or `valueOf` (the contract's key pattern allows them): values are
  // read as the form's own properties, never Object.prototype's.
  it('a field named like an Object method is empty when the input does not have it', () => {
    const form = [{ key: 'constructor', label: '施工方', type: 'text' } as const];
    expect(check(form, {}, false).problems).toEqual({});
  });
});

describe('referencesOf', () => {
  it('collects the users, departments and files a form refers to, in tables too', () => {
    const form = formOf(
      { key: 'reviewer', label: '复核人', type: 'user' },
      { key: 'members', label: '参与人', type: 'user', multiple: true },
      { key: 'dept', label: '部门', type: 'department' },
      { key: 'files', label: '附件', type: 'attachment' },
      { key: 'title', label: '标题', type: 'text' },
      {
        key: 'trips',
        label: '行程',
        type: 'table',
        columns: [
          { key: 'traveller', label: '出行人', type: 'user' },
          { key: 'receipt', label: '票据', type: 'attachment' },
          { key: 'city', label: '城市', type: 'text' },
        ],
      },
    );
    const { values, problems } = checkFormValues(
      form,
      {
        reviewer: uuid(1),
        members: [uuid(2), uuid(1)],
        dept: uuid(10),
        files: [uuid(20)],
        title: uuid(99),
        trips: [{ traveller: uuid(3), receipt: [uuid(21), uuid(20)], city: '成都' }, { city: '重庆' }],
      },
      true,
    );
    expect(problems).toEqual({});
    const refs = referencesOf(form, values);
    expect([...refs.users].sort()).toEqual([uuid(1), uuid(2), uuid(3)]);
    expect([...refs.departments]).toEqual([uuid(10)]);
    expect([...refs.files].sort()).toEqual([uuid(20), uuid(21)]);
  });

  it('an empty form refers to nothing', () => {
    const form = formOf({ key: 'reviewer', label: '复核人', type: 'user' }, { key: 'trips', label: '行程', type: 'table', columns: [{ key: 'traveller', label: '出行人', type: 'user' }] });
    const refs = referencesOf(form, {});
    expect([refs.users.size, refs.departments.size, refs.files.size]).toEqual([0, 0, 0]);
  });
});
