/**
 * Evidence an auditor can read (issue 9, item 2): every trace entry as a sentence with named people, nodes and
 * objects, the route as sentences, no raw code or id in the plain text; sign-ins credited to the person; the ledger
 * list filtered by person, department, action, object type, dates and business number.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, LedgerEntry } from '@henji/contracts';
import { LEDGER_VOCABULARY } from '@henji/contracts';
import { execute } from '../../src/kernel/command.ts';
import { knownActions } from '../../src/kernel/ledger/actions.ts';
import { describeEntries } from '../../src/kernel/ledger/describe.ts';
import { updateUser } from '../../src/kernel/org/commands/update-user.ts';
import { positions, roles } from '../../src/kernel/org/schema.ts';
import { ADMIN_PASSWORD, makeDepartment, makeUser, signIn, startHenji, systemCaller, USER_PASSWORD, type TestHenji } from '../harness.ts';
import { act, approveAs, myTask, submitPurchase, type Person } from '../flows/flow-context.ts';

let h: TestHenji;
let admin: Person;
let zhang: Person; // 张三, employee of 行政部
let wang: Person; // 王主任, head of 行政部, reports to 赵总
let li: Person; // 李会计, finance
let chen: Person; // 陈专员, of 财务部 without the finance role
let zhao: Person; // 赵总, CEO
let adminDept: string;
let financeDept: string;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const RAW = /\b(approve|running|complete:|branch:|enter:|finish:|substitute:|return:|auto_approve|skipped_empty)\b/;

async function person(name: string, fields: Parameters<typeof makeUser>[1]): Promise<Person> {
  const { row } = await makeUser(h, fields);
  await execute(h.db, systemCaller, updateUser, { id: row.id, changes: { displayName: name } });
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

async function entries(who: Person, query: Record<string, string>, locale = 'zh-CN') {
  const app = await h.app();
  const res = await app.inject({
    method: 'GET',
    url: `/api/ledger/entries?${new URLSearchParams({ limit: '500', ...query })}`,
    headers: { ...who.session.headers, 'accept-language': locale },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: LedgerEntry[] }>().items.reverse();
}

/** Everything a reader sees without opening 详情. */
const plainText = (e: LedgerEntry) =>
  [e.description.sentence, e.description.actorLabel, e.description.subjectLabel, ...e.description.fields.flatMap((f) => [f.label, f.before ?? '', f.after ?? ''])].join('\n');

function expectPlain(list: LedgerEntry[]) {
  for (const e of list) {
    const text = plainText(e);
    expect(text, text).not.toMatch(UUID);
    expect(text, text).not.toMatch(RAW);
    for (const f of e.description.fields) expect(f.label, `label of ${f.field}`).not.toBe(f.field);
  }
}

const field = (e: LedgerEntry, key: string) => e.description.fields.find((f) => f.field === key);

beforeAll(async () => {
  h = await startHenji();
  adminDept = (await makeDepartment(h, { name: '行政部' })).id;
  financeDept = (await makeDepartment(h, { name: '财务部' })).id;
  const [head] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  zhao = await person('赵总', { roles: ['ceo'] });
  wang = await person('王主任', { departmentId: adminDept, positionId: head!.id, managerId: zhao.id });
  zhang = await person('张三', { departmentId: adminDept, managerId: wang.id });
  li = await person('李会计', { departmentId: financeDept, roles: ['finance'] });
  chen = await person('陈专员', { departmentId: financeDept });
  const adminSession = await signIn(h, 'admin', ADMIN_PASSWORD);
  admin = { id: adminSession.userId, username: 'admin', session: adminSession };
});
afterAll(() => h.close());

