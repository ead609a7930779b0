/**
 * 证据报告: the trace of any object as a PDF — each entry in plain language (ledger/describe.ts, the words of the web's
 * trace panel), its verification state checked here exactly as the browser and the offline verifier check it (leaf
 * hash recomputed from the entry, inclusion proof folded to the signed checkpoint's root, checkpoint signature checked
 * against this installation's public key), the checkpoint itself, and how to verify the proof bundle offline.
 * Readable by whoever may read the object's trace (404 otherwise) and traced as a download on the object.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody, EvidenceReportQuery, LEDGER_VOCABULARY } from '@henji/contracts';
import { verifyCheckpointSignature, verifyEntryInclusion } from '@henji/verifier';
import type { Queryable } from '../../db/client.ts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import type { Actor } from '../actor.ts';
import { hasPermission } from '../access/policy.ts';
import { now as clockNow } from '../clock.ts';
import { notFound } from '../errors.ts';
import { msg, render, type Locale, type Message } from '../messages.ts';
import { PdfBuilder } from '../pdf/document.ts';
import { subjectPage } from '../pdf/download.ts';
import { beijingDateTime } from '../pdf/format.ts';
import { baseUrlOf, pdfFileName, pdfResponse, sendPdf } from '../pdf/send.ts';
import { companyName } from '../settings/index.ts';
import { registerActions } from './actions.ts';
import { describeEntries } from './describe.ts';
import { inclusionProofs, latestCheckpoint } from './proofs.ts';
import { listEntries } from './queries.ts';
import { hiddenActions, loadSubject, mayReadTrace } from './subjects.ts';

export const REPORT_ACTIONS = registerActions({
  /** Any object's evidence report was downloaded (traced on that object). */
  'ledger.report_download': '*',
});

type ReportActions = { [K in keyof typeof REPORT_ACTIONS]: true };

declare module './actions.ts' {
  interface ActionCatalogue extends ReportActions {}
}

/** The most entries a report lists, as for proof bundles: the newest ones. */
export const REPORT_LIMIT = 500;
const VALUE_LIMIT = 300;
/** The offline verifier's command line (packages/verifier), printed as it is typed. */
export const VERIFY_COMMAND = 'node packages/verifier/bin/henji-verify-bundle.mjs bundle.json';

const clip = (text: string) => (text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text);

export interface ReportInput {
  actor: Actor;
  subjectType: string;
  subjectId: string;
  locale: Locale;
  /** base64 raw Ed25519 public key the checkpoint must be signed with (this installation's). */
  publicKey: string;
  /** HENJI_PUBLIC_URL or the address the request came to, without a trailing slash. */
  baseUrl: string;
  generatedAt: Date;
}

