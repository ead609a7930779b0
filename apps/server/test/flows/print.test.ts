/**
 * Printed records (issue 9 §3): the approval sheet (审批单) and the evidence report (证据报告) of a real purchase,
 * applied for and approved at three levels with opinions and handwritten signatures through the HTTP API, read back
 * with poppler's pdftotext and pdffonts: the Chinese words, the amounts in figures and in 大写, the number, an
 * embedded font subset; 404 for someone who may not read; each download traced with the PDF's SHA-256.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '@henji/contracts';
import { verifyBundle, type ProofBundle } from '@henji/verifier';
import { signInAdmin, startHenji, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, makeCompany, myTask, purchaseForm, typeByCode, type Company, type Person } from './flow-context.ts';
import { randomUUID } from 'node:crypto';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../../../..');
let h: TestHenji;
let c: Company;
let dir: string;
let purchase: Application;
const opinions = { head: '同意，打印机确已损坏', finance: '预算内，同意支付', ceo: '同意采购，尽快到货' };

async function download(who: Person, url: string) {
  const app = await h.app();
  return app.inject({ method: 'GET', url, headers: who.session.headers });
}

async function pdfText(bytes: Buffer, name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
}

async function pdfFonts(bytes: Buffer, name: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  return (await run('pdffonts', [file])).stdout;
}

async function approveSigned(who: Person, opinion: string) {
  const { app, task } = await myTask(h, who, purchase.id);
  const signature = await QRCode.toDataURL(`signature of ${who.username}`, { margin: 1, width: 120 });
  const res = await act(h, who, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash, opinion, signature });
  expect(res.status, res.raw).toBe(200);
  return res.body;
}

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
  dir = await mkdtemp(path.join(tmpdir(), 'henji-print-'));
  const admin = await signInAdmin(h);
  const company = await api(h, admin, 'PUT', '/api/settings/company', { name: '痕迹科技有限公司', logoFileId: null });
  expect(company.status, company.raw).toBe(200);
  const type = await typeByCode(h, c.employee, 'purchase');
  const form = {
    ...purchaseForm(0),
    title: '采购激光打印机',
    items: [
      { name: '激光打印机', spec: 'A4 黑白', quantity: 2, unitPrice: 6000 },
      { name: '硒鼓', spec: '原装', quantity: 5, unitPrice: 469.13 },
    ],
    amount: 14345.65,
    supplier: '某某办公设备公司',
  };
  const created = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form, submit: true, requestKey: randomUUID() });
  expect(created.status, created.raw).toBe(201);
  purchase = created.body;
  await approveSigned(c.head, opinions.head);
  await approveSigned(c.finance, opinions.finance);
  purchase = await approveSigned(c.ceo, opinions.ceo);
  expect(purchase.status).toBe('approved');
  await h.sequencer.flush();
});
afterAll(async () => {
  await h.close();
  // HENJI_KEEP_PDFS=1 keeps the printed files to look at (the directory is logged).
  if (process.env.HENJI_KEEP_PDFS) console.log(`PDFs kept in ${dir}`);
  else await rm(dir, { recursive: true, force: true });
});

describe('审批单 (approval sheet)', () => {
  it('prints the form, line items, total in figures and 大写, every decision and the number', async () => {
    const res = await download(c.employee, `/api/applications/${purchase.id}/sheet.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('采购申请审批单'));
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // A subset of the font, not the 10 MB file: a sheet with three signatures stays small.
    expect(bytes.length).toBeLessThan(400_000);

    const text = await pdfText(bytes, 'sheet.pdf');
    expect(purchase.number).toMatch(/^CG\d{8}$/);
    for (const word of [
      '痕迹科技有限公司',
      '采购申请审批单',
      purchase.number!,
      '采购激光打印机',
      '采购明细',
      '激光打印机',
      '硒鼓',
      '某某办公设备公司',
      '行政部',
      '部门负责人审批',
      '财务部审核',
      'CEO 审批',
      '同意',
      opinions.head,
      opinions.finance,
      opinions.ceo,
      '已通过',
      '生效时间',
      '手写签名',
      '扫码核验',
    ]) {
      expect(text, word).toContain(word);
    }
    expect(text).toMatch(/第\s*1\s*页\s*\/\s*共\s*\d+\s*页/);
    // Line amounts, the table's 合计 and the total in figures and in words: 2 × 6000 + 5 × 469.13 = 14,345.65.
    expect(text).toContain('¥12,000.00');
    expect(text).toContain('¥2,345.65');
    expect(text).toContain('¥14,345.65');
    expect(text).toContain('壹万肆仟叁佰肆拾伍元陆角伍分');
    // Approvers by name (the test company's display names).
    const approvers = purchase.steps.flatMap((s) => s.tasks.filter((t) => t.decision === 'approve').map((t) => t.assignee.displayName));
    expect(approvers.length).toBe(3);
    for (const name of approvers) expect(text).toContain(name);
    // Times in Beijing time: the test clock's afternoon.
    expect(text).toMatch(/北京时间/);

    const fonts = await pdfFonts(bytes, 'sheet-fonts.pdf');
    const rows = fonts.split('\n').filter((l) => /NotoSansSC/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    // name, type, encoding, emb, sub, uni: every Noto font embedded and a subset (ABCDEF+ prefix).
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+NotoSansSC-/);
      expect(row).toMatch(/\byes\s+yes\s+yes\b/);
    }
  });

  it('is traced as a download with the SHA-256 of the bytes handed out', async () => {
    const res = await download(c.head, `/api/applications/${purchase.id}/sheet.pdf`);
    expect(res.statusCode).toBe(200);
    const sha = createHash('sha256').update(res.rawPayload).digest('hex');
    const trace = await traceOf(h, c.employee.session.headers, 'application', purchase.id);
    const printed = trace.filter((e) => e.action === 'application.print_sheet');
    expect(printed.length).toBe(2); // the employee's (first test) and the head's
    const mine = printed.find((e) => e.actorId === c.head.id);
    expect(mine?.evidence).toEqual([{ name: expect.stringContaining('采购申请审批单'), sha256: sha }]);
    expect(mine?.diff.size?.after).toBe(res.rawPayload.length);
  });

  it('speaks English when asked', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: `/api/applications/${purchase.id}/sheet.pdf`, headers: { ...c.employee.session.headers, 'accept-language': 'en-US' } });
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res.rawPayload, 'sheet-en.pdf');
    expect(text).toContain('approval sheet');
    expect(text).toContain('Approved');
    expect(text).toContain('Page 1 of');
    expect(text).toContain('壹万肆仟叁佰肆拾伍元陆角伍分');
    // The web app names the interface's language: it wins over the browser's Accept-Language.
    const chosen = await app.inject({ method: 'GET', url: `/api/applications/${purchase.id}/sheet.pdf?locale=zh-CN`, headers: { ...c.employee.session.headers, 'accept-language': 'en-US' } });
    expect(await pdfText(chosen.rawPayload, 'sheet-chosen.pdf')).toContain('采购申请审批单');
    const report = await app.inject({ method: 'GET', url: `/api/ledger/report.pdf?subjectType=application&subjectId=${purchase.id}&locale=en-US`, headers: c.employee.session.headers });
    expect(await pdfText(report.rawPayload, 'report-en.pdf')).toContain('Evidence report');
    expect((await download(c.employee, `/api/applications/${purchase.id}/sheet.pdf?locale=fr-FR`)).statusCode).toBe(400);
  });

  it('is 404 for someone who may not read the application, and writes no trace', async () => {
    const before = (await traceOf(h, c.employee.session.headers, 'application', purchase.id)).length;
    const res = await download(c.outsider, `/api/applications/${purchase.id}/sheet.pdf`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not_found' });
    const missing = await download(c.employee, `/api/applications/${randomUUID()}/sheet.pdf`);
    expect(missing.statusCode).toBe(404);
    const bad = await download(c.employee, '/api/applications/not-a-uuid/sheet.pdf');
    expect(bad.statusCode).toBe(400);
    expect((await traceOf(h, c.employee.session.headers, 'application', purchase.id)).length).toBe(before);
  });
});

describe('证据报告 (evidence report)', () => {
  it('lists the trace in plain language, verified against the signed checkpoint, and says how to verify offline', async () => {
    await h.sequencer.flush();
    const url = `/api/ledger/report.pdf?subjectType=application&subjectId=${purchase.id}`;
    const res = await download(c.employee, url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
    const text = await pdfText(res.rawPayload, 'report.pdf');
    for (const word of [
      '痕迹科技有限公司',
      '证据报告',
      purchase.number!,
      '提交申请',
      '同意',
      opinions.ceo,
      '打印审批单',
      '签名检查点',
      '默克尔树大小',
      '已验证',
      '有效',
      '如何离线核验',
      'henji-verify-bundle.mjs bundle.json',
      '结论',
    ]) {
      expect(text, word).toContain(word);
    }
    expect(text).not.toContain('验证失败');

    // The report and the bundle it tells of agree: the offline verifier accepts the bundle.
    const bundle = await api<ProofBundle>(h, c.employee, 'GET', `/api/ledger/bundle?subjectType=application&subjectId=${purchase.id}`);
    expect((await verifyBundle(bundle.body)).ok).toBe(true);
    // …and prints, in plain language, what it verified.
    const bundleFile = path.join(dir, 'bundle.json');
    await writeFile(bundleFile, JSON.stringify(bundle.body));
    const verifier = path.join(REPO, 'packages/verifier/bin/henji-verify-bundle.mjs');
    const summary = (await run(process.execPath, [verifier, bundleFile], { cwd: REPO })).stdout;
    expect(summary).toContain(`对象 (subject): 申请 application ${purchase.id}`);
    expect(summary).toContain(`痕迹条数 (entries): ${bundle.body.entries.length}`);
    expect(summary).toContain('提交申请 (application.submit)');
    expect(summary).toContain(`意见 (comment): ${opinions.ceo}`);
    expect(summary).toContain(`树大小 tree size ${bundle.body.checkpoint.treeSize}`);
    expect(summary).toContain('签名 (checkpoint signature): 有效 valid');
    expect(summary).toMatch(/结论 \(verdict\): 通过 OK/);
    // A bundle whose opinion was rewritten fails, and says so.
    const forged = structuredClone(bundle.body);
    const approval = forged.entries.find((e) => e.entry.payload.includes(opinions.ceo))!;
    approval.entry.payload = approval.entry.payload.replace(opinions.ceo, '不同意');
    await writeFile(bundleFile, JSON.stringify(forged));
    const refused = await run(process.execPath, [verifier, bundleFile], { cwd: REPO }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stdout).toMatch(/结论 \(verdict\): 未通过 FAILED — 1 条痕迹的包含证明不成立/);

    const fonts = await pdfFonts(res.rawPayload, 'report-fonts.pdf');
    expect(fonts).toMatch(/[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('is traced as a download on the object; 404 for a reader who may not read it', async () => {
    const trace = await traceOf(h, c.employee.session.headers, 'application', purchase.id);
    const reports = trace.filter((e) => e.action === 'ledger.report_download');
    expect(reports.length).toBe(2);
    expect(reports.every((r) => r.actorId === c.employee.id)).toBe(true);
    expect(reports[0]!.evidence[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);

    const denied = await download(c.outsider, `/api/ledger/report.pdf?subjectType=application&subjectId=${purchase.id}`);
    expect(denied.statusCode).toBe(404);
    const unknown = await download(c.employee, `/api/ledger/report.pdf?subjectType=nothing&subjectId=${purchase.id}`);
    expect(unknown.statusCode).toBe(404);
    const missingQuery = await download(c.employee, '/api/ledger/report.pdf');
    expect(missingQuery.statusCode).toBe(400);
    expect((await traceOf(h, c.employee.session.headers, 'application', purchase.id)).filter((e) => e.action === 'ledger.report_download').length).toBe(2);
  });

  it('reports an object with pending entries as 待封存', async () => {
    // A fresh trace entry not yet sequenced: the report shows it pending, not verified.
    await download(c.head, `/api/applications/${purchase.id}/sheet.pdf`);
    const res = await download(c.auditor, `/api/ledger/report.pdf?subjectType=application&subjectId=${purchase.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await pdfText(res.rawPayload, 'report-pending.pdf')).toContain('待封存');
  });
});
