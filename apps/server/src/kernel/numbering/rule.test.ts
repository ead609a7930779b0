import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { render } from '../messages.ts';
import { calendarOf } from './assign.ts';
import { checkRule, formatNumber, parseRule, scopeOf } from './rule.ts';

const problem = (rule: string) => {
  const checked = checkRule(rule);
  return 'key' in checked ? { key: checked.key, zh: render('zh-CN', checked), en: render('en-US', checked) } : null;
};

/** The English field messages of the validation error a call throws. */
function fieldError(call: () => unknown): Record<string, string> {
  try {
    call();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return Object.fromEntries(Object.entries(error.details?.fields ?? {}).map(([field, [m]]) => [field, render('en-US', m!)]));
  }
  throw new Error('no error was thrown');
}

describe('numbering rules', () => {
  it('formats the example of the specification', () => {
    expect(formatNumber('{DEPT}{YYYY}{SEQ:3}', { dept: 'HR', year: 2023, seq: 1 })).toBe('HR2023001');
  });

  it.each([
    ['{DEPT}-{YY}{MM}-{SEQ:4}', { dept: 'FIN', year: 2026, month: 3, seq: 42 }, 'FIN-2603-0042'],
    ['川{DEPT}〔{YYYY}〕{SEQ}号', { dept: 'ZB', year: 2026, seq: 12 }, '川ZB〔2026〕12号'],
    ['{TYPE}{YYYY}{SEQ:2}', { type: '合同', year: 2026, seq: 7 }, '合同202607'],
    ['No.{SEQ:6}', { year: 2026, seq: 123 }, 'No.000123'],
    ['{YY}{SEQ:1}', { year: 2007, seq: 3 }, '073'],
  ])('%s', (rule, values, number) => {
    expect(formatNumber(rule, values)).toBe(number);
  });

  it('grows past the width rather than wrapping, so no number repeats', () => {
    expect(formatNumber('{SEQ:3}', { year: 2026, seq: 999 })).toBe('999');
    expect(formatNumber('{SEQ:3}', { year: 2026, seq: 1000 })).toBe('1000');
  });

  it('keeps one scope per department and year, the sequence left as written', () => {
    const rule = parseRule('{DEPT}{YYYY}{SEQ:3}');
    expect(scopeOf(rule, { dept: 'HR', year: 2026 })).toBe('HR2026{SEQ:3}');
    expect(scopeOf(rule, { dept: 'HR', year: 2027 })).not.toBe(scopeOf(rule, { dept: 'HR', year: 2026 }));
    expect(scopeOf(rule, { dept: 'FIN', year: 2026 })).not.toBe(scopeOf(rule, { dept: 'HR', year: 2026 }));
    // A monthly rule restarts every month; a rule without a year never restarts.
    expect(scopeOf('{YYYY}{MM}{SEQ:3}', { year: 2026, month: 4 })).toBe('202604{SEQ:3}');
    expect(scopeOf('INV{SEQ}', { year: 2026 })).toBe('INV{SEQ}');
  });

  it.each([
    ['', 'numbering.rule_empty'],
    ['{DEPT}{YYYY}', 'numbering.rule_no_seq'],
    ['{SEQ:3}{SEQ:3}', 'numbering.rule_two_seq'],
    ['{DEPT{SEQ:3}', 'numbering.rule_unclosed'],
    ['{DEPT}{SEQ:3', 'numbering.rule_unclosed'],
    ['{DEPT}}{SEQ:3}', 'numbering.rule_stray_brace'],
    ['{DEPARTMENT}{SEQ:3}', 'numbering.rule_unknown_placeholder'],
    ['{dept}{SEQ:3}', 'numbering.rule_unknown_placeholder'],
    ['{}{SEQ:3}', 'numbering.rule_unknown_placeholder'],
    ['{SEQ:0}', 'numbering.rule_seq_width'],
    ['{SEQ:13}', 'numbering.rule_seq_width'],
    ['{SEQ:x}', 'numbering.rule_seq_width'],
    ['A\n{SEQ:3}', 'numbering.rule_control_characters'],
    [`${'A'.repeat(100)}{SEQ}`, 'numbering.rule_too_long'],
  ])('rejects %j', (rule, key) => {
    expect(problem(rule)?.key).toBe(key);
  });

  it('says precisely what is wrong and where, in both languages', () => {
    expect(problem('{DEPT}-{YEAR}-{SEQ:3}')).toMatchObject({
      zh: '编号规则中的占位符 {YEAR} 无法识别；可用的占位符：{DEPT} {TYPE} {YYYY} {YY} {MM} {SEQ:n}',
      en: 'unknown placeholder {YEAR} in the numbering rule; known placeholders: {DEPT} {TYPE} {YYYY} {YY} {MM} {SEQ:n}',
    });
    expect(problem('AB}{SEQ}')?.en).toBe('stray closing brace at character 3 of the numbering rule');
    expect(problem('{SEQ:20}')?.zh).toBe('流水号位数须为 1 到 12，规则中为 {SEQ:20}');
  });

  it('parseRule throws a validation error on the rule field', () => {
    const attempt = () => parseRule('{NOPE}{SEQ}');
    expect(attempt).toThrow(DomainError);
    try {
      attempt();
    } catch (error) {
      expect((error as DomainError).code).toBe('validation_failed');
      expect(Object.keys((error as DomainError).details?.fields ?? {})).toEqual(['rule']);
    }
  });

  it('needs a value for every placeholder the rule uses, and refuses values that would blur the scope', () => {
    expect(fieldError(() => formatNumber('{DEPT}{SEQ}', { year: 2026, seq: 1 }))).toEqual({
      dept: 'the numbering rule uses {DEPT} but no value was given for it',
    });
    expect(fieldError(() => formatNumber('{TYPE}{SEQ}', { type: '  ', year: 2026, seq: 1 }))).toEqual({
      type: 'the value of {TYPE} must not be empty or contain braces or control characters',
    });
    expect(Object.keys(fieldError(() => formatNumber('{DEPT}{SEQ}', { dept: '{SEQ}', year: 2026, seq: 1 })))).toEqual(['dept']);
    expect(fieldError(() => formatNumber('{MM}{SEQ}', { year: 2026, seq: 1 }))).toEqual({
      month: 'the numbering rule uses {MM} but no value was given for it',
    });
    expect(() => formatNumber('{SEQ}', { year: 2026, seq: 0 })).toThrow(RangeError);
  });

  it('takes year and month from the Beijing calendar', () => {
    // 2025-12-31 16:30 UTC is already 1 January 2026 in Beijing.
    expect(calendarOf(new Date('2025-12-31T16:30:00Z'))).toEqual({ year: 2026, month: 1 });
    expect(calendarOf(new Date('2025-12-31T15:59:59Z'))).toEqual({ year: 2025, month: 12 });
  });
});
