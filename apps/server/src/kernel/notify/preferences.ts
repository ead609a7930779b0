/** Each user's choice of channels, quiet hours and Feishu user id (个人设置 → 通知设置). */
import { eq } from 'drizzle-orm';
import type { UpdateNotificationPreferencesInput } from '@henji/contracts';
import { defineCommand } from '../command.ts';
import { forbidden, invalid } from '../errors.ts';
import { diffOf } from '../ledger/append.ts';
import { msg } from '../messages.ts';
import { notificationPreferences, type ChannelChoices } from './schema.ts';

/**
 * Before a user says otherwise: the inbox and email. Group robots and SMS are opt-in, since a robot posts into a
 * group chat and SMS may cost money; urgent messages go by SMS regardless (see send.ts).
 */
export const DEFAULT_CHOICES: ChannelChoices = {
  email: true,
  wecom: false,
  dingtalk: false,
  feishu: false,
  sms: false,
  dingtalk_app: false,
  wecom_app: false,
  feishu_app: false,
};

export const choicesOf = (preference: { channels: Partial<ChannelChoices> } | undefined | null): ChannelChoices => ({
  ...DEFAULT_CHOICES,
  ...(preference?.channels ?? {}),
});

const FIELDS = ['channels', 'quietStart', 'quietEnd', 'feishuUserId', 'dingtalkUserId', 'wecomUserId'] as const;

/** Changes one's own preferences; traced about the user. Unchanged input changes and traces nothing. */
export const setNotificationPreferences = defineCommand(
  'notify.setPreferences',
  async (ctx, input: UpdateNotificationPreferencesInput) => {
    if (ctx.actor.kind !== 'user') throw forbidden(msg('notify.needs_user'));
    const userId = ctx.actor.userId;
    const [before] = await ctx.tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).for('update');
    const current = {
      channels: choicesOf(before),
      quietStart: before?.quietStart ?? null,
      quietEnd: before?.quietEnd ?? null,
      feishuUserId: before?.feishuUserId ?? null,
      dingtalkUserId: before?.dingtalkUserId ?? null,
      wecomUserId: before?.wecomUserId ?? null,
    };
    const next = {
      channels: { ...current.channels, ...stripUndefined(input.channels ?? {}) },
      quietStart: input.quietStart === undefined ? current.quietStart : input.quietStart,
      quietEnd: input.quietEnd === undefined ? current.quietEnd : input.quietEnd,
      feishuUserId: input.feishuUserId === undefined ? current.feishuUserId : input.feishuUserId,
      dingtalkUserId: input.dingtalkUserId === undefined ? current.dingtalkUserId : input.dingtalkUserId,
      wecomUserId: input.wecomUserId === undefined ? current.wecomUserId : input.wecomUserId,
    };
    if ((next.quietStart === null) !== (next.quietEnd === null)) {
      const missing = next.quietStart === null ? 'quietStart' : 'quietEnd';
      throw invalid({ [missing]: msg('notify.quiet_hours_pair') });
    }
    if (next.quietStart !== null && next.quietStart === next.quietEnd) throw invalid({ quietEnd: msg('notify.quiet_hours_empty') });

    const diff = diffOf(before ? current : null, next, FIELDS);
    if (before && Object.keys(diff).length === 0) return next;
    await ctx.tx
      .insert(notificationPreferences)
      .values({ userId, ...next, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: { ...next, updatedAt: ctx.now } });
    await ctx.trace({ action: 'notification.preferences_update', subjectType: 'user', subjectId: userId, diff });
    return next;
  },
);

const stripUndefined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
