/** Application types, applications, their steps and tasks, the inbox and monitoring (F1–F8). */
import { z } from 'zod';
import { AllowedActions, PageQuery, pageOf, uuid } from './common.ts';
import { ApplicationDefinition } from './flow-definition.ts';
import { VERSION_STATUSES, APPLICATION_STATUSES, SLA_STATES, EMERGENCY_STATES, TASK_KINDS, TASK_STATUSES, TASK_DECISIONS, STEP_STATUSES, INBOX_TABS } from './values.ts';

const UserRef = z.object({ id: uuid, displayName: z.string() }).meta({ id: 'UserRef' });
export type UserRef = z.infer<typeof UserRef>;

export const ApplicationTypeVersion = z
  .object({
    id: uuid,
    typeId: uuid,
    version: z.number().int(),
    status: z.enum(VERSION_STATUSES),
    definition: ApplicationDefinition,
    definitionHash: z.string(),
    createdAt: z.string(),
    publishedAt: z.string().nullable(),
    publishedBy: UserRef.nullable(),
    runningCount: z.number().int().describe('running applications on this version'),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'ApplicationTypeVersion' });
export type ApplicationTypeVersion = z.infer<typeof ApplicationTypeVersion>;

export const ApplicationType = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    category: z.string(),
    description: z.string(),
    active: z.boolean(),
    builtin: z.boolean(),
    publishedVersion: z.number().int().nullable(),
    /** The published definition (catalogue, 流程公示); null until a version is published. */
    definition: ApplicationDefinition.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'ApplicationType' });
export type ApplicationType = z.infer<typeof ApplicationType>;

export const TypeCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);

export const CreateApplicationTypeInput = z.strictObject({
  code: TypeCode,
  name: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  definition: ApplicationDefinition,
});
export type CreateApplicationTypeInput = z.infer<typeof CreateApplicationTypeInput>;

export const UpdateApplicationTypeInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  category: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(2000).optional(),
  active: z.boolean().optional(),
});
export type UpdateApplicationTypeInput = z.infer<typeof UpdateApplicationTypeInput>;

export const SaveDraftVersionInput = z.strictObject({ definition: ApplicationDefinition });
export type SaveDraftVersionInput = z.infer<typeof SaveDraftVersionInput>;

/** The publish check without saving; with the type's description, amounts it names are checked against conditions. */
export const ValidateDefinitionInput = SaveDraftVersionInput.extend({ description: z.string().max(2000).optional() });
export const DefinitionReport = z
  .object({
    ok: z.boolean(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })),
    /** Worth a look, not blocking publication: e.g. the description names an amount no condition uses. */
    warnings: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .meta({ id: 'DefinitionReport' });
export type DefinitionReport = z.infer<typeof DefinitionReport>;

export const ImportApplicationTypeInput = z.strictObject({
  yaml: z.string().min(1).max(200_000),
  publish: z.boolean().default(false),
});
export type ImportApplicationTypeInput = z.infer<typeof ImportApplicationTypeInput>;

/** Audited instance migration (F2): running applications of one version move to another, node by node. */
export const MigrateInstancesInput = z.strictObject({
  fromVersionId: uuid,
  toVersionId: uuid,
  /** Old node id → new node id for every node an instance may be waiting at; unmapped ids must exist in the target. */
  nodeMap: z.record(z.string().max(40), z.string().max(40)).default({}),
  applicationIds: z.array(uuid).max(1000).optional(),
  reason: z.string().trim().min(1).max(500),
  /** Check and preview only: what would move and what the target form would miss; nothing is changed or traced. */
  dryRun: z.boolean().default(false),
});
export type MigrateInstancesInput = z.infer<typeof MigrateInstancesInput>;

/** A migration's result (or preview): how many applications moved, and which lack fields the target form requires. */
export const MigrationResult = z
  .object({
    migrated: z.number().int().describe('applications moved; 0 for a dry run'),
    dryRun: z.boolean(),
    /** Applications whose stored form leaves required fields of the target version empty (they move as they are). */
    incomplete: z.array(
      z.object({
        id: uuid,
        title: z.string(),
        missing: z.array(z.object({ key: z.string().describe('field key, or table.column'), label: z.string() })),
      }),
    ),
  })
  .meta({ id: 'MigrationResult' });
