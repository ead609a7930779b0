/**
 * Each area keeps its messages beside its code; this file joins them into the one catalogue of kernel/messages.ts.
 * Keys are prefixed by area (`calendar.…`, `notify.…`), so two areas cannot define the same key.
 */
import { CALENDAR_MESSAGES } from './calendar/messages.ts';
import { FILES_MESSAGES } from './files/messages.ts';
import { LEDGER_DESCRIBE_MESSAGES } from './ledger/messages.ts';
import { NOTIFY_MESSAGES } from './notify/messages.ts';
import { PDF_MESSAGES } from './pdf/messages.ts';
import { TASK_MESSAGES } from './tasks/messages.ts';
import { SSO_MESSAGES } from './sso/messages.ts';
import { SETTINGS_MESSAGES } from './settings/messages.ts';
import { APPLICATION_MESSAGES } from '../modules/applications/messages.ts';
import { SHEET_MESSAGES } from '../modules/applications/sheet-messages.ts';
import { COMFORT_MESSAGES } from '../modules/applications/comfort/messages.ts';
import { APPLICATION_DESCRIBE_MESSAGES } from '../modules/applications/describe-messages.ts';
import { ROOM_DESCRIBE_MESSAGES, ROOM_MESSAGES } from '../modules/meetings/messages.ts';
import { MEETING_DESCRIBE_MESSAGES, MEETING_MESSAGES, NOTICE_PDF_MESSAGES } from '../modules/meetings/meeting-messages.ts';
import { MINUTES_DESCRIBE_MESSAGES, MINUTES_DOCUMENT_MESSAGES, MINUTES_MESSAGES } from '../modules/meetings/minutes/messages.ts';
import { SIGN_IN_MESSAGES } from '../modules/meetings/sign-in/messages.ts';
import { RECURRENCE_MESSAGES } from '../modules/meetings/recurrence.ts';

export const AREA_MESSAGES = {
  ...CALENDAR_MESSAGES,
  ...NOTIFY_MESSAGES,
  ...FILES_MESSAGES,
  ...APPLICATION_MESSAGES,
  ...COMFORT_MESSAGES,
  ...TASK_MESSAGES,
  ...SSO_MESSAGES,
  ...LEDGER_DESCRIBE_MESSAGES,
  ...PDF_MESSAGES,
  ...SHEET_MESSAGES,
  ...APPLICATION_DESCRIBE_MESSAGES,
  ...SETTINGS_MESSAGES,
  ...ROOM_MESSAGES,
  ...ROOM_DESCRIBE_MESSAGES,
  ...MEETING_MESSAGES,
  ...MEETING_DESCRIBE_MESSAGES,
  ...NOTICE_PDF_MESSAGES,
  ...MINUTES_MESSAGES,
  ...MINUTES_DOCUMENT_MESSAGES,
  ...MINUTES_DESCRIBE_MESSAGES,
  ...SIGN_IN_MESSAGES,
  ...RECURRENCE_MESSAGES,
} as const;
