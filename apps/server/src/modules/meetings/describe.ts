/**
 * Rooms, equipment and bookings in plain language (ledger/describe.ts): "预订 301 会议室 12-05 09:00–10:00",
 * "设备 投影仪 (PRJ-01)", statuses and who may book in words.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { beijingMinute } from '../../kernel/clock.ts';
import { isUuid, registerDescriber, uuidList, type DescribeContext } from '../../kernel/ledger/describe.ts';
import { isMessageKey, msg } from '../../kernel/messages.ts';

const ids = (entries: { subjectId: string }[]) => [...new Set(entries.map((e) => e.subjectId))].filter(isUuid);

async function namesOf(q: Parameters<Parameters<typeof registerDescriber>[1]>[0], table: 'rooms' | 'equipment', wanted: string[]): Promise<Map<string, string>> {
  if (wanted.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string }>(
    q,
    table === 'rooms'
      ? sql`select id::text as id, name from rooms where id in (${uuidList(wanted)})`
      : sql`select id::text as id, name || ' (' || code || ')' as name from equipment where id in (${uuidList(wanted)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

const word = (ctx: DescribeContext, key: string) => (isMessageKey(key) ? ctx.text({ key }) : undefined);

/** "12-05 09:00" in Beijing time. */
const dayMinute = (at: Date | string) => beijingMinute(at).slice(5);

registerDescriber('room', async (q, entries, ctx) => {
  const names = await namesOf(q, 'rooms', ids(entries));
  return {
    name: (id) => names.get(id),
    value: (_e, field, value) => {
      if (field === 'bookableBy' && typeof value === 'string') return word(ctx, `describe.room.bookable_by.${value}`);
      if (field === 'departmentIds' && Array.isArray(value)) return value.map((id) => (typeof id === 'string' ? (ctx.names.department(id) ?? id) : String(id))).join('、');
      return undefined;
    },
  };
});

registerDescriber('equipment', async (q, entries, ctx) => {
  const names = await namesOf(q, 'equipment', ids(entries));
  return {
    name: (id) => names.get(id),
    value: (_e, field, value) => (field === 'kind' && typeof value === 'string' ? word(ctx, `describe.equipment.kind.${value}`) : undefined),
  };
});

registerDescriber('booking', async (q, entries, ctx) => {
  const wanted = ids(entries);
  const rows = wanted.length === 0
    ? []
    : await queryRows<{ id: string; room_id: string; room: string; starts_at: Date | string; ends_at: Date | string; equipment_ids: string[] }>(
        q,
        sql`select b.id::text as id, b.room_id::text as room_id, r.name as room, b.starts_at, b.ends_at, b.equipment_ids
              from bookings b join rooms r on r.id = b.room_id where b.id in (${uuidList(wanted)})`,
      );
  const bookings = new Map(rows.map((r) => [r.id, r]));
  const roomIds = new Set(rows.map((r) => r.room_id));
  const equipmentIds = new Set(rows.flatMap((r) => r.equipment_ids));
  for (const e of entries) {
    const room = e.diff.roomId?.after;
    if (typeof room === 'string' && isUuid(room)) roomIds.add(room);
    const items = e.diff.equipmentIds?.after;
    if (Array.isArray(items)) for (const id of items) if (typeof id === 'string' && isUuid(id)) equipmentIds.add(id);
  }
  const [roomNames, equipmentNames] = await Promise.all([namesOf(q, 'rooms', [...roomIds]), namesOf(q, 'equipment', [...equipmentIds])]);
  const label = (id: string) => {
    const b = bookings.get(id);
    if (!b) return undefined;
    return ctx.text(msg('describe.booking.label', { room: b.room, from: dayMinute(b.starts_at), to: beijingMinute(b.ends_at).slice(11) }));
  };
  return {
    label,
    sentence: (e, actor) => {
      if (e.action !== 'booking.create') return undefined;
      const what = label(e.subjectId);
      return what ? ctx.text(msg('describe.booking.created', { actor, what })) : undefined;
    },
    value: (_e, field, value) => {
      if (field === 'status' && typeof value === 'string') return word(ctx, `describe.booking.status.${value}`);
      if (field === 'roomId' && typeof value === 'string') return roomNames.get(value);
      if (field === 'equipmentIds' && Array.isArray(value)) return value.map((id) => equipmentNames.get(String(id)) ?? String(id)).join('、');
      return undefined;
    },
  };
});
