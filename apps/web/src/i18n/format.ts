import dayjs from 'dayjs';

/** Times are shown in the browser's zone with seconds, because traces are evidence and order matters. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD HH:mm:ss') : iso;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.format('YYYY-MM-DD') : iso;
}

export const isFuture = (iso: string | null | undefined): boolean => Boolean(iso && dayjs(iso).isAfter(dayjs()));
