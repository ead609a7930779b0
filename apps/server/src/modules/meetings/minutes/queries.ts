/**
 * Reading minutes and resolutions: the working state for the meeting page (the draft only for whoever keeps the
 * minutes), versions and their diff, the resolutions with their tasks' progress, and the previous meeting of a
 * series' resolutions (上次会议决议落实情况). Every read starts from `readableMeeting` (404 for others).
 */
import { and, asc, desc, eq, inArray, lt } from 'drizzle-orm';
import type { MeetingResolution, Minutes, MinutesContent, MinutesPerson, MinutesVersionDetail, PreviousResolutions, VersionDiff } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import type { Actor } from '../../../kernel/actor.ts';
import { allowedActions } from '../../../kernel/access/policy.ts';
import { beijingMinute } from '../../../kernel/clock.ts';
import { DomainError } from '../../../kernel/errors.ts';
import { msg } from '../../../kernel/messages.ts';
import { departments, users } from '../../../kernel/org/schema.ts';
import { taskReports, trackedTasks } from '../../../kernel/tasks/schema.ts';
import { readableMeeting, type MeetingSubject } from '../meeting-policies.ts';
import {
  meetingAgendaItems,
  meetingAttendees,
  meetingMinutes,
  meetingMinutesFeedback,
  meetingMinutesVersions,
  meetings,
  meetingResolutions,
  type MeetingMinutesVersionRow,
} from '../schema.ts';
import { initialContent } from './content.ts';
import { diffMinutes, type Labeler } from './diff.ts';
import { keepsMinutes, mayReadVersion } from './policies.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function peopleById(q: Queryable, ids: string[]) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map<string, { id: string; displayName: string; departmentId: string | null }>();
  const rows = await q.select({ id: users.id, displayName: users.displayName, departmentId: users.departmentId }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r]));
}

async function departmentNames(q: Queryable, ids: string[]) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await q.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What the caller may do with the minutes now, in the words of the web: save, submit, approve, return, revise, feedback. */
function minutesActions(actor: Actor, s: MeetingSubject, feedbackOpen: boolean): string[] {
  const can = new Set(allowedActions(actor, 'meeting', s));
  const out: string[] = [];
  if (can.has('write_minutes')) {
    if (s.minutesStatus === 'approved') out.push('revise');
    else out.push('save', 'submit');
  }
  if (can.has('review_minutes')) out.push('approve', 'return');
  if (can.has('feedback') && feedbackOpen) out.push('feedback');
  return out;
}

export async function getMinutes(q: Queryable, actor: Actor, meetingId: string, at: Date): Promise<Minutes> {
  const subject = await readableMeeting(q, actor, meetingId);
  const [minutes] = await q.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId));
  const [versions, feedback, attendees] = await Promise.all([
    q.select().from(meetingMinutesVersions).where(eq(meetingMinutesVersions.meetingId, meetingId)).orderBy(asc(meetingMinutesVersions.version)),
    q.select().from(meetingMinutesFeedback).where(eq(meetingMinutesFeedback.meetingId, meetingId)).orderBy(asc(meetingMinutesFeedback.createdAt)),
    q.select({ userId: meetingAttendees.userId, reply: meetingAttendees.reply }).from(meetingAttendees).where(eq(meetingAttendees.meetingId, meetingId)),
  ]);
  const row = subject.row;
  const seated = attendees.filter((a) => a.reply !== 'delegated').map((a) => a.userId);
  // Besides the meeting's own people, everyone the minutes name (an owner from another department), so the web can name them.
  const named = referencesOf([...(minutes ? [minutes.content] : []), ...versions.filter((v) => mayReadVersion(actor, subject, v.state)).map((v) => v.content)]).users;
  const others = [...new Set([row.chairId, row.recorderId, row.organiserId, ...named])].filter((id) => !seated.includes(id));
  const people = await peopleById(q, [
    ...seated,
    ...others,
    ...versions.flatMap((v) => [v.submittedById, ...(v.reviewedById ? [v.reviewedById] : [])]),
    ...feedback.map((f) => f.authorId),
  ]);
  const depts = await departmentNames(q, [
    ...[...people.values()].flatMap((p) => (p.departmentId ? [p.departmentId] : [])),
    ...subject.distributionDepartmentIds,
  ]);
  const person = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? '—' });
  const pickable = (id: string, attendee: boolean): MinutesPerson => {
    const p = people.get(id);
    return { id, displayName: p?.displayName ?? '—', department: p?.departmentId ? { id: p.departmentId, name: depts.get(p.departmentId) ?? '—' } : null, attendee };
  };
  const keeps = keepsMinutes(actor, subject);
  const seesDraft = actor.kind === 'system' || (actor.kind === 'user' && actor.userId === row.recorderId);
  const feedbackOpen = minutes?.feedbackUntil != null && at.getTime() < minutes.feedbackUntil.getTime();
  return {
    meetingId,
    status: minutes?.status ?? null,
    confidential: row.confidential,
    draft: seesDraft || (keeps && minutes?.status === 'submitted')
      ? {
          content: minutes?.content ?? (await initialContent(q, meetingId)),
          revision: minutes?.draftRevision ?? 0,
          savedAt: minutes ? iso(minutes.draftSavedAt) : null,
          revisionNote: minutes?.revisionNote ?? null,
        }
      : null,
    latestVersion: minutes?.latestVersion ?? 0,
    approvedVersion: minutes?.approvedVersion ?? null,
    versions: versions.map((v) => presentVersion(v, person, mayReadVersion(actor, subject, v.state))),
    distributionDepartments: (minutes?.approvedVersion != null ? subject.distributionDepartmentIds : []).map((id) => ({ id, name: depts.get(id) ?? '—' })),
    feedbackUntil: iso(minutes?.feedbackUntil ?? null),
    feedback: feedback.map((f) => ({ id: f.id, version: f.version, author: person(f.authorId), body: f.body, createdAt: f.createdAt.toISOString() })),
    people: [...seated.map((id) => pickable(id, true)), ...others.map((id) => pickable(id, false))],
    allowedActions: minutesActions(actor, subject, feedbackOpen),
  };
}

