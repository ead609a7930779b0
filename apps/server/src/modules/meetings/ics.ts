/**
 * iCalendar (RFC 5545) text for meetings: the invitation attached to notice mails (METHOD:REQUEST / CANCEL, RFC 5546)
 * and the personal feed. Pure functions: lines end in CRLF, are folded at 75 octets (never inside a UTF-8 sequence),
 * and TEXT values escape backslash, semicolon, comma and newlines.
 *
 * Every meeting — an occurrence of a series included — is its own VEVENT with its own UID (`meeting-<id>@henji`),
 * not an RRULE with RECURRENCE-ID overrides: occurrences are rows that move, change and cancel on their own, and a
 * separate UID per row lets every calendar apply each change exactly, whatever it makes of recurrence exceptions.
 */

export type IcsMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';
export type IcsPartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'DELEGATED';

export interface IcsPerson {
  name: string;
  /** The calendar address: mailto:… when the person has an email address, else urn:uuid:<user id>. */
  address: string;
}

export interface IcsAttendee extends IcsPerson {
  role: 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT';
  partstat: IcsPartStat;
}

export interface IcsEvent {
  uid: string;
  sequence: number;
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  organizer?: IcsPerson;
  attendees?: IcsAttendee[];
  url?: string;
  lastModified?: Date;
  /** CONFIDENTIAL hides the details in shared calendars (CLASS). */
  confidential?: boolean;
}

export interface IcsCalendar {
  method?: IcsMethod;
  /** X-WR-CALNAME: what a subscribed feed is called in the calendar app. */
  name?: string;
  events: IcsEvent[];
}

const PRODID = '-//Henji//Meetings//ZH';
const encoder = new TextEncoder();

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value: quoted when it holds `:`, `;` or `,`; a DQUOTE (not allowed in any form) and controls dropped. */
export function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** UTC date-time form: 20260618T010000Z. */
export function icsDate(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Folds a content line into lines of at most 75 octets (RFC 5545 §3.1): each continuation starts with one space,
 * which counts towards its 75, and no UTF-8 sequence (a Chinese character is three octets) is split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74; // the leading space of a continuation line is one of its 75 octets
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const property = (name: string, value: string) => foldLine(`${name}:${value}`);

function personLine(name: 'ORGANIZER' | 'ATTENDEE', person: IcsPerson, params: string[] = []): string {
  return foldLine(`${name};${[`CN=${paramValue(person.name)}`, ...params].join(';')}:${person.address}`);
}

function eventLines(e: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    property('UID', e.uid),
    property('SEQUENCE', String(e.sequence)),
    property('DTSTAMP', icsDate(e.stamp)),
    property('DTSTART', icsDate(e.start)),
    property('DTEND', icsDate(e.end)),
    property('SUMMARY', escapeText(e.summary)),
    property('STATUS', e.status),
  ];
  if (e.location) lines.push(property('LOCATION', escapeText(e.location)));
  if (e.description) lines.push(property('DESCRIPTION', escapeText(e.description)));
  if (e.url) lines.push(property('URL', e.url));
  if (e.lastModified) lines.push(property('LAST-MODIFIED', icsDate(e.lastModified)));
  if (e.confidential) lines.push(property('CLASS', 'CONFIDENTIAL'));
  if (e.organizer) lines.push(personLine('ORGANIZER', e.organizer));
  for (const a of e.attendees ?? []) lines.push(personLine('ATTENDEE', a, ['CUTYPE=INDIVIDUAL', `ROLE=${a.role}`, `PARTSTAT=${a.partstat}`]));
  lines.push('END:VEVENT');
  return lines;
}

/** The whole VCALENDAR object, CRLF after every line. */
export function buildCalendar(calendar: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', property('PRODID', PRODID), 'CALSCALE:GREGORIAN'];
  if (calendar.method) lines.push(property('METHOD', calendar.method));
  if (calendar.name) lines.push(property('X-WR-CALNAME', escapeText(calendar.name)));
  for (const e of calendar.events) lines.push(...eventLines(e));
  lines.push('END:VCALENDAR');
  return `${lines.join('\r\n')}\r\n`;
}
