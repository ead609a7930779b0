import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CreateDepartmentInput } from '@henji/contracts';
import { requirePermission } from '../../access/policy.ts';
import { defineCommand } from '../../command.ts';
import { diffOf } from '../../ledger/append.ts';
import { invalid } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { departments } from '../schema.ts';
import { assertDepartmentExists } from '../validate.ts';

export const DEPARTMENT_FIELDS = ['code', 'name', 'parentId', 'sortOrder', 'headUserId', 'active'] as const;

export const createDepartment = defineCommand('org.createDepartment', async (ctx, input: CreateDepartmentInput) => {
  requirePermission(ctx.actor, 'org.manage');
  await assertDepartmentExists(ctx.tx, input.parentId, 'parentId');
  const [clash] = await ctx.tx.select({ id: departments.id }).from(departments).where(eq(departments.code, input.code));
  if (clash) throw invalid({ code: msg('org.department_code_taken', { code: input.code }) });
  const [row] = await ctx.tx
    .insert(departments)
    .values({
      id: randomUUID(),
      code: input.code,
      name: input.name,
      parentId: input.parentId ?? null,
      sortOrder: input.sortOrder ?? 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await ctx.trace({
    action: 'department.create',
    subjectType: 'department',
    subjectId: row!.id,
    diff: diffOf(null, row!, DEPARTMENT_FIELDS),
  });
  return row!;
});
