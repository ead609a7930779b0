/** F5 reminders after an approval step's deadline: as often as the node says, else a quarter of its SLA, at least 1 h. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeSla, type Duration } from '@henji/contracts';
import { reminderInterval } from './sla.ts';

const sla = (within: Duration, remindEvery?: Duration) => NodeSla.parse({ within, ...(remindEvery ? { remindEvery } : {}) });

describe('reminderInterval', () => {
  it('uses the node\'s own interval when it has one', () => {
    expect(reminderInterval(sla({ amount: 2, unit: 'days' }, { amount: 3, unit: 'hours' }))).toEqual({ amount: 3, unit: 'hours' });
    expect(reminderInterval(sla({ amount: 4, unit: 'hours' }, { amount: 1, unit: 'days' }))).toEqual({ amount: 1, unit: 'days' });
  });

  it.each([
    [{ amount: 1, unit: 'days' }, 2],
    [{ amount: 2, unit: 'days' }, 4],
    [{ amount: 0.5, unit: 'days' }, 1],
    [{ amount: 8, unit: 'hours' }, 2],
    [{ amount: 10, unit: 'hours' }, 2.5],
    [{ amount: 4, unit: 'hours' }, 1],
    [{ amount: 2, unit: 'hours' }, 1],
    [{ amount: 0.25, unit: 'hours' }, 1],
  ] as const)('otherwise a quarter of %j in working hours (a working day is 8 h), at least 1: %d h', (within, hours) => {
    expect(reminderInterval(sla(within))).toEqual({ amount: hours, unit: 'hours' });
  });

  it('a quarter of any SLA in working hours, but never less than an hour', () => {
    const durationArb = fc.record({ amount: fc.double({ min: 0.01, max: 10000, noNaN: true }), unit: fc.constantFrom('hours' as const, 'days' as const) });
    fc.assert(
      fc.property(durationArb, (within) => {
        const interval = reminderInterval(sla(within));
        const hours = within.unit === 'days' ? within.amount * 8 : within.amount;
        expect(interval.unit).toBe('hours');
        expect(interval.amount).toBeGreaterThanOrEqual(1);
        if (hours >= 4) expect(interval.amount).toBeCloseTo(hours / 4, 9);
        else expect(interval.amount).toBe(1);
      }),
    );
  });
});
