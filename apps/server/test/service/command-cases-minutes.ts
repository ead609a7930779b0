/**
 * The command walker's cases for minutes and resolutions (M3–M4); merged into CASES in command-cases.ts. The minutes'
 * rows (working minutes, versions, feedback, resolutions) belong to `meeting_minutes` with the meeting's id
 * (SUBJECT_OF_ROW in commands-traced.test.ts); the tasks an approval creates, their numbers and timers to each task;
 * the archived PDF to its file; notifications to their batch.
 */
import type { MinutesContent } from '@henji/contracts';
import { now } from '../../src/kernel/clock.ts';
import { execute } from '../../src/kernel/command.ts';
import { LocalFileStore } from '../../src/kernel/files/index.ts';
import { approveMinutes, returnMinutes, reviseMinutes, saveMinutesDraft, sendMinutesFeedback, submitMinutes } from '../../src/modules/meetings/minutes/commands.ts';
import { recordResolutionsExport } from '../../src/modules/meetings/minutes/export.ts';
import { noticedMeeting } from '../flows/meeting-sign-in-context.ts';
import { callerFor, makeUser, type TestHenji } from '../harness.ts';
import { plan, type Case, type Subject } from './command-plan.ts';

const minutes = (id: string): Subject => ({ type: 'meeting_minutes', id });

function content(ownerId: string | null): MinutesContent {
  const deadline = new Date(now().getTime() + 14 * 86_400_000).toISOString();
  return {
    items: [
      {
        agendaItemId: null,
        title: '临时动议',
        statements: [{ speakerId: null, speakerName: '来宾', departmentId: null, points: '建议更换供应商' }],
        result: '同意',
        resolutions: ownerId ? [{ key: 'r1', content: '两周内完成比选', departmentId: null, ownerId, deadline }] : [],
      },
    ],
    notes: '',
  };
}

/** A meeting under way (begun half an hour ago) with its chair, recorder and one attendee, at the given stage. */
async function meeting(h: TestHenji, stage: 'none' | 'draft' | 'submitted' | 'approved') {
  const [chair, recorder, attendee] = [await makeUser(h), await makeUser(h), await makeUser(h)];
  const row = await noticedMeeting(h.db, {
    organiserId: chair.row.id,
    chairId: chair.row.id,
    recorderId: recorder.row.id,
    startsAt: new Date(now().getTime() - 30 * 60_000),
    minutes: 120,
    attendees: [{ userId: attendee.row.id }, { userId: recorder.row.id }],
  });
  const people = { id: row.id, chair: callerFor(chair.actor), recorder: callerFor(recorder.actor), attendee: callerFor(attendee.actor), attendeeId: attendee.row.id };
  if (stage !== 'none') await execute(h.db, people.recorder, saveMinutesDraft, { meetingId: row.id, content: content(attendee.row.id), baseRevision: 0 });
  if (stage === 'submitted' || stage === 'approved') await execute(h.db, people.recorder, submitMinutes, { meetingId: row.id, baseRevision: 1 });
  if (stage === 'approved') await execute(h.db, people.chair, approveMinutes, { meetingId: row.id, distributionDepartmentIds: [], feedbackDays: 3, archive: archive(h) });
  return people;
}

const archive = (h: TestHenji) => ({ store: new LocalFileStore(h.config.filesDir), baseUrl: 'http://localhost' });

export const MINUTES_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'minutes.saveDraft': async (h) => {
    const m = await meeting(h, 'none');
    return [plan('the first autosave creates the minutes', saveMinutesDraft, m.recorder, { meetingId: m.id, content: content(null), baseRevision: 0 }, () => [minutes(m.id)])];
  },
  'minutes.submit': async (h) => {
    const m = await meeting(h, 'draft');
    return [plan('submits version 1 and tells the chair', submitMinutes, m.recorder, { meetingId: m.id, baseRevision: 1 }, () => [minutes(m.id)])];
  },
  'minutes.return': async (h) => {
    const m = await meeting(h, 'submitted');
    return [plan('the chair returns it with a comment', returnMinutes, m.chair, { meetingId: m.id, comment: '请补充责任人' }, () => [minutes(m.id)])];
  },
  'minutes.approve': async (h) => {
    const m = await meeting(h, 'submitted');
    return [
      plan('approves: PDF archived, a task for the resolution, distribution', approveMinutes, m.chair, { meetingId: m.id, distributionDepartmentIds: [], feedbackDays: 3, archive: archive(h) }, () => [minutes(m.id)]),
    ];
  },
  'minutes.revise': async (h) => {
    const m = await meeting(h, 'approved');
    return [plan('starts a revision with a note', reviseMinutes, m.recorder, { meetingId: m.id, note: '更正决议时限' }, () => [minutes(m.id)])];
  },
  'minutes.feedback': async (h) => {
    const m = await meeting(h, 'approved');
    return [plan('an attendee sends feedback', sendMinutesFeedback, m.attendee, { meetingId: m.id, body: '无意见' }, () => [minutes(m.id)])];
  },
  'minutes.recordResolutionsExport': async (h) => {
    const m = await meeting(h, 'approved');
    return [
      plan('the tracking sheet was exported', recordResolutionsExport, m.attendee, { meetingId: m.id, name: '决议跟踪表.xlsx', rows: 1, sha256: 'a'.repeat(64) }, () => [minutes(m.id)], { traceOnly: true }),
    ];
  },
};
