import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CreateUserInput } from '@henji/contracts';
import type { Tx } from '../../../db/client.ts';
import { requirePermission } from '../../access/policy.ts';
import { defineCommand, type Ctx } from '../../command.ts';
import { invalid } from '../../errors.ts';
import { msg } from '../../messages.ts';
import { diffOf } from '../../ledger/append.ts';
import { hashPassword } from '../../auth/password.ts';
import { userRoles, users } from '../schema.ts';
import { assertDepartmentExists, assertPositionExists, assertUserExists, roleIdsOf } from '../validate.ts';

export const USER_FIELDS = [
  'username',
  'displayName',
  'email',
  'phone',
  'departmentId',
  'positionId',
  'managerId',
  'status',
  'locale',
] as const;

export async function assertUsernameFree(tx: Tx, username: string) {
  const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (clash) throw invalid({ username: msg('org.username_taken', { username }) });
}

/**
 * Inserts one user with roles and traces it; shared by the create command, the importer and the first start.
 * `mustChangePassword`: the password was generated or chosen by someone else, so the user must set their own first.
 */
export async function insertUser(ctx: Ctx, input: CreateUserInput, passwordHash: string | null, mustChangePassword = false) {
  await assertUsernameFree(ctx.tx, input.username);
  await assertDepartmentExists(ctx.tx, input.departmentId);
  await assertPositionExists(ctx.tx, input.positionId);
  await assertUserExists(ctx.tx, input.managerId, 'managerId');
  const roleIds = await roleIdsOf(ctx.tx, input.roles ?? []);
  const [row] = await ctx.tx
    .insert(users)
    .values({
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      departmentId: input.departmentId ?? null,
      positionId: input.positionId ?? null,
      managerId: input.managerId ?? null,
      locale: input.locale ?? 'zh-CN',
      passwordHash,
      mustChangePassword: passwordHash !== null && mustChangePassword,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (roleIds.size) await ctx.tx.insert(userRoles).values([...roleIds.values()].map((roleId) => ({ userId: row!.id, roleId })));
  await ctx.trace({
    action: 'user.create',
    subjectType: 'user',
    subjectId: row!.id,
    diff: {
      ...diffOf(null, row!, USER_FIELDS),
      ...(input.roles?.length ? { roles: { after: [...(input.roles ?? [])].sort() } } : {}),
      ...(passwordHash ? { password: { after: passwordHash } } : {}),
      ...(row!.mustChangePassword ? { mustChangePassword: { after: true } } : {}),
    },
    confidential: ['password'],
  });
  return row!;
}

/**
 * `passwordChosenByUser` is not part of the API's input (the request schema is strict): only Henji's own callers —
 * test factories, benchmarks — create people whose password is their own.
 */
export const createUser = defineCommand('org.createUser', async (ctx, input: CreateUserInput & { passwordChosenByUser?: boolean }) => {
  requirePermission(ctx.actor, 'org.manage');
  const { passwordChosenByUser = false, ...fields } = input;
  // A password an administrator typed for someone else is known to two people: the user must replace it.
  return insertUser(ctx, fields, fields.password ? await hashPassword(fields.password) : null, !passwordChosenByUser);
});
