/**
 * New, complete nodes and approver sources with the schema's defaults written out, so what the designer shows is
 * exactly what will be saved (no hidden defaults filled in by the server later).
 */
import type { ApproverSource, Condition, FlowNode, FlowNodeType, FormDefinition } from '@henji/contracts';

/** The default name of a new node of each type, in the administrator's language. */
export type NodeNames = Record<FlowNodeType, string>;

export const NODE_TYPES: readonly FlowNodeType[] = ['approval', 'condition', 'parallel', 'join', 'cc', 'notify', 'action', 'end'];

export type SourceKind = ApproverSource['source'];
export const SOURCE_KINDS: readonly SourceKind[] = ['user', 'role', 'department_head', 'superior', 'department_role', 'field', 'committee'];

/** The initiator (申请人) may be notified, but never approve or receive a copy as a source of its own. */
export type Recipient = ApproverSource | { source: 'initiator' };
export type RecipientKind = Recipient['source'];

/** A source of a kind with its required parts filled as far as can be known; empty strings are for the admin to pick. */
export function sourceSkeleton(kind: SourceKind, form?: FormDefinition): ApproverSource {
  switch (kind) {
    case 'user':
      return { source: 'user', username: '' };
    case 'role':
      return { source: 'role', role: '' };
    case 'department_head':
      return { source: 'department_head' };
    case 'superior':
      return { source: 'superior', level: 1 };
    case 'department_role':
      return { source: 'department_role', department: 'initiator', role: '' };
    case 'field':
      return { source: 'field', field: form?.fields.find((f) => f.type === 'user')?.key ?? '' };
    case 'committee':
      return { source: 'committee', role: '' };
  }
}

export function recipientSkeleton(kind: RecipientKind, form?: FormDefinition): Recipient {
  return kind === 'initiator' ? { source: 'initiator' } : sourceSkeleton(kind, form);
}

/**
 * A first condition that says something about the form: an amount threshold when there is a number field (the usual
 * 条件分支), else "is filled in" on the first field.
 */
export function conditionSkeleton(form: FormDefinition): Condition {
  const numeric = form.fields.find((f) => f.type === 'money' || f.type === 'number');
  if (numeric) return { field: numeric.key, op: 'gte', value: 0 };
  return { field: form.fields[0]?.key ?? '', op: 'not_empty' };
}

/** A node of `type` named `id`; `next` is where it leads (a condition's branches and otherwise, a parallel's join). */
export function nodeSkeleton(type: FlowNodeType, id: string, names: NodeNames, form: FormDefinition, next: string): FlowNode {
  const name = names[type];
  switch (type) {
    case 'approval':
      return {
        id,
        name,
        type,
        approvers: { source: 'department_head' },
        mode: 'any',
        opinionOnApprove: false,
        returnPolicy: 'any',
        allowTransfer: true,
        allowAddSigner: true,
        skipSelf: true,
        whenEmpty: 'admin',
        next,
      };
    case 'condition':
      return { id, name, type, branches: [{ when: [conditionSkeleton(form)], next }], otherwise: next };
    case 'parallel':
      return { id, name, type, branches: [next, next], join: next };
    case 'join':
      return { id, name, type, next };
    case 'cc':
      return { id, name, type, recipients: [{ source: 'department_head' }], next };
    case 'notify':
      return { id, name, type, recipients: [{ source: 'initiator' }], urgent: false, next };
    case 'action':
      return { id, name, type, action: { kind: 'assign_number', rule: '{YYYY}{SEQ:4}' }, next };
    case 'end':
      return { id, name, type };
  }
}