export type MigrationResult = z.infer<typeof MigrationResult>;

/** Something approvers are warned of (computed at submission). */
export const ApplicationFlag = z
  .object({
    kind: z.literal('split_purchase'),
    /** The field compared (供应商) and its value. */
    field: z.string(),
    value: z.string(),
    days: z.number().int(),
    threshold: z.number(),
    /** This application's amount plus the others'. */
    total: z.number(),
    others: z.array(z.object({ id: uuid, title: z.string(), number: z.string().nullable(), amount: z.number(), submittedAt: z.string() })),
  })
  .meta({ id: 'ApplicationFlag' });
export type ApplicationFlag = z.infer<typeof ApplicationFlag>;

export const ApplicationTask = z
  .object({
    id: uuid,
    stepId: uuid.nullable(),
    nodeId: z.string(),
    kind: z.enum(TASK_KINDS),
    status: z.enum(TASK_STATUSES),
    assignee: UserRef,
    /** When the task was transferred or escalated: who held it before. */
    transferredFrom: UserRef.nullable(),
    addedBy: UserRef.nullable().describe('set for a signer added before or after (加签)'),
    decision: z.enum(TASK_DECISIONS).nullable(),
    opinion: z.string().nullable(),
    /** Who acted when a delegate acted for the assignee (代理). */
    actedBy: UserRef.nullable(),
    hasSignature: z.boolean(),
    formHash: z.string().nullable().describe('hash of the form the approver saw when acting'),
    formVersion: z.number().int().nullable().describe('the form version (formVersions) the decision was made on'),
    createdAt: z.string(),
    actedAt: z.string().nullable(),
  })
  .meta({ id: 'ApplicationTask' });
export type ApplicationTask = z.infer<typeof ApplicationTask>;

export const ApplicationStep = z
  .object({
    id: uuid,
    nodeId: z.string(),
    nodeName: z.string(),
    nodeType: z.string(),
    status: z.enum(STEP_STATUSES),
    outcome: z.string().nullable(),
    enteredAt: z.string(),
    leftAt: z.string().nullable(),
    deadline: z.string().nullable(),
    /** The deadline explained step by step on the business calendar, in the caller's language. */
    deadlineExplanation: z.array(z.string()),
    /** Years the deadline was counted in whose holidays the calendar did not know: it may be wrong (K6). */
    deadlineBeyondKnownRange: z.array(z.number().int()),
    slaState: z.enum(SLA_STATES),
    remindersSent: z.number().int(),
    /** The approval round the step belongs to: a resubmission that changed what the flow reads starts a new one. */
    round: z.number().int(),
    /** Why the step's approvers are not the ones its source names (separation of duties), in the caller's language. */
    substitution: z.string().nullable(),
    tasks: z.array(ApplicationTask),
  })
  .meta({ id: 'ApplicationStep' });
export type ApplicationStep = z.infer<typeof ApplicationStep>;

