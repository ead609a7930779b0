/**
 * What sign-in shows: the room screen's current code with its QR and counts, and the sign-in sheet (签到表) — every
 * attendee with reply, attendance, time, way, and who recorded it by hand and why — as data and as a PDF.
 */
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import QRCode from 'qrcode';
import type { SignInCode, SignInCount, SignInSheet, SignInSheetRow } from '@henji/contracts';
import type { Queryable } from '../../../db/client.ts';
import type { Actor } from '../../../kernel/actor.ts';
import { allowedActions, authorize } from '../../../kernel/access/policy.ts';
import { msg, render, type Locale, type Message } from '../../../kernel/messages.ts';
import { departments, users } from '../../../kernel/org/schema.ts';
import { beijingMinute, pdfFileName, PdfBuilder, subjectPage, type Cell } from '../../../kernel/pdf/index.ts';
import { companyName } from '../../../kernel/settings/index.ts';
import { readableMeeting, type MeetingSubject } from '../meeting-policies.ts';
import { meetingAttendees } from '../schema.ts';
import { issueCode, signInKey } from './codes.ts';
import { ensureSignInOpen } from './commands.ts';

const signer = alias(users, 'signer');

async function sheetRows(q: Queryable, meetingId: string): Promise<SignInSheetRow[]> {
  const rows = await q
    .select({
      a: meetingAttendees,
      name: users.displayName,
      departmentId: departments.id,
      departmentName: departments.name,
      signerName: signer.displayName,
    })
    .from(meetingAttendees)
    .innerJoin(users, eq(users.id, meetingAttendees.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(signer, eq(signer.id, meetingAttendees.signedInById))
    .where(eq(meetingAttendees.meetingId, meetingId))
    .orderBy(asc(meetingAttendees.createdAt), asc(users.displayName), asc(meetingAttendees.userId));
  return rows.map(({ a, name, departmentId, departmentName, signerName }) => ({
    user: { id: a.userId, displayName: name, department: departmentId && departmentName !== null ? { id: departmentId, name: departmentName } : null },
    required: a.required,
    reply: a.reply,
    replyReason: a.replyReason,
    attendance: a.attendance,
    signedInAt: a.signedInAt?.toISOString() ?? null,
    method: a.signInMethod,
    signedInBy: a.signedInById && signerName !== null ? { id: a.signedInById, displayName: signerName } : null,
    reason: a.signInReason,
  }));
}

/** 应到: everyone asked who has not declined or handed the seat on; 已签到: those with a sign-in time. */
function countOf(rows: Pick<SignInSheetRow, 'reply' | 'signedInAt'>[]): SignInCount {
  return {
    expected: rows.filter((r) => r.reply !== 'declined' && r.reply !== 'delegated').length,
    signedIn: rows.filter((r) => r.signedInAt !== null).length,
  };
}

/** The room screen: the current code, the page it opens, its QR, when it changes, and who has signed in. */
export async function signInCode(q: Queryable, actor: Actor, meetingId: string, input: { baseUrl: string; at: Date }): Promise<SignInCode> {
  const subject = await readableMeeting(q, actor, meetingId);
  ensureSignInOpen(subject, input.at);
  authorize(actor, 'show_sign_in_code', 'meeting', subject);
  const meeting = subject.row;
  const issued = issueCode(signInKey(), meeting.id, input.at);
  const url = `${input.baseUrl}/m/sign-in?m=${meeting.id}&c=${issued.code}`;
  const [qrSvg, rows] = await Promise.all([QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }), sheetRows(q, meeting.id)]);
  return {
    meeting: { id: meeting.id, topic: meeting.topic, startsAt: meeting.startsAt.toISOString(), endsAt: meeting.endsAt.toISOString(), location: meeting.location },
    code: issued.code,
    url,
    qrSvg,
    issuedAt: input.at.toISOString(),
    windowStartsAt: issued.windowStartsAt.toISOString(),
    expiresAt: issued.expiresAt.toISOString(),
    counts: countOf(rows),
    signedIn: rows
      .filter((r) => r.signedInAt !== null && r.attendance !== null && r.attendance !== 'absent')
      .sort((a, b) => b.signedInAt!.localeCompare(a.signedInAt!))
      .map((r) => ({ user: { id: r.user.id, displayName: r.user.displayName }, signedInAt: r.signedInAt!, attendance: r.attendance! })),
  };
}

async function personName(q: Queryable, id: string): Promise<string> {
  const [row] = await q.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  return row?.name ?? '';
}

