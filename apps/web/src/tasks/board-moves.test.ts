import { describe, expect, it } from 'vitest';
import { TRACKED_TASK_STATUSES } from '@henji/contracts/values';
import { dropOf, moveTargets } from './board-moves.ts';

const task = (status: (typeof TRACKED_TASK_STATUSES)[number], allowedActions: string[]) => ({ status, allowedActions });

describe('drops on the 督办 board', () => {
  it('maps each real move to its task action when the reader may take it', () => {
    expect(dropOf(task('awaiting_owner', ['assign']), 'in_progress')).toEqual({ ok: true, action: 'assign' });
    expect(dropOf(task('in_progress', ['assign', 'report', 'request_closure']), 'submitted')).toEqual({ ok: true, action: 'request_closure' });
    expect(dropOf(task('submitted', ['accept', 'reject']), 'closed')).toEqual({ ok: true, action: 'accept' });
    expect(dropOf(task('submitted', ['accept', 'reject']), 'in_progress')).toEqual({ ok: true, action: 'reject' });
  });

  it('refuses status jumps that no action makes, whatever the reader may do', () => {
    const everything = ['assign', 'report', 'request_closure', 'accept', 'reject'];
    expect(dropOf(task('in_progress', everything), 'closed')).toEqual({ ok: false, reason: 'no_action' });
    expect(dropOf(task('awaiting_owner', everything), 'submitted')).toEqual({ ok: false, reason: 'no_action' });
    expect(dropOf(task('closed', everything), 'in_progress')).toEqual({ ok: false, reason: 'no_action' });
    expect(dropOf(task('in_progress', everything), 'awaiting_owner')).toEqual({ ok: false, reason: 'no_action' });
    expect(dropOf(task('submitted', everything), 'submitted')).toEqual({ ok: false, reason: 'same' });
  });

  it('refuses a real move the reader may not make, naming the action', () => {
    // The owner asked for closure; only the assigner accepts or rejects it.
    expect(dropOf(task('submitted', []), 'closed')).toEqual({ ok: false, reason: 'not_allowed', action: 'accept' });
    // The assigner may reassign but not ask for closure in the owner's place.
    expect(dropOf(task('in_progress', ['assign']), 'submitted')).toEqual({ ok: false, reason: 'not_allowed', action: 'request_closure' });
  });

  it('offers as targets exactly the allowed moves, in board order', () => {
    expect(moveTargets(task('submitted', ['accept', 'reject']), TRACKED_TASK_STATUSES)).toEqual([
      { to: 'in_progress', action: 'reject' },
      { to: 'closed', action: 'accept' },
    ]);
    expect(moveTargets(task('in_progress', ['assign']), TRACKED_TASK_STATUSES)).toEqual([]);
    expect(moveTargets(task('closed', []), TRACKED_TASK_STATUSES)).toEqual([]);
  });
});
