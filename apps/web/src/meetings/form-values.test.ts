import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Meeting } from '@henji/contracts';
import { agendaMinutes, changesRule, createInput, excludedMembers, patchInput, rowsToAdd, valuesOf, type MeetingFormValues } from './form-values.ts';
import { choiceOf, ruleText, sameRule } from './recurrence-choice.ts';

const A = '0f8fad5b-d9cb-469f-a165-70867728950e';
const B = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const C = '16fd2706-8baf-433b-82eb-8c7fada847da';
const DEPT = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

// Monday 2026-06-15 09:00–10:30 in the browser's zone (the tests' TZ): what the form holds.
const day = dayjs('2026-06-15T00:00:00');
const values = (over: Partial<MeetingFormValues> = {}): MeetingFormValues => ({
  topic: '  技术部周例会 ',
  purpose: '',
  kind: 'department_weekly',
  date: day,
  start: day.hour(9),
  end: day.hour(10).minute(30),
  recurrenceChoice: 'none',
  recurrence: { rrule: '', exdates: [] },
  recurrenceEnd: { mode: 'count', count: null },
  roomId: null,
  equipmentIds: [A],
  location: ' 5 楼 ',
  chairId: A,
  recorderId: B,
  attendees: [
    { userId: B, name: '乙', required: true, materials: ' 周报 ' },
    { userId: C, name: '丙', required: false, materials: '' },
  ],
  departmentIds: [],
  agenda: [{ title: '进度', presenterId: B, plannedMinutes: 30 }, { title: '  ', presenterId: null, plannedMinutes: 10 }, { title: '风险', plannedMinutes: 20 }],
  preparation: '',
  fileIds: [],
  confidential: false,
  overrides: { roomTooSmall: false, agendaTooLong: true },
  ...over,
});

describe('the meeting form and the server’s input', () => {
  it('sends the day’s times as instants, trimmed texts, titled agenda rows and no equipment without a room', () => {
    const input = createInput(values(), [], true);
    expect(input.startsAt).toBe(day.hour(9).toISOString());
    expect(input.endsAt).toBe(day.hour(10).minute(30).toISOString());
    expect(input).toMatchObject({ topic: '技术部周例会', location: '5 楼', roomId: null, equipmentIds: [], recurrence: null, sendNotice: true, overrides: { agendaTooLong: true } });
    expect(input.attendees).toEqual([
      { userId: B, required: true, materials: '周报' },
      { userId: C, required: false, materials: '' },
    ]);
    expect(input.agenda?.map((a) => a.title)).toEqual(['进度', '风险']);
    expect(input.agenda?.[1]).toEqual({ title: '风险', presenterId: null, plannedMinutes: 20 });
  });

  it('adds the total of the planned minutes', () => {
    expect(agendaMinutes(values().agenda)).toBe(60);
    expect(agendaMinutes([{ title: 'x', plannedMinutes: null }])).toBe(0);
  });

  it('leaves out the members of a chosen department the organiser took off the list', () => {
    const members = new Map([[DEPT, [B, C, A]]]);
    expect(excludedMembers([DEPT], members, values().attendees)).toEqual([A]);
    expect(excludedMembers([], members, [])).toEqual([]);
  });

  it('adds people once, in order', () => {
    const rows = rowsToAdd([{ id: A, name: '甲' }, { id: B, name: '乙' }, { id: A, name: '甲' }], values().attendees);
    expect(rows).toEqual([{ userId: A, name: '甲', required: true, materials: '' }]);
  });
});

