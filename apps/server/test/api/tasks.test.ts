/**
 * Tracked tasks (督办, T1–T2) through HTTP: creating with and without an owner (numbered DB<year><seq>), assigning,
 * progress reports in the policy's shape with evidence, by the owner or their delegate (代理), closure accepted or
 * rejected by the assigner, access (404 for anyone not involved),
 * validation, the views with their counts, and each T2 timer — the owner window, the reminder before the deadline,
 * the overdue escalation and the weekly report of a cross-department task. Timers are hours or days away: a test moves
 * the queued job's run time to now (the queue's own clock) and lets the job runner take it.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, FileMeta, NotificationPage, TaskPage, TrackedTask } from '@henji/contracts';
import { loadConfig } from '../../src/config.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { notifications } from '../../src/kernel/notify/schema.ts';
import { positions } from '../../src/kernel/org/schema.ts';
import { makeDepartment, makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, traceOf } from './http.ts';
import { now } from '../../src/kernel/clock.ts';

const OWNER_HOURS = 2;
const REMIND_BEFORE_HOURS = 24;
const HOUR = 3_600_000;

let h: TestHenji;
let admin: Session;

interface Person {
  id: string;
  session: Session;
}

/** 技术部 with its head, a supervisor and the owner reporting to them; an assigner elsewhere; an outsider; an auditor. */
interface Company {
  deptId: string;
  head: Person;
  boss: Person;
  owner: Person;
  colleague: Person;
  assigner: Person;
  outsider: Person;
  auditor: Person;
}
let c: Company;

async function person(fields: Parameters<typeof makeUser>[1] = {}): Promise<Person> {
  const { row } = await makeUser(h, fields);
  return { id: row.id, session: await signIn(h, row.username, USER_PASSWORD) };
}

async function call<T = TrackedTask>(who: Person | Session, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  const app = await h.app();
  const session = 'session' in who ? who.session : who;
  const res = await app.inject({ method, url, headers: { ...session.headers, ...headers }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json<T & Partial<ErrorBody>>(), raw: res.body };
}

const inHours = (hours: number) => new Date(now().getTime() + hours * HOUR).toISOString();

async function createTask(fields: Record<string, unknown> = {}, by: Person = c.assigner): Promise<TrackedTask> {
  const res = await call(by, 'POST', '/api/tasks', { title: `落实会议决议 ${randomUUID().slice(0, 6)}`, source: 'meeting_resolution', ...fields });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

const act = (who: Person, id: string, body: object, headers: Record<string, string> = {}) => call(who, 'POST', `/api/tasks/${id}/actions`, body, headers);

async function actOk(who: Person, id: string, body: object): Promise<TrackedTask> {
  const res = await act(who, id, body);
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

const report = (extra: object = {}) => ({ action: 'report', workDone: '已完成方案设计', problems: '接口人未确定，已协调人事部', nextSteps: '本周内完成开发', ...extra });

const actions = async (id: string) => (await traceOf(h, admin.headers, 'tracked_task', id)).map((e) => e.action);

/** The notifications about a task, as (template, recipient, urgent). */
async function noticesOf(taskId: string) {
  const rows = await h.db.select().from(notifications).where(and(eq(notifications.subjectType, 'tracked_task'), eq(notifications.subjectId, taskId)));
  return rows.map((r) => ({ template: r.template, to: r.recipientId, urgent: r.urgent }));
}

async function pendingTimers(taskId: string) {
  return h.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, 'tracked_task.timer'), eq(jobs.state, 'pending'), sql`${jobs.payload}->>'taskId' = ${taskId}`));
}

/** Makes the task's queued timers of one kind due now and runs the queue; returns how many were made due. */
async function fire(taskId: string, timer: string): Promise<number> {
  const due = await h.db
    .update(jobs)
    .set({ runAt: new Date(now().getTime() - 1000) })
    .where(and(eq(jobs.kind, 'tracked_task.timer'), eq(jobs.state, 'pending'), sql`${jobs.payload}->>'taskId' = ${taskId}`, sql`${jobs.payload}->>'timer' = ${timer}`))
    .returning({ id: jobs.id });
  await h.jobs.drain();
  const failed = await h.db.select().from(jobs).where(and(eq(jobs.kind, 'tracked_task.timer'), sql`${jobs.lastError} is not null`));
  expect(failed.map((j) => j.lastError)).toEqual([]);
  return due.length;
}

