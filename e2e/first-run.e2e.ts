/**
 * First run in a real browser: a person whose password an administrator typed must set their own before anything
 * else (the server refuses every other call meanwhile), with field messages for the password rules; afterwards their
 * own home page opens. The sign-in page shows the company's name once an administrator has set it.
 * (The harness sets HENJI_ADMIN_PASSWORD: a configured administrator password is the operator's own and not forced.)
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, henjiInBrowser } from './harness.ts';

const suite = henjiInBrowser();

/** The administrator, through the API: a session's cookie and CSRF token. */
async function adminApi() {
  const res = await fetch(`${suite.henji.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const me = (await res.json()) as { csrfToken: string; mustChangePassword: boolean };
  expect(me.mustChangePassword).toBe(false);
  const headers = { cookie: res.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
  return (method: string, path: string, body: object) => fetch(`${suite.henji.url}${path}`, { method, headers, body: JSON.stringify(body) });
}

describe('first run', () => {
  it('a new colleague sets their own password first, then sees their own home page', async () => {
    const call = await adminApi();
    expect((await call('PUT', '/api/settings/company', { name: '痕迹测试有限公司', logoFileId: null })).status).toBe(200);
    const created = await call('POST', '/api/users', { username: 'new.colleague', displayName: '新同事', password: 'given-by-admin-1' });
    expect(created.status).toBe(201);

    const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${suite.henji.url}/login`);
    await expect.poll(() => page.getByTestId('company-brand').textContent()).toContain('痕迹测试有限公司');
    await page.getByLabel('用户名').fill('new.colleague');
    await page.getByLabel('密码').fill('given-by-admin-1');
    await page.keyboard.press('Enter');

    const card = page.getByTestId('set-new-password');
    await card.waitFor();
    expect(await card.textContent()).toContain('新同事');
    // The server holds everything else back, whatever the browser does.
    const refused = await page.request.get(`${suite.henji.url}/api/departments`);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('password_change_required');

    // Field messages: a short password, then two different ones, then the current one again (refused by the server).
    await page.getByLabel('当前密码').fill('given-by-admin-1');
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await page.getByLabel('再次输入新密码').fill('short-other');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();
    await expect.poll(() => card.textContent()).toContain('密码至少 10 个字符');
    await expect.poll(() => card.textContent()).toContain('两次输入的密码不一致');

    await page.getByLabel('新密码', { exact: true }).fill('my-very-own-phrase');
    await page.getByLabel('再次输入新密码').fill('my-very-own-phrase');
    await page.getByRole('button', { name: '设置新密码并继续' }).click();

    // Now the app: their own home page, with their (empty) work and no administrator checklist.
    await page.getByTestId('stat-todos').waitFor();
    expect(await page.getByTestId('setup-checklist').count()).toBe(0);
    await expect.poll(() => page.getByTestId('home-applications').textContent()).toContain('没有进行中的申请');
    expect((await page.request.get(`${suite.henji.url}/api/departments`)).status()).toBe(200);
    await expect.poll(() => page.getByTestId('company-mark').textContent()).toContain('痕迹测试有限公司');
    await context.close();
  });
});
