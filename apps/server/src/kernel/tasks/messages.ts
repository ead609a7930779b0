/** Messages of tracked tasks (督办, T1–T3), merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const TASK_MESSAGES = {
  'noun.tracked_task': { 'zh-CN': '督办任务', 'en-US': 'tracked task' },

  'tasks.deadline_past': { 'zh-CN': '完成时限须晚于当前时间', 'en-US': 'the deadline must be in the future' },
  'tasks.no_such_owner': { 'zh-CN': '责任人不存在或已停用', 'en-US': 'no such active user to be the owner' },
  'tasks.no_such_department': { 'zh-CN': '责任部门不存在或已停用', 'en-US': 'no such active department' },
  'tasks.not_assignable': {
    'zh-CN': '该任务已提交结项或已办结，不能再分配责任人',
    'en-US': 'the task has been submitted for closure or is closed; its owner can no longer change',
  },
  'tasks.same_owner': { 'zh-CN': '此人已是该任务的责任人', 'en-US': 'this person already owns the task' },
  'tasks.not_in_progress': { 'zh-CN': '只有办理中的任务才能汇报进度或申请结项', 'en-US': 'only a task in progress takes reports or a closure request' },
  'tasks.not_submitted': { 'zh-CN': '该任务没有待验收的结项申请', 'en-US': 'the task has no closure request to decide' },
  'tasks.needs_user': { 'zh-CN': '督办任务须由用户交办', 'en-US': 'a tracked task must be assigned by a user' },
  'tasks.reason_required': { 'zh-CN': '退回结项申请须填写书面理由', 'en-US': 'a written reason is required to reject a closure' },
} as const satisfies Record<string, Record<Locale, string>>;
