/**
 * Numbering rules (K10): `{DEPT}{YYYY}{SEQ:3}` → `HR2023001`, `川{DEPT}〔{YYYY}〕{SEQ}号` → `川HR〔2026〕12号`.
 *
 *   {DEPT}   the department's code          {YYYY} the four-digit year   {YY} its last two digits
 *   {TYPE}   a kind given by the caller     {MM}   the two-digit month
 *   {SEQ:n}  the sequence, zero-padded to n digits (1 ≤ n ≤ 12; {SEQ} pads nothing); it grows past n digits rather
 *            than wrap, so a number is never issued twice
 *
 * Any other text is kept as written, except braces and control characters. Pure functions, unit-tested.
 */
import { sql, type SQL } from 'drizzle-orm';
import { invalid } from '../errors.ts';
import { msg, type Message } from '../messages.ts';

export type RulePart =
  | { kind: 'literal'; text: string }
  | { kind: 'DEPT' | 'TYPE' | 'YYYY' | 'YY' | 'MM' }
  | { kind: 'SEQ'; width: number };

export interface ParsedRule {
  source: string;
  parts: readonly RulePart[];
}

export const MAX_RULE_LENGTH = 100;
export const MAX_SEQ_WIDTH = 12;
const FIELDS = ['DEPT', 'TYPE', 'YYYY', 'YY', 'MM'] as const;
const KNOWN = '{DEPT} {TYPE} {YYYY} {YY} {MM} {SEQ:n}';
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a rule is not valid, or the parsed rule. */
export function checkRule(rule: string): ParsedRule | Message {
  if (rule.length === 0) return msg('numbering.rule_empty');
  if (rule.length > MAX_RULE_LENGTH) return msg('numbering.rule_too_long', { max: MAX_RULE_LENGTH });
  if (CONTROL.test(rule)) return msg('numbering.rule_control_characters');
  const parts: RulePart[] = [];
  let literal = '';
  let i = 0;
  while (i < rule.length) {
    const c = rule[i]!;
    if (c === '}') return msg('numbering.rule_stray_brace', { position: i + 1 });
    if (c !== '{') {
      literal += c;
      i++;
      continue;
    }
    const close = rule.indexOf('}', i);
    const nextOpen = rule.indexOf('{', i + 1);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) return msg('numbering.rule_unclosed', { position: i + 1 });
    const placeholder = rule.slice(i, close + 1);
    const part = placeholderPart(rule.slice(i + 1, close));
    if (part === null) return msg('numbering.rule_unknown_placeholder', { placeholder, known: KNOWN });
    if (part.kind === 'SEQ' && (part.width < 0 || part.width > MAX_SEQ_WIDTH)) {
      return msg('numbering.rule_seq_width', { max: MAX_SEQ_WIDTH, placeholder });
    }
    if (literal) parts.push({ kind: 'literal', text: literal });
    literal = '';
    parts.push(part);
    i = close + 1;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  const sequences = parts.filter((p) => p.kind === 'SEQ').length;
  if (sequences === 0) return msg('numbering.rule_no_seq', { example: '{SEQ:3}' });
  if (sequences > 1) return msg('numbering.rule_two_seq');
  return { source: rule, parts };
}

/** A placeholder's part; a SEQ width out of range is returned as is (negative for a width that is not a number). */
function placeholderPart(name: string): RulePart | null {
  const field = FIELDS.find((f) => f === name);
  if (field) return { kind: field };
  if (name === 'SEQ') return { kind: 'SEQ', width: 0 };
  const seq = /^SEQ:(\d{1,3})$/.exec(name);
  if (seq) return { kind: 'SEQ', width: Number(seq[1]) === 0 ? -1 : Number(seq[1]) };
  return /^SEQ:/.test(name) ? { kind: 'SEQ', width: -1 } : null;
}

/** Parses a rule or throws a validation error on `field` (default `rule`) that says exactly what is wrong. */
export function parseRule(rule: string, field = 'rule'): ParsedRule {
  const checked = checkRule(rule);
  if ('key' in checked) throw invalid({ [field]: checked });
  return checked;
}

export interface NumberValues {
  dept?: string | null;
  type?: string | null;
  year: number;
  /** 1–12; needed only by rules with {MM}. */
  month?: number;
  seq: number;
}

const VALUE_OK = (value: string) => value.trim() !== '' && !/[{}]/.test(value) && !CONTROL.test(value);

function fieldValue(kind: (typeof FIELDS)[number], values: Omit<NumberValues, 'seq'>): string {
  const named = (value: string | null | undefined, placeholder: string) => {
    if (value === undefined || value === null) throw invalid({ [kind.toLowerCase()]: msg('numbering.value_missing', { placeholder }) });
    if (!VALUE_OK(value)) throw invalid({ [kind.toLowerCase()]: msg('numbering.value_invalid', { placeholder }) });
    return value;
  };
  switch (kind) {
    case 'DEPT':
      return named(values.dept, '{DEPT}');
    case 'TYPE':
      return named(values.type, '{TYPE}');
    case 'YYYY':
      return String(values.year).padStart(4, '0');
    case 'YY':
      return String(values.year % 100).padStart(2, '0');
    case 'MM':
      if (values.month === undefined) throw invalid({ month: msg('numbering.value_missing', { placeholder: '{MM}' }) });
      return String(values.month).padStart(2, '0');
  }
}

/**
 * The sequence's scope: the rule with every placeholder but {SEQ} filled in (`HR2026{SEQ:3}`). The sequence restarts
 * whenever another part of the number changes — a new year, another department — and two rules that print numbers
 * the same way share it, so they cannot issue the same number twice.
 */
export function scopeOf(rule: string | ParsedRule, values: Omit<NumberValues, 'seq'>): string {
  const parsed = typeof rule === 'string' ? parseRule(rule) : rule;
  return parsed.parts
    .map((p) => (p.kind === 'literal' ? p.text : p.kind === 'SEQ' ? (p.width ? `{SEQ:${p.width}}` : '{SEQ}') : fieldValue(p.kind, values)))
    .join('');
}

/**
 * The number as an SQL expression over a sequence value `seq` (itself SQL): the same text `formatNumber` gives, so a
 * number can be issued and written where it belongs in the statement that takes the counter (assign.ts).
 */
export function numberSql(rule: ParsedRule, values: Omit<NumberValues, 'seq'>, seq: SQL): SQL {
  const text = sql`${seq}::text`;
  return sql.join(
    rule.parts.map((p) =>
      p.kind === 'literal'
        ? sql`${p.text}::text`
        : p.kind === 'SEQ'
          ? p.width
            ? sql`(case when length(${text}) >= ${p.width}::int then ${text} else lpad(${text}, ${p.width}::int, '0') end)`
            : text
          : sql`${fieldValue(p.kind, values)}::text`,
    ),
    sql` || `,
  );
}

export function formatNumber(rule: string | ParsedRule, values: NumberValues): string {
  const parsed = typeof rule === 'string' ? parseRule(rule) : rule;
  if (!Number.isSafeInteger(values.seq) || values.seq < 1) throw new RangeError(`sequence value ${values.seq} is not a positive integer`);
  return parsed.parts
    .map((p) => (p.kind === 'literal' ? p.text : p.kind === 'SEQ' ? String(values.seq).padStart(p.width, '0') : fieldValue(p.kind, values)))
    .join('');
}
