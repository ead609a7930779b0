/** Positions (岗位) and roles (角色): small catalogues administrators extend; built-in codes never change. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { CreatePositionInput, CreateRoleInput, UpdatePositionInput, UpdateRoleInput } from '@henji/contracts';
import { authorize, requirePermission } from '../../access/policy.ts';
import { defineCommand } from '../../command.ts';
import { invalid, notFound } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { diffOf } from '../../ledger/append.ts';
import { positions, roles } from '../schema.ts';

export const createPosition = defineCommand(
  'org.createPosition',
  async (ctx, input: z.infer<typeof CreatePositionInput> & { builtin?: boolean }) => {
    requirePermission(ctx.actor, 'org.manage');
    const [clash] = await ctx.tx.select({ id: positions.id }).from(positions).where(eq(positions.code, input.code));
    if (clash) throw invalid({ code: msg('org.position_code_taken', { code: input.code }) });
    const [row] = await ctx.tx
      .insert(positions)
      .values({ id: randomUUID(), code: input.code, name: input.name, rank: input.rank, builtin: input.builtin ?? false })
      .returning();
    await ctx.trace({
      action: 'position.create',
      subjectType: 'position',
      subjectId: row!.id,
      diff: diffOf(null, row!, ['code', 'name', 'rank', 'builtin']),
    });
    return row!;
  },
);

export const updatePosition = defineCommand(
  'org.updatePosition',
  async (ctx, { id, changes }: { id: string; changes: z.infer<typeof UpdatePositionInput> }) => {
    const [before] = await ctx.tx.select().from(positions).where(eq(positions.id, id)).for('update');
    if (!before) throw notFound('position');
    authorize(ctx.actor, 'update', 'position', before);
    const diff = diffOf(before, changes, ['name', 'rank']);
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx.update(positions).set(changes).where(eq(positions.id, id)).returning();
    await ctx.trace({ action: 'position.update', subjectType: 'position', subjectId: id, diff });
    return after!;
  },
);

export const createRole = defineCommand(
  'org.createRole',
  async (ctx, input: z.infer<typeof CreateRoleInput> & { builtin?: boolean }) => {
    requirePermission(ctx.actor, 'org.manage');
    const [clash] = await ctx.tx.select({ id: roles.id }).from(roles).where(eq(roles.code, input.code));
    if (clash) throw invalid({ code: msg('org.role_code_taken', { code: input.code }) });
    const [row] = await ctx.tx
      .insert(roles)
      .values({
        id: randomUUID(),
        code: input.code,
        name: input.name,
        description: input.description,
        builtin: input.builtin ?? false,
      })
      .returning();
    await ctx.trace({
      action: 'role.create',
      subjectType: 'role',
      subjectId: row!.id,
      diff: diffOf(null, row!, ['code', 'name', 'description', 'builtin']),
    });
    return row!;
  },
);

export const updateRole = defineCommand(
  'org.updateRole',
  async (ctx, { id, changes }: { id: string; changes: z.infer<typeof UpdateRoleInput> }) => {
    const [before] = await ctx.tx.select().from(roles).where(eq(roles.id, id)).for('update');
    if (!before) throw notFound('role');
    authorize(ctx.actor, 'update', 'role', before);
    const diff = diffOf(before, changes, ['name', 'description']);
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx.update(roles).set(changes).where(eq(roles.id, id)).returning();
    await ctx.trace({ action: 'role.update', subjectType: 'role', subjectId: id, diff });
    return after!;
  },
);
