/**
 * Administering application types (F1, F2): create, edit the catalogue entry, save the one draft version, publish it
 * (immutable from then on; the previous published version is superseded but keeps its running applications), load
 * YAML definitions, and migrate running applications between versions with an audited tool.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray, max } from 'drizzle-orm';
import type { ApplicationDefinition, ApproverSource, CreateApplicationTypeInput, MigrateInstancesInput, MigrationResult, UpdateApplicationTypeInput } from '@henji/contracts';
import { canonicalJson } from '@henji/verifier';
import type { Queryable } from '../../../db/client.ts';
import { requirePermission } from '../../../kernel/access/policy.ts';
import { actorId, type Actor } from '../../../kernel/actor.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { calendarCodes } from '../../../kernel/calendar/index.ts';
import { conflict, DomainError, invalid, notFound } from '../../../kernel/errors.ts';
import { diffOf } from '../../../kernel/ledger/append.ts';
import { msg } from '../../../kernel/messages.ts';
import { departments, positions, roles, users } from '../../../kernel/org/schema.ts';
import { checkDefinition, descriptionWarnings, problemsAsFields, type Known, type Problem } from '../definition/flow-check.ts';
import { applicationSteps, applicationTasks, applications, applicationTypes, applicationTypeVersions } from '../schema.ts';
import { own } from '../definition/form-values.ts';
import { missingRequiredFields } from '../definition/migration-check.ts';

export const definitionHashOf = (def: ApplicationDefinition) => `sha256:${createHash('sha256').update(canonicalJson(def)).digest('hex')}`;

/** Every username a definition names, for the publish check to look up: approvers, recipients, task owners, the emergency group. */
export function usernamesIn(def: ApplicationDefinition): string[] {
  const sources: (ApproverSource | { source: 'initiator' })[] = [];
  for (const node of def.flow.nodes) {
    if (node.type === 'approval') sources.push(node.approvers, ...(node.sla?.transferTo ? [node.sla.transferTo] : []));
    if (node.type === 'cc' || node.type === 'notify') sources.push(...node.recipients);
    if (node.type === 'action' && node.action.kind === 'create_task') sources.push(node.action.owner);
  }
  if (def.emergency) sources.push(...def.emergency.group, ...def.emergency.reviewers);
  return sources.flatMap((s) => (s.source === 'user' ? [s.username] : []));
}

/** What the organisation holds that a definition may name. */
export async function knownFor(q: Queryable, def: ApplicationDefinition): Promise<Known> {
  const names = usernamesIn(def);
  // One after another: `q` is often a transaction, one connection that runs one query at a time.
  const roleRows = await q.select({ code: roles.code }).from(roles);
  const positionRows = await q.select({ code: positions.code }).from(positions);
  const departmentRows = await q.select({ code: departments.code }).from(departments).where(eq(departments.active, true));
  const userRows =
    names.length > 0 ? await q.select({ username: users.username }).from(users).where(and(inArray(users.username, names), eq(users.status, 'active'))) : [];
  const calendarRows = await calendarCodes(q);
  return {
    roles: new Set(roleRows.map((r) => r.code)),
    positions: new Set(positionRows.map((r) => r.code)),
    departments: new Set(departmentRows.map((r) => r.code)),
    usernames: new Set(userRows.map((r) => r.username)),
    calendars: calendarRows,
  };
}

export async function validateDefinition(q: Queryable, def: ApplicationDefinition): Promise<Problem[]> {
  return checkDefinition(def, await knownFor(q, def));
}

async function lockType(ctx: Ctx, id: string) {
  const [row] = await ctx.tx.select().from(applicationTypes).where(eq(applicationTypes.id, id)).for('update');
  if (!row) throw notFound('application_type');
  return row;
}

