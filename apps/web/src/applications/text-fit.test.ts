import { describe, expect, it } from 'vitest';
import { fitText, textWidth } from './text-fit.ts';

describe('fitText', () => {
  it('keeps text that fits', () => {
    expect(fitText('部门负责人审批', 200, 12)).toBe('部门负责人审批');
  });

  it('shortens Chinese text to the width with an ellipsis', () => {
    const fitted = fitText('总经理（CEO）最终审批并签字确认', 100, 12);
    expect(fitted.endsWith('…')).toBe(true);
    expect(textWidth(fitted, 12)).toBeLessThanOrEqual(100);
    expect(fitted.length).toBeGreaterThan(3);
  });

  it('counts Latin letters narrower than Chinese characters', () => {
    expect(textWidth('abcd', 10)).toBeLessThan(textWidth('审批审批', 10));
  });
});
