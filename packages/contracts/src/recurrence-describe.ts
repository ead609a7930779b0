/**
 * A rule in people's words ("每周一 09:00，共10次", "every 3 months on the first Monday"), the presets the meeting form
 * offers, and the texts of the reasons a rule is refused — in zh-CN and en-US, for the web form and the notice.
 */
import { dateOfDay, expandRRule, localMoment, weekdayOfDay, type ExpandOptions } from './recurrence-expand.ts';
import {
  RRULE_MAX_OCCURRENCES,
  RRULE_MAX_YEARS,
  RRULE_WEEKDAYS,
  formatRRule,
  parseRRule,
  type RRule,
  type RRuleDay,
  type RRuleError,
  type RRuleErrorReason,
  type RRuleWeekday,
} from './recurrence-rule.ts';

export type RecurrenceLocale = 'zh-CN' | 'en-US';

/** The first occurrence's start and the zone its wall time is read in: what "on the start's weekday" refers to. */
export interface RRuleAnchor {
  start: Date;
  zone: string;
}

const WEEKDAY_WORDS: Record<RecurrenceLocale, readonly string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  'en-US': ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};
const MONTH_WORDS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ORDINAL_WORDS_EN = ['first', 'second', 'third', 'fourth', 'fifth'];
const WORKWEEK: readonly RRuleWeekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

const pad = (n: number) => String(n).padStart(2, '0');

function joinList(locale: RecurrenceLocale, items: string[], conjunction = 'and'): string {
  if (locale === 'zh-CN') return items.join('、');
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}

/** 1st, 2nd, 3rd, 4th, 11th, 21st. */
const numbered = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** 1 → 第1个 / first, -1 → 最后一个 / last, -2 → 倒数第2个 / second-to-last. */
function ordinalWord(locale: RecurrenceLocale, n: number): string {
  if (locale === 'zh-CN') return n > 0 ? `第${n}个` : n === -1 ? '最后一个' : `倒数第${-n}个`;
  const word = (k: number) => ORDINAL_WORDS_EN[k - 1] ?? numbered(k);
  return n > 0 ? word(n) : n === -1 ? 'last' : `${word(-n)}-to-last`;
}

/** 15 → 15日 / the 15th, -1 → 最后一天 / the last day. */
function monthDayWord(locale: RecurrenceLocale, n: number): string {
  if (locale === 'zh-CN') return n > 0 ? `${n}日` : n === -1 ? '最后一天' : `倒数第${-n}天`;
  return n > 0 ? `the ${numbered(n)}` : `the ${ordinalWord(locale, n)} day`;
}

const isWorkweek = (days: RRuleDay[]) =>
  days.length === 5 && days.every((d) => d.ordinal === undefined) && WORKWEEK.every((w) => days.some((d) => d.weekday === w));

/** A BYDAY list: "周一、周三", "第1个周一", "Monday and Wednesday", "the last Friday"; 周一至周五 / weekday for MO–FR. */
function weekdaysWord(locale: RecurrenceLocale, days: RRuleDay[]): string {
  if (isWorkweek(days)) return locale === 'zh-CN' ? '周一至周五' : 'weekday';
  const words = days.map((d) => {
    const name = WEEKDAY_WORDS[locale][RRULE_WEEKDAYS.indexOf(d.weekday)] ?? d.weekday;
    if (d.ordinal === undefined) return name;
    return locale === 'zh-CN' ? `${ordinalWord(locale, d.ordinal)}${name}` : `the ${ordinalWord(locale, d.ordinal)} ${name}`;
  });
  return joinList(locale, words);
}

const monthWord = (locale: RecurrenceLocale, m: number) => (locale === 'zh-CN' ? `${m}月` : (MONTH_WORDS_EN[m - 1] ?? String(m)));

/** "every 3 months" / "每3个月". */
function everyWord(locale: RecurrenceLocale, rule: RRule): string {
  const n = rule.interval;
  const zh = { DAILY: '天', WEEKLY: '周', MONTHLY: '个月', YEARLY: '年' }[rule.freq];
  const en = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[rule.freq];
  if (locale === 'zh-CN') return n === 1 ? `每${rule.freq === 'MONTHLY' ? '月' : zh}` : `每${n}${zh}`;
  return n === 1 ? `every ${en}` : `every ${n} ${en}s`;
}