export async function evidenceReport(q: Queryable, input: ReportInput): Promise<{ bytes: Buffer; pages: number; fileName: string }> {
  const { actor, subjectType, subjectId, locale } = input;
  const readAll = hasPermission(actor, 'ledger.read_all');
  if (!readAll && !(await mayReadTrace(q, actor, subjectType, subjectId))) throw notFound('subject');
  const { items, nextBeforeId } = await listEntries(q, {
    subjectType,
    subjectId,
    hideActions: hiddenActions(actor, subjectType, subjectId),
    limit: REPORT_LIMIT,
  });
  // An administrator may ask about anything: an object with no trace at all is then unknown, as for everyone else.
  if (readAll && items.length === 0 && (await loadSubject(q, subjectType, subjectId)) === null) throw notFound('subject');

  const t = (m: Message) => render(locale, m);
  const entries = [...items].reverse(); // oldest first: a report reads as a story
  const descriptions = await describeEntries(q, entries, locale);
  const [checkpoint, company] = await Promise.all([latestCheckpoint(q), companyName(q)]);
  const signatureValid = checkpoint ? await verifyCheckpointSignature(checkpoint, input.publicKey) : false;

  const covered = checkpoint ? entries.filter((e) => e.leafIndex !== null && e.leafIndex < checkpoint.treeSize) : [];
  const proofs = new Map((checkpoint ? await inclusionProofs(q, covered.map((e) => e.leafIndex!), checkpoint.treeSize) : []).map((p) => [p.leafIndex, p]));
  const states: { text: string; ok: boolean | null }[] = [];
  for (const e of entries) {
    const proof = e.leafIndex === null ? undefined : proofs.get(e.leafIndex);
    if (!checkpoint || !proof) {
      states.push({ text: t(msg('report.state_pending')), ok: null });
      continue;
    }
    const ok = signatureValid && (await verifyEntryInclusion(e, proof.leafIndex, proof.proof, checkpoint));
    states.push({
      text: ok
        ? t(msg('report.state_verified', { leaf: proof.leafIndex, hash: proof.leafHash.slice(0, 16) }))
        : t(msg('report.state_failed', { leaf: proof.leafIndex })),
      ok,
    });
  }
  const sealed = states.filter((s) => s.ok !== null);
  const verdictOk = sealed.every((s) => s.ok) && (checkpoint === null || signatureValid);

  const vocabulary = LEDGER_VOCABULARY[locale];
  const typeLabel = vocabulary.subjectTypes[subjectType] ?? subjectType;
  const subjectLabel = descriptions[0]?.subjectLabel ?? `${typeLabel} ${subjectId}`;
  const link = `${input.baseUrl}${subjectPage(subjectType, subjectId)}`;
  const title = t(msg('report.title'));

  const pdf = new PdfBuilder({ title: `${title} ${subjectLabel}`, subject: subjectLabel, locale, verificationLink: link, generatedAt: input.generatedAt });
  pdf.titleBlock({ company, title, lines: [t(msg('report.subject_line', { subject: subjectLabel }))] });
  pdf.qr(link, t(msg('pdf.scan_to_verify')));
  pdf.keyValues([
    { label: t(msg('report.subject_type')), value: typeLabel },
    { label: t(msg('report.entry_count')), value: String(entries.length) },
    { label: t(msg('report.subject_id')), value: subjectId },
    { label: t(msg('report.requested_by')), value: actor.kind === 'user' ? actor.displayName : t(msg('describe.system')) },
  ]);

  pdf.heading(t(msg('report.checkpoint')));
  if (checkpoint) {
    pdf.keyValues(
      [
        { label: t(msg('report.tree_size')), value: String(checkpoint.treeSize) },
        { label: t(msg('report.root')), value: checkpoint.rootHash },
        { label: t(msg('report.signed_at')), value: t(msg('pdf.beijing_time', { time: beijingDateTime(checkpoint.issuedAt) })) },
        { label: t(msg('report.key_id')), value: checkpoint.keyId },
        { label: t(msg('report.signature')), value: t(msg(signatureValid ? 'report.signature_valid' : 'report.signature_invalid')) },
      ],
      1,
    );
  } else {
    pdf.paragraph(t(msg('report.no_checkpoint')));
  }

  pdf.heading(t(msg('report.trace')));
  if (nextBeforeId) pdf.paragraph(t(msg('report.truncated', { count: REPORT_LIMIT })), { muted: true });
  if (entries.length === 0) pdf.paragraph(t(msg('report.empty')));
  else {
    const rows = entries.map((e, i) => {
      const d = descriptions[i]!;
      const lines = [d.sentence];
      for (const f of d.fields) {
        lines.push(
          f.before === null
            ? t(msg('report.set', { label: f.label, after: clip(f.after ?? '') }))
            : t(msg('report.change', { label: f.label, before: clip(f.before), after: clip(f.after ?? t(msg('describe.empty'))) })),
        );
      }
      if (e.comment) lines.push(t(msg('report.comment', { comment: clip(e.comment) })));
      for (const ev of e.evidence) lines.push(t(msg('report.evidence', { name: ev.name, hash: ev.sha256.slice(0, 16) })));
      return [String(i + 1), beijingDateTime(e.recordedAt), lines.join('\n'), states[i]!.text];
    });
    pdf.table(
      [
        { header: t(msg('report.col_no')), width: 0.06, align: 'right' },
        { header: t(msg('report.col_time')), width: 0.17 },
        { header: t(msg('report.col_what')), width: 0.51 },
        { header: t(msg('report.col_state')), width: 0.26 },
      ],
      rows,
      { fontSize: 8.5 },
    );
  }
  pdf.paragraph(t(msg(verdictOk ? 'report.verdict_ok' : 'report.verdict_failed', { count: sealed.length })), { bold: true });

  pdf.heading(t(msg('report.how_title')));
  const bundle = `${input.baseUrl}/api/ledger/bundle?subjectType=${encodeURIComponent(subjectType)}&subjectId=${encodeURIComponent(subjectId)}`;
  pdf.paragraph(t(msg('report.how_1', { bundle })));
  pdf.paragraph(t(msg('report.how_2')));
  pdf.paragraph(VERIFY_COMMAND, { bold: true });
  pdf.paragraph(t(msg('report.how_3')));

  const bytes = await pdf.toBuffer();
  return { bytes, pages: pdf.pages, fileName: pdfFileName(title, subjectLabel) };
}

export function ledgerReportRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/ledger/report.pdf', {
    schema: {
      tags: ['ledger'],
      summary: 'The evidence report (证据报告) of one object as a PDF: its trace in plain language, each entry verified against the signed checkpoint, and how to verify offline; traced as a download',
      querystring: EvidenceReportQuery,
      response: { 200: pdfResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const { subjectType, subjectId } = req.query;
    const report = await evidenceReport(deps.db, {
      actor: caller.actor,
      subjectType,
      subjectId,
      locale: req.query.locale ?? localeOf(req),
      publicKey: deps.signer.publicKey.toString('base64'),
      baseUrl: baseUrlOf(deps.config.publicUrl, req),
      generatedAt: clockNow(),
    });
    return sendPdf(deps.db, caller, reply, { ...report, action: 'ledger.report_download', subjectType, subjectId, kind: 'attachment' });
  });
}
