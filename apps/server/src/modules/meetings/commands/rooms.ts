/** 会议室与设备登记: administrators register, change, deactivate and (when never booked) delete rooms and equipment. */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { EquipmentInput, EquipmentPatch, RoomInput, RoomPatch } from '@henji/contracts';
import { authorize } from '../../../kernel/access/policy.ts';
import { defineCommand, type Ctx } from '../../../kernel/command.ts';
import { conflict, forbidden, invalid, notFound } from '../../../kernel/errors.ts';
import { diffOf } from '../../../kernel/ledger/append.ts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { departments } from '../../../kernel/org/schema.ts';
import { loadEquipment, loadRoom, managesRooms } from '../policies.ts';
import { equipment, rooms } from '../schema.ts';

const ROOM_FIELDS = ['name', 'location', 'capacity', 'fixedEquipment', 'bookableBy', 'departmentIds', 'approvalRequired', 'active'] as const;
const EQUIPMENT_FIELDS = ['name', 'code', 'kind', 'location', 'active'] as const;

function requireManager(ctx: Ctx): void {
  if (!managesRooms(ctx.actor)) throw forbidden();
}

async function checkRoom(ctx: Ctx, id: string | null, room: { name: string; bookableBy: string; departmentIds: readonly string[] }): Promise<void> {
  const problems: Record<string, Message> = {};
  const [sameName] = await ctx.tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(id ? and(eq(rooms.name, room.name), ne(rooms.id, id)) : eq(rooms.name, room.name));
  if (sameName) problems.name = msg('rooms.name_taken');
  const wanted = [...new Set(room.departmentIds)];
  if (wanted.length > 0) {
    const found = await ctx.tx.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, wanted), eq(departments.active, true)));
    if (found.length !== wanted.length) problems.departmentIds = msg('rooms.no_such_department');
  } else if (room.bookableBy === 'departments') {
    problems.departmentIds = msg('rooms.departments_required');
  }
  if (Object.keys(problems).length > 0) throw invalid(problems);
}

export const createRoom = defineCommand('rooms.createRoom', async (ctx, input: RoomInput) => {
  requireManager(ctx);
  const departmentIds = [...new Set(input.departmentIds)];
  await checkRoom(ctx, null, { ...input, departmentIds });
  const [row] = await ctx.tx
    .insert(rooms)
    .values({ id: randomUUID(), ...input, departmentIds, active: true, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  await ctx.trace({ action: 'room.create', subjectType: 'room', subjectId: row!.id, diff: diffOf(null, row!, ROOM_FIELDS) });
  return row!;
});

export const updateRoom = defineCommand('rooms.updateRoom', async (ctx, input: { id: string; patch: RoomPatch }) => {
  const subject = await loadRoom(ctx.tx, input.id);
  if (!subject) throw notFound('room');
  authorize(ctx.actor, 'update', 'room', subject, 'room');
  const patch = { ...input.patch, ...(input.patch.departmentIds ? { departmentIds: [...new Set(input.patch.departmentIds)] } : {}) };
  const next = { ...subject.row, ...patch };
  await checkRoom(ctx, subject.row.id, next);
  const diff = diffOf(subject.row, next, ROOM_FIELDS);
  if (Object.keys(diff).length === 0) return subject.row;
  const [row] = await ctx.tx.update(rooms).set({ ...patch, updatedAt: ctx.now }).where(eq(rooms.id, subject.row.id)).returning();
  await ctx.trace({ action: 'room.update', subjectType: 'room', subjectId: row!.id, diff });
  return row!;
});

export const deleteRoom = defineCommand('rooms.deleteRoom', async (ctx, input: { id: string }) => {
  const subject = await loadRoom(ctx.tx, input.id);
  if (!subject) throw notFound('room');
  authorize(ctx.actor, 'update', 'room', subject, 'room');
  if (subject.hasBookings) throw conflict(msg('rooms.has_bookings', { what: msg('noun.room') }));
  await ctx.tx.delete(rooms).where(eq(rooms.id, subject.row.id));
  await ctx.trace({ action: 'room.delete', subjectType: 'room', subjectId: subject.row.id, diff: { name: { before: subject.row.name, after: null } } });
});

async function checkCode(ctx: Ctx, id: string | null, code: string): Promise<void> {
  const [same] = await ctx.tx
    .select({ id: equipment.id })
    .from(equipment)
    .where(id ? and(eq(equipment.code, code), ne(equipment.id, id)) : eq(equipment.code, code));
  if (same) throw invalid({ code: msg('rooms.code_taken') });
}

export const createEquipment = defineCommand('rooms.createEquipment', async (ctx, input: EquipmentInput) => {
  requireManager(ctx);
  await checkCode(ctx, null, input.code);
  const [row] = await ctx.tx
    .insert(equipment)
    .values({ id: randomUUID(), ...input, active: true, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  await ctx.trace({ action: 'equipment.create', subjectType: 'equipment', subjectId: row!.id, diff: diffOf(null, row!, EQUIPMENT_FIELDS) });
  return row!;
});

export const updateEquipment = defineCommand('rooms.updateEquipment', async (ctx, input: { id: string; patch: EquipmentPatch }) => {
  const subject = await loadEquipment(ctx.tx, input.id);
  if (!subject) throw notFound('equipment');
  authorize(ctx.actor, 'update', 'equipment', subject, 'equipment');
  if (input.patch.code !== undefined) await checkCode(ctx, subject.row.id, input.patch.code);
  const diff = diffOf(subject.row, { ...subject.row, ...input.patch }, EQUIPMENT_FIELDS);
  if (Object.keys(diff).length === 0) return subject.row;
  const [row] = await ctx.tx.update(equipment).set({ ...input.patch, updatedAt: ctx.now }).where(eq(equipment.id, subject.row.id)).returning();
  await ctx.trace({ action: 'equipment.update', subjectType: 'equipment', subjectId: row!.id, diff });
  return row!;
});

export const deleteEquipment = defineCommand('rooms.deleteEquipment', async (ctx, input: { id: string }) => {
  const subject = await loadEquipment(ctx.tx, input.id);
  if (!subject) throw notFound('equipment');
  authorize(ctx.actor, 'update', 'equipment', subject, 'equipment');
  if (subject.hasBookings) throw conflict(msg('rooms.has_bookings', { what: msg('noun.equipment') }));
  await ctx.tx.delete(equipment).where(eq(equipment.id, subject.row.id));
  await ctx.trace({
    action: 'equipment.delete',
    subjectType: 'equipment',
    subjectId: subject.row.id,
    diff: { name: { before: subject.row.name, after: null }, code: { before: subject.row.code, after: null } },
  });
});
