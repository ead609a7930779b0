import { describe, expect, it } from 'vitest';
import type { ApplicationDefinition } from '@henji/contracts';
import { descriptionWarnings } from './flow-check.ts';

const withThreshold = (value: number): ApplicationDefinition => ({
  form: { fields: [{ key: 'amount', label: '金额', type: 'money', required: true }] },
  flow: {
    start: 'check',
    nodes: [
      { id: 'check', name: '金额判断', type: 'condition', branches: [{ when: [{ field: 'amount', op: 'gte', value }], next: 'end' }], otherwise: 'end' },
      { id: 'end', name: '结束', type: 'end' },
    ],
  },
});

describe('descriptionWarnings', () => {
  it('warns when the description names an amount no condition compares with', () => {
    const warnings = descriptionWarnings('金额低于 10000 元时无需 CEO 签字。', withThreshold(5000));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: 'description', message: { key: 'flow.description_amount_unused', params: { amount: '10000 元' } } });
  });

  it('is quiet when the amount is a threshold, written with grouping or in 万元', () => {
    expect(descriptionWarnings('金额低于 10,000 元时无需 CEO 签字', withThreshold(10000))).toEqual([]);
    expect(descriptionWarnings('1 万元及以上由 CEO 审批', withThreshold(10000))).toEqual([]);
    expect(descriptionWarnings('无金额限制', withThreshold(10000))).toEqual([]);
  });

  it('names each stale amount once', () => {
    expect(descriptionWarnings('低于 8000 元免签；8000 元以上须签；2 万元以上须董事会', withThreshold(10000)).map((w) => w.message.params?.amount)).toEqual(['8000 元', '2 万元']);
  });
});
