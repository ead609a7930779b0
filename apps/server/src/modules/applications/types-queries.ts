/** Reading application types and their versions: the catalogue (流程公示) and the administrators' view. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ApplicationType, ApplicationTypeVersion } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import { allowedActions, can, hasPermission } from '../../kernel/access/policy.ts';
import type { Actor } from '../../kernel/actor.ts';
import { notFound } from '../../kernel/errors.ts';
import { userNames } from '../../kernel/org/queries.ts';
import { applications, applicationTypes, applicationTypeVersions, type ApplicationTypeRow } from './schema.ts';

async function present(q: Queryable, actor: Actor, rows: ApplicationTypeRow[]): Promise<ApplicationType[]> {
  const versionIds = rows.map((r) => r.publishedVersionId).filter((id): id is string => id !== null);
  const versions = versionIds.length > 0 ? await q.select().from(applicationTypeVersions).where(inArray(applicationTypeVersions.id, versionIds)) : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((row) => {
    const version = row.publishedVersionId ? byId.get(row.publishedVersionId) : undefined;
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      category: row.category,
      description: row.description,
      active: row.active,
      builtin: row.builtin,
      publishedVersion: version?.version ?? null,
      definition: version?.definition ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      allowedActions: allowedActions(actor, 'application_type', row),
    };
  });
}

/** The catalogue: active published types; administrators may ask for all of them. */
export async function listApplicationTypes(q: Queryable, actor: Actor, all: boolean): Promise<ApplicationType[]> {
  const rows = await q.select().from(applicationTypes).orderBy(asc(applicationTypes.category), asc(applicationTypes.name));
  const visible = rows.filter((r) => (all && hasPermission(actor, 'flow.manage')) || (r.active && r.publishedVersionId !== null));
  return present(q, actor, visible);
}

export async function readableType(q: Queryable, actor: Actor, id: string): Promise<ApplicationTypeRow> {
  const [row] = await q.select().from(applicationTypes).where(eq(applicationTypes.id, id));
  if (!row || !can(actor, 'read', 'application_type', row)) throw notFound('application_type');
  return row;
}

export async function getApplicationType(q: Queryable, actor: Actor, id: string): Promise<ApplicationType> {
  return (await present(q, actor, [await readableType(q, actor, id)]))[0]!;
}

export async function listVersions(q: Queryable, actor: Actor, typeId: string): Promise<ApplicationTypeVersion[]> {
  const type = await readableType(q, actor, typeId);
  if (!can(actor, 'update', 'application_type', type)) throw notFound('application_type');
  const rows = await q.select().from(applicationTypeVersions).where(eq(applicationTypeVersions.typeId, typeId)).orderBy(asc(applicationTypeVersions.version));
  const counts = await q
    .select({ versionId: applications.versionId, n: sql<number>`count(*)::int` })
    .from(applications)
    .where(and(eq(applications.typeId, typeId), inArray(applications.status, ['running', 'returned'])))
    .groupBy(applications.versionId);
  const names = await userNames(q, rows.map((r) => r.publishedById));
  return rows.map((v) => ({
    id: v.id,
    typeId: v.typeId,
    version: v.version,
    status: v.status,
    definition: v.definition,
    definitionHash: v.definitionHash,
    createdAt: v.createdAt.toISOString(),
    publishedAt: v.publishedAt?.toISOString() ?? null,
    publishedBy: v.publishedById ? { id: v.publishedById, displayName: names.get(v.publishedById) ?? '' } : null,
    runningCount: counts.find((c) => c.versionId === v.id)?.n ?? 0,
    allowedActions: v.status === 'draft' && can(actor, 'publish', 'application_type', type) ? ['publish', 'update'] : [],
  }));
}

export async function getVersion(q: Queryable, actor: Actor, typeId: string, versionId: string): Promise<ApplicationTypeVersion> {
  const version = (await listVersions(q, actor, typeId)).find((v) => v.id === versionId);
  if (!version) throw notFound('application_type_version');
  return version;
}
