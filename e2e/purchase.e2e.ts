/**
 * The purchase journey (采购审批：部门负责人 → 财务部 → CEO 三级签字) in a real browser, across four people of the demo
 * company: 吕工程师 (tech.dev1) submits; 尤技术 (tech.head) approves with a drawn signature; 褚财务 (fin.head) returns
 * it for a quotation; the applicant edits and resubmits; finance approves; 王总 (ceo) approves with the required
 * written opinion; the applicant follows it in the progress view to the end.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, launchBrowser, signInThroughUi, startHenjiProcess, type RunningHenji } from './harness.ts';

let henji: RunningHenji;
let browser: Browser;
let applicationUrl = '';

beforeAll(async () => {
  henji = await startHenjiProcess();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await henji?.stop();
});

async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInThroughUi(page, henji.url, username, DEMO_PASSWORD);
  return page;
}

const bodyText = async (page: Page) => (await page.locator('body').textContent()) ?? '';

/** Opens the first to-do item about our application from the inbox. */
async function openFromInbox(page: Page) {
  await page.goto(`${henji.url}/inbox`);
  const title = page.getByTestId('inbox-title').filter({ hasText: '采购测试服务器' }).first();
  await title.waitFor();
  await title.click();
  await page.getByTestId('progress-timeline').waitFor();
}

async function approve(page: Page, opinion: string) {
  await page.getByTestId('action-approve').click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-opinion') });
  await dialog.getByTestId('action-opinion').fill(opinion);
  await dialog.locator('button[type=submit]').click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

describe('purchase journey', () => {
  it('the applicant submits a purchase from the catalogue', async () => {
    const page = await as('tech.dev1');
    await page.goto(`${henji.url}/applications/catalog`);
    const card = page.getByTestId('catalog-card').filter({ hasText: '采购申请' });
    await card.getByRole('button', { name: /发起申请/ }).click();
    await page.getByTestId('application-form').waitFor();
    await page.getByLabel('采购事由').fill('采购测试服务器');
    const row = page.locator('tr.ant-table-row').first();
    await row.locator('input').nth(0).fill('服务器');
    await row.locator('input').nth(2).fill('2');
    await row.locator('input').nth(3).fill('12500');
    // 金额 and 总金额 are computed (数量 × 单价, summed), not typed.
    await expect.poll(() => page.getByLabel('总金额').inputValue()).toMatch(/^25,000(\.00)?$/);
    expect(await page.getByLabel('总金额').isDisabled()).toBe(true);
    await page.getByLabel('采购理由').fill('新项目需要测试环境');
    await page.getByTestId('submit-application').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /提\s*交/ }).click();
    await page.waitForURL((u) => /\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
    applicationUrl = page.url();
    await page.getByTestId('progress-timeline').waitFor();
    const text = await bodyText(page);
    expect(text).toContain('审批中');
    expect(text).toContain('部门负责人审批');
    expect(text).toContain('尤技术');
    await page.context().close();
  });

  it('the department head approves with an opinion and a handwritten signature', async () => {
    const page = await as('tech.head');
    await openFromInbox(page);
    await page.getByTestId('action-approve').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-opinion') });
    await dialog.getByTestId('action-opinion').fill('同意采购，请财务部审核预算。');
    const pad = dialog.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 60);
    await page.mouse.down();
    for (let i = 0; i < 20; i++) await page.mouse.move(box.x + 30 + i * 12, box.y + 60 + Math.sin(i / 2) * 20);
    await page.mouse.up();
    await dialog.locator('button[type=submit]').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => bodyText(page)).toContain('同意采购，请财务部审核预算。');
    await page.context().close();
  });

  it('finance returns it to the applicant, who cannot be returned to without a written opinion', async () => {
    const page = await as('fin.head');
    await openFromInbox(page);
    await page.getByTestId('action-return').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-opinion') });
    await dialog.locator('button[type=submit]').click();
    // The opinion is required: the dialog stays open.
    await page.waitForTimeout(300);
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByTestId('action-opinion').fill('请补充供应商报价单。');
    await dialog.getByTestId('return-target').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '申请人' }).click();
    await dialog.locator('button[type=submit]').click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => bodyText(page)).toContain('已退回');
    await page.context().close();
  });

  it('the applicant edits and resubmits', async () => {
    const page = await as('tech.dev1');
    await page.goto(applicationUrl);
    await page.getByTestId('progress-timeline').waitFor();
    expect(await bodyText(page)).toContain('请补充供应商报价单。');
    await page.getByTestId('action-edit').click();
    await page.getByTestId('application-form').waitFor();
    await page.getByLabel('供应商').fill('某某科技有限公司');
    await page.getByTestId('submit-application').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /重新提交/ }).click();
    await page.waitForURL((u) => /\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByTestId('progress-timeline').waitFor();
    await expect.poll(() => bodyText(page)).toContain('财务部审核');
    await page.context().close();
  });

  it('finance approves, then the CEO signs with the required opinion', async () => {
    const finance = await as('fin.head');
    await openFromInbox(finance);
    await approve(finance, '预算内，同意。');
    await finance.context().close();

    const ceo = await as('ceo');
    await openFromInbox(ceo);
    await approve(ceo, '同意采购。');
    await expect.poll(() => bodyText(ceo)).toContain('已通过');
    await ceo.context().close();
  });

  it('the applicant sees every step, opinion and the final result in the progress view', async () => {
    const page = await as('tech.dev1');
    await page.goto(applicationUrl);
    await page.getByTestId('progress-timeline').waitFor();
    const text = await bodyText(page);
    for (const expected of ['已通过', '部门负责人审批', '财务部审核', 'CEO 审批', '请补充供应商报价单。', '预算内，同意。', '同意采购。', '尤技术', '褚财务', '王总']) {
      expect(text).toContain(expected);
    }
    // The purchase order number assigned by the flow (CG + year + sequence).
    expect(text).toMatch(/CG\d{4}\d{4}/);
    await page.context().close();
  });
});

describe('flow designer', () => {
  it('asks before in-app navigation leaves unsaved changes behind', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await signInThroughUi(page, henji.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${henji.url}/admin/application-types`);
    await page.getByRole('link', { name: '通用申请' }).click();
    await page.getByRole('tab', { name: '表单设计' }).click();
    await page.getByRole('button', { name: /添加字段/ }).click();
    await page.getByRole('menuitem', { name: '单行文本' }).click();
    await page.getByText('未保存', { exact: true }).waitFor();
    const designer = page.url();

    await page.getByRole('link', { name: '首页' }).click();
    const dialog = page.locator('.ant-modal-confirm').filter({ hasText: '离开流程设计？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '留在此页' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(page.url()).toBe(designer);
    await page.getByText('未保存', { exact: true }).waitFor();

    await page.getByRole('link', { name: '首页' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '放弃修改并离开' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await context.close();
  });
});
