/**
 * Time is an input: the purchase journey with a return and a resubmission, the monitor, the inbox and a tracked
 * task's timers, run at fixed instants — a working afternoon, the lunch break, night, a weekend, a public holiday, a
 * 调休 make-up Saturday, the last working day of the year and the first second of a working day — each with a
 * non-zero millisecond part, then at random instants. They used to pass at night and fail in the afternoon, when a
 * paused step kept 479.998 working minutes in an integer column.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, InboxPage, MonitorPage, TrackedTask } from '@henji/contracts';
import { loadConfig } from '../../src/config.ts';
import { applicationSteps } from '../../src/modules/applications/schema.ts';
import { jobs } from '../../src/kernel/jobs/schema.ts';
import { clock, INSTANTS, startHenji, type InstantName, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, approveAs, makeCompany, myTask, submitPurchase, type Company } from './flow-context.ts';

let h: TestHenji;

beforeAll(async () => {
  // Sessions outlast the year the clock jumps around in (a test setting: the environment allows at most 90 days), and
  // the clock jumps back and forth, so the per-address sign-in limit is out of the way.
  h = await startHenji({ sessionHours: 24 * 400, login: { ...loadConfig({}).login, ratePerMinute: 10_000 } });
});
afterAll(() => h.close());

/** The purchase journey with a return to the applicant and a resubmission; checks every integer the flow computed. */
async function purchaseWithReturn(c: Company, gapsMs: readonly [number, number, number]) {
  const submitted = await submitPurchase(h, c.employee, 20000);
  clock.advance(gapsMs[0]);
  await approveAs(h, c.head, submitted.id);
  clock.advance(gapsMs[1]);
  const { app, task } = await myTask(h, c.finance, submitted.id);
  const returned = await act(h, c.finance, app, { action: 'return', taskId: task.taskId, formHash: app.formHash, to: 'initiator', opinion: '请补充报价单' });
  expect(returned.status, returned.raw).toBe(200);
  expect(returned.body.status).toBe('returned');
  const [paused] = await h.db
    .select({ status: applicationSteps.status, remaining: applicationSteps.remainingMinutes })
    .from(applicationSteps)
    .where(and(eq(applicationSteps.applicationId, submitted.id), eq(applicationSteps.nodeId, 'finance')));
  expect(paused!.status).toBe('paused');
  expect(Number.isInteger(paused!.remaining)).toBe(true);
  // Returned after its deadline passed, a step keeps nothing: 0, never a negative or fractional number.
  expect(paused!.remaining!).toBeGreaterThanOrEqual(0);
  expect(paused!.remaining!).toBeLessThanOrEqual(8 * 60 * 5);

  clock.advance(gapsMs[2]);
  const resubmitted = await act(h, c.employee, returned.body, { action: 'resubmit', form: app.form, opinion: '已补充' });
  expect(resubmitted.status, resubmitted.raw).toBe(200);
  expect(resubmitted.body.currentNodes.map((n) => n.nodeId)).toEqual(['finance']);

  const monitor = await api<MonitorPage>(h, c.auditor, 'GET', '/api/monitor/applications?pageSize=200');
  expect(monitor.status, monitor.raw).toBe(200);
  const row = monitor.body.items.find((r) => r.id === submitted.id);
  expect(row).toBeDefined();
  expect(Number.isInteger(row!.waitingMinutes)).toBe(true);
  expect(Number.isInteger(row!.overdueMinutes)).toBe(true);

  await approveAs(h, c.finance, submitted.id);
  const done = await approveAs(h, c.ceo, submitted.id, '同意采购');
  expect(done.status).toBe('approved');
  const trace = await traceOf(h, c.employee.session.headers, 'application', submitted.id);
  expect(trace.map((e) => e.action)).toEqual([
    'application.submit',
    'application.approve',
    'application.return',
    'application.resubmit',
    'application.approve',
    'application.approve',
  ]);
  return done;
}

/** A tracked task with an owner and a deadline two working days ahead: report, then its reminder and overdue timers. */
async function trackedTaskTimers(c: Company) {
  const deadline = new Date(clock.now().getTime() + 50 * 3600_000).toISOString();
  const created = await api<TrackedTask>(h, c.head, 'POST', '/api/tasks', {
    title: `落实会议决议 ${randomUUID().slice(0, 6)}`,
    source: 'meeting_resolution',
    ownerId: c.employee.id,
    deadline,
  });
  expect(created.status, created.raw).toBe(201);
  const reported = await api<TrackedTask>(h, c.employee, 'POST', `/api/tasks/${created.body.id}/actions`, {
    action: 'report',
    workDone: '已完成方案设计',
    problems: '无',
    nextSteps: '本周内完成',
  });
  expect(reported.status, reported.raw).toBe(200);
  // The clock passes the deadline: the queued timers come due on their own, nothing is moved by hand.
  clock.set(new Date(Date.parse(deadline) + 1000));
  await h.jobs.drain();
  const failed = await h.db.select({ error: jobs.lastError }).from(jobs).where(sql`${jobs.lastError} is not null`);
  expect(failed).toEqual([]);
  const overdue = await api<TrackedTask>(h, c.employee, 'GET', `/api/tasks/${created.body.id}`);
  expect(overdue.status, overdue.raw).toBe(200);
  expect(overdue.body.overdue).toBe(true);
}

async function inboxAt(c: Company) {
  const submitted = await submitPurchase(h, c.employee, 800);
  const inbox = await api<InboxPage>(h, c.head, 'GET', '/api/inbox?tab=todo&pageSize=200');
  expect(inbox.status, inbox.raw).toBe(200);
  const item = inbox.body.items.find((i) => i.application.id === submitted.id);
  expect(item?.deadline).not.toBeNull();
  expect(item?.slaState).toBe('on_time');
  const detail = await api<Application>(h, c.employee, 'GET', `/api/applications/${submitted.id}`);
  expect(detail.status).toBe(200);
  expect(detail.body.steps[0]!.deadline).not.toBeNull();
}

describe.each(Object.keys(INSTANTS) as InstantName[])('at %s', (name) => {
  let c: Company;
  beforeAll(async () => {
    clock.set(INSTANTS[name]);
    c = await makeCompany(h);
  });

  it('a purchase is returned, resubmitted and approved; the monitor answers with whole minutes', async () => {
    clock.set(INSTANTS[name]);
    await purchaseWithReturn(c, [1234, 60_000 + 567, 3 * 3600_000 + 89]);
  });

  it('the inbox lists the new task with its deadline', async () => {
    clock.set(INSTANTS[name]);
    await inboxAt(c);
  });

  it("a tracked task's reminder and deadline timers fire when the clock reaches them", async () => {
    clock.set(INSTANTS[name]);
    await trackedTaskTimers(c);
  });
});

describe('at random instants', () => {
  it('the purchase journey with a return and a resubmission holds', async () => {
    const company = await makeCompany(h);
    const instant = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T15:59:59.999Z'), noInvalidDate: true });
    const gap = fc.integer({ min: 1, max: 3 * 24 * 3600_000 });
    await fc.assert(
      fc.asyncProperty(instant, gap, gap, gap, async (at, a, b, d) => {
        clock.set(at);
        await purchaseWithReturn(company, [a, b, d]);
      }),
      { numRuns: 6 },
    );
  }, 240_000);
});