async function saveDraftVersion(ctx: Ctx, typeId: string, definition: ApplicationDefinition) {
  const [draft] = await ctx.tx
    .select()
    .from(applicationTypeVersions)
    .where(and(eq(applicationTypeVersions.typeId, typeId), eq(applicationTypeVersions.status, 'draft')));
  const definitionHash = definitionHashOf(definition);
  if (draft) {
    // Saving the same definition again writes nothing: an UPDATE, even to equal values, marks the transaction as
    // having written, and the caller traces only a changed hash.
    if (draft.definitionHash === definitionHash) return { row: draft, before: draft.definitionHash };
    const [row] = await ctx.tx.update(applicationTypeVersions).set({ definition, definitionHash }).where(eq(applicationTypeVersions.id, draft.id)).returning();
    return { row: row!, before: draft.definitionHash };
  }
  const [last] = await ctx.tx.select({ version: max(applicationTypeVersions.version) }).from(applicationTypeVersions).where(eq(applicationTypeVersions.typeId, typeId));
  const [row] = await ctx.tx
    .insert(applicationTypeVersions)
    .values({
      id: randomUUID(),
      typeId,
      version: (last?.version ?? 0) + 1,
      status: 'draft',
      definition,
      definitionHash,
      createdById: actorId(ctx.actor),
      createdAt: ctx.now,
    })
    .returning();
  return { row: row!, before: null };
}

/** Publishes a draft after the publish check; the previously published version is superseded. */
async function publishVersion(ctx: Ctx, typeId: string, versionId: string) {
  const [version] = await ctx.tx
    .select()
    .from(applicationTypeVersions)
    .where(and(eq(applicationTypeVersions.id, versionId), eq(applicationTypeVersions.typeId, typeId)))
    .for('update');
  if (!version) throw notFound('application_type_version');
  if (version.status !== 'draft') throw conflict(msg('flow.version_not_draft'));
  const problems = await validateDefinition(ctx.tx, version.definition);
  if (problems.length > 0) throw invalid(problemsAsFields(problems), msg('flow.definition_invalid'));
  await ctx.tx
    .update(applicationTypeVersions)
    .set({ status: 'superseded' })
    .where(and(eq(applicationTypeVersions.typeId, typeId), eq(applicationTypeVersions.status, 'published')));
  const [row] = await ctx.tx
    .update(applicationTypeVersions)
    .set({ status: 'published', publishedAt: ctx.now, publishedById: actorId(ctx.actor) })
    .where(eq(applicationTypeVersions.id, versionId))
    .returning();
  await ctx.tx.update(applicationTypes).set({ publishedVersionId: versionId, updatedAt: ctx.now }).where(eq(applicationTypes.id, typeId));
  return row!;
}

