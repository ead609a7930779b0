/**
 * The server's side of recurring meetings: a series' rule checked and expanded in the company's time zone into the
 * starts of the meetings to create. The rule itself (parse, expand, describe, presets) lives in
 * `@henji/contracts/recurrence`, so the web form previews exactly what the server will create.
 */
import {
  RRULE_ERROR_MESSAGES,
  RRULE_ERROR_REASONS,
  expandRRule,
  formatRRule,
  parseRRule,
  rruleEnds,
  rruleErrorParams,
  type RRule,
  type RRuleError,
  type RRuleErrorReason,
} from '@henji/contracts/recurrence';
import { BUILTIN_CALENDAR } from '../../kernel/calendar/defaults.ts';

/** Meetings' wall times (每周一 09:00) are read in the company's zone, the built-in calendar's. */
export const MEETING_TIME_ZONE: string = BUILTIN_CALENDAR.timezone;

type RecurrenceMessages = { [K in RRuleErrorReason as `meetings.rrule.${K}`]: (typeof RRULE_ERROR_MESSAGES)[K] };

/** The refusals' texts as catalogue entries (`meetings.rrule.<reason>`), to be joined in kernel/messages-areas.ts. */
export const RECURRENCE_MESSAGES = Object.fromEntries(
  RRULE_ERROR_REASONS.map((reason) => [`meetings.rrule.${reason}`, RRULE_ERROR_MESSAGES[reason]]),
) as RecurrenceMessages;
export type RecurrenceMessageKey = keyof RecurrenceMessages;

/** A refusal as a catalogue message, for `invalid({ rrule: recurrenceMessage(error) })`. */
export function recurrenceMessage(error: RRuleError): { key: RecurrenceMessageKey; params: ReturnType<typeof rruleErrorParams> } {
  return { key: `meetings.rrule.${error.reason}`, params: rruleErrorParams(error) };
}

export type SeriesPlan =
  | {
      ok: true;
      rule: RRule;
      /** The rule in its canonical form, as stored on the series. */
      rrule: string;
      /** The starts of the meetings to create, the first occurrence first, EXDATEs left out. */
      starts: Date[];
      /** True when the hard cap (200 occurrences, 5 years) cut the rule short. */
      capped: boolean;
    }
  | { ok: false; error: RRuleError };

/**
 * A series from its rule text and first start: refused when the rule cannot be read, never ends (no COUNT or
 * UNTIL), ends before it starts, or gives no meeting at all.
 */
export function planSeries(
  text: string,
  dtstart: Date,
  options: { exdates?: readonly (Date | string)[]; zone?: string } = {},
): SeriesPlan {
  const parsed = parseRRule(text);
  if (!parsed.ok) return parsed;
  const { rule } = parsed;
  if (!rruleEnds(rule)) return { ok: false, error: { reason: 'unbounded' } };
  const expanded = expandRRule(rule, dtstart, options.zone ?? MEETING_TIME_ZONE, { exdates: options.exdates ?? [] });
  if (!expanded.ok) return expanded;
  if (expanded.starts.length === 0) return { ok: false, error: { reason: 'no_occurrences' } };
  return { ok: true, rule, rrule: formatRRule(rule), starts: expanded.starts, capped: expanded.capped };
}
