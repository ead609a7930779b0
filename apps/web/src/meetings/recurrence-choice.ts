/**
 * The form's recurrence: none, one of the presets of the recurrence module (每周 / 每两周 / 每月 / 每季度 / 每年, each on
 * the first meeting's weekday or date) ending after a number of times or on a day, or a custom RRULE typed by hand.
 * The rule's text is what the server takes; a preset's is built here from the first meeting's start.
 */
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { formatRRule, parseRRule, presetOf, presetRRule, RRULE_PRESETS, type RRuleAnchor, type RRulePreset } from '@henji/contracts/recurrence';

/** The zone a rule's wall time is read in: the company's (the server reads it there too). */
export const MEETING_ZONE = 'Asia/Shanghai';

export type RecurrenceChoice = 'none' | RRulePreset | 'custom';
export const RECURRENCE_CHOICES: readonly RecurrenceChoice[] = ['none', ...RRULE_PRESETS, 'custom'];

/** How a preset ends: after `count` meetings, or on the day `until` (inclusive). */
export interface RecurrenceEnd {
  mode: 'count' | 'until';
  count?: number | null;
  until?: Dayjs | null;
}

/** A sensible number of meetings for each preset: a quarter of weekly meetings, a year of the rest. */
export const DEFAULT_COUNTS: Record<RRulePreset, number> = { weekly: 12, biweekly: 6, monthly: 12, quarterly: 4, yearly: 3 };

export const anchorOf = (start: Dayjs): RRuleAnchor => ({ start: start.toDate(), zone: MEETING_ZONE });

/** The RRULE text of a choice, or null for none (or a preset without its end yet). */
export function ruleText(choice: RecurrenceChoice | undefined, custom: string | undefined, end: RecurrenceEnd | undefined, start: Dayjs): string | null {
  if (!choice || choice === 'none') return null;
  if (choice === 'custom') return custom?.trim() || null;
  const rule = presetRRule(choice, anchorOf(start));
  if (end?.mode === 'until') return end.until ? formatRRule({ ...rule, until: { date: end.until.format('YYYY-MM-DD') } }) : null;
  return end?.count ? formatRRule({ ...rule, count: end.count }) : null;
}

/** How the form shows a stored rule: as its preset with its end when it is one, else as custom text. */
export function choiceOf(rrule: string, start: Dayjs): { choice: RecurrenceChoice; end: RecurrenceEnd } {
  const parsed = parseRRule(rrule);
  const preset = parsed.ok ? presetOf(parsed.rule, anchorOf(start)) : null;
  if (!parsed.ok || !preset) return { choice: 'custom', end: { mode: 'count', count: null } };
  const { count, until } = parsed.rule;
  if (until && 'date' in until) return { choice: preset, end: { mode: 'until', until: dayjs(until.date) } };
  if (count !== undefined) return { choice: preset, end: { mode: 'count', count } };
  return { choice: 'custom', end: { mode: 'count', count: null } };
}

/** Two rules written differently (order of parts, defaults spelt out) that mean the same. */
export function sameRule(a: string, b: string): boolean {
  const canonical = (text: string) => {
    const parsed = parseRRule(text);
    return parsed.ok ? formatRRule(parsed.rule) : text.trim().toUpperCase();
  };
  return canonical(a) === canonical(b);
}
