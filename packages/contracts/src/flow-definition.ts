/**
 * The definition language of application types (F1, F2): a form and a flow. Definitions are written in the flow
 * designer or as YAML files (the built-in ones live in apps/server/src/modules/applications/flows/) and are immutable
 * once published. This schema checks the shape; the server's publish check (flow-check.ts) checks the meaning: every
 * node reachable, every path ends, fields and roles exist.
 */
import { z } from 'zod';
import { messageKey } from './messages.ts';
import { APPROVAL_MODES, SLA_OUTCOMES, RETURN_POLICIES, CONDITION_OPS } from './values.ts';

const nodeId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, messageKey('contract.node_id'));
const fieldKey = z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, messageKey('contract.field_key'));
const label = z.string().trim().min(1).max(100);

export const SelectOption = z.strictObject({ value: z.string().min(1).max(60), label });

const fieldBase = {
  key: fieldKey,
  label,
  required: z.boolean().default(false),
  help: z.string().max(300).optional(),
};

/** A field of a form; `min`/`max` bound numbers and money, `maxLength` text, `multiple` selects, users and files. */
export const ScalarField = z.strictObject({
  ...fieldBase,
  type: z.enum(['text', 'textarea', 'number', 'money', 'date', 'dateRange', 'select', 'user', 'department', 'attachment']),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().min(1).max(10000).optional(),
  options: z.array(SelectOption).max(100).optional(),
  multiple: z.boolean().optional(),
  /**
   * 自动计算 (number and money fields): computed by the server with exact decimal arithmetic, whatever the browser
   * sent — a table column as the product of two columns of its row (金额 = 数量 × 单价), a form field as the sum of a
   * table column (or of the products of two columns: 合计).
   */
  compute: z
    .union([
      z.strictObject({ product: z.array(fieldKey).length(2) }),
      z.strictObject({ sum: z.strictObject({ table: fieldKey, column: fieldKey.optional(), product: z.array(fieldKey).length(2).optional() }) }),
    ])
    .optional(),
});
export type ScalarField = z.infer<typeof ScalarField>;
export type FieldCompute = NonNullable<ScalarField['compute']>;

/** 明细表: rows of scalar columns (purchase items, expense lines). */
export const TableField = z.strictObject({
  ...fieldBase,
  type: z.literal('table'),
  columns: z.array(ScalarField).min(1).max(20),
  maxRows: z.number().int().min(1).max(500).default(100),
});
export type TableField = z.infer<typeof TableField>;

export const FormField = z.discriminatedUnion('type', [ScalarField, TableField]);
export type FormField = z.infer<typeof FormField>;

export const FormDefinition = z.strictObject({ fields: z.array(FormField).min(1).max(60) });
export type FormDefinition = z.infer<typeof FormDefinition>;

/** Who approves, receives a copy or is notified (F2 approver sources). */
export const ApproverSource = z.discriminatedUnion('source', [
  /** One named user. */
  z.strictObject({ source: z.literal('user'), username: z.string().min(1).max(32) }),
  /** Every holder of a role (finance, ceo, hr …). */
  z.strictObject({ source: z.literal('role'), role: z.string().min(1).max(40) }),
  /** 部门负责人: the head of the initiator's department (or of its parent when it has none). */
  z.strictObject({ source: z.literal('department_head') }),
  /** The Nth-level superior along the reporting line (1 = direct superior). */
  z.strictObject({ source: z.literal('superior'), level: z.number().int().min(1).max(5) }),
  /** A role or position within a department, e.g. the finance role in 财务部; `initiator` = the applicant's department. */
  z.strictObject({
    source: z.literal('department_role'),
    department: z.string().min(1).max(10),
    role: z.string().min(1).max(40).optional(),
    position: z.string().min(1).max(40).optional(),
  }),
  /** Users chosen by the applicant in a user field of the form. */
  z.strictObject({ source: z.literal('field'), field: fieldKey }),
  /** A committee: every holder of a role, usually decided by vote. */
  z.strictObject({ source: z.literal('committee'), role: z.string().min(1).max(40) }),
]);
export type ApproverSource = z.infer<typeof ApproverSource>;