export const ApplicationSummary = z
  .object({
    id: uuid,
    number: z.string().nullable(),
    title: z.string(),
    type: z.object({ id: uuid, code: z.string(), name: z.string() }),
    version: z.number().int(),
    status: z.enum(APPLICATION_STATUSES),
    urgent: z.boolean(),
    emergencyState: z.enum(EMERGENCY_STATES),
    initiator: UserRef,
    departmentName: z.string().nullable(),
    /** Who holds it now and at which node. */
    currentNodes: z.array(z.object({ nodeId: z.string(), nodeName: z.string(), since: z.string(), deadline: z.string().nullable(), slaState: z.enum(SLA_STATES) })),
    currentAssignees: z.array(UserRef),
    submittedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    effectiveAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'ApplicationSummary' });
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const Application = ApplicationSummary.extend({
  form: z.record(z.string(), z.unknown()),
  formHash: z.string().describe('SHA-256 of the canonical form; send it back with an action to prove what you saw'),
  definition: ApplicationDefinition,
  steps: z.array(ApplicationStep),
  /** The caller's own open tasks on this application (or those of someone they act for), with what each allows. */
  myTasks: z.array(z.object({ taskId: uuid, kind: z.enum(TASK_KINDS), nodeId: z.string(), onBehalfOf: UserRef.nullable(), actions: z.array(z.string()), returnTargets: z.array(z.object({ nodeId: z.string(), name: z.string() })) })),
  /** The current submitted form version (0 for a draft never submitted) and every submitted version, oldest first. */
  formVersion: z.number().int(),
  formVersions: z.array(z.object({ version: z.number().int(), formHash: z.string(), form: z.record(z.string(), z.unknown()), submittedAt: z.string() })),
  /** Warnings for approvers, e.g. a purchase that looks split to stay under a threshold. */
  flags: z.array(ApplicationFlag),
  /** Files attached through the form's attachment fields (ids in `form`), with the SHA-256 recorded in the trace. */
  attachments: z.array(z.object({ id: uuid, name: z.string(), size: z.number().int(), mime: z.string(), sha256: z.string() })),
  comments: z.array(z.object({ id: uuid, author: UserRef, onBehalfOf: UserRef.nullable(), body: z.string(), createdAt: z.string() })),
}).meta({ id: 'Application' });
export type Application = z.infer<typeof Application>;

export const CreateApplicationInput = z.strictObject({
  typeId: uuid,
  form: z.record(z.string(), z.unknown()),
  urgent: z.boolean().default(false),
  /** Submit at once instead of keeping a draft. */
  submit: z.boolean().default(false),
  /** A key the client makes once per form: a repeated request with it returns the first application (double submit). */
  requestKey: z.string().min(8).max(80),
  /** People the applicant copies (抄送) when submitting. */
  cc: z.array(uuid).max(20).optional(),
});
export type CreateApplicationInput = z.infer<typeof CreateApplicationInput>;

export const UpdateDraftInput = z.strictObject({ form: z.record(z.string(), z.unknown()), urgent: z.boolean().optional() });
export type UpdateDraftInput = z.infer<typeof UpdateDraftInput>;

const opinion = z.string().trim().max(2000);
/**
 * A handwritten signature drawn in the browser: a PNG data URL — its bytes must begin with PNG's signature
 * (89 50 4E 47 0D 0A 1A 0A, base64 `iVBORw0KGgo`), so text or another format is refused here, not printed later.
 */
export const PngDataUrl = z.string().max(400_000).regex(/^data:image\/png;base64,iVBORw0KGgo[A-Za-z0-9+/]*={0,2}$/);
const signature = PngDataUrl;
/** People copied (抄送) with the action: the applicant on submitting, an approver with their decision. */
const ccList = z.array(uuid).max(20);

export const ApplicationActionInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('submit'), cc: ccList.optional() }),
  z.strictObject({ action: z.literal('approve'), taskId: uuid, formHash: z.string(), opinion: opinion.optional(), signature: signature.optional(), cc: ccList.optional() }),
  z.strictObject({ action: z.literal('reject'), taskId: uuid, formHash: z.string(), opinion, signature: signature.optional(), cc: ccList.optional() }),
  z.strictObject({ action: z.literal('return'), taskId: uuid, formHash: z.string(), opinion, to: z.string().max(40).describe("a node id, or 'initiator'") }),
  z.strictObject({ action: z.literal('transfer'), taskId: uuid, userId: uuid, opinion: opinion.optional() }),
  z.strictObject({ action: z.literal('add_signer'), taskId: uuid, userId: uuid, position: z.enum(['before', 'after']), opinion: opinion.optional() }),
  z.strictObject({ action: z.literal('withdraw'), reason: opinion.optional() }),
  z.strictObject({ action: z.literal('urge'), message: opinion.optional() }),
  z.strictObject({ action: z.literal('comment'), body: z.string().trim().min(1).max(2000) }),
  z.strictObject({ action: z.literal('resubmit'), form: z.record(z.string(), z.unknown()).optional(), opinion: opinion.optional(), cc: ccList.optional() }),
  z.strictObject({ action: z.literal('discard') }),
  z.strictObject({ action: z.literal('read'), taskId: uuid }),
  z.strictObject({ action: z.literal('emergency_execute'), opinion: z.string().trim().min(1).max(2000) }),
  z.strictObject({ action: z.literal('countersign'), taskId: uuid, formHash: z.string(), opinion: opinion.optional(), signature: signature.optional() }),
  z.strictObject({ action: z.literal('object'), taskId: uuid, formHash: z.string(), opinion }),
]);
export type ApplicationActionInput = z.infer<typeof ApplicationActionInput>;

