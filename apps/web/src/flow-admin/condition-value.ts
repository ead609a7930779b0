/**
 * The value of a branch condition is typed by the form field it reads: a number for amounts, one of the options for a
 * select, a date for dates, a list for `in`, nothing for `empty` / `not_empty`. Fields without a comparable value
 * (people, files, tables) can only be tested for being filled in.
 */
import type { Condition, ConditionOp, FormField } from '@henji/contracts';

export type ConditionValueKind = 'none' | 'number' | 'text' | 'option' | 'date' | 'numberList' | 'optionList' | 'textList';

const PRESENCE: readonly ConditionOp[] = ['empty', 'not_empty'];
const ORDERED: readonly ConditionOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', ...PRESENCE];
const EQUALITY: readonly ConditionOp[] = ['eq', 'neq', 'in', ...PRESENCE];

/** The operators that make sense for a field. */
export function opsFor(field: FormField | undefined): readonly ConditionOp[] {
  switch (field?.type) {
    case 'number':
    case 'money':
    case 'date':
      return ORDERED;
    case 'text':
    case 'textarea':
    case 'select':
      return EQUALITY;
    case undefined:
      return ORDERED;
    default:
      return PRESENCE;
  }
}

export function conditionValueKind(field: FormField | undefined, op: ConditionOp): ConditionValueKind {
  if (PRESENCE.includes(op)) return 'none';
  const list = op === 'in';
  switch (field?.type) {
    case 'number':
    case 'money':
      return list ? 'numberList' : 'number';
    case 'select':
      return list ? 'optionList' : 'option';
    case 'date':
      return list ? 'textList' : 'date';
    default:
      return list ? 'textList' : 'text';
  }
}

type Value = Condition['value'];

/** The value kept when the field or operator changes: the old one if it still fits the new kind, else none. */
export function fitValue(value: Value, kind: ConditionValueKind): Value {
  switch (kind) {
    case 'none':
      return undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'text':
    case 'option':
    case 'date':
      return typeof value === 'string' ? value : undefined;
    case 'numberList':
      return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : typeof value === 'number' ? [value] : [];
    case 'optionList':
    case 'textList':
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' && value ? [value] : [];
  }
}

/** A condition pointed at another field or operator, with its value made to fit. */
export function changeCondition(condition: Condition, change: Partial<Pick<Condition, 'field' | 'op'>>, fields: readonly FormField[]): Condition {
  const next = { ...condition, ...change };
  const field = fields.find((f) => f.key === next.field);
  if (!opsFor(field).includes(next.op)) next.op = opsFor(field)[0] ?? 'not_empty';
  const value = fitValue(next.value, conditionValueKind(field, next.op));
  const out: Condition = { field: next.field, op: next.op };
  if (value !== undefined) out.value = value;
  return out;
}
