import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';
import { RateLimiter } from './rate-limit.ts';

describe('passwords', () => {
  it('hash with scrypt and verify', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('wrong horse battery', stored)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows the limit per window and tells how long to wait', () => {
    const limiter = new RateLimiter(3, 60_000);
    expect([limiter.hit('ip', 0), limiter.hit('ip', 1), limiter.hit('ip', 2)]).toEqual([0, 0, 0]);
    expect(limiter.hit('ip', 10)).toBe(60_000 - 10);
    expect(limiter.hit('other', 10)).toBe(0);
    expect(limiter.hit('ip', 60_001)).toBe(0);
  });
});
