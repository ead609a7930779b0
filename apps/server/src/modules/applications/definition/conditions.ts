/** Evaluating condition branches (条件分支) on form values; the publish check has made sure types match. */
import type { Condition, ConditionNode } from '@henji/contracts';
import { isEmpty, own } from './form-values.ts';

export function holds(condition: Condition, form: Record<string, unknown>): boolean {
  const value = own(form, condition.field);
  const target = condition.value;
  switch (condition.op) {
    case 'empty':
      return isEmpty(value);
    case 'not_empty':
      return !isEmpty(value);
    case 'in':
      return (Array.isArray(target) ? target : [target]).some((t) => (Array.isArray(value) ? value.includes(t) : value === t));
    case 'eq':
      return Array.isArray(value) ? value.includes(target) : value === target;
    case 'neq':
      return Array.isArray(value) ? !value.includes(target) : value !== target;
    default: {
      // Ordered comparisons on numbers, money and ISO dates (which compare as strings).
      if (isEmpty(value) || target === undefined || Array.isArray(target)) return false;
      const [a, b] = typeof value === 'number' && typeof target === 'number' ? [value, target] : [String(value), String(target)];
      if (condition.op === 'gt') return a > b;
      if (condition.op === 'gte') return a >= b;
      if (condition.op === 'lt') return a < b;
      return a <= b;
    }
  }
}

/** The node a condition node leads to: the first branch whose conditions all hold, else `otherwise`. */
export function chooseBranch(node: ConditionNode, form: Record<string, unknown>): { next: string; branch: number | null } {
  const index = node.branches.findIndex((b) => b.when.every((c) => holds(c, form)));
  return index >= 0 ? { next: node.branches[index]!.next, branch: index } : { next: node.otherwise, branch: null };
}
