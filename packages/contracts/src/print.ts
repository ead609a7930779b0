/** Printed documents (PDF): the approval sheet of an application and the evidence report of any object. */
import { z } from 'zod';

/** A PDF document (A4, Chinese text embedded as a font subset), sent as bytes with Content-Type application/pdf. */
export const PdfFile = z.string().meta({ id: 'PdfFile', format: 'binary', description: 'the PDF document (application/pdf)' });

/** Which object's evidence report (证据报告): the same subject as a trace or a proof bundle names. */
export const EvidenceReportQuery = z.strictObject({
  subjectType: z.string().min(1).max(64),
  subjectId: z.string().min(1).max(128),
});
export type EvidenceReportQuery = z.infer<typeof EvidenceReportQuery>;
