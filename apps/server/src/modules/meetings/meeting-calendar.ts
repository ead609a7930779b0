/**
 * Meetings as iCalendar events (ics.ts): the invitation a notice mail carries — registered with the notification
 * kernel for subjects `meeting` and `meeting_series` and built when the mail is sent, so it is what the recipient's
 * calendar should hold at that moment — and the events of the personal feed.
 *
 * Per recipient: a meeting they hold a seat in and that is not cancelled is a REQUEST; a cancelled one, or one they
 * were taken off (or handed to a delegate), a CANCEL. A series' notice holds each of its occurrences (those a "this
 * and following" change replaced among them, cancelled). SEQUENCE is the meeting's `noticeSequence`.
 */
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Database, Queryable } from '../../db/client.ts';
import { registerMailCalendar } from '../../kernel/notify/mail-calendar.ts';
import { users } from '../../kernel/org/schema.ts';
import type { Locale } from '../../kernel/messages.ts';
import { buildCalendar, type IcsAttendee, type IcsEvent, type IcsMethod, type IcsPartStat, type IcsPerson } from './ics.ts';
import { meetingAgendaItems, meetingAttendees, meetings, type MeetingRow } from './schema.ts';

const PARTSTAT: Record<string, IcsPartStat> = { pending: 'NEEDS-ACTION', accepted: 'ACCEPTED', declined: 'DECLINED', delegated: 'DELEGATED' };

const WORDS = {
  'zh-CN': { purpose: '会议目的', agenda: '议程', presenter: '汇报人', minutes: '分钟', preparation: '会前准备', materials: '需准备的材料', chair: '主持人', recorder: '记录人' },
  'en-US': { purpose: 'Purpose', agenda: 'Agenda', presenter: 'presenter', minutes: 'min', preparation: 'Preparation', materials: 'Materials to prepare', chair: 'Chair', recorder: 'Recorder' },
} as const;

export const meetingUid = (id: string) => `meeting-${id}@henji`;

interface PersonRow {
  id: string;
  displayName: string;
  email: string | null;
}

const calAddress = (p: PersonRow): IcsPerson => ({ name: p.displayName, address: p.email ? `mailto:${p.email}` : `urn:uuid:${p.id}` });

export interface EventOptions {
  locale: Locale;
  stamp: Date;
  /** Title, time and place only (a confidential meeting in a feed or a mail). */
  bare: boolean;
  /** The reader, whose own materials are added to the description. */
  readerId?: string;
  /** Cancelled for this reader even if the meeting stands (taken off the list). */
  cancelled?: boolean;
  link?: string;
}

