import { describe, expect, it } from 'vitest';
import { render } from '../../../kernel/messages.ts';
import { batchRefusal } from './batch.ts';

const node = (changes: Partial<{ mode: 'sequential' | 'all' | 'any' | 'vote'; opinionOnApprove: boolean }> = {}) => ({ name: 'CEO 审批', mode: 'any' as const, opinionOnApprove: false, ...changes });

describe('what a batch cannot give', () => {
  it('lets ordinary approvals through', () => {
    expect(batchRefusal({ kind: 'approve' }, node(), '')).toBeNull();
    expect(batchRefusal({ kind: 'approve' }, node({ mode: 'all' }), '')).toBeNull();
    expect(batchRefusal({ kind: 'approve' }, node({ opinionOnApprove: true }), '同意')).toBeNull();
  });

  it('refuses a vote, a required opinion left empty, and what is not an approval', () => {
    expect(render('zh-CN', batchRefusal({ kind: 'approve' }, node({ mode: 'vote' }), '同意')!)).toContain('投票');
    expect(render('zh-CN', batchRefusal({ kind: 'approve' }, node({ opinionOnApprove: true }), '')!)).toContain('审批意见');
    expect(render('en-US', batchRefusal({ kind: 'review' }, node(), '')!)).toContain('not an approval');
    expect(batchRefusal({ kind: 'approve' }, undefined, '')).not.toBeNull();
  });
});