describe('plain-language trace of a purchase', () => {
  let purchase: Application;
  let trace0Label = '';

  it('names the object, the people and the nodes, and tells the condition branch as a sentence', async () => {
    purchase = await submitPurchase(h, zhang, 20000);
    await approveAs(h, wang, purchase.id);
    await approveAs(h, li, purchase.id);
    const done = await approveAs(h, zhao, purchase.id, '同意采购');
    expect(done.status).toBe('approved');

    const trace = await entries(zhang, { subjectType: 'application', subjectId: purchase.id });
    expect(trace.map((e) => e.description.sentence)).toEqual([
      '张三 提交申请',
      '王主任 在「部门负责人审批」同意',
      '李会计 在「财务部审核」同意',
      '赵总 在「CEO 审批」同意',
    ]);
    const label = `采购申请 ${done.number} ${done.title}`;
    trace0Label = label;
    for (const e of trace) expect(e.description.subjectLabel).toBe(label);

    expect(field(trace[0]!, 'status')).toMatchObject({ label: '状态', before: '草稿', after: '审批中' });
    expect(field(trace[0]!, 'nodes')?.after).toBe('部门负责人审批');
    expect(field(trace[2]!, 'decision')).toMatchObject({ label: '决定', after: '同意' });
    expect(field(trace[2]!, 'route')?.after).toBe('财务部审核：同意；条件「总金额 ≥ 10000 元」成立 → CEO 审批；进入「CEO 审批」');
    expect(field(trace[3]!, 'route')?.after).toBe(`CEO 审批：同意；抄送行政部；流程结束；编号 ${done.number}`);
    expect(field(trace[3]!, 'status')).toMatchObject({ before: '审批中', after: '已通过' });
    // Ids and hashes are not in the plain table; the entry keeps them for 详情.
    expect(field(trace[1]!, 'task')).toBeUndefined();
    expect(field(trace[1]!, 'formHash')).toBeUndefined();
    expect(trace[1]!.diff.task?.after).toMatch(UUID);
    expectPlain(trace);
  });

  it('a notification names what it is about and its template', async () => {
    const sent = await entries(admin, { action: 'notification.send', subjectType: 'notification' });
    const approved = sent.find((e) => e.diff.template?.after === 'application.approved' && e.diff.about?.after === `application:${purchase.id}`);
    expect(approved).toBeDefined();
    expect(field(approved!, 'about')?.after).toBe(trace0Label);
    expect(field(approved!, 'template')?.after).toBe('已通过');
    expect(approved!.description.subjectLabel).toBe('通知 已通过');
    expectPlain([approved!]);
  });

  it('speaks English when asked', async () => {
    const trace = await entries(zhang, { subjectType: 'application', subjectId: purchase.id }, 'en-US');
    expect(trace[2]!.description.sentence).toBe('李会计: Approve at “财务部审核”');
    expect(field(trace[2]!, 'route')?.after).toBe('财务部审核: approved; condition “总金额 ≥ CNY 10000” holds → CEO 审批; to “CEO 审批”');
    expect(field(trace[0]!, 'status')).toMatchObject({ before: 'draft', after: 'running' });
  });

  it('the otherwise branch, a return, a resubmission and a transfer', async () => {
    const small = await submitPurchase(h, zhang, 800);
    await approveAs(h, wang, small.id);
    const { app, task } = await myTask(h, li, small.id);
    const returned = await act(h, li, app, { action: 'return', taskId: task.taskId, formHash: app.formHash, to: 'initiator', opinion: '请补充报价单' });
    expect(returned.status, returned.raw).toBe(200);
    const resubmitted = await act(h, zhang, returned.body, { action: 'resubmit', form: { ...app.form, supplier: '某某办公设备公司' }, opinion: '已补充' });
    expect(resubmitted.status, resubmitted.raw).toBe(200);
    const held = await myTask(h, li, small.id);
    const transferred = await act(h, li, held.app, { action: 'transfer', taskId: held.task.taskId, userId: chen.id, opinion: '请陈专员处理' });
    expect(transferred.status, transferred.raw).toBe(200);
    await approveAs(h, chen, small.id);

    const trace = await entries(zhang, { subjectType: 'application', subjectId: small.id });
    expect(trace.map((e) => e.description.sentence)).toEqual([
      '张三 提交申请',
      '王主任 在「部门负责人审批」同意',
      '李会计 在「财务部审核」退回',
      '张三 重新提交',
      '李会计 在「财务部审核」转交',
      '陈专员 在「财务部审核」同意',
    ]);
    expect(field(trace[2]!, 'route')?.after).toBe('「财务部审核」退回申请人修改');
    expect(field(trace[2]!, 'returnTo')).toMatchObject({ label: '退回至', after: '申请人' });
    expect(field(trace[2]!, 'status')).toMatchObject({ before: '审批中', after: '已退回' });
    expect(field(trace[3]!, 'route')?.after).toBe('表单第 2 版；从「财务部审核」继续审批');
    // 供应商 is not read by the flow: no key content changed.
    expect(field(trace[3]!, 'changed')).toMatchObject({ label: '关键内容变动', after: '（无）' });
    expect(field(trace[4]!, 'to')).toMatchObject({ label: '转交给', after: '陈专员' });
    expect(field(trace[4]!, 'decision')?.after).toBe('转交');
    expect(field(trace[5]!, 'route')?.after).toMatch(/^财务部审核：同意；「金额是否达到 CEO 审批标准」的条件均不成立 → 生成采购单号；抄送行政部；流程结束；编号 CG\d{8}$/);
    expectPlain(trace);
  });

  it('a substitute approver under separation of duties', async () => {
    // 王主任 heads the department: his own purchase cannot be signed by himself, so his superior signs that level.
    const own = await submitPurchase(h, wang, 800);
    const [submit] = await entries(wang, { subjectType: 'application', subjectId: own.id });
    expect(field(submit!, 'route')?.after).toBe('表单第 1 版；「部门负责人审批」审批人是申请人本人，改由其上级审批；进入「部门负责人审批」');
    expect(field(submit!, 'nodes')?.after).toBe('部门负责人审批');
    expectPlain([submit!]);
  });
});