/** The day(s) within the period, or '' when the period alone says it all. */
function daysWord(locale: RecurrenceLocale, rule: RRule, anchor: { weekday: number; month: number; date: number } | null): string {
  const zh = locale === 'zh-CN';
  let days = '';
  if (rule.byMonthDay.length > 0) {
    days = joinList(locale, rule.byMonthDay.map((n) => monthDayWord(locale, n)));
    if (rule.byDay.length > 0) days += zh ? `（须为${weekdaysWord(locale, rule.byDay)}）` : ` if a ${weekdaysWord(locale, rule.byDay)}`;
  } else if (rule.byDay.length > 0) {
    const plain = rule.byDay.every((d) => d.ordinal === undefined);
    days = weekdaysWord(locale, rule.byDay);
    if (plain && rule.bySetPos.length === 0 && rule.freq !== 'WEEKLY' && rule.freq !== 'DAILY') days = zh ? `每个${days}` : `every ${days}`;
  } else if (anchor && rule.freq === 'WEEKLY') {
    days = WEEKDAY_WORDS[locale][anchor.weekday] ?? '';
  } else if (anchor && rule.freq === 'MONTHLY') {
    days = monthDayWord(locale, anchor.date);
  } else if (anchor && rule.freq === 'YEARLY' && rule.byMonth.length === 0) {
    return zh ? `${anchor.month}月${anchor.date}日` : `${monthWord(locale, anchor.month)} ${anchor.date}`;
  } else if (anchor && rule.freq === 'YEARLY') {
    days = monthDayWord(locale, anchor.date);
  }
  if (rule.bySetPos.length > 0 && days !== '') {
    const positions = joinList(locale, rule.bySetPos.map((p) => ordinalWord(locale, p)));
    days = zh ? `${days}中的${positions.replaceAll('个', '')}天` : `the ${positions} ${days === 'weekday' ? 'weekday' : `of ${days}`}`;
  } else if (!zh && days === 'weekday') {
    days = 'every weekday';
  }
  return days;
}

/** A rule in words; with the anchor, the start's weekday or date fills in what the rule leaves to it, and the time. */
export function describeRRule(rule: RRule, locale: RecurrenceLocale, anchor?: RRuleAnchor): string {
  const zh = locale === 'zh-CN';
  const local = anchor ? localMoment(anchor.zone, anchor.start) : null;
  const startDate = local ? { ...dateOfDay(local.day), weekday: weekdayOfDay(local.day) } : null;
  const every = everyWord(locale, rule);
  const months = rule.byMonth.length > 0 ? joinList(locale, rule.byMonth.map((m) => monthWord(locale, m))) : '';
  /** Limits shown after the rhythm: "（仅3月、6月）" / "(in March and June only)". */
  const only: string[] = [];

  let text: string;
  if (rule.freq === 'DAILY') {
    const weekdays = rule.byDay.length > 0 ? weekdaysWord(locale, rule.byDay) : '';
    if (weekdays !== '' && rule.interval === 1) text = zh ? `每${weekdays}` : `every ${weekdays}`;
    else text = every;
    if (weekdays !== '' && rule.interval !== 1) only.push(!zh && weekdays === 'weekday' ? 'weekdays' : weekdays);
    if (rule.byMonthDay.length > 0) only.push(joinList(locale, rule.byMonthDay.map((n) => monthDayWord(locale, n))));
  } else {
    const days = daysWord(locale, rule, startDate);
    const yearly = rule.freq === 'YEARLY';
    if (zh) {
      if (yearly && months !== '') {
        const plainDate = rule.byMonth.length === 1 && days.endsWith('日') && !days.includes('、');
        text = `${every}${months}${days === '' || plainDate ? days : `的${days}`}`;
      } else if (yearly && rule.byMonthDay.length > 0) {
        text = `${every}各月的${days}`;
      } else {
        const head = rule.freq === 'WEEKLY' && rule.interval === 1 && days !== '' ? '每' : every;
        text = `${head}${head === '每' || days === '' || rule.interval === 1 ? '' : '的'}${days}`;
      }
    } else if (rule.freq === 'WEEKLY' && rule.interval === 1 && days !== '') {
      text = `every ${days.replace(/^every /, '')}`;
    } else if (yearly && months !== '') {
      text = `${every} ${days === '' ? `in ${months}` : `on ${days} of ${months}`}`;
    } else if (yearly && rule.byMonthDay.length > 0) {
      text = `${every} on ${days} of each month`;
    } else {
      text = days === '' ? every : `${every} on ${days}`;
    }
  }
  if (months !== '' && rule.freq !== 'YEARLY') only.push(zh ? months : `in ${months}`);

  if (local) {
    const minutes = Math.floor(local.ms / 60_000);
    const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
    text += zh ? ` ${time}` : ` at ${time}`;
  }
  if (only.length > 0) text += zh ? `（仅${only.join('，')}）` : ` (${only.join('; ')} only)`;
  if (rule.count !== undefined) text += zh ? `，共${rule.count}次` : `, ${rule.count} times`;
  if (rule.until !== undefined) {
    const date = 'date' in rule.until ? rule.until.date : untilDateOf(rule.until.instant, anchor);
    const [y, m, d] = date.split('-').map(Number);
    text += zh ? `，至${y}年${m}月${d}日` : `, until ${date}`;
  }
  return text;
}

