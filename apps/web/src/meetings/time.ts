import dayjs from 'dayjs';

/** "2026-06-18 周四 09:00–10:30" (the weekday in the interface's language), or both days when it runs past midnight. */
export function formatMeetingTime(startsAt: string, endsAt: string): string {
  const start = dayjs(startsAt);
  const end = dayjs(endsAt);
  const day = start.format('YYYY-MM-DD ddd HH:mm');
  return start.isSame(end, 'day') ? `${day}–${end.format('HH:mm')}` : `${day} – ${end.format('YYYY-MM-DD HH:mm')}`;
}

/** Whole minutes between two instants (the meeting's length). */
export const minutesBetween = (startsAt: string, endsAt: string): number => Math.round((dayjs(endsAt).valueOf() - dayjs(startsAt).valueOf()) / 60_000);
