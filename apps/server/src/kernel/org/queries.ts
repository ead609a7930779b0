/** Read side of the organisation: lists and single objects, presented with the caller's allowed actions. */
import type { z } from 'zod';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Delegation, Department, Position, Role, User, UserListQuery } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../actor.ts';
import { allowedActions, authorize, can } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { delegations, departments, positions, roles, userRoles, users } from './schema.ts';
import { now, todayInShanghai } from '../clock.ts';

type DepartmentRow = typeof departments.$inferSelect;

const distinctIds = (ids: Iterable<string | null | undefined>) => [...new Set([...ids].filter((id): id is string => typeof id === 'string'))];

/** Users' display names by id, for presenting what other areas list; one query, none when there is no id. */
export async function userNames(q: Queryable, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = distinctIds(ids);
  if (list.length === 0) return new Map();
  const rows = await q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Departments' names by id; one query, none when there is no id. */
export async function departmentNames(q: Queryable, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = distinctIds(ids);
  if (list.length === 0) return new Map();
  const rows = await q.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, list));
  return new Map(rows.map((r) => [r.id, r.name]));
}
type UserRow = typeof users.$inferSelect;
type DelegationRow = typeof delegations.$inferSelect;

const iso = (d: Date) => d.toISOString();

export function presentDepartment(actor: Actor, row: DepartmentRow, memberCount: number): Department {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parentId: row.parentId,
    sortOrder: row.sortOrder,
    headUserId: row.headUserId,
    active: row.active,
    memberCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    allowedActions: allowedActions(actor, 'department', row),
  };
}

export async function listDepartments(q: Queryable, actor: Actor): Promise<Department[]> {
  const rows = await q.select().from(departments).orderBy(asc(departments.sortOrder), asc(departments.code));
  const counts = await q
    .select({ departmentId: users.departmentId, n: count() })
    .from(users)
    .where(eq(users.status, 'active'))
    .groupBy(users.departmentId);
  const byDept = new Map(counts.map((c) => [c.departmentId, c.n]));
  return rows.map((row) => presentDepartment(actor, row, byDept.get(row.id) ?? 0));
}

export async function getDepartment(q: Queryable, actor: Actor, id: string): Promise<Department> {
  const [row] = await q.select().from(departments).where(eq(departments.id, id));
  if (!row) throw notFound('department');
  authorize(actor, 'read', 'department', row);
  const [members] = await q
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.departmentId, id), eq(users.status, 'active')));
  return presentDepartment(actor, row, members?.n ?? 0);
}

async function rolesOf(q: Queryable, userIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (userIds.length === 0) return out;
  const rows = await q
    .select({ userId: userRoles.userId, code: roles.code })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(roles.code));
  for (const row of rows) out.set(row.userId, [...(out.get(row.userId) ?? []), row.code]);
  return out;
}

export function presentUser(actor: Actor, row: UserRow, roleCodes: string[]): User {
  // A lock whose time has passed is no lock: neither shown nor offered to unlock.
  const lockedUntil = row.lockedUntil && row.lockedUntil > now() ? row.lockedUntil : null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    email: row.email,
    phone: row.phone,
    departmentId: row.departmentId,
    positionId: row.positionId,
    managerId: row.managerId,
    status: row.status,
    locale: row.locale,
    roles: roleCodes,
    lockedUntil: lockedUntil ? iso(lockedUntil) : null,
    mustChangePassword: row.mustChangePassword,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    allowedActions: allowedActions(actor, 'user', { ...row, lockedUntil }),
  };
}

export async function getUser(q: Queryable, actor: Actor, id: string): Promise<User> {
  const [row] = await q.select().from(users).where(eq(users.id, id));
  if (!row) throw notFound('user');
  authorize(actor, 'read', 'user', row);
  return presentUser(actor, row, (await rolesOf(q, [id])).get(id) ?? []);
}

