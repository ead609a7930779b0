/**
 * Routes of approver comfort (issue 9 §7): batch approval, saved phrases and signature, the copies of an application,
 * the approver preview and the xlsx exports.
 */
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApplicationCopies,
  ApplicationExportQuery,
  ApproverPreview,
  ApproverPreviewInput,
  BatchApproveInput,
  BatchApproveResult,
  ErrorBody,
  IdParams,
  InboxExportQuery,
  PhraseList,
  SavedSignature,
  SavePhrasesInput,
  SaveSignatureInput,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../../http/context.ts';
import { localeOf } from '../../../http/locale.ts';
import { todayInShanghai } from '../../../kernel/clock.ts';
import { execute } from '../../../kernel/command.ts';
import { forbidden } from '../../../kernel/errors.ts';
import { contentDisposition } from '../../../kernel/files/routes.ts';
import { readableApplication } from '../policies.ts';
import { batchApprove } from './batch.ts';
import { listCopies } from './cc.ts';
import { deleteSignature, phrasesOf, recordExport, savePhrases, saveSignature, signatureOf } from './commands.ts';
import { exportApplications, exportInbox, type ExportFile } from './export.ts';
import { previewApprovers } from './preview.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function comfortRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['applications'];
  const user = (req: FastifyRequest) => {
    const caller = callerOf(req);
    if (caller.actor.kind !== 'user') throw forbidden();
    return { caller, actor: caller.actor };
  };

  r.post('/api/inbox/batch-approve', {
    schema: { tags, summary: '批量同意: approve several to-dos with one opinion; each is its own transaction and trace, answered per item', body: BatchApproveInput, response: { 200: BatchApproveResult, ...errors } },
  }, async (req) => batchApprove(db, user(req).caller, req.body, localeOf(req)));

  r.get('/api/me/phrases', { schema: { tags, summary: 'My saved phrases (常用语), in my order', response: { 200: PhraseList, ...errors } } },
    async (req) => ({ items: await phrasesOf(db, user(req).actor.userId) }));

  r.put('/api/me/phrases', {
    schema: { tags, summary: 'Save my phrases as this ordered list (add, edit, delete, reorder)', body: SavePhrasesInput, response: { 200: PhraseList, ...errors } },
  }, async (req) => ({ items: await execute(db, user(req).caller, savePhrases, req.body) }));

  const presentSignature = async (userId: string) => {
    const row = await signatureOf(db, userId);
    return { image: row?.image ?? null, sha256: row?.sha256 ?? null, updatedAt: row?.updatedAt.toISOString() ?? null };
  };
  r.get('/api/me/signature', { schema: { tags, summary: 'My saved handwritten signature (a PNG data URL), if any', response: { 200: SavedSignature, ...errors } } },
    async (req) => presentSignature(user(req).actor.userId));

  r.put('/api/me/signature', { schema: { tags, summary: 'Save my handwritten signature', body: SaveSignatureInput, response: { 200: SavedSignature, ...errors } } },
    async (req) => {
      const { caller, actor } = user(req);
      await execute(db, caller, saveSignature, req.body);
      return presentSignature(actor.userId);
    });

  r.delete('/api/me/signature', { schema: { tags, summary: 'Delete my saved signature', response: { 200: SavedSignature, ...errors } } },
    async (req) => {
      const { caller, actor } = user(req);
      await execute(db, caller, deleteSignature, {});
      return presentSignature(actor.userId);
    });

  r.get('/api/applications/:id/copies', {
    schema: { tags, summary: 'Who an application is copied to (抄送), by whom, and whether they read it (已阅)', params: IdParams, response: { 200: ApplicationCopies, ...errors } },
  }, async (req) => {
    await readableApplication(db, callerOf(req).actor, req.params.id);
    return { items: await listCopies(db, req.params.id) };
  });

  r.post('/api/application-types/:id/approver-preview', {
    schema: { tags: ['application types'], summary: 'Who would approve, level by level, if I submitted this form now (writes nothing)', params: IdParams, body: ApproverPreviewInput, response: { 200: ApproverPreview, ...errors } },
  }, async (req) => previewApprovers(db, user(req).actor, req.params.id, req.body.form, localeOf(req)));

  const send = async (req: FastifyRequest, reply: import('fastify').FastifyReply, list: 'applications' | 'todo' | 'done' | 'cc', filters: Record<string, string | undefined>, file: ExportFile) => {
    const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)) as Record<string, string>;
    await execute(db, user(req).caller, recordExport, { list, filters: defined, rows: file.rows, sha256: file.sha256, name: file.name });
    return reply.type(XLSX).header('content-disposition', contentDisposition(file.name)).header('cache-control', 'no-store').send(file.bytes);
  };

  // Untyped responses on purpose, as for file contents: the answer is xlsx bytes.
  app.get<{ Querystring: z.infer<typeof ApplicationExportQuery> }>('/api/applications/export', {
    schema: { tags, summary: '我的申请 as xlsx, with the list\'s filters (traced as an export)', querystring: ApplicationExportQuery, response: { 400: ErrorBody, 401: ErrorBody } },
  }, async (req, reply) => {
    const { actor } = user(req);
    const file = await exportApplications(db, actor, req.query, localeOf(req), todayInShanghai());
    return send(req, reply, 'applications', { ...req.query }, file);
  });

  app.get<{ Querystring: z.infer<typeof InboxExportQuery> }>('/api/inbox/export', {
    schema: { tags, summary: '我的待办 / 已办 / 抄送 as xlsx, with the list\'s filters (traced as an export)', querystring: InboxExportQuery, response: { 400: ErrorBody, 401: ErrorBody } },
  }, async (req, reply) => {
    const { actor } = user(req);
    const file = await exportInbox(db, actor, req.query, localeOf(req), todayInShanghai());
    return send(req, reply, req.query.tab, { ...req.query }, file);
  });
}
