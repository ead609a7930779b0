/**
 * Calendar invitations in notification mails: an area registers, per subject type, how to build the iCalendar text a
 * mail about such a subject carries (a meeting's notice: METHOD:REQUEST, its cancellation: CANCEL). The delivery job
 * asks when it sends the mail, so the invitation is what the recipient's calendar should hold at that moment — a mail
 * held by quiet hours carries the meeting as it then stands. The kernel knows nothing of meetings: it only calls back.
 */
import type { Database } from '../../db/client.ts';
import type { Locale } from '../messages.ts';

export interface MailCalendar {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** The whole VCALENDAR text (CRLF lines). */
  content: string;
}

export interface MailCalendarRequest {
  subjectId: string;
  recipientId: string;
  locale: Locale;
  /** When the notification was written (DTSTAMP). */
  sentAt: Date;
  /** The absolute link to the subject in the web app, when HENJI_PUBLIC_URL is set. */
  link: string | null;
}

type Provider = (db: Database, request: MailCalendarRequest) => Promise<MailCalendar | null>;

const providers = new Map<string, Provider>();

export function registerMailCalendar(subjectType: string, provider: Provider): void {
  providers.set(subjectType, provider);
}

export async function mailCalendarFor(db: Database, subjectType: string, request: MailCalendarRequest): Promise<MailCalendar | null> {
  const provider = providers.get(subjectType);
  return provider ? provider(db, request) : null;
}
