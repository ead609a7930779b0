/**
 * Meetings for tests (used by the meeting, sign-in and minutes suites): `scheduleMeeting` arranges a meeting through
 * the real HTTP route with the given chair, recorder, attendees and times, and sends its notice unless told not to.
 */
import { expect } from 'vitest';
import type { Meeting, MeetingInputDraft } from '@henji/contracts';
import type { Session, TestHenji } from '../harness.ts';
import { api, type Person } from './flow-context.ts';

/** Beijing wall time on a day: `beijing('09:00', '2026-06-18')` → '2026-06-18T09:00:00+08:00'. */
export const beijing = (hhmm: string, day = '2026-06-18') => `${day}T${hhmm}:00+08:00`;

export interface MeetingPlan {
  chair: Person;
  recorder: Person;
  attendees?: Person[];
  /** ISO instants; default Thursday 2026-06-18 09:00–10:00 Beijing time (the suites' clock is the Wednesday before). */
  startsAt?: string;
  endsAt?: string;
  topic?: string;
  /** Send the notice in the same step (default true). */
  notice?: boolean;
  /** Any other field of the create input (room, agenda, materials, recurrence …). */
  extra?: Partial<MeetingInputDraft>;
}

/** Arranges (and by default notices) a meeting as `organiser`; fails the test unless the server answers 201. */
export async function scheduleMeeting(h: TestHenji, organiser: Person | Session, plan: MeetingPlan): Promise<Meeting> {
  const res = await api<Meeting>(h, organiser, 'POST', '/api/meetings', meetingInput(plan));
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

/** The create input `scheduleMeeting` sends, for tests that post it themselves (to see a refusal). */
export function meetingInput(plan: MeetingPlan): MeetingInputDraft {
  return {
    topic: plan.topic ?? '部门周例会',
    purpose: '通报本周工作，安排下周任务',
    kind: 'department_weekly',
    startsAt: plan.startsAt ?? beijing('09:00'),
    endsAt: plan.endsAt ?? beijing('10:00'),
    location: '3 楼小会议室',
    chairId: plan.chair.id,
    recorderId: plan.recorder.id,
    attendees: (plan.attendees ?? []).map((p) => ({ userId: p.id })),
    sendNotice: plan.notice ?? true,
    ...plan.extra,
  };
}
