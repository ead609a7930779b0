/**
 * The minutes' life (M3–M4): the recorder saves drafts (autosave; `baseRevision` guards against two tabs overwriting
 * each other) and submits version N; the chair returns it with a written comment or approves it — approval supersedes
 * the earlier approved version, distributes the minutes, opens the feedback window, archives the PDF (files kernel,
 * its SHA-256 in the trace) and turns each new resolution into a tracked task (督办, source `meeting_resolution`,
 * assigner the chair). Approved minutes change only through `reviseMinutes`, which starts a new draft from the
 * approved version with a required note; every version stays readable. A confidential meeting's content reaches the
 * ledger only as a commitment (and its SHA-256).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq, inArray } from 'drizzle-orm';
import type { MinutesContent, MinutesStatus } from '@henji/contracts';
import { authorize, can } from '../../../kernel/access/policy.ts';
import { beijingMinute } from '../../../kernel/clock.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, forbidden, invalid, notFound } from '../../../kernel/errors.ts';
import { attachFiles, uploadFile, type FileStore } from '../../../kernel/files/index.ts';
import type { FieldChange } from '../../../kernel/ledger/append.ts';
import { msg } from '../../../kernel/messages.ts';
import { departments } from '../../../kernel/org/schema.ts';
import { createTrackedTask } from '../../../kernel/tasks/index.ts';
import { loadMeetingSubject, type MeetingSubject } from '../meeting-policies.ts';
import { meetingMinutes, meetingMinutesFeedback, meetingMinutesVersions, meetingResolutions, type MeetingMinutesRow } from '../schema.ts';
import { checkContent, contentSha256, resolutionsOf } from './content.ts';
import { distributionOf, notifyMinutes } from './notices.ts';
import { minutesPdf } from './pdf.ts';

const DAY_MS = 86_400_000;
/** Task titles are the resolution's words after the meeting's topic, cut to the task title's limit. */
const TASK_TITLE_MAX = 200;

interface Locked {
  subject: MeetingSubject;
  minutes: MeetingMinutesRow | null;
}

/** Locks the meeting's minutes row (if any) and loads the meeting as its policy sees it; 404 for those who may not read it. */
async function lockMinutes(ctx: Ctx, meetingId: string): Promise<Locked> {
  const subject = await loadMeetingSubject(ctx.tx, meetingId);
  if (!subject || !can(ctx.actor, 'read', 'meeting', subject)) throw notFound('meeting');
  const [minutes] = await ctx.tx.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)).for('update');
  // Read again under the lock: the status the policy sees is the one this command changes.
  return { subject: { ...subject, minutesStatus: minutes?.status ?? null, approvedVersion: minutes?.approvedVersion ?? null }, minutes: minutes ?? null };
}

const isRecorder = (ctx: Ctx, s: MeetingSubject) => ctx.actor.kind === 'user' && ctx.actor.userId === s.row.recorderId;

/** Writing is the recorder's; a state that forbids it is a 409 for the recorder (a 403 for anyone else). */
function authorizeWriting(ctx: Ctx, s: MeetingSubject): void {
  if (isRecorder(ctx, s)) {
    if (s.minutesStatus === 'submitted') throw conflict(msg('minutes.under_review'));
  }
  authorize(ctx.actor, 'write_minutes', 'meeting', s, 'meeting');
}

function checkRevision(minutes: MeetingMinutesRow | null, baseRevision: number): void {
  const current = minutes?.draftRevision ?? 0;
  if (current !== baseRevision) {
    throw conflict(msg('minutes.stale_revision', { revision: current, savedAt: minutes ? beijingMinute(minutes.draftSavedAt) : '—' }), {
      revision: current,
      savedAt: minutes?.draftSavedAt.toISOString() ?? null,
    });
  }
}

