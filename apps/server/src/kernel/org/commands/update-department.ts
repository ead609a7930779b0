import { and, eq, ne } from 'drizzle-orm';
import type { UpdateDepartmentInput } from '@henji/contracts';
import { authorize } from '../../access/policy.ts';
import { defineCommand } from '../../command.ts';
import { invalid, notFound } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { diffOf } from '../../ledger/append.ts';
import { departments } from '../schema.ts';
import { assertDepartmentExists, assertNoDepartmentCycle, assertUserExists } from '../validate.ts';
import { DEPARTMENT_FIELDS } from './create-department.ts';

export const updateDepartment = defineCommand(
  'org.updateDepartment',
  async (ctx, { id, changes }: { id: string; changes: UpdateDepartmentInput }) => {
    const [before] = await ctx.tx.select().from(departments).where(eq(departments.id, id)).for('update');
    if (!before) throw notFound('department');
    authorize(ctx.actor, 'update', 'department', before);
    if (changes.code !== undefined && changes.code !== before.code) {
      const [clash] = await ctx.tx
        .select({ id: departments.id })
        .from(departments)
        .where(and(eq(departments.code, changes.code), ne(departments.id, id)));
      if (clash) throw invalid({ code: msg('org.department_code_taken', { code: changes.code }) });
    }
    await assertDepartmentExists(ctx.tx, changes.parentId, 'parentId');
    await assertNoDepartmentCycle(ctx.tx, id, changes.parentId);
    await assertUserExists(ctx.tx, changes.headUserId, 'headUserId');
    const diff = diffOf(before, changes, DEPARTMENT_FIELDS);
    if (Object.keys(diff).length === 0) return before;
    const [after] = await ctx.tx
      .update(departments)
      .set({ ...changes, updatedAt: ctx.now })
      .where(eq(departments.id, id))
      .returning();
    await ctx.trace({ action: 'department.update', subjectType: 'department', subjectId: id, diff });
    return after!;
  },
);
