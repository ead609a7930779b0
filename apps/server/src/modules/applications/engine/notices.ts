/** What applicants and approvers are told (K8), in both languages, and the one way the flow sends it. */
import { notify, registerNotificationTemplates } from '../../../kernel/notify/index.ts';
import type { Run } from './run.ts';

export const APPLICATION_TEMPLATES = registerNotificationTemplates({
  'application.task_assigned': {
    'zh-CN': { title: '待审批：{title}', body: '{applicant}提交的{type}「{title}」已到达“{node}”，请及时处理。' },
    'en-US': { title: 'To approve: {title}', body: '{applicant}\'s {type} "{title}" has reached "{node}" and awaits you.' },
  },
  'application.reminder': {
    'zh-CN': { title: '催办提醒：{title}', body: '{type}「{title}」在“{node}”已超过办理时限，请尽快处理。' },
    'en-US': { title: 'Reminder: {title}', body: '{type} "{title}" is past its deadline at "{node}"; please act soon.' },
  },
  'application.urged': {
    'zh-CN': { title: '催办：{title}', body: '{applicant}催办{type}「{title}」（当前节点“{node}”），请尽快处理。' },
    'en-US': { title: 'Urged: {title}', body: '{applicant} asks you to act on {type} "{title}" (at "{node}") soon.' },
  },
  'application.urged_message': {
    'zh-CN': { title: '催办：{title}', body: '{applicant}催办{type}「{title}」（当前节点“{node}”）：{message}' },
    'en-US': { title: 'Urged: {title}', body: '{applicant} asks you to act on {type} "{title}" (at "{node}"): {message}' },
  },
  'application.escalated': {
    'zh-CN': { title: '超时上报：{title}', body: '{type}「{title}」在“{node}”超过时限未处理，已按流程转由您处理。' },
    'en-US': { title: 'Escalated: {title}', body: '{type} "{title}" passed its deadline at "{node}" and was passed to you as the flow prescribes.' },
  },
  'application.transferred': {
    'zh-CN': { title: '转交待办：{title}', body: '{type}「{title}」的“{node}”审批已转交给您。' },
    'en-US': { title: 'Transferred to you: {title}', body: 'The "{node}" approval of {type} "{title}" was transferred to you.' },
  },
  'application.approved': {
    'zh-CN': { title: '已通过：{title}', body: '您的{type}「{title}」已审批通过。' },
    'en-US': { title: 'Approved: {title}', body: 'Your {type} "{title}" has been approved.' },
  },
  'application.rejected': {
    'zh-CN': { title: '已驳回：{title}', body: '您的{type}「{title}」在“{node}”被{actor}驳回，申请已结束。驳回意见：{opinion}' },
    'en-US': { title: 'Rejected: {title}', body: 'Your {type} "{title}" was rejected by {actor} at "{node}" and has ended. Opinion: {opinion}' },
  },
  'application.auto_rejected': {
    'zh-CN': { title: '已驳回：{title}', body: '您的{type}「{title}」在“{node}”超过办理时限，已按流程规定自动驳回，申请已结束。' },
    'en-US': { title: 'Rejected: {title}', body: 'Your {type} "{title}" passed its deadline at "{node}" and was rejected automatically as the flow prescribes; it has ended.' },
  },
  'application.returned': {
    'zh-CN': { title: '已退回：{title}', body: '您的{type}「{title}」在“{node}”被{actor}退回，请修改后重新提交。退回意见：{opinion}' },
    'en-US': { title: 'Returned: {title}', body: 'Your {type} "{title}" was returned to you by {actor} at "{node}"; revise and resubmit it. Opinion: {opinion}' },
  },
  'application.withdrawn': {
    'zh-CN': { title: '已撤回：{title}', body: '{applicant}已撤回{type}「{title}」，您在“{node}”的待办已关闭，无需再处理。' },
    'en-US': { title: 'Withdrawn: {title}', body: '{applicant} withdrew {type} "{title}"; your task at "{node}" is closed and needs nothing more.' },
  },
  'application.withdrawn_reason': {
    'zh-CN': { title: '已撤回：{title}', body: '{applicant}已撤回{type}「{title}」，您在“{node}”的待办已关闭，无需再处理。撤回原因：{reason}' },
    'en-US': { title: 'Withdrawn: {title}', body: '{applicant} withdrew {type} "{title}"; your task at "{node}" is closed and needs nothing more. Reason: {reason}' },
  },
  'application.cc': {
    'zh-CN': { title: '抄送：{title}', body: '{applicant}的{type}「{title}」抄送给您（{node}）。' },
    'en-US': { title: 'Copy: {title}', body: '{applicant}\'s {type} "{title}" is copied to you ({node}).' },
  },
  'application.notice': {
    'zh-CN': { title: '流程通知：{title}', body: '{type}「{title}」已到达“{node}”。' },
    'en-US': { title: 'Flow notice: {title}', body: '{type} "{title}" has reached "{node}".' },
  },
  'application.emergency': {
    'zh-CN': { title: '紧急申请：{title}', body: '{applicant}提交了紧急{type}「{title}」，临时小组成员可立即执行。' },
    'en-US': { title: 'Urgent: {title}', body: '{applicant} submitted an urgent {type} "{title}"; members of the temporary group may execute it at once.' },
  },
  'application.review_reminder': {
    'zh-CN': { title: '复核提醒：{title}', body: '紧急{type}「{title}」的事后复核会签已超过时限，请尽快复核并会签确认或书面提出异议。' },
    'en-US': { title: 'Review reminder: {title}', body: 'The review of urgent {type} "{title}" is past its deadline; please countersign it or object in writing soon.' },
  },
  'application.emergency_objected': {
    'zh-CN': { title: '紧急执行被提出异议：{title}', body: '{actor}对已紧急执行的{type}「{title}」提出书面异议：{opinion}' },
    'en-US': { title: 'Objection: {title}', body: '{actor} objected in writing to the emergency execution of {type} "{title}": {opinion}' },
  },
  'application.review_requested': {
    'zh-CN': { title: '事后复核：{title}', body: '紧急{type}「{title}」已由临时小组执行，请复核并会签确认。' },
    'en-US': { title: 'Review required: {title}', body: 'Urgent {type} "{title}" was executed by the temporary group; please review and countersign.' },
  },
});

type ApplicationTemplates = { [K in keyof typeof APPLICATION_TEMPLATES]: true };
declare module '../../../kernel/notify/templates.ts' {
  interface NotificationTemplateCatalogue extends ApplicationTemplates {}
}

/**
 * Notifies users about this application: the link opens it, urgent applications bypass quiet hours. Every template
 * gets the application's title, type, number and applicant; callers add `node` and the like.
 */
export async function notifyApplication(
  run: Run,
  recipients: string[],
  template: keyof ApplicationTemplates,
  params: Record<string, string | number>,
  urgent = false,
): Promise<void> {
  if (recipients.length === 0) return;
  await notify(run.ctx, {
    recipients,
    template,
    params: { title: run.app.title, type: run.type.name, number: run.app.number ?? '', applicant: run.applicantName, node: '', message: '', ...params },
    link: `/applications/${run.app.id}`,
    subject: { type: 'application', id: run.app.id },
    urgent: urgent || run.app.urgent,
  });
}