export const createApplicationType = defineCommand(
  'applicationTypes.create',
  async (ctx, input: CreateApplicationTypeInput & { builtin?: boolean; publish?: boolean }) => {
    requirePermission(ctx.actor, 'flow.manage');
    const [taken] = await ctx.tx.select({ id: applicationTypes.id }).from(applicationTypes).where(eq(applicationTypes.code, input.code));
    if (taken) throw invalid({ code: msg('flow.type_code_taken', { code: input.code }) });
    const id = randomUUID();
    const [type] = await ctx.tx
      .insert(applicationTypes)
      .values({
        id,
        code: input.code,
        name: input.name,
        category: input.category,
        description: input.description,
        builtin: input.builtin ?? false,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    const { row: draft } = await saveDraftVersion(ctx, id, input.definition);
    const published = input.publish ? await publishVersion(ctx, id, draft.id) : null;
    await ctx.trace({
      action: 'application_type.create',
      subjectType: 'application_type',
      subjectId: id,
      diff: {
        ...diffOf(null, type!, ['code', 'name', 'category', 'description', 'builtin'] as const),
        definitionHash: { after: draft.definitionHash },
        ...(published ? { publishedVersion: { after: published.version } } : {}),
      },
    });
    return { id };
  },
);

export const updateApplicationType = defineCommand('applicationTypes.update', async (ctx, input: UpdateApplicationTypeInput & { id: string }) => {
  requirePermission(ctx.actor, 'flow.manage');
  const before = await lockType(ctx, input.id);
  const { id, ...changes } = input;
  const diff = diffOf(before, changes, ['name', 'category', 'description', 'active'] as const);
  if (Object.keys(diff).length === 0) return before;
  const [after] = await ctx.tx.update(applicationTypes).set({ ...changes, updatedAt: ctx.now }).where(eq(applicationTypes.id, id)).returning();
  await ctx.trace({ action: 'application_type.update', subjectType: 'application_type', subjectId: id, diff });
  return after!;
});

export const saveApplicationTypeDraft = defineCommand(
  'applicationTypes.saveDraft',
  async (ctx, input: { id: string; definition: ApplicationDefinition }) => {
    requirePermission(ctx.actor, 'flow.manage');
    await lockType(ctx, input.id);
    const { row, before } = await saveDraftVersion(ctx, input.id, input.definition);
    if (before === row.definitionHash) return row;
    await ctx.trace({
      action: 'application_type.save_draft',
      subjectType: 'application_type',
      subjectId: input.id,
      diff: { version: { after: row.version }, definitionHash: { before, after: row.definitionHash } },
    });
    return row;
  },
);

export const publishApplicationType = defineCommand('applicationTypes.publish', async (ctx, input: { id: string; versionId: string }) => {
  requirePermission(ctx.actor, 'flow.manage');
  const type = await lockType(ctx, input.id);
  const row = await publishVersion(ctx, input.id, input.versionId);
  // Published all the same, but on the record: a description naming an amount no condition uses.
  const warnings = descriptionWarnings(type.description, row.definition).map((w) => String(w.message.params?.amount ?? ''));
  await ctx.trace({
    action: 'application_type.publish',
    subjectType: 'application_type',
    subjectId: input.id,
    diff: {
      publishedVersionId: { before: type.publishedVersionId, after: row.id },
      version: { after: row.version },
      definitionHash: { after: row.definitionHash },
      ...(warnings.length > 0 ? { descriptionAmountsUnused: { after: warnings } } : {}),
    },
  });
  return row;
});

/** The migration's input without the preview switch (the route sends a dry run to `previewMigration`). */
type MigrateInput = Omit<MigrateInstancesInput, 'dryRun'> & { id: string };

interface MigrationPlan {
  from: typeof applicationTypeVersions.$inferSelect;
  to: typeof applicationTypeVersions.$inferSelect;
  moves: { app: typeof applications.$inferSelect; steps: { id: string; nodeId: string; target: string }[] }[];
  incomplete: MigrationResult['incomplete'];
}

/**
 * What a migration would do: the applications it moves, where each open step goes (every node an application waits
 * at must exist in the target, directly or through `nodeMap`, else the whole migration is refused), and which stored
 * forms leave required fields of the target version empty (a warning: they move as they are). `lock` takes the rows
 * FOR UPDATE, as the command does; a preview reads them without.
 */
async function planMigration(q: Queryable, input: MigrateInput, lock: boolean): Promise<MigrationPlan> {
  const versions = await q.select().from(applicationTypeVersions).where(inArray(applicationTypeVersions.id, [input.fromVersionId, input.toVersionId]));
  const from = versions.find((v) => v.id === input.fromVersionId);
  const to = versions.find((v) => v.id === input.toVersionId);
  if (!from || !to) throw notFound('application_type_version');
  if (from.typeId !== input.id || to.typeId !== input.id) throw invalid({ toVersionId: msg('flow.migrate_same_type') });
  if (to.status !== 'published') throw invalid({ toVersionId: msg('flow.migrate_target_published') });
  const targetNodes = new Map(to.definition.flow.nodes.map((n) => [n.id, n]));
  const selected = q
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.versionId, from.id),
        // Drafts need no migration: a draft is moved to the published version when it is submitted.
        inArray(applications.status, ['running', 'returned']),
        input.applicationIds ? inArray(applications.id, input.applicationIds) : undefined,
      ),
    );
  const running = lock ? await selected.for('update') : await selected;
  const plan: MigrationPlan = { from, to, moves: [], incomplete: [] };
  for (const app of running) {
    const open = await q
      .select()
      .from(applicationSteps)
      .where(and(eq(applicationSteps.applicationId, app.id), inArray(applicationSteps.status, ['active', 'paused', 'waiting'])));
    const steps: MigrationPlan['moves'][number]['steps'] = [];
    for (const step of open) {
      const target = (own(input.nodeMap, step.nodeId) as string | undefined) ?? step.nodeId;
      const node = targetNodes.get(target);
      if (!node || node.type !== step.nodeType) {
        throw new DomainError('validation_failed', msg('flow.migrate_unmapped', { title: app.title, node: step.nodeId }), {
          fields: { nodeMap: [msg('flow.migrate_unmapped', { title: app.title, node: step.nodeId })] },
        });
      }
      steps.push({ id: step.id, nodeId: step.nodeId, target });
    }
    plan.moves.push({ app, steps });
    const missing = missingRequiredFields(to.definition.form, app.form);
    if (missing.length > 0) plan.incomplete.push({ id: app.id, title: app.title, missing });
  }
  return plan;
}

