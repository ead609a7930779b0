/**
 * Minutes and resolutions (M3–M4), through HTTP: only the recorder writes (autosave with a stale-revision 409), only
 * the chair reviews (return with a written comment, approve), versions with their SHA-256 stay readable and diff,
 * approval distributes the minutes, opens the feedback window, archives the PDF (its SHA-256 in the trace) and turns
 * each resolution into a tracked task (source meeting_resolution, assigner the chair); an owner-less one escalates to
 * the chair after 24 h through the task timers; a revision keeps a kept resolution's task and flags a dropped one; a
 * confidential meeting's minutes reach the ledger only as commitments; the PDF read back with pdftotext and the
 * resolution tracking sheet with exceljs. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Meeting, MeetingResolutions, Minutes, PreviousResolutions, MinutesContent, MinutesVersionDetail, VersionDiff } from '@henji/contracts';
import { canonicalJson } from '@henji/verifier';
import { queryRows } from '../../src/db/client.ts';
import { trackedTasks } from '../../src/kernel/tasks/schema.ts';
import { meetings } from '../../src/modules/meetings/schema.ts';
import { clock, makeDepartment, makeUser, signIn, signInAdmin, USER_PASSWORD, type Session, type TestHenji, startHenji } from '../harness.ts';
import { readXlsx, traceOf } from '../api/http.ts';
import { api, type Person } from './flow-context.ts';
import { beijing, scheduleMeeting } from './meeting-context.ts';

let h: TestHenji;
let admin: Session;
let chair: Person;
let recorder: Person;
let attendee: Person;
let owner: Person;
let outsider: Person;
let reader: Person;
let ownerDept: string;
let readerDept: string;

async function person(departmentId: string | null = null): Promise<Person> {
  const { row } = await makeUser(h, { departmentId });
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

/** The suites' clock starts Wednesday 14:28 Beijing time; the meeting is 15:00–16:00 that day, and this is 15:30. */
const CREATED = '2026-06-17T06:28:17.123Z';
const DURING = '2026-06-17T07:30:00.000Z';
const DEADLINE = '2026-06-30T18:00:00+08:00';

async function meeting(extra: Parameters<typeof scheduleMeeting>[2]['extra'] = {}): Promise<Meeting> {
  clock.set(CREATED);
  const m = await scheduleMeeting(h, chair, {
    chair,
    recorder,
    attendees: [attendee, owner],
    startsAt: beijing('15:00', '2026-06-17'),
    endsAt: beijing('16:00', '2026-06-17'),
    extra: { agenda: [{ title: '上周工作回顾', plannedMinutes: 20, notes: '' }, { title: '下周安排', plannedMinutes: 20, notes: '' }], ...extra },
  });
  clock.set(DURING);
  return m;
}

const minutesUrl = (m: Meeting, tail = '') => `/api/meetings/${m.id}/minutes${tail}`;
const get = (who: Person, m: Meeting) => api<Minutes>(h, who, 'GET', minutesUrl(m));
const save = (who: Person, m: Meeting, content: MinutesContent, baseRevision: number) => api<Minutes>(h, who, 'PUT', minutesUrl(m), { content, baseRevision });
const post = <T = Minutes>(who: Person, m: Meeting, tail: string, body: object = {}) => api<T>(h, who, 'POST', minutesUrl(m, tail), body);

function contentOf(m: Meeting, resolutions: MinutesContent['items'][number]['resolutions'] = []): MinutesContent {
  return {
    items: [
      {
        agendaItemId: m.agenda[0]!.id,
        title: m.agenda[0]!.title,
        statements: [{ speakerId: owner.id, speakerName: '', departmentId: ownerDept, points: '本周完成了供应商评估报告' }],
        result: '评估结论通过',
        resolutions,
      },
      { agendaItemId: m.agenda[1]!.id, title: m.agenda[1]!.title, statements: [], result: '按计划推进', resolutions: [] },
    ],
    notes: '下次会议改在 301 会议室',
  };
}

const resolution = (key: string, content: string, ownerId: string | null) => ({ key, content, departmentId: ownerDept, ownerId, deadline: DEADLINE });

/** Saves `content` as the recorder from the current revision and submits it; returns the minutes. */
async function saveAndSubmit(m: Meeting, content: MinutesContent): Promise<Minutes> {
  const current = await get(recorder, m);
  const saved = await save(recorder, m, content, current.body.draft!.revision);
  expect(saved.status, saved.raw).toBe(200);
  const submitted = await post(recorder, m, '/submit', { baseRevision: saved.body.draft!.revision });
  expect(submitted.status, submitted.raw).toBe(200);
  return submitted.body;
}

