import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountInFigures, amountInWords } from './amount-words.ts';

describe('大写金额', () => {
  it.each([
    [50000, '伍万元整'],
    [12345.67, '壹万贰仟叁佰肆拾伍元陆角柒分'],
    [100005, '壹拾万零伍元整'],
    [0.5, '伍角'],
    [0.05, '伍分'],
    [0, '零元整'],
    [1, '壹元整'],
    [10, '壹拾元整'],
    [1.05, '壹元零伍分'],
    [1.5, '壹元伍角'],
    [10010, '壹万零壹拾元整'],
    [1000000, '壹佰万元整'],
    [1000500, '壹佰万零伍佰元整'],
    [100010000, '壹亿零壹万元整'],
    [100000000, '壹亿元整'],
    [20000, '贰万元整'],
    [1680.32, '壹仟陆佰捌拾元叁角贰分'],
    [105000, '壹拾万伍仟元整'],
    [-3.2, '负叁元贰角'],
    ['12,345.675', '壹万贰仟叁佰肆拾伍元陆角捌分'],
    ['0.004', '零元整'],
  ])('%s → %s', (amount, words) => {
    expect(amountInWords(amount)).toBe(words);
  });

  it('refuses what is not an amount, and amounts from 壹万亿 up', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'abc', '1.2.3', '', 1e12]) expect(() => amountInWords(bad)).toThrow(RangeError);
    expect(amountInWords(999999999999.99)).toBe('玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
  });

  it('never writes two 零 in a row, nor 零 before a unit or at the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, fen) => {
        const words = amountInWords(`${yuan}.${String(fen).padStart(2, '0')}`);
        expect(words).not.toMatch(/零零|零[元万亿整角]|零$/);
        expect(words).toMatch(/(整|角|分)$/);
      }),
    );
  });
});

describe('amounts in figures', () => {
  it.each([
    [50000, '¥50,000.00'],
    [12345.67, '¥12,345.67'],
    [0.5, '¥0.50'],
    [1234567.891, '¥1,234,567.89'],
  ])('%s → %s', (amount, figures) => {
    expect(amountInFigures(amount)).toBe(figures);
  });
});
