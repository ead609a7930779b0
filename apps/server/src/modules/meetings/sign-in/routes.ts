/** The sign-in API of a meeting (M2): the room screen's code, signing in, attendance by hand, the sign-in sheet and its PDF. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AttendanceInput, ErrorBody, IdParams, PrintQuery, SignInCode, SignInInput, SignInResult, SignInSheet } from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../../http/context.ts';
import { localeOf } from '../../../http/locale.ts';
import { now } from '../../../kernel/clock.ts';
import { execute } from '../../../kernel/command.ts';
import { baseUrlOf, pdfResponse, sendPdf } from '../../../kernel/pdf/index.ts';
import { recordAttendance, signInToMeeting } from './commands.ts';
import { signInCode, signInSheet, signInSheetPdf } from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function signInRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['meetings'];

  r.get('/api/meetings/:id/sign-in/code', {
    schema: {
      tags,
      summary: 'The room screen\'s sign-in code (签到码): valid for 30 s, with the page a phone opens, its QR code as SVG, when it changes and who has signed in — organiser, chair, recorder and administrators, from half an hour before the start until the end',
      params: IdParams,
      response: { 200: SignInCode, ...errors },
    },
  }, async (req, reply) => {
    const view = await signInCode(db, callerOf(req).actor, req.params.id, { baseUrl: baseUrlOf(deps.config.publicUrl, req), at: now() });
    return reply.header('cache-control', 'no-store').send(view);
  });

  r.post('/api/meetings/:id/sign-in', {
    schema: {
      tags,
      summary: 'Sign in to a meeting with the room screen\'s code (the signed-in attendee): present, or late after the start plus 5 minutes; 400 for an expired, forged or other meeting\'s code (`details.reason`), 409 when already signed in',
      params: IdParams,
      body: SignInInput,
      response: { 200: SignInResult, ...errors },
    },
  }, async (req) => execute(db, callerOf(req), signInToMeeting, { meetingId: req.params.id, code: req.body.code }));

  r.post('/api/meetings/:id/attendance', {
    schema: {
      tags,
      summary: 'Record an attendee\'s attendance by hand with a reason (recorder, chair): 补签 (present), 迟到 (late) or 缺席 (absent); answers the sign-in sheet',
      params: IdParams,
      body: AttendanceInput,
      response: { 200: SignInSheet, ...errors },
    },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, recordAttendance, { ...req.body, meetingId: req.params.id });
    return signInSheet(db, caller.actor, req.params.id);
  });

  r.get('/api/meetings/:id/sign-in-sheet', {
    schema: { tags, summary: 'The sign-in sheet (签到表): every attendee with reply, attendance, time, way, and who recorded it by hand and why', params: IdParams, response: { 200: SignInSheet, ...errors } },
  }, async (req) => signInSheet(db, callerOf(req).actor, req.params.id));

  r.get('/api/meetings/:id/sign-in-sheet.pdf', {
    schema: {
      tags,
      summary: 'The sign-in sheet as a PDF (签到表, Chinese text embedded); traced as a download',
      params: IdParams,
      querystring: PrintQuery,
      response: { 200: pdfResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const sheet = await signInSheetPdf(db, caller.actor, req.params.id, { locale: req.query.locale ?? localeOf(req), baseUrl: baseUrlOf(deps.config.publicUrl, req), generatedAt: now() });
    return sendPdf(db, caller, reply, { ...sheet, action: 'meeting.sign_in_sheet_pdf', subjectType: 'meeting', subjectId: sheet.meetingId, kind: 'attachment' });
  });
}
