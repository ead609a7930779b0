/** Email through SMTP (nodemailer): plain text and a simple HTML part, UTF-8 throughout. */
import nodemailer from 'nodemailer';
import { resolveAllowed } from '../../outbound/address-policy.ts';
import type { SmtpConfig } from '../schema.ts';

export interface Mail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** The delivery job's id: the same Message-ID on every retry, so a mail system can drop a duplicate. */
  deliveryId: string;
  /** An iCalendar invitation (a meeting's notice or cancellation): sent as the text/calendar part calendars act on. */
  calendar?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; content: string };
}

const SENDER_NAME = '痕迹 Henji';
const TIMEOUT_MS = 15_000;

export async function sendMail(config: SmtpConfig, mail: Mail): Promise<void> {
  // Resolved and checked here (outbound/address-policy.ts); nodemailer connects to that address and still presents
  // and verifies the configured name for TLS.
  const [address] = await resolveAllowed(config.host).catch((error: unknown) => {
    throw new Error(`sending the mail failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  const transport = nodemailer.createTransport({
    host: address!.address,
    servername: config.host,
    port: config.port,
    secure: config.secure,
    ...(config.username ? { auth: { user: config.username, pass: config.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: { name: SENDER_NAME, address: config.from },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: htmlOf(mail.subject, mail.text),
      messageId: `<${mail.deliveryId}@henji.notify>`,
      textEncoding: 'base64',
      ...(mail.calendar ? { icalEvent: { method: mail.calendar.method, content: mail.calendar.content, filename: 'invite.ics' } } : {}),
    });
  } catch (error) {
    throw new Error(smtpFailure(error));
  } finally {
    transport.close();
  }
}

/** The SMTP server's own answer when it refused (550 …), otherwise why it could not be reached. */
function smtpFailure(error: unknown): string {
  if (!(error instanceof Error)) return `sending the mail failed: ${String(error)}`;
  const e = error as Error & { response?: string; code?: string };
  if (e.response) return `the SMTP server refused: ${e.response}`;
  return `sending the mail failed: ${e.code && !e.message.includes(e.code) ? `${e.code}: ` : ''}${e.message}`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlOf(subject: string, text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;line-height:1.6"><h3>${escapeHtml(subject)}</h3>${paragraphs}<p style="color:#888;font-size:12px">${SENDER_NAME}</p></body></html>`;
}
