/**
 * When an approval step is decided (F2 modes): 或签 any, 会签 all, sequential and vote with a ratio, over chains of
 * tasks that added signers (加签) and transfers (转交) grow, and automatic decisions of an overdue step (F5).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApprovalNode, type ApprovalMode } from '@henji/contracts';
import type { TaskRow } from '../schema.ts';
import { stepVerdict } from './flow.ts';

type Task = Pick<TaskRow, 'chainId' | 'status' | 'decision'>;

const node = (mode: ApprovalMode, ratio?: number) =>
  ApprovalNode.parse({ id: 'committee', name: '委员会审批', type: 'approval', approvers: { source: 'committee', role: 'pm_committee' }, mode, ratio, next: 'end' });

/** One task per approver, each its own chain: `a` approved, `r` rejected, `p` pending, `w` waiting. */
function tasks(states: string): Task[] {
  return [...states].map((s, i) => ({
    chainId: `chain-${i}`,
    status: s === 'p' ? 'pending' : s === 'w' ? 'waiting' : 'done',
    decision: s === 'a' ? 'approve' : s === 'r' ? 'reject' : null,
  }));
}
const approved = (chainId: string, decision = 'approve'): Task => ({ chainId, status: 'done', decision });
const pending = (chainId: string): Task => ({ chainId, status: 'pending', decision: null });
const waiting = (chainId: string): Task => ({ chainId, status: 'waiting', decision: null });
const transferred = (chainId: string): Task => ({ chainId, status: 'done', decision: 'transfer' });

describe('stepVerdict: 或签 any one', () => {
  it.each([
    ['one approval among pending tasks', 'pap', 'approved'],
    ['the only approver approves', 'a', 'approved'],
    ['nobody has acted', 'ppp', 'open'],
    ['one rejection while others may still approve', 'rp', 'open'],
    ['an approval after a rejection', 'ra', 'approved'],
    ['every approver rejects', 'rrr', 'rejected'],
  ])('%s', (_, states, verdict) => {
    expect(stepVerdict(node('any'), tasks(states))).toBe(verdict);
  });
});

describe('stepVerdict: 会签 all, and sequential', () => {
  it.each(['all', 'sequential'] as const)('%s: every approval is needed, one rejection decides', (mode) => {
    expect(stepVerdict(node(mode), tasks('aaa'))).toBe('approved');
    expect(stepVerdict(node(mode), tasks('aap'))).toBe('open');
    expect(stepVerdict(node(mode), tasks('aww'))).toBe('open');
    expect(stepVerdict(node(mode), tasks('apr'))).toBe('rejected');
    expect(stepVerdict(node(mode), tasks('r'))).toBe('rejected');
  });
});

describe('stepVerdict: vote', () => {
  it.each([
    ['2 approvals of 4 reach a ratio of 0.5', 0.5, 'aapp', 'approved'],
    ['2 approvals and 2 rejections of 4 reach 0.5', 0.5, 'aarr', 'approved'],
    ['1 approval of 4 does not yet', 0.5, 'appp', 'open'],
    ['2 rejections of 4 leave 0.5 reachable', 0.5, 'rrpp', 'open'],
    ['3 rejections of 4 make 0.5 unreachable', 0.5, 'rrrp', 'rejected'],
    ['2 of 3 reach 0.6', 0.6, 'aap', 'approved'],
    ['1 approval and 2 rejections of 3 fail 0.6', 0.6, 'arr', 'rejected'],
    ['3 of 4 fall short of 1 with one rejection', 1, 'aaar', 'rejected'],
    ['4 of 4 reach 1', 1, 'aaaa', 'approved'],
    ['5 of 7 reach 0.7', 0.7, 'aaaaarp', 'approved'],
    ['4 of 7 do not reach 0.75 once 3 reject', 0.75, 'aaaarrr', 'rejected'],
  ])('%s', (_, ratio, states, verdict) => {
    expect(stepVerdict(node('vote', ratio), tasks(states))).toBe(verdict);
  });

  // The threshold `ratio * voters` is compared with a tolerance: 0.56 × 25 = 14.000000000000002 in floating point,
  // and 14 approvals of 25 (exactly 56%) must carry the vote.
  it('14 approvals of 25 reach a ratio of 0.56', () => {
    expect(stepVerdict(node('vote', 0.56), tasks('a'.repeat(14) + 'r'.repeat(11)))).toBe('approved');
  });

  it('decides as the ratio reads, for any voters and any ratio in eighths', () => {
    const stateArb = fc.constantFrom('a', 'r', 'p');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(stateArb, { minLength: 1, maxLength: 15 }), (eighths, states) => {
        const n = states.length;
        const yes = states.filter((s) => s === 'a').length;
        const no = states.filter((s) => s === 'r').length;
        // Integer arithmetic: yes / n >= eighths / 8, and the same for the approvals still possible.
        const expected = yes * 8 >= eighths * n ? 'approved' : (n - no) * 8 < eighths * n ? 'rejected' : 'open';
        expect(stepVerdict(node('vote', eighths / 8), tasks(states.join('')))).toBe(expected);
      }),
    );
  });
});

