/**
 * The views of tracked tasks (督办, T3) through HTTP: the list's filters (source, status, department, owner, deadline
 * range, overdue, text) and sorting, the 全部 view, counts by source, the calendar of deadlines with its range checks,
 * a department's board, and the xlsx export read back with exceljs and traced — each holding only what the reader may
 * see (the policy's read rule: owner, assigner, the department's head, the owner's supervisor, admin and audit).
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TaskBoard, TaskCalendar, TaskPage, TaskSourceCounts, TrackedTask } from '@henji/contracts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { positions } from '../../src/kernel/org/schema.ts';
import { now } from '../../src/kernel/clock.ts';
import { makeDepartment, makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { readXlsx, traceOf } from './http.ts';

const HOUR = 3_600_000;

let h: TestHenji;
let admin: Session;

interface Person {
  id: string;
  session: Session;
}

/** 技术部 (head, owner, colleague) and 市场部 (assigner, outsider); an auditor. */
let c: { tech: string; market: string; head: Person; owner: Person; colleague: Person; assigner: Person; outsider: Person; auditor: Person };
/** The tasks every test reads, made once. */
let t: { meeting: TrackedTask; inspection: TrackedTask; unowned: TrackedTask; late: TrackedTask; closed: TrackedTask; market: TrackedTask };

async function person(fields: Parameters<typeof makeUser>[1] = {}): Promise<Person> {
  const { row } = await makeUser(h, fields);
  return { id: row.id, session: await signIn(h, row.username, USER_PASSWORD) };
}

async function call<T>(who: Person | Session, method: 'GET' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) {
  const app = await h.app();
  const session = 'session' in who ? who.session : who;
  const res = await app.inject({ method, url, headers: { ...session.headers, ...headers }, ...(payload ? { payload } : {}) });
  const json = String(res.headers['content-type']).startsWith('application/json');
  return { status: res.statusCode, body: (json ? res.json() : {}) as T & Partial<ErrorBody>, raw: res.body, bytes: res.rawPayload, headers: res.headers };
}

async function get<T>(who: Person | Session, url: string): Promise<T> {
  const res = await call<T>(who, 'GET', url);
  expect(res.status, `${url}: ${res.raw}`).toBe(200);
  return res.body;
}

const inHours = (hours: number) => new Date(now().getTime() + hours * HOUR).toISOString();
const ids = (page: { items: { id: string }[] }) => page.items.map((i) => i.id);
const fieldsOf = (body: Partial<ErrorBody>) => Object.keys((body.details?.fields as Record<string, unknown> | undefined) ?? {});