/** The content as the ledger holds it: in the clear, or a commitment for a confidential meeting. */
function contentTrace(s: MeetingSubject, content: MinutesContent): { diff: Record<string, FieldChange>; confidential: string[] } {
  return { diff: { content: { after: content }, sha256: { after: contentSha256(content) } }, confidential: s.row.confidential ? ['content'] : [] };
}

export interface SaveDraftInput {
  meetingId: string;
  content: MinutesContent;
  baseRevision: number;
}

/** 自动保存: the recorder's draft; a first save creates the minutes. The trace holds the revision and the SHA-256 only. */
export const saveMinutesDraft = defineCommand('minutes.saveDraft', async (ctx, input: SaveDraftInput) => {
  const { subject, minutes } = await lockMinutes(ctx, input.meetingId);
  authorizeWriting(ctx, subject);
  if (minutes?.status === 'approved') throw conflict(msg('minutes.approved_revise_first'));
  checkRevision(minutes, input.baseRevision);
  await checkContent(ctx.tx, input.meetingId, input.content, null);
  const revision = (minutes?.draftRevision ?? 0) + 1;
  const [saved] = minutes
    ? await ctx.tx
        .update(meetingMinutes)
        .set({ content: input.content, draftRevision: revision, draftSavedAt: ctx.now, updatedAt: ctx.now })
        .where(eq(meetingMinutes.meetingId, input.meetingId))
        .returning()
    : await ctx.tx
        .insert(meetingMinutes)
        .values({ meetingId: input.meetingId, status: 'draft', content: input.content, draftRevision: revision, draftSavedAt: ctx.now, updatedAt: ctx.now })
        .returning();
  await ctx.trace({
    action: 'minutes.save_draft',
    subjectType: 'meeting_minutes',
    subjectId: input.meetingId,
    diff: { revision: { before: minutes?.draftRevision ?? 0, after: revision }, sha256: { after: contentSha256(input.content) } },
  });
  return saved!;
});

/** 提交审核: the draft at `baseRevision` becomes version N, with its SHA-256; the chair is told. */
export const submitMinutes = defineCommand('minutes.submit', async (ctx, input: { meetingId: string; baseRevision: number }) => {
  const { subject, minutes } = await lockMinutes(ctx, input.meetingId);
  authorizeWriting(ctx, subject);
  if (!minutes) throw conflict(msg('minutes.no_draft'));
  if (minutes.status === 'approved') throw conflict(msg('minutes.approved_revise_first'));
  checkRevision(minutes, input.baseRevision);
  await checkContent(ctx.tx, input.meetingId, minutes.content, ctx.now);
  if (ctx.actor.kind !== 'user') throw forbidden(msg('minutes.needs_user'));
  const version = minutes.latestVersion + 1;
  const sha256 = contentSha256(minutes.content);
  await ctx.tx.insert(meetingMinutesVersions).values({
    id: randomUUID(),
    meetingId: input.meetingId,
    version,
    content: minutes.content,
    contentSha256: sha256,
    state: 'submitted',
    revisionNote: minutes.revisionNote,
    submittedById: ctx.actor.userId,
    submittedAt: ctx.now,
  });
  await ctx.tx.update(meetingMinutes).set({ status: 'submitted', latestVersion: version, updatedAt: ctx.now }).where(eq(meetingMinutes.meetingId, input.meetingId));
  const content = contentTrace(subject, minutes.content);
  await ctx.trace({
    action: 'minutes.submit',
    subjectType: 'meeting_minutes',
    subjectId: input.meetingId,
    diff: { status: { before: minutes.status, after: 'submitted' }, version: { after: version }, ...content.diff },
    confidential: content.confidential,
    comment: minutes.revisionNote,
  });
  await notifyMinutes(ctx, subject.row, [subject.row.chairId], 'minutes.submitted', { recorder: ctx.actor.displayName, version: String(version) });
  return { version, sha256 };
});