describe('stepVerdict: chains of added signers and transfers', () => {
  it('a signer added before the approver: the chain is done only when both have approved', () => {
    expect(stepVerdict(node('all'), [approved('zhang'), waiting('zhang'), approved('li')])).toBe('open');
    expect(stepVerdict(node('all'), [approved('zhang'), approved('zhang'), approved('li')])).toBe('approved');
  });

  it('a signer added after the approver: waiting, then needed', () => {
    expect(stepVerdict(node('any'), [approved('zhang'), waiting('zhang'), pending('li')])).toBe('open');
    expect(stepVerdict(node('any'), [approved('zhang'), approved('zhang'), pending('li')])).toBe('approved');
  });

  it('an added signer who rejects rejects the chain', () => {
    expect(stepVerdict(node('all'), [approved('zhang'), { chainId: 'zhang', status: 'done', decision: 'reject' }, approved('li')])).toBe('rejected');
  });

  it('a transferred task then done by the new holder is an approved chain', () => {
    expect(stepVerdict(node('any'), [transferred('zhang'), approved('zhang')])).toBe('approved');
    expect(stepVerdict(node('all'), [transferred('zhang'), approved('zhang'), approved('li')])).toBe('approved');
  });

  it('a transferred task still with its new holder keeps the chain open', () => {
    expect(stepVerdict(node('any'), [transferred('zhang'), pending('zhang')])).toBe('open');
    expect(stepVerdict(node('all'), [transferred('zhang'), pending('zhang'), approved('li')])).toBe('open');
  });

  it('a transferred task rejected by the new holder is a rejected chain', () => {
    expect(stepVerdict(node('all'), [transferred('zhang'), { chainId: 'zhang', status: 'done', decision: 'reject' }, approved('li')])).toBe('rejected');
  });

  it('a chain counts once in a vote, however many tasks it has', () => {
    const committee = [transferred('a'), approved('a'), approved('b'), approved('b'), pending('c'), pending('d')];
    expect(stepVerdict(node('vote', 0.5), committee)).toBe('approved');
    expect(stepVerdict(node('vote', 0.75), committee)).toBe('open');
  });
});

describe('stepVerdict: automatic decisions of an overdue step', () => {
  it('auto_approve counts as an approval', () => {
    expect(stepVerdict(node('all'), [approved('zhang', 'auto_approve'), approved('li', 'auto_approve')])).toBe('approved');
    expect(stepVerdict(node('any'), [approved('zhang', 'auto_approve'), pending('li')])).toBe('approved');
  });

  it('auto_reject counts as a rejection', () => {
    expect(stepVerdict(node('all'), [{ chainId: 'zhang', status: 'done', decision: 'auto_reject' }, approved('li')])).toBe('rejected');
    expect(stepVerdict(node('vote', 0.5), [{ chainId: 'a', status: 'done', decision: 'auto_reject' }, { chainId: 'b', status: 'done', decision: 'auto_reject' }, pending('c')])).toBe(
      'rejected',
    );
  });
});
