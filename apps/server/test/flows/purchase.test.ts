/** The purchase flow end to end through the HTTP API: 部门负责人 → 财务部 → CEO 三级签字, with its branches. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '@henji/contracts';
import { startHenji, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, approveAs, makeCompany, myTask, submitPurchase, type Company } from './flow-context.ts';

let h: TestHenji;
let c: Company;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
});
afterAll(() => h.close());

describe('purchase (三级签字)', () => {
  it('goes head → finance → CEO, numbers the order, copies the custodian and records every step', async () => {
    const submitted = await submitPurchase(h, c.employee, 20000);
    expect(submitted.status).toBe('running');
    expect(submitted.currentNodes.map((n) => n.nodeId)).toEqual(['head']);
    expect(submitted.currentAssignees.map((a) => a.id)).toEqual([c.head.id]);
    expect(submitted.steps[0]!.deadline).not.toBeNull();
    expect(submitted.steps[0]!.deadlineExplanation.length).toBeGreaterThan(0);

    await approveAs(h, c.head, submitted.id);
    const atFinance = await approveAs(h, c.finance, submitted.id);
    expect(atFinance.currentNodes.map((n) => n.nodeId)).toEqual(['ceo']);

    // The CEO node requires a written opinion on approval.
    const { app, task } = await myTask(h, c.ceo, submitted.id);
    const bare = await act(h, c.ceo, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash });
    expect(bare.status).toBe(400);
    expect(bare.body.details?.fields?.opinion).toBeDefined();
    const done = await approveAs(h, c.ceo, submitted.id, '同意采购');
    expect(done.status).toBe('approved');
    expect(done.effectiveAt).not.toBeNull();
    expect(done.number).toMatch(/^CG\d{4}\d{4}$/);

    const copy = await api<Application>(h, c.custodian, 'GET', `/api/applications/${submitted.id}`);
    expect(copy.status).toBe(200);
    expect(copy.body.myTasks.map((t) => t.actions)).toEqual([['read']]);

    const trace = await traceOf(h, c.employee.session.headers, 'application', submitted.id);
    expect(trace.map((e) => e.action)).toEqual(['application.submit', 'application.approve', 'application.approve', 'application.approve']);
    for (const entry of trace) expect(JSON.stringify(entry.diff)).toContain(submitted.formHash);
    expect(trace[3]!.comment).toBe('同意采购');
  });

  it('skips the CEO below the threshold', async () => {
    const submitted = await submitPurchase(h, c.employee, 800);
    await approveAs(h, c.head, submitted.id);
    const done = await approveAs(h, c.finance, submitted.id);
    expect(done.status).toBe('approved');
    expect(done.steps.map((s) => s.nodeId)).not.toContain('ceo');
  });

  it('a return to the applicant pauses the flow; the resubmission resumes at the node that returned it', async () => {
    const submitted = await submitPurchase(h, c.employee, 20000);
    await approveAs(h, c.head, submitted.id);
    const { app, task } = await myTask(h, c.finance, submitted.id);
    expect(task.returnTargets.map((t) => t.nodeId)).toEqual(['head', 'initiator']);
    const noOpinion = await act(h, c.finance, app, { action: 'return', taskId: task.taskId, formHash: app.formHash, to: 'initiator', opinion: '' });
    expect(noOpinion.status).toBe(400);
    const returned = await act(h, c.finance, app, { action: 'return', taskId: task.taskId, formHash: app.formHash, to: 'initiator', opinion: '请补充报价单' });
    expect(returned.status, returned.raw).toBe(200);
    expect(returned.body.status).toBe('returned');

    const resubmitted = await act(h, c.employee, returned.body, { action: 'resubmit', form: { ...app.form, supplier: '某某办公设备公司' }, opinion: '已补充' });
    expect(resubmitted.status, resubmitted.raw).toBe(200);
    expect(resubmitted.body.status).toBe('running');
    expect(resubmitted.body.currentNodes.map((n) => n.nodeId)).toEqual(['finance']);
    // The form changed: an approver holding the old hash is told to reload.
    const stale = await act(h, c.finance, app, { action: 'approve', taskId: (await myTask(h, c.finance, submitted.id)).task.taskId, formHash: app.formHash });
    expect(stale.status).toBe(409);
  });

  it('two finance clerks approving at once: exactly one wins, the other gets 409', async () => {
    const submitted = await submitPurchase(h, c.employee, 500);
    await approveAs(h, c.head, submitted.id);
    const a = await myTask(h, c.finance, submitted.id);
    const b = await myTask(h, c.finance2, submitted.id);
    const results = await Promise.all([
      act(h, c.finance, a.app, { action: 'approve', taskId: a.task.taskId, formHash: a.app.formHash }),
      act(h, c.finance2, b.app, { action: 'approve', taskId: b.task.taskId, formHash: b.app.formHash }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.message).toBeTruthy();
  });

  it('a withdrawn application cannot be approved', async () => {
    const submitted = await submitPurchase(h, c.employee, 500);
    const { app, task } = await myTask(h, c.head, submitted.id);
    const withdrawn = await act(h, c.employee, submitted, { action: 'withdraw', reason: '不需要了' });
    expect(withdrawn.body.status).toBe('withdrawn');
    const late = await act(h, c.head, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash });
    expect(late.status).toBe(409);
  });
});
