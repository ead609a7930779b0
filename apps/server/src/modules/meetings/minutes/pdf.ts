/**
 * 会议纪要 as a PDF (kernel/pdf): basic information, the attendance summary, per agenda item the statements, the
 * discussion result and the resolutions table, other matters, and the version's SHA-256. Built from one stored
 * version; approving archives it (files kernel) with its own SHA-256 in the trace, and a download of an approved
 * version sends those archived bytes.
 */
import { eq, inArray } from 'drizzle-orm';
import type { MinutesContent, MinutesVersionState } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import { msg, render, type Locale, type Message } from '../../../kernel/messages.ts';
import { departments, users } from '../../../kernel/org/schema.ts';
import { beijingMinute, PdfBuilder, pdfFileName, subjectPage } from '../../../kernel/pdf/index.ts';
import { companyName } from '../../../kernel/settings/index.ts';
import { meetingAttendees, type MeetingRow } from '../schema.ts';

export interface MinutesPdfInput {
  meeting: MeetingRow;
  version: number;
  state: MinutesVersionState;
  content: MinutesContent;
  contentSha256: string;
  revisionNote: string | null;
  reviewedById: string | null;
  reviewedAt: Date | null;
  locale: Locale;
  baseUrl: string;
  generatedAt: Date;
}

export interface MinutesPdf {
  bytes: Buffer;
  pages: number;
  fileName: string;
}

async function namesOf(q: Queryable, userIds: string[], departmentIds: string[]) {
  const [people, depts] = await Promise.all([
    userIds.length === 0 ? Promise.resolve([]) : q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)),
    departmentIds.length === 0 ? Promise.resolve([]) : q.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, departmentIds)),
  ]);
  return { user: new Map(people.map((p) => [p.id, p.name])), department: new Map(depts.map((d) => [d.id, d.name])) };
}

