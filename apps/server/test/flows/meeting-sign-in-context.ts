/**
 * A noticed meeting for the sign-in suites: organiser, chair, recorder and attendees as rows of the meetings tables,
 * inserted directly (a fixture, like the benchmarks' bulk data) so the sign-in tests depend only on the tables and the
 * meeting policy, not on how the notice is sent.
 */
import { randomUUID } from 'node:crypto';
import type { MeetingReply } from '@henji/contracts';
import type { Database } from '../../src/db/client.ts';
import { meetingAttendees, meetings, type MeetingRow } from '../../src/modules/meetings/schema.ts';

export interface AttendeeSpec {
  userId: string;
  required?: boolean;
  reply?: MeetingReply;
  delegatedToId?: string | null;
  delegatedFromId?: string | null;
}

export async function noticedMeeting(
  db: Database,
  spec: { organiserId: string; chairId: string; recorderId: string; startsAt: Date; minutes?: number; attendees: AttendeeSpec[]; topic?: string; status?: MeetingRow['status'] },
): Promise<MeetingRow> {
  const id = randomUUID();
  const created = new Date(spec.startsAt.getTime() - 3 * 86_400_000);
  const [row] = await db
    .insert(meetings)
    .values({
      id,
      topic: spec.topic ?? '部门周例会',
      purpose: '本周工作进展与下周安排',
      kind: 'department_weekly',
      startsAt: spec.startsAt,
      endsAt: new Date(spec.startsAt.getTime() + (spec.minutes ?? 60) * 60_000),
      location: '301 会议室（3 楼）',
      organiserId: spec.organiserId,
      chairId: spec.chairId,
      recorderId: spec.recorderId,
      status: spec.status ?? 'noticed',
      noticeSentAt: spec.status === 'draft' ? null : created,
      createdAt: created,
      updatedAt: created,
    })
    .returning();
  if (spec.attendees.length > 0) {
    await db.insert(meetingAttendees).values(
      spec.attendees.map((a, i) => ({
        meetingId: id,
        userId: a.userId,
        required: a.required ?? true,
        reply: a.reply ?? 'accepted',
        delegatedToId: a.delegatedToId ?? null,
        delegatedFromId: a.delegatedFromId ?? null,
        createdAt: new Date(created.getTime() + i),
        updatedAt: created,
      })),
    );
  }
  return row!;
}