function untilDateOf(instant: Date, anchor: RRuleAnchor | undefined): string {
  if (!anchor) return instant.toISOString().slice(0, 10);
  const { year, month, date } = dateOfDay(localMoment(anchor.zone, instant).day);
  return `${year}-${pad(month)}-${pad(date)}`;
}

// ---- Presets ----------------------------------------------------------------------------------------------------

/** What the meeting form offers in its select, beside a custom RRULE: each anchored to the first meeting's start. */
export const RRULE_PRESETS = ['weekly', 'biweekly', 'monthly', 'quarterly', 'yearly'] as const;
export type RRulePreset = (typeof RRULE_PRESETS)[number];

export const RRULE_PRESET_LABELS: Record<RRulePreset, Record<RecurrenceLocale, string>> = {
  weekly: { 'zh-CN': '每周', 'en-US': 'Every week' },
  biweekly: { 'zh-CN': '每两周', 'en-US': 'Every two weeks' },
  monthly: { 'zh-CN': '每月', 'en-US': 'Every month' },
  quarterly: { 'zh-CN': '每季度', 'en-US': 'Every quarter' },
  yearly: { 'zh-CN': '每年', 'en-US': 'Every year' },
};

/** A preset as a rule on the start's weekday or date (no end: the form adds COUNT or UNTIL). */
export function presetRRule(preset: RRulePreset, anchor: RRuleAnchor): RRule {
  const { day } = localMoment(anchor.zone, anchor.start);
  const { month, date } = dateOfDay(day);
  const weekday = RRULE_WEEKDAYS[weekdayOfDay(day)] ?? 'MO';
  const base = { byDay: [], byMonthDay: [], byMonth: [], bySetPos: [], wkst: 'MO' as const };
  switch (preset) {
    case 'weekly':
      return { ...base, freq: 'WEEKLY', interval: 1, byDay: [{ weekday }] };
    case 'biweekly':
      return { ...base, freq: 'WEEKLY', interval: 2, byDay: [{ weekday }] };
    case 'monthly':
      return { ...base, freq: 'MONTHLY', interval: 1, byMonthDay: [date] };
    case 'quarterly':
      return { ...base, freq: 'MONTHLY', interval: 3, byMonthDay: [date] };
    case 'yearly':
      return { ...base, freq: 'YEARLY', interval: 1, byMonth: [month], byMonthDay: [date] };
  }
}

/** Which preset a rule is (its end aside), so an edit form can show the select rather than the custom text. */
export function presetOf(rule: RRule, anchor: RRuleAnchor): RRulePreset | null {
  const { count: _count, until: _until, ...shape } = rule;
  const text = formatRRule(shape);
  return RRULE_PRESETS.find((p) => formatRRule(presetRRule(p, anchor)) === text) ?? null;
}

// ---- Refusals ---------------------------------------------------------------------------------------------------