describe('sign-in entries', () => {
  it('name the person signing in, with the address, and stay private to them and auditors', async () => {
    const mine = await entries(zhang, { subjectType: 'user', subjectId: zhang.id, action: 'auth.login' });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]!.description.sentence).toBe('张三 登录（来自 127.0.0.1）');
    expect(mine[0]!.description.actorLabel).toBe('张三');
    expect(mine[0]!.description.subjectLabel).toBe('用户 张三');
    expectPlain(mine);

    // Another employee may read 张三's trace but not his sign-ins.
    const other = await entries(li, { subjectType: 'user', subjectId: zhang.id });
    expect(other.some((e) => e.action === 'auth.login')).toBe(false);

    const app = await h.app();
    const failed = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: zhang.username, password: 'wrong-password-1' } });
    expect(failed.statusCode).toBe(401);
    const failures = await entries(admin, { actorId: zhang.id, action: 'auth.login_failed' });
    expect(failures.map((e) => e.description.sentence)).toEqual(['张三 登录失败：密码错误（来自 127.0.0.1）']);
  });

  it('a sign-out names the person too', async () => {
    const session = await signIn(h, zhang.username, USER_PASSWORD);
    const app = await h.app();
    const res = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(res.statusCode).toBe(204);
    const out = await entries(admin, { actorId: zhang.id, action: 'auth.logout' });
    expect(out.at(-1)!.description.sentence).toBe('张三 退出登录');
  });
});

describe('people and organisation entries', () => {
  it('name departments, roles and the person changed', async () => {
    const [created] = await entries(admin, { subjectType: 'user', subjectId: li.id, action: 'user.create' });
    const [role] = await h.db.select({ name: roles.name }).from(roles).where(eq(roles.code, 'finance'));
    expect(created!.description.sentence).toBe('系统 创建用户');
    expect(created!.description.subjectLabel).toBe('用户 李会计');
    expect(field(created!, 'roles')).toMatchObject({ label: '角色', after: role!.name });
    expect(field(created!, 'departmentId')).toMatchObject({ label: '部门', after: '财务部' });
    expect(field(created!, 'password')?.after).toBe('（保密，仅记录摘要）');
    const [renamed] = await entries(admin, { subjectType: 'user', subjectId: li.id, action: 'user.update' });
    expect(field(renamed!, 'displayName')).toMatchObject({ label: '姓名', before: '测试用户', after: '李会计' });
    expectPlain([created!, renamed!]);
  });
});

