/** Messages of the calendar area, merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const CALENDAR_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;