/** The texts of RRuleErrorReason; {part}, {value}, {max} and {years} are filled from the error (rruleErrorText). */
export const RRULE_ERROR_MESSAGES = {
  empty: { 'zh-CN': '请填写重复规则', 'en-US': 'enter a recurrence rule' },
  syntax: { 'zh-CN': '无法识别“{part}”：每一项须写成 名称=值，以分号分隔', 'en-US': 'cannot read “{part}”: write NAME=VALUE items separated by semicolons' },
  unknown_part: { 'zh-CN': '不支持规则项 {part}', 'en-US': 'the rule part {part} is not supported' },
  duplicate_part: { 'zh-CN': '规则项 {part} 重复', 'en-US': 'the rule part {part} appears twice' },
  freq_missing: { 'zh-CN': '缺少重复频率 FREQ', 'en-US': 'the rule needs a FREQ' },
  freq_unsupported: { 'zh-CN': 'FREQ 只能是 DAILY、WEEKLY、MONTHLY 或 YEARLY', 'en-US': 'FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY' },
  bad_value: { 'zh-CN': '{part} 的值“{value}”不正确', 'en-US': '“{value}” is not a valid {part}' },
  until_format: {
    'zh-CN': '截止日期 UNTIL 须为日期（如 20261231）或 UTC 时间（如 20261231T160000Z）',
    'en-US': 'UNTIL must be a date (20261231) or a UTC time (20261231T160000Z)',
  },
  count_with_until: { 'zh-CN': '次数 COUNT 与截止日期 UNTIL 只能选其一', 'en-US': 'use COUNT or UNTIL, not both' },
  count_too_large: { 'zh-CN': '一个系列最多 {max} 次', 'en-US': 'a series has at most {max} occurrences' },
  ordinal_not_allowed: {
    'zh-CN': '只有按月或按年重复时，BYDAY 才能带序号（如 1MO、-1FR）',
    'en-US': 'BYDAY takes an ordinal (1MO, -1FR) only when FREQ is MONTHLY or YEARLY',
  },
  monthday_with_weekly: { 'zh-CN': '按周重复时不能使用 BYMONTHDAY', 'en-US': 'BYMONTHDAY cannot be used with FREQ=WEEKLY' },
  setpos_alone: { 'zh-CN': 'BYSETPOS 须与 BYDAY、BYMONTHDAY 或 BYMONTH 一起使用', 'en-US': 'BYSETPOS needs BYDAY, BYMONTHDAY or BYMONTH' },
  unbounded: {
    'zh-CN': '重复规则没有结束：请设置次数（COUNT）或截止日期（UNTIL）',
    'en-US': 'the rule never ends: set a number of occurrences (COUNT) or an end date (UNTIL)',
  },
  until_before_start: { 'zh-CN': '截止日期早于第一次会议', 'en-US': 'the end date is before the first meeting' },
  no_occurrences: { 'zh-CN': '按此规则在{years}年内没有一次会议', 'en-US': 'the rule gives no meeting within {years} years' },
  bad_start: { 'zh-CN': '第一次会议的开始时间无效', 'en-US': 'the first meeting’s start is not a valid time' },
  bad_time_zone: { 'zh-CN': '时区“{value}”无效', 'en-US': '“{value}” is not a time zone' },
} as const satisfies Record<RRuleErrorReason, Record<RecurrenceLocale, string>>;

/** The values for an error's placeholders. */
export function rruleErrorParams(error: RRuleError): { part: string; value: string; max: number; years: number } {
  return { part: error.part ?? '', value: error.value ?? '', max: RRULE_MAX_OCCURRENCES, years: RRULE_MAX_YEARS };
}

export function rruleErrorText(error: RRuleError, locale: RecurrenceLocale): string {
  const params: Record<string, string | number> = rruleErrorParams(error);
  return RRULE_ERROR_MESSAGES[error.reason][locale].replace(/\{(\w+)\}/g, (all, name: string) => String(params[name] ?? all));
}

// ---- The form's preview -----------------------------------------------------------------------------------------

export type RRulePreview =
  | { ok: true; rule: RRule; text: string; description: string; starts: Date[]; capped: boolean }
  | { ok: false; error: RRuleError };

/**
 * What the meeting form shows under the rule: its canonical text, its words and the next `count` starts (or the
 * reason it is refused). A rule without an end is refused here too: a series must end.
 */
export function previewRRule(
  text: string,
  anchor: RRuleAnchor,
  locale: RecurrenceLocale,
  options: Pick<ExpandOptions, 'exdates' | 'from'> & { count?: number } = {},
): RRulePreview {
  const parsed = parseRRule(text);
  if (!parsed.ok) return parsed;
  if (parsed.rule.count === undefined && parsed.rule.until === undefined) return { ok: false, error: { reason: 'unbounded' } };
  const expanded = expandRRule(parsed.rule, anchor.start, anchor.zone, { ...options, limit: options.count ?? 5 });
  if (!expanded.ok) return expanded;
  return {
    ok: true,
    rule: parsed.rule,
    text: formatRRule(parsed.rule),
    description: describeRRule(parsed.rule, locale, anchor),
    starts: expanded.starts,
    capped: expanded.capped,
  };
}
