/** Voiding a number as a command of its own, for when no other command of the subject's module does it. */
import { authorize } from '../access/policy.ts';
import { defineCommand } from '../command.ts';
import { notFound } from '../errors.ts';
import { loadSubject } from '../ledger/subjects.ts';
import { findIssuedNumber, voidIssuedNumber, type VoidNumberInput } from './assign.ts';

/**
 * Voids an issued number. Whoever may update the subject the number was issued for may void it; whoever may not even
 * read that subject is told the number does not exist.
 */
export const voidNumber = defineCommand('numbering.voidNumber', async (ctx, input: VoidNumberInput) => {
  const issued = await findIssuedNumber(ctx, input.number);
  if (!issued) throw notFound('issued_number');
  if (ctx.actor.kind === 'user') {
    const subject = await loadSubject(ctx.tx, issued.subjectType, issued.subjectId);
    if (subject === null) throw notFound('issued_number');
    authorize(ctx.actor, 'update', issued.subjectType, subject, 'issued_number');
  }
  return voidIssuedNumber(ctx, input);
});
