import { eq } from 'drizzle-orm';
import type { UpdateUserInput } from '@henji/contracts';
import { authorize } from '../../access/policy.ts';
import { defineCommand } from '../../command.ts';
import { notFound } from '../../errors.ts';
import { diffOf } from '../../ledger/append.ts';
import { roles, userRoles, users } from '../schema.ts';
import { assertDepartmentExists, assertNoReportingCycle, assertPositionExists, assertUserExists, roleIdsOf } from '../validate.ts';
import { USER_FIELDS } from './create-user.ts';

export const updateUser = defineCommand(
  'org.updateUser',
  async (ctx, { id, changes }: { id: string; changes: UpdateUserInput }) => {
    const [before] = await ctx.tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw notFound('user');
    authorize(ctx.actor, 'update', 'user', before);
    await assertDepartmentExists(ctx.tx, changes.departmentId);
    await assertPositionExists(ctx.tx, changes.positionId);
    await assertUserExists(ctx.tx, changes.managerId, 'managerId');
    await assertNoReportingCycle(ctx.tx, id, changes.managerId);
    const { roles: newRoles, ...fields } = changes;
    const diff = diffOf(before, fields, USER_FIELDS);

    if (newRoles !== undefined) {
      const current = (
        await ctx.tx
          .select({ code: roles.code })
          .from(userRoles)
          .innerJoin(roles, eq(roles.id, userRoles.roleId))
          .where(eq(userRoles.userId, id))
      )
        .map((r) => r.code)
        .sort();
      const wanted = [...new Set(newRoles)].sort();
      if (current.join() !== wanted.join()) {
        const roleIds = await roleIdsOf(ctx.tx, wanted);
        await ctx.tx.delete(userRoles).where(eq(userRoles.userId, id));
        if (roleIds.size) await ctx.tx.insert(userRoles).values([...roleIds.values()].map((roleId) => ({ userId: id, roleId })));
        diff.roles = { before: current, after: wanted };
      }
    }
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx
      .update(users)
      .set({ ...fields, updatedAt: ctx.now })
      .where(eq(users.id, id))
      .returning();
    await ctx.trace({ action: 'user.update', subjectType: 'user', subjectId: id, diff });
    return after!;
  },
);
