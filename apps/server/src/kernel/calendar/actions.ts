import { registerActions } from '../ledger/actions.ts';

export const CALENDAR_ACTIONS = registerActions({
  'calendar.create': 'calendar',
  'calendar.update': 'calendar',
  'calendar.set_default': 'calendar',
  'calendar.day_set': 'calendar',
  'calendar.day_remove': 'calendar',
  'calendar.year_reset': 'calendar',
  /** Start-up added the days of newly shipped official notices. */
  'calendar.official_years_add': 'calendar',
  /** An administrator imported a year's holidays and make-up workdays (a notice, an ICS feed or a sheet). */
  'calendar.import_year': 'calendar',
  /** Administrators were told that the calendar lacks a year's arrangements (once per year). */
  'calendar.year_missing': 'calendar',
  /** The next check for a missing year was queued (1 November). */
  'calendar.year_check_queued': 'calendar',
});

type CalendarActions = { [K in keyof typeof CALENDAR_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends CalendarActions {}
}