/** The migration tool's preview (dry run): checks the node map and lists incomplete forms; changes nothing. */
export async function previewMigration(q: Queryable, actor: Actor, input: MigrateInput): Promise<MigrationResult> {
  requirePermission(actor, 'flow.manage');
  const [type] = await q.select({ id: applicationTypes.id }).from(applicationTypes).where(eq(applicationTypes.id, input.id));
  if (!type) throw notFound('application_type');
  const plan = await planMigration(q, input, false);
  return { migrated: 0, dryRun: true, incomplete: plan.incomplete };
}

/**
 * Moves running applications from one version to another (F2's audited migration tool), as `planMigration` says.
 * Each application gets its own trace entry with the versions, the mapping and the required fields of the target its
 * form leaves empty; the type gets one for the whole operation. The result lists those incomplete forms.
 */
export const migrateApplications = defineCommand('applicationTypes.migrate', async (ctx, input: MigrateInput): Promise<MigrationResult> => {
  requirePermission(ctx.actor, 'flow.manage');
  await lockType(ctx, input.id);
  const { from, to, moves, incomplete } = await planMigration(ctx.tx, input, true);
  const missingOf = new Map(incomplete.map((i) => [i.id, i.missing]));
  for (const { app, steps } of moves) {
    const moved: Record<string, string> = {};
    for (const step of steps) {
      if (step.target === step.nodeId) continue;
      moved[step.nodeId] = step.target;
      await ctx.tx.update(applicationSteps).set({ nodeId: step.target }).where(eq(applicationSteps.id, step.id));
      await ctx.tx.update(applicationTasks).set({ nodeId: step.target }).where(eq(applicationTasks.stepId, step.id));
    }
    await ctx.tx.update(applications).set({ versionId: to.id, updatedAt: ctx.now }).where(eq(applications.id, app.id));
    const missing = missingOf.get(app.id);
    await ctx.trace({
      action: 'application.migrate',
      subjectType: 'application',
      subjectId: app.id,
      comment: input.reason,
      diff: {
        version: { before: from.version, after: to.version },
        nodes: { after: moved },
        ...(missing ? { missingRequired: { after: missing.map((m) => m.key) } } : {}),
      },
    });
  }
  await ctx.trace({
    action: 'application_type.migrate',
    subjectType: 'application_type',
    subjectId: input.id,
    comment: input.reason,
    diff: {
      from: { after: from.version },
      to: { after: to.version },
      applications: { after: moves.map((m) => m.app.id) },
      nodeMap: { after: input.nodeMap },
      ...(incomplete.length > 0 ? { incomplete: { after: incomplete.map((i) => i.id) } } : {}),
    },
  });
  return { migrated: moves.length, dryRun: false, incomplete };
});
