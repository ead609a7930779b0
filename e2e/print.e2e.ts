/**
 * Printed records in the browser: on an approved purchase's page the applicant finds 打印审批单 and, beside the proof
 * bundle, 下载证据报告; both links open a PDF with the browser's session, in the interface's language (switched to
 * English, the same links give English documents), and the trace panel then shows the print as a trace entry.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, henjiInBrowser, signInThroughUi } from './harness.ts';

const suite = henjiInBrowser();
let dir: string;
let applicationId: string;

async function session(username: string) {
  const res = await fetch(`${suite.henji.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(res.status, username).toBe(200);
  const me = (await res.json()) as { csrfToken: string };
  const headers = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
  return async <T>(method: string, url: string, body?: object): Promise<T> => {
    const r = await fetch(`${suite.henji.url}${url}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
    expect(r.status, `${method} ${url}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
}

/** The PDF behind a link, fetched with the browser context's cookies, as text (poppler's pdftotext). */
async function pdfTextOf(context: BrowserContext, href: string, name: string): Promise<string> {
  const cookie = (await context.cookies(suite.henji.url)).map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(new URL(href, suite.henji.url), { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const file = path.join(dir, name);
  await writeFile(file, Buffer.from(await res.arrayBuffer()));
  return (await promisify(execFile)('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'henji-print-e2e-'));
  // A purchase applied for by tech.dev1 and approved at three levels, through the API.
  const dev = await session('tech.dev1');
  const types = await dev<{ items: { id: string; code: string }[] }>('GET', '/api/application-types');
  const typeId = types.items.find((t) => t.code === 'purchase')!.id;
  const created = await dev<{ id: string }>('POST', '/api/applications', {
    typeId,
    submit: true,
    requestKey: `print-e2e-${Math.random().toString(36).slice(2)}`,
    form: {
      title: '采购投影仪',
      items: [{ name: '投影仪', spec: '4K', quantity: 2, unitPrice: 25000 }],
      amount: 50000,
      supplier: '某某科技有限公司',
      reason: '两间会议室的投影仪已损坏。',
    },
  });
  applicationId = created.id;
  for (const [who, opinion] of [['tech.head', '同意'], ['fin.head', '预算内，同意'], ['ceo', '同意采购投影仪']] as const) {
    const call = await session(who);
    const detail = await call<{ formHash: string; myTasks: { taskId: string }[] }>('GET', `/api/applications/${applicationId}`);
    await call('POST', `/api/applications/${applicationId}/actions`, { action: 'approve', taskId: detail.myTasks[0]!.taskId, formHash: detail.formHash, opinion });
  }
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('printed records', () => {
  it('打印审批单 and 下载证据报告 give PDFs in the interface language, and the print is traced', async () => {
    const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInThroughUi(page, suite.henji.url, 'tech.dev1', DEMO_PASSWORD);
    await page.goto(`${suite.henji.url}/applications/${applicationId}`);

    const print = page.getByRole('link', { name: /打印审批单/ });
    await expect.poll(() => print.count()).toBe(1);
    const sheetHref = (await print.getAttribute('href'))!;
    expect(sheetHref).toContain(`/api/applications/${applicationId}/sheet.pdf`);
    expect(await print.getAttribute('target')).toBe('_blank');
    const sheet = await pdfTextOf(context, sheetHref, 'sheet.pdf');
    for (const word of ['采购申请审批单', '投影仪', '¥50,000.00', '伍万元整', '同意采购投影仪', 'CEO 审批']) expect(sheet, word).toContain(word);

    const report = page.getByRole('link', { name: /下载证据报告/ });
    await expect.poll(() => report.count()).toBe(1);
    const reportText = await pdfTextOf(context, (await report.getAttribute('href'))!, 'report.pdf');
    expect(reportText).toContain('证据报告');
    expect(reportText).toContain('如何离线核验');

    // The print is in the application's trace, as the panel shows it after a reload.
    await page.reload();
    await expect.poll(() => page.getByTestId('trace-panel').textContent(), { timeout: 15_000 }).toContain('打印审批单');

    // In English, the same button gives an English sheet whatever the browser's own language.
    await page.getByText('English', { exact: true }).click();
    const printEn = page.getByRole('link', { name: /Print approval sheet/ });
    await expect.poll(() => printEn.count()).toBe(1);
    const english = await pdfTextOf(context, (await printEn.getAttribute('href'))!, 'sheet-en.pdf');
    expect(english).toContain('approval sheet');
    expect(english).toContain('Approved');
    await context.close();
  });
});
