/**
 * 预订: book a room (and movable equipment) for a slot, cancel, and the administrator's approval or rejection.
 * Saving claims every resource in `booking_resources`, whose exclusion constraint refuses an overlapping claim — also
 * between concurrent transactions, which the constraint makes wait for each other. A refused claim is answered 409
 * naming what is in the way. Cancelling or rejecting releases the claims in the same transaction: the slot is free
 * the moment it commits.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { BookingInput } from '@henji/contracts';
import { authorize, can } from '../../../kernel/access/policy.ts';
import { beijingMinute } from '../../../kernel/clock.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, DomainError, forbidden, notFound } from '../../../kernel/errors.ts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { assessBooking, type Assessment } from '../assess.ts';
import { conflictsOf, rangeOf } from '../availability.ts';
import { notifyBooking } from '../notices.ts';
import { managesRooms } from '../policies.ts';
import { bookingResources, bookings, rooms, type BookingRow } from '../schema.ts';

const EXCLUSION_VIOLATION = '23P01';

function isExclusionViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++, e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === EXCLUSION_VIOLATION) return true;
  }
  return false;
}

function validationFailed(problems: Record<string, Message>, capacityWarning: boolean): DomainError {
  return new DomainError('validation_failed', msg('error.validation_failed'), {
    fields: Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, [v]])),
    ...(capacityWarning ? { warnings: ['room_too_small'] } : {}),
  });
}

export const createBooking = defineCommand('rooms.createBooking', async (ctx, input: BookingInput) => {
  if (ctx.actor.kind !== 'user') throw forbidden(msg('rooms.needs_user'));
  const assessment = await assessBooking(ctx.tx, ctx.actor, input, ctx.now);
  if (Object.keys(assessment.problems).length > 0 || !assessment.room) throw validationFailed(assessment.problems, assessment.capacityWarning);
  const placed = await placeBooking(ctx, assessment, input);
  if (!placed.ok) throw await conflictError(ctx, placed.resourceIds, assessment.startsAt, assessment.endsAt);
  return placed.row;
});

/** The advisory-lock class of booked resources (the second key is the hash of the resource's id). */
const RESOURCE_LOCK_CLASS = 7402;

/**
 * Makes concurrent bookings of one resource take turns before they claim it. The exclusion constraint alone decides
 * who gets a slot, but two transactions inserting overlapping claims at once each find the other's uncommitted row
 * and wait for it: PostgreSQL breaks that deadlock only after `deadlock_timeout` (1 s), and 32 clients on one
 * projector took up to 20 s to be answered (bench/booking-race.ts). Holding a transaction-level lock per resource —
 * taken in one statement, in the order of the keys, so two bookings of several resources cannot wait on each other —
 * lets the first claim commit and the next one meet a committed row: an immediate refusal, answered 409.
 */
