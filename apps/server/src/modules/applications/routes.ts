/**
 * HTTP routes of applications and flows. Paths are part of the product's contract: application types at
 * /api/application-types, applications at /api/applications (an action is a POST to /api/applications/{id}/actions),
 * the caller's to-do list at /api/inbox.
 */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
  Application,
  ApplicationActionInput,
  ApplicationListQuery,
  ApplicationPage,
  ApplicationType,
  ApplicationTypeVersion,
  CreateApplicationInput,
  CreateApplicationTypeInput,
  ErrorBody,
  IdParams,
  ImportApplicationTypeInput,
  InboxCounts,
  InboxPage,
  InboxQuery,
  MigrateInstancesInput,
  MonitorPage,
  MigrationResult,
  MonitorQuery,
  NodeStats,
  SaveDraftVersionInput,
  ValidateDefinitionInput,
  DefinitionReport,
  UpdateApplicationTypeInput,
  UpdateDraftInput,
  uuid,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { hasPermission } from '../../kernel/access/policy.ts';
import { actorOf } from '../../kernel/auth/authenticate.ts';
import { execute, type Caller, type Command } from '../../kernel/command.ts';
import { DomainError, forbidden, notFound } from '../../kernel/errors.ts';
import { render } from '../../kernel/messages.ts';
import { addSigner, approveTask, readCopy, rejectTask, returnTask, transferTask, type TaskInput } from './commands/approver.ts';
import { createApplication, discardDraft, resubmitApplication, submitApplication, updateDraft, urgeApplication, withdrawApplication } from './commands/applicant.ts';
import { importApplicationType } from './commands/builtin.ts';
import { commentOnApplication } from './commands/comment.ts';
import { countersign, executeEmergency, objectToEmergency } from './commands/emergency.ts';
import { descriptionWarnings } from './definition/flow-check.ts';
import { createApplicationType, migrateApplications, previewMigration, publishApplicationType, saveApplicationTypeDraft, updateApplicationType, validateDefinition } from './commands/types.ts';
import { typeFileText } from './definition/yaml.ts';
import { inboxCounts, listInbox } from './inbox.ts';
import { monitorApplications, nodeStats } from './monitor.ts';
import { readableApplication, type ApplicationSubject } from './policies.ts';
import { getApplication, listApplications, principalsFor } from './queries.ts';
import { applicationTasks } from './schema.ts';
import { sheetRoutes } from './sheet.ts';
import { getApplicationType, getVersion, listApplicationTypes, listVersions, readableType } from './types-queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const VersionParams = z.strictObject({ id: uuid, versionId: uuid });
const TaskParams = z.strictObject({ id: uuid, taskId: uuid });

