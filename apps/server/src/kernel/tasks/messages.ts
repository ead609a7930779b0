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
  'tasks.range_backwards': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'the end must come after the start' },
  'tasks.range_too_wide': { 'zh-CN': '时间范围不能超过{days}天', 'en-US': 'the range spans at most {days} days' },

  'tasks.export_sheet': { 'zh-CN': '督办任务', 'en-US': 'Tracked tasks' },
  'tasks.export_col_number': { 'zh-CN': '督办编号', 'en-US': 'Number' },
  'tasks.export_col_title': { 'zh-CN': '事项', 'en-US': 'Task' },
  'tasks.export_col_source': { 'zh-CN': '来源', 'en-US': 'Source' },
  'tasks.export_col_department': { 'zh-CN': '责任部门', 'en-US': 'Responsible department' },
  'tasks.export_col_owner': { 'zh-CN': '责任人', 'en-US': 'Owner' },
  'tasks.export_col_assigner': { 'zh-CN': '交办人', 'en-US': 'Assigned by' },
  'tasks.export_col_deadline': { 'zh-CN': '截止时间（北京时间）', 'en-US': 'Deadline (Beijing time)' },
  'tasks.export_col_status': { 'zh-CN': '状态', 'en-US': 'Status' },
  'tasks.export_col_overdue': { 'zh-CN': '是否逾期', 'en-US': 'Overdue' },
  'tasks.export_col_last_report': { 'zh-CN': '最近汇报（北京时间）', 'en-US': 'Last report (Beijing time)' },
  'tasks.export_col_cross_department': { 'zh-CN': '跨部门', 'en-US': 'Cross-department' },
  'tasks.export_col_created': { 'zh-CN': '交办时间（北京时间）', 'en-US': 'Assigned (Beijing time)' },
  'tasks.export_no_owner': { 'zh-CN': '待分配', 'en-US': 'awaiting owner' },
  'tasks.export_yes': { 'zh-CN': '是', 'en-US': 'yes' },
  'tasks.export_no': { 'zh-CN': '否', 'en-US': 'no' },
} as const satisfies Record<string, Record<Locale, string>>;
