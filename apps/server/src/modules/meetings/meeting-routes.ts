/** The meetings API (M1): create, read, list, change, notice, replies, reminders, cancellation, the form's check. */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CancelMeetingInput, ErrorBody, PrintQuery, IdParams, Meeting, MeetingCheck, MeetingCheckInput, MeetingInput, MeetingListQuery, MeetingPage, MeetingPatch, MeetingReplyInput, RemindInput, RemindResult, SendNoticeInput } from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { now } from '../../kernel/clock.ts';
import { execute } from '../../kernel/command.ts';
import { cancelMeeting } from './commands/cancel-meeting.ts';
import { createMeeting, sendNotice } from './commands/meetings.ts';
import { remindMeeting, replyToMeeting } from './commands/replies.ts';
import { updateMeeting } from './commands/update-meeting.ts';
import { checkMeeting } from './meeting-check.ts';
import { getMeeting, listMeetings } from './meeting-queries.ts';
import { noticePdf } from './notice-pdf.ts';
import { baseUrlOf, pdfResponse, sendPdf } from '../../kernel/pdf/index.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function meetingRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['meetings'];

  r.get('/api/meetings', {
    schema: { tags, summary: 'Meetings I take part in (upcoming / past), those I organise, or all (administrators, audit); filters, sorting, pages', querystring: MeetingListQuery, response: { 200: MeetingPage, ...errors } },
  }, async (req) => listMeetings(db, callerOf(req).actor, req.query, now()));

  r.post('/api/meetings', {
    schema: {
      tags,
      summary: 'Arrange a meeting (or a series from an RRULE), booking its room and equipment in the same step; `sendNotice` sends the notice at once. 400 with `details.warnings` for a room too small or an agenda too long unless overridden; 409 naming the conflicts of every occurrence',
      body: MeetingInput,
      response: { 201: Meeting, ...errors },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const created = await execute(db, caller, createMeeting, req.body);
    return reply.status(201).send(await getMeeting(db, caller.actor, created.id, localeOf(req)));
  });

  r.get('/api/meetings/:id', { schema: { tags, summary: 'A meeting (404 for those who may not read it)', params: IdParams, response: { 200: Meeting, ...errors } } },
    async (req) => getMeeting(db, callerOf(req).actor, req.params.id, localeOf(req)));

  r.post('/api/meetings/:id/notice', {
    schema: { tags, summary: 'Send the notice (in-app, email with .ics, group robots); again after a change; `scope: following` for the rest of a series', params: IdParams, body: SendNoticeInput, response: { 200: Meeting, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, sendNotice, { id: req.params.id, ...req.body });
    return getMeeting(db, caller.actor, req.params.id, localeOf(req));
  });

  r.post('/api/meetings/check', {
    schema: {
      tags,
      summary: 'What saving this meeting would say — field errors, warnings, and per occurrence the conflicts and free slots of the same length; writes nothing',
      body: MeetingCheckInput,
      response: { 200: MeetingCheck, ...errors },
    },
  }, async (req) => checkMeeting(db, callerOf(req).actor, req.body, now(), localeOf(req)));

  r.patch('/api/meetings/:id', {
    schema: {
      tags,
      summary: 'Change a meeting, or (`scope: following`) this and every later occurrence of its series; a new `recurrence` (following only) starts a new series from here. Moves the booking in the same step; once noticed, tells the people and raises the SEQUENCE',
      params: IdParams,
      body: MeetingPatch,
      response: { 200: Meeting, ...errors },
    },
  }, async (req) => {
    const caller = callerOf(req);
    const result = await execute(db, caller, updateMeeting, { id: req.params.id, patch: req.body });
    return getMeeting(db, caller.actor, result.ids[0] ?? req.params.id, localeOf(req));
  });

  r.post('/api/meetings/:id/cancel', {
    schema: { tags, summary: 'Call the meeting off (or this and every later occurrence) with a reason; bookings released at once, the people told', params: IdParams, body: CancelMeetingInput, response: { 200: Meeting, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, cancelMeeting, { id: req.params.id, ...req.body });
    return getMeeting(db, caller.actor, req.params.id, localeOf(req));
  });

  r.post('/api/meetings/:id/replies', {
    schema: { tags, summary: 'My answer to the notice: accept, decline with a reason, or delegate to an active colleague not yet invited', params: IdParams, body: MeetingReplyInput, response: { 200: Meeting, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, replyToMeeting, { id: req.params.id, ...req.body });
    return getMeeting(db, caller.actor, req.params.id, localeOf(req));
  });

  r.post('/api/meetings/:id/remind', {
    schema: { tags, summary: 'Remind the required attendees who have not answered (at most once an hour per meeting)', params: IdParams, body: RemindInput, response: { 200: RemindResult, ...errors } },
  }, async (req) => execute(db, callerOf(req), remindMeeting, { id: req.params.id, ...req.body }));

  r.get('/api/meetings/:id/notice.pdf', {
    schema: {
      tags,
      summary: 'The notice as a PDF (会议通知: topic, time, place, chair, recorder, attendees, purpose, agenda, materials; Chinese text embedded); traced as a download',
      params: IdParams,
      querystring: PrintQuery,
      response: { 200: pdfResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const pdf = await noticePdf(db, caller.actor, req.params.id, { locale: req.query.locale ?? localeOf(req), baseUrl: baseUrlOf(deps.config.publicUrl, req), generatedAt: now() });
    return sendPdf(db, caller, reply, { ...pdf, action: 'meeting.notice_pdf', subjectType: 'meeting', subjectId: pdf.meetingId, kind: 'attachment' });
  });
}
