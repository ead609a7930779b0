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
});

type CalendarActions = { [K in keyof typeof CALENDAR_ACTIONS]: true };

declare module '../ledger/actions.ts' {
  interface ActionCatalogue extends CalendarActions {}
}
