/**
 * Approver comfort (issue 9 §7) in a real browser with the demo company: 尤技术 (tech.head) saves a phrase and a
 * signature in 个人设置; 吕工程师 (tech.dev1) sees the approvers' names change with the amount before submitting and
 * copies 吴文员 (adm.clerk); tech.head selects the to-dos (on a phone too), approves them in one batch with the saved
 * phrase and signature and reads the answer per item; the copied clerk finds it 未读 in 抄送 and marks it 已阅; the
 * applicant exports 我的申请 to Excel.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, henjiInBrowser, pickOption, signInThroughUi } from './harness.ts';
import { checkPage, contextOptions, DESKTOP, drawSignature, PHONE, type Viewport } from './layout.ts';

const suite = henjiInBrowser();

const SETTLE = { timeout: 15_000 };

async function as(username: string, viewport: Viewport = DESKTOP): Promise<Page> {
  const context = await suite.browser.newContext({ ...contextOptions(viewport), acceptDownloads: true });
  const page = await context.newPage();
  await signInThroughUi(page, suite.henji.url, username, DEMO_PASSWORD);
  return page;
}

/** An API call in the page's session (cookie and CSRF token), for data the test does not type in. */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<T> {
  const me = await (await page.request.get(`${suite.henji.url}/api/me`)).json();
  const res = await page.request.fetch(`${suite.henji.url}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json() as Promise<T>;
}

const levels = (page: Page) => page.getByTestId('preview-level').allInnerTexts();

describe('approver comfort', () => {
  const titles = ['批量同意测试 一', '批量同意测试 二'];

  it('saves a phrase and a signature in 个人设置', async () => {
    const page = await as('tech.head');
    await page.goto(`${suite.henji.url}/me`);
    await page.getByTestId('phrase-input').fill('同意，请按制度执行采购。');
    await page.keyboard.press('Enter');
    await page.getByTestId('phrase-list').getByText('同意，请按制度执行采购。').waitFor(SETTLE);
    const pad = page.getByTestId('signature-card').getByTestId('signature-pad');
    await drawSignature(page, pad, false);
    await page.getByTestId('save-signature').click();
    await page.getByTestId('saved-signature').waitFor(SETTLE);
    await checkPage(page, DESKTOP, 'comfort-me');
  });

  it('previews the approvers as the amount changes, and copies a colleague on submitting', async () => {
    const page = await as('tech.dev1');
    await page.goto(`${suite.henji.url}/applications/catalog`);
    await page.getByTestId('catalog-card').filter({ hasText: '采购申请' }).getByRole('button', { name: /发起申请/ }).click();
    await page.getByLabel('采购事由').fill(titles[0]!);
    const row = page.locator('.ant-table-row').first();
    await row.locator('input').nth(0).fill('显示器');
    await row.locator('input').nth(2).fill('2');
    await row.locator('input').nth(3).fill('1500');
    await page.getByLabel('采购理由').fill('新员工入职');
    await expect.poll(() => levels(page), SETTLE).toEqual([expect.stringContaining('尤技术'), expect.stringContaining('褚财务')]);
    await row.locator('input').nth(3).fill('6000');
    // 12,000: the CEO level appears, with his name.
    await expect.poll(async () => (await levels(page)).join('|'), SETTLE).toContain('王总');
    await row.locator('input').nth(3).fill('1500');
    await expect.poll(async () => (await levels(page)).join('|'), SETTLE).not.toContain('王总');
    await pickOption(page, page.locator('#application-cc'), '吴文员', { search: '吴文员' });
    await page.keyboard.press('Escape');
    await checkPage(page, DESKTOP, 'comfort-editor');
    await page.getByTestId('submit-application').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /提\s*交/ }).click();
    await page.getByTestId('progress-timeline').waitFor(SETTLE);
    await expect.poll(() => page.getByTestId('copies-card').innerText(), SETTLE).toContain('吴文员');

    const types = await call<{ items: { id: string; code: string }[] }>(page, 'GET', '/api/application-types');
    const typeId = types.items.find((t) => t.code === 'purchase')!.id;
    const form = { title: titles[1], items: [{ name: '键盘', quantity: 1, unitPrice: 300 }], amount: 300, reason: '键盘损坏' };
    await call(page, 'POST', '/api/applications', { typeId, form, submit: true, requestKey: crypto.randomUUID() });
  });

  it('selects the to-dos on a phone', async () => {
    const page = await as('tech.head', PHONE);
    await page.goto(`${suite.henji.url}/inbox`);
    await page.getByTestId('select-all').waitFor(SETTLE);
    await page.getByTestId('select-all').click();
    await expect.poll(() => page.getByTestId('batch-approve').innerText()).toMatch(/批量同意（\s*2\s*）|批量同意\s*\(\s*2\s*\)/);
    await checkPage(page, PHONE, 'comfort-inbox');
  });

  it('approves both in one batch with the saved phrase and signature, each answered', async () => {
    const page = await as('tech.head');
    await page.goto(`${suite.henji.url}/inbox`);
    for (const title of titles) await page.getByTestId('inbox-title').filter({ hasText: title }).waitFor(SETTLE);
    // The table may render its heading twice (a measuring copy for horizontal scrolling): the visible one.
    await page.locator('thead').getByTestId('select-all').first().click();
    await page.getByTestId('batch-approve').click();
    // With the keyboard: the picker searches the saved phrases, Enter inserts the one found.
    const opinion = page.getByTestId('batch-opinion');
    await pickOption(page, page.getByTestId('phrase-picker'), '同意，请按制度执行采购。', {
      search: '按制度',
      keyboard: true,
      landed: async () => (await opinion.inputValue()) !== '',
    });
    expect(await opinion.inputValue()).toBe('同意，请按制度执行采购。');
    await page.getByTestId('batch-signature').check();
    await checkPage(page, DESKTOP, 'comfort-batch');
    await page.locator('.ant-modal').getByRole('button', { name: /^同\s*意$/ }).click();
    const results = page.getByTestId('batch-results');
    await results.waitFor(SETTLE);
    for (const title of titles) await expect.poll(() => results.innerText()).toContain(title);
    expect(await page.locator('.ant-modal').innerText()).toContain('成功 2 件，失败 0 件');
    await checkPage(page, DESKTOP, 'comfort-batch-results');
  });

  it('the copied colleague reads it: 未读, then 已阅', async () => {
    const page = await as('adm.clerk');
    await page.goto(`${suite.henji.url}/inbox?tab=cc`);
    const item = page.getByTestId('inbox-title').filter({ hasText: titles[0] });
    await item.waitFor(SETTLE);
    await item.click();
    await expect.poll(() => page.getByTestId('copies-card').innerText(), SETTLE).toContain('未读');
    await page.getByTestId('action-read').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /已\s*阅|确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('copies-card').innerText(), SETTLE).toContain('已阅');
  });

  it('the applicant exports 我的申请 to Excel', async () => {
    const page = await as('tech.dev1');
    await page.goto(`${suite.henji.url}/applications`);
    await page.getByTestId('export-xlsx').waitFor(SETTLE);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^我的申请-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });
});
