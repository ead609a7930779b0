/**
 * The T2 rules' numbers, from the configuration (HENJI_TASK_OWNER_HOURS, HENJI_TASK_REMIND_BEFORE_HOURS). Set once at
 * start by openRuntime; commands read them here because a flow creates tasks from inside its own command, which has no
 * access to the configuration. The hours are wall-clock hours: the policy says "within 24 hours" (24小时内分配责任人).
 */
export interface TaskRules {
  /** How long a task may wait for an owner before its assigner and the department head are told. */
  ownerHours: number;
  /** How long before the deadline the owner is reminded (and again at the deadline). */
  remindBeforeHours: number;
}

let current: TaskRules = { ownerHours: 24, remindBeforeHours: 24 };

export function configureTaskRules(rules: TaskRules): void {
  current = { ...rules };
}

export const taskRules = (): TaskRules => current;

export const HOUR_MS = 3_600_000;
/** The cadence of reports on a cross-department task (每周同步进展). */
export const WEEK_MS = 7 * 24 * HOUR_MS;
