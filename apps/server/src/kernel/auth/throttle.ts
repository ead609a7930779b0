/**
 * Sign-in throttling by (account, client address). After `maxFailures` failed sign-ins of one account name from one
 * address within the window, that pair is held back (429) until the oldest failure leaves the window — whether or not
 * the account exists, so the answer says nothing about which accounts do. Other addresses are not affected: an
 * attacker cannot lock a person out by failing from their own machine. The account-wide limit, much higher and in the
 * database, is the login command's (auth/commands.ts).
 *
 * In memory, per process, like the address rate limit: several processes each allow their own `maxFailures`.
 */
import { now as clockNow } from '../clock.ts';

export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  private static key(account: string, address: string) {
    return `${account.trim().toLowerCase()}\n${address}`;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds this pair must wait before its next attempt is even checked; 0 when it may try now. */
  wait(account: string, address: string, now = clockNow().getTime()): number {
    const times = this.recent(SignInThrottle.key(account, address), now);
    return times.length >= this.maxFailures ? times[times.length - this.maxFailures]! + this.windowMs - now : 0;
  }

  failed(account: string, address: string, now = clockNow().getTime()): void {
    const key = SignInThrottle.key(account, address);
    this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 50_000) this.sweep(now);
  }

  succeeded(account: string, address: string): void {
    this.failures.delete(SignInThrottle.key(account, address));
  }

  private sweep(now: number) {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}
