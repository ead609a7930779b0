/**
 * 会议通知 as a PDF: topic, time, place, chair, recorder, attendees (with their replies), purpose, the agenda with
 * presenters and minutes, what to prepare — in the reader's language, with the meeting's page as its verification
 * link. A confidential meeting prints for those who may read it, like its page.
 */
import type { Meeting } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../kernel/actor.ts';
import { msg, render, type Locale, type Message } from '../../kernel/messages.ts';
import { PdfBuilder, beijingMinute, pdfFileName, registerSubjectPage, subjectPage, type Cell } from '../../kernel/pdf/index.ts';
import { companyName } from '../../kernel/settings/index.ts';
import { getMeeting } from './meeting-queries.ts';
import { meetingPage, meetingTime } from './meeting-notices.ts';

registerSubjectPage('meeting', meetingPage);

export async function noticePdf(q: Queryable, actor: Actor, meetingId: string, input: { locale: Locale; baseUrl: string; generatedAt: Date }) {
  const meeting: Meeting = await getMeeting(q, actor, meetingId, input.locale);
  const t = (m: Message) => render(input.locale, m);
  const dash = '—';
  const title = t(msg('notice_pdf.title'));
  const link = `${input.baseUrl}${subjectPage('meeting', meeting.id)}`;
  const pdf = new PdfBuilder({ title: `${title} ${meeting.topic}`, subject: meeting.topic, locale: input.locale, verificationLink: link, generatedAt: input.generatedAt });
  const status = meeting.status === 'cancelled' ? [t(msg('notice_pdf.cancelled', { reason: meeting.cancelReason ?? '' }))] : [];
  pdf.titleBlock({ company: await companyName(q), title, lines: [meeting.topic, ...status] });
  pdf.qr(link, t(msg('pdf.scan_to_verify')));
  pdf.keyValues([
    { label: t(msg('notice_pdf.topic')), value: meeting.topic },
    { label: t(msg('notice_pdf.kind')), value: t(msg(`describe.meeting.kind.${meeting.kind}`)) },
    { label: t(msg('notice_pdf.time')), value: meetingTime(new Date(meeting.startsAt), new Date(meeting.endsAt)) },
    { label: t(msg('notice_pdf.place')), value: meeting.location || dash },
    { label: t(msg('notice_pdf.chair')), value: meeting.chair.displayName },
    { label: t(msg('notice_pdf.recorder')), value: meeting.recorder.displayName },
    { label: t(msg('notice_pdf.organiser')), value: meeting.organiser.displayName },
    { label: t(msg('notice_pdf.series')), value: meeting.series ? meeting.series.description : dash },
  ]);
  if (meeting.equipment.length > 0) pdf.paragraph(`${t(msg('notice_pdf.equipment'))}: ${meeting.equipment.map((e) => e.name).join('、')}`);
  pdf.heading(t(msg('notice_pdf.purpose')));
  pdf.paragraph(meeting.purpose || dash);

  pdf.heading(t(msg('notice_pdf.agenda')));
  const total = meeting.agenda.reduce((sum, a) => sum + a.plannedMinutes, 0);
  if (meeting.agenda.length === 0) pdf.paragraph(dash);
  else {
    const rows: Cell[][] = meeting.agenda.map((a) => [String(a.position + 1), a.notes ? `${a.title}\n${a.notes}` : a.title, a.presenter?.displayName ?? dash, String(a.plannedMinutes)]);
    rows.push(['', t(msg('notice_pdf.total')), '', String(total)]);
    pdf.table(
      [
        { header: t(msg('notice_pdf.col_no')), width: 0.08, align: 'right' },
        { header: t(msg('notice_pdf.col_item')), width: 0.57 },
        { header: t(msg('notice_pdf.col_presenter')), width: 0.2 },
        { header: t(msg('notice_pdf.col_minutes')), width: 0.15, align: 'right' },
      ],
      rows,
      { fontSize: 10 },
    );
  }

  pdf.heading(t(msg('notice_pdf.preparation')));
  pdf.paragraph(meeting.preparation || dash);

  pdf.heading(t(msg('notice_pdf.attendees', { count: meeting.attendees.filter((a) => a.reply !== 'delegated').length })));
  const people: Cell[][] = meeting.attendees.map((a, i) => [
    String(i + 1),
    a.required ? a.user.displayName : `${a.user.displayName}${t(msg('notice_pdf.optional'))}`,
    a.user.department?.name ?? dash,
    a.materials || dash,
    t(msg(`describe.meeting.reply.${a.reply}`)) + (a.delegatedTo ? ` → ${a.delegatedTo.displayName}` : '') + (a.reason ? `（${a.reason}）` : ''),
  ]);
  pdf.table(
    [
      { header: t(msg('notice_pdf.col_no')), width: 0.07, align: 'right' },
      { header: t(msg('notice_pdf.col_name')), width: 0.16 },
      { header: t(msg('notice_pdf.col_department')), width: 0.17 },
      { header: t(msg('notice_pdf.col_materials')), width: 0.35 },
      { header: t(msg('notice_pdf.col_reply')), width: 0.25 },
    ],
    people,
    { fontSize: 9 },
  );
  if (meeting.attachments.length > 0) pdf.paragraph(`${t(msg('notice_pdf.attachments'))}: ${meeting.attachments.map((f) => f.name).join('、')}`);
  pdf.paragraph(t(msg('notice_pdf.issued', { at: meeting.noticeSentAt ? beijingMinute(meeting.noticeSentAt) : dash })), { muted: true, size: 9 });
  const bytes = await pdf.toBuffer();
  return { bytes, pages: pdf.pages, fileName: pdfFileName(title, meeting.topic), meetingId: meeting.id };
}
