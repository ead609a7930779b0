/**
 * 审批单: an application printed on A4 through the kernel's PDF service — the company and the type, the number, the
 * applicant and department, the form with its labels and formatted values (明细表 as a table with its 合计), money in
 * figures and in 大写, every decision (node, approver, decision, opinion, Beijing time, handwritten signature), the
 * final state and effective date, and a QR code of the application's page. Built from the detail the reader may see
 * (getApplication: 404 otherwise) and traced as a download ('application.print_sheet'), outside the approval path.
 */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { ErrorBody, IdParams, PrintQuery, type Application, type FormField, type ScalarField, type TableField } from '@henji/contracts';
import type { Queryable } from '../../db/client.ts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import type { Actor } from '../../kernel/actor.ts';
import { now as clockNow } from '../../kernel/clock.ts';
import { registerActions } from '../../kernel/ledger/actions.ts';
import { msg, render, type Locale, type Message } from '../../kernel/messages.ts';
import { departments, users } from '../../kernel/org/schema.ts';
import { amountInFigures, amountInWords, baseUrlOf, pdfResponse, beijingMinute, pdfFileName, PdfBuilder, registerSubjectPage, sendPdf, type Cell } from '../../kernel/pdf/index.ts';
import { companyName } from '../../kernel/settings/index.ts';
import { getApplication } from './queries.ts';
import { applicationTasks } from './schema.ts';

export const SHEET_ACTIONS = registerActions({
  /** The approval sheet (审批单) was printed: a PDF of the application as the reader saw it. */
  'application.print_sheet': 'application',
});

type SheetActions = { [K in keyof typeof SHEET_ACTIONS]: true };

declare module '../../kernel/ledger/actions.ts' {
  interface ActionCatalogue extends SheetActions {}
}

/** The web page of an application: the verification link and QR code printed on its documents. */
export const applicationPage = (id: string) => `/applications/${id}`;
registerSubjectPage('application', applicationPage);

const SIGNATURE_HEIGHT = 30;
/** Decisions printed on the sheet: what an approver did at their step. */
const DECIDED = new Set(['approve', 'reject', 'return', 'transfer', 'countersign', 'object', 'auto_approve', 'auto_reject']);

interface SheetInput {
  actor: Actor;
  id: string;
  locale: Locale;
  baseUrl: string;
  generatedAt: Date;
}