async function lockForReview(ctx: Ctx, meetingId: string) {
  const { subject, minutes } = await lockMinutes(ctx, meetingId);
  authorize(ctx.actor, 'review_minutes', 'meeting', subject, 'meeting');
  const [version] = await ctx.tx
    .select()
    .from(meetingMinutesVersions)
    .where(and(eq(meetingMinutesVersions.meetingId, meetingId), eq(meetingMinutesVersions.version, minutes!.latestVersion)))
    .for('update');
  if (ctx.actor.kind !== 'user') throw forbidden(msg('minutes.needs_user'));
  return { subject, minutes: minutes!, version: version!, chair: ctx.actor };
}

/** 退回: the chair's written comment goes on the version and to the recorder, who edits the draft again. */
export const returnMinutes = defineCommand('minutes.return', async (ctx, input: { meetingId: string; comment: string }) => {
  const { subject, minutes, version, chair } = await lockForReview(ctx, input.meetingId);
  const comment = input.comment.trim();
  if (comment === '') throw invalid({ comment: msg('minutes.required') });
  await ctx.tx
    .update(meetingMinutesVersions)
    .set({ state: 'returned', reviewedById: chair.userId, reviewedAt: ctx.now, reviewComment: comment })
    .where(eq(meetingMinutesVersions.id, version.id));
  await ctx.tx.update(meetingMinutes).set({ status: 'returned', updatedAt: ctx.now }).where(eq(meetingMinutes.meetingId, input.meetingId));
  await ctx.trace({
    action: 'minutes.return',
    subjectType: 'meeting_minutes',
    subjectId: input.meetingId,
    diff: { status: { before: minutes.status, after: 'returned' }, version: { after: version.version } },
    comment,
  });
  await notifyMinutes(ctx, subject.row, [subject.row.recorderId], 'minutes.returned', { version: String(version.version), comment });
  return { version: version.version };
});

export interface ApproveInput {
  meetingId: string;
  distributionDepartmentIds: string[];
  feedbackDays: number;
  comment?: string | undefined;
  /** Where the archived PDF goes, and the address printed on it. */
  archive: { store: FileStore; baseUrl: string };
}

export interface ApproveResult {
  version: number;
  pdfSha256: string;
  createdTaskIds: string[];
  /** Resolutions this version no longer carries: their tasks were left as they were. */
  removedResolutionKeys: string[];
}

/**
 * 批准: the version is approved (the earlier approved one superseded), the minutes go to the attendees and the
 * invited and chosen departments, feedback is open for `feedbackDays`, the PDF is archived and every resolution
 * without a task gets one. A resolution kept from an earlier version (same key) keeps its task; its row follows the
 * new wording. One the new version dropped keeps its task too — closing it is the assigner's decision — and is marked
 * `removed_in_version`, which the resolution list and the answer show.
 */
