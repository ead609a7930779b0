/**
 * Sending a printed document: traced as a download first (download.ts), then the bytes — `inline` (the browser's PDF
 * viewer, from which it is printed) or `attachment`, the Chinese name kept (RFC 6266 / RFC 8187).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { PdfFile } from '@henji/contracts';
import type { Database } from '../../db/client.ts';
import type { ActionName } from '../ledger/actions.ts';
import { execute, type Caller } from '../command.ts';
import { contentDisposition } from '../files/routes.ts';
import { recordDownload } from './download.ts';

/** A file name safe on every system: the parts joined by spaces, without characters file systems refuse. */
export const pdfFileName = (...parts: (string | null | undefined)[]) =>
  `${parts.filter((p): p is string => !!p).join(' ').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 120)}.pdf`;

/**
 * The number of pages of a PDF this builder wrote (an archived one, sent again as stored): pdfkit writes every page
 * object's dictionary uncompressed with `/Type /Page`, and the page tree's as `/Type /Pages`.
 */
export function pdfPageCount(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

export async function sendPdf(
  db: Database,
  caller: Caller,
  reply: FastifyReply,
  document: { bytes: Buffer; pages: number; fileName: string; action: ActionName; subjectType: string; subjectId: string; kind?: 'inline' | 'attachment' },
) {
  const sha256 = createHash('sha256').update(document.bytes).digest('hex');
  await execute(db, caller, recordDownload, {
    action: document.action,
    subjectType: document.subjectType,
    subjectId: document.subjectId,
    fileName: document.fileName,
    sha256,
    size: document.bytes.length,
    pages: document.pages,
  });
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition(document.fileName, document.kind ?? 'inline'))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .header('etag', `"${sha256}"`)
    .send(document.bytes);
}

/** The address printed on documents (links, QR codes): HENJI_PUBLIC_URL, else the one this request came to. */
export const baseUrlOf = (publicUrl: string | null, req: { protocol: string; host: string }) => publicUrl ?? `${req.protocol}://${req.host}`;

/** The 200 response of a route that sends a PDF, for the OpenAPI document: bytes of type application/pdf. */
export const pdfResponse = { description: 'the PDF document', content: { 'application/pdf': { schema: PdfFile } } };
