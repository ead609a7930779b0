/** What the applicant does (F1, F3): draft, submit, edit, resubmit after a return, withdraw, urge, discard. */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { ApprovalNode, CreateApplicationInput, UpdateDraftInput } from '@henji/contracts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, DomainError, notFound } from '../../../kernel/errors.ts';
import { attachFiles, detachFiles } from '../../../kernel/files/index.ts';
import type { Evidence } from '../../../kernel/ledger/append.ts';
import { msg } from '../../../kernel/messages.ts';
import { applicationFormVersions, applicationTasks, applications, applicationTypes, applicationTypeVersions } from '../schema.ts';
import { approversFor, completeStep, enterNode, finish, openApprovalTasks, restartFlow } from '../engine/flow.ts';
import { checkSplitPurchase } from '../engine/split.ts';
import { materialChanges, recordFormVersion } from '../engine/versions.ts';
import { notifyApplication } from '../engine/notices.ts';
import { flushWrites, formHashOf, nodeOf, openRun, runOf, saveApp, stepsOf, updateStep, type Run } from '../engine/run.ts';
import { resolveSources } from '../engine/approvers.ts';
import { startSla } from '../engine/sla.ts';
import { checkForm, requireInitiator, requireStatus, snapshot, titleOf, traceRun, userIdOf } from './common.ts';
import { addCopies, APPLICANT_CC_NODE } from '../comfort/cc.ts';

const URGE_INTERVAL_MINUTES = 30;

const BEIJING_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** A time as people in the company read it (HH:mm, Beijing). */
const beijingTime = (at: Date) => BEIJING_TIME.format(at);

async function publishedVersionOf(ctx: Ctx, typeId: string) {
  const [row] = await ctx.tx
    .select({ type: applicationTypes, version: applicationTypeVersions })
    .from(applicationTypes)
    .leftJoin(applicationTypeVersions, eq(applicationTypeVersions.id, applicationTypes.publishedVersionId))
    .where(eq(applicationTypes.id, typeId));
  if (!row) throw notFound('application_type');
  if (!row.type.active || !row.version) throw new DomainError('conflict', msg('flow.type_not_published'));
  return { type: row.type, version: row.version };
}

async function attachFormFiles(run: Run, files: string[]): Promise<Evidence[]> {
  await detachFiles(run.ctx, { subjectType: 'application', subjectId: run.app.id, keep: files });
  return files.length > 0 ? attachFiles(run.ctx, { fileIds: files, subjectType: 'application', subjectId: run.app.id }) : [];
}

/** Enters the flow at its start; an urgent application of a type with an emergency procedure alerts its group. */
async function startFlow(run: Run): Promise<void> {
  await recordFormVersion(run, { status: 'running', submittedAt: run.ctx.now, departmentId: run.applicantDepartmentId });
  await checkSplitPurchase(run);
  if (run.app.urgent && run.def.emergency) {
    const group = await resolveSources(run.ctx.tx, run.def.emergency.group, { initiatorId: run.app.initiatorId, departmentId: run.app.departmentId, form: run.app.form });
    await notifyApplication(run, group.filter((id) => id !== run.app.initiatorId), 'application.emergency', {}, true);
  }
  await enterNode(run, run.def.flow.start, null);
}

/**
 * Creates an application, as a draft or submitted at once. A repeated request with the same `requestKey` (a double
 * click, a retry after a timeout) returns the application the first one created instead of a second one.
 */
export const createApplication = defineCommand('applications.create', async (ctx, input: CreateApplicationInput) => {
  const initiatorId = userIdOf(ctx);
  const earlier = async () =>
    (await ctx.tx
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.initiatorId, initiatorId), eq(applications.requestKey, input.requestKey))))[0];
  // The usual request is a new one: checked first, and a repeat is found by its key when the insert meets it (or
  // when the check refuses a repeat whose type has changed since) — never a second application.
  let checked;
  try {
    const { type, version } = await publishedVersionOf(ctx, input.typeId);
    const shape = { def: version.definition, type: { id: type.id, code: type.code, name: type.name } };
    checked = { type, version, shape, ...(await checkForm(ctx, shape, input.form, input.submit)) };
  } catch (error) {
    const existing = await earlier();
    if (existing) return { id: existing.id, created: false };
    throw error;
  }
  const { type, version, shape, values, files } = checked;
  const id = randomUUID();
  const [row] = await ctx.tx
    .insert(applications)
    .values({
      id,
      typeId: type.id,
      versionId: version.id,
      title: titleOf(shape, values, ctx.now),
      initiatorId,
      status: 'draft',
      urgent: input.urgent,
      form: values,
      formHash: formHashOf(values),
      requestKey: input.requestKey,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  // An earlier or concurrent request with the same key made it: answer with its application.
  if (!row) {
    const winner = await earlier();
    if (!winner) throw conflict(msg('db.concurrent'));
    return { id: winner.id, created: false };
  }
  const run = await runOf(ctx, row);
  const before = { status: run.app.status, nodes: [] };
  const evidence = files.length > 0 ? await attachFiles(run.ctx, { fileIds: files, subjectType: 'application', subjectId: run.app.id }) : [];
  if (input.submit) await startFlow(run);
  const cc = input.submit ? await addCopies(run, input.cc, APPLICANT_CC_NODE) : {};
  await traceRun(run, input.submit ? 'application.submit' : 'application.create', {
    before,
    evidence,
    diff: { type: { after: type.code }, version: { after: version.version }, title: { after: run.app.title }, urgent: { after: input.urgent }, ...cc },
  });
  return { id, created: true };
});

