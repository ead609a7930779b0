/**
 * The RFC 5545 RRULE subset Henji's recurring meetings use (每周一 09:00 部门例会, 季度战略会): parsing into a typed
 * rule, and writing it back in one canonical form. Zod-free so the web form can check and preview a rule without
 * the schema library. Supported parts: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY), INTERVAL, COUNT, UNTIL, BYDAY (with
 * ordinals for MONTHLY and YEARLY), BYMONTHDAY, BYMONTH, BYSETPOS and WKST; any other part is refused by name.
 */

export const RRULE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type RRuleFrequency = (typeof RRULE_FREQUENCIES)[number];

/** RFC 5545's weekday codes, Monday first (the index is the weekday number used everywhere here: MO = 0 … SU = 6). */
export const RRULE_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type RRuleWeekday = (typeof RRULE_WEEKDAYS)[number];

/** Every expansion stops at this many occurrences and this many years after the first one, whatever the rule says. */
export const RRULE_MAX_OCCURRENCES = 200;
export const RRULE_MAX_YEARS = 5;
export const RRULE_MAX_INTERVAL = 999;

/** A BYDAY entry: a weekday, with an ordinal (1MO: the first Monday, -1FR: the last Friday) only in MONTHLY/YEARLY. */
export interface RRuleDay {
  weekday: RRuleWeekday;
  ordinal?: number;
}

/** UNTIL as written: a date (the last local day that may hold an occurrence) or a UTC instant. */
export type RRuleUntil = { date: string } | { instant: Date };

export interface RRule {
  freq: RRuleFrequency;
  interval: number;
  count?: number;
  until?: RRuleUntil;
  byDay: RRuleDay[];
  /** 1…31 from the start of the month, -1…-31 from its end (-1: the last day). */
  byMonthDay: number[];
  /** 1…12. */
  byMonth: number[];
  /** Positions within each period's set of occurrences (-1: the last), e.g. the last working day of the month. */
  bySetPos: number[];
  wkst: RRuleWeekday;
}

/** Why a rule was refused; the texts are in recurrence-describe.ts (RRULE_ERROR_MESSAGES). */
export const RRULE_ERROR_REASONS = [
  'empty',
  'syntax',
  'unknown_part',
  'duplicate_part',
  'freq_missing',
  'freq_unsupported',
  'bad_value',
  'until_format',
  'count_with_until',
  'count_too_large',
  'ordinal_not_allowed',
  'monthday_with_weekly',
  'setpos_alone',
  'unbounded',
  'until_before_start',
  'no_occurrences',
  'bad_start',
  'bad_time_zone',
] as const;
export type RRuleErrorReason = (typeof RRULE_ERROR_REASONS)[number];

/** A refused rule: the reason, and the part (and value) it is about when there is one. */
export interface RRuleError {
  reason: RRuleErrorReason;
  part?: string;
  value?: string;
}

export type RRuleParseResult = { ok: true; rule: RRule } | { ok: false; error: RRuleError };

const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST'] as const;
type Part = (typeof SUPPORTED_PARTS)[number];
const isPart = (name: string): name is Part => SUPPORTED_PARTS.some((p) => p === name);
const isFrequency = (value: string): value is RRuleFrequency => RRULE_FREQUENCIES.some((f) => f === value);
const isWeekday = (value: string): value is RRuleWeekday => RRULE_WEEKDAYS.some((w) => w === value);

class Refusal extends Error {
  constructor(readonly error: RRuleError) {
    super(error.reason);
  }
}
const refuse = (reason: RRuleErrorReason, part?: string, value?: string): never => {
  throw new Refusal({ reason, ...(part === undefined ? {} : { part }), ...(value === undefined ? {} : { value }) });
};

/** A whole number written without sign tricks or fractions, within [min, max], and not 0 unless min allows it. */
function integerIn(part: string, text: string, min: number, max: number, allowZero = true): number {
  if (!/^[+-]?\d{1,4}$/.test(text)) return refuse('bad_value', part, text);
  const n = Number(text);
  if (n < min || n > max || (!allowZero && n === 0)) return refuse('bad_value', part, text);
  return n;
}

function listOf(part: string, text: string): string[] {
  const items = text.split(',');
  if (items.some((item) => item === '')) return refuse('bad_value', part, text);
  return items;
}

/** The values without repeats (by key), first one kept: BYDAY=MO,MO is BYDAY=MO. */
function unique<T>(values: T[], key: (v: T) => string = String): T[] {
  const byKey = new Map<string, T>();
  for (const value of values) if (!byKey.has(key(value))) byKey.set(key(value), value);
  return [...byKey.values()];
}

/** A real calendar date yyyymmdd, as 'yyyy-mm-dd'. */
function calendarDate(part: string, text: string): string {
  const [y, m, d] = [Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return refuse('until_format', part, text);
  }
  return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
}

function parseUntil(text: string): RRuleUntil {
  if (/^\d{8}$/.test(text)) return { date: calendarDate('UNTIL', text) };
  const m = /^(\d{8})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return refuse('until_format', 'UNTIL', text);
  const date = calendarDate('UNTIL', m[1] ?? '');
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || min > 59 || s > 59) return refuse('until_format', 'UNTIL', text);
  return { instant: new Date(`${date}T${m[2]}:${m[3]}:${m[4]}Z`) };
}

