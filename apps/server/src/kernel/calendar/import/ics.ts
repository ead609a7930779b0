/**
 * Reads holidays and make-up workdays from an iCalendar feed (RFC 5545), as published by the common Chinese holiday
 * calendars. What is accepted:
 * - every VEVENT with a DTSTART that is a date (`DTSTART;VALUE=DATE:20270101`) or a date-time (its date as written);
 *   DTEND is exclusive as RFC 5545 says (an all-day event of one day ends the next day); without DTEND, a DURATION of
 *   whole days (`P3D`) or a single day; events of more than 31 days, RRULEs and unreadable dates are reported;
 * - the kind from SUMMARY (or CATEGORIES): a make-up workday when it contains 班 (上班, 补班, 调休上班, "春节 班") or
 *   "workday"/"work day", otherwise a day off (休, 放假, 假期, or just the holiday's name);
 * - the name is SUMMARY without those markers and without "第1天/共8天" counters: "春节 休" → 春节.
 * A feed usually spans several years: the caller keeps the year it imports.
 */
import { msg } from '../../messages.ts';
import { datesFromTo, isoDate, isRealDate, type ImportedDay, type ImportProblem, type ParsedImport } from './types.ts';

const DAY_MS = 86_400_000;

interface Property {
  name: string;
  params: string;
  value: string;
}

/** Unfolds continuation lines (a line starting with a space or tab continues the previous one), keeping line numbers. */
function unfold(text: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, index) => {
      if (/^[ \t]/.test(raw) && lines.length > 0) lines[lines.length - 1]!.text += raw.slice(1);
      else if (raw.trim()) lines.push({ line: index + 1, text: raw });
    });
  return lines;
}

function propertyOf(line: string): Property | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const [name, ...params] = line.slice(0, colon).split(';');
  return { name: name!.trim().toUpperCase(), params: params.join(';').toUpperCase(), value: line.slice(colon + 1) };
}

const unescape = (value: string) => value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c));

/** 20270101 or 20270101T090000[Z] → 2027-01-01; null when it is not a real date. */
function dateOf(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T\d{6}Z?)?$/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? isoDate(year, month, day) : null;
}

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
const daysAfter = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

const WORKDAY = /班|workday|work day|make-?up/i;
const MARKERS = /[\s(（[【]*(?:调休上班|补班|上班|调休|放假|休息|假期|休|班|workday|work day|holiday|day off)[)）\]】]*/gi;
const COUNTER = /[\s(（]*第\s*\d+\s*天\s*[/／]?\s*(?:共\s*\d+\s*天)?[)）]*/g;

export function kindAndName(summary: string, categories: string): Pick<ImportedDay, 'kind' | 'name'> {
  const kind = WORKDAY.test(summary) || WORKDAY.test(categories) ? 'workday' : 'holiday';
  const name = summary.replace(COUNTER, ' ').replace(MARKERS, ' ').replace(/\s+/g, ' ').trim();
  return { kind, name: name.slice(0, 50) };
}

export function parseIcs(text: string): ParsedImport {
  const days: ImportedDay[] = [];
  const problems: ImportProblem[] = [];
  let event: { line: number; props: Property[] } | null = null;
  let sawCalendar = false;

  const finish = ({ line, props }: { line: number; props: Property[] }) => {
    const prop = (name: string) => props.find((p) => p.name === name);
    const summary = unescape(prop('SUMMARY')?.value ?? '');
    const where = summary || `VEVENT`;
    if (prop('RRULE')) {
      problems.push({ line, text: where, problem: msg('calendar.import.ics_rrule') });
      return;
    }
    const start = prop('DTSTART') ? dateOf(prop('DTSTART')!.value) : null;
    if (!start) {
      problems.push({ line, text: where, problem: msg('calendar.import.ics_no_date') });
      return;
    }
    let last = start;
    const end = prop('DTEND');
    const duration = /^P(\d+)D$/.exec(prop('DURATION')?.value.trim() ?? '');
    if (end) {
      const endDate = dateOf(end.value);
      if (!endDate) {
        problems.push({ line, text: where, problem: msg('calendar.import.ics_no_date') });
        return;
      }
      // Exclusive end for all-day events; a date-time end on the same day still covers that day.
      last = /VALUE=DATE(?!-)/.test(end.params) || /^\d{8}$/.test(end.value.trim()) ? dayBefore(endDate) : endDate;
      if (last < start) last = start;
    } else if (duration) {
      last = daysAfter(start, Math.max(1, Number(duration[1])) - 1);
    }
    const range = datesFromTo(start, last);
    if (range.length > 31) {
      problems.push({ line, text: where, problem: msg('calendar.import.invalid_range', { from: start, to: last }) });
      return;
    }
    const { kind, name } = kindAndName(summary, unescape(prop('CATEGORIES')?.value ?? ''));
    days.push(...range.map((date) => ({ date, kind, name })));
  };

  for (const { line, text: raw } of unfold(text)) {
    const prop = propertyOf(raw);
    if (!prop) continue;
    if (prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VCALENDAR') sawCalendar = true;
    else if (prop.name === 'BEGIN' && prop.value.trim().toUpperCase() === 'VEVENT') event = { line, props: [] };
    else if (prop.name === 'END' && prop.value.trim().toUpperCase() === 'VEVENT' && event) {
      finish(event);
      event = null;
    } else if (event) event.props.push(prop);
  }
  if (!sawCalendar) problems.push({ line: null, text: '', problem: msg('calendar.import.ics_not_calendar') });
  const years = days.map((d) => Number(d.date.slice(0, 4)));
  return { year: years.length > 0 ? Math.max(...years) : null, days, problems };
}
