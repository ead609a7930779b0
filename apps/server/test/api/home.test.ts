/**
 * The role home pages: the administrator's checklist computed from real data, each person's own work, and the
 * overview of what waits on whom with its access scope (the company for the CEO, a head's subtree, nothing for others).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanySettings, FileMeta, HomeOverview, PersonalHome, SetupChecklist, TrackedTask } from '@henji/contracts';
import { positions } from '../../src/kernel/org/schema.ts';
import { clock, makeDepartment, makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { api, makeCompany, submitPurchase, type Company, type Person } from '../flows/flow-context.ts';
import { multipartFile } from './http.ts';

let h: TestHenji;
let admin: Session;
beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
});
afterAll(async () => h?.close());

const itemOf = (list: SetupChecklist, key: string) => list.items.find((i) => i.key === key)!;
const overviewOf = async (who: Person | Session) => {
  const res = await api<{ overview: HomeOverview | null }>(h, who, 'GET', '/api/home/overview');
  expect(res.status, res.raw).toBe(200);
  return res.body.overview;
};
const personalOf = async (who: Person) => {
  const res = await api<PersonalHome>(h, who, 'GET', '/api/home/personal');
  expect(res.status, res.raw).toBe(200);
  return res.body;
};

describe('the administrator\'s setup checklist', () => {
  it('starts with nothing done but what exists, backups listed as not available, and follows the data', async () => {
    const first = (await api<SetupChecklist>(h, admin, 'GET', '/api/home/setup')).body;
    expect(first.items.map((i) => i.key)).toEqual([
      'company',
      'departments',
      'users',
      'notification_channel',
      'calendar_next_year',
      'application_type',
      'backup',
    ]);
    expect(first).toMatchObject({ done: 0, total: 6 });
    expect(itemOf(first, 'company')).toMatchObject({ done: false, missing: ['name', 'logo'], link: '/system/company' });
    expect(itemOf(first, 'departments')).toMatchObject({ done: false, count: 0 });
    expect(itemOf(first, 'users')).toMatchObject({ done: false, count: 0 });
    // The shipped notices end with 2026; on 2026-06-17 the calendars do not know 2027 yet.
    expect(itemOf(first, 'calendar_next_year')).toMatchObject({ done: false, year: 2027, missing: ['中国大陆标准工作日历'] });
    // Built-in types ship published by Henji, not by an administrator.
    expect(itemOf(first, 'application_type')).toMatchObject({ done: false, count: 0 });
    expect(itemOf(first, 'backup')).toMatchObject({ done: false, available: false, link: null });

    await makeDepartment(h, { name: '研发部' });
    await makeUser(h);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const { payload, contentType } = await multipartFile('logo.png', png, 'image/png');
    const up = await (await h.app()).inject({ method: 'POST', url: '/api/files', headers: { ...admin.headers, 'content-type': contentType }, payload });
    const logo = up.json<FileMeta>();
    const named = await api<CompanySettings>(h, admin, 'PUT', '/api/settings/company', { name: '痕迹科技', logoFileId: null });
    expect(named.status, named.raw).toBe(200);
    const half = (await api<SetupChecklist>(h, admin, 'GET', '/api/home/setup')).body;
    expect(itemOf(half, 'company')).toMatchObject({ done: false, missing: ['logo'] });
    expect(itemOf(half, 'departments')).toMatchObject({ done: true, count: 1 });
    expect(itemOf(half, 'users')).toMatchObject({ done: true, count: 1 });
    expect(half).toMatchObject({ done: 2, total: 6 });

    await api(h, admin, 'PUT', '/api/settings/company', { name: '痕迹科技', logoFileId: logo.id });
    const later = (await api<SetupChecklist>(h, admin, 'GET', '/api/home/setup')).body;
    expect(itemOf(later, 'company')).toMatchObject({ done: true, missing: [] });
    expect(later.done).toBe(3);
  });

  it('is for administrators only: 404 to anyone else', async () => {
    const { row } = await makeUser(h, { roles: ['ceo'] });
    const session = await signIn(h, row.username, USER_PASSWORD);
    expect((await api(h, session, 'GET', '/api/home/setup')).status).toBe(404);
  });
});

describe('each person\'s work and the overview', () => {
  let c: Company;
  let otherHead: Person;
  let todoDeadline: string | null = null;
  let taskDeadline: string;
  beforeAll(async () => {
    c = await makeCompany(h);
    const other = await makeDepartment(h, { name: '销售部' });
    const [head] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
    const { row } = await makeUser(h, { departmentId: other.id, positionId: head!.id });
    otherHead = { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
  });

  it('is empty before anything happens', async () => {
    expect(await personalOf(c.outsider)).toEqual({
      todos: { pending: 0, overdue: 0, oldest: [] },
      applications: { inProgress: 0, items: [] },
      tasks: { open: 0, overdue: 0, items: [] },
    });
    expect(await overviewOf(c.outsider)).toBeNull();
  });

  it('an application waits on the department head: the applicant, the head, the CEO and other heads each see their part', async () => {
    const purchase = await submitPurchase(h, c.employee, 3000);

    const mine = await personalOf(c.employee);
    expect(mine.applications.inProgress).toBe(1);
    expect(mine.applications.items[0]).toMatchObject({ id: purchase.id, status: 'running', typeName: purchase.type.name });
    expect(mine.applications.items[0]!.waitingAt).toHaveLength(1);
    expect(mine.todos.pending).toBe(0);

    const head = await personalOf(c.head);
    expect(head.todos).toMatchObject({ pending: 1, overdue: 0 });
    const todo = head.todos.oldest[0]!;
    expect(todo).toMatchObject({ applicationId: purchase.id, title: purchase.title, initiator: { id: c.employee.id }, overdue: false });
    expect(todo.nodeName).toBe(mine.applications.items[0]!.waitingAt[0]);

    // The head of 行政部 oversees it: the application is from their department and waits on them.
    const scoped = (await overviewOf(c.head))!;
    expect(scoped).toMatchObject({ scope: 'departments', departments: [{ id: c.deptId, name: '行政部' }], pending: 1, overdue: 0 });
    expect(scoped.byPerson).toEqual([expect.objectContaining({ user: { id: c.head.id, displayName: '测试用户' }, pending: 1, overdue: 0, departmentName: '行政部' })]);
    expect(scoped.byNode).toEqual([{ typeName: purchase.type.name, nodeName: todo.nodeName, pending: 1, overdue: 0 }]);

    // Another department's head sees none of it; the CEO sees the whole company.
    expect(await overviewOf(otherHead)).toMatchObject({ scope: 'departments', pending: 0, byPerson: [], byNode: [] });
    const company = (await overviewOf(c.ceo))!;
    expect(company).toMatchObject({ scope: 'company', departments: [] });
    expect(company.byPerson.find((p) => p.user.id === c.head.id)).toMatchObject({ pending: 1 });
    // Employees and finance clerks have no overview.
    expect(await overviewOf(c.employee)).toBeNull();
    expect(await overviewOf(c.finance)).toBeNull();

    // The purchase's first approval has an SLA, so the overdue case below is a real one.
    expect(todo.deadline).not.toBeNull();
    todoDeadline = todo.deadline;
  });

  it('tracked tasks the person owns, and those of the head\'s department in the overview', async () => {
    const deadline = new Date(clock.now().getTime() + 3 * 86400_000).toISOString();
    const made = await api<TrackedTask>(h, c.head, 'POST', '/api/tasks', {
      title: '整改会议室投影仪',
      departmentId: c.deptId,
      ownerId: c.employee.id,
      deadline,
    });
    expect(made.status, made.raw).toBe(201);
    const mine = await personalOf(c.employee);
    expect(mine.tasks).toMatchObject({ open: 1, overdue: 0 });
    expect(mine.tasks.items[0]).toMatchObject({ id: made.body.id, title: '整改会议室投影仪', overdue: false });
    expect((await overviewOf(c.head))!.trackedTasks).toMatchObject({ open: 1, overdue: 0 });
    expect((await overviewOf(otherHead))!.trackedTasks).toMatchObject({ open: 0 });

    taskDeadline = deadline;
  });

  it('past their deadlines the same approval and tracked task count as overdue everywhere', async () => {
    const latest = Math.max(new Date(taskDeadline).getTime(), todoDeadline ? new Date(todoDeadline).getTime() : 0);
    clock.set(new Date(latest + 60_000).toISOString());
    // Sessions last 12 hours: sign in again at the new instant.
    const again = async (p: Person): Promise<Person> => ({ ...p, session: await signIn(h, p.username, USER_PASSWORD) });
    const head = await again(c.head);
    const employee = await again(c.employee);
    expect((await personalOf(head)).todos).toMatchObject({ pending: 1, overdue: todoDeadline ? 1 : 0 });
    expect(await overviewOf(head)).toMatchObject({ pending: 1, overdue: todoDeadline ? 1 : 0, trackedTasks: { open: 1, overdue: 1 } });
    expect((await personalOf(employee)).tasks).toMatchObject({ open: 1, overdue: 1 });
    expect((await personalOf(employee)).tasks.items[0]!.overdue).toBe(true);
  });
});
