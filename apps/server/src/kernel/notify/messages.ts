/** Messages of the notify area, merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const NOTIFY_MESSAGES = {
  'noun.notification': { 'zh-CN': '通知', 'en-US': 'notification' },
  'noun.notification_channel': { 'zh-CN': '通知渠道', 'en-US': 'notification channel' },

  // A message of the shared schemas (packages/contracts/src/notify.ts).
  'notify.time_of_day': { 'zh-CN': '时间须为 HH:MM 格式（00:00–23:59）', 'en-US': 'a time must be HH:MM (00:00–23:59)' },
  'notify.feishu_user_id': {
    'zh-CN': '飞书用户 ID 须为 1–64 位字母、数字、下划线或连字符（如 ou_ 开头的 open_id）',
    'en-US': 'a Feishu user id is 1–64 letters, digits, underscores or hyphens (an open_id such as ou_…)',
  },

  'notify.app_open': { 'zh-CN': '在痕迹中查看', 'en-US': 'Open in Henji' },
  'notify.platform_user_id': {
    'zh-CN': '用户 ID 须为 1–64 位字母、数字或 - _ . @',
    'en-US': 'a user id is 1–64 letters, digits or - _ . @',
  },
  'notify.agent_id': { 'zh-CN': 'AgentId 须为数字', 'en-US': 'an AgentId is a number' },
  'notify.agent_id_required': { 'zh-CN': '钉钉和企业微信应用须填写 AgentId', 'en-US': 'DingTalk and WeCom apps need their AgentId' },

  'notify.quiet_hours_pair': {
    'zh-CN': '免打扰时段的开始和结束时间须同时设置或同时清除',
    'en-US': 'set both the start and the end of the quiet hours, or clear both',
  },
  'notify.quiet_hours_empty': { 'zh-CN': '免打扰时段的开始和结束时间不能相同', 'en-US': 'the quiet hours cannot start and end at the same time' },
  'notify.needs_user': { 'zh-CN': '只有用户本人才能执行此操作', 'en-US': 'only a user can do this for themself' },
  'notify.field_not_of_kind': {
    'zh-CN': '此项不属于{kind}渠道的设置',
    'en-US': 'this is not a setting of a {kind} channel',
  },
  'notify.test_needs_email': {
    'zh-CN': '你的用户资料中没有邮箱地址，无法通过邮件接收测试通知',
    'en-US': 'your profile has no email address to receive the test notification',
  },
  // The last line of a group robot's message: who it is for (each also @mentioned where the platform can).
  'notify.robot_for': { 'zh-CN': '通知对象：{names}', 'en-US': 'For: {names}' },
  'notify.test_needs_phone': {
    'zh-CN': '你的用户资料中没有手机号码，无法接收测试短信',
    'en-US': 'your profile has no phone number to receive the test message',
  },
} as const satisfies Record<string, Record<Locale, string>>;