beforeAll(async () => {
  h = await startHenji({ tasks: { ownerHours: OWNER_HOURS, remindBeforeHours: REMIND_BEFORE_HOURS } });
  admin = await signInAdmin(h);
  const dept = await makeDepartment(h, { name: '技术部' });
  const other = await makeDepartment(h, { name: '市场部' });
  const [headPosition] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const head = await person({ departmentId: dept.id, positionId: headPosition!.id });
  const boss = await person({ departmentId: dept.id, managerId: head.id });
  c = {
    deptId: dept.id,
    head,
    boss,
    owner: await person({ departmentId: dept.id, managerId: boss.id }),
    colleague: await person({ departmentId: dept.id }),
    assigner: await person({ departmentId: other.id }),
    outsider: await person({ departmentId: other.id }),
    auditor: await person({ roles: ['audit'] }),
  };
});
afterAll(() => h?.close());

describe('creating a task', () => {
  it('with an owner: in progress, owner told, deadline and department taken, traced', async () => {
    const deadline = inHours(72);
    const task = await createTask({ ownerId: c.owner.id, deadline, description: '按周例会决议推进', sourceRef: '第12周部门例会' });
    expect(task).toMatchObject({
      status: 'in_progress',
      source: 'meeting_resolution',
      sourceRef: '第12周部门例会',
      owner: { id: c.owner.id },
      assigner: { id: c.assigner.id },
      department: { id: c.deptId, name: '技术部' },
      deadline: new Date(deadline).toISOString(),
      overdue: false,
      reports: [],
    });
    expect(task.allowedActions).toEqual(['assign']);
    expect((await call(c.owner, 'GET', `/api/tasks/${task.id}`)).body.allowedActions).toEqual(['report', 'request_closure']);
    expect(await noticesOf(task.id)).toEqual([{ template: 'task.assigned', to: c.owner.id, urgent: false }]);
    expect(await actions(task.id)).toEqual(['tracked_task.create']);
  });

  it('without an owner: awaiting one, due within the configured owner window', async () => {
    const task = await createTask({ departmentId: c.deptId });
    expect(task.status).toBe('awaiting_owner');
    expect(task.owner).toBeNull();
    expect(new Date(task.ownerDueAt).getTime() - new Date(task.createdAt).getTime()).toBe(OWNER_HOURS * HOUR);
    expect(await noticesOf(task.id)).toEqual([]);
  });

  it('gets a number DB<year><sequence>, traced, and the list finds the task by it', async () => {
    const year = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(now());
    const first = await createTask({ ownerId: c.owner.id });
    const second = await createTask({ ownerId: c.owner.id });
    expect(first.number).toMatch(new RegExp(`^DB${year}\\d{4}$`));
    expect(Number(second.number!.slice(-4))).toBe(Number(first.number!.slice(-4)) + 1);
    const [created] = await traceOf(h, admin.headers, 'tracked_task', first.id);
    expect(JSON.stringify(created)).toContain(first.number);
    const found = await call<TaskPage>(c.owner, 'GET', `/api/tasks?view=mine&q=${first.number}`);
    expect(found.body.items.map((t) => t.id)).toEqual([first.id]);
    expect(found.body.total).toBe(1);
  });

  it('refuses bad input with field errors', async () => {
    const cases: [object, string][] = [
      [{ title: '   ' }, 'title'],
      [{ title: '任务', deadline: new Date(now().getTime() - HOUR).toISOString() }, 'deadline'],
      [{ title: '任务', ownerId: randomUUID() }, 'ownerId'],
      [{ title: '任务', departmentId: randomUUID() }, 'departmentId'],
      [{ title: '任务', source: 'application' }, 'source'],
      [{ title: '任务', deadline: '下周五' }, 'deadline'],
    ];
    for (const [body, field] of cases) {
      const res = await call(c.assigner, 'POST', '/api/tasks', body);
      expect(res.status, `${JSON.stringify(body)} → ${res.raw}`).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(Object.keys(res.body.details?.fields as object), res.raw).toContain(field);
    }
  });

  it('reads the owner window and reminder hours from the environment, validated', () => {
    expect(loadConfig({}).tasks).toEqual({ ownerHours: 24, remindBeforeHours: 24 });
    expect(loadConfig({ HENJI_TASK_OWNER_HOURS: '48', HENJI_TASK_REMIND_BEFORE_HOURS: '4' }).tasks).toEqual({ ownerHours: 48, remindBeforeHours: 4 });
    expect(() => loadConfig({ HENJI_TASK_OWNER_HOURS: '0' })).toThrow(/HENJI_TASK_OWNER_HOURS/);
    expect(() => loadConfig({ HENJI_TASK_REMIND_BEFORE_HOURS: 'soon' })).toThrow(/HENJI_TASK_REMIND_BEFORE_HOURS/);
  });
});