describe('recurrence in the form', () => {
  const start = day.hour(9);

  it('builds a preset’s rule from the first meeting’s weekday, ending after a count or on a day', () => {
    expect(ruleText('weekly', undefined, { mode: 'count', count: 12 }, start)).toBe('FREQ=WEEKLY;COUNT=12;BYDAY=MO');
    expect(ruleText('quarterly', undefined, { mode: 'count', count: 4 }, start)).toBe('FREQ=MONTHLY;INTERVAL=3;COUNT=4;BYMONTHDAY=15');
    expect(ruleText('biweekly', undefined, { mode: 'until', until: dayjs('2026-12-31') }, start)).toBe('FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231;BYDAY=MO');
    expect(ruleText('weekly', undefined, { mode: 'count', count: null }, start)).toBeNull();
    expect(ruleText('none', 'FREQ=DAILY;COUNT=2', undefined, start)).toBeNull();
    expect(ruleText('custom', ' FREQ=DAILY;COUNT=2 ', undefined, start)).toBe('FREQ=DAILY;COUNT=2');
  });

  it('shows a stored rule as its preset when it is one, else as custom text', () => {
    expect(choiceOf('FREQ=WEEKLY;BYDAY=MO;COUNT=12', start)).toEqual({ choice: 'weekly', end: { mode: 'count', count: 12 } });
    expect(choiceOf('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=12', start).choice).toBe('custom');
    const until = choiceOf('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;UNTIL=20271231', start);
    expect(until.choice).toBe('quarterly');
    expect(until.end.until?.format('YYYY-MM-DD')).toBe('2027-12-31');
  });

  it('compares rules by meaning, not spelling', () => {
    expect(sameRule('FREQ=WEEKLY;BYDAY=MO;COUNT=12', 'FREQ=WEEKLY;COUNT=12;BYDAY=MO;INTERVAL=1')).toBe(true);
    expect(sameRule('FREQ=WEEKLY;BYDAY=MO;COUNT=12', 'FREQ=WEEKLY;BYDAY=MO;COUNT=13')).toBe(false);
  });

  const meeting = {
    id: A,
    topic: '周例会',
    purpose: '',
    kind: 'department_weekly',
    startsAt: start.toISOString(),
    endsAt: start.add(90, 'minute').toISOString(),
    location: '301',
    room: { id: C, name: '301', location: '', capacity: 10 },
    booking: null,
    equipment: [],
    organiser: { id: A, displayName: '甲' },
    chair: { id: A, displayName: '甲', department: null },
    recorder: { id: B, displayName: '乙', department: null },
    departments: [],
    preparation: '',
    confidential: false,
    status: 'noticed',
    noticeSentAt: null,
    noticeSequence: 1,
    cancelledAt: null,
    cancelReason: null,
    series: { id: C, rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=12', exdates: [], description: '每周一', index: 0, count: 12, previousSeriesId: null },
    originalStartsAt: null,
    agenda: [],
    attendees: [
      { user: { id: B, displayName: '乙', department: null }, required: true, materials: '', reply: 'delegated', reason: '出差', repliedAt: null, delegatedTo: { id: C, displayName: '丙' }, delegatedFrom: null, attendance: null, signedInAt: null, signInMethod: null },
      { user: { id: C, displayName: '丙', department: null }, required: true, materials: '', reply: 'accepted', reason: null, repliedAt: null, delegatedTo: null, delegatedFrom: { id: B, displayName: '乙' }, attendance: null, signedInAt: null, signInMethod: null },
    ],
    replyCounts: { pending: 0, accepted: 1, declined: 0, delegated: 1 },
    attachments: [],
    lastRemindedAt: null,
    createdAt: start.toISOString(),
    updatedAt: start.toISOString(),
    allowedActions: ['update'],
  } satisfies Meeting;

  it('fills the edit form from a meeting of a series (a delegate’s seat is not on the organiser’s list)', () => {
    const form = valuesOf(meeting);
    expect(form).toMatchObject({ recurrenceChoice: 'weekly', recurrenceEnd: { mode: 'count', count: 12 }, roomId: C, location: '', chairId: A, recorderId: B });
    expect(form.attendees.map((a) => a.userId)).toEqual([B]);
    expect(changesRule(form, meeting)).toBe(false);
    expect(patchInput(form, [], 'following', meeting).recurrence).toBeUndefined();
    const longer = { ...form, recurrenceEnd: { mode: 'count' as const, count: 20 } };
    expect(changesRule(longer, meeting)).toBe(true);
    expect(patchInput(longer, [], 'following', meeting).recurrence).toEqual({ rrule: 'FREQ=WEEKLY;COUNT=20;BYDAY=MO', exdates: [] });
    expect(patchInput(longer, [], 'this', meeting).recurrence).toBeUndefined();
  });
});

describe('the check before saving', () => {
  it('asks about a new series with its rule, an edited occurrence on its own, and fills in chair and recorder not chosen yet', async () => {
    const { checkInput } = await import('./use-meeting-check.ts');
    const series = values({ recurrenceChoice: 'weekly', recurrenceEnd: { mode: 'count', count: 4 }, chairId: null, recorderId: null });
    const created = checkInput(series, [], C, undefined);
    expect(created).toMatchObject({ chairId: C, recorderId: C, recurrence: { rrule: 'FREQ=WEEKLY;COUNT=4;BYDAY=MO', exdates: [] } });
    expect(created?.agenda?.map((a) => a.title)).toEqual(['进度', '风险']);
    expect(checkInput(series, [], C, A)).toMatchObject({ recurrence: null, exceptMeetingId: A });
    expect(checkInput({ ...series, date: undefined }, [], C, undefined)).toBeNull();
  });
});
