/** What owners, assigners, department heads and supervisors are told about tracked tasks (K8), in both languages. */
import type { Ctx } from '../command.ts';
import { notify, registerNotificationTemplates } from '../notify/index.ts';
import type { TrackedTaskRow } from './schema.ts';
import { beijingMinute } from '../clock.ts';

export const TASK_TEMPLATES = registerNotificationTemplates({
  'task.assigned': {
    'zh-CN': { title: '督办任务：{title}', body: '督办任务「{title}」已交由您负责，完成时限：{deadline}。请按时办理并汇报进度。' },
    'en-US': { title: 'Tracked task: {title}', body: 'You now own the tracked task "{title}", due {deadline}. Please act on it and report progress.' },
  },
  'task.owner_overdue': {
    'zh-CN': { title: '待分配责任人：{title}', body: '督办任务「{title}」已超过{hours}小时仍未分配责任人，请尽快分配。' },
    'en-US': { title: 'Owner needed: {title}', body: 'The tracked task "{title}" has had no owner for {hours} hours; please assign one now.' },
  },
  'task.deadline_reminder': {
    'zh-CN': { title: '即将到期：{title}', body: '督办任务「{title}」将于{deadline}到期，请及时办理并汇报进度。' },
    'en-US': { title: 'Due soon: {title}', body: 'The tracked task "{title}" is due {deadline}; please complete it and report progress.' },
  },
  'task.due': {
    'zh-CN': { title: '已逾期：{title}', body: '督办任务「{title}」已到完成时限（{deadline}）仍未办结，已标记为逾期并上报您的上级。' },
    'en-US': { title: 'Overdue: {title}', body: 'The tracked task "{title}" reached its deadline ({deadline}) without being closed; it is now overdue and your supervisor has been told.' },
  },
  'task.escalated': {
    'zh-CN': { title: '逾期上报：{title}', body: '{owner}负责的督办任务「{title}」已超过完成时限（{deadline}）仍未办结，请督促办理。' },
    'en-US': { title: 'Overdue, escalated: {title}', body: 'The tracked task "{title}" owned by {owner} passed its deadline ({deadline}) without being closed; please follow it up.' },
  },
  'task.overdue_unowned': {
    'zh-CN': { title: '逾期未分配：{title}', body: '督办任务「{title}」已超过完成时限（{deadline}）仍未分配责任人，请尽快分配并督促办理。' },
    'en-US': { title: 'Overdue without owner: {title}', body: 'The tracked task "{title}" passed its deadline ({deadline}) and still has no owner; please assign one and follow it up.' },
  },
  'task.weekly_report_missing': {
    'zh-CN': { title: '缺少周进展：{title}', body: '跨部门督办任务「{title}」近7天没有进度汇报，请按每周同步进展的要求提交汇报。' },
    'en-US': { title: 'Weekly report missing: {title}', body: 'The cross-department task "{title}" has had no progress report for 7 days; a report is due every week.' },
  },
  'task.weekly_report_missing_assigner': {
    'zh-CN': { title: '责任人未提交周进展：{title}', body: '责任人{owner}本周未提交跨部门督办任务「{title}」的进展报告，请督促其按每周同步进展的要求提交。' },
    'en-US': { title: 'Owner’s weekly report missing: {title}', body: '{owner}, the owner of the cross-department task "{title}", has not reported progress this week; please follow it up.' },
  },
  'task.closure_requested': {
    'zh-CN': { title: '待验收：{title}', body: '{owner}已提交督办任务「{title}」的办结申请，请验收。' },
    'en-US': { title: 'To accept: {title}', body: '{owner} asks to close the tracked task "{title}"; please review and accept or reject.' },
  },
  'task.closure_accepted': {
    'zh-CN': { title: '已办结：{title}', body: '督办任务「{title}」的办结申请已通过验收。' },
    'en-US': { title: 'Closed: {title}', body: 'The closure of the tracked task "{title}" was accepted.' },
  },
  'task.closure_rejected': {
    'zh-CN': { title: '办结被退回：{title}', body: '督办任务「{title}」的办结申请被退回，理由：{reason}' },
    'en-US': { title: 'Closure rejected: {title}', body: 'The closure of the tracked task "{title}" was rejected: {reason}' },
  },
});

type TaskTemplates = { [K in keyof typeof TASK_TEMPLATES]: true };
declare module '../notify/templates.ts' {
  interface NotificationTemplateCatalogue extends TaskTemplates {}
}

/** A deadline as people in the company read it (Beijing time); a notification's parameters are stored as text. */
export const wallClock = (at: Date | null): string => (at ? beijingMinute(at) : '—');

/**
 * Notifies users about a task: the link opens it on the 督办 page; every template gets the title and deadline, the rest
 * of what a template needs comes in `params` (notify checks it is all there). Absent recipients (null) are skipped.
 */
export async function notifyTask(
  ctx: Ctx,
  task: TrackedTaskRow,
  recipients: (string | null)[],
  template: keyof TaskTemplates,
  params: Record<string, string | number> = {},
  urgent = false,
): Promise<void> {
  await notify(ctx, {
    recipients: recipients.filter((id): id is string => id !== null),
    template,
    params: { title: task.title, deadline: wallClock(task.deadline), ...params },
    link: `/tasks?task=${task.id}`,
    subject: { type: 'tracked_task', id: task.id },
    urgent,
  });
}
