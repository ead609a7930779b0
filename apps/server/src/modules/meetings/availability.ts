/**
 * What is free and what is in the way: the claims that overlap a wished-for slot (shown before saving and named in the
 * 409 when the database refuses a booking), and free windows of the same length to suggest instead. Reads only: the
 * guarantee against double booking is the exclusion constraint, not these checks.
 */
import { sql } from 'drizzle-orm';
import type { BookingConflict, FreeSlot } from '@henji/contracts';
import { queryRows, type Queryable } from '../../db/client.ts';
import { loadCalendar, workingMsBetween } from '../../kernel/calendar/index.ts';
import { uuidList } from '../../kernel/ledger/describe.ts';

const STEP_MS = 30 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** Suggestions look this many days ahead of the wished-for start. */
const HORIZON_DAYS = 7;

/** `[from, to)` as a tstzrange literal. */
export const rangeOf = (from: Date, to: Date) => sql`tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`;

/** Unreleased claims on any of `resourceIds` overlapping `[from, to)`, other than `exceptBookingId`'s. */
export async function conflictsOf(q: Queryable, resourceIds: readonly string[], from: Date, to: Date, exceptBookingId?: string): Promise<BookingConflict[]> {
  if (resourceIds.length === 0) return [];
  const rows = await queryRows<{ resource_type: 'room' | 'equipment'; resource_id: string; booking_id: string; name: string; starts_at: Date | string; ends_at: Date | string }>(
    q,
    sql`select br.resource_type, br.resource_id::text as resource_id, br.booking_id::text as booking_id,
               coalesce(r.name, e.name, '') as name, b.starts_at, b.ends_at
          from booking_resources br
          join bookings b on b.id = br.booking_id
          left join rooms r on r.id = br.resource_id
          left join equipment e on e.id = br.resource_id
         where not br.released and br.resource_id in (${uuidList(resourceIds)}) and br.during && ${rangeOf(from, to)}
           ${exceptBookingId ? sql`and br.booking_id <> ${exceptBookingId}::uuid` : sql``}
         order by b.starts_at, br.resource_type desc, name`,
  );
  return rows.map((r) => ({
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    resourceName: r.name,
    bookingId: r.booking_id,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
  }));
}

/**
 * Up to `limit` free, non-overlapping windows as long as `[from, to)`, for all of `resourceIds` at once, starting at half-hour steps
 * from the wished-for start (or now, if later) over the next days, each wholly inside the default business calendar's
 * working time (so not at night, on weekends or holidays; 调休 make-up days count as working days).
 */
export async function freeSlots(q: Queryable, resourceIds: readonly string[], from: Date, to: Date, at: Date, limit: number): Promise<FreeSlot[]> {
  const length = to.getTime() - from.getTime();
  if (length <= 0 || resourceIds.length === 0) return [];
  const earliest = Math.max(from.getTime(), Math.ceil(at.getTime() / STEP_MS) * STEP_MS);
  const first = Math.ceil(earliest / STEP_MS) * STEP_MS;
  const horizon = from.getTime() + HORIZON_DAYS * DAY_MS;
  const busy = (
    await queryRows<{ lower: Date | string; upper: Date | string }>(
      q,
      sql`select lower(during) as lower, upper(during) as upper from booking_resources
           where not released and resource_id in (${uuidList(resourceIds)}) and during && ${rangeOf(new Date(first), new Date(horizon + length))}
           order by lower(during)`,
    )
  ).map((r) => [new Date(r.lower).getTime(), new Date(r.upper).getTime()] as const);
  const calendar = await loadCalendar(q, null);
  const found: FreeSlot[] = [];
  for (let start = first; start <= horizon && found.length < limit; ) {
    const end = start + length;
    if (busy.some(([b, e]) => b < end && e > start) || workingMsBetween(calendar, new Date(start), new Date(end)) !== length) {
      start += STEP_MS;
      continue;
    }
    found.push({ startsAt: new Date(start).toISOString(), endsAt: new Date(end).toISOString() });
    // The next suggestion starts after this one: distinct windows, not the same hour shifted by half an hour.
    start = Math.ceil(end / STEP_MS) * STEP_MS;
  }
  return found;
}