export async function approvalSheet(q: Queryable, input: SheetInput): Promise<{ bytes: Buffer; pages: number; fileName: string; app: Application }> {
  const { locale } = input;
  const app = await getApplication(q, input.actor, input.id, locale);
  const t = (m: Message) => render(locale, m);

  const tasks = app.steps.flatMap((s) => s.tasks.map((task) => ({ step: s, task })));
  const signed = tasks.filter(({ task }) => task.hasSignature).map(({ task }) => task.id);
  const [signatures, refs, company] = await Promise.all([
    signed.length === 0
      ? Promise.resolve([])
      : q
          .select({ id: applicationTasks.id, signature: applicationTasks.signature })
          .from(applicationTasks)
          .where(and(eq(applicationTasks.applicationId, app.id), inArray(applicationTasks.id, signed), isNotNull(applicationTasks.signature))),
    namesOfReferences(q, app),
    companyName(q),
  ]);
  const signatureOf = new Map(signatures.map((s) => [s.id, Buffer.from((s.signature ?? '').split(',')[1] ?? '', 'base64')]));

  const title = t(msg('sheet.title', { type: app.type.name }));
  const link = `${input.baseUrl}${applicationPage(app.id)}`;
  const pdf = new PdfBuilder({ title: `${title} ${app.number ?? ''}`.trim(), subject: app.title, locale, verificationLink: link, generatedAt: input.generatedAt });
  pdf.titleBlock({
    company,
    title,
    lines: [t(msg('sheet.number_line', { number: app.number ?? t(msg('sheet.no_number')) }))],
  });
  pdf.qr(link, t(msg('pdf.scan_to_verify')));

  const dash = t(msg('pdf.empty'));
  const time = (iso: string | null) => (iso ? beijingMinute(iso) : dash);
  pdf.keyValues([
    { label: t(msg('sheet.number')), value: app.number ?? t(msg('sheet.no_number')) },
    { label: t(msg('sheet.type')), value: app.type.name },
    { label: t(msg('sheet.applicant')), value: app.initiator.displayName },
    { label: t(msg('sheet.department')), value: app.departmentName ?? dash },
    { label: t(msg('sheet.submitted_at')), value: time(app.submittedAt) },
    { label: t(msg('sheet.status')), value: t(msg(`flow.status.${app.status}`)) },
  ]);

  // The form: scalar fields as label–value rows, each 明细表 as its own table.
  pdf.heading(t(msg('sheet.form')));
  const show = (field: ScalarField, value: unknown) => formatValue(field, value, app, refs, t);
  const pending: { label: string; value: string }[] = [];
  const flush = () => {
    if (pending.length > 0) pdf.keyValues(pending.splice(0), 1);
  };
  for (const field of app.definition.form.fields as FormField[]) {
    const value = app.form[field.key];
    if (field.type !== 'table') {
      pending.push({ label: field.label, value: show(field, value) });
      continue;
    }
    flush();
    pdf.paragraph(field.label, { bold: true });
    pdf.table(...tableOf(field, value, show, t));
  }
  flush();

  // Every decision, in the order taken.
  pdf.heading(t(msg('sheet.approvals')));
  const decided = tasks
    .filter(({ task }) => task.decision !== null && DECIDED.has(task.decision) && task.actedAt !== null)
    .sort((a, b) => a.task.actedAt!.localeCompare(b.task.actedAt!));
  if (decided.length === 0) pdf.paragraph(t(msg('sheet.no_approvals')), { muted: true });
  else {
    const rows: Cell[][] = decided.map(({ step, task }) => {
      const approver = task.actedBy && task.actedBy.id !== task.assignee.id
        ? t(msg('sheet.on_behalf', { delegate: task.actedBy.displayName, principal: task.assignee.displayName }))
        : task.assignee.displayName;
      const signature = signatureOf.get(task.id);
      return [
        step.nodeName,
        approver,
        render(locale, { key: `sheet.decision.${task.decision!}`, params: {} }),
        task.opinion ?? dash,
        time(task.actedAt),
        signature && signature.length > 0 ? { image: signature, height: SIGNATURE_HEIGHT } : dash,
      ];
    });
    pdf.table(
      [
        { header: t(msg('sheet.col_node')), width: 0.17 },
        { header: t(msg('sheet.col_approver')), width: 0.13 },
        { header: t(msg('sheet.col_decision')), width: 0.1 },
        { header: t(msg('sheet.col_opinion')), width: 0.25 },
        { header: t(msg('sheet.col_time')), width: 0.17 },
        { header: t(msg('sheet.col_signature')), width: 0.18 },
      ],
      rows,
      { fontSize: 9 },
    );
  }

  pdf.keyValues([
    { label: t(msg('sheet.result')), value: t(msg(`flow.status.${app.status}`)) },
    { label: t(msg('sheet.effective_at')), value: time(app.effectiveAt) },
  ]);

  const bytes = await pdf.toBuffer();
  return { bytes, pages: pdf.pages, fileName: pdfFileName(title, app.number ?? app.title), app };
}

/** People and departments named by id in the form, by name. */
async function namesOfReferences(q: Queryable, app: Application): Promise<Map<string, string>> {
  const userIds = new Set<string>();
  const departmentIds = new Set<string>();
  const collect = (field: ScalarField, value: unknown) => {
    const into = field.type === 'user' ? userIds : field.type === 'department' ? departmentIds : null;
    if (!into) return;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') into.add(v);
  };
  for (const field of app.definition.form.fields as FormField[]) {
    const value = app.form[field.key];
    if (field.type === 'table') {
      for (const row of Array.isArray(value) ? (value as Record<string, unknown>[]) : []) for (const c of field.columns) collect(c, row?.[c.key]);
    } else collect(field, value);
  }
  const uuid = /^[0-9a-f-]{36}$/i;
  const [u, d] = await Promise.all([
    userIds.size === 0 ? [] : q.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...userIds].filter((id) => uuid.test(id)))),
    departmentIds.size === 0 ? [] : q.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, [...departmentIds].filter((id) => uuid.test(id)))),
  ]);
  return new Map([...u, ...d].map((r) => [r.id, r.name]));
}