export async function minutesPdf(q: Queryable, input: MinutesPdfInput): Promise<MinutesPdf> {
  const { meeting, content, locale } = input;
  const t = (m: Message) => render(locale, m);
  const attendees = await q
    .select({ userId: meetingAttendees.userId, reply: meetingAttendees.reply, required: meetingAttendees.required, attendance: meetingAttendees.attendance })
    .from(meetingAttendees)
    .where(eq(meetingAttendees.meetingId, meeting.id));
  const seated = attendees.filter((a) => a.reply !== 'delegated');
  const userIds = new Set<string>([meeting.chairId, meeting.recorderId, ...seated.map((a) => a.userId)]);
  if (input.reviewedById) userIds.add(input.reviewedById);
  const departmentIds = new Set<string>();
  for (const item of content.items) {
    for (const s of item.statements) if (s.departmentId) departmentIds.add(s.departmentId);
    for (const r of item.resolutions) {
      if (r.ownerId) userIds.add(r.ownerId);
      if (r.departmentId) departmentIds.add(r.departmentId);
    }
  }
  const [names, company] = await Promise.all([namesOf(q, [...userIds], [...departmentIds]), companyName(q)]);
  const person = (id: string | null) => (id ? (names.user.get(id) ?? '—') : '—');
  const dash = t(msg('minutes.pdf.none'));

  const title = t(msg('minutes.pdf.title'));
  const link = `${input.baseUrl}${subjectPage('meeting_minutes', meeting.id)}`;
  const pdf = new PdfBuilder({ title: `${title} ${meeting.topic}`, subject: meeting.topic, locale, verificationLink: link, generatedAt: input.generatedAt });
  pdf.titleBlock({
    company,
    title: `${meeting.topic} ${title}`,
    lines: [t(msg('minutes.pdf.version_line', { version: input.version, state: t(msg(`minutes.state.${input.state}`)), sha: input.contentSha256.slice(0, 16) }))],
  });
  pdf.qr(link, t(msg('pdf.scan_to_verify')));

  pdf.heading(t(msg('minutes.pdf.basic')));
  pdf.keyValues([
    { label: t(msg('minutes.pdf.topic')), value: meeting.topic },
    { label: t(msg('minutes.pdf.time')), value: `${beijingMinute(meeting.startsAt)}–${beijingMinute(meeting.endsAt).slice(11)}` },
    { label: t(msg('minutes.pdf.place')), value: meeting.location || dash },
    { label: t(msg('minutes.pdf.chair')), value: person(meeting.chairId) },
    { label: t(msg('minutes.pdf.recorder')), value: person(meeting.recorderId) },
    {
      label: t(msg('minutes.pdf.approved_by')),
      value: input.reviewedById && input.reviewedAt && (input.state === 'approved' || input.state === 'superseded') ? `${person(input.reviewedById)} ${beijingMinute(input.reviewedAt)}` : dash,
    },
  ]);
  if (input.revisionNote) pdf.keyValues([{ label: t(msg('minutes.pdf.revision_note')), value: input.revisionNote }], 1);

  const expected = seated.filter((a) => a.required);
  const present = seated.filter((a) => a.attendance === 'present' || a.attendance === 'late');
  const late = seated.filter((a) => a.attendance === 'late');
  const absent = seated.filter((a) => a.attendance === 'absent');
  pdf.heading(t(msg('minutes.pdf.attendance')));
  pdf.paragraph(t(msg('minutes.pdf.attendance_line', { expected: expected.length, present: present.length, late: late.length, absent: absent.length })));
  pdf.keyValues(
    [
      { label: t(msg('minutes.pdf.present')), value: present.map((a) => person(a.userId)).join('、') || dash },
      { label: t(msg('minutes.pdf.absent')), value: absent.map((a) => person(a.userId)).join('、') || dash },
    ],
    1,
  );

  let agendaNumber = 0;
  for (const item of content.items) {
    pdf.heading(item.agendaItemId ? t(msg('minutes.pdf.item', { n: ++agendaNumber, title: item.title })) : t(msg('minutes.pdf.extra_item', { title: item.title })));
    if (item.statements.length > 0) {
      pdf.paragraph(t(msg('minutes.pdf.statements')), { bold: true });
      pdf.table(
        [
          { header: t(msg('minutes.pdf.speaker')), width: 0.18 },
          { header: t(msg('minutes.pdf.department')), width: 0.18 },
          { header: t(msg('minutes.pdf.points')), width: 0.64 },
        ],
        item.statements.map((s) => [s.speakerId ? person(s.speakerId) : s.speakerName, s.departmentId ? (names.department.get(s.departmentId) ?? '—') : '—', s.points || '—']),
      );
    }
    pdf.keyValues([{ label: t(msg('minutes.pdf.result')), value: item.result || dash }], 1);
    if (item.resolutions.length > 0) {
      pdf.paragraph(t(msg('minutes.pdf.resolutions')), { bold: true });
      pdf.table(
        [
          { header: t(msg('minutes.pdf.no')), width: 0.07, align: 'center' },
          { header: t(msg('minutes.pdf.content')), width: 0.45 },
          { header: t(msg('minutes.pdf.owner_department')), width: 0.16 },
          { header: t(msg('minutes.pdf.owner')), width: 0.13 },
          { header: t(msg('minutes.pdf.deadline')), width: 0.19 },
        ],
        item.resolutions.map((r, i) => [
          String(i + 1),
          r.content,
          r.departmentId ? (names.department.get(r.departmentId) ?? '—') : '—',
          r.ownerId ? person(r.ownerId) : t(msg('minutes.pdf.unassigned')),
          r.deadline ? beijingMinute(r.deadline) : '—',
        ]),
      );
    }
  }
  pdf.heading(t(msg('minutes.pdf.notes')));
  pdf.paragraph(content.notes || dash);

  const bytes = await pdf.toBuffer();
  return { bytes, pages: pdf.pages, fileName: minutesPdfFileName(meeting, input.version, locale) };
}

/** 「<topic> 会议纪要 v<n>.pdf」. */
export const minutesPdfFileName = (meeting: Pick<MeetingRow, 'topic'>, version: number, locale: Locale): string =>
  pdfFileName(meeting.topic, render(locale, msg('minutes.pdf.title')), `v${version}`);