export const ApplicationListQuery = PageQuery.extend({
  scope: z.enum(['mine', 'all']).default('mine'),
  status: z.enum(APPLICATION_STATUSES).optional(),
  typeId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['createdAt', 'submittedAt', 'updatedAt']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
}).strict();

export const ApplicationPage = pageOf(ApplicationSummary).meta({ id: 'ApplicationPage' });
export type ApplicationPage = z.infer<typeof ApplicationPage>;

export const InboxItem = z
  .object({
    taskId: uuid,
    kind: z.enum(TASK_KINDS),
    status: z.enum(TASK_STATUSES),
    decision: z.enum(TASK_DECISIONS).nullable(),
    nodeId: z.string(),
    nodeName: z.string(),
    assignee: UserRef,
    /** Set when the task is someone else's and the caller acts for them (代理). */
    onBehalfOf: UserRef.nullable(),
    application: z.object({ id: uuid, number: z.string().nullable(), title: z.string(), typeName: z.string(), initiator: UserRef, urgent: z.boolean(), status: z.enum(APPLICATION_STATUSES) }),
    receivedAt: z.string(),
    actedAt: z.string().nullable(),
    deadline: z.string().nullable(),
    slaState: z.enum(SLA_STATES),
    /** The application's current form hash: a batch approval sends it back, as a single approval does. */
    formHash: z.string().optional(),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxQuery = PageQuery.extend({ tab: z.enum(INBOX_TABS).default('todo'), typeId: uuid.optional() }).strict();
export const InboxPage = pageOf(InboxItem).meta({ id: 'InboxPage' });
export type InboxPage = z.infer<typeof InboxPage>;
export const InboxCounts = z.object({ todo: z.number().int(), cc: z.number().int().describe('unread copies') }).meta({ id: 'InboxCounts' });
export type InboxCounts = z.infer<typeof InboxCounts>;

/** Working minutes of a usual working day on the calendar the figures were computed on, to show them in days. */
const minutesPerDay = z.number().int().positive().describe('working minutes of a usual working day of the calendar used');

export const MonitorRow = ApplicationSummary.extend({
  waitingMinutes: z.number().int().describe('working minutes since the current node began'),
  overdueMinutes: z.number().int(),
  deviation: z
    .object({
      nodeId: z.string(),
      nodeName: z.string(),
      waitingMinutes: z.number().int(),
      usualMinutes: z.number().int().describe('P90 of the working minutes this node took on recent applications of the type'),
    })
    .nullable()
    .describe('a current node waiting longer than 90% of its recent completions took (偏离常规), or null'),
  minutesPerDay,
}).meta({ id: 'MonitorRow' });
export const MonitorQuery = PageQuery.extend({
  typeId: uuid.optional(),
  sla: z.enum(SLA_STATES).optional(),
  sort: z.enum(['waiting', 'deadline', 'submittedAt']).default('waiting'),
}).strict();
export const MonitorPage = pageOf(MonitorRow).meta({ id: 'MonitorPage' });
export type MonitorPage = z.infer<typeof MonitorPage>;
export type MonitorRow = z.infer<typeof MonitorRow>;

export const NodeStats = z
  .object({
    typeId: uuid,
    nodes: z.array(z.object({
      nodeId: z.string(),
      nodeName: z.string(),
      completed: z.number().int(),
      running: z.number().int(),
      overdue: z.number().int(),
      avgMinutes: z.number().nullable().describe('working minutes'),
      p90Minutes: z.number().nullable(),
    })),
    minutesPerDay,
  })
  .meta({ id: 'NodeStats' });
export type NodeStats = z.infer<typeof NodeStats>;
