/**
 * Reads the State Council's notice on a year's public holidays (国务院办公厅关于YYYY年部分节假日安排的通知) as pasted
 * from gov.cn. What it understands, after NFKC normalisation (full-width digits and punctuation become ASCII):
 *
 *   一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。
 *   二、春节：2月11日（农历腊月二十四、周四）至19日（农历正月初三、周五）放假调休，共9天。2月7日（周日）、2月20日（周六）上班。
 *   六、国庆节、中秋节：9月30日至10月7日放假调休，共8天。
 *   五、端午节：6月10日放假，与周末连休。          一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
 *
 * Each item ("一、NAME：") names a holiday; in it, "D 至 D 放假" (or a single "D 放假") gives the days off, and every
 * date of a clause that says 上班 is a make-up workday. A date is [YYYY年][M月]D日: the second date of a range takes
 * the first one's year and month when it leaves them out, and a date without a year takes the notice's (its title's
 * "关于YYYY年", else the year asked for). A weekday written in brackets (周五, 星期五) is checked against the date, and
 * "共N天" / "放假N天" against the range. Anything that holds a date but is none of this is reported with its line, as
 * are the checks that fail; lines without dates (the preamble, the closing paragraph, 不调休) are not arrangements.
 * Items may be on one line or several, and a 上班 sentence may sit on a line of its own.
 */
import { msg } from '../../messages.ts';
import { datesFromTo, isoDate, isRealDate, mainYear, weekdayOfDate, type ImportedDay, type ImportProblem, type ParsedImport } from './types.ts';

const DATE = String.raw`(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日(?:\s*\(([^)]*)\))?`;
const RANGE_SEPARATOR = String.raw`\s*(?:至|到|~|-|—|–|－)\s*`;
const OFF = new RegExp(`${DATE}(?:${RANGE_SEPARATOR}${DATE})?\\s*(?:放假|休息|休假)`);
const ANY_DATE = new RegExp(DATE, 'g');
/** "一、元旦：" — a Chinese ordinal, 、, the holiday's name, a colon. */
const ITEM = /([一二三四五六七八九十]{1,3})、\s*([^:。,;\n]{1,20}?)\s*:/g;
const TITLE_YEAR = /关于\s*(\d{4})\s*年/;
/** The signature's date under the notice ("2025年11月4日"), alone on its line. */
const SIGNATURE_DATE = /^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$/;
const WEEKDAY = /(?:周|星期|礼拜)\s*([日天一二三四五六])/;
const WEEKDAYS = '日一二三四五六';

interface Segment {
  line: number;
  /** The item this segment starts, if it starts one. */
  item: string | null;
  text: string;
}

const normalise = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b\u00a0\u3000]/g, ' ')
    .replace(/〔/g, '[')
    .replace(/〕/g, ']');

/** Lines cut at every item marker, so a notice pasted as one paragraph reads like one item per line. */
function segmentsOf(text: string): Segment[] {
  const segments: Segment[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const starts = [...line.matchAll(ITEM)].filter((m) => m.index === 0 || /[。\s;]/.test(line[m.index - 1]!));
    if (starts.length === 0 || starts[0]!.index > 0) {
      const head = line.slice(0, starts[0]?.index ?? line.length).trim();
      if (head) segments.push({ line: index + 1, item: null, text: head });
    }
    starts.forEach((m, i) => {
      const end = starts[i + 1]?.index ?? line.length;
      segments.push({ line: index + 1, item: m[2]!.trim(), text: line.slice(m.index + m[0].length, end).trim() });
    });
  });
  return segments;
}

interface DateContext {
  year: number | null;
  month: number | null;
}

interface ReadDate {
  date: string;
  /** The weekday written after it, 0 = Sunday, if any. */
  weekday: number | null;
  year: number;
  month: number;
}