async function createTask(fields: Record<string, unknown>, by: Person = c.assigner): Promise<TrackedTask> {
  const res = await call<TrackedTask>(by, 'POST', '/api/tasks', { title: `视图任务 ${randomUUID().slice(0, 6)}`, ...fields });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

async function act(who: Person, id: string, body: object): Promise<TrackedTask> {
  const res = await call<TrackedTask>(who, 'POST', `/api/tasks/${id}/actions`, body);
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

/** Runs the task's deadline timer now (on the queue's clock), which marks the task overdue. */
async function makeOverdue(taskId: string) {
  await h.db
    .update(jobs)
    .set({ runAt: new Date(now().getTime() - 1000) })
    .where(and(eq(jobs.kind, 'tracked_task.timer'), eq(jobs.state, 'pending'), sql`${jobs.payload}->>'taskId' = ${taskId}`, sql`${jobs.payload}->>'timer' = 'deadline'`));
  await h.jobs.drain();
}

beforeAll(async () => {
  h = await startHenji({});
  admin = await signInAdmin(h);
  const tech = await makeDepartment(h, { name: '技术部' });
  const market = await makeDepartment(h, { name: '市场部' });
  const [headPosition] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const head = await person({ departmentId: tech.id, positionId: headPosition!.id });
  c = {
    tech: tech.id,
    market: market.id,
    head,
    owner: await person({ departmentId: tech.id, managerId: head.id }),
    colleague: await person({ departmentId: tech.id }),
    assigner: await person({ departmentId: market.id }),
    outsider: await person({ departmentId: market.id }),
    auditor: await person({ roles: ['audit'] }),
  };
  const meeting = await createTask({ title: '落实周例会决议', source: 'meeting_resolution', ownerId: c.owner.id, deadline: inHours(3 * 24) });
  const inspection = await createTask({ title: '整改安全检查问题', source: 'inspection_finding', ownerId: c.owner.id, deadline: inHours(10 * 24) });
  const unowned = await createTask({ title: '客户需求待分配', source: 'customer_demand', departmentId: c.tech, deadline: inHours(20 * 24) });
  const late = await createTask({ title: '逾期的项目任务', source: 'project', ownerId: c.owner.id, deadline: inHours(2) });
  await makeOverdue(late.id);
  const closing = await createTask({ title: '已办结的会议决议', source: 'meeting_resolution', ownerId: c.owner.id, deadline: inHours(5 * 24) });
  await act(c.owner, closing.id, { action: 'request_closure', workDone: '已完成' });
  const closed = await act(c.assigner, closing.id, { action: 'accept' });
  // Someone else's task in 市场部 that nobody in 技术部 has to do with.
  const marketTask = await createTask({ title: '市场部自己的任务', source: 'manual', ownerId: c.outsider.id, deadline: inHours(4 * 24) }, c.outsider);
  t = { meeting, inspection, unowned, late: (await get<TrackedTask>(c.owner, `/api/tasks/${late.id}`)), closed, market: marketTask };
  expect(t.late.overdue).toBe(true);
});
afterAll(() => h?.close());

describe('the list: filters and sorting', () => {
  it('filters by source, status, department, owner, deadline range, overdue and text; sorts by number', async () => {
    const list = (query: string) => get<TaskPage>(c.assigner, `/api/tasks?view=assigned&pageSize=200&${query}`);
    expect(ids(await list('source=meeting_resolution')).sort()).toEqual([t.meeting.id, t.closed.id].sort());
    expect(ids(await list('status=awaiting_owner'))).toEqual([t.unowned.id]);
    expect(ids(await list('status=closed'))).toEqual([t.closed.id]);
    expect(ids(await list(`departmentId=${c.tech}`))).toHaveLength(5);
    expect(ids(await list(`departmentId=${c.market}`))).toEqual([]);
    expect(ids(await list(`ownerId=${c.owner.id}&status=in_progress`)).sort()).toEqual([t.meeting.id, t.inspection.id, t.late.id].sort());
    const from = encodeURIComponent(inHours(24));
    const to = encodeURIComponent(inHours(15 * 24));
    // Deadline in [from, to): 3, 5 and 10 days out; the 2-hour and 20-day ones are outside.
    expect(ids(await list(`deadlineFrom=${from}&deadlineTo=${to}`)).sort()).toEqual([t.meeting.id, t.closed.id, t.inspection.id].sort());
    expect(ids(await list('overdue=true'))).toEqual([t.late.id]);
    expect(ids(await list('overdue=false'))).not.toContain(t.late.id);
    expect(ids(await list('q=%E6%95%B4%E6%94%B9'))).toEqual([t.inspection.id]);
    const byNumber = await list('sort=number&order=desc');
    const numbers = byNumber.items.map((i) => i.number!);
    expect(numbers).toEqual([...numbers].sort().reverse());
    // Deadline order by default, tasks without one last.
    const byDeadline = (await list('')).items.map((i) => i.deadline!);
    expect(byDeadline).toEqual([...byDeadline].sort());
  });

  it('refuses a deadline range that ends before it starts, and unknown filter values, with field errors', async () => {
    const res = await call(c.assigner, 'GET', `/api/tasks?deadlineFrom=${encodeURIComponent(inHours(48))}&deadlineTo=${encodeURIComponent(inHours(24))}`);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(['deadlineTo']);
    for (const query of ['source=rumour', 'overdue=yes', 'ownerId=42', 'deadlineFrom=tomorrow', 'sort=title']) {
      const bad = await call(c.assigner, 'GET', `/api/tasks?${query}`);
      expect(bad.status, query).toBe(400);
      expect(fieldsOf(bad.body), query).toEqual([query.split('=')[0]]);
    }
  });

  it('the 全部 view holds every task the reader may see, counted with the others', async () => {
    const headAll = await get<TaskPage>(c.head, '/api/tasks?view=all&pageSize=200');
    // The head of 技术部 sees its five tasks, not 市场部's.
    expect(headAll.total).toBe(5);
    expect(ids(headAll)).not.toContain(t.market.id);
    expect(headAll.counts.all).toBe(4);
    const colleague = await get<TaskPage>(c.colleague, '/api/tasks?view=all');
    expect(colleague.total).toBe(0);
    const auditor = await get<TaskPage>(c.auditor, '/api/tasks?view=all&pageSize=200');
    expect(ids(auditor)).toEqual(expect.arrayContaining([t.market.id, t.meeting.id]));
  });
});

describe('by source', () => {
  it('counts every source of the view, open and overdue, under the filters', async () => {
    const counts = await get<TaskSourceCounts>(c.owner, '/api/tasks/by-source?view=mine');
    expect(counts.items.map((i) => i.source)).toEqual(['meeting_resolution', 'inspection_finding', 'customer_demand', 'project', 'manual', 'application']);
    const of = (source: string) => counts.items.find((i) => i.source === source);
    expect(of('meeting_resolution')).toEqual({ source: 'meeting_resolution', total: 2, open: 1, overdue: 0 });
    expect(of('project')).toEqual({ source: 'project', total: 1, open: 1, overdue: 1 });
    expect(of('customer_demand')).toEqual({ source: 'customer_demand', total: 0, open: 0, overdue: 0 });
    const open = await get<TaskSourceCounts>(c.owner, '/api/tasks/by-source?view=mine&status=in_progress');
    expect(open.items.find((i) => i.source === 'meeting_resolution')!.total).toBe(1);
    // Nobody in 市场部 sees 技术部's tasks in their counts.
    const outsider = await get<TaskSourceCounts>(c.outsider, '/api/tasks/by-source?view=all');
    expect(outsider.items.reduce((n, i) => n + i.total, 0)).toBe(1);
    expect((await call(c.owner, 'GET', '/api/tasks/by-source?source=manual')).status).toBe(400);
  });
});

describe('the calendar of deadlines', () => {
  it('lists the tasks of the view whose deadline falls in the range, earliest first', async () => {
    const from = encodeURIComponent(inHours(-24));
    const to = encodeURIComponent(inHours(12 * 24));
    const calendar = await get<TaskCalendar>(c.owner, `/api/tasks/calendar?view=mine&from=${from}&to=${to}`);
    expect(ids(calendar)).toEqual([t.late.id, t.meeting.id, t.closed.id, t.inspection.id]);
    expect(calendar.truncated).toBe(false);
    expect(calendar.items[0]!.overdue).toBe(true);
    const open = await get<TaskCalendar>(c.owner, `/api/tasks/calendar?view=mine&from=${from}&to=${to}&status=in_progress&source=project`);
    expect(ids(open)).toEqual([t.late.id]);
    // The outsider's calendar over the same days shows only their own task.
    expect(ids(await get<TaskCalendar>(c.outsider, `/api/tasks/calendar?view=all&from=${from}&to=${to}`))).toEqual([t.market.id]);
  });

  it('refuses a range that is backwards, longer than 62 days or missing, naming the field', async () => {
    const at = (hours: number) => encodeURIComponent(inHours(hours));
    const backwards = await call(c.owner, 'GET', `/api/tasks/calendar?from=${at(48)}&to=${at(24)}`);
    expect(backwards.status).toBe(400);
    expect(fieldsOf(backwards.body)).toEqual(['to']);
    const wide = await call(c.owner, 'GET', `/api/tasks/calendar?from=${at(0)}&to=${at(63 * 24)}`);
    expect(wide.status).toBe(400);
    expect(fieldsOf(wide.body)).toEqual(['to']);
    expect(wide.body.message).toBeTruthy();
    expect((await call(c.owner, 'GET', `/api/tasks/calendar?from=${at(0)}&to=${at(62 * 24)}`)).status).toBe(200);
    const missing = await call(c.owner, 'GET', `/api/tasks/calendar?from=${at(0)}`);
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toEqual(['to']);
  });
});

describe('the board', () => {
  it("shows the reader's own department by default, in columns by status with totals", async () => {
    const board = await get<TaskBoard>(c.head, '/api/tasks/board');
    expect(board.department).toEqual({ id: c.tech, name: '技术部' });
    expect(board.departments).toEqual([{ id: c.tech, name: '技术部', open: 4 }]);
    const column = (status: string) => board.columns.find((col) => col.status === status)!;
    expect(board.columns.map((col) => col.status)).toEqual(['awaiting_owner', 'in_progress', 'submitted', 'closed']);
    expect(ids(column('awaiting_owner'))).toEqual([t.unowned.id]);
    // Open columns by deadline, earliest first.
    expect(ids(column('in_progress'))).toEqual([t.late.id, t.meeting.id, t.inspection.id]);
    expect(column('closed')).toMatchObject({ total: 1 });
    // What may be done with each card travels with it: the head assigns, the assigner accepts.
    expect(column('awaiting_owner').items[0]!.allowedActions).toEqual(['assign']);
  });

  it('offers only the departments whose tasks the reader sees; another department is picked by id; the filters apply', async () => {
    const assigner = await get<TaskBoard>(c.assigner, '/api/tasks/board');
    // The assigner sits in 市场部 but sees 技术部's tasks only: the board falls back to it.
    expect(assigner.department?.id).toBe(c.tech);
    expect(assigner.departments.map((d) => d.id)).toEqual([c.tech]);
    const outsider = await get<TaskBoard>(c.outsider, `/api/tasks/board?departmentId=${c.tech}`);
    expect(outsider.department?.id).toBe(c.tech);
    expect(outsider.columns.every((col) => col.total === 0 && col.items.length === 0)).toBe(true);
    expect(outsider.departments.map((d) => d.id)).toEqual([c.market]);
    const filtered = await get<TaskBoard>(c.head, '/api/tasks/board?source=meeting_resolution');
    expect(filtered.columns.flatMap((col) => ids(col)).sort()).toEqual([t.meeting.id, t.closed.id].sort());
    const nobody = await get<TaskBoard>(c.auditor, `/api/tasks/board?departmentId=${c.market}`);
    expect(nobody.columns.flatMap((col) => ids(col))).toEqual([t.market.id]);
    const unknown = await call(c.head, 'GET', `/api/tasks/board?departmentId=${randomUUID()}`);
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(['departmentId']);
  });

  it('a reader who sees no task gets an empty board of their own department', async () => {
    const board = await get<TaskBoard>(c.colleague, '/api/tasks/board');
    expect(board).toMatchObject({ departments: [], department: { id: c.tech } });
    expect(board.columns.map((col) => col.total)).toEqual([0, 0, 0, 0]);
  });
});

describe('the xlsx export', () => {
  const read = readXlsx;

  it('the view under its filters with Chinese headers, words for sources and states, Beijing times; traced with the hash', async () => {
    const res = await call(c.assigner, 'GET', '/api/tasks/export.xlsx?view=assigned&status=in_progress&sort=deadline');
    expect(res.status, res.raw).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const { name, rows } = await read(res.bytes);
    expect(name).toBe('督办任务');
    expect(rows[0]).toEqual(['督办编号', '事项', '来源', '责任部门', '责任人', '交办人', '截止时间（北京时间）', '状态', '是否逾期', '最近汇报（北京时间）', '跨部门', '交办时间（北京时间）']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([t.late.title, t.meeting.title, t.inspection.title]);
    const late = rows[1]!;
    expect(late[0]).toBe(t.late.number);
    expect(late[2]).toBe('项目');
    expect(late[3]).toBe('技术部');
    expect(late[7]).toBe('办理中');
    expect(late[8]).toBe('是');
    expect(rows[2]![8]).toBe('否');
    expect(rows[2]![2]).toBe('会议决议');
    const beijing = new Date(new Date(t.meeting.deadline!).getTime() + 8 * HOUR).toISOString().slice(0, 16).replace('T', ' ');
    expect(rows[2]![6]).toBe(beijing);
    const entries = (await traceOf(h, c.assigner.session.headers, 'user', c.assigner.id)).filter((e) => e.action === 'user.task_export');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.diff).toMatchObject({ filters: { after: { view: 'assigned', status: 'in_progress', sort: 'deadline', order: 'asc' } }, rows: { after: 3 } });
    expect(entries[0]!.evidence).toEqual([expect.objectContaining({ sha256: createHash('sha256').update(res.bytes).digest('hex') })]);
  });

  it('holds only what the reader may see, in English when asked', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: '/api/tasks/export.xlsx?view=all', headers: { ...c.outsider.session.headers, 'accept-language': 'en-US' } });
    expect(res.statusCode, res.body).toBe(200);
    const { name, rows } = await read(res.rawPayload);
    expect(name).toBe('Tracked tasks');
    expect(rows[0]![0]).toBe('Number');
    expect(rows.slice(1).map((r) => r[1])).toEqual([t.market.title]);
    expect(rows[1]![2]).toBe('manual');
    const bad = await call(c.outsider, 'GET', '/api/tasks/export.xlsx?page=2');
    expect(bad.status).toBe(400);
    expect((await call(admin, 'GET', '/api/tasks/export.xlsx?view=all')).status).toBe(200);
  });

  it('is refused to anyone not signed in', async () => {
    const app = await h.app();
    expect((await app.inject({ method: 'GET', url: '/api/tasks/export.xlsx' })).statusCode).toBe(401);
  });
});
