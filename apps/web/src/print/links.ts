/** Links to printed documents (PDF): plain downloads, the browser sends the session cookie. */
import { apiUrl } from '../api/client.ts';

/** 审批单 of an application, opened in the browser's PDF viewer (from which it is printed). */
export const approvalSheetUrl = (applicationId: string) => apiUrl(`/api/applications/${encodeURIComponent(applicationId)}/sheet.pdf`);

/** 证据报告 of any object whose trace the reader may read. */
export const evidenceReportUrl = (subjectType: string, subjectId: string) => apiUrl('/api/ledger/report.pdf', { subjectType, subjectId });
