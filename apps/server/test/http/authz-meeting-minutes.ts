/**
 * Authorization matrix rows for minutes and resolutions (M3–M4): a meeting the plain employee has no part in is 404 to
 * them; the administrator is the meeting's recorder and chair here, so every action is theirs to take. Who else may
 * write or review (only the recorder, only the chair) is tested in test/flows/meeting-minutes.test.ts.
 */
import { LocalFileStore } from '../../src/kernel/files/index.ts';
import { actorOf } from '../../src/kernel/auth/authenticate.ts';
import { now } from '../../src/kernel/clock.ts';
import { execute } from '../../src/kernel/command.ts';
import type { MinutesContent } from '@henji/contracts';
import { approveMinutes, saveMinutesDraft, submitMinutes } from '../../src/modules/meetings/minutes/commands.ts';
import { callerFor, makeUser, type TestHenji } from '../harness.ts';
import { noticedMeeting } from '../flows/meeting-sign-in-context.ts';
import type { Caller, Row } from './authz-types.ts';

type Stage = 'none' | 'draft' | 'submitted' | 'approved';
const content: MinutesContent = { items: [{ agendaItemId: null, title: '临时动议', statements: [], result: '同意', resolutions: [] }], notes: '' };

export function minutesRows(h: TestHenji): Record<string, Row> {
  /** A meeting that began half an hour ago; the admin (when calling) keeps its minutes as recorder and chair. */
  const meeting = async (c: Caller, stage: Stage) => {
    const other = await makeUser(h);
    const keeper = c.role === 'admin' ? c.userId : other.row.id;
    const row = await noticedMeeting(h.db, {
      organiserId: keeper,
      chairId: keeper,
      recorderId: keeper,
      startsAt: new Date(now().getTime() - 30 * 60_000),
      minutes: 120,
      attendees: [{ userId: other.row.id }],
    });
    const actor = (await actorOf(h.db, keeper))!;
    const caller = callerFor(actor);
    if (stage !== 'none') await execute(h.db, caller, saveMinutesDraft, { meetingId: row.id, content, baseRevision: 0 });
    if (stage === 'submitted' || stage === 'approved') await execute(h.db, caller, submitMinutes, { meetingId: row.id, baseRevision: 1 });
    if (stage === 'approved') {
      await execute(h.db, caller, approveMinutes, {
        meetingId: row.id,
        distributionDepartmentIds: [],
        feedbackDays: 3,
        archive: { store: new LocalFileStore(h.config.filesDir), baseUrl: 'http://localhost' },
      });
    }
    return row.id;
  };
  const at = (stage: Stage, suffix: string, json?: object) => async (c: Caller) => ({ url: `/api/meetings/${await meeting(c, stage)}${suffix}`, ...(json ? { json } : {}) });
  return {
    'GET /api/meetings/{id}/minutes': { anonymous: 401, employee: 404, admin: 'ok', request: at('none', '/minutes') },
    'PUT /api/meetings/{id}/minutes': { anonymous: 401, employee: 404, admin: 'ok', request: at('none', '/minutes', { content, baseRevision: 0 }) },
    'POST /api/meetings/{id}/minutes/submit': { anonymous: 401, employee: 404, admin: 'ok', request: at('draft', '/minutes/submit', { baseRevision: 1 }) },
    'POST /api/meetings/{id}/minutes/return': { anonymous: 401, employee: 404, admin: 'ok', request: at('submitted', '/minutes/return', { comment: '请补充' }) },
    'POST /api/meetings/{id}/minutes/approve': { anonymous: 401, employee: 404, admin: 'ok', request: at('submitted', '/minutes/approve', {}) },
    'POST /api/meetings/{id}/minutes/revise': { anonymous: 401, employee: 404, admin: 'ok', request: at('approved', '/minutes/revise', { note: '更正错字' }) },
    'POST /api/meetings/{id}/minutes/feedback': { anonymous: 401, employee: 404, admin: 'ok', request: at('approved', '/minutes/feedback', { body: '无意见' }) },
    'GET /api/meetings/{id}/minutes/versions/{n}': { anonymous: 401, employee: 404, admin: 'ok', request: at('submitted', '/minutes/versions/1') },
    'GET /api/meetings/{id}/minutes/versions/{n}/diff': { anonymous: 401, employee: 404, admin: 'ok', request: at('submitted', '/minutes/versions/1/diff') },
    'GET /api/meetings/{id}/minutes/versions/{n}.pdf': { anonymous: 401, employee: 404, admin: 'ok', request: at('approved', '/minutes/versions/1.pdf') },
    'GET /api/meetings/{id}/resolutions': { anonymous: 401, employee: 404, admin: 'ok', request: at('approved', '/resolutions') },
    'GET /api/meetings/{id}/resolutions.xlsx': { anonymous: 401, employee: 404, admin: 'ok', request: at('approved', '/resolutions.xlsx') },
    'GET /api/meetings/{id}/previous-resolutions': { anonymous: 401, employee: 404, admin: 'ok', request: at('none', '/previous-resolutions') },
  };
}