export const approveMinutes = defineCommand('minutes.approve', async (ctx, input: ApproveInput): Promise<ApproveResult> => {
  const { subject, minutes, version, chair } = await lockForReview(ctx, input.meetingId);
  const meeting = subject.row;
  const chosen = [...new Set(input.distributionDepartmentIds)];
  if (chosen.length > 0) {
    const found = await ctx.tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, chosen), eq(departments.active, true)));
    if (found.length !== chosen.length) throw invalid({ distributionDepartmentIds: msg('minutes.no_such_department') });
  }
  await checkContent(ctx.tx, meeting.id, version.content, ctx.now);

  // 1. The version and the minutes.
  const comment = input.comment?.trim() || null;
  await ctx.tx
    .update(meetingMinutesVersions)
    .set({ state: 'superseded' })
    .where(and(eq(meetingMinutesVersions.meetingId, meeting.id), eq(meetingMinutesVersions.state, 'approved')));
  const feedbackUntil = new Date(ctx.now.getTime() + input.feedbackDays * DAY_MS);
  const distribution = [...new Set([...meeting.departmentIds, ...chosen])];

  // 2. The archived PDF, built from this version as approved now.
  const pdf = await minutesPdf(ctx.tx, {
    meeting,
    version: version.version,
    state: 'approved',
    content: version.content,
    contentSha256: version.contentSha256,
    revisionNote: version.revisionNote,
    reviewedById: chair.userId,
    reviewedAt: ctx.now,
    locale: 'zh-CN',
    baseUrl: input.archive.baseUrl,
    generatedAt: ctx.now,
  });
  const blob = await input.archive.store.put(Readable.from([pdf.bytes]));
  const file = await uploadFile.run(ctx, { name: pdf.fileName, mime: 'application/pdf', size: blob.size, sha256: blob.sha256 });
  await attachFiles(ctx, { fileIds: [file.id], subjectType: 'meeting_minutes', subjectId: meeting.id });

  await ctx.tx
    .update(meetingMinutesVersions)
    .set({ state: 'approved', reviewedById: chair.userId, reviewedAt: ctx.now, reviewComment: comment, pdfFileId: file.id, pdfSha256: blob.sha256 })
    .where(eq(meetingMinutesVersions.id, version.id));
  await ctx.tx
    .update(meetingMinutes)
    .set({ status: 'approved', approvedVersion: version.version, distributionDepartmentIds: chosen, feedbackUntil, revisionNote: null, updatedAt: ctx.now })
    .where(eq(meetingMinutes.meetingId, meeting.id));

  // 3. Resolutions → tracked tasks.
  const existing = new Map(
    (await ctx.tx.select().from(meetingResolutions).where(eq(meetingResolutions.meetingId, meeting.id)).for('update')).map((r) => [r.key, r]),
  );
  const createdTaskIds: string[] = [];
  const carried = new Set<string>();
  let position = 0;
  for (const { item, resolution } of resolutionsOf(version.content)) {
    carried.add(resolution.key);
    const fields = {
      agendaItemId: item.agendaItemId,
      position: position++,
      content: resolution.content,
      departmentId: resolution.departmentId,
      ownerId: resolution.ownerId,
      deadline: resolution.deadline ? new Date(resolution.deadline) : null,
      removedInVersion: null,
    };
    const known = existing.get(resolution.key);
    if (known?.taskId) {
      await ctx.tx.update(meetingResolutions).set(fields).where(eq(meetingResolutions.id, known.id));
      continue;
    }
    const task = await createTrackedTask(ctx, {
      title: `【${meeting.topic}】${resolution.content}`.slice(0, TASK_TITLE_MAX),
      description: [item.title, resolution.content].join('\n'),
      source: 'meeting_resolution',
      sourceRef: meeting.id,
      departmentId: resolution.departmentId,
      ownerId: resolution.ownerId,
      assignerId: chair.userId,
      deadline: fields.deadline,
    });
    createdTaskIds.push(task.id);
    if (known) await ctx.tx.update(meetingResolutions).set({ ...fields, taskId: task.id }).where(eq(meetingResolutions.id, known.id));
    else await ctx.tx.insert(meetingResolutions).values({ id: randomUUID(), meetingId: meeting.id, key: resolution.key, version: version.version, taskId: task.id, createdAt: ctx.now, ...fields });
  }
  const removedResolutionKeys = [...existing.values()].filter((r) => !carried.has(r.key) && r.removedInVersion === null).map((r) => r.key);
  if (removedResolutionKeys.length > 0) {
    await ctx.tx
      .update(meetingResolutions)
      .set({ removedInVersion: version.version })
      .where(and(eq(meetingResolutions.meetingId, meeting.id), inArray(meetingResolutions.key, removedResolutionKeys)));
  }

  const content = contentTrace(subject, version.content);
  await ctx.trace({
    action: 'minutes.approve',
    subjectType: 'meeting_minutes',
    subjectId: meeting.id,
    diff: {
      status: { before: minutes.status, after: 'approved' },
      version: { after: version.version },
      ...content.diff,
      distributionDepartmentIds: { after: distribution },
      feedbackUntil: { after: feedbackUntil.toISOString() },
      resolutions: { after: carried.size },
      ...(removedResolutionKeys.length > 0 ? { removedResolutions: { after: removedResolutionKeys } } : {}),
    },
    confidential: content.confidential,
    comment,
    evidence: [{ name: pdf.fileName, sha256: blob.sha256 }],
  });

  // 4. Distribution.
  const readers = await distributionOf(ctx, meeting, distribution);
  await notifyMinutes(ctx, meeting, readers, 'minutes.approved', { version: String(version.version), until: beijingMinute(feedbackUntil) });
  return { version: version.version, pdfSha256: blob.sha256, createdTaskIds, removedResolutionKeys };
});

