/**
 * Applicant and approver actions through the HTTP API (F1, F3, F4, F6): drafts, double submits, field errors, who
 * may see and act, delegation, transfer, added signers, comments, urging, the inbox and emergency decisions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, InboxPage } from '@henji/contracts';
import { startHenji, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, approveAs, makeCompany, myTask, purchaseForm, submitPurchase, typeByCode, type Company } from './flow-context.ts';
import { now } from '../../src/kernel/clock.ts';

let h: TestHenji;
let c: Company;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
});
afterAll(() => h.close());

describe('drafts and submission', () => {
  it('keeps a draft, edits it, submits it; a repeated requestKey creates one application', async () => {
    const type = await typeByCode(h, c.employee, 'purchase');
    const requestKey = randomUUID();
    const body = { typeId: type.id, form: { title: '草稿采购', amount: 100 }, requestKey };
    const [first, second] = await Promise.all([api<Application>(h, c.employee, 'POST', '/api/applications', body), api<Application>(h, c.employee, 'POST', '/api/applications', body)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.id).toBe(second.body.id);
    expect(first.body.status).toBe('draft');
    expect(first.body.allowedActions).toEqual(expect.arrayContaining(['edit', 'submit', 'discard']));

    // Submitting the incomplete draft names every missing field.
    const incomplete = await act(h, c.employee, first.body, { action: 'submit' });
    expect(incomplete.status).toBe(400);
    expect(Object.keys(incomplete.body.details!.fields!)).toEqual(expect.arrayContaining(['form.items', 'form.reason']));

    const edited = await api<Application>(h, c.employee, 'PATCH', `/api/applications/${first.body.id}`, { form: purchaseForm(300) });
    expect(edited.status, edited.raw).toBe(200);
    const submitted = await act(h, c.employee, edited.body, { action: 'submit' });
    expect(submitted.status, submitted.raw).toBe(200);
    expect(submitted.body.status).toBe('running');
    const again = await act(h, c.employee, edited.body, { action: 'submit' });
    expect(again.status).toBe(409);
  });

  it('refuses values of the wrong type, out of range or too long, field by field, and writes nothing', async () => {
    const type = await typeByCode(h, c.employee, 'purchase');
    const form = { ...purchaseForm(100), amount: 'abc', title: '长'.repeat(101), items: [{ name: '纸', quantity: 0, unitPrice: 1.234 }] };
    const res = await api(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form, submit: true, requestKey: randomUUID() });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details!.fields!).sort()).toEqual(['form.amount', 'form.items[0].quantity', 'form.items[0].unitPrice', 'form.title']);
    const mine = await api<{ total: number }>(h, c.employee, 'GET', `/api/applications?q=${encodeURIComponent('长长长')}`);
    expect(mine.body.total).toBe(0);
  });

  it('discards a draft', async () => {
    const type = await typeByCode(h, c.employee, 'general');
    const draft = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '临时' }, requestKey: randomUUID() });
    const gone = await act(h, c.employee, draft.body, { action: 'discard' });
    expect(gone.status).toBe(204);
    expect((await api(h, c.employee, 'GET', `/api/applications/${draft.body.id}`)).status).toBe(404);
  });
});

describe('who may see and act', () => {
  it('an outsider gets 404; a participant who is not the assignee gets 403', async () => {
    const app = await submitPurchase(h, c.employee, 20000);
    expect((await api(h, c.outsider, 'GET', `/api/applications/${app.id}`)).status).toBe(404);
    const { task } = await myTask(h, c.head, app.id);
    const byOutsider = await act(h, c.outsider, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash });
    expect(byOutsider.status).toBe(404);
    // The applicant can read it but does not hold the task.
    const byApplicant = await act(h, c.employee, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash });
    expect(byApplicant.status).toBe(403);
    // The auditor monitors everything.
    expect((await api(h, c.auditor, 'GET', `/api/applications/${app.id}`)).status).toBe(200);
  });
});

describe('approver actions', () => {
  it('transfers, adds a signer before, and the delegate of an approver acts on their behalf (A 代 B)', async () => {
    const app = await submitPurchase(h, c.employee, 20000);
    // head transfers to hr
    const h1 = await myTask(h, c.head, app.id);
    const moved = await act(h, c.head, h1.app, { action: 'transfer', taskId: h1.task.taskId, userId: c.hr.id, opinion: '出差，转交人事代批' });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body.currentAssignees.map((a) => a.id)).toEqual([c.hr.id]);
    // hr adds the custodian before themself
    const h2 = await myTask(h, c.hr, app.id);
    const added = await act(h, c.hr, h2.app, { action: 'add_signer', taskId: h2.task.taskId, userId: c.custodian.id, position: 'before' });
    expect(added.status, added.raw).toBe(200);
    expect(added.body.currentAssignees.map((a) => a.id)).toEqual([c.custodian.id]);
    await approveAs(h, c.custodian, app.id);
    const atFinance = await approveAs(h, c.hr, app.id);
    expect(atFinance.currentNodes.map((n) => n.nodeId)).toEqual(['finance']);

    // finance delegates purchase approvals to the outsider for today
    const today = now().toISOString().slice(0, 10);
    const delegation = await api(h, c.finance, 'POST', '/api/delegations', { principalId: c.finance.id, delegateId: c.outsider.id, startsOn: today, endsOn: today, scope: ['purchase'], reason: '休假' });
    expect(delegation.status, delegation.raw).toBe(201);
    const inbox = await api<InboxPage>(h, c.outsider, 'GET', '/api/inbox?tab=todo');
    const item = inbox.body.items.find((i) => i.application.id === app.id);
    expect(item?.onBehalfOf?.id).toBe(c.finance.id);
    const seen = await myTask(h, c.outsider, app.id);
    expect(seen.task.onBehalfOf?.id).toBe(c.finance.id);
    const done = await act(h, c.outsider, seen.app, { action: 'approve', taskId: seen.task.taskId, formHash: seen.app.formHash, opinion: '代为审核通过' });
    expect(done.status, done.raw).toBe(200);
    const trace = await traceOf(h, c.employee.session.headers, 'application', app.id);
    const last = trace.at(-1)!;
    expect(last.actorId).toBe(c.outsider.id);
    expect(last.onBehalfOfId).toBe(c.finance.id);
    const step = done.body.steps.find((s) => s.nodeId === 'finance')!;
    expect(step.tasks.map((t) => [t.assignee.id, t.actedBy?.id])).toContainEqual([c.finance.id, c.outsider.id]);
    // The auditor reads both people: the delegate acting for the approver, "A 代 B".
    const acted = step.tasks.find((t) => t.actedBy?.id === c.outsider.id)!;
    expect(last.description.actorLabel).toBe(`${acted.actedBy!.displayName} 代 ${acted.assignee.displayName}`);
    expect(last.description.sentence).toBe(`${acted.actedBy!.displayName} 代 ${acted.assignee.displayName} 在「${step.nodeName}」同意`);
  });

  it('comments, urges at most once per half hour, counts the to-do list', async () => {
    const app = await submitPurchase(h, c.employee, 500);
    const before = await api<{ todo: number }>(h, c.head, 'GET', '/api/inbox/counts');
    expect(before.body.todo).toBeGreaterThanOrEqual(1);
    const commented = await act(h, c.head, app, { action: 'comment', body: '请补充型号' });
    expect(commented.body.comments.map((x) => x.body)).toEqual(['请补充型号']);
    expect((await act(h, c.employee, app, { action: 'urge', message: '急用' })).status).toBe(200);
    // Too soon is a rate limit, not a conflict with someone else's action (issue 8 §7).
    const twice = await act(h, c.employee, app, { action: 'urge' });
    expect(twice.status).toBe(429);
    await approveAs(h, c.head, app.id);
    const after = await api<{ todo: number }>(h, c.head, 'GET', '/api/inbox/counts');
    expect(after.body.todo).toBe(before.body.todo - 1);
    const done = await api<InboxPage>(h, c.head, 'GET', '/api/inbox?tab=done');
    expect(done.body.items.some((i) => i.application.id === app.id && i.decision === 'approve')).toBe(true);
  });
});

describe('emergency decisions (紧急决策)', () => {
  it('a member of the temporary group executes an urgent application at once; reviewers then countersign', async () => {
    const app = await submitPurchase(h, c.employee, 50000, { urgent: true });
    expect((await api<Application>(h, c.emergency, 'GET', `/api/applications/${app.id}`)).body.allowedActions).toContain('emergency_execute');
    const refused = await act(h, c.outsider, app, { action: 'emergency_execute', opinion: '我来执行' });
    expect(refused.status).toBe(404);
    const executed = await act(h, c.emergency, app, { action: 'emergency_execute', opinion: '设备故障影响生产，立即采购' });
    expect(executed.status, executed.raw).toBe(200);
    expect(executed.body.status).toBe('approved');
    expect(executed.body.emergencyState).toBe('pending_review');
    for (const reviewer of [c.ceo, c.auditor]) {
      const { app: seen, task } = await myTask(h, reviewer, app.id);
      expect(task.actions).toEqual(['countersign', 'object']);
      const signed = await act(h, reviewer, seen, { action: 'countersign', taskId: task.taskId, formHash: seen.formHash, opinion: '情况属实' });
      expect(signed.status, signed.raw).toBe(200);
    }
    const reviewed = await api<Application>(h, c.employee, 'GET', `/api/applications/${app.id}`);
    expect(reviewed.body.emergencyState).toBe('reviewed');
    const trace = await traceOf(h, c.employee.session.headers, 'application', app.id);
    expect(trace.map((e) => e.action)).toEqual(['application.submit', 'application.emergency_execute', 'application.countersign', 'application.countersign']);
  });
});
