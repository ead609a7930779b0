/** Messages of applications and flows (F1–F8), merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../../kernel/messages.ts';

export const APPLICATION_MESSAGES = {
} as const satisfies Record<string, Record<Locale, string>>;
