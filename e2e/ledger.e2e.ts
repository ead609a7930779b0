/**
 * 痕迹账本 an auditor can read (issue 9 §2), in a real browser: sign-ins name the person, the action filter by group
 * and the business-number search are kept in the URL, and the glossary explains the jargon.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, henjiInBrowser, pickOption, signInThroughUi } from './harness.ts';

const suite = henjiInBrowser();

describe('痕迹账本 in plain language', () => {
  it('an administrator filters sign-ins by the action group, searches a business number and reads the glossary', async () => {
    const employee = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signInThroughUi(await employee.newPage(), suite.henji.url, 'tech.dev1', DEMO_PASSWORD);
    await employee.close();

    const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signInThroughUi(page, suite.henji.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${suite.henji.url}/ledger`);
    await page.getByTestId('ledger-sentence').first().waitFor();

    // The action select, by keyboard: the whole group 登录与账户.
    await pickOption(page, page.getByTestId('ledger-filter-action'), '全部：登录与账户', { search: '全部：登录与账户', keyboard: true });
    await expect.poll(() => new URL(page.url()).searchParams.get('actionGroup')).toBe('auth');
    await expect.poll(() => page.getByTestId('ledger-sentence').allTextContents()).toContain('吕工程师 登录（来自 127.0.0.1）');
    // The list is re-read after the filter: wait until no row of the unfiltered page is left.
    await expect.poll(async () => (await page.getByTestId('ledger-sentence').allTextContents()).filter((s) => !/登录|退出登录/.test(s))).toEqual([]);
    expect(await page.getByTestId('ledger-subject').allTextContents()).toContain('用户 吕工程师');

    // A number nobody issued: nothing, and the URL keeps both filters.
    await page.getByTestId('ledger-filter-number').locator('input').fill('CG19990001');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('number')).toBe('CG19990001');
    expect(new URL(page.url()).searchParams.get('actionGroup')).toBe('auth');
    await expect.poll(() => page.getByTestId('ledger-entries').textContent()).toContain('没有痕迹记录');

    await page.getByTestId('ledger-filter-clear').click();
    await expect.poll(() => new URL(page.url()).search).toBe('');

    await page.getByTestId('glossary-open').click();
    const glossary = page.getByTestId('glossary');
    await expect.poll(() => glossary.textContent()).toContain('默克尔树');
    expect(await glossary.textContent()).toContain('叶子序号');
    await context.close();
  });
});
