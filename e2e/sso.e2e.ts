/**
 * Single sign-on in a real browser: the sign-in page offers 使用单点登录 when OpenID Connect is configured; chromium
 * goes to a real OpenID provider (oidc-provider on 127.0.0.1, which signs the person in at once), comes back, and the
 * demo colleague whose email the provider vouches for is signed in. An identity nobody in Henji has lands back on the
 * sign-in page with the reason, signed out.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startProvider, type TestProvider } from '../apps/server/test/sso/oidc-provider.ts';
import { henjiInBrowser } from './harness.ts';

let idp: TestProvider;

const suite = henjiInBrowser({
  env: async (url) => {
    idp = await startProvider({ clientId: 'henji-e2e', clientSecret: 'e2e-client-secret', redirectUri: `${url}/api/auth/oidc/callback` });
    idp.accounts.set('sub-dev1', { email: 'tech.dev1@demo.henji.local', email_verified: true });
    idp.accounts.set('sub-stranger', { email: 'stranger@example.com', email_verified: true });
    return {
      HENJI_PUBLIC_URL: url,
      HENJI_OIDC_ISSUER: idp.issuer,
      HENJI_OIDC_CLIENT_ID: 'henji-e2e',
      HENJI_OIDC_CLIENT_SECRET: 'e2e-client-secret',
    };
  },
});
afterAll(async () => {
  await idp?.close();
});

describe('single sign-on', () => {
  it('使用单点登录 signs in the colleague the provider vouches for', async () => {
    idp.signInAs('sub-dev1');
    const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${suite.henji.url}/login?next=%2Ftasks`);
    const button = page.getByRole('link', { name: /使用单点登录/ });
    await button.click();
    await page.waitForURL((u) => u.origin === suite.henji.url && u.pathname === '/tasks');
    const me = (await (await page.request.get(`${suite.henji.url}/api/me`)).json()) as { username: string };
    expect(me.username).toBe('tech.dev1');
    // The page it asked for, signed in (the account menu is there, not the sign-in form).
    await expect.poll(() => page.getByRole('heading').first().isVisible()).toBe(true);
    expect(await page.getByLabel(/密码/).count()).toBe(0);
    if (process.env.HENJI_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.HENJI_E2E_SCREENSHOTS}/sso-signed-in.png` });
    await context.close();
  });

  it('an identity nobody in Henji has comes back to the sign-in page with the reason', async () => {
    idp.signInAs('sub-stranger');
    const context = await suite.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${suite.henji.url}/login`);
    await page.getByRole('link', { name: /使用单点登录/ }).click();
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('sso_error') === 'unknown_user');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('未对应到 Henji 中的任何在职用户');
    expect((await page.request.get(`${suite.henji.url}/api/me`)).status()).toBe(401);
    await context.close();
  });
});
