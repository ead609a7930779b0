/**
 * Recurring meetings' rules (RFC 5545 RRULE): `@henji/contracts/recurrence`, zod-free, used by the server to
 * materialise a series and by the web form to check, describe and preview a rule.
 */
export * from './recurrence-rule.ts';
export * from './recurrence-expand.ts';
export * from './recurrence-describe.ts';
