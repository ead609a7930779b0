import { describe, expect, it } from 'vitest';
import { nextReadInMs } from './refresh.ts';

const at = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();
const window = '2026-06-18T00:50:00.000Z';

describe('when the room screen reads the code again', () => {
  it('just after the code changes, by the server\'s clock, when that comes before the next count refresh', () => {
    expect(nextReadInMs({ issuedAt: at(window, 28), expiresAt: at(window, 30) })).toBe(2_300);
    expect(nextReadInMs({ issuedAt: at(window, 29.9), expiresAt: at(window, 30) })).toBe(400);
  });

  it('every 5 s otherwise, for fresh counts', () => {
    expect(nextReadInMs({ issuedAt: at(window, 0.5), expiresAt: at(window, 30) })).toBe(5_000);
  });

  it('never sooner than 0.3 s, even when the server answered right at the change', () => {
    expect(nextReadInMs({ issuedAt: at(window, 30), expiresAt: at(window, 30) })).toBe(300);
  });
});