/** Edits a draft, or a returned or withdrawn application before resubmitting it. */
export const updateDraft = defineCommand('applications.updateDraft', async (ctx, input: UpdateDraftInput & { id: string }) => {
  const run = await openRun(ctx, input.id);
  requireInitiator(run);
  requireStatus(run, 'draft', 'returned', 'withdrawn');
  const before = await snapshot(run);
  const oldHash = run.app.formHash;
  const { values, files } = await checkForm(ctx, run, input.form, false);
  const evidence = await attachFormFiles(run, files);
  await saveApp(run, {
    form: values,
    formHash: formHashOf(values),
    title: titleOf(run, values, ctx.now),
    ...(input.urgent !== undefined ? { urgent: input.urgent } : {}),
  });
  await traceRun(run, 'application.update', { before, evidence, diff: { formHash: { before: oldHash, after: run.app.formHash } } });
  return run.app;
});

/** Submits a draft; it runs on the type's version published now, which may be newer than when it was drafted. */
export const submitApplication = defineCommand('applications.submit', async (ctx, { id, cc: copies }: { id: string; cc?: string[] }) => {
  const draft = await openRun(ctx, id);
  requireInitiator(draft);
  requireStatus(draft, 'draft');
  const before = await snapshot(draft);
  const { version } = await publishedVersionOf(ctx, draft.app.typeId);
  if (version.id !== draft.app.versionId) {
    await saveApp(draft, { versionId: version.id });
    // The draft's run ends here: its queued write goes out before the run on the new version writes the same row.
    await flushWrites(draft);
  }
  const run = version.id === draft.app.versionId ? draft : await runOf(ctx, draft.app);
  const { values, files } = await checkForm(ctx, run, run.app.form, true);
  const evidence = await attachFormFiles(run, files);
  await saveApp(run, { form: values, formHash: formHashOf(values), title: titleOf(run, values, ctx.now) });
  await startFlow(run);
  const cc = await addCopies(run, copies, APPLICANT_CC_NODE);
  await traceRun(run, 'application.submit', { before, evidence, diff: cc });
  return run.app;
});

/**
 * Resubmits a returned application: the steps paused by the return resume, with what was left of their SLA. A
 * withdrawn one (撤回) has no paused step: it starts again from the flow's first node.
 */
export const resubmitApplication = defineCommand(
  'applications.resubmit',
  async (ctx, input: { id: string; form?: Record<string, unknown>; opinion?: string; cc?: string[] }) => {
    const run = await openRun(ctx, input.id);
    requireInitiator(run);
    requireStatus(run, 'returned', 'withdrawn');
    const before = await snapshot(run);
    const { values, files } = await checkForm(ctx, run, input.form ?? run.app.form, true);
    const evidence = await attachFormFiles(run, files);
    // Compared with the last submitted version: a withdrawn or returned application may have been edited since.
    const [last] = await ctx.tx
      .select({ form: applicationFormVersions.form })
      .from(applicationFormVersions)
      .where(and(eq(applicationFormVersions.applicationId, run.app.id), eq(applicationFormVersions.version, run.app.formVersion)));
    const changed = materialChanges(run.def, last?.form ?? run.app.form, values);
    await saveApp(run, { form: values, formHash: formHashOf(values), title: titleOf(run, values, ctx.now), status: 'running', completedAt: null });
    await recordFormVersion(run);
    await checkSplitPurchase(run);
    const cc = await addCopies(run, input.cc, APPLICANT_CC_NODE);
    const paused = await stepsOf(run, ['paused']);
    // A withdrawn application has nothing paused: it starts over. A change to what the flow reads restarts it too,
    // unless every node that returned it says `onResubmit: resume`.
    const restart =
      paused.length === 0 || (changed.length > 0 && paused.some((step) => (nodeOf(run, step.nodeId) as ApprovalNode).onResubmit !== 'resume'));
    if (restart) {
      await restartFlow(run, changed);
      await traceRun(run, 'application.resubmit', { before, evidence, comment: input.opinion ?? null, diff: { formVersion: { after: run.app.formVersion }, changed: { after: changed }, ...cc } });
      return run.app;
    }
    for (const step of paused) {
      const node = nodeOf(run, step.nodeId);
      if (node.type !== 'approval') continue;
      await updateStep(run, step.id, { status: 'active' });
      const { ids, skipped } = await approversFor(run, node);
      if (skipped) {
        await completeStep(run, { ...step, status: 'active' }, `skipped_${skipped}`);
        continue;
      }
      await openApprovalTasks(run, step, node, ids);
      await startSla(run, { id: step.id, timerGeneration: step.timerGeneration }, node.sla, step.remainingMinutes);
      run.log.push(`resume:${step.nodeId}`);
    }
    await traceRun(run, 'application.resubmit', { before, evidence, comment: input.opinion ?? null, diff: { formVersion: { after: run.app.formVersion }, changed: { after: changed }, ...cc } });
    return run.app;
  },
);

