/** Links to printed documents (PDF): plain downloads, the browser sends the session cookie. */
import { apiUrl } from '../api/client.ts';
import { currentLocale } from '../i18n/index.ts';

/**
 * 审批单 of an application, opened in the browser's PDF viewer (from which it is printed), in the language of the
 * interface (a followed link would send the browser's own Accept-Language).
 */
export const approvalSheetUrl = (applicationId: string) =>
  apiUrl(`/api/applications/${encodeURIComponent(applicationId)}/sheet.pdf`, { locale: currentLocale() });

/** 证据报告 of any object whose trace the reader may read, in the language of the interface. */
export const evidenceReportUrl = (subjectType: string, subjectId: string) =>
  apiUrl('/api/ledger/report.pdf', { subjectType, subjectId, locale: currentLocale() });
