/**
 * Printed documents are traced as downloads: who took which document of which object, when, with the SHA-256 of the
 * exact bytes handed out as the entry's evidence — so a paper copy can later be matched to its trace entry. The
 * document is built first (from what the reader may see), then this command writes the entry, then the bytes are sent:
 * a document whose trace failed is never sent. Each kind of document has its own action ('application.print_sheet',
 * 'ledger.report_download'…), registered by the area that prints it.
 */
import type { ActionName } from '../ledger/actions.ts';
import { mayReadTrace } from '../ledger/subjects.ts';
import { defineCommand } from '../command.ts';
import { notFound } from '../errors.ts';

export interface DownloadInput {
  action: ActionName;
  subjectType: string;
  subjectId: string;
  /** The file name the document is sent under. */
  fileName: string;
  sha256: string;
  size: number;
  pages: number;
}

export const recordDownload = defineCommand('pdf.record_download', async (ctx, input: DownloadInput) => {
  // The route checked it already; the command does not trust that (a subject the actor may not read is 404).
  if (!(await mayReadTrace(ctx.tx, ctx.actor, input.subjectType, input.subjectId))) throw notFound('subject');
  return ctx.trace({
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    diff: { name: { after: input.fileName }, size: { after: input.size }, pages: { after: input.pages } },
    evidence: [{ name: input.fileName, sha256: input.sha256 }],
  });
});

/** The page of the web app where an object is shown: the verification link printed on its documents. */
type PageOf = (subjectId: string) => string;
const pages = new Map<string, PageOf>();

export function registerSubjectPage(subjectType: string, page: PageOf): void {
  pages.set(subjectType, page);
}

/** The object's page, or the ledger page for objects without one of their own. */
export const subjectPage = (subjectType: string, subjectId: string) => pages.get(subjectType)?.(subjectId) ?? '/ledger';