export async function listUsers(q: Queryable, actor: Actor, query: z.infer<typeof UserListQuery>) {
  const filters: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(users.username, like), ilike(users.displayName, like), ilike(users.email, like))!);
  }
  if (query.departmentId) filters.push(eq(users.departmentId, query.departmentId));
  if (query.status) filters.push(eq(users.status, query.status));
  if (query.role) {
    filters.push(
      inArray(
        users.id,
        q.select({ id: userRoles.userId }).from(userRoles).innerJoin(roles, eq(roles.id, userRoles.roleId)).where(eq(roles.code, query.role)),
      ),
    );
  }
  const where = filters.length ? and(...filters) : undefined;
  const column = { username: users.username, displayName: users.displayName, createdAt: users.createdAt }[query.sort];
  const rows = await q
    .select()
    .from(users)
    .where(where)
    .orderBy(query.order === 'asc' ? asc(column) : desc(column), asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await q.select({ n: count() }).from(users).where(where);
  const roleMap = await rolesOf(q, rows.map((r) => r.id));
  return {
    items: rows.map((row) => presentUser(actor, row, roleMap.get(row.id) ?? [])),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function listPositions(q: Queryable, actor: Actor, id?: string): Promise<Position[]> {
  const rows = await q
    .select()
    .from(positions)
    .where(id ? eq(positions.id, id) : undefined)
    .orderBy(desc(positions.rank), asc(positions.code));
  return rows.map((row) => ({ ...row, allowedActions: allowedActions(actor, 'position', row) }));
}

export async function getPosition(q: Queryable, actor: Actor, id: string): Promise<Position> {
  const [position] = await listPositions(q, actor, id);
  if (!position) throw notFound('position');
  return position;
}

export async function listRoles(q: Queryable, actor: Actor, id?: string): Promise<Role[]> {
  const rows = await q
    .select({
      id: roles.id,
      code: roles.code,
      name: roles.name,
      description: roles.description,
      builtin: roles.builtin,
      memberCount: sql<number>`(select count(*)::int from ${userRoles} where ${userRoles.roleId} = ${roles.id})`,
    })
    .from(roles)
    .where(id ? eq(roles.id, id) : undefined)
    .orderBy(desc(roles.builtin), asc(roles.code));
  return rows.map((row) => ({ ...row, memberCount: Number(row.memberCount), allowedActions: allowedActions(actor, 'role', row) }));
}

export async function getRole(q: Queryable, actor: Actor, id: string): Promise<Role> {
  const [role] = await listRoles(q, actor, id);
  if (!role) throw notFound('role');
  return role;
}

export function delegationState(row: Pick<DelegationRow, 'startsOn' | 'endsOn' | 'revokedAt'>, today: string) {
  if (row.revokedAt) return 'revoked' as const;
  if (today < row.startsOn) return 'scheduled' as const;
  if (today > row.endsOn) return 'expired' as const;
  return 'active' as const;
}

/** Today in Asia/Shanghai on the process's clock: delegations run by the company's calendar dates. */
export const todayIso = () => todayInShanghai();

export async function delegationSubject(q: Queryable, row: DelegationRow) {
  const [principal] = await q.select({ managerId: users.managerId }).from(users).where(eq(users.id, row.principalId));
  return { ...row, principalManagerId: principal?.managerId ?? null };
}

export function presentDelegation(actor: Actor, row: DelegationRow & { principalManagerId: string | null }): Delegation {
  return {
    id: row.id,
    principalId: row.principalId,
    delegateId: row.delegateId,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    scope: row.scope,
    reason: row.reason,
    createdById: row.createdById,
    revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
    state: delegationState(row, todayIso()),
    allowedActions: allowedActions(actor, 'delegation', row),
  };
}

export async function listDelegations(
  q: Queryable,
  actor: Actor,
  filter: { state?: Delegation['state'] | undefined; userId?: string | undefined },
): Promise<Delegation[]> {
  const rows = await q
    .select({ d: delegations, principalManagerId: users.managerId })
    .from(delegations)
    .innerJoin(users, eq(users.id, delegations.principalId))
    .where(filter.userId ? or(eq(delegations.principalId, filter.userId), eq(delegations.delegateId, filter.userId)) : undefined)
    .orderBy(desc(delegations.createdAt))
    .limit(500);
  const today = todayIso();
  return rows
    .map((r) => ({ ...r.d, principalManagerId: r.principalManagerId }))
    .filter((row) => can(actor, 'read', 'delegation', row))
    .filter((row) => !filter.state || delegationState(row, today) === filter.state)
    .map((row) => presentDelegation(actor, row));
}

/** Delegations in force today: not revoked, and today within their dates. */
const inForceToday = () => {
  const today = todayIso();
  return sql`${delegations.revokedAt} is null and ${delegations.startsOn} <= ${today} and ${delegations.endsOn} >= ${today}`;
};

/**
 * The delegations in force today given to `delegateId` or by any of `principalIds` (either matches), with their
 * scopes (process keys; an empty scope covers every process). No criterion, no rows.
 */
export async function delegationsInForce(
  q: Queryable,
  by: { delegateId?: string; principalIds?: readonly string[] },
): Promise<{ principalId: string; delegateId: string; scope: string[] }[]> {
  const byDelegate = by.delegateId ? eq(delegations.delegateId, by.delegateId) : undefined;
  const byPrincipal = by.principalIds && by.principalIds.length > 0 ? inArray(delegations.principalId, [...by.principalIds]) : undefined;
  if (!byDelegate && !byPrincipal) return [];
  return q
    .select({ principalId: delegations.principalId, delegateId: delegations.delegateId, scope: delegations.scope })
    .from(delegations)
    .where(and(or(byDelegate, byPrincipal), inForceToday()));
}

/** Whether a delegation's scope covers a process (an empty scope covers all). */
export const coversProcess = (scope: readonly string[], processKey: string | null) =>
  scope.length === 0 || (processKey !== null && scope.includes(processKey));

/**
 * The principal `delegateId` may act for today, if a delegation covers `processKey` (an empty scope covers all).
 * Returns null when no such delegation is active.
 */
export async function activeDelegation(q: Queryable, principalId: string, delegateId: string, processKey: string | null) {
  const rows = await q
    .select()
    .from(delegations)
    .where(and(eq(delegations.principalId, principalId), eq(delegations.delegateId, delegateId), inForceToday()));
  return rows.find((d) => coversProcess(d.scope, processKey)) ?? null;
}

/** The users who delegate to `delegateId` today (shown as "you may act for"). */
export async function principalsOf(q: Queryable, delegateId: string): Promise<{ id: string; displayName: string }[]> {
  return q
    .selectDistinct({ id: users.id, displayName: users.displayName })
    .from(delegations)
    .innerJoin(users, eq(users.id, delegations.principalId))
    .where(and(eq(delegations.delegateId, delegateId), inForceToday()));
}