function presentVersion(v: MeetingMinutesVersionRow, person: (id: string) => { id: string; displayName: string }, readable: boolean) {
  return {
    version: v.version,
    state: v.state,
    contentSha256: v.contentSha256,
    revisionNote: v.revisionNote,
    submittedBy: person(v.submittedById),
    submittedAt: v.submittedAt.toISOString(),
    reviewedBy: v.reviewedById ? person(v.reviewedById) : null,
    reviewedAt: iso(v.reviewedAt),
    reviewComment: v.reviewComment,
    pdfSha256: v.pdfSha256,
    readable,
  };
}

/** One version the caller may read, or 404 (also for a version that does not exist or that they may not open). */
export async function readableVersion(q: Queryable, actor: Actor, meetingId: string, n: number): Promise<{ subject: MeetingSubject; version: MeetingMinutesVersionRow }> {
  const subject = await readableMeeting(q, actor, meetingId);
  const [version] = await q
    .select()
    .from(meetingMinutesVersions)
    .where(and(eq(meetingMinutesVersions.meetingId, meetingId), eq(meetingMinutesVersions.version, n)));
  if (!version || !mayReadVersion(actor, subject, version.state)) throw new DomainError('not_found', msg('minutes.no_such_version', { n }));
  return { subject, version };
}

export async function getVersion(q: Queryable, actor: Actor, meetingId: string, n: number): Promise<MinutesVersionDetail> {
  const { version } = await readableVersion(q, actor, meetingId, n);
  const people = await peopleById(q, [version.submittedById, ...(version.reviewedById ? [version.reviewedById] : [])]);
  const person = (id: string) => ({ id, displayName: people.get(id)?.displayName ?? '—' });
  return { ...presentVersion(version, person, true), content: version.content };
}

export async function versionDiff(q: Queryable, actor: Actor, meetingId: string, n: number, against: number | undefined): Promise<VersionDiff> {
  const { version } = await readableVersion(q, actor, meetingId, n);
  const older = against ?? n - 1;
  const base = older < 1 ? { items: [], notes: '' } : (await readableVersion(q, actor, meetingId, older)).version.content;
  const refs = referencesOf([base, version.content]);
  const [people, depts] = await Promise.all([peopleById(q, refs.users), departmentNames(q, refs.departments)]);
  const label: Labeler = (field, value) => {
    if (value === null) return '';
    if (field === 'ownerId') return people.get(value)?.displayName ?? value;
    if (field === 'departmentId') return depts.get(value) ?? value;
    return beijingMinute(value);
  };
  return diffMinutes(Math.max(older, 0), n, base, version.content, label);
}

/** The people and departments a content names (speakers, owners, departments). */
function referencesOf(contents: MinutesContent[]): { users: string[]; departments: string[] } {
  const users = new Set<string>();
  const departments = new Set<string>();
  for (const content of contents) {
    for (const item of content.items) {
      for (const s of item.statements) {
        if (s.speakerId) users.add(s.speakerId);
        if (s.departmentId) departments.add(s.departmentId);
      }
      for (const r of item.resolutions) {
        if (r.ownerId) users.add(r.ownerId);
        if (r.departmentId) departments.add(r.departmentId);
      }
    }
  }
  return { users: [...users], departments: [...departments] };
}

