/**
 * 紧急决策 (F6) through the HTTP API: an emergency execution passes the approvals open and ahead and runs the rest of
 * the flow — the purchase number, the copy to 行政部 — to its end; an objection in review is told to the applicant,
 * the other reviewers and the temporary group; review reminders name the review and go on until everyone has acted.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, NotificationPage } from '@henji/contracts';
import { now } from '../../src/kernel/clock.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { startHenji, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, makeCompany, myTask, submitPurchase, type Company, type Person } from './flow-context.ts';

let h: TestHenji;
let c: Company;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
});
afterAll(() => h.close());

const notices = async (who: Person, appId: string, template: string) =>
  (await api<NotificationPage>(h, who, 'GET', '/api/notifications?pageSize=100')).body.items.filter((n) => n.subjectId === appId && n.template === template);

/** Makes the application's queued timers due now and runs the queue. */
async function fireTimers(applicationId: string): Promise<number> {
  const due = await h.db
    .update(jobs)
    .set({ runAt: new Date(now().getTime() - 1000) })
    .where(and(eq(jobs.kind, 'application.sla'), eq(jobs.state, 'pending'), sql`${jobs.payload}->>'applicationId' = ${applicationId}`))
    .returning({ id: jobs.id });
  await h.jobs.drain();
  return due.length;
}

describe('emergency execution (紧急执行)', () => {
  it('passes the approvals and runs the rest of the flow: the purchase number and the copy to 行政部', async () => {
    const app = await submitPurchase(h, c.employee, 50000, { urgent: true });
    const executed = await act(h, c.emergency, app, { action: 'emergency_execute', opinion: '设备故障影响生产，立即采购' });
    expect(executed.status, executed.raw).toBe(200);
    expect(executed.body.status).toBe('approved');
    expect(executed.body.emergencyState).toBe('pending_review');
    expect(executed.body.number).toMatch(/^CG\d{4}\d{4}$/);
    const outcome = (nodeId: string) => executed.body.steps.find((s) => s.nodeId === nodeId)?.outcome;
    expect([outcome('head'), outcome('finance'), outcome('ceo')]).toEqual(['emergency', 'emergency', 'emergency']);
    expect(outcome('notify_admin')).toBe('copied');
    // 行政部 (the custodian) has the copy to read.
    const copy = await myTask(h, c.custodian, app.id);
    expect(copy.task.kind).toBe('cc');

    const trace = await traceOf(h, c.employee.session.headers, 'application', app.id);
    const entry = trace.find((e) => e.action === 'application.emergency_execute')!;
    expect(entry.payload).toContain('emergency:finance');
    expect(entry.payload).toContain(`number:${executed.body.number}`);
  });

  it('an objection in review is told to the applicant, the other reviewers and the temporary group', async () => {
    const app = await submitPurchase(h, c.employee, 30000, { urgent: true });
    expect((await act(h, c.emergency, app, { action: 'emergency_execute', opinion: '客户现场停机' })).status).toBe(200);
    const { app: seen, task } = await myTask(h, c.ceo, app.id);
    const objected = await act(h, c.ceo, seen, { action: 'object', taskId: task.taskId, formHash: seen.formHash, opinion: '应先电话请示再执行' });
    expect(objected.status, objected.raw).toBe(200);
    for (const who of [c.employee, c.auditor, c.emergency]) {
      const told = await notices(who, app.id, 'application.emergency_objected');
      expect(told, `told ${who.username}`).toHaveLength(1);
      expect(told[0]!.body).toContain('应先电话请示再执行');
    }
    expect(await notices(c.ceo, app.id, 'application.emergency_objected')).toHaveLength(0);
  });

  it('review reminders name the review and go on past the third until every reviewer has acted', async () => {
    const app = await submitPurchase(h, c.employee, 20000, { urgent: true });
    expect((await act(h, c.emergency, app, { action: 'emergency_execute', opinion: '紧急' })).status).toBe(200);
    // The first firing also runs the stale timer of the head step, which does nothing.
    for (let i = 0; i < 5; i++) expect(await fireTimers(app.id)).toBeGreaterThanOrEqual(1);
    const reminded = await notices(c.ceo, app.id, 'application.review_reminder');
    expect(reminded).toHaveLength(5);
    expect(reminded[0]!.body).toContain('事后复核会签');
    expect(reminded[0]!.body).not.toContain('“”');
    const detail = await api<Application>(h, c.employee, 'GET', `/api/applications/${app.id}`);
    const review = detail.body.steps.find((s) => s.nodeId === '__emergency_review')!;
    expect(review.remindersSent).toBe(5);

    // Once everyone has acted, the reminders stop.
    for (const reviewer of [c.ceo, c.auditor]) {
      const { app: seen, task } = await myTask(h, reviewer, app.id);
      expect((await act(h, reviewer, seen, { action: 'countersign', taskId: task.taskId, formHash: seen.formHash, opinion: '属实' })).status).toBe(200);
    }
    await fireTimers(app.id);
    expect(await notices(c.ceo, app.id, 'application.review_reminder')).toHaveLength(5);
  });
});
