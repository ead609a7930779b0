/**
 * A deadline's explanation as sentences: "起算时间：10月2日（周五）16:00", "10月3日（周六）至10月5日（周一）为国庆节假期，不计",
 * "10月6日（周二）为国庆节调休上班日", … Steps are data (kept with the deadline, shown by the UI in any language); this
 * turns them into catalogue messages and renders those. A date shows its year only when it differs from the start's.
 */
import type { ExplanationStep } from '@henji/contracts';
import { msg, render, type Locale, type Message, type MessageKey } from '../messages.ts';
import { dayOf, weekdayOf } from './zone.ts';

function dateMessage(date: string, baseYear: string): Message {
  const params = {
    month: msg(`calendar.month.${Number(date.slice(5, 7))}` as MessageKey & `calendar.month.${number}`),
    day: Number(date.slice(8, 10)),
    weekday: msg(`calendar.weekday.${weekdayOf(dayOf(date))}` as MessageKey & `calendar.weekday.${number}`),
  };
  return date.slice(0, 4) === baseYear ? msg('calendar.date', params) : msg('calendar.date_with_year', { ...params, year: date.slice(0, 4) });
}

function durationMessage(minutes: number): Message {
  const whole = Math.round(minutes);
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  if (rest === 0) return msg('calendar.hours', { hours });
  if (hours === 0) return msg('calendar.minutes', { minutes: rest });
  return msg('calendar.hours_minutes', { hours, minutes: rest });
}

/** The explanation as catalogue messages, for a caller that renders later or in several languages. */
export function explanationMessages(steps: readonly ExplanationStep[]): Message[] {
  const first = steps.find((s) => 'date' in s || 'from' in s);
  const baseYear = first ? ('date' in first ? first.date : first.from).slice(0, 4) : '';
  const date = (d: string) => dateMessage(d, baseYear);
  const range = (from: string, to: string) => (from === to ? date(from) : msg('calendar.range', { from: date(from), to: date(to) }));
  const when = (s: { date: string; time: string }) => msg('calendar.moment', { date: date(s.date), time: s.time });

  return steps.map((step): Message => {
    switch (step.kind) {
      case 'start':
        return msg('calendar.explain.start', { when: when(step) });
      case 'outside_hours':
        return msg('calendar.explain.outside_hours', { when: when(step) });
      case 'skip':
        if (step.reason === 'weekend') return msg('calendar.explain.skip_weekend', { range: range(step.from, step.to) });
        return step.name
          ? msg('calendar.explain.skip_holiday', { range: range(step.from, step.to), name: step.name })
          : msg('calendar.explain.skip_holiday_unnamed', { range: range(step.from, step.to) });
      case 'makeup_workday':
        return step.name
          ? msg('calendar.explain.makeup', { date: date(step.date), name: step.name })
          : msg('calendar.explain.makeup_unnamed', { date: date(step.date) });
      case 'counted':
        return msg('calendar.explain.counted', { range: range(step.from, step.to), duration: durationMessage(step.minutes) });
      case 'days_counted':
        return msg('calendar.explain.days_counted', { range: range(step.from, step.to), days: step.days });
      case 'deadline':
        return msg('calendar.explain.deadline', { when: when(step) });
      case 'beyond_known_range':
        return msg('calendar.explain.beyond_known_range', { year: step.year });
    }
  });
}

/** Each step as one sentence in the reader's language. */
export function explain(locale: Locale, steps: readonly ExplanationStep[]): string[] {
  return explanationMessages(steps).map((m) => render(locale, m));
}