/** The meeting's resolutions in order, each with its task's status, owner, deadline and last report (if the caller may read the task). */
export async function listResolutions(q: Queryable, actor: Actor, meetingId: string): Promise<MeetingResolution[]> {
  await readableMeeting(q, actor, meetingId);
  return resolutionsOfMeeting(q, meetingId);
}

async function resolutionsOfMeeting(q: Queryable, meetingId: string): Promise<MeetingResolution[]> {
  const rows = await q.select().from(meetingResolutions).where(eq(meetingResolutions.meetingId, meetingId)).orderBy(asc(meetingResolutions.position), asc(meetingResolutions.createdAt));
  if (rows.length === 0) return [];
  const taskIds = rows.flatMap((r) => (r.taskId ? [r.taskId] : []));
  const agendaIds = rows.flatMap((r) => (r.agendaItemId ? [r.agendaItemId] : []));
  const [tasks, reports, agenda] = await Promise.all([
    taskIds.length === 0 ? Promise.resolve([]) : q.select().from(trackedTasks).where(inArray(trackedTasks.id, taskIds)),
    taskIds.length === 0
      ? Promise.resolve([])
      : q
          .selectDistinctOn([taskReports.taskId], { taskId: taskReports.taskId, at: taskReports.createdAt, workDone: taskReports.workDone, nextSteps: taskReports.nextSteps })
          .from(taskReports)
          .where(inArray(taskReports.taskId, taskIds))
          .orderBy(taskReports.taskId, desc(taskReports.createdAt)),
    agendaIds.length === 0 ? Promise.resolve([]) : q.select({ id: meetingAgendaItems.id, title: meetingAgendaItems.title }).from(meetingAgendaItems).where(inArray(meetingAgendaItems.id, agendaIds)),
  ]);
  const taskOf = new Map(tasks.map((t) => [t.id, t]));
  const reportOf = new Map(reports.map((r) => [r.taskId, r]));
  const agendaOf = new Map(agenda.map((a) => [a.id, a.title]));
  const people = await peopleById(q, [...rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])), ...tasks.flatMap((t) => (t.ownerId ? [t.ownerId] : []))]);
  const depts = await departmentNames(q, rows.flatMap((r) => (r.departmentId ? [r.departmentId] : [])));
  const person = (id: string | null) => (id ? { id, displayName: people.get(id)?.displayName ?? '—' } : null);
  // The meeting's readers follow what it resolved: each task's status, owner, deadline and last report (issue 11 item 7);
  // the task itself (its reports' evidence, its trace) stays readable only by the task's own readers.
  return rows.map((r) => {
    const task = r.taskId ? taskOf.get(r.taskId) : undefined;
    const report = task ? reportOf.get(task.id) : undefined;
    return {
      id: r.id,
      key: r.key,
      position: r.position,
      content: r.content,
      agendaItem: r.agendaItemId ? { id: r.agendaItemId, title: agendaOf.get(r.agendaItemId) ?? '—' } : null,
      department: r.departmentId ? { id: r.departmentId, name: depts.get(r.departmentId) ?? '—' } : null,
      owner: person(r.ownerId),
      deadline: iso(r.deadline),
      version: r.version,
      removed: r.removedInVersion !== null,
      task: task
        ? {
            id: task.id,
            number: task.number,
            status: task.status,
            owner: person(task.ownerId),
            deadline: iso(task.deadline),
            overdue: task.overdue,
            lastReport: report ? { at: report.at.toISOString(), workDone: report.workDone, nextSteps: report.nextSteps } : null,
          }
        : null,
    };
  });
}

/** 上次会议决议落实情况: the previous (not cancelled) meeting of this one's series, and its resolutions with their status. */
export async function previousResolutions(q: Queryable, actor: Actor, meetingId: string): Promise<PreviousResolutions> {
  const { row } = await readableMeeting(q, actor, meetingId);
  if (!row.seriesId) return { meeting: null, items: [] };
  const [previous] = await q
    .select({ id: meetings.id, topic: meetings.topic, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetings)
    .where(and(eq(meetings.seriesId, row.seriesId), lt(meetings.startsAt, row.startsAt), inArray(meetings.status, ['noticed', 'draft'])))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  if (!previous) return { meeting: null, items: [] };
  // Reading this meeting of the series is enough to see what the last one resolved (the same people meet again).
  return { meeting: { id: previous.id, topic: previous.topic, startsAt: previous.startsAt.toISOString() }, items: await resolutionsOfMeeting(q, previous.id) };
}