export const Duration = z.strictObject({ amount: z.number().positive().max(10000), unit: z.enum(['hours', 'days']) });
export type Duration = z.infer<typeof Duration>;

/** F5: a node's deadline on the business calendar, N reminders, then what happens. */
export const NodeSla = z.strictObject({
  within: Duration,
  reminders: z.number().int().min(0).max(10).default(1),
  /** Time between reminders after the deadline (working time); defaults to a quarter of `within`, at least 1 hour. */
  remindEvery: Duration.optional(),
  then: z.enum(SLA_OUTCOMES).default('none'),
  transferTo: ApproverSource.optional(),
});
export type NodeSla = z.infer<typeof NodeSla>;

const nodeBase = { id: nodeId, name: label };

export const ApprovalNode = z.strictObject({
  ...nodeBase,
  type: z.literal('approval'),
  approvers: ApproverSource,
  mode: z.enum(APPROVAL_MODES).default('any'),
  /** For `vote`: the share of approvals that carries the decision, e.g. 0.5 = more than half… at least half. */
  ratio: z.number().gt(0).max(1).optional(),
  /** 审批意见: always required to reject or return; on approval when this is set. */
  opinionOnApprove: z.boolean().default(false),
  returnPolicy: z.enum(RETURN_POLICIES).default('any'),
  allowTransfer: z.boolean().default(true),
  allowAddSigner: z.boolean().default(true),
  /**
   * Kept for definitions written before separation of duties: the applicant never approves their own application,
   * whatever this says; a step whose approvers are all the applicant goes to their superior (see `duties`).
   */
  skipSelf: z.boolean().default(true),
  /**
   * When the applicant resubmits after this node returned the application and the change touches a field that a
   * condition, an approver source or an amount reads: `restart` the flow from its first node (the default: the
   * earlier signatures were on a different form), or `resume` at this node.
   */
  onResubmit: z.enum(['restart', 'resume']).optional(),
  /** When no approver can be found: route to the system administrators, or pass the node (traced). */
  whenEmpty: z.enum(['admin', 'skip']).default('admin'),
  sla: NodeSla.optional(),
  next: nodeId,
});
export type ApprovalNode = z.infer<typeof ApprovalNode>;

export const Condition = z.strictObject({
  field: fieldKey,
  op: z.enum(CONDITION_OPS),
  value: z.union([z.number(), z.string().max(200), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(50)]).optional(),
});
export type Condition = z.infer<typeof Condition>;

/** 条件分支: the first branch whose conditions all hold wins, else `otherwise`. */
export const ConditionNode = z.strictObject({
  ...nodeBase,
  type: z.literal('condition'),
  branches: z.array(z.strictObject({ label: label.optional(), when: z.array(Condition).min(1).max(10), next: nodeId })).min(1).max(10),
  otherwise: nodeId,
});
export type ConditionNode = z.infer<typeof ConditionNode>;

/** 并行分支: every branch runs; the named join node continues once all have reached it. */
export const ParallelNode = z.strictObject({
  ...nodeBase,
  type: z.literal('parallel'),
  branches: z.array(nodeId).min(2).max(10),
  join: nodeId,
});
export type ParallelNode = z.infer<typeof ParallelNode>;

export const JoinNode = z.strictObject({ ...nodeBase, type: z.literal('join'), next: nodeId });
export type JoinNode = z.infer<typeof JoinNode>;

/** 抄送: copies to read, without a decision. */
export const CcNode = z.strictObject({ ...nodeBase, type: z.literal('cc'), recipients: z.array(ApproverSource).min(1).max(10), next: nodeId });
export type CcNode = z.infer<typeof CcNode>;

