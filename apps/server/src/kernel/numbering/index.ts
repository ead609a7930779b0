/**
 * Numbering (K10): rules such as `{DEPT}{YYYY}{SEQ:3}`, one gap-free sequence per scope, numbers issued inside the
 * caller's transaction and voided numbers kept for ever. A library for other areas; routes and UI come with the
 * documents module.
 */
import './actions.ts';

export { assignNumber, calendarOf, voidIssuedNumber, type AssignNumberInput, type VoidNumberInput } from './assign.ts';
export { voidNumber } from './commands.ts';
export { checkRule, formatNumber, parseRule, scopeOf, type NumberValues, type ParsedRule } from './rule.ts';