function parseDays(text: string): RRuleDay[] {
  const days = listOf('BYDAY', text).map((item): RRuleDay => {
    const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    const weekday = m?.[2] ?? '';
    if (!m || !isWeekday(weekday)) return refuse('bad_value', 'BYDAY', item);
    if (m[1] === undefined) return { weekday };
    return { weekday, ordinal: integerIn('BYDAY', m[1], -53, 53, false) };
  });
  return unique(days, (d) => `${d.ordinal ?? ''}${d.weekday}`);
}

/**
 * Reads an RRULE ("FREQ=WEEKLY;BYDAY=MO", with or without the "RRULE:" prefix, any letter case). A rule without
 * COUNT or UNTIL parses — it never ends, so expanding it needs a limit (see expandRRule).
 */
export function parseRRule(text: string): RRuleParseResult {
  try {
    return { ok: true, rule: readRule(text) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.error };
    throw e;
  }
}

function readRule(text: string): RRule {
  const body = text.trim().toUpperCase().replace(/^RRULE:/, '').replace(/;$/, '');
  if (body === '') return refuse('empty');
  const parts = new Map<Part, string>();
  for (const item of body.split(';')) {
    const eq = item.indexOf('=');
    if (eq <= 0 || eq === item.length - 1) return refuse('syntax', item);
    const name = item.slice(0, eq);
    if (!isPart(name)) return refuse('unknown_part', name);
    if (parts.has(name)) return refuse('duplicate_part', name);
    parts.set(name, item.slice(eq + 1));
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) return refuse('freq_missing');
  if (!isFrequency(freq)) return refuse('freq_unsupported', 'FREQ', freq);

  const rule: RRule = { freq, interval: 1, byDay: [], byMonthDay: [], byMonth: [], bySetPos: [], wkst: 'MO' };
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) rule.interval = integerIn('INTERVAL', interval, 1, RRULE_MAX_INTERVAL);
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count !== undefined && until !== undefined) return refuse('count_with_until');
  if (count !== undefined) {
    if (!/^\d{1,6}$/.test(count) || Number(count) < 1) return refuse('bad_value', 'COUNT', count);
    if (Number(count) > RRULE_MAX_OCCURRENCES) return refuse('count_too_large', 'COUNT', count);
    rule.count = Number(count);
  }
  if (until !== undefined) rule.until = parseUntil(until);

  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    rule.byDay = parseDays(byDay);
    const withOrdinal = rule.byDay.find((d) => d.ordinal !== undefined);
    if (withOrdinal && (freq === 'DAILY' || freq === 'WEEKLY')) return refuse('ordinal_not_allowed', 'BYDAY', byDay);
    // A month has at most five of each weekday; a year at most 53.
    if (freq === 'MONTHLY' && rule.byDay.some((d) => Math.abs(d.ordinal ?? 0) > 5)) return refuse('bad_value', 'BYDAY', byDay);
  }
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined) {
    if (freq === 'WEEKLY') return refuse('monthday_with_weekly', 'BYMONTHDAY');
    rule.byMonthDay = unique(listOf('BYMONTHDAY', byMonthDay).map((v) => integerIn('BYMONTHDAY', v, -31, 31, false)));
  }
  const byMonth = parts.get('BYMONTH');
  if (byMonth !== undefined) {
    rule.byMonth = unique(listOf('BYMONTH', byMonth).map((v) => integerIn('BYMONTH', v, 1, 12))).sort((a, b) => a - b);
  }
  const bySetPos = parts.get('BYSETPOS');
  if (bySetPos !== undefined) {
    if (byDay === undefined && byMonthDay === undefined && byMonth === undefined) return refuse('setpos_alone', 'BYSETPOS');
    rule.bySetPos = unique(listOf('BYSETPOS', bySetPos).map((v) => integerIn('BYSETPOS', v, -366, 366, false)));
  }
  const wkst = parts.get('WKST');
  if (wkst !== undefined) {
    if (!isWeekday(wkst)) return refuse('bad_value', 'WKST', wkst);
    rule.wkst = wkst;
  }
  return rule;
}

const compact = (d: string) => d.replaceAll('-', '');
const untilText = (until: RRuleUntil) =>
  'date' in until ? compact(until.date) : `${compact(until.instant.toISOString().slice(0, 10))}T${until.instant.toISOString().slice(11, 19).replaceAll(':', '')}Z`;

/** The rule written back in one canonical order (FREQ first, defaults left out), the form it is stored in. */
export function formatRRule(rule: RRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.count !== undefined) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== undefined) parts.push(`UNTIL=${untilText(rule.until)}`);
  if (rule.byMonth.length > 0) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay.length > 0) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ''}${d.weekday}`).join(',')}`);
  if (rule.bySetPos.length > 0) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.wkst !== 'MO') parts.push(`WKST=${rule.wkst}`);
  return parts.join(';');
}

/** Whether the rule ends by itself (COUNT or UNTIL); one that does not needs a limit to be expanded. */
export const rruleEnds = (rule: RRule): boolean => rule.count !== undefined || rule.until !== undefined;
