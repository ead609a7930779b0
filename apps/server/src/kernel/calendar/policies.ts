/** Every signed-in user may read calendars (deadlines are computed on them); changing them needs calendar.manage. */
import { eq } from 'drizzle-orm';
import type { Actor, UserActor } from '../actor.ts';
import { definePolicy, hasPermission, requirePermission } from '../access/policy.ts';
import { registerSubjectLoader } from '../ledger/subjects.ts';
import { calendars } from './schema.ts';

const manager = (actor: UserActor) => hasPermission(actor, 'calendar.manage');

export const calendarPolicy = definePolicy<{ isDefault: boolean }>('calendar', {
  read: () => true,
  update: manager,
  /** Holidays, make-up workdays and resetting a year to the official arrangements. */
  edit_days: manager,
  set_default: (actor, calendar) => manager(actor) && !calendar.isDefault,
});

/** Creating a calendar has no subject to authorise; calendars are visible to all, so the refusal is a 403. */
export const requireCalendarManager = (actor: Actor) => requirePermission(actor, 'calendar.manage');

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

registerSubjectLoader('calendar', async (q, id) =>
  isUuid(id) ? ((await q.select().from(calendars).where(eq(calendars.id, id)))[0] ?? null) : null,
);
