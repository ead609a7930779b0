/** Notifications (K8): the inbox, preferences with quiet hours, channels and the delivery log. */
import { z } from 'zod';
import { AllowedActions, PageQuery, pageOf, uuid } from './common.ts';
import { messageKey } from './messages.ts';
import { WebhookUrl } from './webhooks.ts';
import { CHANNEL_KIND_VALUES, DELIVERY_STATES, DELIVERY_SKIP_REASONS, type ChannelKindValue } from './values.ts';

export const NotificationItem = z
  .object({
    id: uuid,
    /** Rendered from the notification's template in the reader's language. */
    title: z.string(),
    body: z.string(),
    template: z.string(),
    link: z.string().nullable().describe('a path of the web app to open, such as /applications/<id>'),
    subjectType: z.string(),
    subjectId: z.string(),
    urgent: z.boolean(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationPage = pageOf(NotificationItem);
export type NotificationPage = z.infer<typeof NotificationPage>;

export const NotificationListQuery = PageQuery.extend({
  unread: z.enum(['true', 'false']).optional().describe('true: unread only; false: read only; absent: all'),
}).strict();

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

export const MarkReadInput = z.union([
  z.strictObject({ ids: z.array(uuid).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof MarkReadInput>;
export const MarkReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });
export type MarkReadResult = z.infer<typeof MarkReadResult>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, messageKey('notify.time_of_day'));

/** A Feishu user id (open_id, such as `ou_…`): what a Feishu group robot @mentions by. */
export const FEISHU_USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const FeishuUserId = z.string().trim().regex(FEISHU_USER_ID_PATTERN, messageKey('notify.feishu_user_id'));

/** A DingTalk or WeCom userid: letters, digits and - _ . @ (both platforms allow these in account names). */
export const PLATFORM_USER_ID_PATTERN = /^[A-Za-z0-9_.@-]{1,64}$/;
export const PlatformUserId = z.string().trim().regex(PLATFORM_USER_ID_PATTERN, messageKey('notify.platform_user_id'));

export const NotificationPreferences = z
  .object({
    channels: z.object({
      email: z.boolean(),
      wecom: z.boolean(),
      dingtalk: z.boolean(),
      feishu: z.boolean(),
      sms: z.boolean(),
      dingtalk_app: z.boolean(),
      wecom_app: z.boolean(),
      feishu_app: z.boolean(),
    }),
    quietStart: z.string().nullable().describe("'HH:MM', Asia/Shanghai; null: no quiet hours"),
    quietEnd: z.string().nullable(),
    feishuUserId: z.string().nullable().describe("the user's Feishu user id (open_id), to @mention them in Feishu groups; null: none"),
    dingtalkUserId: z.string().nullable().describe("the user's DingTalk userid, for the company app's work notices and DingTalk sign-in; null: found by mobile"),
    wecomUserId: z.string().nullable().describe("the user's WeCom userid (成员账号), for the company app's messages and WeCom sign-in; null: found by mobile or email"),
    /** What the user lacks for a channel to reach them, so the UI can say why. */
    hasEmail: z.boolean(),
    hasPhone: z.boolean(),
    /** Channel kinds an administrator has set up and enabled: only these can deliver. */
    availableChannels: z.array(z.enum(CHANNEL_KIND_VALUES)),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'NotificationPreferences' });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferencesInput = z.strictObject({
  channels: z
    .strictObject({
      email: z.boolean().optional(),
      wecom: z.boolean().optional(),
      dingtalk: z.boolean().optional(),
      feishu: z.boolean().optional(),
      sms: z.boolean().optional(),
      dingtalk_app: z.boolean().optional(),
      wecom_app: z.boolean().optional(),
      feishu_app: z.boolean().optional(),
    })
    .optional(),
  quietStart: TimeOfDay.nullable().optional(),
  quietEnd: TimeOfDay.nullable().optional(),
  feishuUserId: FeishuUserId.nullable().optional().describe('Feishu open_id such as ou_…, trimmed; null clears it'),
  dingtalkUserId: PlatformUserId.nullable().optional().describe('DingTalk userid, trimmed; null clears it'),
  wecomUserId: PlatformUserId.nullable().optional().describe('WeCom userid, trimmed; null clears it'),
});
export type UpdateNotificationPreferencesInput = z.infer<typeof UpdateNotificationPreferencesInput>;

const secretText = z.string().trim().min(1).max(500);
const channelName = z.string().trim().min(1).max(100);

export const SmtpConfigInput = z.strictObject({
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().default(false).describe('TLS from the start (usually port 465); otherwise STARTTLS if offered'),
  username: z.string().trim().min(1).max(200).nullable().optional(),
  password: secretText.nullable().optional(),
  from: z.email().max(200),
});
export const RobotConfigInput = z.strictObject({
  url: WebhookUrl.describe("the robot's webhook address (it carries the robot's key: stored as a secret)"),
  secret: secretText.nullable().optional().describe('the signing secret (加签) of a DingTalk or Feishu robot'),
});
export const SmsConfigInput = z.strictObject({
  url: WebhookUrl.describe('an HTTP JSON provider: POST {phone, text} with a bearer token'),
  token: secretText.nullable().optional(),
});

/**
 * The company's own app on DingTalk (AppKey/AppSecret/AgentId), WeCom (CorpID/Secret/AgentId) or Feishu (App ID/App
 * Secret). `baseUrl` replaces the platform's public API address (a private deployment, or a test server).
 */
export const AppConfigInput = z.strictObject({
  appId: z.string().trim().min(1).max(200).describe('DingTalk AppKey, WeCom CorpID or Feishu App ID'),
  appSecret: secretText.describe('DingTalk AppSecret, WeCom application Secret or Feishu App Secret (stored as a secret)'),
  agentId: z.string().trim().regex(/^\d{1,20}$/, messageKey('notify.agent_id')).nullable().optional().describe('DingTalk and WeCom AgentId; Feishu has none'),
  baseUrl: WebhookUrl.nullable().optional().describe("the platform's API address; empty: the public one"),
});

const createOf = <K extends ChannelKindValue, C extends z.ZodType>(kind: K, config: C) =>
  z.strictObject({ kind: z.literal(kind), name: channelName, active: z.boolean().optional(), config });

export const CreateChannelInput = z.discriminatedUnion('kind', [
  createOf('smtp', SmtpConfigInput),
  createOf('wecom', RobotConfigInput),
  createOf('dingtalk', RobotConfigInput),
  createOf('feishu', RobotConfigInput),
  createOf('sms', SmsConfigInput),
  createOf('dingtalk_app', AppConfigInput),
  createOf('wecom_app', AppConfigInput),
  createOf('feishu_app', AppConfigInput),
]);
export type CreateChannelInput = z.infer<typeof CreateChannelInput>;

/**
 * A change to a channel's configuration: only the fields of the channel's own kind are accepted (the server checks).
 * A secret left out stays as it is; null clears it.
 */
export const ChannelConfigPatch = z.strictObject({
  host: SmtpConfigInput.shape.host.optional(),
  port: SmtpConfigInput.shape.port.optional(),
  secure: z.boolean().optional(),
  username: SmtpConfigInput.shape.username,
  password: secretText.nullable().optional(),
  from: SmtpConfigInput.shape.from.optional(),
  url: WebhookUrl.optional(),
  secret: secretText.nullable().optional(),
  token: secretText.nullable().optional(),
  appId: AppConfigInput.shape.appId.optional(),
  appSecret: secretText.optional(),
  agentId: AppConfigInput.shape.agentId,
  baseUrl: AppConfigInput.shape.baseUrl,
});
export type ChannelConfigPatch = z.infer<typeof ChannelConfigPatch>;

export const UpdateChannelInput = z.strictObject({
  name: channelName.optional(),
  active: z.boolean().optional(),
  config: ChannelConfigPatch.optional(),
});
export type UpdateChannelInput = z.infer<typeof UpdateChannelInput>;

/** A channel as the API shows it: secrets never, only whether they are set (已设置). */
export const NotificationChannel = z
  .object({
    id: uuid,
    kind: z.enum(CHANNEL_KIND_VALUES),
    name: z.string(),
    active: z.boolean(),
    config: z.object({
      host: z.string().optional(),
      port: z.number().int().optional(),
      secure: z.boolean().optional(),
      username: z.string().nullable().optional(),
      from: z.string().optional(),
      url: z.string().optional().describe("the SMS provider's address; a robot's address is shown masked"),
      passwordSet: z.boolean().optional(),
      secretSet: z.boolean().optional(),
      tokenSet: z.boolean().optional(),
      appId: z.string().optional(),
      agentId: z.string().nullable().optional(),
      baseUrl: z.string().nullable().optional(),
      appSecretSet: z.boolean().optional(),
    }),
    deliveries: z.object({ pending: z.number().int(), done: z.number().int(), failed: z.number().int(), skipped: z.number().int().describe('not sent: the channel was paused or the recipient left') }),
    createdAt: z.string(),
    updatedAt: z.string(),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'NotificationChannel' });
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const ChannelTestResult = z.object({
  notificationId: uuid,
  deliveryId: z.uuid().describe('the delivery job; follow it in the delivery log'),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

/** Why a delivery was not sent: its channel was paused or removed after the message was queued, or its recipient left. */

export const NotificationDeliveryQuery = PageQuery.extend({
  status: z.enum(DELIVERY_STATES).optional(),
  kind: z.enum(CHANNEL_KIND_VALUES).optional(),
}).strict();

export const NotificationDelivery = z
  .object({
    id: z.uuid().describe('the delivery job'),
    notificationId: uuid,
    template: z.string().nullable(),
    title: z.string().nullable().describe("rendered in the reader's language"),
    recipient: z.object({ id: uuid, displayName: z.string().nullable() }),
    recipients: z
      .array(z.object({ id: uuid, displayName: z.string().nullable() }))
      .describe('everyone the message is for: the recipient, or all those a group robot names in its one message'),
    channel: z.object({ id: uuid, kind: z.enum(CHANNEL_KIND_VALUES), name: z.string().nullable() }),
    urgent: z.boolean(),
    state: z.enum(DELIVERY_STATES),
    skipReason: z.enum(DELIVERY_SKIP_REASONS).nullable().describe('why a skipped delivery was not sent'),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    runAt: z.string().describe('when the next attempt is due (pending), or was last scheduled'),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'NotificationDelivery' });
export type NotificationDelivery = z.infer<typeof NotificationDelivery>;
export const NotificationDeliveryPage = pageOf(NotificationDelivery);
export type NotificationDeliveryPage = z.infer<typeof NotificationDeliveryPage>;
