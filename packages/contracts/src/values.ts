/**
 * The closed vocabularies the contracts are built from — states, kinds, actions — as plain lists without zod, so a
 * web page that only needs a list (a status filter, a tab name) imports `@henji/contracts/values` and does not bring
 * the schema library into its download (docs/BENCHMARKS.md §7). The schemas in the other files use these lists.
 */

// Errors (common.ts)
export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'payload_too_large',
  'unauthenticated',
  'csrf_failed',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'rate_limited',
  'account_locked',
  'password_change_required',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

// Organisation (org.ts)
export const POSITION_CODES = ['head', 'director', 'supervisor', 'specialist'] as const;
export const BUILTIN_ROLES = ['admin', 'ceo', 'finance', 'hr', 'audit', 'custodian', 'pm_committee', 'emergency'] as const;
export type BuiltinRole = (typeof BUILTIN_ROLES)[number];
export const USER_STATUSES = ['active', 'disabled', 'left'] as const;

// Messages (messages.ts)
/**
 * Message keys the schemas give zod as error messages, instead of English text. The server renders them in the
 * caller's language from its catalogue (apps/server/src/kernel/messages.ts, which must define every key here: tsc
 * checks it). The web app only asks these schemas `safeParse(...).success` and shows its own translated text, so a
 * key never reaches a screen.
 */
export const CONTRACT_MESSAGE_KEYS = [
  'contract.department_code',
  'contract.code',
  'contract.username',
  'contract.password_length',
  'contract.phone',
  'contract.ends_before_starts',
  'contract.delegate_to_self',
  'contract.webhook_url',
  'contract.webhook_event',
  'notify.time_of_day',
  'notify.feishu_user_id',
  'notify.agent_id',
  'notify.platform_user_id',
  'contract.node_id',
  'contract.field_key',
  'calendar.contract_time',
  'calendar.contract_period_order',
  'calendar.contract_period_overlap',
  'calendar.contract_no_working_time',
  'calendar.contract_time_zone',
  'calendar.contract_code',
  'calendar.contract_whole_days',
] as const;
export type ContractMessageKey = (typeof CONTRACT_MESSAGE_KEYS)[number];

