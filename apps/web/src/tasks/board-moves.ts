/**
 * What dropping a card on another column of the 督办 board may do. A card moves only through a real task action —
 * never a bare change of status: 待分配 → 办理中 is assigning an owner, 办理中 → 待验收 is asking for closure with the
 * final report, 待验收 → 已办结 is accepting it and 待验收 → 办理中 rejecting it with a reason (both the assigner's).
 * Whether the reader may take that action comes from the task's own `allowedActions`, decided by the server.
 */
import type { TaskActionName, TrackedTaskStatus } from '@henji/contracts/values';

type Move = `${TrackedTaskStatus}>${TrackedTaskStatus}`;

const MOVES: Partial<Record<Move, TaskActionName>> = {
  'awaiting_owner>in_progress': 'assign',
  'in_progress>submitted': 'request_closure',
  'submitted>closed': 'accept',
  'submitted>in_progress': 'reject',
};

export type Drop =
  | { ok: true; action: TaskActionName }
  /** `same`: dropped where it was; `no_action`: no action moves a task so; `not_allowed`: the reader may not take it. */
  | { ok: false; reason: 'same' | 'no_action' }
  | { ok: false; reason: 'not_allowed'; action: TaskActionName };

export function dropOf(task: { status: TrackedTaskStatus; allowedActions: readonly string[] }, to: TrackedTaskStatus): Drop {
  if (task.status === to) return { ok: false, reason: 'same' };
  const action = MOVES[`${task.status}>${to}`];
  if (!action) return { ok: false, reason: 'no_action' };
  return task.allowedActions.includes(action) ? { ok: true, action } : { ok: false, reason: 'not_allowed', action };
}

/** The columns a card may be moved to by the reader, in board order: the drag targets and the 移至… menu. */
export const moveTargets = (task: { status: TrackedTaskStatus; allowedActions: readonly string[] }, columns: readonly TrackedTaskStatus[]) =>
  columns.flatMap((to) => {
    const drop = dropOf(task, to);
    return drop.ok ? [{ to, action: drop.action }] : [];
  });
