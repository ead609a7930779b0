/** When the room screen reads the sign-in code again (pure, so the benchmark's simulated screen uses it too). */
import type { SignInCode } from '@henji/contracts';

/** The screen reads the counts this often, and a new code just after the current one is replaced. */
const COUNTS_EVERY_MS = 5_000;
const AFTER_CHANGE_MS = 300;

/**
 * How long until the screen reads again: when the code changes (measured on the server's clock, from the answer's
 * `issuedAt` to `expiresAt`, so a tablet whose clock is off still changes on time) or for fresh counts, whichever comes
 * first.
 */
export function nextReadInMs(code: Pick<SignInCode, 'issuedAt' | 'expiresAt'>): number {
  const untilChange = Date.parse(code.expiresAt) - Date.parse(code.issuedAt) + AFTER_CHANGE_MS;
  return Math.max(AFTER_CHANGE_MS, Math.min(COUNTS_EVERY_MS, untilChange));
}