describe('ledger list filters', () => {
  it('by person: their actions and their sign-ins, nobody else’s', async () => {
    const list = await entries(admin, { actorId: li.id });
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(e.actorId === li.id || e.subjectId === li.id).toBe(true);
    expect(list.some((e) => e.action === 'auth.login')).toBe(true);
    expect(list.some((e) => e.action === 'application.approve')).toBe(true);
  });

  it('by department: the people of 财务部', async () => {
    const list = await entries(admin, { departmentId: financeDept, actionGroup: 'application' });
    expect(new Set(list.map((e) => e.description.actorLabel))).toEqual(new Set(['李会计', '陈专员']));
  });

  it('by action and by action group', async () => {
    const transfers = await entries(admin, { action: 'application.transfer' });
    expect(transfers.map((e) => e.description.sentence)).toEqual(['李会计 在「财务部审核」转交']);
    const group = await entries(admin, { actionGroup: 'auth' });
    expect(group.length).toBeGreaterThan(0);
    for (const e of group) expect(e.action.startsWith('auth.')).toBe(true);
  });

  it('by object type', async () => {
    const list = await entries(admin, { subjectType: 'department' });
    expect(list.map((e) => e.description.subjectLabel).sort()).toEqual(['部门 行政部', '部门 财务部']);
    expect(list[0]!.description.sentence).toBe('系统 创建部门');
  });

  it('by date range, in Beijing days', async () => {
    // The suite runs on 2026-06-17 (Beijing); nothing happened the day before.
    expect((await entries(admin, { from: '2026-06-17', to: '2026-06-17', actionGroup: 'application' })).length).toBeGreaterThan(0);
    expect(await entries(admin, { to: '2026-06-16' })).toEqual([]);
    expect(await entries(admin, { from: '2026-06-18' })).toEqual([]);
    const app = await h.app();
    const bad = await app.inject({ method: 'GET', url: '/api/ledger/entries?from=2026-13-45', headers: admin.session.headers });
    expect(bad.statusCode).toBe(400);
  });

  it('by business number: the entries of what it numbers; an unknown number matches nothing', async () => {
    const [numbered] = await entries(admin, { action: 'application.approve' }).then((l) => l.filter((e) => e.description.subjectLabel.includes('CG')));
    const number = numbered!.description.subjectLabel.match(/CG\d{8}/)![0];
    const list = await entries(admin, { number });
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(e.description.subjectLabel).toContain(number);
    expect(list[0]!.action).toBe('application.submit');
    expect(await entries(admin, { number: 'CG19990001' })).toEqual([]);
    // The applicant may look up their own purchase by number; someone who may not read it gets a 404.
    expect((await entries(zhang, { number })).length).toBe(list.length);
    const app = await h.app();
    const denied = await app.inject({ method: 'GET', url: `/api/ledger/entries?number=${number}`, headers: chen.session.headers });
    expect([200, 404]).toContain(denied.statusCode);
  });

  it('by a tracked task’s number (DB…): the task named by number and title, its owner by name', async () => {
    const app = await h.app();
    const res = await app.inject({
      method: 'POST',
      url: '/api/tasks',
      headers: wang.session.headers,
      payload: { title: '落实安全检查整改', source: 'inspection_finding', ownerId: zhang.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const task = res.json<{ id: string; number: string }>();
    expect(task.number).toMatch(/^DB\d{8}$/);
    const list = await entries(admin, { number: task.number });
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) expect(e.description.subjectLabel).toBe(`督办任务 ${task.number} 落实安全检查整改`);
    expect(list[0]!.description.sentence).toBe('王主任 交办督办任务');
    expect(field(list[0]!, 'ownerId')).toMatchObject({ label: '责任人', after: '张三' });
    expect(field(list[0]!, 'source')).toMatchObject({ after: '检查发现' });
    expectPlain(list);
  });

  it('a person without ledger.read_all sees only their own entries whatever they ask', async () => {
    const list = await entries(zhang, { actorId: li.id });
    for (const e of list) expect(e.actorId === zhang.id || e.subjectId === zhang.id).toBe(true);
  });
});

describe('vocabulary', () => {
  it('every action of the catalogue has a label in both languages', () => {
    const missing = knownActions().filter((a) => !LEDGER_VOCABULARY['zh-CN'].actions[a] || !LEDGER_VOCABULARY['en-US'].actions[a]);
    expect(missing).toEqual([]);
  });

  it('an unknown action and subject fall back to themselves without failing', async () => {
    const [d] = await describeEntries(
      h.db,
      [{ id: '1', recordedAt: '2026-06-17T06:28:17.123Z', actorId: zhang.id, onBehalfOfId: null, action: 'future.thing', subjectType: 'future', subjectId: 'x1', diff: { note: { after: 'hello' } }, comment: null, ip: null }],
      'zh-CN',
    );
    expect(d).toEqual({ sentence: '张三 future.thing', actorLabel: '张三', subjectLabel: 'future', fields: [{ field: 'note', label: 'note', before: null, after: 'hello' }] });
  });
});
