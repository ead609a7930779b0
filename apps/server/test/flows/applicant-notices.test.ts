/**
 * What applicants and approvers are told, and what an applicant may do after taking an application back (issue 8,
 * §7 and §8): urging twice, a withdrawn application edited and resubmitted, rejections and returns that say what
 * happened, by whom, where and why, withdrawals that tell the current approver, and urges without a dangling 「：」.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, NotificationPage } from '@henji/contracts';
import { signInAdmin, startHenji, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, approveAs, makeCompany, myTask, purchaseForm, submitPurchase, type Company, type Person } from './flow-context.ts';

let h: TestHenji;
let c: Company;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
  // Distinct names, so a notice can be seen to name who decided.
  const admin = await signInAdmin(h);
  for (const [who, displayName] of [[c.head, '王部长'], [c.finance, '李会计'], [c.employee, '张员工']] as const) {
    const renamed = await api(h, admin, 'PATCH', `/api/users/${who.id}`, { displayName });
    expect(renamed.status, renamed.raw).toBe(200);
  }
});
afterAll(() => h.close());

/** The newest notification of a template about an application, as its recipient reads it (zh-CN). */
async function noticeOf(who: Person, appId: string, template: string) {
  const page = await api<NotificationPage>(h, who, 'GET', '/api/notifications?pageSize=100');
  expect(page.status, page.raw).toBe(200);
  return page.body.items.find((n) => n.subjectId === appId && n.template === template);
}

describe('urging (催办)', () => {
  it('a second urge within half an hour says it was already urged (429), not that someone else acted', async () => {
    const app = await submitPurchase(h, c.employee, 500);
    expect((await act(h, c.employee, app, { action: 'urge' })).status).toBe(200);
    const twice = await act(h, c.employee, app, { action: 'urge', message: '再催一次' });
    expect(twice.status, twice.raw).toBe(429);
    expect(twice.body.code).toBe('rate_limited');
    expect(twice.body.message).toMatch(/已于 \d\d:\d\d 催办过.*30 分钟/);
    expect(twice.body.message).not.toMatch(/他人/);
  });

  it('an urge without a message ends after the node; with one, the message follows 「：」', async () => {
    const silent = await submitPurchase(h, c.employee, 600);
    expect((await act(h, c.employee, silent, { action: 'urge' })).status).toBe(200);
    const plain = await noticeOf(c.head, silent.id, 'application.urged');
    expect(plain?.body).toBeDefined();
    expect(plain!.body).not.toMatch(/：\s*$/);
    expect(plain!.body).toContain('部门负责人审批');

    const said = await submitPurchase(h, c.employee, 700);
    expect((await act(h, c.employee, said, { action: 'urge', message: '急用，请今天批' })).status).toBe(200);
    const withMessage = await noticeOf(c.head, said.id, 'application.urged_message');
    expect(withMessage!.body).toMatch(/：急用，请今天批$/);
  });
});

describe('withdrawing (撤回)', () => {
  it('tells the current approver, and lets the applicant edit and resubmit the withdrawn application, traced', async () => {
    const app = await submitPurchase(h, c.employee, 800);
    const withdrawn = await act(h, c.employee, app, { action: 'withdraw', reason: '供应商报价有误' });
    expect(withdrawn.status, withdrawn.raw).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.allowedActions).toEqual(expect.arrayContaining(['edit', 'resubmit']));

    const told = await noticeOf(c.head, app.id, 'application.withdrawn_reason');
    expect(told?.body).toContain('部门负责人审批');
    expect(told?.body).toContain('供应商报价有误');

    const edited = await api<Application>(h, c.employee, 'PATCH', `/api/applications/${app.id}`, { form: purchaseForm(900) });
    expect(edited.status, edited.raw).toBe(200);
    const resubmitted = await act(h, c.employee, edited.body, { action: 'resubmit', opinion: '已更正报价' });
    expect(resubmitted.status, resubmitted.raw).toBe(200);
    expect(resubmitted.body.status).toBe('running');
    expect(resubmitted.body.currentNodes.map((n) => n.nodeId)).toEqual(['head']);
    expect((await myTask(h, c.head, app.id)).task).toBeDefined();

    const trace = await traceOf(h, c.employee.session.headers, 'application', app.id);
    expect(trace.map((e) => e.action)).toEqual(['application.submit', 'application.withdraw', 'application.update', 'application.resubmit']);
    const resubmit = trace.at(-1)!;
    expect(resubmit.comment).toBe('已更正报价');
    expect(resubmit.payload).toContain('"before":"withdrawn"');
  });

  it('without a reason, the approver is told without one', async () => {
    const app = await submitPurchase(h, c.employee, 850);
    expect((await act(h, c.employee, app, { action: 'withdraw' })).status).toBe(200);
    const told = await noticeOf(c.head, app.id, 'application.withdrawn');
    expect(told?.body).toContain('无需再处理');
  });
});

describe('rejections and returns say what happened, by whom, where and why', () => {
  it('a rejection names the decision, the approver, the node and the written opinion', async () => {
    const app = await submitPurchase(h, c.employee, 1000);
    const { app: seen, task } = await myTask(h, c.head, app.id);
    const rejected = await act(h, c.head, seen, { action: 'reject', taskId: task.taskId, formHash: seen.formHash, opinion: '预算已用完，下季度再申请' });
    expect(rejected.status, rejected.raw).toBe(200);
    const told = await noticeOf(c.employee, app.id, 'application.rejected');
    expect(told?.body).toContain('驳回');
    expect(told?.body).toContain('王部长');
    expect(told?.body).toContain('部门负责人审批');
    expect(told?.body).toContain('预算已用完，下季度再申请');
  });

  it('a return names the approver, the node and the written opinion', async () => {
    const app = await submitPurchase(h, c.employee, 1100);
    await approveAs(h, c.head, app.id);
    const { app: seen, task } = await myTask(h, c.finance, app.id);
    const returned = await act(h, c.finance, seen, { action: 'return', taskId: task.taskId, formHash: seen.formHash, to: 'initiator', opinion: '请补充三家比价单' });
    expect(returned.status, returned.raw).toBe(200);
    const told = await noticeOf(c.employee, app.id, 'application.returned');
    expect(told?.body).toContain('退回');
    expect(told?.body).toContain('李会计');
    expect(told?.body).toContain('财务部审核');
    expect(told?.body).toContain('请补充三家比价单');
  });
});
