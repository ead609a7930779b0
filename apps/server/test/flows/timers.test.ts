/**
 * SLA timers (F5, K7): reminders, escalation to the superior, automatic decisions, and timers that pause while the
 * application is back with its applicant. Due times are on the business calendar, hours away; the test moves a
 * queued timer's run time to now (the queue's own clock) and lets the job runner take it.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationDefinition, ApplicationType } from '@henji/contracts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { applicationSteps } from '../../src/modules/applications/schema.ts';
import { makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, approveAs, myTask, type Person } from './flow-context.ts';
import { now } from '../../src/kernel/clock.ts';

let h: TestHenji;
let admin: Session;
let ceo: Person;
let head: Person;
let employee: Person;

async function person(fields: Parameters<typeof makeUser>[1]): Promise<Person> {
  const { row } = await makeUser(h, fields);
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

/** A one-step type approved by the applicant's superior, with the given SLA. */
async function typeWithSla(sla: NonNullable<Extract<ApplicationDefinition['flow']['nodes'][number], { type: 'approval' }>['sla']>): Promise<ApplicationType> {
  const code = `sla_${randomUUID().slice(0, 8)}`;
  const definition: ApplicationDefinition = {
    form: { fields: [{ key: 'title', label: '事由', type: 'text', required: true }] },
    titleField: 'title',
    flow: {
      start: 'boss',
      nodes: [
        { id: 'boss', name: '上级审批', type: 'approval', approvers: { source: 'superior', level: 1 }, mode: 'any', opinionOnApprove: false, returnPolicy: 'any', allowTransfer: true, allowAddSigner: true, skipSelf: true, whenEmpty: 'admin', sla, next: 'end' },
        { id: 'end', name: '结束', type: 'end' },
      ],
    },
  };
  const created = await api<ApplicationType>(h, admin, 'POST', '/api/application-types', { code, name: `时限测试 ${code}`, category: '测试', definition });
  expect(created.status, created.raw).toBe(201);
  const versions = await api<{ items: { id: string }[] }>(h, admin, 'GET', `/api/application-types/${created.body.id}/versions`);
  const published = await api(h, admin, 'POST', `/api/application-types/${created.body.id}/versions/${versions.body.items[0]!.id}/publish`);
  expect(published.status, published.raw).toBe(200);
  return created.body;
}

async function submit(type: ApplicationType): Promise<Application> {
  const res = await api<Application>(h, employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '测试时限' }, submit: true, requestKey: randomUUID() });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

/** Makes the application's queued timers due now and runs the queue; returns how many timer jobs ran. */
async function fireTimers(applicationId: string): Promise<number> {
  const due = await h.db
    .update(jobs)
    .set({ runAt: new Date(now().getTime() - 1000) })
    .where(and(eq(jobs.kind, 'application.sla'), eq(jobs.state, 'pending'), sql`${jobs.payload}->>'applicationId' = ${applicationId}`))
    .returning({ id: jobs.id });
  await h.jobs.drain();
  return due.length;
}

const actions = async (id: string) => (await traceOf(h, admin.headers, 'application', id)).map((e) => e.action);

beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
  ceo = await person({ roles: ['ceo'] });
  head = await person({ managerId: ceo.id });
  employee = await person({ managerId: head.id });
});
afterAll(() => h.close());

describe('SLA timers', () => {
  it('gives the step a deadline on the business calendar with an explanation', async () => {
    const app = await submit(await typeWithSla({ within: { amount: 4, unit: 'hours' }, reminders: 1, then: 'none' }));
    const step = app.steps[0]!;
    expect(step.deadline).not.toBeNull();
    expect(new Date(step.deadline!).getTime()).toBeGreaterThan(new Date(step.enteredAt).getTime());
    expect(step.deadlineExplanation.join('\n')).toMatch(/截止|deadline/i);
  });

  it('reminds, then escalates to the holder’s superior, who gets the task with a fresh deadline', async () => {
    const app = await submit(await typeWithSla({ within: { amount: 2, unit: 'hours' }, reminders: 1, then: 'escalate' }));
    expect(await fireTimers(app.id)).toBe(1);
    expect(await actions(app.id)).toEqual(['application.submit', 'application.remind']);
    const reminded = await api<{ unread: number }>(h, head, 'GET', '/api/notifications/unread-count');
    expect(reminded.body.unread).toBeGreaterThanOrEqual(2);

    expect(await fireTimers(app.id)).toBe(1);
    expect(await actions(app.id)).toEqual(['application.submit', 'application.remind', 'application.escalate']);
    const escalated = await myTask(h, ceo, app.id);
    expect(escalated.app.steps[0]!.tasks.map((t) => [t.assignee.id, t.decision, t.transferredFrom?.id ?? null])).toEqual([
      [head.id, 'transfer', null],
      [ceo.id, null, head.id],
    ]);
    // The CEO, now holding it, decides; later timers of the old holder do nothing.
    await approveAs(h, ceo, app.id);
    await fireTimers(app.id);
    expect((await actions(app.id)).at(-1)).toBe('application.approve');
  });

  it('approves automatically when the node says so, as the system, with the written reason', async () => {
    const app = await submit(await typeWithSla({ within: { amount: 1, unit: 'hours' }, reminders: 0, then: 'approve' }));
    await fireTimers(app.id);
    const after = await api<Application>(h, employee, 'GET', `/api/applications/${app.id}`);
    expect(after.body.status).toBe('approved');
    const trace = await traceOf(h, admin.headers, 'application', app.id);
    const auto = trace.find((e) => e.action === 'application.auto_decide')!;
    expect(auto.actorId).toBeNull();
    expect(auto.comment).toContain('自动同意');
  });

  it('a timer that comes due after the step was decided changes nothing', async () => {
    const app = await submit(await typeWithSla({ within: { amount: 1, unit: 'hours' }, reminders: 0, then: 'reject' }));
    await approveAs(h, head, app.id);
    expect(await fireTimers(app.id)).toBe(1);
    expect(await actions(app.id)).toEqual(['application.submit', 'application.approve']);
  });

  it('pauses while the application is back with its applicant and resumes with the time that was left', async () => {
    const app = await submit(await typeWithSla({ within: { amount: 3, unit: 'days' }, reminders: 1, then: 'none' }));
    const { app: seen, task } = await myTask(h, head, app.id);
    const returned = await act(h, head, seen, { action: 'return', taskId: task.taskId, formHash: seen.formHash, to: 'initiator', opinion: '请说明原因' });
    expect(returned.body.status).toBe('returned');
    const [paused] = await h.db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, app.id));
    expect(paused!.status).toBe('paused');
    expect(paused!.remainingMinutes).toBeGreaterThan(0);
    // While paused, a due timer does nothing.
    await fireTimers(app.id);
    expect((await actions(app.id)).at(-1)).toBe('application.return');

    const resumed = await act(h, employee, returned.body, { action: 'resubmit', form: { title: '测试时限（已说明）' } });
    expect(resumed.status, resumed.raw).toBe(200);
    const [step] = await h.db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, app.id));
    expect(step!.status).toBe('active');
    expect(step!.deadlineAt).not.toBeNull();
    await fireTimers(app.id);
    expect((await actions(app.id)).at(-1)).toBe('application.remind');
  });
});
