/** 代理 (F4): out-of-office delegation by date range and scope, set by the principal, their supervisor or an admin. */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { CreateDelegationInput } from '@henji/contracts';
import { authorize } from '../../access/policy.ts';
import { defineCommand } from '../../command.ts';
import { conflict, invalid, notFound } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { diffOf } from '../../ledger/append.ts';
import { delegationSubject } from '../queries.ts';
import { delegations, users } from '../schema.ts';

export const createDelegation = defineCommand('org.createDelegation', async (ctx, input: CreateDelegationInput) => {
  const [principal] = await ctx.tx.select().from(users).where(eq(users.id, input.principalId));
  if (!principal) throw invalid({ principalId: msg('org.no_such_user') });
  authorize(ctx.actor, 'delegate', 'user', principal);
  const [delegate] = await ctx.tx.select().from(users).where(eq(users.id, input.delegateId));
  if (!delegate || delegate.status !== 'active') throw invalid({ delegateId: msg('org.delegate_inactive') });
  const [overlap] = await ctx.tx
    .select({ id: delegations.id })
    .from(delegations)
    .where(
      and(
        eq(delegations.principalId, input.principalId),
        eq(delegations.delegateId, input.delegateId),
        sql`${delegations.revokedAt} is null and ${delegations.startsOn} <= ${input.endsOn} and ${delegations.endsOn} >= ${input.startsOn}`,
      ),
    );
  if (overlap) throw conflict(msg('org.delegation_overlap'), { delegationId: overlap.id });
  const [row] = await ctx.tx
    .insert(delegations)
    .values({
      id: randomUUID(),
      principalId: input.principalId,
      delegateId: input.delegateId,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      scope: input.scope,
      reason: input.reason,
      createdById: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      createdAt: ctx.now,
    })
    .returning();
  await ctx.trace({
    action: 'delegation.create',
    subjectType: 'delegation',
    subjectId: row!.id,
    diff: diffOf(null, row!, ['principalId', 'delegateId', 'startsOn', 'endsOn', 'scope', 'reason']),
  });
  return row!;
});

export const revokeDelegation = defineCommand(
  'org.revokeDelegation',
  async (ctx, { id, reason }: { id: string; reason?: string | undefined }) => {
    const [row] = await ctx.tx.select().from(delegations).where(eq(delegations.id, id)).for('update');
    if (!row) throw notFound('delegation');
    authorize(ctx.actor, 'revoke', 'delegation', await delegationSubject(ctx.tx, row), 'delegation');
    await ctx.tx.update(delegations).set({ revokedAt: ctx.now }).where(eq(delegations.id, id));
    await ctx.trace({
      action: 'delegation.revoke',
      subjectType: 'delegation',
      subjectId: id,
      diff: { revokedAt: { before: null, after: ctx.now.toISOString() } },
      comment: reason ?? null,
    });
  },
);
