/**
 * The minutes API (M3–M4) under `/api/meetings/{id}`: the working minutes and the draft (PUT, autosave), submit,
 * approve, return, revise, feedback, versions with their diff and PDF, the resolutions with their tasks' progress
 * (and as xlsx), and the previous meeting's resolutions for a series. Routes read through queries and change only
 * through commands.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveMinutesInput,
  ErrorBody,
  IdParams,
  MeetingResolutions,
  Minutes,
  MinutesDiffQuery,
  MinutesFeedbackInput,
  MinutesVersionDetail,
  MinutesVersionParams,
  PreviousResolutions,
  PrintQuery,
  ReturnMinutesInput,
  ReviseMinutesInput,
  SaveMinutesInput,
  SubmitMinutesInput,
  VersionDiff,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../../http/context.ts';
import { localeOf } from '../../../http/locale.ts';
import { now } from '../../../kernel/clock.ts';
import { execute } from '../../../kernel/command.ts';
import { contentDisposition } from '../../../kernel/files/routes.ts';
import { fileStoreFor } from '../../../kernel/files/index.ts';
import { baseUrlOf, pdfPageCount, pdfResponse, sendPdf } from '../../../kernel/pdf/index.ts';
import { XLSX_TYPE } from '../../../kernel/xlsx/workbook.ts';
import { approveMinutes, returnMinutes, reviseMinutes, saveMinutesDraft, sendMinutesFeedback, submitMinutes } from './commands.ts';
import { recordResolutionsExport, resolutionsWorkbook } from './export.ts';
import { readableMeeting } from '../meeting-policies.ts';
import { minutesPdf, minutesPdfFileName } from './pdf.ts';
import { getMinutes, getVersion, listResolutions, previousResolutions, readableVersion, versionDiff } from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function minutesRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['meetings'];
  const store = fileStoreFor(deps.config);
  const minutesOf = (req: Parameters<typeof callerOf>[0], id: string) => getMinutes(db, callerOf(req).actor, id, now());

  r.get('/api/meetings/:id/minutes', {
    schema: { tags, summary: 'The minutes: status, the draft (for the recorder; the chair while under review), versions, feedback, allowed actions', params: IdParams, response: { 200: Minutes, ...errors } },
  }, async (req) => minutesOf(req, req.params.id));
  r.put('/api/meetings/:id/minutes', {
    schema: { tags, summary: 'Save the recorder\'s draft (autosave); 409 when baseRevision is stale or the minutes are under review or approved', params: IdParams, body: SaveMinutesInput, response: { 200: Minutes, ...errors } },
  }, async (req) => {
    await execute(db, callerOf(req), saveMinutesDraft, { meetingId: req.params.id, ...req.body });
    return minutesOf(req, req.params.id);
  });
  r.post('/api/meetings/:id/minutes/submit', {
    schema: { tags, summary: 'Submit the draft to the chair as a new version (SHA-256 of its canonical JSON)', params: IdParams, body: SubmitMinutesInput, response: { 200: Minutes, ...errors } },
  }, async (req) => {
    await execute(db, callerOf(req), submitMinutes, { meetingId: req.params.id, ...req.body });
    return minutesOf(req, req.params.id);
  });
  r.post('/api/meetings/:id/minutes/return', {
    schema: { tags, summary: 'The chair returns the submitted version with a written comment', params: IdParams, body: ReturnMinutesInput, response: { 200: Minutes, ...errors } },
  }, async (req) => {
    await execute(db, callerOf(req), returnMinutes, { meetingId: req.params.id, comment: req.body.comment });
    return minutesOf(req, req.params.id);
  });
  r.post('/api/meetings/:id/minutes/approve', {
    schema: {
      tags,
      summary: 'The chair approves: distribution, feedback window, archived PDF (SHA-256 traced), a tracked task per new resolution',
      params: IdParams,
      body: ApproveMinutesInput,
      response: { 200: Minutes, ...errors },
    },
  }, async (req) => {
    await execute(db, callerOf(req), approveMinutes, {
      meetingId: req.params.id,
      distributionDepartmentIds: req.body.distributionDepartmentIds,
      feedbackDays: req.body.feedbackDays,
      comment: req.body.comment,
      archive: { store, baseUrl: baseUrlOf(deps.config.publicUrl, req) },
    });
    return minutesOf(req, req.params.id);
  });
  r.post('/api/meetings/:id/minutes/revise', {
    schema: { tags, summary: 'Start a revision of approved minutes (a new draft from the approved version, with a required note)', params: IdParams, body: ReviseMinutesInput, response: { 200: Minutes, ...errors } },
  }, async (req) => {
    await execute(db, callerOf(req), reviseMinutes, { meetingId: req.params.id, note: req.body.note });
    return minutesOf(req, req.params.id);
  });
  r.post('/api/meetings/:id/minutes/feedback', {
    schema: { tags, summary: 'Feedback on the approved minutes, within the feedback window', params: IdParams, body: MinutesFeedbackInput, response: { 200: Minutes, ...errors } },
  }, async (req) => {
    await execute(db, callerOf(req), sendMinutesFeedback, { meetingId: req.params.id, body: req.body.body });
    return minutesOf(req, req.params.id);
  });

  r.get('/api/meetings/:id/minutes/versions/:n', {
    schema: { tags, summary: 'One version with its content (approved ones for every reader; others for those who keep the minutes)', params: MinutesVersionParams, response: { 200: MinutesVersionDetail, ...errors } },
  }, async (req) => getVersion(db, callerOf(req).actor, req.params.id, req.params.n));
  r.get('/api/meetings/:id/minutes/versions/:n/diff', {
    schema: { tags, summary: 'What changed from version `against` (default: the one before) to version n, per agenda item', params: MinutesVersionParams, querystring: MinutesDiffQuery, response: { 200: VersionDiff, ...errors } },
  }, async (req) => versionDiff(db, callerOf(req).actor, req.params.id, req.params.n, req.query.against));
  r.get('/api/meetings/:id/minutes/versions/:n.pdf', {
    schema: {
      tags,
      summary: '会议纪要 of a version as PDF (Chinese embedded): the archived bytes of an approved version, else built now; traced as a download',
      params: MinutesVersionParams,
      querystring: PrintQuery,
      response: { 200: pdfResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const { subject, version } = await readableVersion(db, caller.actor, req.params.id, req.params.n);
    // An approved version is sent as archived at its approval (the bytes whose SHA-256 its trace holds, written in
    // Chinese); others are built now.
    const archived = version.pdfSha256 && (await store.exists(version.pdfSha256)) ? await readAll(await store.open(version.pdfSha256)) : null;
    const pdf = archived
      ? { bytes: archived, pages: pdfPageCount(archived), fileName: minutesPdfFileName(subject.row, version.version, 'zh-CN') }
      : await minutesPdf(db, {
          meeting: subject.row,
          version: version.version,
          state: version.state,
          content: version.content,
          contentSha256: version.contentSha256,
          revisionNote: version.revisionNote,
          reviewedById: version.reviewedById,
          reviewedAt: version.reviewedAt,
          locale: req.query.locale ?? localeOf(req),
          baseUrl: baseUrlOf(deps.config.publicUrl, req),
          generatedAt: now(),
        });
    return sendPdf(db, caller, reply, {
      ...pdf,
      action: 'minutes.pdf_download',
      subjectType: 'meeting_minutes',
      subjectId: subject.row.id,
      kind: 'attachment',
    });
  });

  r.get('/api/meetings/:id/resolutions', {
    schema: { tags, summary: 'The meeting\'s resolutions, each with its task\'s status, owner, deadline and last report', params: IdParams, response: { 200: MeetingResolutions, ...errors } },
  }, async (req) => ({ items: await listResolutions(db, callerOf(req).actor, req.params.id) }));
  r.get('/api/meetings/:id/previous-resolutions', {
    schema: { tags, summary: '上次会议决议落实情况: the previous meeting of the series and its resolutions with their status', params: IdParams, response: { 200: PreviousResolutions, ...errors } },
  }, async (req) => previousResolutions(db, callerOf(req).actor, req.params.id));
  // Untyped response on purpose, as for file contents: the answer is xlsx bytes. Built first, traced, then sent.
  app.get<{ Params: z.infer<typeof IdParams> }>('/api/meetings/:id/resolutions.xlsx', {
    schema: { tags, summary: '决议跟踪表 as xlsx (traced as an export)', params: IdParams, response: { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const { row } = await readableMeeting(db, caller.actor, req.params.id);
    const file = await resolutionsWorkbook(row.topic, await listResolutions(db, caller.actor, req.params.id), localeOf(req));
    await execute(db, caller, recordResolutionsExport, { meetingId: req.params.id, name: file.name, rows: file.rows, sha256: file.sha256 });
    return reply.type(XLSX_TYPE).header('content-disposition', contentDisposition(file.name)).header('cache-control', 'no-store').send(file.bytes);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
