/** What the chair, the recorder and the minutes' readers are told (K8), in both languages. */
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { Ctx } from '../../../kernel/command.ts';
import { notify, registerNotificationTemplates } from '../../../kernel/notify/index.ts';
import { users } from '../../../kernel/org/schema.ts';
import { meetingPage } from '../meeting-notices.ts';
import { meetingAttendees, type MeetingRow } from '../schema.ts';

export const MINUTES_TEMPLATES = registerNotificationTemplates({
  'minutes.submitted': {
    'zh-CN': { title: '会议纪要待您审核：{topic}', body: '{recorder}提交了「{topic}」的会议纪要（第 {version} 版），请审核批准或退回。' },
    'en-US': { title: 'Minutes to review: {topic}', body: '{recorder} submitted the minutes of "{topic}" (version {version}); please approve or return them.' },
  },
  'minutes.returned': {
    'zh-CN': { title: '会议纪要被退回：{topic}', body: '主持人退回了「{topic}」的会议纪要（第 {version} 版），意见：{comment}' },
    'en-US': { title: 'Minutes returned: {topic}', body: 'The chair returned the minutes of "{topic}" (version {version}): {comment}' },
  },
  'minutes.approved': {
    'zh-CN': { title: '会议纪要已发布：{topic}', body: '「{topic}」的会议纪要（第 {version} 版）已批准发布。如有意见，请于 {until} 前反馈。' },
    'en-US': { title: 'Minutes published: {topic}', body: 'The minutes of "{topic}" (version {version}) are approved. Send any feedback before {until}.' },
  },
  'minutes.feedback': {
    'zh-CN': { title: '会议纪要收到反馈：{topic}', body: '{author}对「{topic}」的会议纪要提出意见：{body}' },
    'en-US': { title: 'Feedback on the minutes: {topic}', body: '{author} on the minutes of "{topic}": {body}' },
  },
});

type MinutesTemplates = { [K in keyof typeof MINUTES_TEMPLATES]: true };
declare module '../../../kernel/notify/templates.ts' {
  interface NotificationTemplateCatalogue extends MinutesTemplates {}
}

export async function notifyMinutes(
  ctx: Ctx,
  meeting: MeetingRow,
  recipients: string[],
  template: keyof MinutesTemplates,
  params: Record<string, string>,
): Promise<void> {
  const actor = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const to = [...new Set(recipients)].filter((id) => id !== actor);
  if (to.length === 0) return;
  // A confidential meeting's notices name the meeting and what happened, never the minutes' words.
  const safe = meeting.confidential && 'comment' in params ? { ...params, comment: '—' } : meeting.confidential && 'body' in params ? { ...params, body: '—' } : params;
  await notify(ctx, { recipients: to, template, params: { topic: meeting.topic, ...safe }, link: meetingPage(meeting.id), subject: { type: 'meeting_minutes', id: meeting.id } });
}

/**
 * Who receives the approved minutes: the attendees (not those who handed their seat to a delegate), the chair, the
 * recorder, the organiser, and the active members of the invited and the chosen departments.
 */
export async function distributionOf(ctx: Ctx, meeting: MeetingRow, departmentIds: string[]): Promise<string[]> {
  const attendees = await ctx.tx
    .select({ id: meetingAttendees.userId })
    .from(meetingAttendees)
    .where(and(eq(meetingAttendees.meetingId, meeting.id), or(isNull(meetingAttendees.reply), ne(meetingAttendees.reply, 'delegated'))));
  const members = departmentIds.length === 0
    ? []
    : await ctx.tx.select({ id: users.id }).from(users).where(and(inArray(users.departmentId, departmentIds), eq(users.status, 'active')));
  return [...new Set([meeting.chairId, meeting.recorderId, meeting.organiserId, ...attendees.map((a) => a.id), ...members.map((m) => m.id)])];
}
