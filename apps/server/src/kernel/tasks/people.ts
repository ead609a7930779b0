/** The people the T2 rules name: the responsible department's head and a person's supervisor (汇报关系). */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { departments, positions, users } from '../org/schema.ts';

/** 部门负责人 of one department: its named head if active, else an active member holding the head or director position. */
export async function departmentHeadOf(q: Queryable, departmentId: string | null): Promise<string | null> {
  if (!departmentId) return null;
  const [dept] = await q.select({ headUserId: departments.headUserId }).from(departments).where(eq(departments.id, departmentId));
  if (!dept) return null;
  if (dept.headUserId) {
    const [head] = await q.select({ id: users.id }).from(users).where(and(eq(users.id, dept.headUserId), eq(users.status, 'active')));
    if (head) return head.id;
  }
  const [holder] = await q
    .select({ id: users.id })
    .from(users)
    .innerJoin(positions, eq(positions.id, users.positionId))
    .where(and(eq(users.departmentId, departmentId), eq(users.status, 'active'), inArray(positions.code, ['head', 'director'])))
    .orderBy(desc(positions.rank), asc(users.username))
    .limit(1);
  return holder?.id ?? null;
}

export async function supervisorOf(q: Queryable, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await q.select({ managerId: users.managerId }).from(users).where(eq(users.id, userId));
  return row?.managerId ?? null;
}

export async function activeUser(q: Queryable, userId: string): Promise<{ id: string; departmentId: string | null; displayName: string } | null> {
  const [row] = await q
    .select({ id: users.id, departmentId: users.departmentId, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')));
  return row ?? null;
}

export async function displayNameOf(q: Queryable, userId: string | null): Promise<string> {
  if (!userId) return '';
  const [row] = await q.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? '';
}
