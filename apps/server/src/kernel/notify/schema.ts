/**
 * Notifications (K8): an in-app inbox row per recipient, each user's channel preferences and quiet hours, and the
 * external channels an administrator configures (SMTP, WeCom / DingTalk / Feishu group robots, an SMS provider).
 * Deliveries through external channels are durable jobs (kind `notify.deliver`); their log is read from `jobs`.
 */
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../db/types.ts';
import { users } from '../org/schema.ts';

export const CHANNEL_KINDS = ['smtp', 'wecom', 'dingtalk', 'feishu', 'sms', 'dingtalk_app', 'wecom_app', 'feishu_app'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a user may opt into besides the in-app inbox, which is always on. */
export const PREFERENCE_CHANNELS = ['email', 'wecom', 'dingtalk', 'feishu', 'sms', 'dingtalk_app', 'wecom_app', 'feishu_app'] as const;
export type PreferenceChannel = (typeof PREFERENCE_CHANNELS)[number];
export type ChannelChoices = Record<PreferenceChannel, boolean>;

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    /** All rows of one notify() call: the trace subject `notification(batch_id)`. */
    batchId: uuid('batch_id').notNull(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => users.id),
    template: text('template').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    /** A path of the web app, such as /applications/<id>. */
    link: text('link'),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    createdAt: timestamptz('created_at').notNull(),
    readAt: timestamptz('read_at'),
  },
  (t) => [
    index('notifications_inbox_idx').on(t.recipientId, t.readAt, t.createdAt.desc()),
    index('notifications_batch_idx').on(t.batchId),
  ],
);

export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  channels: jsonb('channels').$type<ChannelChoices>().notNull(),
  /** Quiet hours as 'HH:MM' on the Asia/Shanghai wall clock; the period may wrap midnight (22:00–07:00). */
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  /** The user's Feishu user id (open_id, `ou_…`): Feishu group robots @mention by it, and by nothing else. */
  feishuUserId: text('feishu_user_id'),
  /** The user's DingTalk userid and WeCom userid (成员账号): the company app's messages and sign-ins use them first. */
  dingtalkUserId: text('dingtalk_user_id'),
  wecomUserId: text('wecom_user_id'),
  updatedAt: timestamptz('updated_at').notNull(),
});

export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
}
export interface RobotConfig {
  /** The robot's webhook address; it carries the robot's access key, so it is treated as a secret. */
  url: string;
  /** The signing secret (加签) of DingTalk and Feishu robots, when the robot requires one. */
  secret: string | null;
}
export interface SmsConfig {
  /** A generic HTTP JSON provider: POST {phone, text} with a bearer token. */
  url: string;
  token: string | null;
}
/**
 * The company's app on a platform, which messages each person directly (DingTalk 工作通知, WeCom 应用消息, Feishu
 * 消息): AppKey / CorpID / App ID, its secret, the AgentId (DingTalk, WeCom), and the API address (null: the public).
 */
export interface AppConfig {
  appId: string;
  appSecret: string;
  agentId: string | null;
  baseUrl: string | null;
}
export type ChannelConfig = SmtpConfig | RobotConfig | SmsConfig | AppConfig;

export const notificationChannels = pgTable('notification_channels', {
  id: uuid('id').primaryKey(),
  kind: text('kind', { enum: CHANNEL_KINDS }).notNull(),
  name: text('name').notNull(),
  config: jsonb('config').$type<ChannelConfig>().notNull(),
  active: boolean('active').notNull().default(true),
  createdById: uuid('created_by_id').references(() => users.id),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});