/** 通知: a message through each recipient's notification channels. */
export const NotifyNode = z.strictObject({
  ...nodeBase,
  type: z.literal('notify'),
  recipients: z.array(z.union([ApproverSource, z.strictObject({ source: z.literal('initiator') })])).min(1).max(10),
  urgent: z.boolean().default(false),
  next: nodeId,
});
export type NotifyNode = z.infer<typeof NotifyNode>;

/**
 * 自动动作: done by the system when the flow passes, e.g. numbering the application by a rule like `CG{YYYY}{SEQ:4}`,
 * or creating a tracked task (督办) owned by whoever the source names, assigned by the applicant, due `within` on the
 * business calendar.
 */
export const ActionNode = z.strictObject({
  ...nodeBase,
  type: z.literal('action'),
  action: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('assign_number'), rule: z.string().min(1).max(60) }),
    z.strictObject({
      kind: z.literal('create_task'),
      title: z.string().trim().min(1).max(200),
      owner: ApproverSource,
      within: Duration,
      crossDepartment: z.boolean().optional(),
    }),
  ]),
  next: nodeId,
});
export type ActionNode = z.infer<typeof ActionNode>;

export const EndNode = z.strictObject({ ...nodeBase, type: z.literal('end') });
export type EndNode = z.infer<typeof EndNode>;

export const FlowNode = z.discriminatedUnion('type', [ApprovalNode, ConditionNode, ParallelNode, JoinNode, CcNode, NotifyNode, ActionNode, EndNode]);
export type FlowNode = z.infer<typeof FlowNode>;
export type FlowNodeType = FlowNode['type'];

export const FlowDefinition = z.strictObject({ start: nodeId, nodes: z.array(FlowNode).min(2).max(100) });
export type FlowDefinition = z.infer<typeof FlowDefinition>;

/** F6: urgent applications a temporary group (临时小组) may execute at once, reviewed and countersigned afterwards. */
export const EmergencyDefinition = z.strictObject({
  group: z.array(ApproverSource).min(1).max(10),
  reviewers: z.array(ApproverSource).min(1).max(10),
  reviewWithin: Duration.optional(),
});
export type EmergencyDefinition = z.infer<typeof EmergencyDefinition>;

/** Separation of duties (三级签字 stays three people) for one type. */
export const DutiesDefinition = z.strictObject({
  /** 一人只签一级: nobody decides two approval levels of one application. On unless a type turns it off. */
  distinctSigners: z.boolean().default(true),
  /**
   * Who approves a level whose approvers are all excluded (the applicant, or people who signed another level) when
   * nobody is above them in the organisation — the CEO's own purchase: e.g. the 董事会 committee or 财务总监.
   */
  fallback: ApproverSource.optional(),
});
export type DutiesDefinition = z.infer<typeof DutiesDefinition>;

/** 拆分采购预警: the same applicant and the same value of `field` (供应商) within `days` adding up to `threshold`. */
export const SplitCheck = z.strictObject({
  field: fieldKey,
  amountField: fieldKey,
  days: z.number().int().min(1).max(366).default(30),
  threshold: z.number().positive(),
});
export type SplitCheck = z.infer<typeof SplitCheck>;

/** One version of an application type: what the applicant fills in and how it travels. */
export const ApplicationDefinition = z.strictObject({
  form: FormDefinition,
  flow: FlowDefinition,
  /** The form field whose value becomes the application's title; else the type name and date. */
  titleField: fieldKey.optional(),
  emergency: EmergencyDefinition.optional(),
  /** Business calendar for SLA deadlines (a calendar code); the default calendar when absent. */
  calendar: z.string().max(40).optional(),
  duties: DutiesDefinition.optional(),
  splitCheck: SplitCheck.optional(),
});
export type ApplicationDefinition = z.infer<typeof ApplicationDefinition>;

/** A definition file (YAML): the type's catalogue entry plus its definition. */
export const ApplicationTypeFile = ApplicationDefinition.extend({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, messageKey('contract.code')),
  name: label,
  category: label,
  description: z.string().trim().max(2000).default(''),
});
export type ApplicationTypeFile = z.infer<typeof ApplicationTypeFile>;
