/**
 * English complete (issue 9, item 8), in the browser: with the interface in English (the language switch's choice,
 * remembered in localStorage as `henji.locale`), the main pages — home, catalogue, inbox, my applications, an
 * application's detail, tasks, notifications, the ledger, personal settings and every administration page — show no
 * Chinese outside user data. User data is what the company entered (people, departments, positions, roles, types
 * and their forms and flows, calendars and their holidays, applications, tasks): every Chinese run on a page must
 * occur in those records as the API returns them, else it is an untranslated interface text. The page text includes
 * placeholders, titles and aria-labels. The catalogues are checked key by key by english-complete.test.ts (web and
 * server); this catches text written outside them.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chineseIn } from '../apps/web/src/i18n/chinese.ts';
import { ADMIN_PASSWORD, DEMO_PASSWORD, henjiInBrowser } from './harness.ts';
import { submitPurchaseFor } from './page-load.ts';

const suite = henjiInBrowser();
/** Every record the pages may show, as JSON text (Chinese unescaped). */
let userData = '';
let purchaseTypeId = '';

async function apiSession(username: string, password: string) {
  const res = await fetch(`${suite.henji.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (path: string): Promise<unknown> => {
    const answer = await fetch(`${suite.henji.url}${path}`, { headers: { cookie } });
    if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
    return answer.json();
  };
}

async function collectUserData(): Promise<string> {
  const get = await apiSession('admin', ADMIN_PASSWORD);
  const records: unknown[] = [];
  for (const path of ['/api/departments', '/api/users?pageSize=100', '/api/positions', '/api/roles', '/api/delegations', '/api/tasks']) {
    records.push(await get(path));
  }
  // Each application whole: its form's values are the applicant's data.
  const applications = (await get('/api/applications?scope=all&pageSize=100')) as { items: { id: string }[] };
  records.push(applications);
  for (const { id } of applications.items) records.push(await get(`/api/applications/${id}`));
  const calendars = (await get('/api/calendars')) as { items: { id: string }[] };
  records.push(calendars);
  // The calendar page opens on the server's current year; its neighbours hold the same holiday names.
  for (const { id } of calendars.items) for (const year of [2025, 2026, 2027]) records.push(await get(`/api/calendars/${id}/days?year=${year}`));
  const types = (await get('/api/application-types')) as { items: { id: string; code: string }[] };
  records.push(types);
  purchaseTypeId = types.items.find((t) => t.code === 'purchase')?.id ?? '';
  for (const { id } of types.items) records.push(await get(`/api/application-types/${id}`), await get(`/api/application-types/${id}/versions`));
  return JSON.stringify(records);
}

beforeAll(async () => {
  // An application in approval, so the inbox, my applications, the detail and the ledger have content.
  await submitPurchaseFor(suite.henji.url, 'tech.dev1', DEMO_PASSWORD);
  userData = await collectUserData();
});

async function englishPage(username: string, password: string): Promise<Page> {
  const context = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(() => window.localStorage.setItem('henji.locale', 'en-US'));
  const page = await context.newPage();
  await page.goto(`${suite.henji.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** The page's visible text plus the texts a person meets without reading the page (placeholders, titles, labels). */
async function pageText(page: Page): Promise<string> {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  return page.evaluate(() => {
    const attributes = Array.from(document.querySelectorAll('[placeholder], [title], [aria-label]')).flatMap((el) =>
      ['placeholder', 'title', 'aria-label'].map((name) => el.getAttribute(name) ?? ''),
    );
    return [document.title, document.body.innerText, ...attributes].join('\n');
  });
}

/** Chinese runs on the page that no record holds, with the line they are on. */
async function untranslated(page: Page, path: string): Promise<string[]> {
  if (path !== '') await page.goto(`${suite.henji.url}${path}`);
  const text = await pageText(page);
  return text
    .split('\n')
    .flatMap((line) => chineseIn(line).filter((run) => !userData.includes(run)).map((run) => `${path || page.url()}: “${run}” in “${line.trim().slice(0, 120)}”`));
}

describe('the interface in English', () => {
  it('the sign-in page', async () => {
    const context = await suite.browser.newContext({ locale: 'en-US' });
    await context.addInitScript(() => window.localStorage.setItem('henji.locale', 'en-US'));
    const page = await context.newPage();
    await page.goto(`${suite.henji.url}/login`);
    await page.getByLabel('Username').waitFor();
    expect(await untranslated(page, '')).toEqual([]);
    await context.close();
  });

  it('an approver’s pages: home, catalogue, inbox, the application, my applications, tasks, notifications, ledger, settings', async () => {
    const page = await englishPage('tech.head', DEMO_PASSWORD);
    const found: string[] = [];
    for (const path of ['/', '/applications/catalog', '/inbox']) found.push(...(await untranslated(page, path)));
    await page.getByTestId('inbox-title').first().click();
    await page.getByTestId('progress-timeline').waitFor();
    found.push(...(await untranslated(page, '')));
    for (const path of ['/applications', '/tasks', '/tasks?mode=board', '/tasks?mode=source', '/tasks?mode=calendar&view=all', '/notifications', '/ledger', '/me', '/me/files']) found.push(...(await untranslated(page, path)));
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('the applicant’s new application form', async () => {
    const page = await englishPage('tech.dev1', DEMO_PASSWORD);
    await page.goto(`${suite.henji.url}/applications/new/${purchaseTypeId}`);
    await page.getByTestId('application-form').waitFor();
    expect(await untranslated(page, '')).toEqual([]);
    await page.context().close();
  });

  it('the administration pages', async () => {
    const page = await englishPage('admin', ADMIN_PASSWORD);
    const found: string[] = [];
    const pages = [
      '/',
      '/org/departments',
      '/org/users',
      '/org/positions',
      '/org/roles',
      '/org/delegations',
      '/system/webhooks',
      '/system/notification-channels',
      '/system/notification-deliveries',
      '/system/calendars',
      '/admin/application-types',
      '/admin/monitor',
      '/ledger',
    ];
    for (const path of pages) found.push(...(await untranslated(page, path)));
    // The flow designer of the built-in purchase type.
    await page.goto(`${suite.henji.url}/admin/application-types`);
    await page.getByRole('link').filter({ hasText: /purchase|采购/i }).first().click();
    await page.waitForURL(/\/admin\/application-types\/[0-9a-f-]{36}/);
    found.push(...(await untranslated(page, '')));
    expect(found).toEqual([]);
    await page.context().close();
  });
});
