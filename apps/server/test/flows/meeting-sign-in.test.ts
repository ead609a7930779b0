/**
 * Meeting sign-in and attendance (M2) through the HTTP API: the room screen's code (who may show it, when), signing in
 * with it at fixed instants of its 30 s window (29.9 s, 30.0 s, 61 s), expired / forged / other meeting's / malformed
 * codes and replays each refused with their own answer and nothing written, present vs late, outsiders 404, the
 * recorder's 补签 / late / absent with a required reason (traced with it), the absent job after the end (system actor,
 * idempotent), the sign-in sheet and its PDF read back with pdftotext. Runs on PGlite and, with TEST_DATABASE_URL, on
 * PostgreSQL.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInCode, SignInResult, SignInSheet } from '@henji/contracts';
import { enqueue } from '../../src/kernel/jobs/queue.ts';
import { ATTENDANCE_CLOSE_JOB } from '../../src/modules/meetings/sign-in/commands.ts';
import { issueCode, signInKey } from '../../src/modules/meetings/sign-in/codes.ts';
import { meetingAttendees, type MeetingRow } from '../../src/modules/meetings/schema.ts';
import { clock, makeDepartment, makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { beijing, scheduleMeeting } from './meeting-context.ts';
import { noticedMeeting } from './meeting-sign-in-context.ts';

const run = promisify(execFile);

/** A window's first instant: 08:50:00.000 Beijing on Thursday 2026-06-18; the meeting starts at 09:00. */
const WINDOW = new Date('2026-06-18T00:50:00.000Z');
const START = new Date('2026-06-18T01:00:00.000Z');
const after = (ms: number, from = WINDOW) => new Date(from.getTime() + ms);

let h: TestHenji;
let admin: Session;
interface Person { id: string; username: string; session: Session }
let organiser: Person, chair: Person, recorder: Person, outsider: Person;
let attendees: Person[];

