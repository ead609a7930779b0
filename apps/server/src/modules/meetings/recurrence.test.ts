import { describe, expect, it } from 'vitest';
import {
  RRULE_ERROR_MESSAGES,
  RRULE_ERROR_REASONS,
  describeRRule,
  expandRRule,
  formatRRule,
  parseRRule,
  presetOf,
  presetRRule,
  previewRRule,
  rruleErrorText,
  type ExpandOptions,
  type RRule,
  type RRuleErrorReason,
} from '@henji/contracts/recurrence';
import { MEETING_TIME_ZONE, RECURRENCE_MESSAGES, planSeries, recurrenceMessage } from './recurrence.ts';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

function ruleOf(text: string): RRule {
  const parsed = parseRRule(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.reason}`);
  return parsed.rule;
}

/** Local wall times 'YYYY-MM-DD HH:MM' of the instants, in the zone. */
function wall(zone: string, instants: Date[]): string[] {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return instants.map((d) => format.format(d));
}

/** Expands `text` from a Shanghai (or other zone's) wall time 'YYYY-MM-DDTHH:MM', offset given. */
function expandLocal(text: string, start: string, options: ExpandOptions = {}, zone = SHANGHAI) {
  const result = expandRRule(ruleOf(text), new Date(start), zone, options);
  if (!result.ok) throw new Error(`${text}: ${result.error.reason}`);
  return { starts: wall(zone, result.starts), capped: result.capped, instants: result.starts };
}

const days = (list: string[]) => list.map((s) => s.slice(0, 10));

describe('RFC 5545 §3.8.5.3 examples (DTSTART;TZID=America/New_York, wall time kept across DST)', () => {
  const ny = (text: string, start: string, options: ExpandOptions = {}) => expandLocal(text, start, options, NEW_YORK);

  it('daily for 10 occurrences', () => {
    const { starts } = ny('FREQ=DAILY;COUNT=10', '1997-09-02T09:00:00-04:00');
    expect(starts).toHaveLength(10);
    expect(starts[0]).toBe('1997-09-02 09:00');
    expect(starts[9]).toBe('1997-09-11 09:00');
  });

  it('every other week on Monday, Wednesday and Friday until 24 December 1997, WKST=SU', () => {
    const { starts, instants } = ny('FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR', '1997-09-01T09:00:00-04:00');
    expect(days(starts)).toEqual([
      '1997-09-01', '1997-09-03', '1997-09-05', '1997-09-15', '1997-09-17', '1997-09-19', '1997-09-29',
      '1997-10-01', '1997-10-03', '1997-10-13', '1997-10-15', '1997-10-17', '1997-10-27', '1997-10-29', '1997-10-31',
      '1997-11-10', '1997-11-12', '1997-11-14', '1997-11-24', '1997-11-26', '1997-11-28',
      '1997-12-08', '1997-12-10', '1997-12-12', '1997-12-22',
    ]);
    // 09:00 before and after the end of daylight saving time (26 October 1997): the UTC hour moves, the wall time not.
    expect(starts.every((s) => s.endsWith('09:00'))).toBe(true);
    expect(instants[0]?.toISOString()).toBe('1997-09-01T13:00:00.000Z');
    expect(instants[24]?.toISOString()).toBe('1997-12-22T14:00:00.000Z');
  });

  it('monthly on the first Friday for 10 occurrences', () => {
    expect(days(ny('FREQ=MONTHLY;COUNT=10;BYDAY=1FR', '1997-09-05T09:00:00-04:00').starts)).toEqual([
      '1997-09-05', '1997-10-03', '1997-11-07', '1997-12-05', '1998-01-02', '1998-02-06', '1998-03-06', '1998-04-03', '1998-05-01', '1998-06-05',
    ]);
  });

  it('monthly on the second-to-last Monday for 6 months', () => {
    expect(days(ny('FREQ=MONTHLY;COUNT=6;BYDAY=-2MO', '1997-09-22T09:00:00-04:00').starts)).toEqual([
      '1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16',
    ]);
  });

  it('monthly on the third-to-the-last day of the month (forever, so limited here)', () => {
    expect(days(ny('FREQ=MONTHLY;BYMONTHDAY=-3', '1997-09-28T09:00:00-04:00', { limit: 6 }).starts)).toEqual([
      '1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26',
    ]);
  });

  it('monthly on the 2nd and 15th for 10 occurrences', () => {
    expect(days(ny('FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15', '1997-09-02T09:00:00-04:00').starts)).toEqual([
      '1997-09-02', '1997-09-15', '1997-10-02', '1997-10-15', '1997-11-02', '1997-11-15', '1997-12-02', '1997-12-15', '1998-01-02', '1998-01-15',
    ]);
  });

  it('every Friday the 13th (the unmatched DTSTART is not an occurrence)', () => {
    expect(days(ny('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '1997-09-02T09:00:00-04:00', { limit: 5 }).starts)).toEqual([
      '1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13',
    ]);
  });

  it('the last work day of the month (BYSETPOS=-1)', () => {
    expect(days(ny('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '1997-09-30T09:00:00-04:00', { limit: 7 }).starts)).toEqual([
      '1997-09-30', '1997-10-31', '1997-11-28', '1997-12-31', '1998-01-30', '1998-02-27', '1998-03-31',
    ]);
  });

  it('the third Tuesday, Wednesday or Thursday of the month, for 3 months', () => {
    expect(days(ny('FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3', '1997-09-04T09:00:00-04:00').starts)).toEqual([
      '1997-09-04', '1997-10-07', '1997-11-06',
    ]);
  });

  it('yearly in June and July for 10 occurrences', () => {
    expect(days(ny('FREQ=YEARLY;COUNT=10;BYMONTH=6,7', '1997-06-10T09:00:00-04:00').starts)).toEqual([
      '1997-06-10', '1997-07-10', '1998-06-10', '1998-07-10', '1999-06-10', '1999-07-10', '2000-06-10', '2000-07-10', '2001-06-10', '2001-07-10',
    ]);
  });

  it('every 20th Monday of the year', () => {
    expect(days(ny('FREQ=YEARLY;BYDAY=20MO', '1997-05-19T09:00:00-04:00', { limit: 3 }).starts)).toEqual(['1997-05-19', '1998-05-18', '1999-05-17']);
  });

  it('every Thursday in March', () => {
    expect(days(ny('FREQ=YEARLY;BYMONTH=3;BYDAY=TH', '1997-03-13T09:00:00-05:00', { limit: 11 }).starts)).toEqual([
      '1997-03-13', '1997-03-20', '1997-03-27', '1998-03-05', '1998-03-12', '1998-03-19', '1998-03-26', '1999-03-04', '1999-03-11', '1999-03-18', '1999-03-25',
    ]);
  });

  it('WKST changes which days an every-other-week rule gives', () => {
    expect(days(ny('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', '1997-08-05T09:00:00-04:00').starts)).toEqual([
      '1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24',
    ]);
    expect(days(ny('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', '1997-08-05T09:00:00-04:00').starts)).toEqual([
      '1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31',
    ]);
  });

  it('a day the month does not have is skipped, not moved (BYMONTHDAY=15,30 from 15 January 2007)', () => {
    expect(days(ny('FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5', '2007-01-15T09:00:00-05:00').starts)).toEqual([
      '2007-01-15', '2007-01-30', '2007-02-15', '2007-03-15', '2007-03-30',
    ]);
  });
});

describe('expandRRule in Asia/Shanghai', () => {
  it('weekly department meeting, Monday 09:00, across the year end', () => {
    const { starts, instants, capped } = expandLocal('FREQ=WEEKLY;BYDAY=MO;COUNT=4', '2026-12-21T09:00:00+08:00');
    expect(starts).toEqual(['2026-12-21 09:00', '2026-12-28 09:00', '2027-01-04 09:00', '2027-01-11 09:00']);
    expect(instants.map((d) => d.toISOString())).toEqual([
      '2026-12-21T01:00:00.000Z', '2026-12-28T01:00:00.000Z', '2027-01-04T01:00:00.000Z', '2027-01-11T01:00:00.000Z',
    ]);
    expect(capped).toBe(false);
  });

  it('quarterly from 15 January 2026 (FREQ=MONTHLY;INTERVAL=3)', () => {
    expect(expandLocal('FREQ=MONTHLY;INTERVAL=3;COUNT=5', '2026-01-15T14:30:00+08:00').starts).toEqual([
      '2026-01-15 14:30', '2026-04-15 14:30', '2026-07-15 14:30', '2026-10-15 14:30', '2027-01-15 14:30',
    ]);
  });

  it('monthly on the 31st skips the months without one, with or without BYMONTHDAY', () => {
    const expected = ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31'];
    expect(days(expandLocal('FREQ=MONTHLY;BYMONTHDAY=31;COUNT=5', '2026-01-31T09:00:00+08:00').starts)).toEqual(expected);
    expect(days(expandLocal('FREQ=MONTHLY;COUNT=5', '2026-01-31T09:00:00+08:00').starts)).toEqual(expected);
  });

  it('monthly on the last day (-1), leap February included', () => {
    expect(days(expandLocal('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4', '2026-01-31T09:00:00+08:00').starts)).toEqual([
      '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30',
    ]);
    expect(days(expandLocal('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=2', '2028-01-31T09:00:00+08:00').starts)).toEqual(['2028-01-31', '2028-02-29']);
  });

  it('the first Monday (1MO) and the last Friday (-1FR) of the month', () => {
    expect(days(expandLocal('FREQ=MONTHLY;BYDAY=1MO;COUNT=3', '2026-01-05T09:00:00+08:00').starts)).toEqual(['2026-01-05', '2026-02-02', '2026-03-02']);
    expect(days(expandLocal('FREQ=MONTHLY;BYDAY=-1FR;COUNT=3', '2026-01-30T16:00:00+08:00').starts)).toEqual(['2026-01-30', '2026-02-27', '2026-03-27']);
    expect(days(expandLocal('FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO;COUNT=3', '2026-01-05T09:00:00+08:00').starts)).toEqual([
      '2026-01-05', '2026-04-06', '2026-07-06',
    ]);
  });

  it('yearly from 29 February lands on leap years only, and the five-year cap ends it', () => {
    const { starts, capped } = expandLocal('FREQ=YEARLY;COUNT=3', '2024-02-29T09:00:00+08:00');
    expect(days(starts)).toEqual(['2024-02-29', '2028-02-29']);
    expect(capped).toBe(true);
  });

  it('every two weeks on Monday and Wednesday', () => {
    expect(days(expandLocal('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;COUNT=6', '2026-01-05T09:00:00+08:00').starts)).toEqual([
      '2026-01-05', '2026-01-07', '2026-01-19', '2026-01-21', '2026-02-02', '2026-02-04',
    ]);
  });

  it('a start the rule does not select is not an occurrence; days before it never are', () => {
    expect(days(expandLocal('FREQ=WEEKLY;BYDAY=MO;COUNT=2', '2026-01-07T09:00:00+08:00').starts)).toEqual(['2026-01-12', '2026-01-19']);
    expect(days(expandLocal('FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=2', '2026-01-07T09:00:00+08:00').starts)).toEqual(['2026-01-07', '2026-01-09']);
  });

  it('COUNT counts occurrences; UNTIL as a date includes that day, as a UTC time compares instants', () => {
    expect(expandLocal('FREQ=WEEKLY;COUNT=3', '2026-01-05T09:00:00+08:00').starts).toHaveLength(3);
    expect(days(expandLocal('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260119', '2026-01-05T09:00:00+08:00').starts)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    // 09:00 in Shanghai on 19 January is 01:00Z, after 00:00Z: not included.
    expect(days(expandLocal('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260119T000000Z', '2026-01-05T09:00:00+08:00').starts)).toEqual(['2026-01-05', '2026-01-12']);
    expect(days(expandLocal('FREQ=WEEKLY;BYDAY=MO;UNTIL=20260119T010000Z', '2026-01-05T09:00:00+08:00').starts)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
  });

  it('EXDATE takes occurrences out, and they still count towards COUNT', () => {
    const { starts } = expandLocal('FREQ=WEEKLY;BYDAY=MO;COUNT=4', '2026-01-05T09:00:00+08:00', {
      exdates: ['2026-01-12T01:00:00.000Z', new Date('2026-01-26T09:00:00+08:00')],
    });
    expect(days(starts)).toEqual(['2026-01-05', '2026-01-19']);
  });

  it('from and to keep the rule’s rhythm and count from the first occurrence', () => {
    const { starts } = expandLocal('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=5', '2026-01-05T09:00:00+08:00', {
      from: new Date('2026-01-20T00:00:00+08:00'),
      to: new Date('2026-03-02T09:00:00+08:00'),
    });
    expect(days(starts)).toEqual(['2026-02-02', '2026-02-16']);
  });

  it('the hard cap: at most 200 occurrences, at most five years', () => {
    const daily = expandLocal('FREQ=DAILY;UNTIL=20301231', '2026-01-01T09:00:00+08:00');
    expect(daily.starts).toHaveLength(200);
    expect(daily.capped).toBe(true);
    const yearly = expandLocal('FREQ=YEARLY;UNTIL=20401231', '2026-03-01T09:00:00+08:00');
    expect(days(yearly.starts)).toEqual(['2026-03-01', '2027-03-01', '2028-03-01', '2029-03-01', '2030-03-01']);
    expect(yearly.capped).toBe(true);
    const limited = expandLocal('FREQ=DAILY', '2026-01-01T09:00:00+08:00', { limit: 1000 });
    expect(limited.starts).toHaveLength(200);
    expect(limited.capped).toBe(true);
    // Exactly COUNT=200 is the rule's own end, not the cap.
    expect(expandLocal('FREQ=DAILY;COUNT=200', '2026-01-01T09:00:00+08:00').capped).toBe(false);
  });

  it('a rule that never ends needs a limit', () => {
    expect(expandRRule(ruleOf('FREQ=WEEKLY'), new Date('2026-01-05T01:00:00Z'), SHANGHAI)).toEqual({ ok: false, error: { reason: 'unbounded' } });
    const limited = expandLocal('FREQ=WEEKLY', '2026-01-05T09:00:00+08:00', { limit: 3 });
    expect(limited).toMatchObject({ capped: false });
    expect(limited.starts).toHaveLength(3);
  });

  it('refuses an UNTIL before the start, a bad start and a bad zone', () => {
    const start = new Date('2026-01-05T01:00:00Z');
    expect(expandRRule(ruleOf('FREQ=DAILY;UNTIL=20260104'), start, SHANGHAI)).toMatchObject({ ok: false, error: { reason: 'until_before_start' } });
    expect(expandRRule(ruleOf('FREQ=DAILY;UNTIL=20260105T000000Z'), start, SHANGHAI)).toMatchObject({ ok: false, error: { reason: 'until_before_start' } });
    expect(expandRRule(ruleOf('FREQ=DAILY;COUNT=2'), new Date('nonsense'), SHANGHAI)).toMatchObject({ ok: false, error: { reason: 'bad_start' } });
    expect(expandRRule(ruleOf('FREQ=DAILY;COUNT=2'), start, 'Mars/Olympus')).toMatchObject({ ok: false, error: { reason: 'bad_time_zone' } });
  });

  it('reads a wall time skipped by the clocks going forward with the earlier offset, a repeated one as its first (RFC 5545 §3.3.5)', () => {
    const spring = expandLocal('FREQ=DAILY;COUNT=3', '2026-03-07T02:30:00-05:00', {}, NEW_YORK);
    expect(spring.instants.map((d) => d.toISOString())).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:30:00.000Z', '2026-03-09T06:30:00.000Z']);
    expect(spring.starts).toEqual(['2026-03-07 02:30', '2026-03-08 03:30', '2026-03-09 02:30']);
    const autumn = expandLocal('FREQ=DAILY;COUNT=3', '2026-10-31T01:30:00-04:00', {}, NEW_YORK);
    expect(autumn.instants.map((d) => d.toISOString())).toEqual(['2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('keeps the wall time where the zone has daylight saving time (Europe/Berlin, March 2026)', () => {
    const { starts, instants } = expandLocal('FREQ=WEEKLY;COUNT=3', '2026-03-22T09:00:00+01:00', {}, 'Europe/Berlin');
    expect(starts).toEqual(['2026-03-22 09:00', '2026-03-29 09:00', '2026-04-05 09:00']);
    expect(instants.map((d) => d.getUTCHours())).toEqual([8, 7, 7]);
  });
});

describe('parseRRule', () => {
  it('reads every supported part, in any case and with the RRULE: prefix', () => {
    const parsed = parseRRule('rrule:freq=monthly;interval=2;count=6;bymonth=1,7;bymonthday=-1,15;byday=1mo,-1fr;bysetpos=1;wkst=su');
    expect(parsed).toEqual({
      ok: true,
      rule: {
        freq: 'MONTHLY',
        interval: 2,
        count: 6,
        byMonth: [1, 7],
        byMonthDay: [-1, 15],
        byDay: [{ weekday: 'MO', ordinal: 1 }, { weekday: 'FR', ordinal: -1 }],
        bySetPos: [1],
        wkst: 'SU',
      },
    });
  });

  it('reads UNTIL as a date or a UTC time', () => {
    expect(ruleOf('FREQ=DAILY;UNTIL=20261231').until).toEqual({ date: '2026-12-31' });
    expect(ruleOf('FREQ=DAILY;UNTIL=20261231T160000Z').until).toEqual({ instant: new Date('2026-12-31T16:00:00Z') });
  });

  it('writes the rule back in one canonical form', () => {
    expect(formatRRule(ruleOf('byday=we,mo;interval=2;freq=weekly;until=20261231T160000Z'))).toBe('FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T160000Z;BYDAY=WE,MO');
    expect(formatRRule(ruleOf('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=12;WKST=SU'))).toBe(
      'FREQ=MONTHLY;COUNT=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;WKST=SU',
    );
    expect(formatRRule(ruleOf('FREQ=YEARLY;UNTIL=20300101;BYMONTH=3;BYMONTHDAY=15'))).toBe('FREQ=YEARLY;UNTIL=20300101;BYMONTH=3;BYMONTHDAY=15');
  });

  const refusals: [string, RRuleErrorReason, string?][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['FREQ=WEEKLY;BYDAY', 'syntax', 'BYDAY'],
    ['FREQ=WEEKLY;=MO', 'syntax', '=MO'],
    ['FREQ=DAILY;BYHOUR=9', 'unknown_part', 'BYHOUR'],
    ['FREQ=DAILY;X-NAME=1', 'unknown_part', 'X-NAME'],
    ['FREQ=DAILY;COUNT=2;COUNT=3', 'duplicate_part', 'COUNT'],
    ['COUNT=3', 'freq_missing'],
    ['FREQ=HOURLY;COUNT=3', 'freq_unsupported', 'FREQ'],
    ['FREQ=FORTNIGHTLY', 'freq_unsupported', 'FREQ'],
    ['FREQ=DAILY;INTERVAL=0', 'bad_value', 'INTERVAL'],
    ['FREQ=DAILY;INTERVAL=1.5', 'bad_value', 'INTERVAL'],
    ['FREQ=DAILY;INTERVAL=1000', 'bad_value', 'INTERVAL'],
    ['FREQ=DAILY;COUNT=0', 'bad_value', 'COUNT'],
    ['FREQ=DAILY;COUNT=-1', 'bad_value', 'COUNT'],
    ['FREQ=DAILY;COUNT=201', 'count_too_large', 'COUNT'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231', 'count_with_until'],
    ['FREQ=DAILY;UNTIL=20260230', 'until_format', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=20261231T090000', 'until_format', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=2026-12-31', 'until_format', 'UNTIL'],
    ['FREQ=DAILY;UNTIL=20261231T250000Z', 'until_format', 'UNTIL'],
    ['FREQ=WEEKLY;BYDAY=XX', 'bad_value', 'BYDAY'],
    ['FREQ=WEEKLY;BYDAY=MO,,TU', 'bad_value', 'BYDAY'],
    ['FREQ=WEEKLY;BYDAY=1MO', 'ordinal_not_allowed', 'BYDAY'],
    ['FREQ=DAILY;BYDAY=-1FR', 'ordinal_not_allowed', 'BYDAY'],
    ['FREQ=MONTHLY;BYDAY=0MO', 'bad_value', 'BYDAY'],
    ['FREQ=MONTHLY;BYDAY=6MO', 'bad_value', 'BYDAY'],
    ['FREQ=YEARLY;BYDAY=54MO', 'bad_value', 'BYDAY'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'bad_value', 'BYMONTHDAY'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'bad_value', 'BYMONTHDAY'],
    ['FREQ=MONTHLY;BYMONTHDAY=-32', 'bad_value', 'BYMONTHDAY'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'monthday_with_weekly', 'BYMONTHDAY'],
    ['FREQ=YEARLY;BYMONTH=13', 'bad_value', 'BYMONTH'],
    ['FREQ=YEARLY;BYMONTH=0', 'bad_value', 'BYMONTH'],
    ['FREQ=MONTHLY;BYSETPOS=-1', 'setpos_alone', 'BYSETPOS'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'bad_value', 'BYSETPOS'],
    ['FREQ=WEEKLY;WKST=XX', 'bad_value', 'WKST'],
  ];
  it.each(refusals)('refuses %j: %s', (text, reason, part) => {
    const parsed = parseRRule(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.reason).toBe(reason);
    if (part !== undefined) expect(parsed.error.part).toBe(part);
  });

  it('drops repeated values', () => {
    expect(formatRRule(ruleOf('FREQ=MONTHLY;BYDAY=MO,1MO,MO;BYMONTHDAY=1,1;COUNT=2'))).toBe('FREQ=MONTHLY;COUNT=2;BYMONTHDAY=1;BYDAY=MO,1MO');
  });

  it('accepts a rule without an end (expanding it needs a limit)', () => {
    expect(parseRRule('FREQ=WEEKLY;BYDAY=MO').ok).toBe(true);
  });
});

describe('describeRRule', () => {
  const monday = { start: new Date('2026-01-05T09:00:00+08:00'), zone: SHANGHAI };
  const cases: [string, string, string][] = [
    ['FREQ=WEEKLY;BYDAY=MO', '每周一', 'every Monday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE', '每周一、周三', 'every Monday and Wednesday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE', '每2周的周一、周三', 'every 2 weeks on Monday and Wednesday'],
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '每周一至周五', 'every weekday'],
    ['FREQ=DAILY', '每天', 'every day'],
    ['FREQ=DAILY;INTERVAL=3', '每3天', 'every 3 days'],
    ['FREQ=MONTHLY;BYMONTHDAY=15', '每月15日', 'every month on the 15th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '每月最后一天', 'every month on the last day'],
    ['FREQ=MONTHLY;BYDAY=1MO', '每月第1个周一', 'every month on the first Monday'],
    ['FREQ=MONTHLY;BYDAY=-1FR', '每月最后一个周五', 'every month on the last Friday'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO', '每3个月的第1个周一', 'every 3 months on the first Monday'],
    ['FREQ=MONTHLY;INTERVAL=3', '每3个月', 'every 3 months'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '每月周一至周五中的最后一天', 'every month on the last weekday'],
    ['FREQ=YEARLY', '每年', 'every year'],
    ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=15', '每年3月15日', 'every year on the 15th of March'],
    ['FREQ=YEARLY;BYMONTH=3;BYDAY=1MO', '每年3月的第1个周一', 'every year on the first Monday of March'],
    ['FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=15', '每年1月、7月的15日', 'every year on the 15th of January and July'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', '每周一至周五', 'every weekday'],
    ['FREQ=DAILY;INTERVAL=2;BYDAY=MO,WE', '每2天（仅周一、周三）', 'every 2 days (Monday and Wednesday only)'],
    ['FREQ=MONTHLY;BYMONTH=3,6,9,12;BYDAY=-1FR', '每月最后一个周五（仅3月、6月、9月、12月）', 'every month on the last Friday (in March, June, September and December only)'],
    ['FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '每月13日（须为周五）', 'every month on the 13th if a Friday'],
    ['FREQ=WEEKLY;BYDAY=MO;COUNT=10', '每周一，共10次', 'every Monday, 10 times'],
    ['FREQ=WEEKLY;BYDAY=MO;UNTIL=20261231', '每周一，至2026年12月31日', 'every Monday, until 2026-12-31'],
  ];
  it.each(cases)('%s → %s / %s', (text, zh, en) => {
    expect(describeRRule(ruleOf(text), 'zh-CN')).toBe(zh);
    expect(describeRRule(ruleOf(text), 'en-US')).toBe(en);
  });

  it('with the first start, fills in the weekday or date the rule leaves to it, and the time', () => {
    expect(describeRRule(ruleOf('FREQ=WEEKLY;COUNT=10'), 'zh-CN', monday)).toBe('每周一 09:00，共10次');
    expect(describeRRule(ruleOf('FREQ=WEEKLY;COUNT=10'), 'en-US', monday)).toBe('every Monday at 09:00, 10 times');
    const quarterly = { start: new Date('2026-01-15T14:30:00+08:00'), zone: SHANGHAI };
    expect(describeRRule(ruleOf('FREQ=MONTHLY;INTERVAL=3'), 'zh-CN', quarterly)).toBe('每3个月的15日 14:30');
    expect(describeRRule(ruleOf('FREQ=YEARLY'), 'zh-CN', quarterly)).toBe('每年1月15日 14:30');
    expect(describeRRule(ruleOf('FREQ=YEARLY'), 'en-US', quarterly)).toBe('every year on January 15 at 14:30');
    expect(describeRRule(ruleOf('FREQ=WEEKLY;BYDAY=MO;BYMONTH=3,6'), 'zh-CN', monday)).toBe('每周一 09:00（仅3月、6月）');
    // A UTC UNTIL is shown as the date it is in the zone: 16:00Z on 31 December is midnight on 1 January in Shanghai.
    expect(describeRRule(ruleOf('FREQ=WEEKLY;UNTIL=20261231T160000Z'), 'zh-CN', monday)).toBe('每周一 09:00，至2027年1月1日');
  });
});

describe('presets', () => {
  const thursday = { start: new Date('2026-01-15T09:00:00+08:00'), zone: SHANGHAI };
  it('anchor each preset to the first meeting’s weekday or date', () => {
    expect(formatRRule(presetRRule('weekly', thursday))).toBe('FREQ=WEEKLY;BYDAY=TH');
    expect(formatRRule(presetRRule('biweekly', thursday))).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH');
    expect(formatRRule(presetRRule('monthly', thursday))).toBe('FREQ=MONTHLY;BYMONTHDAY=15');
    expect(formatRRule(presetRRule('quarterly', thursday))).toBe('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15');
    expect(formatRRule(presetRRule('yearly', thursday))).toBe('FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15');
  });

  it('recognise a rule as its preset whatever its end', () => {
    expect(presetOf(ruleOf('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=8'), thursday)).toBe('quarterly');
    expect(presetOf(ruleOf('FREQ=WEEKLY;BYDAY=TH;UNTIL=20261231'), thursday)).toBe('weekly');
    expect(presetOf(ruleOf('FREQ=WEEKLY;BYDAY=MO'), thursday)).toBeNull();
  });
});

describe('the preview and the server’s plan', () => {
  const start = new Date('2026-01-05T09:00:00+08:00');

  it('previews the canonical rule, its words and the next starts', () => {
    const preview = previewRRule('freq=weekly;byday=mo;count=10', { start, zone: SHANGHAI }, 'zh-CN', { count: 3 });
    expect(preview).toMatchObject({ ok: true, text: 'FREQ=WEEKLY;COUNT=10;BYDAY=MO', description: '每周一 09:00，共10次', capped: false });
    if (preview.ok) expect(days(wall(SHANGHAI, preview.starts))).toEqual(['2026-01-05', '2026-01-12', '2026-01-19']);
    expect(previewRRule('FREQ=WEEKLY', { start, zone: SHANGHAI }, 'zh-CN')).toEqual({ ok: false, error: { reason: 'unbounded' } });
  });

  it('plans a series in the company’s zone, EXDATEs left out', () => {
    expect(MEETING_TIME_ZONE).toBe('Asia/Shanghai');
    const plan = planSeries('FREQ=WEEKLY;BYDAY=MO;COUNT=3', start, { exdates: ['2026-01-12T01:00:00.000Z'] });
    expect(plan).toMatchObject({ ok: true, rrule: 'FREQ=WEEKLY;COUNT=3;BYDAY=MO', capped: false });
    if (plan.ok) expect(plan.starts.map((d) => d.toISOString())).toEqual(['2026-01-05T01:00:00.000Z', '2026-01-19T01:00:00.000Z']);
  });

  it('refuses a series that never ends, cannot be read, or gives no meeting', () => {
    expect(planSeries('FREQ=WEEKLY;BYDAY=MO', start)).toEqual({ ok: false, error: { reason: 'unbounded' } });
    expect(planSeries('FREQ=WEEKLY;BYHOUR=9;COUNT=2', start)).toEqual({ ok: false, error: { reason: 'unknown_part', part: 'BYHOUR' } });
    expect(planSeries('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3', start)).toEqual({ ok: false, error: { reason: 'no_occurrences' } });
    expect(planSeries('FREQ=WEEKLY;COUNT=1', start, { exdates: [start] })).toEqual({ ok: false, error: { reason: 'no_occurrences' } });
  });
});

describe('refusal messages', () => {
  it('has zh-CN and en-US words for every reason, as catalogue entries too', () => {
    for (const reason of RRULE_ERROR_REASONS) {
      expect(RRULE_ERROR_MESSAGES[reason]['zh-CN']).not.toBe('');
      expect(RRULE_ERROR_MESSAGES[reason]['en-US']).not.toBe('');
      expect(RECURRENCE_MESSAGES[`meetings.rrule.${reason}`]).toBe(RRULE_ERROR_MESSAGES[reason]);
    }
  });

  it('fills the part, the value and the limits in', () => {
    expect(rruleErrorText({ reason: 'bad_value', part: 'BYMONTH', value: '13' }, 'zh-CN')).toBe('BYMONTH 的值“13”不正确');
    expect(rruleErrorText({ reason: 'count_too_large', part: 'COUNT', value: '500' }, 'en-US')).toBe('a series has at most 200 occurrences');
    expect(recurrenceMessage({ reason: 'unknown_part', part: 'BYHOUR' })).toEqual({
      key: 'meetings.rrule.unknown_part',
      params: { part: 'BYHOUR', value: '', max: 200, years: 5 },
    });
  });
});
