/** Reference checks shared by the organisation commands: the named objects exist and the trees stay trees. */
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { invalid } from '../errors.ts';
import { msg } from '../messages.ts';
import { departments, positions, roles, users } from './schema.ts';

export async function assertDepartmentExists(tx: Tx, id: string | null | undefined, field = 'departmentId') {
  if (!id) return;
  const [row] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
  if (!row) throw invalid({ [field]: msg('org.no_such_department') });
}

export async function assertUserExists(tx: Tx, id: string | null | undefined, field: string) {
  if (!id) return;
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.id, id));
  if (!row) throw invalid({ [field]: msg('org.no_such_user') });
}

export async function assertPositionExists(tx: Tx, id: string | null | undefined) {
  if (!id) return;
  const [row] = await tx.select({ id: positions.id }).from(positions).where(eq(positions.id, id));
  if (!row) throw invalid({ positionId: msg('org.no_such_position') });
}

/** Resolves role codes to ids; unknown codes are a field error. */
export async function roleIdsOf(tx: Tx, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await tx.select({ id: roles.id, code: roles.code }).from(roles).where(inArray(roles.code, [...codes]));
  const found = new Map(rows.map((r) => [r.code, r.id]));
  const unknown = codes.filter((c) => !found.has(c));
  if (unknown.length) throw invalid({ roles: msg('org.unknown_roles', { roles: unknown }) });
  return found;
}

/** Would making `parentId` the parent of `id` put `id` above itself? */
export async function assertNoDepartmentCycle(tx: Tx, id: string, parentId: string | null | undefined) {
  if (!parentId) return;
  if (parentId === id) throw invalid({ parentId: msg('org.department_own_parent') });
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive up(id, parent_id) as (
          select id, parent_id from departments where id = ${parentId}
          union select d.id, d.parent_id from departments d join up on d.id = up.parent_id)
        select id from up where id = ${id}`,
  );
  if (rows.length > 0) throw invalid({ parentId: msg('org.department_cycle') });
}

/** Reporting lines must not loop: the new manager must not report (directly or not) to the user. */
export async function assertNoReportingCycle(tx: Tx, userId: string, managerId: string | null | undefined) {
  if (!managerId) return;
  if (managerId === userId) throw invalid({ managerId: msg('org.report_to_self') });
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive up(id, manager_id) as (
          select id, manager_id from users where id = ${managerId}
          union select u.id, u.manager_id from users u join up on u.id = up.manager_id)
        select id from up where id = ${userId}`,
  );
  if (rows.length > 0) throw invalid({ managerId: msg('org.reporting_cycle') });
}
