/** Messages of meetings (M1: the meeting, its series, notice, replies, reminders and the iCalendar feed). */
import type { Locale } from '../../kernel/messages.ts';

export const MEETING_MESSAGES = {
  'noun.meeting_series': { 'zh-CN': '会议系列', 'en-US': 'meeting series' },
  'noun.calendar_feed': { 'zh-CN': '日历订阅', 'en-US': 'calendar feed' },
  'meetings.agenda_after_minutes': {
    'zh-CN': '纪要已开始记录，议程不能再修改',
    'en-US': 'the minutes have been started; the agenda can no longer change',
  },
  'meetings.confidential_booking': { 'zh-CN': '保密会议', 'en-US': 'confidential meeting' },
  'meetings.needs_user': { 'zh-CN': '会议须由用户安排', 'en-US': 'a meeting must be arranged by a user' },
  'meetings.end_before_start': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'the end must be after the start' },
  'meetings.in_past': { 'zh-CN': '会议不能安排在已过去的时间', 'en-US': 'a meeting cannot start in the past' },
  'meetings.too_long': { 'zh-CN': '一次会议不能超过{hours}小时', 'en-US': 'a meeting lasts at most {hours} hours' },
  'meetings.no_such_user': { 'zh-CN': '人员不存在或已停用：{names}', 'en-US': 'no such active person: {names}' },
  'meetings.no_such_department': { 'zh-CN': '部门不存在或已停用：{names}', 'en-US': 'no such active department: {names}' },
  'meetings.no_attendees': { 'zh-CN': '请至少选择一名参会人', 'en-US': 'invite at least one attendee' },
  'meetings.too_many_attendees': { 'zh-CN': '一次会议最多邀请{max}人', 'en-US': 'a meeting invites at most {max} people' },
  'meetings.room_too_small': {
    'zh-CN': '会议室可容纳{capacity}人，少于参会人数{count}人；如仍要使用，请确认',
    'en-US': 'the room holds {capacity} people, fewer than the {count} invited; confirm to use it anyway',
  },
  'meetings.agenda_too_long': {
    'zh-CN': '议程共{agenda}分钟，超过会议时长{meeting}分钟；如仍要保存，请确认',
    'en-US': 'the agenda takes {agenda} minutes, longer than the meeting\'s {meeting}; confirm to save it anyway',
  },
  'meetings.series_conflicts': {
    'zh-CN': '{count}场会议时间冲突：{resources}在{from}–{to}等时段已被预订',
    'en-US': '{count} occurrences conflict: {resources} already booked {from}–{to} and more',
  },
  'meetings.not_editable': { 'zh-CN': '已取消或已结束的会议不能修改', 'en-US': 'a cancelled or ended meeting cannot be changed' },
  'meetings.not_cancellable': { 'zh-CN': '已取消或已结束的会议不能取消', 'en-US': 'a cancelled or ended meeting cannot be cancelled' },
  'meetings.notice_not_allowed': { 'zh-CN': '已取消或已结束的会议不能发送通知', 'en-US': 'no notice for a cancelled or ended meeting' },
  'meetings.not_in_series': { 'zh-CN': '该会议不属于重复系列', 'en-US': 'this meeting is not part of a series' },
  'meetings.recurrence_only_following': {
    'zh-CN': '只有修改"此次及以后"时才能更改重复规则',
    'en-US': 'the rule can be changed only for this and the following occurrences',
  },
  'meetings.reply_not_allowed': {
    'zh-CN': '只有收到通知、尚未签到的参会人可在会议结束前回复',
    'en-US': 'only a noticed attendee who has not signed in may reply before the meeting ends',
  },
  'meetings.delegate_invalid': { 'zh-CN': '被委托人不存在或已停用', 'en-US': 'the colleague is not an active user' },
  'meetings.delegate_already_invited': { 'zh-CN': '被委托人已在参会名单中', 'en-US': 'the colleague is already invited' },
  'meetings.delegate_self': { 'zh-CN': '不能委托给自己', 'en-US': 'you cannot delegate to yourself' },
  'meetings.remind_not_allowed': { 'zh-CN': '只有已发通知、未结束的会议可以提醒', 'en-US': 'only a noticed meeting that has not ended can be reminded' },
  'meetings.remind_too_soon': {
    'zh-CN': '每小时最多提醒一次，请于{at}后再试',
    'en-US': 'reminders go at most once an hour; try again after {at}',
  },
  'meetings.remind_nobody': { 'zh-CN': '所有必须参会人都已回复', 'en-US': 'every required attendee has answered' },
  'meetings.view_forbidden': { 'zh-CN': '只有管理员和审计可以查看全部会议', 'en-US': 'only administrators and audit see every meeting' },
  'meetings.range_too_wide': { 'zh-CN': '时间范围不能超过{days}天', 'en-US': 'the range spans at most {days} days' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The plain-language ledger's words for meetings (meeting-describe.ts). */
export const MEETING_DESCRIBE_MESSAGES = {
  'describe.meeting.label': { 'zh-CN': '会议「{topic}」{from}', 'en-US': 'meeting "{topic}" {from}' },
  'describe.meeting.kind.department_weekly': { 'zh-CN': '部门例会', 'en-US': 'department weekly meeting' },
  'describe.meeting.kind.quarterly_strategy': { 'zh-CN': '季度战略会', 'en-US': 'quarterly strategy meeting' },
  'describe.meeting.kind.project': { 'zh-CN': '项目会议', 'en-US': 'project meeting' },
  'describe.meeting.kind.ad_hoc': { 'zh-CN': '临时会议', 'en-US': 'ad hoc meeting' },
  'describe.meeting.reply.pending': { 'zh-CN': '未回复', 'en-US': 'no answer' },
  'describe.meeting.reply.accepted': { 'zh-CN': '确认参加', 'en-US': 'accepted' },
  'describe.meeting.reply.declined': { 'zh-CN': '请假', 'en-US': 'declined' },
  'describe.meeting.reply.delegated': { 'zh-CN': '委托参会', 'en-US': 'delegated' },
  'describe.meeting_series.label': { 'zh-CN': '会议系列「{topic}」', 'en-US': 'meeting series "{topic}"' },
  'describe.calendar_feed.label': { 'zh-CN': '{user}的日历订阅', 'en-US': 'calendar feed of {user}' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The notice PDF's words (notice-pdf.ts). */
export const NOTICE_PDF_MESSAGES = {
  'notice_pdf.title': { 'zh-CN': '会议通知', 'en-US': 'Meeting notice' },
  'notice_pdf.cancelled': { 'zh-CN': '（本次会议已取消：{reason}）', 'en-US': '(This meeting is cancelled: {reason})' },
  'notice_pdf.topic': { 'zh-CN': '会议主题', 'en-US': 'Topic' },
  'notice_pdf.kind': { 'zh-CN': '会议类型', 'en-US': 'Type' },
  'notice_pdf.time': { 'zh-CN': '会议时间', 'en-US': 'Time' },
  'notice_pdf.place': { 'zh-CN': '会议地点', 'en-US': 'Place' },
  'notice_pdf.chair': { 'zh-CN': '主持人', 'en-US': 'Chair' },
  'notice_pdf.recorder': { 'zh-CN': '记录人', 'en-US': 'Recorder' },
  'notice_pdf.organiser': { 'zh-CN': '组织人', 'en-US': 'Organiser' },
  'notice_pdf.series': { 'zh-CN': '重复', 'en-US': 'Repeats' },
  'notice_pdf.equipment': { 'zh-CN': '预订设备', 'en-US': 'Equipment booked' },
  'notice_pdf.purpose': { 'zh-CN': '会议目的', 'en-US': 'Purpose' },
  'notice_pdf.agenda': { 'zh-CN': '会议议程', 'en-US': 'Agenda' },
  'notice_pdf.total': { 'zh-CN': '合计（分钟）', 'en-US': 'Total (minutes)' },
  'notice_pdf.preparation': { 'zh-CN': '会前准备', 'en-US': 'Preparation' },
  'notice_pdf.attendees': { 'zh-CN': '参会人员（{count}人）', 'en-US': 'Attendees ({count})' },
  'notice_pdf.optional': { 'zh-CN': '（列席）', 'en-US': ' (optional)' },
  'notice_pdf.attachments': { 'zh-CN': '附件', 'en-US': 'Attachments' },
  'notice_pdf.issued': { 'zh-CN': '通知发出时间：{at}', 'en-US': 'Notice sent: {at}' },
  'notice_pdf.col_no': { 'zh-CN': '序号', 'en-US': 'No.' },
  'notice_pdf.col_item': { 'zh-CN': '议题', 'en-US': 'Item' },
  'notice_pdf.col_presenter': { 'zh-CN': '汇报人', 'en-US': 'Presenter' },
  'notice_pdf.col_minutes': { 'zh-CN': '时长（分钟）', 'en-US': 'Minutes' },
  'notice_pdf.col_name': { 'zh-CN': '姓名', 'en-US': 'Name' },
  'notice_pdf.col_department': { 'zh-CN': '部门', 'en-US': 'Department' },
  'notice_pdf.col_materials': { 'zh-CN': '需准备的材料', 'en-US': 'Materials to prepare' },
  'notice_pdf.col_reply': { 'zh-CN': '回复', 'en-US': 'Reply' },
} as const satisfies Record<string, Record<Locale, string>>;
