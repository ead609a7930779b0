/** Messages of rooms, equipment and bookings (R3), merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../../kernel/messages.ts';

export const ROOM_MESSAGES = {
  'noun.room': { 'zh-CN': '会议室', 'en-US': 'room' },
  'noun.equipment': { 'zh-CN': '设备', 'en-US': 'equipment' },
  'noun.booking': { 'zh-CN': '预订', 'en-US': 'booking' },
  'noun.meeting': { 'zh-CN': '会议', 'en-US': 'meeting' },

  'rooms.name_taken': { 'zh-CN': '已有同名会议室', 'en-US': 'a room with this name already exists' },
  'rooms.code_taken': { 'zh-CN': '已有相同编号的设备', 'en-US': 'equipment with this code already exists' },
  'rooms.no_such_department': { 'zh-CN': '部门不存在或已停用', 'en-US': 'no such active department' },
  'rooms.departments_required': {
    'zh-CN': '仅限指定部门预订时，须至少选择一个部门',
    'en-US': 'choose at least one department when only listed departments may book',
  },
  'rooms.has_bookings': {
    'zh-CN': '该{what}已有预订记录，不能删除，请停用',
    'en-US': 'this {what} has bookings and cannot be deleted; deactivate it instead',
  },
  'rooms.end_before_start': { 'zh-CN': '结束时间须晚于开始时间', 'en-US': 'the end must be after the start' },
  'rooms.in_past': { 'zh-CN': '不能预订已过去的时间', 'en-US': 'a booking cannot start in the past' },
  'rooms.too_long': { 'zh-CN': '一次预订不能超过{hours}小时', 'en-US': 'a booking lasts at most {hours} hours' },
  'rooms.no_such_room': { 'zh-CN': '会议室不存在', 'en-US': 'no such room' },
  'rooms.room_inactive': { 'zh-CN': '会议室已停用，不能预订', 'en-US': 'the room is deactivated and cannot be booked' },
  'rooms.not_allowed': {
    'zh-CN': '您所在部门无权预订该会议室',
    'en-US': 'your department may not book this room',
  },
  'rooms.no_such_equipment': { 'zh-CN': '设备不存在或已停用：{names}', 'en-US': 'no such active equipment: {names}' },
  'rooms.room_too_small': {
    'zh-CN': '会议室可容纳{capacity}人，少于参会人数{count}人；如仍要预订，请确认',
    'en-US': 'the room holds {capacity} people, fewer than the {count} attending; confirm to book it anyway',
  },
  'rooms.conflict': {
    'zh-CN': '时间冲突：{resources}在{from}–{to}已被预订',
    'en-US': 'conflict: {resources} already booked {from}–{to}',
  },
  'rooms.not_cancellable': { 'zh-CN': '只有未结束的待审批或已确认预订可以取消', 'en-US': 'only a pending or confirmed booking that has not ended can be cancelled' },
  'rooms.not_pending': { 'zh-CN': '该预订不在待审批状态', 'en-US': 'the booking is not awaiting approval' },
  'rooms.needs_user': { 'zh-CN': '预订须由用户提交', 'en-US': 'a booking must be made by a user' },
  'rooms.range_too_wide': { 'zh-CN': '时间范围不能超过{days}天', 'en-US': 'the range spans at most {days} days' },
  'rooms.view_forbidden': { 'zh-CN': '只有会议室管理员可以查看全部预订', 'en-US': 'only room administrators see every booking' },
} as const satisfies Record<string, Record<Locale, string>>;

/** The plain-language ledger's words for rooms and bookings (describe.ts). */
export const ROOM_DESCRIBE_MESSAGES = {
  'describe.booking.label': { 'zh-CN': '预订 {room} {from}–{to}', 'en-US': 'booking of {room} {from}–{to}' },
  'describe.booking.created': { 'zh-CN': '{actor} {what}', 'en-US': '{actor} made the {what}' },
  'describe.booking.status.pending': { 'zh-CN': '待审批', 'en-US': 'awaiting approval' },
  'describe.booking.status.confirmed': { 'zh-CN': '已确认', 'en-US': 'confirmed' },
  'describe.booking.status.rejected': { 'zh-CN': '已驳回', 'en-US': 'rejected' },
  'describe.booking.status.cancelled': { 'zh-CN': '已取消', 'en-US': 'cancelled' },
  'describe.room.bookable_by.everyone': { 'zh-CN': '所有人', 'en-US': 'everyone' },
  'describe.room.bookable_by.departments': { 'zh-CN': '指定部门', 'en-US': 'listed departments' },
  'describe.equipment.kind.projector': { 'zh-CN': '投影仪', 'en-US': 'projector' },
  'describe.equipment.kind.video_terminal': { 'zh-CN': '视频会议终端', 'en-US': 'video terminal' },
  'describe.equipment.kind.microphone': { 'zh-CN': '麦克风', 'en-US': 'microphone' },
  'describe.equipment.kind.screen': { 'zh-CN': '显示屏', 'en-US': 'screen' },
  'describe.equipment.kind.laptop': { 'zh-CN': '笔记本电脑', 'en-US': 'laptop' },
  'describe.equipment.kind.other': { 'zh-CN': '其他', 'en-US': 'other' },
} as const satisfies Record<string, Record<Locale, string>>;