const isBlank = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** A form value as printed: money in figures (and 大写 outside tables), choices by label, people by name. */
function formatValue(field: ScalarField, value: unknown, app: Application, refs: Map<string, string>, t: (m: Message) => string, inTable = false): string {
  if (isBlank(value)) return t(msg('pdf.empty'));
  const list = (values: unknown[], each: (v: unknown) => string) => values.map(each).join(t(msg('sheet.list_separator')));
  switch (field.type) {
    case 'money':
      if (typeof value !== 'number' && typeof value !== 'string') break;
      return inTable ? amountInFigures(value) : t(msg('sheet.money', { figures: amountInFigures(value), words: amountInWords(value) }));
    case 'number':
      return String(value);
    case 'select': {
      const label = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
      return Array.isArray(value) ? list(value, label) : label(value);
    }
    case 'user':
    case 'department': {
      const name = (v: unknown) => refs.get(String(v)) ?? t(msg('sheet.unknown_ref'));
      return Array.isArray(value) ? list(value, name) : name(value);
    }
    case 'attachment': {
      const name = (v: unknown) => app.attachments.find((f) => f.id === v)?.name ?? t(msg('sheet.unknown_ref'));
      return Array.isArray(value) ? list(value, name) : name(value);
    }
    case 'dateRange':
      if (Array.isArray(value)) return t(msg('sheet.date_range', { from: String(value[0] ?? ''), to: String(value[1] ?? '') }));
      break;
    default:
      break;
  }
  return Array.isArray(value) ? list(value, String) : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A 明细表 as table columns and rows, with a 合计 row for its money columns that are not factors of another. */
function tableOf(
  field: TableField,
  value: unknown,
  show: (field: ScalarField, value: unknown) => string,
  t: (m: Message) => string,
): [{ header: string; width: number; align?: 'right' }[], Cell[][]] {
  const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const numeric = (c: ScalarField) => c.type === 'money' || c.type === 'number';
  const columns = [
    { header: t(msg('sheet.col_row')), width: 0.6, align: 'right' as const },
    ...field.columns.map((c) => ({ header: c.label, width: c.type === 'textarea' ? 3 : numeric(c) ? 1.3 : 2, ...(numeric(c) ? { align: 'right' as const } : {}) })),
  ];
  const cellOf = (c: ScalarField, v: unknown) => (c.type === 'money' && !isBlank(v) ? amountInFigures(v as number) : show(c, v));
  const body: Cell[][] = rows.map((row, i) => [String(i + 1), ...field.columns.map((c) => cellOf(c, row?.[c.key]))]);
  const factors = new Set(field.columns.flatMap((c) => (c.compute && 'product' in c.compute ? c.compute.product : [])));
  const totalled = field.columns.filter((c) => c.type === 'money' && !factors.has(c.key));
  if (rows.length > 0 && totalled.length > 0) {
    const cents = (key: string) => rows.reduce((sum, row) => sum + (typeof row?.[key] === 'number' ? Math.round((row[key] as number) * 100) : 0), 0);
    body.push([
      t(msg('sheet.total')),
      ...field.columns.map((c) => (totalled.includes(c) ? amountInFigures((cents(c.key) / 100).toFixed(2)) : '')),
    ]);
  }
  return [columns, body];
}

export function sheetRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/applications/:id/sheet.pdf', {
    schema: {
      tags: ['applications'],
      summary: 'The approval sheet (审批单) of an application as a PDF: form, line items, total in figures and 大写, every decision with opinion, time and signature, and a QR code of its page; traced as a download',
      params: IdParams,
      querystring: PrintQuery,
      response: { 200: pdfResponse, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
    },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const sheet = await approvalSheet(deps.db, {
      actor: caller.actor,
      id: req.params.id,
      locale: req.query.locale ?? localeOf(req),
      baseUrl: baseUrlOf(deps.config.publicUrl, req),
      generatedAt: clockNow(),
    });
    return sendPdf(deps.db, caller, reply, { ...sheet, action: 'application.print_sheet', subjectType: 'application', subjectId: sheet.app.id });
  });
}