/** The VEVENTs of meetings, with people and agendas loaded in three queries. */
export async function meetingEvents(q: Queryable, rows: readonly MeetingRow[], options: (row: MeetingRow) => EventOptions): Promise<IcsEvent[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [attendees, agenda] = await Promise.all([
    q.select().from(meetingAttendees).where(inArray(meetingAttendees.meetingId, ids)).orderBy(asc(meetingAttendees.createdAt), asc(meetingAttendees.userId)),
    q.select().from(meetingAgendaItems).where(inArray(meetingAgendaItems.meetingId, ids)).orderBy(asc(meetingAgendaItems.position)),
  ]);
  const personIds = [...new Set([...rows.flatMap((r) => [r.organiserId, r.chairId, r.recorderId]), ...attendees.map((a) => a.userId), ...agenda.flatMap((a) => (a.presenterId ? [a.presenterId] : []))])];
  const people = new Map(
    (await q.select({ id: users.id, displayName: users.displayName, email: users.email }).from(users).where(inArray(users.id, personIds))).map((p) => [p.id, p]),
  );
  const nameOf = (id: string) => people.get(id)?.displayName ?? '';
  return rows.map((row) => {
    const o = options(row);
    const words = WORDS[o.locale];
    const mine = attendees.filter((a) => a.meetingId === row.id);
    const cancelled = row.status === 'cancelled' || o.cancelled === true;
    const event: IcsEvent = {
      uid: meetingUid(row.id),
      sequence: row.noticeSequence,
      stamp: o.stamp,
      start: row.startsAt,
      end: row.endsAt,
      summary: row.topic,
      location: row.location,
      status: cancelled ? 'CANCELLED' : 'CONFIRMED',
      lastModified: row.updatedAt,
      confidential: row.confidential,
      ...(o.link ? { url: o.link } : {}),
    };
    if (o.bare) return event;
    const lines: string[] = [];
    if (row.purpose) lines.push(`${words.purpose}: ${row.purpose}`);
    lines.push(`${words.chair}: ${nameOf(row.chairId)}  ${words.recorder}: ${nameOf(row.recorderId)}`);
    const items = agenda.filter((a) => a.meetingId === row.id);
    if (items.length > 0) {
      lines.push(`${words.agenda}:`);
      for (const item of items) {
        const presenter = item.presenterId ? `${words.presenter} ${nameOf(item.presenterId)}, ` : '';
        lines.push(`${item.position + 1}. ${item.title} (${presenter}${item.plannedMinutes} ${words.minutes})`);
      }
    }
    if (row.preparation) lines.push(`${words.preparation}: ${row.preparation}`);
    const own = o.readerId ? mine.find((a) => a.userId === o.readerId)?.materials : '';
    if (own) lines.push(`${words.materials}: ${own}`);
    if (o.link) lines.push(o.link);
    const organiser = people.get(row.organiserId);
    return {
      ...event,
      description: lines.join('\n'),
      ...(organiser ? { organizer: calAddress(organiser) } : {}),
      attendees: mine.flatMap((a): IcsAttendee[] => {
        const p = people.get(a.userId);
        if (!p) return [];
        return [{ ...calAddress(p), role: a.userId === row.chairId ? 'CHAIR' : a.required ? 'REQ-PARTICIPANT' : 'OPT-PARTICIPANT', partstat: PARTSTAT[a.reply] ?? 'NEEDS-ACTION' }];
      }),
    };
  });
}

/** Whether `userId` holds a seat (invited and not handed to a delegate). */
async function seatsOf(q: Queryable, userId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await q
    .select({ meetingId: meetingAttendees.meetingId, reply: meetingAttendees.reply })
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.userId, userId), inArray(meetingAttendees.meetingId, ids)));
  return new Set(rows.filter((r) => r.reply !== 'delegated').map((r) => r.meetingId));
}

async function invitation(db: Database, rows: MeetingRow[], recipientId: string, locale: Locale, sentAt: Date, link: string | null) {
  if (rows.length === 0) return null;
  const seats = await seatsOf(db, recipientId, rows.map((r) => r.id));
  const events = await meetingEvents(db, rows, (row) => ({
    locale,
    stamp: sentAt,
    bare: row.confidential,
    readerId: recipientId,
    cancelled: !seats.has(row.id),
    ...(link ? { link } : {}),
  }));
  const method: IcsMethod = events.some((e) => e.status !== 'CANCELLED') ? 'REQUEST' : 'CANCEL';
  return { method, content: buildCalendar({ method, events }) };
}

registerMailCalendar('meeting', async (db, { subjectId, recipientId, locale, sentAt, link }) => {
  const rows = await db.select().from(meetings).where(eq(meetings.id, subjectId));
  return invitation(db, rows, recipientId, locale, sentAt, link);
});

registerMailCalendar('meeting_series', async (db, { subjectId, recipientId, locale, sentAt, link }) => {
  const rows = await db
    .select()
    .from(meetings)
    .where(or(eq(meetings.seriesId, subjectId), eq(meetings.replacedBySeriesId, subjectId)))
    .orderBy(asc(meetings.startsAt));
  return invitation(db, rows, recipientId, locale, sentAt, link);
});
