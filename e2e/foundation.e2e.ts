/**
 * The foundation journey in a real browser: sign in (zh-CN), create a department, open it and see its trace entry
 * verified by the browser itself against the signed checkpoint; switch to en-US; a wrong password shows the error.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, henjiInBrowser, signInThroughUi } from './harness.ts';

const suite = henjiInBrowser();

async function newPage(): Promise<Page> {
  const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  return context.newPage();
}

describe('foundation journey', () => {
  it('a wrong password shows a clear error in Chinese', async () => {
    const page = await newPage();
    await page.goto(`${suite.henji.url}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await page.context().close();
  });

  it('admin creates a department and sees its trace verified by the browser', async () => {
    const page = await newPage();
    await signInThroughUi(page, suite.henji.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${suite.henji.url}/org/departments`);
    await page.getByRole('button', { name: '新建部门' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('部门编码').fill('QA');
    await dialog.getByLabel('部门名称').fill('质量管理部');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    await page.getByTestId('department-name').filter({ hasText: '质量管理部' }).click();
    const trace = page.getByTestId('trace-panel');
    await trace.waitFor();
    const entry = trace.getByTestId('trace-entry').first();
    await expect.poll(() => entry.textContent()).toContain('创建部门');
    // The sequencer seals the entry within a second or two; the badge turns from 待封存 to 已验证 on its own.
    await trace.getByTestId('trace-verified').first().waitFor({ timeout: 30_000 });
    expect(await trace.getByTestId('trace-failed').count()).toBe(0);
    expect(await entry.textContent()).toContain('QA');
    await page.context().close();
  });

  it('the interface switches to English', async () => {
    const page = await newPage();
    await signInThroughUi(page, suite.henji.url, 'ceo', DEMO_PASSWORD);
    await page.getByText('English', { exact: true }).click();
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '').toContain('Sign out');
    expect(await page.locator('body').textContent()).not.toContain('退出登录');
    await page.context().close();
  });
});
