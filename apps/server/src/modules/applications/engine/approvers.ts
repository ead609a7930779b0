/**
 * Who an approver source (F2) names for one application: always active users, in a stable order (the order of a
 * sequential approval). Reads the organisation through its tables, which are the kernel's (K3).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { ApproverSource } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { departmentHeadOf, superiorOf } from '../../../kernel/org/people.ts';
import { departments, positions, roles, userRoles, users } from '../../../kernel/org/schema.ts';

export interface Applicant {
  initiatorId: string;
  departmentId: string | null;
  form: Record<string, unknown>;
}

const activeUsers = and(eq(users.status, 'active'));

async function holdersOfRole(q: Queryable, role: string, departmentId?: string | null): Promise<string[]> {
  const rows = await q
    .select({ id: users.id })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(roles.code, role), activeUsers, departmentId ? eq(users.departmentId, departmentId) : undefined))
    .orderBy(asc(users.username));
  return rows.map((r) => r.id);
}

async function holdersOfPosition(q: Queryable, position: string, departmentId: string): Promise<string[]> {
  const rows = await q
    .select({ id: users.id })
    .from(users)
    .innerJoin(positions, eq(positions.id, users.positionId))
    .where(and(eq(positions.code, position), eq(users.departmentId, departmentId), activeUsers))
    .orderBy(asc(users.username));
  return rows.map((r) => r.id);
}

async function isActive(q: Queryable, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await q.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), activeUsers));
  const active = new Set(rows.map((r) => r.id));
  return ids.filter((id) => active.has(id));
}

/** The Nth superior along the reporting line; nobody when the line is shorter. */
export async function superior(q: Queryable, userId: string, level: number): Promise<string[]> {
  const id = await superiorOf(q, userId, level);
  return id ? [id] : [];
}

export async function resolveSource(q: Queryable, source: ApproverSource | { source: 'initiator' }, applicant: Applicant): Promise<string[]> {
  switch (source.source) {
    case 'initiator':
      return isActive(q, [applicant.initiatorId]);
    case 'user': {
      const rows = await q.select({ id: users.id }).from(users).where(and(eq(users.username, source.username), activeUsers));
      return rows.map((r) => r.id);
    }
    case 'role':
    case 'committee':
      return holdersOfRole(q, source.role);
    case 'department_head': {
      const head = await departmentHeadOf(q, applicant.departmentId);
      return head ? [head] : [];
    }
    case 'superior':
      return superior(q, applicant.initiatorId, source.level);
    case 'department_role': {
      let departmentId = applicant.departmentId;
      if (source.department !== 'initiator') {
        const [dept] = await q.select({ id: departments.id }).from(departments).where(eq(departments.code, source.department));
        departmentId = dept?.id ?? null;
      }
      if (!departmentId) return [];
      const byRole = source.role ? await holdersOfRole(q, source.role, departmentId) : null;
      const byPosition = source.position ? await holdersOfPosition(q, source.position, departmentId) : null;
      if (byRole && byPosition) return byRole.filter((id) => byPosition.includes(id));
      return byRole ?? byPosition ?? [];
    }
    case 'field': {
      const value = applicant.form[source.field];
      const ids = (Array.isArray(value) ? value : value ? [value] : []).map(String);
      return isActive(q, ids);
    }
  }
}

export async function resolveSources(q: Queryable, sources: readonly (ApproverSource | { source: 'initiator' })[], applicant: Applicant): Promise<string[]> {
  const all: string[] = [];
  for (const s of sources) for (const id of await resolveSource(q, s, applicant)) if (!all.includes(id)) all.push(id);
  return all;
}

export const administrators = (q: Queryable) => holdersOfRole(q, 'admin');
