import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.ts';

/** A moment given on the Shanghai wall clock. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours on the Asia/Shanghai wall clock', () => {
  it('holds a message sent inside a period that wraps midnight until the period ends the next morning', () => {
    expect(quietUntil(shanghai('2031-03-01T23:30:00'), '22:00', '07:00')).toEqual(shanghai('2031-03-02T07:00:00'));
    expect(quietUntil(shanghai('2031-03-02T06:59:59'), '22:00', '07:00')).toEqual(shanghai('2031-03-02T07:00:00'));
    expect(quietUntil(shanghai('2031-03-01T22:00:00'), '22:00', '07:00')).toEqual(shanghai('2031-03-02T07:00:00'));
  });

  it('lets a message outside the period go at once; the end itself is outside', () => {
    expect(quietUntil(shanghai('2031-03-02T07:00:00'), '22:00', '07:00')).toBeNull();
    expect(quietUntil(shanghai('2031-03-01T12:00:00'), '22:00', '07:00')).toBeNull();
    expect(quietUntil(shanghai('2031-03-01T21:59:59'), '22:00', '07:00')).toBeNull();
  });

  it('handles a period within one day, and the day boundary in UTC', () => {
    expect(quietUntil(shanghai('2031-03-01T12:30:00'), '12:00', '13:30')).toEqual(shanghai('2031-03-01T13:30:00'));
    expect(quietUntil(shanghai('2031-03-01T13:30:00'), '12:00', '13:30')).toBeNull();
    // 03:00 in Shanghai is still the previous day in UTC.
    expect(quietUntil(shanghai('2031-03-01T03:00:00'), '00:00', '08:00')).toEqual(shanghai('2031-03-01T08:00:00'));
  });

  it('has no quiet period when either end is missing or both are equal', () => {
    expect(quietUntil(shanghai('2031-03-01T23:30:00'), null, '07:00')).toBeNull();
    expect(quietUntil(shanghai('2031-03-01T23:30:00'), '22:00', null)).toBeNull();
    expect(quietUntil(shanghai('2031-03-01T23:30:00'), '22:00', '22:00')).toBeNull();
  });
});
