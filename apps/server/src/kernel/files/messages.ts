/** Messages of the files area, merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const FILES_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;
