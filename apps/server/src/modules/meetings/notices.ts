/** What bookers and room administrators are told about bookings (K8), in both languages. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../kernel/command.ts';
import { beijingMinute } from '../../kernel/clock.ts';
import { notify, registerNotificationTemplates } from '../../kernel/notify/index.ts';
import { roles, userRoles, users } from '../../kernel/org/schema.ts';
import type { BookingRow } from './schema.ts';

export const BOOKING_TEMPLATES = registerNotificationTemplates({
  'booking.pending': {
    'zh-CN': { title: '待审批的会议室预订：{room}', body: '{booker}预订了{room}（{time}），用途：{purpose}。该会议室需审批，请批准或驳回。' },
    'en-US': { title: 'Room booking to approve: {room}', body: '{booker} booked {room} ({time}) for "{purpose}". The room needs approval; please approve or reject it.' },
  },
  'booking.approved': {
    'zh-CN': { title: '会议室预订已批准：{room}', body: '您预订的{room}（{time}）已批准。' },
    'en-US': { title: 'Room booking approved: {room}', body: 'Your booking of {room} ({time}) was approved.' },
  },
  'booking.rejected': {
    'zh-CN': { title: '会议室预订被驳回：{room}', body: '您预订的{room}（{time}）被驳回，理由：{reason}' },
    'en-US': { title: 'Room booking rejected: {room}', body: 'Your booking of {room} ({time}) was rejected: {reason}' },
  },
  'booking.cancelled_by_admin': {
    'zh-CN': { title: '会议室预订已被取消：{room}', body: '您预订的{room}（{time}）已由管理员取消。{reason}' },
    'en-US': { title: 'Room booking cancelled: {room}', body: 'Your booking of {room} ({time}) was cancelled by an administrator. {reason}' },
  },
});

type BookingTemplates = { [K in keyof typeof BOOKING_TEMPLATES]: true };
declare module '../../kernel/notify/templates.ts' {
  interface NotificationTemplateCatalogue extends BookingTemplates {}
}

const slot = (b: BookingRow) => `${beijingMinute(b.startsAt)}–${beijingMinute(b.endsAt).slice(11)}`;

/** Active room administrators (admin and custodian roles). */
async function roomAdministrators(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.tx
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(and(inArray(roles.code, ['admin', 'custodian']), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

export async function notifyBooking(
  ctx: Ctx,
  booking: BookingRow,
  room: string,
  template: keyof BookingTemplates,
  params: Record<string, string> = {},
): Promise<void> {
  const recipients = template === 'booking.pending' ? await roomAdministrators(ctx) : [booking.bookerId];
  if (recipients.length === 0) return;
  await notify(ctx, {
    recipients,
    template,
    params: { room, time: slot(booking), purpose: booking.purpose, ...params },
    link: '/rooms/bookings',
    subject: { type: 'booking', id: booking.id },
  });
}
