/**
 * Which buttons the detail page offers and what each dialog asks for. The server decides what is allowed
 * (`allowedActions` on the application, `actions` on each of my tasks); this only orders them, finds the node's
 * settings in the definition, and builds the request body. Pure, so it is unit-tested.
 */
import type { Application, ApplicationActionInput, ApplicationDefinition, ApprovalNode, FlowNode } from '@henji/contracts';

/** Actions on one of my tasks, in the order the buttons appear: the expected decision first, the rare ones last. */
export const TASK_ACTIONS = ['approve', 'countersign', 'read', 'reject', 'return', 'object', 'transfer', 'add_signer'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Actions on the application as a whole (the applicant's, an urger's, the emergency group's). `edit` is a page, not a request. */
export const APPLICATION_LEVEL_ACTIONS = ['edit', 'submit', 'resubmit', 'withdraw', 'urge', 'emergency_execute', 'comment', 'discard'] as const;
export type ApplicationLevelAction = (typeof APPLICATION_LEVEL_ACTIONS)[number];

export type ActionName = TaskAction | ApplicationLevelAction;

const isTaskAction = (action: string): action is TaskAction => TASK_ACTIONS.some((a) => a === action);
const isApplicationLevelAction = (action: string): action is ApplicationLevelAction => APPLICATION_LEVEL_ACTIONS.some((a) => a === action);

export type MyTask = Application['myTasks'][number];

export interface TaskActionGroup {
  task: MyTask;
  /** Offered actions, in button order; names the UI does not know are left out rather than shown raw. */
  actions: TaskAction[];
}

/** One group of buttons per open task of mine (usually one; more when I also act for someone, 代理). */
export function taskActionGroups(application: Pick<Application, 'myTasks'>): TaskActionGroup[] {
  return application.myTasks
    .map((task) => ({ task, actions: TASK_ACTIONS.filter((action) => task.actions.includes(action)) }))
    .filter((group) => group.actions.length > 0);
}

/** Application-level actions the server allows me, in button order. */
export function applicationActions(application: Pick<Application, 'allowedActions'>): ApplicationLevelAction[] {
  return APPLICATION_LEVEL_ACTIONS.filter((action) => application.allowedActions.includes(action));
}

export function findNode(definition: ApplicationDefinition, nodeId: string): FlowNode | undefined {
  return definition.flow.nodes.find((node) => node.id === nodeId);
}

export function approvalNode(definition: ApplicationDefinition, nodeId: string): ApprovalNode | undefined {
  const node = findNode(definition, nodeId);
  return node?.type === 'approval' ? node : undefined;
}

/**
 * 审批意见以书面形式: a written opinion is required to reject, return, object and execute in an emergency, and to approve
 * when the node asks for one (`opinionOnApprove`).
 */
export function opinionRequired(action: ActionName, node: FlowNode | undefined): boolean {
  switch (action) {
    case 'reject':
    case 'return':
    case 'object':
    case 'emergency_execute':
      return true;
    case 'approve':
      return node?.type === 'approval' && node.opinionOnApprove;
    default:
      return false;
  }
}

/** Whether the dialog offers an opinion at all (required or optional). */
export function opinionOffered(action: ActionName): boolean {
  return ['approve', 'reject', 'return', 'object', 'countersign', 'transfer', 'add_signer', 'emergency_execute', 'withdraw', 'urge', 'resubmit'].includes(action);
}

/** A handwritten signature may go with a decision (F3). */
export const signatureOffered = (action: ActionName): boolean => action === 'approve' || action === 'reject' || action === 'countersign';

/** An approver may copy (抄送) people with an approval or a rejection. */
export const ccOffered = (action: ActionName): boolean => action === 'approve' || action === 'reject';

/**
 * What the edit page's main button sends: a draft is submitted; an application that went back to its applicant —
 * returned (退回) or withdrawn (撤回) — is resubmitted.
 */
export const submitActionOf = (status: Application['status']): 'submit' | 'resubmit' =>
  status === 'returned' || status === 'withdrawn' ? 'resubmit' : 'submit';

/** Actions done at once after a confirmation, without a dialog of their own. */
export const needsDialog = (action: ActionName): boolean => !['read', 'submit', 'discard', 'edit'].includes(action);

/** Decisions that would turn against what the applicant asked for: shown as danger buttons. */
export const isDanger = (action: ActionName): boolean => action === 'reject' || action === 'discard' || action === 'object';

/** What the dialog collected. */
export interface ActionValues {
  opinion?: string;
  signature?: string | null;
  to?: string;
  userId?: string | null;
  position?: 'before' | 'after';
  body?: string;
  /** People copied (抄送) with an approval or a rejection. */
  cc?: string[];
}

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
};

/** A field a dialog left empty though the action needs it; the dialog's own validation should have stopped it. */
export class MissingActionValue extends Error {
  override readonly name = 'MissingActionValue';
  constructor(readonly field: keyof ActionValues | 'taskId') {
    super(`missing ${field}`);
  }
}

function required<T>(value: T | null | undefined, field: keyof ActionValues | 'taskId'): T {
  if (value === undefined || value === null || value === '') throw new MissingActionValue(field);
  return value;
}

/**
 * The request body for an action. Decisions carry the `formHash` of the application as loaded, so the server can
 * refuse (409) when the form changed since the approver read it.
 */
export function actionInput(
  action: Exclude<ActionName, 'edit'>,
  context: { taskId?: string; formHash: string },
  values: ActionValues = {},
): ApplicationActionInput {
  const opinion = text(values.opinion);
  const signature = values.signature ?? undefined;
  const cc = values.cc && values.cc.length > 0 ? values.cc : undefined;
  const taskId = () => required(context.taskId, 'taskId');
  const optional = <T extends object>(fields: T) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;

  switch (action) {
    case 'approve':
      return optional({ action, taskId: taskId(), formHash: context.formHash, opinion, signature, cc });
    case 'countersign':
      return optional({ action, taskId: taskId(), formHash: context.formHash, opinion, signature });
    case 'reject':
      return optional({ action, taskId: taskId(), formHash: context.formHash, opinion: required(opinion, 'opinion'), signature, cc });
    case 'return':
      return { action, taskId: taskId(), formHash: context.formHash, opinion: required(opinion, 'opinion'), to: required(values.to, 'to') };
    case 'object':
      return { action, taskId: taskId(), formHash: context.formHash, opinion: required(opinion, 'opinion') };
    case 'transfer':
      return optional({ action, taskId: taskId(), userId: required(values.userId, 'userId'), opinion });
    case 'add_signer':
      return optional({ action, taskId: taskId(), userId: required(values.userId, 'userId'), position: values.position ?? 'after', opinion });
    case 'read':
      return { action, taskId: taskId() };
    case 'withdraw':
      return optional({ action, reason: opinion });
    case 'urge':
      return optional({ action, message: opinion });
    case 'comment':
      return { action, body: required(text(values.body), 'body') };
    case 'resubmit':
      return optional({ action, opinion });
    case 'submit':
      return { action };
    case 'discard':
      return { action };
    case 'emergency_execute':
      return { action, opinion: required(opinion, 'opinion') };
  }
}

export { isApplicationLevelAction, isTaskAction };
