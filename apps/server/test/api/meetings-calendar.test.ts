/**
 * Meetings in calendars: the notice mail carries an iCalendar REQUEST (UID stable per meeting, SEQUENCE the notice
 * sequence), a change raises the SEQUENCE, the cancellation is a CANCEL; group robots get a text notice; the personal
 * feed (secret token, revocable, no session) lists my meetings, cancelled ones as CANCELLED, confidential ones bare.
 */
import { describe, expect, it } from 'vitest';
import type { CalendarFeedIssued, CalendarFeedStatus, Meeting } from '@henji/contracts';
import { clock, unique } from '../harness.ts';
import { addChannel, call, ctx, person, prefer, receivers, smtpChannel, type Person } from './notify-context.ts';

const beijing = (hhmm: string, day: string) => `${day}T${hhmm}:00+08:00`;
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

async function arrange(organiser: Person, people: Person[], fields: Record<string, unknown> = {}): Promise<Meeting> {
  const res = await call('POST', '/api/meetings', organiser.session, {
    topic: unique('项目评审会 '),
    purpose: '评审二期方案',
    kind: 'project',
    startsAt: beijing('09:00', '2026-06-18'),
    endsAt: beijing('10:30', '2026-06-18'),
    location: '5 楼大会议室',
    chairId: people[0]!.id,
    recorderId: organiser.id,
    attendees: people.slice(1).map((p) => ({ userId: p.id, materials: '二期预算表' })),
    agenda: [{ title: '方案介绍', presenterId: people[0]!.id, plannedMinutes: 30 }],
    sendNotice: true,
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Meeting>();
}

/** The text/calendar part of a raw mail, decoded (nodemailer writes it base64 or quoted-printable). */
function calendarPart(raw: string): string {
  const match = /Content-Type: text\/calendar[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n((?:[A-Za-z-]+:[^\r\n]*\r\n)*)\r\n([\s\S]*?)\r\n--/i.exec(raw);
  expect(match, raw).not.toBeNull();
  const headers = match![1]!;
  const body = match![2]!;
  if (/base64/i.test(headers)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(headers)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

describe('notice mails with iCalendar invitations', () => {
  it('sends a REQUEST on notice, the same UID with a higher SEQUENCE on a change, and a CANCEL on cancellation', async () => {
    await smtpChannel();
    const [organiser, chair, attendee] = [await person(), await person(), await person()];
    for (const p of [chair, attendee]) await prefer(p, { channels: { email: true } });
    const meeting = await arrange(organiser, [chair, attendee]);
    await ctx.h.jobs.drain();
    const [notice] = receivers.smtp.to(attendee.email!);
    expect(notice?.subject).toContain('会议通知');
    const ics = unfold(calendarPart(notice!.raw));
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:meeting-${meeting.id}@henji`);
    expect(ics).toContain('SEQUENCE:0');
    expect(ics).toContain('DTSTART:20260618T010000Z');
    expect(ics).toContain('LOCATION:5 楼大会议室');
    expect(ics).toContain(`ORGANIZER;CN=测试用户:mailto:${organiser.email}`);
    expect(ics).toContain(`PARTSTAT=NEEDS-ACTION:mailto:${attendee.email}`);
    expect(ics).toContain('需准备的材料: 二期预算表');
    expect(ics).toContain('1. 方案介绍');

    const moved = await call('PATCH', `/api/meetings/${meeting.id}`, organiser.session, { startsAt: beijing('14:00', '2026-06-18'), endsAt: beijing('15:30', '2026-06-18') });
    expect(moved.statusCode, moved.body).toBe(200);
    await ctx.h.jobs.drain();
    const change = unfold(calendarPart(receivers.smtp.to(attendee.email!)[1]!.raw));
    expect(change).toContain('METHOD:REQUEST');
    expect(change).toContain(`UID:meeting-${meeting.id}@henji`);
    expect(change).toContain('SEQUENCE:1');
    expect(change).toContain('DTSTART:20260618T060000Z');

    const cancelled = await call('POST', `/api/meetings/${meeting.id}/cancel`, organiser.session, { reason: '方案未就绪' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await ctx.h.jobs.drain();
    const mails = receivers.smtp.to(chair.email!);
    const cancel = unfold(calendarPart(mails[mails.length - 1]!.raw));
    expect(cancel).toContain('METHOD:CANCEL');
    expect(cancel).toContain('STATUS:CANCELLED');
    expect(cancel).toContain('SEQUENCE:2');
  });

  it('tells the group robot in text', async () => {
    const path = `/wecom/${unique('r')}`;
    await addChannel({ kind: 'wecom', config: { url: `${receivers.http.url(path)}?key=k` } });
    const [organiser, chair] = [await person(), await person()];
    await prefer(chair, { channels: { wecom: true, email: false } });
    const meeting = await arrange(organiser, [chair]);
    await ctx.h.jobs.drain();
    const [post] = receivers.http.at(path);
    const content = (post!.body as { text: { content: string } }).text.content;
    expect(content).toContain(`会议通知：${meeting.topic}`);
    expect(content).toContain('时间：2026-06-18 09:00–10:30');
  });
});

describe('the personal calendar feed', () => {
  const feed = async (path: string) => {
    const app = await ctx.h.app();
    return app.inject({ method: 'GET', url: path });
  };

  it('issues a secret address shown once, serves my meetings without a session, and stops at once when revoked or replaced', async () => {
    const [organiser, chair, stranger] = [await person(), await person(), await person()];
    const open = await arrange(organiser, [chair]);
    const secret = await arrange(organiser, [chair], { confidential: true, purpose: '人事调整方案', startsAt: beijing('11:00', '2026-06-18'), endsAt: beijing('12:00', '2026-06-18') });
    const gone = await arrange(organiser, [chair], { startsAt: beijing('16:00', '2026-06-18'), endsAt: beijing('17:00', '2026-06-18') });
    expect((await call('POST', `/api/meetings/${gone.id}/cancel`, organiser.session, { reason: '取消' })).statusCode).toBe(200);
    await arrange(organiser, [stranger], { startsAt: beijing('16:00', '2026-06-19'), endsAt: beijing('17:00', '2026-06-19') });

    expect((await call('GET', '/api/me/calendar-feed', chair.session)).json<CalendarFeedStatus>()).toEqual({ active: false, createdAt: null });
    const issued = await call('POST', '/api/me/calendar-feed', chair.session, {});
    expect(issued.statusCode, issued.body).toBe(201);
    const { path } = issued.json<CalendarFeedIssued>();
    expect(path).toMatch(/^\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await call('GET', '/api/me/calendar-feed', chair.session)).json<CalendarFeedStatus>().active).toBe(true);

    const res = await feed(path);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const text = unfold(res.body);
    expect(text).toContain(`UID:meeting-${open.id}@henji`);
    expect(text).toContain('DESCRIPTION:');
    const events = text.split('BEGIN:VEVENT').slice(1);
    const secretEvent = events.find((e) => e.includes(`UID:meeting-${secret.id}@henji`))!;
    expect(secretEvent).toContain(`SUMMARY:${secret.topic}`);
    expect(secretEvent).not.toContain('DESCRIPTION');
    expect(secretEvent).not.toContain('ATTENDEE');
    expect(text).not.toContain('人事调整方案');
    expect(events.find((e) => e.includes(`UID:meeting-${gone.id}@henji`))).toContain('STATUS:CANCELLED');
    expect(events).toHaveLength(3);
    // The token is stored only as its SHA-256 and never traced.
    const token = path.slice('/api/calendar/feed/'.length, -4);
    const ledger = await call('GET', '/api/ledger/entries?subjectType=calendar_feed&pageSize=50', ctx.admin);
    expect(ledger.body).not.toContain(token);

    const again = await call('POST', '/api/me/calendar-feed', chair.session, {});
    const second = again.json<CalendarFeedIssued>().path;
    expect((await feed(path)).statusCode).toBe(404);
    expect((await feed(second)).statusCode).toBe(200);
    const app = await ctx.h.app();
    expect((await app.inject({ method: 'DELETE', url: '/api/me/calendar-feed', headers: chair.session.headers })).statusCode).toBe(204);
    expect((await feed(second)).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: '/api/me/calendar-feed', headers: chair.session.headers })).statusCode).toBe(404);
    expect((await feed(`/api/calendar/feed/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await feed('/api/calendar/feed/short.ics')).statusCode).toBe(400);
  });

  it('holds my meetings from 90 days back to a year ahead', async () => {
    const [organiser, chair] = [await person(), await person()];
    const soon = await arrange(organiser, [chair], { startsAt: beijing('09:00', '2026-06-22'), endsAt: beijing('10:00', '2026-06-22') });
    const far = await arrange(organiser, [chair], { startsAt: beijing('09:00', '2027-07-05'), endsAt: beijing('10:00', '2027-07-05') });
    const { path } = (await call('POST', '/api/me/calendar-feed', chair.session, {})).json<CalendarFeedIssued>();
    const uids = async () => [...(await feed(path)).body.matchAll(/UID:meeting-([0-9a-f-]+)@henji/g)].map((m) => m[1]);
    expect(await uids()).toEqual([soon.id]);
    const start = clock.now();
    try {
      clock.set(new Date(Date.parse('2026-06-22T02:00:00Z') + 89 * 86_400_000));
      expect(await uids()).toEqual([soon.id, far.id]);
      clock.set(new Date(Date.parse('2026-06-22T02:00:00Z') + 91 * 86_400_000));
      expect(await uids()).toEqual([far.id]);
    } finally {
      clock.set(start);
    }
  });
});
