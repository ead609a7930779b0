/** Messages of the notify area, merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const NOTIFY_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;