async function sheetOf(q: Queryable, actor: Actor, subject: MeetingSubject): Promise<SignInSheet> {
  const meeting = subject.row;
  const [rows, chair, recorder] = await Promise.all([sheetRows(q, meeting.id), personName(q, meeting.chairId), personName(q, meeting.recorderId)]);
  return {
    meeting: {
      id: meeting.id,
      topic: meeting.topic,
      startsAt: meeting.startsAt.toISOString(),
      endsAt: meeting.endsAt.toISOString(),
      location: meeting.location,
      chair: { id: meeting.chairId, displayName: chair },
      recorder: { id: meeting.recorderId, displayName: recorder },
    },
    counts: {
      ...countOf(rows),
      present: rows.filter((r) => r.attendance === 'present').length,
      late: rows.filter((r) => r.attendance === 'late').length,
      absent: rows.filter((r) => r.attendance === 'absent').length,
    },
    rows,
    allowedActions: allowedActions(actor, 'meeting', subject),
  };
}

/** The sign-in sheet of a meeting the actor may read (404 otherwise). */
export async function signInSheet(q: Queryable, actor: Actor, meetingId: string): Promise<SignInSheet> {
  return sheetOf(q, actor, await readableMeeting(q, actor, meetingId));
}

/** The sign-in sheet as a PDF (签到表), in the reader's language, with the meeting's page as its verification link. */
export async function signInSheetPdf(q: Queryable, actor: Actor, meetingId: string, input: { locale: Locale; baseUrl: string; generatedAt: Date }) {
  const sheet = await signInSheet(q, actor, meetingId);
  const t = (m: Message) => render(input.locale, m);
  const dash = t(msg('pdf.empty'));
  const { meeting, counts } = sheet;
  const title = t(msg('sign_in_sheet.title'));
  const link = `${input.baseUrl}${subjectPage('meeting', meeting.id)}`;
  const pdf = new PdfBuilder({ title: `${title} ${meeting.topic}`, subject: meeting.topic, locale: input.locale, verificationLink: link, generatedAt: input.generatedAt });
  pdf.titleBlock({ company: await companyName(q), title, lines: [meeting.topic] });
  pdf.qr(link, t(msg('pdf.scan_to_verify')));
  pdf.keyValues([
    { label: t(msg('sign_in_sheet.topic')), value: meeting.topic },
    { label: t(msg('sign_in_sheet.location')), value: meeting.location || dash },
    { label: t(msg('sign_in_sheet.time')), value: `${beijingMinute(meeting.startsAt)}–${beijingMinute(meeting.endsAt).slice(11)}` },
    { label: t(msg('sign_in_sheet.chair')), value: meeting.chair.displayName },
    { label: t(msg('sign_in_sheet.recorder')), value: meeting.recorder.displayName },
  ]);
  pdf.paragraph(t(msg('sign_in_sheet.summary', { ...counts })));
  const rows: Cell[][] = sheet.rows.map((r, i) => [
    String(i + 1),
    r.required ? r.user.displayName : `${r.user.displayName}${t(msg('sign_in_sheet.optional'))}`,
    r.user.department?.name ?? dash,
    t(msg(`sign_in_sheet.reply.${r.reply}`)),
    t(msg(`sign_in_sheet.attendance.${r.attendance ?? 'none'}`)),
    r.signedInAt ? beijingMinute(r.signedInAt).slice(11) : dash,
    r.method ? t(msg(`sign_in_sheet.method.${r.method}`)) : dash,
    r.signedInBy && r.reason ? t(msg('sign_in_sheet.by', { name: r.signedInBy.displayName, reason: r.reason })) : dash,
  ]);
  pdf.table(
    [
      { header: t(msg('sign_in_sheet.col_no')), width: 0.06, align: 'right' },
      { header: t(msg('sign_in_sheet.col_name')), width: 0.14 },
      { header: t(msg('sign_in_sheet.col_department')), width: 0.14 },
      { header: t(msg('sign_in_sheet.col_reply')), width: 0.1 },
      { header: t(msg('sign_in_sheet.col_attendance')), width: 0.1 },
      { header: t(msg('sign_in_sheet.col_time')), width: 0.1 },
      { header: t(msg('sign_in_sheet.col_method')), width: 0.08 },
      { header: t(msg('sign_in_sheet.col_note')), width: 0.28 },
    ],
    rows,
    { fontSize: 9 },
  );
  const bytes = await pdf.toBuffer();
  return { bytes, pages: pdf.pages, fileName: pdfFileName(title, meeting.topic), meetingId: meeting.id };
}