export function parseNotice(text: string, yearAsked?: number): ParsedImport {
  const source = normalise(text);
  const titleYear = TITLE_YEAR.exec(source)?.[1];
  const noticeYear = titleYear ? Number(titleYear) : (yearAsked ?? null);
  const days: ImportedDay[] = [];
  const problems: ImportProblem[] = [];
  const problem = (line: number, clause: string, message: ImportProblem['problem']) => problems.push({ line, text: clause, problem: message });

  /** Reads one date match; null (and a problem) when it is not a real date or its year or month is unknown. */
  const readDate = (m: string[], offset: number, context: DateContext, line: number, clause: string): ReadDate | null => {
    const year = m[offset] ? Number(m[offset]) : context.year;
    const month = m[offset + 1] ? Number(m[offset + 1]) : context.month;
    const day = Number(m[offset + 2]);
    if (year === null) {
      problem(line, clause, msg('calendar.import.no_year'));
      return null;
    }
    if (month === null || !isRealDate(year, month, day)) {
      problem(line, clause, msg('calendar.import.invalid_date', { date: `${month ?? '?'}月${day}日` }));
      return null;
    }
    const written = WEEKDAY.exec(m[offset + 3] ?? '')?.[1];
    return { date: isoDate(year, month, day), weekday: written ? WEEKDAYS.indexOf(written === '天' ? '日' : written) : null, year, month };
  };

  const checkWeekday = (d: ReadDate, line: number, clause: string) => {
    if (d.weekday !== null && d.weekday !== weekdayOfDate(d.date)) {
      problem(line, clause, msg('calendar.import.weekday_mismatch', { date: d.date, written: `周${WEEKDAYS[d.weekday]}`, actual: `周${WEEKDAYS[weekdayOfDate(d.date)]}` }));
    }
  };

  /** The make-up workdays of a clause that says 上班; false when the clause is not one. */
  const workdays = (clause: string, name: string, line: number, context: DateContext): boolean => {
    const matches = [...clause.matchAll(ANY_DATE)];
    if (matches.length === 0) return true;
    if (!/上班/.test(clause)) return false;
    for (const m of matches) {
      const d = readDate([...m], 1, context, line, clause);
      if (!d) continue;
      checkWeekday(d, line, clause);
      context.year = d.year;
      context.month = d.month;
      days.push({ date: d.date, kind: 'workday', name });
    }
    return true;
  };

  const readClause = (clause: string, name: string, line: number) => {
    const context: DateContext = { year: noticeYear, month: null };
    const off = OFF.exec(clause);
    if (!off) {
      if (!workdays(clause, name, line, context)) problem(line, clause, msg('calendar.import.unrecognised'));
      return;
    }
    if (clause.slice(0, off.index).match(ANY_DATE)) problem(line, clause, msg('calendar.import.unrecognised'));
    const from = readDate([...off], 1, context, line, clause);
    if (!from) return;
    const to = off[7] ? readDate([...off], 5, { year: from.year, month: from.month }, line, clause) : from;
    if (!to) return;
    // "12月31日至1月2日" without years runs into the next year.
    const last = to.date < from.date && !off[5] ? { ...to, date: isoDate(to.year + 1, to.month, Number(to.date.slice(8))) } : to;
    checkWeekday(from, line, clause);
    if (last !== from) checkWeekday(last, line, clause);
    const range = datesFromTo(from.date, last.date);
    if (range.length === 0 || range.length > 31) {
      problem(line, clause, msg('calendar.import.invalid_range', { from: from.date, to: last.date }));
      return;
    }
    days.push(...range.map((date): ImportedDay => ({ date, kind: 'holiday', name })));
    const rest = clause.slice(off.index + off[0].length);
    const stated = /^\s*(?:调休)?\s*(\d+)\s*天|共\s*(\d+)\s*天/.exec(rest);
    const count = stated ? Number(stated[1] ?? stated[2]) : null;
    if (count !== null && count !== range.length) {
      problem(line, clause, msg('calendar.import.day_count', { stated: count, counted: range.length }));
    }
    // "…放假调休，共7天，9月29日上班" in one sentence: the rest is a clause of its own.
    context.year = last.year;
    context.month = Number(last.date.slice(5, 7));
    if (!workdays(rest, name, line, context)) problem(line, clause, msg('calendar.import.unrecognised'));
  };

  let current: string | null = null;
  for (const segment of segmentsOf(source)) {
    if (segment.item !== null) current = segment.item;
    if (SIGNATURE_DATE.test(segment.text)) continue;
    const hasDate = ANY_DATE.test(segment.text);
    ANY_DATE.lastIndex = 0;
    if (current === null || (segment.item === null && !hasDate)) {
      // The title, the preamble, the closing paragraph, the signature: not arrangements, unless they hold dates.
      if (hasDate) problem(segment.line, segment.text, msg('calendar.import.outside_item'));
      continue;
    }
    for (const clause of segment.text.split(/[。;]/).map((c) => c.trim()).filter(Boolean)) {
      readClause(clause, current, segment.line);
    }
  }
  return { year: noticeYear ?? mainYear(days), days, problems };
}