export function applicationRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const typeTags = ['application types'];
  const tags = ['applications'];
  const user = (req: FastifyRequest) => {
    const caller = callerOf(req);
    if (caller.actor.kind !== 'user') throw forbidden();
    return { caller, actor: caller.actor };
  };

  // ---- Application types (F1, F2) ----
  r.get('/api/application-types', {
    schema: { tags: typeTags, summary: 'The catalogue of application types (流程公示); administrators may list all', querystring: z.strictObject({ all: z.enum(['true', 'false']).default('false') }), response: { 200: z.object({ items: z.array(ApplicationType) }), ...errors } },
  }, async (req) => ({ items: await listApplicationTypes(db, callerOf(req).actor, req.query.all === 'true') }));

  r.post('/api/application-types', {
    schema: { tags: typeTags, summary: 'Create an application type with a draft version 1', body: CreateApplicationTypeInput, response: { 201: ApplicationType, ...errors } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const { id } = await execute(db, caller, createApplicationType, req.body);
    return reply.status(201).send(await getApplicationType(db, caller.actor, id));
  });

  r.post('/api/application-types/validate', {
    schema: { tags: typeTags, summary: 'Run the publish check on a definition without saving it', body: ValidateDefinitionInput, response: { 200: DefinitionReport, ...errors } },
  }, async (req) => {
    const { actor } = user(req);
    if (!hasPermission(actor, 'flow.manage')) throw notFound('application_type');
    const problems = await validateDefinition(db, req.body.definition);
    const warnings = req.body.description ? descriptionWarnings(req.body.description, req.body.definition) : [];
    const locale = localeOf(req);
    const present = (list: typeof problems) => list.map((p) => ({ path: p.path, message: render(locale, p.message) }));
    return { ok: problems.length === 0, problems: present(problems), warnings: present(warnings) };
  });

  r.post('/api/application-types/import', {
    schema: { tags: typeTags, summary: 'Load an application type from a YAML definition file', body: ImportApplicationTypeInput, response: { 200: ApplicationType, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    const { id } = await execute(db, caller, importApplicationType, req.body);
    return getApplicationType(db, caller.actor, id);
  });

  r.get('/api/application-types/:id', { schema: { tags: typeTags, params: IdParams, response: { 200: ApplicationType, ...errors } } },
    async (req) => getApplicationType(db, callerOf(req).actor, req.params.id));

  r.patch('/api/application-types/:id', { schema: { tags: typeTags, params: IdParams, body: UpdateApplicationTypeInput, response: { 200: ApplicationType, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      await readableType(db, caller.actor, req.params.id);
      await execute(db, caller, updateApplicationType, { ...req.body, id: req.params.id });
      return getApplicationType(db, caller.actor, req.params.id);
    });

  r.get('/api/application-types/:id/versions', { schema: { tags: typeTags, params: IdParams, response: { 200: z.object({ items: z.array(ApplicationTypeVersion) }), ...errors } } },
    async (req) => ({ items: await listVersions(db, callerOf(req).actor, req.params.id) }));

  r.put('/api/application-types/:id/draft', {
    schema: { tags: typeTags, summary: 'Create or replace the draft version', params: IdParams, body: SaveDraftVersionInput, response: { 200: ApplicationTypeVersion, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await readableType(db, caller.actor, req.params.id);
    const row = await execute(db, caller, saveApplicationTypeDraft, { id: req.params.id, definition: req.body.definition });
    return getVersion(db, caller.actor, req.params.id, row.id);
  });

  r.post('/api/application-types/:id/versions/:versionId/publish', {
    schema: { tags: typeTags, summary: 'Publish a draft after the publish check (400 lists every problem by its path)', params: VersionParams, response: { 200: ApplicationTypeVersion, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await readableType(db, caller.actor, req.params.id);
    await execute(db, caller, publishApplicationType, { id: req.params.id, versionId: req.params.versionId });
    return getVersion(db, caller.actor, req.params.id, req.params.versionId);
  });

  r.get('/api/application-types/:id/versions/:versionId/yaml', {
    schema: { tags: typeTags, summary: 'A version as a YAML definition file', params: VersionParams, response: { 200: z.object({ yaml: z.string() }), ...errors } },
  }, async (req) => {
    const actor = callerOf(req).actor;
    const type = await readableType(db, actor, req.params.id);
    const version = await getVersion(db, actor, req.params.id, req.params.versionId);
    return { yaml: typeFileText(type, version.definition) };
  });

  r.post('/api/application-types/:id/migrate', {
    schema: { tags: typeTags, summary: 'Move running applications to another version (audited), or preview it (dryRun)', params: IdParams, body: MigrateInstancesInput, response: { 200: MigrationResult, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await readableType(db, caller.actor, req.params.id);
    const input = { ...req.body, id: req.params.id };
    return input.dryRun ? previewMigration(db, caller.actor, input) : execute(db, caller, migrateApplications, input);
  });

  r.get('/api/application-types/:id/stats', {
    schema: { tags: typeTags, summary: 'Per-node counts and durations in working minutes (F8)', params: IdParams, response: { 200: NodeStats, ...errors } },
  }, async (req) => {
    const { actor } = user(req);
    await readableType(db, actor, req.params.id);
    return nodeStats(db, actor, req.params.id, localeOf(req));
  });

  // ---- Applications (F1, F3) ----
  r.get('/api/applications', { schema: { tags, querystring: ApplicationListQuery, response: { 200: ApplicationPage, ...errors } } },
    async (req) => listApplications(db, user(req).actor, req.query, localeOf(req)));

  r.post('/api/applications', {
    schema: { tags, summary: 'Create a draft or submit at once; a repeated requestKey returns the first application (200)', body: CreateApplicationInput, response: { 200: Application, 201: Application, ...errors } },
  }, async (req, reply) => {
    const { caller } = user(req);
    const { id, created } = await execute(db, caller, createApplication, req.body);
    return reply.status(created ? 201 : 200).send(await getApplication(db, caller.actor, id, localeOf(req)));
  });

  r.get('/api/applications/:id', { schema: { tags, params: IdParams, response: { 200: Application, ...errors } } },
    async (req) => getApplication(db, callerOf(req).actor, req.params.id, localeOf(req)));

  r.patch('/api/applications/:id', {
    schema: { tags, summary: 'Edit a draft or a returned application', params: IdParams, body: UpdateDraftInput, response: { 200: Application, ...errors } },
  }, async (req) => {
    const { caller } = user(req);
    await readableApplication(db, caller.actor, req.params.id);
    await execute(db, caller, updateDraft, { ...req.body, id: req.params.id });
    return getApplication(db, caller.actor, req.params.id, localeOf(req));
  });

  r.post('/api/applications/:id/actions', {
    schema: {
      tags,
      summary: 'Act on an application: approve, reject, return, transfer, add_signer, withdraw, urge, comment, resubmit …; discard answers 204',
      params: IdParams,
      body: ApplicationActionInput,
      response: { 200: Application, 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    const { caller } = user(req);
    const id = req.params.id;
    const body = req.body;
    if (body.action === 'discard') {
      await readableApplication(db, caller.actor, id);
      await execute(db, caller, discardDraft, { id });
      return reply.status(204).send(null);
    }
    await runAction(db, caller, id, body);
    return getApplication(db, caller.actor, id, localeOf(req));
  });

  // Untyped response on purpose, as for file contents: the answer is PNG bytes, which JSON schemas cannot describe.
  app.get<{ Params: { id: string; taskId: string } }>('/api/applications/:id/tasks/:taskId/signature', {
    schema: { tags, summary: 'The handwritten signature (PNG) given with a decision', params: TaskParams, response: { 401: ErrorBody, 404: ErrorBody } },
  }, async (req, reply) => {
    const actor = callerOf(req).actor;
    await readableApplication(db, actor, req.params.id);
    const [task] = await db
      .select({ signature: applicationTasks.signature })
      .from(applicationTasks)
      .where(and(eq(applicationTasks.id, req.params.taskId), eq(applicationTasks.applicationId, req.params.id)));
    if (!task?.signature) throw notFound('signature');
    return reply.type('image/png').header('cache-control', 'private, max-age=3600').send(Buffer.from(task.signature.split(',')[1] ?? '', 'base64'));
  });

  // ---- Inbox and monitoring (F3, F8) ----
  r.get('/api/inbox', { schema: { tags, summary: 'My to-do, done and CC lists (including tasks of people I act for)', querystring: InboxQuery, response: { 200: InboxPage, ...errors } } },
    async (req) => listInbox(db, user(req).actor, req.query, localeOf(req)));

  r.get('/api/inbox/counts', { schema: { tags, response: { 200: InboxCounts, ...errors } } }, async (req) => inboxCounts(db, user(req).actor));

  r.get('/api/monitor/applications', {
    schema: { tags, summary: 'Running applications with current node, waiting time and SLA state (F8)', querystring: MonitorQuery, response: { 200: MonitorPage, ...errors } },
  }, async (req) => monitorApplications(db, user(req).actor, req.query, localeOf(req)));

  // ---- Printed documents: 审批单 (sheet.ts) ----
  sheetRoutes(app, deps);
}

/**
 * Runs one action. Actions on the application as a whole check first that the caller may read it (else 404). A task
 * action runs at once as the caller — the command checks under the row lock that they hold the task — and only when
 * it is refused (403/404) is the application read: someone who may not read it gets 404, and someone who acts for the
 * task's assignee today under a delegation (代理) runs it again with the assignee's authority and the caller as the
 * delegate, so the trace reads "caller on behalf of assignee" (F4). The common case costs no read before the command.
 */
async function runAction(db: AppDeps['db'], caller: Caller, id: string, body: ApplicationActionInput) {
  const exec = <I>(command: Command<I, unknown>, input: I, as: Caller = caller) => execute(db, as, command, input);
  const onTask = async <I extends TaskInput>(command: Command<I, unknown>, input: I) => {
    try {
      return await exec(command, input);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'forbidden' && error.code !== 'not_found')) throw error;
      const subject = await readableApplication(db, caller.actor, id);
      const as = await callerForTask(db, caller, subject, input.taskId);
      if (as === caller) throw error;
      return exec(command, input, as);
    }
  };
  if (!('taskId' in body)) await readableApplication(db, caller.actor, id);
  switch (body.action) {
    case 'submit':
      return exec(submitApplication, { id, ...(body.cc ? { cc: body.cc } : {}) });
    case 'resubmit':
      return exec(resubmitApplication, { id, ...(body.form ? { form: body.form } : {}), ...(body.opinion ? { opinion: body.opinion } : {}), ...(body.cc ? { cc: body.cc } : {}) });
    case 'withdraw':
      return exec(withdrawApplication, { id, ...(body.reason ? { reason: body.reason } : {}) });
    case 'urge':
      return exec(urgeApplication, { id, ...(body.message ? { message: body.message } : {}) });
    case 'comment':
      return exec(commentOnApplication, { id, body: body.body });
    case 'emergency_execute':
      return exec(executeEmergency, { id, opinion: body.opinion });
    case 'approve':
      return onTask(approveTask, { id, taskId: body.taskId, formHash: body.formHash, ...opt(body.opinion, body.signature), ...(body.cc ? { cc: body.cc } : {}) });
    case 'reject':
      return onTask(rejectTask, { id, taskId: body.taskId, formHash: body.formHash, ...opt(body.opinion, body.signature), ...(body.cc ? { cc: body.cc } : {}) });
    case 'return':
      return onTask(returnTask, { id, taskId: body.taskId, formHash: body.formHash, to: body.to, ...opt(body.opinion) });
    case 'transfer':
      return onTask(transferTask, { id, taskId: body.taskId, userId: body.userId, ...opt(body.opinion) });
    case 'add_signer':
      return onTask(addSigner, { id, taskId: body.taskId, userId: body.userId, position: body.position, ...opt(body.opinion) });
    case 'read':
      return onTask(readCopy, { id, taskId: body.taskId });
    case 'countersign':
      return onTask(countersign, { id, taskId: body.taskId, formHash: body.formHash, ...opt(body.opinion, body.signature) });
    case 'object':
      return onTask(objectToEmergency, { id, taskId: body.taskId, formHash: body.formHash, ...opt(body.opinion) });
    case 'discard':
      return exec(discardDraft, { id });
  }
}

const opt = (opinion?: string, signature?: string) => ({ ...(opinion !== undefined ? { opinion } : {}), ...(signature !== undefined ? { signature } : {}) });

/** The task's assignee comes from the subject just read; the command checks it again under the row lock. */
export async function callerForTask(db: AppDeps['db'], caller: Caller, subject: ApplicationSubject, taskId: string): Promise<Caller> {
  if (caller.actor.kind !== 'user') return caller;
  const assigneeId = subject.taskHolders.get(taskId);
  if (!assigneeId || assigneeId === caller.actor.userId) return caller;
  const principals = await principalsFor(db, caller.actor, subject.typeCode);
  if (!principals.includes(assigneeId)) return caller;
  const principal = await actorOf(db, assigneeId);
  return principal ? { actor: principal, delegate: caller.actor, meta: caller.meta } : caller;
}