/** 修订: a new draft from the approved version, with a required note; the approved version stays as it is. */
export const reviseMinutes = defineCommand('minutes.revise', async (ctx, input: { meetingId: string; note: string }) => {
  const { subject, minutes } = await lockMinutes(ctx, input.meetingId);
  authorizeWriting(ctx, subject);
  if (!minutes || minutes.status !== 'approved' || minutes.approvedVersion === null) throw conflict(msg('minutes.not_approved'));
  const note = input.note.trim();
  if (note === '') throw invalid({ note: msg('minutes.required') });
  const [approved] = await ctx.tx
    .select({ content: meetingMinutesVersions.content })
    .from(meetingMinutesVersions)
    .where(and(eq(meetingMinutesVersions.meetingId, input.meetingId), eq(meetingMinutesVersions.version, minutes.approvedVersion)));
  const revision = minutes.draftRevision + 1;
  const status: MinutesStatus = 'draft';
  await ctx.tx
    .update(meetingMinutes)
    .set({ status, content: approved!.content, draftRevision: revision, draftSavedAt: ctx.now, revisionNote: note, updatedAt: ctx.now })
    .where(eq(meetingMinutes.meetingId, input.meetingId));
  await ctx.trace({
    action: 'minutes.revise',
    subjectType: 'meeting_minutes',
    subjectId: input.meetingId,
    diff: { status: { before: minutes.status, after: status }, version: { after: minutes.approvedVersion }, revision: { before: minutes.draftRevision, after: revision } },
    comment: note,
  });
  return { revision };
});

/** 反馈意见 on the approved minutes, by their readers, until the window closes. */
export const sendMinutesFeedback = defineCommand('minutes.feedback', async (ctx, input: { meetingId: string; body: string }) => {
  const { subject, minutes } = await lockMinutes(ctx, input.meetingId);
  authorize(ctx.actor, 'feedback', 'meeting', subject, 'meeting');
  if (ctx.actor.kind !== 'user') throw forbidden(msg('minutes.needs_user'));
  if (!minutes?.feedbackUntil || minutes.approvedVersion === null) throw conflict(msg('minutes.not_approved'));
  if (ctx.now.getTime() >= minutes.feedbackUntil.getTime()) throw conflict(msg('minutes.feedback_closed', { until: beijingMinute(minutes.feedbackUntil) }));
  const body = input.body.trim();
  if (body === '') throw invalid({ body: msg('minutes.required') });
  const id = randomUUID();
  await ctx.tx.insert(meetingMinutesFeedback).values({ id, meetingId: input.meetingId, version: minutes.approvedVersion, authorId: ctx.actor.userId, body, createdAt: ctx.now });
  const confidential = subject.row.confidential;
  await ctx.trace({
    action: 'minutes.feedback',
    subjectType: 'meeting_minutes',
    subjectId: input.meetingId,
    diff: { version: { after: minutes.approvedVersion }, ...(confidential ? { body: { after: body } } : {}) },
    confidential: confidential ? ['body'] : [],
    comment: confidential ? null : body,
  });
  await notifyMinutes(ctx, subject.row, [subject.row.recorderId, subject.row.chairId], 'minutes.feedback', { author: ctx.actor.displayName, body });
  return { id };
});