async function notices(userId: string, template: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from notifications where recipient_id = ${userId}::uuid and template = ${template}`);
  return row!.n;
}

async function download(who: Person, url: string) {
  const app = await h.app();
  return app.inject({ method: 'GET', url, headers: who.session.headers });
}

beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
  ownerDept = (await makeDepartment(h, { name: '采购部' })).id;
  readerDept = (await makeDepartment(h, { name: '审计部' })).id;
  chair = await person();
  recorder = await person();
  attendee = await person();
  owner = await person(ownerDept);
  outsider = await person();
  reader = await person(readerDept);
});
afterAll(() => h.close());
/** Sessions end when idle; a test that moves the clock days ahead signs everyone in again there. */
async function signInAgain(): Promise<void> {
  for (const p of [chair, recorder, attendee, owner, outsider, reader]) p.session = await signIn(h, p.username, USER_PASSWORD);
  admin = await signInAdmin(h);
}

beforeEach(() => clock.set(DURING));

describe('writing the minutes', () => {
  it('starts the recorder from the agenda; only the recorder sees and writes the draft; others get 403 or 404', async () => {
    const m = await meeting();
    const mine = await get(recorder, m);
    expect(mine.status, mine.raw).toBe(200);
    expect(mine.body.status).toBeNull();
    expect(mine.body.draft!.content.items.map((i) => i.title)).toEqual(['上周工作回顾', '下周安排']);
    expect(mine.body.allowedActions).toEqual(['save', 'submit']);
    expect(mine.body.people.filter((p) => p.attendee).map((p) => p.id)).toContain(owner.id);
    expect((await get(attendee, m)).body.draft).toBeNull();
    expect((await get(outsider, m)).status).toBe(404);

    const content = contentOf(m);
    expect((await save(chair, m, content, 0)).status).toBe(403);
    expect((await save(attendee, m, content, 0)).status).toBe(403);
    expect((await save(outsider, m, content, 0)).status).toBe(404);
    clock.set('2026-06-17T06:50:00.000Z'); // before the meeting starts
    expect((await save(recorder, m, content, 0)).status).toBe(403);
    clock.set(DURING);
    expect((await get(recorder, m)).body.draft!.revision).toBe(0);
  });

  it('autosaves with a revision; a stale revision is 409 and overwrites nothing; bad references are field errors', async () => {
    const m = await meeting();
    const first = await save(recorder, m, contentOf(m), 0);
    expect(first.status, first.raw).toBe(200);
    expect(first.body.draft!.revision).toBe(1);
    expect(first.body.status).toBe('draft');

    const stale = await save(recorder, m, { ...contentOf(m), notes: '另一个标签页' }, 0);
    expect(stale.status, stale.raw).toBe(409);
    expect((stale.body.details as { revision?: number }).revision).toBe(1);

    const bad = await save(recorder, m, contentOf(m, [resolution('r1', '落实', '00000000-0000-4000-8000-000000000000')]), 1);
    expect(bad.status, bad.raw).toBe(400);
    expect(Object.keys(bad.body.details!.fields!)).toEqual(['content.items.0.resolutions.0.ownerId']);
    const dup = await save(recorder, m, contentOf(m, [resolution('r1', '甲', owner.id), resolution('r1', '乙', owner.id)]), 1);
    expect(dup.status).toBe(400);
    expect(dup.body.details!.fields!['content.items.0.resolutions.1.key']).toBeDefined();
    const foreign = await save(recorder, m, { ...contentOf(m), items: [{ ...contentOf(m).items[0]!, agendaItemId: (await meeting()).agenda[0]!.id }] }, 1);
    expect(foreign.status).toBe(400);

    // 60 statements of 5,000 characters pass each field's limit but not the whole draft's (256 KB).
    const huge = contentOf(m);
    huge.items[0]!.statements = Array.from({ length: 60 }, () => ({ speakerId: null, speakerName: '来宾', departmentId: null, points: '长'.repeat(5000) }));
    const tooLarge = await save(recorder, m, huge, 1);
    expect(tooLarge.status, tooLarge.raw).toBe(400);
    expect(Object.keys(tooLarge.body.details!.fields!)).toEqual(['content']);

    const after = await get(recorder, m);
    expect(after.body.draft!.revision).toBe(1);
    expect(after.body.draft!.content.notes).toBe('下次会议改在 301 会议室');
    const trace = await traceOf(h, admin.headers, 'meeting_minutes', m.id);
    expect(trace.map((e) => e.action)).toEqual(['minutes.save_draft']);
    // The trace of an autosave is small: the revision and the content's hash, not the text.
    expect(JSON.stringify(trace[0])).not.toContain('供应商评估报告');
  });
});

describe('review by the chair', () => {
  it('submits version 1 with its SHA-256, the chair returns it with a comment, then approves version 2', async () => {
    const m = await meeting();
    const v1 = await saveAndSubmit(m, contentOf(m));
    expect(v1.status).toBe('submitted');
    expect(v1.versions).toHaveLength(1);
    const stored = await api<MinutesVersionDetail>(h, chair, 'GET', minutesUrl(m, '/versions/1'));
    expect(stored.body.contentSha256).toBe(createHash('sha256').update(canonicalJson(stored.body.content)).digest('hex'));
    expect(await notices(chair.id, 'minutes.submitted')).toBeGreaterThanOrEqual(1);
    // An attendee does not open a version under review.
    expect((await api(h, attendee, 'GET', minutesUrl(m, '/versions/1'))).status).toBe(404);

    // Under review: the recorder cannot change it; only the chair reviews.
    expect((await save(recorder, m, contentOf(m), v1.draft!.revision)).status).toBe(409);
    expect((await post(recorder, m, '/approve', {})).status).toBe(403);
    expect((await post(attendee, m, '/return', { comment: '不行' })).status).toBe(403);
    expect((await post(chair, m, '/return', { comment: '  ' })).status).toBe(400);

    const returned = await post(chair, m, '/return', { comment: '请补充下周安排的责任人' });
    expect(returned.status, returned.raw).toBe(200);
    expect(returned.body.status).toBe('returned');
    expect(returned.body.versions[0]).toMatchObject({ state: 'returned', reviewComment: '请补充下周安排的责任人' });
    expect(await notices(recorder.id, 'minutes.returned')).toBeGreaterThanOrEqual(1);

    const v2 = await saveAndSubmit(m, contentOf(m, [resolution('r1', '完成供应商合同续签', owner.id)]));
    expect(v2.latestVersion).toBe(2);
    const approved = await post(chair, m, '/approve', { distributionDepartmentIds: [readerDept], feedbackDays: 3, comment: '同意' });
    expect(approved.status, approved.raw).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.approvedVersion).toBe(2);
    expect(approved.body.versions.map((v) => v.state)).toEqual(['returned', 'approved']);
    // Three days from the approval (the test clock runs on: within a few seconds of DURING + 3 days).
    expect(Math.abs(new Date(approved.body.feedbackUntil!).getTime() - (new Date(DURING).getTime() + 3 * 86_400_000))).toBeLessThan(10_000);

    const trace = await traceOf(h, admin.headers, 'meeting_minutes', m.id);
    expect(trace.map((e) => e.action)).toEqual(['minutes.save_draft', 'minutes.submit', 'minutes.return', 'minutes.save_draft', 'minutes.submit', 'minutes.approve']);
    const approval = trace.at(-1)!;
    const pdfSha = approved.body.versions[1]!.pdfSha256!;
    expect(JSON.stringify(approval)).toContain(pdfSha);
    // The archived PDF is a file of the minutes with that SHA-256.
    const [file] = await queryRows<{ sha256: string; subject_type: string }>(h.db, sql`select sha256, subject_type from files where subject_id = ${m.id} and subject_type = 'meeting_minutes'`);
    expect(file).toEqual({ sha256: pdfSha, subject_type: 'meeting_minutes' });
    // Distribution: attendees and the chosen department's members are told; a member of that department may now read.
    expect(await notices(attendee.id, 'minutes.approved')).toBe(1);
    expect(await notices(reader.id, 'minutes.approved')).toBe(1);
    expect((await get(reader, m)).status).toBe(200);
    expect((await get(outsider, m)).status).toBe(404);
  });
});

describe('resolutions become tracked tasks', () => {
  it('keeps the agenda once the minutes are begun: a change is a field error that stores nothing', async () => {
    const m = await meeting();
    await saveAndSubmit(m, contentOf(m, [resolution('r1', '完成供应商合同续签', owner.id)]));
    const changed = await api<{ details: { fields: Record<string, string[]> } }>(h, chair, 'PATCH', `/api/meetings/${m.id}`, {
      agenda: [{ title: '另一个议题', plannedMinutes: 30, notes: '' }],
    });
    expect(changed.status, changed.raw).toBe(400);
    expect(changed.body.details.fields.agenda?.[0]).toBe('纪要已开始记录，议程不能再修改');
    const after = await api<Meeting>(h, chair, 'GET', `/api/meetings/${m.id}`);
    expect(after.body.agenda.map((a) => a.id)).toEqual(m.agenda.map((a) => a.id));
    const renamed = await api<Meeting>(h, chair, 'PATCH', `/api/meetings/${m.id}`, { topic: '采购部周例会（改）' });
    expect(renamed.status, renamed.raw).toBe(200);
  });

  it('creates a task per resolution with the chair as assigner; an owner-less one escalates to the chair after 24 h', async () => {
    const m = await meeting();
    await saveAndSubmit(m, contentOf(m, [resolution('r1', '完成供应商合同续签', owner.id), resolution('r2', '确定新仓库选址', null)]));
    const approved = await post(chair, m, '/approve', {});
    expect(approved.status, approved.raw).toBe(200);

    const list = await api<MeetingResolutions>(h, attendee, 'GET', `/api/meetings/${m.id}/resolutions`);
    expect(list.status, list.raw).toBe(200);
    expect(list.body.items.map((r) => [r.key, r.agendaItem?.id, r.task?.status])).toEqual([
      ['r1', m.agenda[0]!.id, 'in_progress'],
      ['r2', m.agenda[0]!.id, 'awaiting_owner'],
    ]);
    const tasks = await h.db.select().from(trackedTasks).where(and(eq(trackedTasks.source, 'meeting_resolution'), eq(trackedTasks.sourceRef, m.id)));
    expect(tasks).toHaveLength(2);
    const withOwner = tasks.find((t) => t.ownerId === owner.id)!;
    expect(withOwner).toMatchObject({ assignerId: chair.id, departmentId: ownerDept, status: 'in_progress' });
    expect(withOwner.deadline!.toISOString()).toBe(new Date(DEADLINE).toISOString());
    const ownerless = tasks.find((t) => t.ownerId === null)!;
    expect(ownerless.assignerId).toBe(chair.id);

    // 24 hours later nobody owns it: the existing owner-window timer tells the chair (the assigner), urgently.
    const before = await notices(chair.id, 'task.owner_overdue');
    clock.set(new Date(new Date(DURING).getTime() + 25 * 3_600_000));
    await signInAgain();
    await h.jobs.drain();
    const [after] = await h.db.select().from(trackedTasks).where(eq(trackedTasks.id, ownerless.id));
    expect(after!.ownerOverdue).toBe(true);
    expect(await notices(chair.id, 'task.owner_overdue')).toBe(before + 1);
  });

  it('a revision keeps a kept resolution\'s task, creates one for a new resolution and flags a dropped one; every version stays readable', async () => {
    const m = await meeting();
    await saveAndSubmit(m, contentOf(m, [resolution('r1', '完成供应商合同续签', owner.id), resolution('r2', '整理档案', owner.id)]));
    expect((await post(chair, m, '/approve', { distributionDepartmentIds: [readerDept] })).status).toBe(200);
    const first = (await api<MeetingResolutions>(h, recorder, 'GET', `/api/meetings/${m.id}/resolutions`)).body.items;

    // Approved minutes change only through a revision with a note.
    const approvedDraft = await get(recorder, m);
    expect(approvedDraft.body.allowedActions).toContain('revise');
    expect(approvedDraft.body.allowedActions).not.toContain('save');
    expect((await save(recorder, m, contentOf(m), approvedDraft.body.draft!.revision)).status).toBe(409);
    expect((await post(recorder, m, '/revise', { note: '' })).status).toBe(400);
    expect((await post(chair, m, '/revise', { note: '改期' })).status).toBe(403);
    const revising = await post(recorder, m, '/revise', { note: '合同续签改为两周内完成；档案整理另行安排' });
    expect(revising.status, revising.raw).toBe(200);
    expect(revising.body.status).toBe('draft');
    // While the revision is under way the approved version stays distributed and readable.
    expect((await api(h, reader, 'GET', minutesUrl(m, '/versions/1'))).status).toBe(200);

    await saveAndSubmit(m, contentOf(m, [{ ...resolution('r1', '两周内完成供应商合同续签', owner.id), deadline: '2026-07-03T18:00:00+08:00' }, resolution('r3', '更新供应商名录', null)]));
    expect((await post(chair, m, '/approve', {})).status).toBe(200);
    const second = (await api<MeetingResolutions>(h, recorder, 'GET', `/api/meetings/${m.id}/resolutions`)).body.items;
    const byKey = (items: typeof second, key: string) => items.find((r) => r.key === key)!;
    expect(byKey(second, 'r1').task!.id).toBe(byKey(first, 'r1').task!.id);
    expect(byKey(second, 'r1').content).toBe('两周内完成供应商合同续签');
    expect(byKey(second, 'r2')).toMatchObject({ removed: true });
    expect(byKey(second, 'r2').task!.id).toBe(byKey(first, 'r2').task!.id);
    expect(byKey(second, 'r3').task).not.toBeNull();

    const versions = (await get(attendee, m)).body.versions;
    expect(versions.map((v) => [v.version, v.state, v.revisionNote])).toEqual([
      [1, 'superseded', null],
      [2, 'approved', '合同续签改为两周内完成；档案整理另行安排'],
    ]);
    expect((await api(h, attendee, 'GET', minutesUrl(m, '/versions/1'))).status).toBe(200);

    const diff = await api<VersionDiff>(h, attendee, 'GET', minutesUrl(m, '/versions/2/diff?against=1'));
    expect(diff.status, diff.raw).toBe(200);
    const item = diff.body.items[0]!;
    expect(item.change).toBe('changed');
    expect(item.resolutions.added.map((r) => r.key)).toEqual(['r3']);
    expect(item.resolutions.removed.map((r) => r.key)).toEqual(['r2']);
    expect(item.resolutions.changed[0]!.fields[0]!.parts).toEqual([
      { op: 'added', text: '两周内' },
      { op: 'same', text: '完成供应商合同续签' },
    ]);
    // Coded fields read as words: the deadline in Beijing time.
    const deadline = item.resolutions.changed[0]!.fields.find((f) => f.field === 'deadline')!;
    expect(deadline.parts.filter((p) => p.op !== 'removed').map((p) => p.text).join('')).toBe('2026-07-03 18:00');
    expect(deadline.parts.filter((p) => p.op !== 'added').map((p) => p.text).join('')).toBe('2026-06-30 18:00');
    expect(diff.body.items[1]!.change).toBe('same');
  });
});

describe('a series', () => {
  it('opens the next meeting with the last one\'s resolutions and where each stands (上次会议决议落实情况)', async () => {
    const first = await meeting({ recurrence: { rrule: 'FREQ=DAILY;COUNT=2', exdates: [] } });
    expect(first.series).not.toBeNull();
    const [, second] = await h.db.select({ id: meetings.id }).from(meetings).where(eq(meetings.seriesId, first.series!.id)).orderBy(meetings.startsAt);
    await saveAndSubmit(first, contentOf(first, [resolution('r1', '完成供应商合同续签', owner.id), resolution('r2', '确定新仓库选址', null)]));
    expect((await post(chair, first, '/approve', {})).status).toBe(200);

    const next = await api<PreviousResolutions>(h, attendee, 'GET', `/api/meetings/${second!.id}/previous-resolutions`);
    expect(next.status, next.raw).toBe(200);
    expect(next.body.meeting?.id).toBe(first.id);
    expect(next.body.items.map((r) => [r.content, r.task?.status])).toEqual([
      ['完成供应商合同续签', 'in_progress'],
      ['确定新仓库选址', 'awaiting_owner'],
    ]);
    const none = await api<PreviousResolutions>(h, attendee, 'GET', `/api/meetings/${first.id}/previous-resolutions`);
    expect(none.body).toEqual({ meeting: null, items: [] });
    expect((await api(h, outsider, 'GET', `/api/meetings/${second!.id}/previous-resolutions`)).status).toBe(404);
  });
});

describe('feedback', () => {
  it('readers send feedback within the window; after it closes the answer is 409', async () => {
    const m = await meeting();
    await saveAndSubmit(m, contentOf(m));
    // Not approved yet: nobody may send feedback.
    expect((await post(attendee, m, '/feedback', { body: '无意见' })).status).toBe(403);
    expect((await post(chair, m, '/approve', { feedbackDays: 2 })).status).toBe(200);
    const sent = await post(attendee, m, '/feedback', { body: '第二项的时间请再确认' });
    expect(sent.status, sent.raw).toBe(200);
    expect(sent.body.feedback.map((f) => [f.author.id, f.body, f.version])).toEqual([[attendee.id, '第二项的时间请再确认', 1]]);
    expect(await notices(recorder.id, 'minutes.feedback')).toBeGreaterThanOrEqual(1);
    expect((await post(outsider, m, '/feedback', { body: '路过' })).status).toBe(404);
    clock.set(new Date(new Date(DURING).getTime() + 2 * 86_400_000 + 1000));
    await signInAgain();
    const late = await post(attendee, m, '/feedback', { body: '迟到的意见' });
    expect(late.status, late.raw).toBe(409);
    expect((await get(attendee, m)).body.feedback).toHaveLength(1);
  });
});

describe('confidential meetings', () => {
  it('the ledger holds the minutes only as commitments and the hash', async () => {
    const m = await meeting({ confidential: true });
    await saveAndSubmit(m, contentOf(m, [resolution('r1', '收购项目暂缓', owner.id)]));
    expect((await post(chair, m, '/approve', {})).status).toBe(200);
    expect((await post(attendee, m, '/feedback', { body: '收购价格偏高' })).status).toBe(200);
    const rows = await queryRows<{ payload: string }>(h.db, sql`select payload from ledger_entries where subject_type = 'meeting_minutes' and subject_id = ${m.id}`);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const all = rows.map((r) => r.payload).join('\n');
    for (const secret of ['供应商评估报告', '收购项目暂缓', '收购价格偏高', '评估结论通过']) expect(all).not.toContain(secret);
    expect(all).toContain('hmac-sha256:');
  });
});

describe('documents', () => {
  it('prints the minutes (会议纪要) with Chinese text, traced with the SHA-256 of the bytes; the archived bytes for an approved version', async () => {
    const m = await meeting({ topic: '采购部周例会' });
    await saveAndSubmit(m, contentOf(m, [resolution('r1', '完成供应商合同续签', owner.id)]));
    const approved = await post(chair, m, '/approve', {});
    const res = await download(attendee, minutesUrl(m, '/versions/1.pdf'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const bytes = res.rawPayload;
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(sha).toBe(approved.body.versions[0]!.pdfSha256);
    const dir = mkdtempSync(path.join(tmpdir(), 'minutes-'));
    const file = path.join(dir, 'minutes.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of ['会议纪要', '采购部周例会', '出席情况', '上周工作回顾', '发言要点', '本周完成了供应商评估报告', '讨论结果', '完成供应商合同续签', '其他事项']) expect(text).toContain(words);
    const trace = await traceOf(h, admin.headers, 'meeting_minutes', m.id);
    expect(JSON.stringify(trace.at(-1))).toContain(sha);
    expect(trace.at(-1)!.action).toBe('minutes.pdf_download');
    // The archived bytes are sent as stored: the download's record counts their pages as a PDF reader does.
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(0);
    expect(trace.at(-1)!.diff['pages']?.after).toBe(pages);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('采购部周例会 会议纪要 v1.pdf'));
    expect((await download(outsider, minutesUrl(m, '/versions/1.pdf'))).statusCode).toBe(404);
  });

  it('exports the resolution tracking sheet (决议跟踪表) as xlsx, read back with exceljs', async () => {
    const m = await meeting();
    await saveAndSubmit(m, contentOf(m, [resolution('r1', '完成供应商合同续签', owner.id), resolution('r2', '确定新仓库选址', null)]));
    expect((await post(chair, m, '/approve', {})).status).toBe(200);
    const res = await download(attendee, `/api/meetings/${m.id}/resolutions.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    const { name, rows } = await readXlsx(res.rawPayload);
    expect(name).toBe('决议跟踪表');
    expect(rows[0]).toContain('决议内容');
    expect(rows[1]!.slice(1, 3)).toEqual(['上周工作回顾', '完成供应商合同续签']);
    expect(rows[1]).toContain('落实中');
    expect(rows[2]).toContain('待指定责任人');
    const trace = await traceOf(h, admin.headers, 'meeting_minutes', m.id);
    expect(trace.at(-1)!.action).toBe('minutes.resolutions_export');
    expect((await download(outsider, `/api/meetings/${m.id}/resolutions.xlsx`)).statusCode).toBe(404);
  });
});
