/**
 * The minutes' content: its SHA-256 (of canonical JSON: what versions and the ledger commit to), the draft a new
 * recorder starts from (one item per agenda item), and the checks a draft must pass — size, the meeting's own agenda
 * items, people and departments that exist, unique resolution keys; deadlines in the future once it goes to review.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { canonicalJson } from '@henji/verifier';
import { MINUTES_MAX_BYTES, type MinutesContent } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { invalid } from '../../../kernel/errors.ts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { departments, users } from '../../../kernel/org/schema.ts';
import { meetingAgendaItems } from '../schema.ts';

export const contentSha256 = (content: MinutesContent) => createHash('sha256').update(canonicalJson(content)).digest('hex');

/** A first draft: every agenda item in order, with nothing recorded yet. */
export async function initialContent(q: Queryable, meetingId: string): Promise<MinutesContent> {
  const agenda = await q
    .select({ id: meetingAgendaItems.id, title: meetingAgendaItems.title })
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meetingId))
    .orderBy(asc(meetingAgendaItems.position));
  return { items: agenda.map((a) => ({ agendaItemId: a.id, title: a.title, statements: [], result: '', resolutions: [] })), notes: '' };
}

export const resolutionsOf = (content: MinutesContent) =>
  content.items.flatMap((item, i) => item.resolutions.map((resolution, j) => ({ item, resolution, path: `content.items.${i}.resolutions.${j}` })));

/**
 * Field errors (paths into the request body: `content.items.0.resolutions.1.ownerId`) for what the schema cannot
 * know. `now` given: deadlines must lie after it (submitting and approving; a draft may hold anything on its way).
 */
export async function checkContent(q: Queryable, meetingId: string, content: MinutesContent, now: Date | null): Promise<void> {
  const problems: Record<string, Message> = {};
  const bytes = Buffer.byteLength(canonicalJson(content));
  if (bytes > MINUTES_MAX_BYTES) throw invalid({ content: msg('minutes.too_large', { kb: MINUTES_MAX_BYTES / 1024 }) });

  const agenda = new Set(
    (await q.select({ id: meetingAgendaItems.id }).from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, meetingId))).map((a) => a.id),
  );
  const seenAgenda = new Set<string>();
  content.items.forEach((item, i) => {
    if (item.agendaItemId === null) return;
    if (!agenda.has(item.agendaItemId)) problems[`content.items.${i}.agendaItemId`] = msg('minutes.not_on_agenda');
    else if (seenAgenda.has(item.agendaItemId)) problems[`content.items.${i}.agendaItemId`] = msg('minutes.duplicate_agenda_item');
    seenAgenda.add(item.agendaItemId);
  });

  const userRefs: [string, string][] = [];
  const departmentRefs: [string, string][] = [];
  content.items.forEach((item, i) =>
    item.statements.forEach((s, j) => {
      const path = `content.items.${i}.statements.${j}`;
      if (s.speakerId) userRefs.push([`${path}.speakerId`, s.speakerId]);
      else if (s.speakerName === '') problems[`${path}.speakerName`] = msg('minutes.speaker_required');
      if (s.departmentId) departmentRefs.push([`${path}.departmentId`, s.departmentId]);
    }),
  );
  const keys = new Set<string>();
  for (const { resolution, path } of resolutionsOf(content)) {
    if (keys.has(resolution.key)) problems[`${path}.key`] = msg('minutes.duplicate_key');
    keys.add(resolution.key);
    if (resolution.ownerId) userRefs.push([`${path}.ownerId`, resolution.ownerId]);
    if (resolution.departmentId) departmentRefs.push([`${path}.departmentId`, resolution.departmentId]);
    if (now && resolution.deadline && new Date(resolution.deadline).getTime() <= now.getTime()) problems[`${path}.deadline`] = msg('minutes.deadline_past');
  }

  const wantedUsers = [...new Set(userRefs.map(([, id]) => id))];
  const wantedDepartments = [...new Set(departmentRefs.map(([, id]) => id))];
  const [activeUsers, activeDepartments] = await Promise.all([
    wantedUsers.length === 0
      ? Promise.resolve([])
      : q.select({ id: users.id }).from(users).where(and(inArray(users.id, wantedUsers), eq(users.status, 'active'))),
    wantedDepartments.length === 0
      ? Promise.resolve([])
      : q.select({ id: departments.id }).from(departments).where(and(inArray(departments.id, wantedDepartments), eq(departments.active, true))),
  ]);
  const userOk = new Set(activeUsers.map((u) => u.id));
  const departmentOk = new Set(activeDepartments.map((d) => d.id));
  for (const [path, id] of userRefs) if (!userOk.has(id)) problems[path] = msg('minutes.no_such_user');
  for (const [path, id] of departmentRefs) if (!departmentOk.has(id)) problems[path] = msg('minutes.no_such_department');

  if (Object.keys(problems).length > 0) throw invalid(problems);
}
