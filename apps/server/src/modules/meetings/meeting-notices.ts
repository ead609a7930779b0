/**
 * What the people of a meeting are told (K8): the notice, changes, the cancellation, a delegated seat, reminders.
 * In-app, by the channels each person chose (email carries the meeting's .ics — see meeting-calendar.ts — and group
 * robots post one message for the batch), all queued in the command's transaction.
 */
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/command.ts';
import { beijingMinute } from '../../kernel/clock.ts';
import { notify, registerNotificationTemplates } from '../../kernel/notify/index.ts';
import { users } from '../../kernel/org/schema.ts';
import type { MeetingRow } from './schema.ts';

export const MEETING_TEMPLATES = registerNotificationTemplates({
  'meeting.notice': {
    'zh-CN': {
      title: '会议通知：{topic}',
      body: '{organiser}邀请您参加会议「{topic}」。\n时间：{time}\n地点：{place}\n主持人：{chair}\n{purpose}请在会议页面确认参加、请假或委托他人参加。',
    },
    'en-US': {
      title: 'Meeting notice: {topic}',
      body: '{organiser} invites you to "{topic}".\nTime: {time}\nPlace: {place}\nChair: {chair}\n{purpose}Please accept, decline or delegate on the meeting page.',
    },
  },
  'meeting.updated': {
    'zh-CN': { title: '会议变更：{topic}', body: '会议「{topic}」已变更，请以最新安排为准。\n时间：{time}\n地点：{place}\n主持人：{chair}' },
    'en-US': { title: 'Meeting changed: {topic}', body: '"{topic}" has changed; the current arrangement:\nTime: {time}\nPlace: {place}\nChair: {chair}' },
  },
  'meeting.cancelled': {
    'zh-CN': { title: '会议取消：{topic}', body: '原定{time}在{place}召开的会议「{topic}」已取消。原因：{reason}' },
    'en-US': { title: 'Meeting cancelled: {topic}', body: '"{topic}" ({time}, {place}) is cancelled. Reason: {reason}' },
  },
  'meeting.removed': {
    'zh-CN': { title: '无需参加会议：{topic}', body: '您已不在会议「{topic}」（{time}，{place}）的参会名单中，无需参加。' },
    'en-US': { title: 'No longer invited: {topic}', body: 'You are no longer on the list of "{topic}" ({time}, {place}) and need not attend.' },
  },
  'meeting.delegated': {
    'zh-CN': { title: '委托参会：{topic}', body: '{from}委托您参加会议「{topic}」。\n时间：{time}\n地点：{place}\n委托原因：{reason}\n请在会议页面确认。' },
    'en-US': { title: 'Attend on behalf of a colleague: {topic}', body: '{from} asks you to attend "{topic}" in their place.\nTime: {time}\nPlace: {place}\nReason: {reason}\nPlease answer on the meeting page.' },
  },
  'meeting.reminder': {
    'zh-CN': { title: '请回复会议通知：{topic}', body: '您尚未回复会议「{topic}」（{time}，{place}）的通知，请确认参加、请假或委托他人参加。{message}' },
    'en-US': { title: 'Please answer the notice: {topic}', body: 'You have not answered the notice of "{topic}" ({time}, {place}). Please accept, decline or delegate. {message}' },
  },
});

type MeetingTemplates = { [K in keyof typeof MEETING_TEMPLATES]: true };
export type MeetingTemplate = keyof MeetingTemplates;
declare module '../../kernel/notify/templates.ts' {
  interface NotificationTemplateCatalogue extends MeetingTemplates {}
}

/** "2026-06-18 09:00–10:30" in Beijing time (the date once when the meeting ends the same day). */
/** The meeting's page in the web app: the link of its notices, minutes notices and printed records. */
export const meetingPage = (meetingId: string): string => `/meetings/${meetingId}`;

export function meetingTime(startsAt: Date, endsAt: Date): string {
  const from = beijingMinute(startsAt);
  const to = beijingMinute(endsAt);
  return `${from}–${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to}`;
}

/** "（共 12 次）" — the count is language-neutral enough for both catalogues' sentences. */
const occurrencesWord = (n: number) => `(×${n})`;

async function namesOf(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  const rows = await ctx.tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Tells `recipients` about `meeting` with `template`; the meeting's time, place, chair and organiser are filled in,
 * and `extra` adds the template's own parameters (a reason, who delegated).
 */
export async function notifyMeeting(
  ctx: Ctx,
  meeting: MeetingRow,
  recipients: readonly string[],
  template: MeetingTemplate,
  extra: Record<string, string> = {},
  about: { type: 'meeting' | 'meeting_series'; id: string } = { type: 'meeting', id: meeting.id },
  occurrences = 1,
): Promise<number> {
  if (recipients.length === 0) return 0;
  const names = await namesOf(ctx, [meeting.organiserId, meeting.chairId]);
  const result = await notify(ctx, {
    recipients,
    template,
    params: {
      topic: meeting.topic,
      time: occurrences > 1 ? `${meetingTime(meeting.startsAt, meeting.endsAt)} ${occurrencesWord(occurrences)}` : meetingTime(meeting.startsAt, meeting.endsAt),
      place: meeting.location || '—',
      chair: names.get(meeting.chairId) ?? '',
      organiser: names.get(meeting.organiserId) ?? '',
      // A confidential meeting's purpose stays on the meeting page, not in mail and group chats.
      purpose: meeting.purpose && !meeting.confidential ? `${meeting.purpose}\n` : '',
      ...extra,
    },
    link: meetingPage(meeting.id),
    subject: about,
  });
  return result?.notifications.length ?? 0;
}
