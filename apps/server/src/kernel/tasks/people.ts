/** People as tracked tasks need them: an active user to own or assign a task, and a name for a notice. */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import { users } from '../org/schema.ts';

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
