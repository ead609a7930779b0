/** Printed documents (PDF): the approval sheet of an application and the evidence report of any object. */
import { z } from 'zod';

/** A PDF document (A4, Chinese text embedded as a font subset), sent as bytes with Content-Type application/pdf. */
export const PdfFile = z.string().meta({ id: 'PdfFile', format: 'binary', description: 'the PDF document (application/pdf)' });

/**
 * The language a document is printed in. A link the browser follows sends the browser's Accept-Language, not the
 * language the reader chose in Henji, so the web app names it; without it the request's language applies.
 */
const locale = z.enum(['zh-CN', 'en-US']).optional();

export const PrintQuery = z.strictObject({ locale });
export type PrintQuery = z.infer<typeof PrintQuery>;

/** Which object's evidence report (证据报告): the same subject as a trace or a proof bundle names. */
export const EvidenceReportQuery = z.strictObject({
  subjectType: z.string().min(1).max(64),
  subjectId: z.string().min(1).max(128),
  locale,
});
export type EvidenceReportQuery = z.infer<typeof EvidenceReportQuery>;
