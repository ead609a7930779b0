import { describe, expect, it } from 'vitest';
import { formatWorkingMinutes, workingHours, workingTimeParts } from './working-time.ts';

const ZH = { days: (n: number) => `${n} 天`, hours: (n: number) => `${n} 小时`, minutes: (n: number) => `${n} 分钟`, separator: ' ' };

describe('working time', () => {
  it('shows working days of eight hours and the rest in hours', () => {
    expect(formatWorkingMinutes(570, ZH)).toBe('1 天 1.5 小时');
    expect(formatWorkingMinutes(960, ZH)).toBe('2 天');
    expect(formatWorkingMinutes(90, ZH)).toBe('1.5 小时');
  });

  it('shows minutes below an hour, and never a negative time', () => {
    expect(formatWorkingMinutes(45, ZH)).toBe('45 分钟');
    expect(formatWorkingMinutes(0, ZH)).toBe('0 分钟');
    expect(formatWorkingMinutes(-5, ZH)).toBe('0 分钟');
  });

  it('carries hours that round up to a whole day', () => {
    expect(workingTimeParts(479 + 480)).toEqual({ days: 2, hours: 0, minutes: 0 });
    expect(workingTimeParts(100)).toEqual({ days: 0, hours: 1.7, minutes: 0 });
  });

  it('uses another day length when given one', () => {
    expect(formatWorkingMinutes(570, ZH, 450)).toBe('1 天 2 小时');
  });

  it('converts to hours for charts, keeping missing figures missing', () => {
    expect(workingHours(570)).toBe(9.5);
    expect(workingHours(null)).toBeNull();
  });
});
