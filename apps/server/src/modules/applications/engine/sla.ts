/**
 * SLA timers of approval steps (F5) on the business calendar (K6) and the durable job queue (K7). A step's deadline
 * is computed when it opens; one job per step fires at the deadline, then after each reminder interval, and finally
 * does what the node says (escalate, transfer, decide). A job carries the step's timer generation: pausing,
 * resuming, completing or re-timing a step bumps it, so a job scheduled earlier does nothing. The job handler is
 * transactional and runs a traced command in the job's transaction, so with several processes each timer takes
 * effect exactly once.
 */
import type { Duration, NodeSla } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { jobValues } from '../../../kernel/jobs/queue.ts';
import { jobs } from '../../../kernel/jobs/schema.ts';
import { addWorkingTime, loadCalendarByCode, workingMsBetween, type CalendarStamp } from '../../../kernel/calendar/index.ts';
import type { StepRow } from '../schema.ts';
import { bumpGeneration, deferInsert, deferStepChanges, type Run } from './run.ts';

export const SLA_JOB = 'application.sla';

export interface SlaJobPayload extends Record<string, unknown> {
  applicationId: string;
  stepId: string;
  generation: number;
}

export async function deadlineAfter(q: Queryable, calendarCode: string | undefined, start: Date, duration: Duration, stamps?: readonly CalendarStamp[]) {
  return addWorkingTime(await loadCalendarByCode(q, calendarCode, stamps), start, duration);
}

/**
 * The whole working minutes left until `deadline`, rounded up: a step paused with 479 min 59.998 s left keeps 480
 * minutes (the integer column `remaining_minutes`), never losing the approver a part of a minute.
 */
export async function workingMinutesLeft(q: Queryable, calendarCode: string | undefined, from: Date, deadline: Date, stamps?: readonly CalendarStamp[]): Promise<number> {
  return Math.ceil(workingMsBetween(await loadCalendarByCode(q, calendarCode, stamps), from, deadline) / 60_000);
}

/** Time between reminders once the deadline has passed: as the node says, else a quarter of the SLA, at least 1 h. */
export function reminderInterval(sla: NodeSla): Duration {
  if (sla.remindEvery) return sla.remindEvery;
  const hours = sla.within.unit === 'days' ? sla.within.amount * 8 : sla.within.amount;
  return { amount: Math.max(1, hours / 4), unit: 'hours' };
}

/**
 * Starts (or restarts) a step's clock: a fresh deadline `sla.within` from now, or — when the step resumes after the
 * applicant resubmitted — what was left of it when it paused.
 */
export async function startSla(run: Run, step: Pick<StepRow, 'id' | 'timerGeneration'>, sla: NodeSla | undefined, remainingMinutes: number | null) {
  if (!sla) return;
  const clock = await slaClock(run, sla, remainingMinutes, step.timerGeneration + 1);
  deferStepChanges(run, step.id, clock);
  await scheduleTick(run, step.id, clock.timerGeneration, clock.deadlineAt);
}

/** The SLA columns of a step whose clock starts now; a new step is inserted with them, then `scheduleTick`. */
export async function slaClock(run: Run, sla: NodeSla, remainingMinutes: number | null, generation: number) {
  const within: Duration = remainingMinutes !== null ? { amount: Math.max(remainingMinutes, 1) / 60, unit: 'hours' } : sla.within;
  const { deadline, explanation } = await deadlineAfter(run.ctx.tx, run.def.calendar, run.ctx.now, within, run.calendars);
  return { deadlineAt: deadline, deadlineSteps: explanation, timerGeneration: generation, remainingMinutes: null, remindersSent: 0 };
}

export async function scheduleTick(run: Run, stepId: string, generation: number, at: Date) {
  deferInsert(run, run.ctx.tx.insert(jobs).values(slaJobValues(run, stepId, generation, at)).getSQL());
}

/** The SLA job of a step's timer generation, due at `at`; inserted by `scheduleTick` or with the step itself. */
export function slaJobValues(run: Run, stepId: string, generation: number, at: Date) {
  const payload: SlaJobPayload = { applicationId: run.app.id, stepId, generation };
  return jobValues(SLA_JOB, payload, { runAt: at });
}

/** Stops a step's timers: any job already queued for it finds a newer generation and does nothing. */
export async function stopSla(run: Run, stepId: string) {
  deferStepChanges(run, stepId, { timerGeneration: bumpGeneration });
}

/** F5 "timers pause while an instance is back with its initiator": keeps the working minutes left. */
export async function pauseSla(run: Run, step: StepRow) {
  const remaining = step.deadlineAt ? await workingMinutesLeft(run.ctx.tx, run.def.calendar, run.ctx.now, step.deadlineAt, run.calendars) : null;
  deferStepChanges(run, step.id, { status: 'paused', remainingMinutes: remaining, timerGeneration: step.timerGeneration + 1 });
}