async function queueForResources(ctx: Ctx, resourceIds: string[]): Promise<void> {
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(${RESOURCE_LOCK_CLASS}, k)
          from (select distinct hashtext(r) as k from unnest(array[${sql.join(resourceIds.map((id) => sql`${id}`), sql`, `)}]::text[]) r order by 1) keys`,
  );
}

export type Placed = { ok: true; row: BookingRow } | { ok: false; resourceIds: string[] };

/**
 * The core of a booking, for the booking command and for commands that book as part of something larger (a meeting
 * and every occurrence of its series), inside the caller's transaction: inserts the booking and claims its room and
 * equipment under a savepoint, traces it and tells the room administrators when it waits for approval. A claim the
 * exclusion constraint refuses leaves nothing behind and answers `ok: false`, so the caller can collect the
 * conflicts of several slots before failing. The assessment must be free of problems.
 */
export async function placeBooking(ctx: Ctx, assessment: Assessment, input: BookingInput): Promise<Placed> {
  const booker = ctx.actor;
  if (booker.kind !== 'user' || !assessment.room) throw forbidden(msg('rooms.needs_user'));
  const { room, startsAt, endsAt } = assessment;
  const id = randomUUID();
  const status = room.approvalRequired && !managesRooms(booker) ? 'pending' : 'confirmed';
  const equipmentIds = assessment.equipment.map((e) => e.id);
  const during = rangeOf(startsAt, endsAt);
  const claims = [
    { bookingId: id, resourceType: 'room' as const, resourceId: room.id, during },
    ...equipmentIds.map((resourceId) => ({ bookingId: id, resourceType: 'equipment' as const, resourceId, during })),
  ];
  await queueForResources(ctx, claims.map((c) => c.resourceId));
  let row: BookingRow | undefined;
  try {
    // A savepoint, so that after a refusal the transaction can still read what is in the way.
    row = await ctx.tx.transaction(async (sp) => {
      const [inserted] = await sp
        .insert(bookings)
        .values({
          id,
          roomId: room.id,
          bookerId: booker.userId,
          purpose: input.purpose,
          startsAt,
          endsAt,
          attendeeCount: input.attendeeCount ?? null,
          equipmentIds,
          status,
          capacityOverridden: assessment.capacityWarning,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      await sp.insert(bookingResources).values(claims);
      return inserted!;
    });
  } catch (error) {
    if (!isExclusionViolation(error)) throw error;
    return { ok: false, resourceIds: [room.id, ...equipmentIds] };
  }
  await ctx.trace({
    action: 'booking.create',
    subjectType: 'booking',
    subjectId: id,
    diff: {
      roomId: { after: room.id },
      purpose: { after: input.purpose },
      startsAt: { after: startsAt.toISOString() },
      endsAt: { after: endsAt.toISOString() },
      status: { after: status },
      ...(equipmentIds.length > 0 ? { equipmentIds: { after: equipmentIds } } : {}),
      ...(input.attendeeCount != null ? { attendeeCount: { after: input.attendeeCount } } : {}),
      ...(assessment.capacityWarning ? { capacityOverridden: { after: true } } : {}),
    },
  });
  if (status === 'pending') await notifyBooking(ctx, row, room.name, 'booking.pending', { booker: booker.displayName });
  return { ok: true, row };
}

/** 409 naming every resource in the way and when it is taken (Beijing time). */
export async function conflictError(ctx: Ctx, resourceIds: string[], startsAt: Date, endsAt: Date): Promise<DomainError> {
  const conflicts = await conflictsOf(ctx.tx, resourceIds, startsAt, endsAt);
  const first = conflicts[0];
  const names = [...new Set(conflicts.map((c) => c.resourceName))];
  return conflict(
    msg('rooms.conflict', {
      resources: names.length > 0 ? names : ['—'],
      from: first ? beijingMinute(first.startsAt) : beijingMinute(startsAt),
      to: first ? beijingMinute(first.endsAt).slice(11) : beijingMinute(endsAt).slice(11),
    }),
    { conflicts },
  );
}

async function lockBooking(ctx: Ctx, id: string, action: 'cancel' | 'approve' | 'reject', stateProblem: Message): Promise<BookingRow> {
  const [row] = await ctx.tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
  if (!row || !can(ctx.actor, 'read', 'booking', row)) throw notFound('booking');
  if (!can(ctx.actor, action, 'booking', row)) {
    const holds = row.status === 'pending' || row.status === 'confirmed';
    if (action === 'cancel' ? !holds || row.endsAt.getTime() <= ctx.now.getTime() : row.status !== 'pending') throw conflict(stateProblem);
    authorize(ctx.actor, action, 'booking', row, 'booking');
  }
  return row;
}

export async function release(ctx: Ctx, id: string): Promise<void> {
  await ctx.tx.update(bookingResources).set({ released: true }).where(eq(bookingResources.bookingId, id));
}

async function roomName(ctx: Ctx, roomId: string): Promise<string> {
  const [room] = await ctx.tx.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, roomId));
  return room?.name ?? '';
}

async function saveBooking(ctx: Ctx, id: string, changes: Partial<BookingRow>): Promise<BookingRow> {
  const [row] = await ctx.tx.update(bookings).set({ ...changes, updatedAt: ctx.now }).where(eq(bookings.id, id)).returning();
  return row!;
}

export const cancelBooking = defineCommand('rooms.cancelBooking', async (ctx, input: { id: string; reason?: string | undefined }) => {
  const row = await lockBooking(ctx, input.id, 'cancel', msg('rooms.not_cancellable'));
  await release(ctx, row.id);
  const saved = await saveBooking(ctx, row.id, { status: 'cancelled', cancelledAt: ctx.now });
  await ctx.trace({
    action: 'booking.cancel',
    subjectType: 'booking',
    subjectId: row.id,
    diff: { status: { before: row.status, after: 'cancelled' } },
    comment: input.reason?.trim() || null,
  });
  // An administrator cancelling someone else's booking tells the booker; the booker needs no notice of their own act.
  if (ctx.actor.kind === 'user' && ctx.actor.userId !== row.bookerId) {
    await notifyBooking(ctx, saved, await roomName(ctx, row.roomId), 'booking.cancelled_by_admin', { reason: input.reason?.trim() ?? '' });
  }
  return saved;
});

export const approveBooking = defineCommand('rooms.approveBooking', async (ctx, input: { id: string; comment?: string | undefined }) => {
  const row = await lockBooking(ctx, input.id, 'approve', msg('rooms.not_pending'));
  const comment = input.comment?.trim() || null;
  const saved = await saveBooking(ctx, row.id, { status: 'confirmed', decidedById: ctx.actor.kind === 'user' ? ctx.actor.userId : null, decidedAt: ctx.now, decisionComment: comment });
  await ctx.trace({ action: 'booking.approve', subjectType: 'booking', subjectId: row.id, diff: { status: { before: row.status, after: 'confirmed' } }, comment });
  await notifyBooking(ctx, saved, await roomName(ctx, row.roomId), 'booking.approved');
  return saved;
});

export const rejectBooking = defineCommand('rooms.rejectBooking', async (ctx, input: { id: string; reason: string }) => {
  const row = await lockBooking(ctx, input.id, 'reject', msg('rooms.not_pending'));
  const reason = input.reason.trim();
  await release(ctx, row.id);
  const saved = await saveBooking(ctx, row.id, { status: 'rejected', decidedById: ctx.actor.kind === 'user' ? ctx.actor.userId : null, decidedAt: ctx.now, decisionComment: reason });
  await ctx.trace({ action: 'booking.reject', subjectType: 'booking', subjectId: row.id, diff: { status: { before: row.status, after: 'rejected' } }, comment: reason });
  await notifyBooking(ctx, saved, await roomName(ctx, row.roomId), 'booking.rejected', { reason });
  return saved;
});