async function person(departmentId: string | null = null): Promise<Person> {
  const { row } = await makeUser(h, { departmentId });
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

type Method = 'GET' | 'POST';
async function call<T = unknown>(who: Person | Session, method: Method, url: string, payload?: object) {
  const app = await h.app();
  const headers = 'session' in who ? who.session.headers : who.headers;
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  type Body = T & { code?: string; message?: string; details?: { reason?: string; fields?: Record<string, string[]> } };
  return { status: res.statusCode, body: (res.body === '' || !res.headers['content-type']?.toString().includes('json') ? null : res.json<Body>()) as Body, raw: res.rawPayload };
}

const meetingWith = (people: Person[], fields: { startsAt?: Date; topic?: string; attendees?: Parameters<typeof noticedMeeting>[1]['attendees'] } = {}) =>
  noticedMeeting(h.db, {
    organiserId: organiser.id,
    chairId: chair.id,
    recorderId: recorder.id,
    startsAt: fields.startsAt ?? START,
    topic: fields.topic ?? '部门周例会',
    attendees: fields.attendees ?? people.map((p) => ({ userId: p.id })),
  });

const codeOf = (meeting: MeetingRow) => call<SignInCode>(organiser, 'GET', `/api/meetings/${meeting.id}/sign-in/code`);
const signInWith = (who: Person, meeting: MeetingRow, code: string) => call<SignInResult>(who, 'POST', `/api/meetings/${meeting.id}/sign-in`, { code });

async function attendeeRow(meeting: MeetingRow, userId: string) {
  const [row] = await h.db.select().from(meetingAttendees).where(and(eq(meetingAttendees.meetingId, meeting.id), eq(meetingAttendees.userId, userId)));
  return row!;
}

beforeAll(async () => {
  h = await startHenji({}, { at: WINDOW.toISOString(), frozen: true });
  admin = await signInAdmin(h);
  const dept = await makeDepartment(h, { name: '市场部' });
  [organiser, chair, recorder, outsider] = [await person(dept.id), await person(dept.id), await person(dept.id), await person()];
  attendees = [];
  for (let i = 0; i < 8; i++) attendees.push(await person(dept.id));
});
afterAll(() => h?.close());

describe('the room screen', () => {
  it('shows the organiser, chair, recorder and administrators a fresh code with its page, QR and counts', async () => {
    clock.set(after(12_345));
    const meeting = await meetingWith(attendees.slice(0, 3));
    const res = await codeOf(meeting);
    expect(res.status, String(res.raw)).toBe(200);
    const view = res.body;
    expect(view.code).toMatch(/^[A-Za-z0-9_-]{38}$/);
    expect(view.url).toMatch(new RegExp(`/m/sign-in\\?m=${meeting.id}&c=${view.code}$`));
    expect(view.qrSvg.startsWith('<svg')).toBe(true);
    expect(view.windowStartsAt).toBe(WINDOW.toISOString());
    expect(view.expiresAt).toBe(after(30_000).toISOString());
    expect(view.counts).toEqual({ expected: 3, signedIn: 0 });
    expect(view.meeting.topic).toBe('部门周例会');
    for (const who of [chair, recorder, admin]) expect((await call(who, 'GET', `/api/meetings/${meeting.id}/sign-in/code`)).status).toBe(200);
    // An attendee may not show the code (they would sign in others from afar); an outsider does not see the meeting.
    expect((await call(attendees[0]!, 'GET', `/api/meetings/${meeting.id}/sign-in/code`)).status).toBe(403);
    expect((await call(outsider, 'GET', `/api/meetings/${meeting.id}/sign-in/code`)).status).toBe(404);
  });

  it('is closed before half an hour ahead of the start, after the end, for a draft or cancelled meeting', async () => {
    clock.set(WINDOW);
    const early = await meetingWith(attendees.slice(0, 1), { startsAt: after(31 * 60_000) });
    const res = await codeOf(early);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('签到将于');
    const ended = await meetingWith(attendees.slice(0, 1), { startsAt: after(-2 * 3_600_000) });
    expect((await codeOf(ended)).status).toBe(409);
    const draft = await noticedMeeting(h.db, { organiserId: organiser.id, chairId: chair.id, recorderId: recorder.id, startsAt: START, attendees: [], status: 'draft' });
    expect((await codeOf(draft)).status).toBe(409);
  });
});

describe('signing in with the code', () => {
  it('accepts the code through its window and a moment into the next, refuses it a minute later', async () => {
    const [a, b, c, d] = attendees;
    const meeting = await meetingWith([a!, b!, c!, d!]);
    clock.set(WINDOW);
    const { code } = (await codeOf(meeting)).body;

    clock.set(after(29_900));
    const first = await signInWith(a!, meeting, code);
    expect(first.status, String(first.raw)).toBe(200);
    expect(first.body).toMatchObject({ meetingId: meeting.id, attendance: 'present', signedInAt: after(29_900).toISOString() });

    clock.set(after(30_000));
    expect((await signInWith(b!, meeting, code)).status).toBe(200);

    clock.set(after(61_000));
    const late = await signInWith(c!, meeting, code);
    expect(late.status).toBe(400);
    expect(late.body.details?.reason).toBe('expired');
    expect(late.body.message).toBe('二维码已过期，请重新扫描');
    expect((await attendeeRow(meeting, c!.id)).signedInAt).toBeNull();
    // The screen's code of this window works.
    expect((await signInWith(c!, meeting, (await codeOf(meeting)).body.code)).status).toBe(200);

    const screen = (await codeOf(meeting)).body;
    expect(screen.counts).toEqual({ expected: 4, signedIn: 3 });
    expect(screen.signedIn.map((s) => s.user.id)).toEqual([c!.id, b!.id, a!.id]);

    const trace = await traceOf(h, admin.headers, 'meeting', meeting.id);
    const signIns = trace.filter((e) => e.action === 'meeting.sign_in');
    expect(signIns.map((e) => e.actorId)).toEqual([a!.id, b!.id, c!.id]);
    expect(signIns[0]!.diff).toMatchObject({ attendee: { after: a!.id }, attendance: { after: 'present' }, checkInMethod: { after: 'qr' } });
  });

  it('refuses a replay by someone already signed in, telling them when they did', async () => {
    clock.set(after(5_000));
    const [a] = attendees;
    const meeting = await meetingWith([a!]);
    const { code } = (await codeOf(meeting)).body;
    expect((await signInWith(a!, meeting, code)).status).toBe(200);
    const again = await signInWith(a!, meeting, code);
    expect(again.status).toBe(409);
    expect(again.body.details?.reason).toBe('already_signed_in');
    expect(again.body.details?.fields?.code?.[0]).toContain('您已于');
    expect(again.body.message).toContain('您已于');
    expect((await attendeeRow(meeting, a!.id)).signedInAt).toEqual(after(5_000));
  });

  it('signs in once when the same person scans twice at the same moment', async () => {
    clock.set(after(6_000));
    const [, b] = attendees;
    const meeting = await meetingWith([b!]);
    const { code } = (await codeOf(meeting)).body;
    const answers = await Promise.all([signInWith(b!, meeting, code), signInWith(b!, meeting, code), signInWith(b!, meeting, code)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect((await traceOf(h, admin.headers, 'meeting', meeting.id)).filter((e) => e.action === 'meeting.sign_in')).toHaveLength(1);
  });

  it('refuses forged, malformed and other meetings\' codes, each with its own answer, and writes nothing', async () => {
    clock.set(after(3_000));
    const [a] = attendees;
    const meeting = await meetingWith([a!]);
    const other = await meetingWith([a!], { topic: '项目评审会' });
    const otherCode = (await codeOf(other)).body.code;
    const forged = issueCode(Buffer.alloc(32, 7), meeting.id, clock.now()).code;
    const cases: [string, string][] = [[otherCode, 'other_meeting'], [forged, 'forged'], ['not-a-code', 'malformed'], [`${otherCode}AA`, 'malformed']];
    const messages = new Set<string>();
    for (const [code, reason] of cases) {
      const res = await signInWith(a!, meeting, code);
      expect(res.status, code).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details?.reason).toBe(reason);
      expect(res.body.details?.fields?.code?.length).toBe(1);
      messages.add(res.body.message!);
    }
    expect(messages.size).toBe(3);
    expect((await attendeeRow(meeting, a!.id)).signedInAt).toBeNull();
    expect((await traceOf(h, admin.headers, 'meeting', meeting.id)).filter((e) => e.action === 'meeting.sign_in')).toEqual([]);
  });

  it('records late arrivals after the start plus five minutes', async () => {
    const [a, b] = attendees;
    const meeting = await meetingWith([a!, b!]);
    clock.set(after(5 * 60_000, START));
    expect((await signInWith(a!, meeting, issueCode(signInKey(), meeting.id, clock.now()).code)).body.attendance).toBe('present');
    clock.set(after(5 * 60_000 + 1_000, START));
    const late = await signInWith(b!, meeting, (await codeOf(meeting)).body.code);
    expect(late.body.attendance).toBe('late');
    expect((await attendeeRow(meeting, b!.id)).attendance).toBe('late');
  });

  it('answers 404 to outsiders, 403 to those who read the meeting but are not on the list, 401 signed out', async () => {
    clock.set(after(1_000));
    const meeting = await meetingWith(attendees.slice(0, 1));
    const { code } = (await codeOf(meeting)).body;
    expect((await signInWith(outsider, meeting, code)).status).toBe(404);
    const notListed = await signInWith(organiser, meeting, code);
    expect(notListed.status).toBe(403);
    const app = await h.app();
    expect((await app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/sign-in`, payload: { code } })).statusCode).toBe(401);
    // A delegated seat signs in as the delegate, not as the one who handed it on.
    const [a, b] = attendees;
    const delegated = await meetingWith([], { attendees: [{ userId: a!.id, reply: 'delegated', delegatedToId: b!.id }, { userId: b!.id, delegatedFromId: a!.id }] });
    const delegatedCode = (await codeOf(delegated)).body.code;
    expect((await signInWith(a!, delegated, delegatedCode)).status).toBe(403);
    expect((await signInWith(b!, delegated, delegatedCode)).status).toBe(200);
  });
});

describe('attendance by hand', () => {
  it('lets the recorder sign someone in (补签), mark late or absent, always with a reason that is traced', async () => {
    clock.set(after(10 * 60_000, START));
    const [a, b, c] = attendees;
    const meeting = await meetingWith([a!, b!, c!]);
    const url = `/api/meetings/${meeting.id}/attendance`;
    const noReason = await call(recorder, 'POST', url, { userId: a!.id, attendance: 'present', reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details?.fields?.reason).toBeDefined();
    expect((await attendeeRow(meeting, a!.id)).attendance).toBeNull();

    const manual = await call<SignInSheet>(recorder, 'POST', url, { userId: a!.id, attendance: 'present', reason: '手机没电，现场核实' });
    expect(manual.status, String(manual.raw)).toBe(200);
    const row = manual.body.rows.find((r) => r.user.id === a!.id)!;
    expect(row).toMatchObject({ attendance: 'present', method: 'manual', signedInBy: { id: recorder.id }, reason: '手机没电，现场核实', signedInAt: clock.now().toISOString() });
    // Marked late by the chair, absent by the recorder.
    expect((await call(chair, 'POST', url, { userId: b!.id, attendance: 'late', reason: '路上堵车，09:20 到场' })).status).toBe(200);
    expect((await call(recorder, 'POST', url, { userId: c!.id, attendance: 'absent', reason: '未到场' })).status).toBe(200);
    expect((await call(recorder, 'POST', url, { userId: c!.id, attendance: 'absent', reason: '再次' })).status).toBe(409);
    // The attendee themself, an outsider, someone not on the list.
    expect((await call(a!, 'POST', url, { userId: b!.id, attendance: 'absent', reason: '冒充' })).status).toBe(403);
    expect((await call(outsider, 'POST', url, { userId: b!.id, attendance: 'absent', reason: '冒充' })).status).toBe(404);
    const notListed = await call(recorder, 'POST', url, { userId: outsider.id, attendance: 'present', reason: '补签' });
    expect(notListed.status).toBe(400);
    expect(notListed.body.details?.fields?.userId).toBeDefined();

    const trace = (await traceOf(h, admin.headers, 'meeting', meeting.id)).filter((e) => e.action === 'meeting.attendance');
    expect(trace.map((e) => [e.actorId, e.comment, e.diff.attendance?.after])).toEqual([
      [recorder.id, '手机没电，现场核实', 'present'],
      [chair.id, '路上堵车，09:20 到场', 'late'],
      [recorder.id, '未到场', 'absent'],
    ]);

    const sheet = (await call<SignInSheet>(a!, 'GET', `/api/meetings/${meeting.id}/sign-in-sheet`)).body;
    expect(sheet.counts).toMatchObject({ expected: 3, signedIn: 2, present: 1, late: 1, absent: 1 });
    expect(sheet.allowedActions).not.toContain('record_attendance');
    expect((await call<SignInSheet>(recorder, 'GET', `/api/meetings/${meeting.id}/sign-in-sheet`)).body.allowedActions).toContain('record_attendance');
    expect((await call(outsider, 'GET', `/api/meetings/${meeting.id}/sign-in-sheet`)).status).toBe(404);
  });
});

describe('after the meeting', () => {
  it('records required attendees who neither signed in nor declined as absent, once, as the system', async () => {
    clock.set(after(-10 * 60_000, START));
    const [a, b, c, d, e] = attendees;
    const meeting = await meetingWith([], {
      attendees: [{ userId: a!.id }, { userId: b!.id }, { userId: c!.id, reply: 'declined' }, { userId: d!.id, required: false }, { userId: e!.id, reply: 'pending' }],
    });
    expect((await signInWith(a!, meeting, (await codeOf(meeting)).body.code)).status).toBe(200);
    const queue = () => enqueue(h.db, ATTENDANCE_CLOSE_JOB, { meetingId: meeting.id, endsAt: meeting.endsAt.toISOString() }, { runAt: meeting.endsAt });
    await queue();
    clock.set(after(-1_000, meeting.endsAt));
    await h.jobs.drain();
    expect((await attendeeRow(meeting, b!.id)).attendance).toBeNull(); // not due yet
    clock.set(after(1_000, meeting.endsAt));
    await h.jobs.drain();
    const attendance = async (p: Person) => (await attendeeRow(meeting, p.id)).attendance;
    expect([await attendance(a!), await attendance(b!), await attendance(c!), await attendance(d!), await attendance(e!)]).toEqual(['present', 'absent', null, null, 'absent']);
    await queue();
    await h.jobs.drain();
    const closes = (await traceOf(h, admin.headers, 'meeting', meeting.id)).filter((x) => x.action === 'meeting.attendance_close');
    expect(closes).toHaveLength(1);
    expect(closes[0]!.actorId).toBeNull();
    expect(closes[0]!.diff.absent?.after).toEqual([b!.id, e!.id].sort());
    // Sign-in is closed after the end, even with a code of the current window.
    expect((await codeOf(meeting)).status).toBe(409);
    const closed = await signInWith(e!, meeting, issueCode(signInKey(), meeting.id, clock.now()).code);
    expect(closed.status).toBe(409);
    expect(closed.body.message).toContain('会议已结束');
    // A job queued for an end the meeting no longer has (it was moved) does nothing.
    const moved = await meetingWith([b!]);
    await enqueue(h.db, ATTENDANCE_CLOSE_JOB, { meetingId: moved.id, endsAt: after(-30 * 60_000, moved.endsAt).toISOString() }, { runAt: clock.now() });
    clock.set(after(1_000, moved.endsAt));
    await h.jobs.drain();
    expect((await attendeeRow(moved, b!.id)).attendance).toBeNull();
  });

  it('is closed by the job the notice queued: who did not come is absent at the end', async () => {
    clock.set(WINDOW);
    const [a, b] = attendees;
    const noticed = await scheduleMeeting(h, organiser, { chair, recorder, attendees: [a!, b!], startsAt: beijing('11:00'), endsAt: beijing('12:00'), topic: '通知后自动登记缺席' });
    clock.set(beijing('10:55'));
    expect((await call(a!, 'POST', `/api/meetings/${noticed.id}/sign-in`, { code: issueCode(signInKey(), noticed.id, clock.now()).code })).status).toBe(200);
    clock.set(after(1_000, new Date(beijing('12:00'))));
    await h.jobs.drain();
    const sheet = (await call<SignInSheet>(recorder, 'GET', `/api/meetings/${noticed.id}/sign-in-sheet`)).body;
    const attendanceOf = (p: Person) => sheet.rows.find((r) => r.user.id === p.id)?.attendance;
    expect([attendanceOf(a!), attendanceOf(b!), attendanceOf(chair), attendanceOf(recorder)]).toEqual(['present', 'absent', 'absent', 'absent']);
    const closes = (await traceOf(h, admin.headers, 'meeting', noticed.id)).filter((e) => e.action === 'meeting.attendance_close');
    expect(closes.map((e) => e.actorId)).toEqual([null]);
  });

  it('prints the sign-in sheet (签到表) with Chinese text, and traces the download', async () => {
    clock.set(after(-5 * 60_000, START));
    const [a, b, c] = attendees;
    const meeting = await meetingWith([a!, b!, c!], { topic: '第三季度经营分析会' });
    expect((await signInWith(a!, meeting, (await codeOf(meeting)).body.code)).status).toBe(200);
    clock.set(after(20 * 60_000, START));
    expect((await call(recorder, 'POST', `/api/meetings/${meeting.id}/attendance`, { userId: b!.id, attendance: 'late', reason: '临时接待客户' })).status).toBe(200);
    const res = await call(c!, 'GET', `/api/meetings/${meeting.id}/sign-in-sheet.pdf?locale=zh-CN`);
    expect(res.status).toBe(200);
    const dir = await mkdtemp(path.join(tmpdir(), 'henji-sign-in-sheet-'));
    try {
      const file = path.join(dir, 'sheet.pdf');
      await writeFile(file, res.raw);
      const text = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
      for (const words of ['会议签到表', '第三季度经营分析会', '301 会议室', '应到3人，已签到2人', '扫码', '补签', '迟到', '临时接待客户', '未签到', '市场部']) {
        expect(text, words).toContain(words);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await call(outsider, 'GET', `/api/meetings/${meeting.id}/sign-in-sheet.pdf`)).status).toBe(404);
    const downloads = (await traceOf(h, admin.headers, 'meeting', meeting.id)).filter((e) => e.action === 'meeting.sign_in_sheet_pdf');
    expect(downloads.map((e) => e.actorId)).toEqual([c!.id]);
  });
});