/**
 * 撤回: the applicant takes a running or returned application back; open tasks close and their holders are told they
 * need do nothing more. The applicant may edit and resubmit it later.
 */
export const withdrawApplication = defineCommand('applications.withdraw', async (ctx, input: { id: string; reason?: string }) => {
  const run = await openRun(ctx, input.id);
  requireInitiator(run);
  requireStatus(run, 'running', 'returned');
  const before = await snapshot(run);
  const open = await ctx.tx
    .select({ assigneeId: applicationTasks.assigneeId, nodeId: applicationTasks.nodeId })
    .from(applicationTasks)
    .where(and(eq(applicationTasks.applicationId, run.app.id), inArray(applicationTasks.status, ['pending']), inArray(applicationTasks.kind, ['approve', 'review'])));
  await finish(run, 'withdrawn');
  const reason = input.reason?.trim() ?? '';
  for (const nodeId of new Set(open.map((t) => t.nodeId))) {
    const holders = open.filter((t) => t.nodeId === nodeId).map((t) => t.assigneeId);
    const node = run.def.flow.nodes.find((n) => n.id === nodeId)?.name ?? nodeId;
    if (reason) await notifyApplication(run, holders, 'application.withdrawn_reason', { node, reason });
    else await notifyApplication(run, holders, 'application.withdrawn', { node });
  }
  await traceRun(run, 'application.withdraw', { before, comment: input.reason ?? null });
  return run.app;
});

/** 催办: reminds whoever holds the application now; at most once per half hour. */
export const urgeApplication = defineCommand('applications.urge', async (ctx, input: { id: string; message?: string }) => {
  const run = await openRun(ctx, input.id);
  requireInitiator(run);
  requireStatus(run, 'running');
  if (run.app.lastUrgedAt && ctx.now.getTime() - run.app.lastUrgedAt.getTime() < URGE_INTERVAL_MINUTES * 60_000) {
    // Too soon is a rate limit, not someone else's action: 429 with when it was urged and when it may be again.
    const next = new Date(run.app.lastUrgedAt.getTime() + URGE_INTERVAL_MINUTES * 60_000);
    throw new DomainError('rate_limited', msg('flow.urge_too_soon', { minutes: URGE_INTERVAL_MINUTES, at: beijingTime(run.app.lastUrgedAt), next: beijingTime(next) }));
  }
  const before = await snapshot(run);
  const pending = await ctx.tx
    .select({ assigneeId: applicationTasks.assigneeId, nodeId: applicationTasks.nodeId })
    .from(applicationTasks)
    .where(and(eq(applicationTasks.applicationId, run.app.id), eq(applicationTasks.status, 'pending'), inArray(applicationTasks.kind, ['approve', 'review'])));
  await saveApp(run, { lastUrgedAt: ctx.now });
  const node = [...new Set(pending.map((p) => run.def.flow.nodes.find((n) => n.id === p.nodeId)?.name ?? p.nodeId))].join('、');
  const message = input.message?.trim() ?? '';
  const urged = [...new Set(pending.map((p) => p.assigneeId))];
  // Without a message the notice ends after the node: no dangling 「：」.
  if (message) await notifyApplication(run, urged, 'application.urged_message', { node, message });
  else await notifyApplication(run, urged, 'application.urged', { node });
  await traceRun(run, 'application.urge', { before, comment: input.message ?? null, diff: { urged: { after: [...new Set(pending.map((p) => p.assigneeId))] } } });
  return run.app;
});

/** Deletes a draft that was never submitted; its files go back to the applicant's unattached uploads. */
export const discardDraft = defineCommand('applications.discard', async (ctx, { id }: { id: string }) => {
  const run = await openRun(ctx, id);
  requireInitiator(run);
  requireStatus(run, 'draft');
  await detachFiles(ctx, { subjectType: 'application', subjectId: id, keep: [] });
  await ctx.tx.delete(applications).where(eq(applications.id, id));
  await ctx.trace({
    action: 'application.discard',
    subjectType: 'application',
    subjectId: id,
    diff: { title: { before: run.app.title }, formHash: { before: run.app.formHash } },
  });
  return { id };
});
