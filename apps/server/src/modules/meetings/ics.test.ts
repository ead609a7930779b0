import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, icsDate, paramValue } from './ics.ts';

const octets = (s: string) => new TextEncoder().encode(s).length;
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('ics builder', () => {
  it('escapes backslash, semicolon, comma and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('议程：一、预算；二、人事')).toBe('议程：一、预算；二、人事');
  });

  it('quotes parameter values holding : ; , and drops quotes', () => {
    expect(paramValue('张三')).toBe('张三');
    expect(paramValue('Li, Wei')).toBe('"Li, Wei"');
    expect(paramValue('a"b:c')).toBe('"ab:c"');
  });

  it('folds at 75 octets without splitting a UTF-8 sequence, and unfolds to the same line', () => {
    const line = `DESCRIPTION:${'会议目的通报本周工作'.repeat(12)}abc`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(unfold(folded)).toBe(line);
    // A Chinese character is 3 octets: no part may end in the middle of one.
    for (const part of parts) expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(part))).toBe(part);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75));
    expect(foldLine('X'.repeat(76)).split('\r\n').map(octets)).toEqual([75, 2]);
  });

  it('writes a REQUEST with UID, SEQUENCE, UTC times, organiser and attendees, every line ended by CRLF', () => {
    const text = buildCalendar({
      method: 'REQUEST',
      events: [
        {
          uid: 'meeting-1@henji',
          sequence: 2,
          stamp: new Date('2026-06-17T06:28:17.123Z'),
          start: new Date('2026-06-18T01:00:00Z'),
          end: new Date('2026-06-18T02:30:00Z'),
          summary: '部门周例会; 第 3 次, 预算',
          description: '会议目的：通报\n议程：1. 预算',
          location: '301 会议室 · 3 楼',
          status: 'CONFIRMED',
          organizer: { name: '王秘书', address: 'mailto:wang@example.com' },
          attendees: [
            { name: '李主任', address: 'mailto:li@example.com', role: 'CHAIR', partstat: 'ACCEPTED' },
            { name: 'Zhao, Min', address: 'urn:uuid:6f1c2a1e-0000-4000-8000-000000000001', role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION' },
          ],
        },
      ],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('METHOD:REQUEST');
    expect(lines).toContain('UID:meeting-1@henji');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain('DTSTAMP:20260617T062817Z');
    expect(lines).toContain('DTSTART:20260618T010000Z');
    expect(lines).toContain('DTEND:20260618T023000Z');
    expect(lines).toContain('SUMMARY:部门周例会\\; 第 3 次\\, 预算');
    expect(lines).toContain('DESCRIPTION:会议目的：通报\\n议程：1. 预算');
    expect(lines).toContain('ORGANIZER;CN=王秘书:mailto:wang@example.com');
    expect(lines).toContain('ATTENDEE;CN="Zhao, Min";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:urn:uuid:6f1c2a1e-0000-4000-8000-000000000001');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('formats instants in UTC without milliseconds', () => {
    expect(icsDate(new Date('2026-12-31T16:00:00.999Z'))).toBe('20261231T160000Z');
  });
});