// Flow definitions (flow-definition.ts)
export const FIELD_TYPES = ['text', 'textarea', 'number', 'money', 'date', 'dateRange', 'select', 'user', 'department', 'attachment', 'table'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const APPROVAL_MODES = ['sequential', 'all', 'any', 'vote'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];
export const SLA_OUTCOMES = ['none', 'escalate', 'transfer', 'approve', 'reject'] as const;
/** Where an approver may send an application back (per-node return policy). */
export const RETURN_POLICIES = ['none', 'initiator', 'previous', 'any'] as const;
export type ReturnPolicy = (typeof RETURN_POLICIES)[number];
export const CONDITION_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'empty', 'not_empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

// Applications (applications.ts)
export const VERSION_STATUSES = ['draft', 'published', 'superseded'] as const;
export const APPLICATION_STATUSES = ['draft', 'running', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const SLA_STATES = ['none', 'on_time', 'due_soon', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const EMERGENCY_STATES = ['none', 'pending_review', 'reviewed'] as const;
export const TASK_KINDS = ['approve', 'cc', 'review'] as const;
export const TASK_STATUSES = ['waiting', 'pending', 'done', 'cancelled'] as const;
export const TASK_DECISIONS = ['approve', 'reject', 'return', 'transfer', 'read', 'countersign', 'object', 'auto_approve', 'auto_reject'] as const;
export const STEP_STATUSES = ['active', 'paused', 'completed', 'cancelled'] as const;
export const APPLICATION_ACTIONS = [
  'submit', 'approve', 'reject', 'return', 'transfer', 'add_signer', 'withdraw', 'urge', 'comment', 'resubmit', 'discard',
  'read', 'emergency_execute', 'countersign', 'object',
] as const;
export type ApplicationActionName = (typeof APPLICATION_ACTIONS)[number];
export const INBOX_TABS = ['todo', 'done', 'cc'] as const;

// Notifications (notify.ts)
export const CHANNEL_KIND_VALUES = ['smtp', 'wecom', 'dingtalk', 'feishu', 'sms', 'dingtalk_app', 'wecom_app', 'feishu_app'] as const;
export type ChannelKindValue = (typeof CHANNEL_KIND_VALUES)[number];
export const ROBOT_KINDS = ['wecom', 'dingtalk', 'feishu'] as const;
/** Messages to the person through the company's app: DingTalk 工作通知, WeCom 应用消息, Feishu 消息. */
export const APP_KINDS = ['dingtalk_app', 'wecom_app', 'feishu_app'] as const;
export type AppKind = (typeof APP_KINDS)[number];
/** Channels a user may opt into; the in-app inbox is always on. */
export const PREFERENCE_CHANNEL_VALUES = ['email', 'wecom', 'dingtalk', 'feishu', 'sms', 'dingtalk_app', 'wecom_app', 'feishu_app'] as const;
/** `skipped`: not sent, and never will be — see `skipReason`. */
export const DELIVERY_STATES = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
/** `recipient_unmatched`: the platform knows nobody with the recipient's user id, mobile number or email. */
export const DELIVERY_SKIP_REASONS = ['channel_paused', 'channel_deleted', 'recipient_inactive', 'recipient_unmatched'] as const;

// Calendars (calendar.ts)
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
/** builtin: shipped official arrangements; imported: from a notice, ICS feed or sheet an administrator imported; manual: set by hand. */
export const CALENDAR_DAY_SOURCES = ['builtin', 'imported', 'manual'] as const;
export const CALENDAR_IMPORT_FORMATS = ['notice', 'ics', 'xlsx'] as const;
export const CALENDAR_IMPORT_CHANGES = ['add', 'change', 'same'] as const;
export const DURATION_UNITS = ['hours', 'days'] as const;
/** Hours may have fractions (counted to the minute); days are whole working days. */
export const MAX_DURATION = { hours: 20_000, days: 2_000 } as const;

// Tracked tasks (督办) (tasks.ts)
/** Where a task comes from; `application` is set only by a flow's create-task action. */
export const TASK_SOURCES = ['meeting_resolution', 'inspection_finding', 'customer_demand', 'project', 'manual', 'application'] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];
/** The sources a person may choose when creating a task by hand. */
export const MANUAL_TASK_SOURCES = ['meeting_resolution', 'inspection_finding', 'customer_demand', 'project', 'manual'] as const;
export const TRACKED_TASK_STATUSES = ['awaiting_owner', 'in_progress', 'submitted', 'closed'] as const;
export type TrackedTaskStatus = (typeof TRACKED_TASK_STATUSES)[number];
/** 我负责的 / 我交办的 / 本部门 / 已逾期 / 全部 (every task the reader may see). */
export const TASK_VIEWS = ['mine', 'assigned', 'department', 'overdue', 'all'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
/** The orders of the 督办 list. */
export const TASK_SORTS = ['deadline', 'createdAt', 'updatedAt', 'lastReportAt', 'number'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];
export const TASK_ACTIONS = ['assign', 'report', 'request_closure', 'accept', 'reject'] as const;
export type TaskActionName = (typeof TASK_ACTIONS)[number];

// Meetings (会议管理, M1–M4) (meetings.ts and the sign-in / minutes contracts)
/** 部门例会 / 季度战略会 / 项目会议 / 临时会议. */
export const MEETING_KINDS = ['department_weekly', 'quarterly_strategy', 'project', 'ad_hoc'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** draft: being prepared, attendees not told; noticed: the notice went out; cancelled: called off (attendees told). */
export const MEETING_STATUSES = ['draft', 'noticed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
/** An attendee's answer to the notice: not yet, 确认参加, 请假 (with a reason), 委托他人参加. */
export const MEETING_REPLIES = ['pending', 'accepted', 'declined', 'delegated'] as const;
export type MeetingReply = (typeof MEETING_REPLIES)[number];
/** 出席 / 迟到 / 缺席 (absent is recorded when the meeting ends without a sign-in; 请假 stays a reply). */
export const MEETING_ATTENDANCE = ['present', 'late', 'absent'] as const;
export type MeetingAttendance = (typeof MEETING_ATTENDANCE)[number];
/** 扫码签到 / 补签 (by the recorder, with a reason). */
export const MEETING_SIGN_IN_METHODS = ['qr', 'manual'] as const;
export type MeetingSignInMethod = (typeof MEETING_SIGN_IN_METHODS)[number];
/** The working minutes: 草稿 → 待主持人审核 → 退回修改 / 已批准（已分发）. */
export const MINUTES_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
/** A submitted version: under review, returned with the chair's comments, approved, or replaced by a later approved one. */
export const MINUTES_VERSION_STATES = ['submitted', 'returned', 'approved', 'superseded'] as const;
export type MinutesVersionState = (typeof MINUTES_VERSION_STATES)[number];
/** Editing a series occurrence: only this one, or this one and every later one. */
export const SERIES_EDIT_SCOPES = ['this', 'following'] as const;
export type SeriesEditScope = (typeof SERIES_EDIT_SCOPES)[number];

// Home pages (home.ts)
export const SETUP_ITEMS = [
  'company',
  'departments',
  'users',
  'notification_channel',
  'calendar_next_year',
  'application_type',
  'backup',
] as const;

// Single sign-on (sso.ts)
export const SIGN_IN_METHODS = ['oidc', 'dingtalk', 'wecom', 'feishu'] as const;
/** Why a sign-in through a provider was refused: the login page shows `?sso_error=<reason>` as a message. */
export const SSO_REFUSAL_REASONS = [
  'unknown_user',
  'ambiguous',
  'inactive',
  'locked',
  'state',
  'nonce',
  'issuer',
  'token',
  'provider_error',
  'unverified_email',
  'unavailable',
  'rate_limited',
] as const;
export type SsoRefusalReason = (typeof SSO_REFUSAL_REASONS)[number];