describe('access', () => {
  it('is 404 for anyone not involved, read-only for audit, readable by the department head and the owner\'s supervisor', async () => {
    const task = await createTask({ ownerId: c.owner.id });
    const url = `/api/tasks/${task.id}`;
    expect((await call(c.outsider, 'GET', url)).status).toBe(404);
    expect((await call(c.colleague, 'GET', url)).status).toBe(404);
    expect((await act(c.outsider, task.id, report())).status).toBe(404);
    expect((await act(c.outsider, task.id, { action: 'assign', ownerId: c.outsider.id })).status).toBe(404);
    const audit = await call(c.auditor, 'GET', url);
    expect(audit.status).toBe(200);
    expect(audit.body.allowedActions).toEqual([]);
    expect((await act(c.auditor, task.id, report())).status).toBe(403);
    expect((await call(c.head, 'GET', url)).body.allowedActions).toEqual(['assign']);
    expect((await call(c.boss, 'GET', url)).body.allowedActions).toEqual([]);
    expect((await call(admin, 'GET', url)).body.allowedActions).toEqual(['assign']);
    expect((await call(c.owner, 'GET', `/api/tasks/${randomUUID()}`)).status).toBe(404);
    // Someone else's task is also absent from their lists.
    const page = await call<TaskPage>(c.outsider, 'GET', '/api/tasks?view=department');
    expect(page.body.items.map((t) => t.id)).not.toContain(task.id);
    // The trace follows the task's access.
    const app = await h.app();
    const trace = await app.inject({ method: 'GET', url: `/api/ledger/entries?subjectType=tracked_task&subjectId=${task.id}`, headers: c.outsider.session.headers });
    expect(trace.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/ledger/entries?subjectType=tracked_task&subjectId=${task.id}`, headers: c.boss.session.headers })).statusCode).toBe(200);
  });
});

describe('assigning an owner', () => {
  it('the assigner or the department head assigns; the owner is told; a second identical assignment is a conflict', async () => {
    const task = await createTask({ departmentId: c.deptId });
    expect((await act(c.owner, task.id, { action: 'assign', ownerId: c.owner.id })).status).toBe(404);
    const assigned = await actOk(c.head, task.id, { action: 'assign', ownerId: c.owner.id, comment: '由你牵头' });
    expect(assigned).toMatchObject({ status: 'in_progress', owner: { id: c.owner.id }, department: { id: c.deptId } });
    expect(await noticesOf(task.id)).toEqual([{ template: 'task.assigned', to: c.owner.id, urgent: false }]);
    const again = await act(c.assigner, task.id, { action: 'assign', ownerId: c.owner.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    const reassigned = await actOk(c.assigner, task.id, { action: 'assign', ownerId: c.colleague.id });
    expect(reassigned.owner?.id).toBe(c.colleague.id);
    expect((await act(c.assigner, task.id, { action: 'assign', ownerId: randomUUID() })).status).toBe(400);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.assign', 'tracked_task.assign']);
  });
});

describe('progress reports and closure', () => {
  async function uploaded(who: Person): Promise<FileMeta> {
    const app = await h.app();
    const { payload, contentType } = await multipartFile('会议纪要.pdf', Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n%%EOF\n`, 'latin1'), 'application/pdf');
    const res = await app.inject({ method: 'POST', url: '/api/files', headers: { ...who.session.headers, 'content-type': contentType }, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<FileMeta>();
  }

  it('the owner reports in the policy\'s shape with evidence; others may not', async () => {
    const task = await createTask({ ownerId: c.owner.id });
    const file = await uploaded(c.owner);
    const after = await actOk(c.owner, task.id, report({ fileIds: [file.id] }));
    expect(after.lastReportAt).not.toBeNull();
    expect(after.reports).toHaveLength(1);
    expect(after.reports[0]).toMatchObject({
      kind: 'progress',
      author: { id: c.owner.id },
      actedBy: null,
      workDone: '已完成方案设计',
      problems: '接口人未确定，已协调人事部',
      nextSteps: '本周内完成开发',
      files: [{ id: file.id, sha256: file.sha256 }],
    });
    // The evidence is the task's now: the assigner may read it.
    expect((await call(c.assigner, 'GET', `/api/files/${file.id}`)).status).toBe(200);
    const [, entry] = await traceOf(h, admin.headers, 'tracked_task', task.id);
    expect(entry).toMatchObject({ action: 'tracked_task.report' });
    expect(JSON.stringify(entry)).toContain(file.sha256);
    expect((await act(c.assigner, task.id, report())).status).toBe(403);
    const blank = await act(c.owner, task.id, report({ workDone: ' ' }));
    expect(blank.status).toBe(400);
    expect(Object.keys(blank.body.details?.fields as object)).toContain('workDone');
  });

  it("the owner's delegate reports on the owner's behalf (代理)", async () => {
    const delegate = await person();
    const today = now().toISOString().slice(0, 10);
    const task = await createTask({ ownerId: c.owner.id });
    // Before the delegation the task is none of the delegate's business.
    expect((await act(delegate, task.id, report())).status).toBe(404);
    const made = await call(c.owner, 'POST', '/api/delegations', { principalId: c.owner.id, delegateId: delegate.id, startsOn: today, endsOn: today, reason: '出差' });
    expect(made.status, made.raw).toBe(201);
    const res = await act(delegate, task.id, report(), { 'x-henji-on-behalf-of': c.owner.id });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.reports[0]).toMatchObject({ author: { id: c.owner.id }, actedBy: { id: delegate.id } });
    const entries = await traceOf(h, admin.headers, 'tracked_task', task.id);
    expect(entries.at(-1)).toMatchObject({ action: 'tracked_task.report', actorId: delegate.id, onBehalfOfId: c.owner.id });
  });

  it('a delegate sees the owner\'s tasks under 我负责的 and reports without naming the owner; the server decides (代理)', async () => {
    const delegate = await person();
    const typeOnly = await person();
    const today = now().toISOString().slice(0, 10);
    const principal = await person({ departmentId: c.deptId });
    const task = await createTask({ ownerId: principal.id });
    const url = `/api/tasks/${task.id}`;
    expect((await call(delegate, 'GET', url)).status).toBe(404);
    // A delegation limited to another process does not cover tracked tasks; one naming them (or all) does.
    const delegate_ = (delegateId: string, scope: string[]) =>
      call(principal, 'POST', '/api/delegations', { principalId: principal.id, delegateId, startsOn: today, endsOn: today, scope, reason: '休假' });
    expect((await delegate_(typeOnly.id, ['purchase'])).status).toBe(201);
    expect((await delegate_(delegate.id, ['tracked_task'])).status).toBe(201);
    expect((await call(typeOnly, 'GET', url)).status).toBe(404);
    expect((await act(typeOnly, task.id, report())).status).toBe(404);
    expect((await call<TaskPage>(typeOnly, 'GET', '/api/tasks?view=mine')).body.items).toEqual([]);

    const seen = await call(delegate, 'GET', url);
    expect(seen.status).toBe(200);
    expect(seen.body.allowedActions).toEqual(['report', 'request_closure']);
    const mine = await call<TaskPage>(delegate, 'GET', '/api/tasks?view=mine');
    expect(mine.body.items.map((t) => t.id)).toEqual([task.id]);
    expect(mine.body.items[0]!.allowedActions).toEqual(['report', 'request_closure']);
    expect(mine.body.counts.mine).toBe(1);

    const res = await act(delegate, task.id, report());
    expect(res.status, res.raw).toBe(200);
    expect(res.body.reports[0]).toMatchObject({ author: { id: principal.id }, actedBy: { id: delegate.id } });
    const entries = await traceOf(h, admin.headers, 'tracked_task', task.id);
    expect(entries.at(-1)).toMatchObject({ action: 'tracked_task.report', actorId: delegate.id, onBehalfOfId: principal.id });
    // The owner's own report stays theirs.
    const own = await actOk(principal, task.id, report({ workDone: '本人补充' }));
    expect(own.reports.at(-1)).toMatchObject({ author: { id: principal.id }, actedBy: null });
    // Only what the owner may do passes to the delegate: not the assigner's acceptance.
    expect((await actOk(delegate, task.id, { ...report(), action: 'request_closure' })).status).toBe('submitted');
    expect((await act(delegate, task.id, { action: 'accept' })).status).toBe(403);
  });

  it('closure: a final report, rejected with a written reason (reopens), then accepted by the assigner only', async () => {
    const task = await createTask({ ownerId: c.owner.id, deadline: inHours(100) });
    const submitted = await actOk(c.owner, task.id, { ...report({ workDone: '全部完成' }), action: 'request_closure' });
    expect(submitted.status).toBe('submitted');
    expect(submitted.reports.at(-1)?.kind).toBe('final');
    expect((await call(c.assigner, 'GET', `/api/tasks/${task.id}`)).body.allowedActions).toEqual(['accept', 'reject']);
    expect((await act(c.owner, task.id, report())).status).toBe(409);
    expect((await act(c.owner, task.id, { action: 'accept' })).status).toBe(403);
    expect((await act(c.head, task.id, { action: 'accept' })).status).toBe(403);
    const noReason = await act(c.assigner, task.id, { action: 'reject', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.details?.fields as object)).toContain('reason');
    const reopened = await actOk(c.assigner, task.id, { action: 'reject', reason: '缺少验收报告' });
    expect(reopened.status).toBe('in_progress');
    await actOk(c.owner, task.id, { ...report({ workDone: '补充验收报告' }), action: 'request_closure' });
    const closed = await actOk(c.assigner, task.id, { action: 'accept', comment: '同意办结' });
    expect(closed).toMatchObject({ status: 'closed', allowedActions: [] });
    expect(closed.closedAt).not.toBeNull();
    expect((await act(c.assigner, task.id, { action: 'accept' })).status).toBe(409);
    expect((await act(c.assigner, task.id, { action: 'assign', ownerId: c.colleague.id })).status).toBe(409);
    const trace = await traceOf(h, admin.headers, 'tracked_task', task.id);
    expect(trace.map((e) => e.action)).toEqual([
      'tracked_task.create',
      'tracked_task.request_closure',
      'tracked_task.reject_closure',
      'tracked_task.request_closure',
      'tracked_task.accept_closure',
    ]);
    expect(trace[2]!.comment).toBe('缺少验收报告');
    const notices = (await noticesOf(task.id)).map((n) => `${n.template}→${n.to === c.owner.id ? 'owner' : n.to === c.assigner.id ? 'assigner' : n.to}`);
    expect(notices.sort()).toEqual(
      ['task.assigned→owner', 'task.closure_requested→assigner', 'task.closure_rejected→owner', 'task.closure_requested→assigner', 'task.closure_accepted→owner'].sort(),
    );
    // Closing stopped every timer: those still queued do nothing when they come due.
    for (const timer of ['remind', 'deadline']) expect(await fire(task.id, timer)).toBe(1);
    expect(await actions(task.id)).toHaveLength(5);
  });
});

describe('lists', () => {
  it('views, counts, filters and sorting', async () => {
    const lead = await person({ departmentId: c.deptId });
    const mine = await person({ departmentId: c.deptId });
    const soon = await createTask({ title: '甲：尽快处理', ownerId: mine.id, deadline: inHours(30) }, lead);
    const later = await createTask({ title: '乙：稍后处理', ownerId: mine.id, deadline: inHours(300) }, lead);
    const undated = await createTask({ title: '丙：无时限', ownerId: mine.id }, lead);
    const page = await call<TaskPage>(mine, 'GET', '/api/tasks?view=mine&sort=deadline&order=asc');
    expect(page.status, page.raw).toBe(200);
    expect(page.body.items.map((t) => t.id)).toEqual([soon.id, later.id, undated.id]);
    expect(page.body.counts).toEqual({ mine: 3, assigned: 0, department: 3, overdue: 0, all: 3 });
    const desc = await call<TaskPage>(mine, 'GET', '/api/tasks?view=mine&sort=deadline&order=desc');
    expect(desc.body.items.map((t) => t.id)).toEqual([later.id, soon.id, undated.id]);
    const assigned = await call<TaskPage>(lead, 'GET', '/api/tasks?view=assigned&q=稍后');
    expect(assigned.body.items.map((t) => t.id)).toEqual([later.id]);
    expect(assigned.body.total).toBe(1);
    const paged = await call<TaskPage>(mine, 'GET', '/api/tasks?view=mine&pageSize=2&page=2&sort=deadline');
    expect(paged.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.body.items.map((t) => t.id)).toEqual([undated.id]);
    await actOk(mine, soon.id, { ...report(), action: 'request_closure' });
    const submitted = await call<TaskPage>(mine, 'GET', '/api/tasks?view=mine&status=submitted');
    expect(submitted.body.items.map((t) => t.id)).toEqual([soon.id]);
    // The department head sees the department's tasks; the outsider none.
    const board = await call<TaskPage>(c.head, 'GET', '/api/tasks?view=department&pageSize=200');
    expect(board.body.items.map((t) => t.id)).toEqual(expect.arrayContaining([soon.id, later.id, undated.id]));
    expect((await call<TaskPage>(c.outsider, 'GET', '/api/tasks?view=department')).body.items).toEqual([]);
    const bad = await call(mine, 'GET', '/api/tasks?view=everything');
    expect(bad.status).toBe(400);
  });
});

describe('T2 timers', () => {
  it('owner window: a task still without an owner is flagged once, and its assigner and the department head are told (urgent)', async () => {
    const task = await createTask({ departmentId: c.deptId });
    expect(await fire(task.id, 'owner_window')).toBe(1);
    const seen = (await call(c.assigner, 'GET', `/api/tasks/${task.id}`)).body;
    expect(seen.ownerOverdue).toBe(true);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.owner_overdue']);
    expect((await noticesOf(task.id)).sort((a, b) => a.to.localeCompare(b.to))).toEqual(
      [
        { template: 'task.owner_overdue', to: c.assigner.id, urgent: true },
        { template: 'task.owner_overdue', to: c.head.id, urgent: true },
      ].sort((a, b) => a.to.localeCompare(b.to)),
    );
    // It fires once: nothing is queued for it any more, and running the queue again changes nothing.
    expect(await fire(task.id, 'owner_window')).toBe(0);
    expect(await actions(task.id)).toHaveLength(2);
  });

  it('owner window in a team without a head of its own: the parent department\'s head is told (部门负责人 walks up)', async () => {
    const team = await makeDepartment(h, { name: '技术部前端组', parentId: c.deptId });
    const task = await createTask({ departmentId: team.id });
    expect(await fire(task.id, 'owner_window')).toBe(1);
    expect((await noticesOf(task.id)).map((n) => n.to).sort()).toEqual([c.assigner.id, c.head.id].sort());
  });

  it('a timer queued before the owner was assigned is stale and does nothing', async () => {
    const task = await createTask({ departmentId: c.deptId });
    await actOk(c.assigner, task.id, { action: 'assign', ownerId: c.owner.id });
    expect(await fire(task.id, 'owner_window')).toBe(1);
    const seen = (await call(c.assigner, 'GET', `/api/tasks/${task.id}`)).body;
    expect(seen.ownerOverdue).toBe(false);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.assign']);
  });

  it('a new owner gets fresh timers: the reminder queued for the previous owner does nothing', async () => {
    const task = await createTask({ ownerId: c.owner.id, deadline: inHours(REMIND_BEFORE_HOURS + 10) });
    await actOk(c.assigner, task.id, { action: 'assign', ownerId: c.colleague.id });
    // Both reminders come due together; only the one of the current generation reminds anyone.
    expect(await fire(task.id, 'remind')).toBe(2);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.assign', 'tracked_task.remind']);
    expect((await noticesOf(task.id)).filter((n) => n.template === 'task.deadline_reminder')).toEqual([{ template: 'task.deadline_reminder', to: c.colleague.id, urgent: false }]);
  });

  it('reminds the owner before the deadline, once', async () => {
    const deadline = inHours(REMIND_BEFORE_HOURS + 10);
    const task = await createTask({ ownerId: c.owner.id, deadline });
    const [remind] = (await pendingTimers(task.id)).filter((j) => j.payload.timer === 'remind');
    expect(remind!.runAt.getTime()).toBe(new Date(deadline).getTime() - REMIND_BEFORE_HOURS * HOUR);
    expect(await fire(task.id, 'remind')).toBe(1);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.remind']);
    expect((await noticesOf(task.id)).filter((n) => n.template === 'task.deadline_reminder')).toEqual([{ template: 'task.deadline_reminder', to: c.owner.id, urgent: false }]);
    expect(await fire(task.id, 'remind')).toBe(0);
  });

  it('at the deadline a task not closed becomes overdue and is escalated to the owner\'s supervisor, once', async () => {
    const task = await createTask({ ownerId: c.owner.id, deadline: inHours(5) });
    // Too close to the deadline for the reminder before it: only the deadline itself is queued.
    expect((await pendingTimers(task.id)).map((j) => j.payload.timer)).toEqual(['deadline']);
    expect(await fire(task.id, 'deadline')).toBe(1);
    const seen = (await call(c.owner, 'GET', `/api/tasks/${task.id}`)).body;
    expect(seen.overdue).toBe(true);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.overdue']);
    const notices = await noticesOf(task.id);
    expect(notices).toContainEqual({ template: 'task.due', to: c.owner.id, urgent: false });
    expect(notices).toContainEqual({ template: 'task.escalated', to: c.boss.id, urgent: false });
    // The supervisor it was escalated to may open it; the overdue view lists it with a count.
    expect((await call(c.boss, 'GET', `/api/tasks/${task.id}`)).status).toBe(200);
    const overdue = await call<TaskPage>(c.owner, 'GET', '/api/tasks?view=overdue&pageSize=200');
    expect(overdue.body.items.map((t) => t.id)).toContain(task.id);
    expect(overdue.body.counts.overdue).toBeGreaterThanOrEqual(1);
    expect(await fire(task.id, 'deadline')).toBe(0);
    expect(await actions(task.id)).toHaveLength(2);
  });

  it('weekly on a cross-department task: a missing report is recorded, the owner asked and the assigner told; a fresh one is only checked; the next check is queued', async () => {
    const task = await createTask({ ownerId: c.owner.id, crossDepartment: true });
    expect(await fire(task.id, 'weekly')).toBe(1);
    expect(await actions(task.id)).toEqual(['tracked_task.create', 'tracked_task.weekly_report_missing']);
    expect((await noticesOf(task.id)).filter((n) => n.template === 'task.weekly_report_missing').map((n) => n.to)).toEqual([c.owner.id]);
    // The assigner gets a message of their own: the owner has not reported, not "please submit your report".
    expect((await noticesOf(task.id)).filter((n) => n.template === 'task.weekly_report_missing_assigner').map((n) => n.to)).toEqual([c.assigner.id]);
    const [toAssigner] = (await call<NotificationPage>(c.assigner, 'GET', '/api/notifications?pageSize=100')).body.items.filter((n) => n.subjectId === task.id && n.template === 'task.weekly_report_missing_assigner');
    expect(toAssigner!.body).toMatch(/^责任人.+本周未提交/);
    const [next] = await pendingTimers(task.id);
    expect(next!.payload.timer).toBe('weekly');
    expect(next!.runAt.getTime()).toBeGreaterThan(now().getTime() + 6 * 24 * HOUR);

    await actOk(c.owner, task.id, report());
    expect(await fire(task.id, 'weekly')).toBe(1);
    expect((await actions(task.id)).slice(-2)).toEqual(['tracked_task.report', 'tracked_task.weekly_check']);
    expect((await noticesOf(task.id)).filter((n) => n.template === 'task.weekly_report_missing')).toHaveLength(1);
    expect((await pendingTimers(task.id)).map((j) => j.payload.timer)).toEqual(['weekly']);
  });
});
