/**
 * Page-load measurements shared by the browser test (`page-load.e2e.ts`: byte budgets, asserted) and the benchmark
 * (`bench/page-load.ts`: timings, reported against their targets, never asserted). Each measurement runs in a fresh
 * browser context, so the HTTP cache is empty: what a first visit downloads.
 *
 * Bytes are the browser's own Resource Timing figures for every `.js` and `.css` response: `transferSize` (what
 * crossed the wire, headers included) and `encodedBodySize` (the compressed body). Each response's
 * `Content-Encoding` is taken from the network events. (Node's global `performance` times the test side: importing
 * it from node:perf_hooks would make vite rename it inside the functions sent to the page.)
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Issue 9, item 5: what the sign-in page and the inbox may cost a first visit, JS + CSS, compressed. */
export const BYTE_BUDGET = 400 * 1024;

export interface Asset {
  url: string;
  kind: 'js' | 'css';
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
  encoding: string;
}

export interface AssetTotals {
  assets: Asset[];
  /** Sum of transferSize over JS and CSS. */
  transferred: number;
  /** Sum of encodedBodySize over JS and CSS. */
  encoded: number;
  /** Sum of decodedBodySize: what the browser had to parse. */
  decoded: number;
}

export interface SignInPageLoad extends AssetTotals {
  /** First contentful paint, ms after navigation start (the browser's own `paint` entry). */
  fcpMs: number;
  /** The sign-in form's username field visible, ms after navigation start. */
  formReadyMs: number;
}

export interface InboxLoad extends AssetTotals {
  /** ms from pressing Enter on the sign-in form to the first inbox row's title link visible. */
  interactiveAfterSignInMs: number;
}

const kindOf = (url: string): Asset['kind'] | null => {
  const pathname = new URL(url).pathname;
  return pathname.endsWith('.js') ? 'js' : pathname.endsWith('.css') ? 'css' : null;
};

/** Records each JS/CSS response's Content-Encoding as the page receives it. */
function watchEncodings(page: Page): Map<string, string> {
  const encodings = new Map<string, string>();
  page.on('response', (response) => {
    if (kindOf(response.url())) encodings.set(response.url(), response.headers()['content-encoding'] ?? 'identity');
  });
  return encodings;
}

async function assetsOf(page: Page, encodings: Map<string, string>): Promise<AssetTotals> {
  // Resource Timing entries are complete once the response body has arrived; networkidle waits for every lazy chunk.
  await page.waitForLoadState('networkidle');
  const entries = await page.evaluate(() =>
    // Typed loosely: this file is also compiled for the benchmarks, which have no DOM types.
    (performance.getEntriesByType('resource') as unknown as { name: string; transferSize: number; encodedBodySize: number; decodedBodySize: number }[]).map((e) => ({
      url: e.name,
      transferSize: e.transferSize,
      encodedBodySize: e.encodedBodySize,
      decodedBodySize: e.decodedBodySize,
    })),
  );
  const assets: Asset[] = [];
  for (const entry of entries) {
    const kind = kindOf(entry.url);
    if (kind) assets.push({ ...entry, kind, encoding: encodings.get(entry.url) ?? 'unknown' });
  }
  const sum = (key: 'transferSize' | 'encodedBodySize' | 'decodedBodySize') => assets.reduce((n, a) => n + a[key], 0);
  return { assets, transferred: sum('transferSize'), encoded: sum('encodedBodySize'), decoded: sum('decodedBodySize') };
}

async function freshPage(browser: Browser, locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => performance.setResourceTimingBufferSize(1000));
  return { context, page };
}

/** A first visit to the sign-in page. */
export async function measureSignInPage(browser: Browser, url: string): Promise<SignInPageLoad> {
  const { context, page } = await freshPage(browser, 'zh-CN');
  try {
    const encodings = watchEncodings(page);
    await page.goto(`${url}/login`);
    await page.getByLabel('用户名').waitFor();
    const formReadyMs = await page.evaluate(() => performance.now());
    const totals = await assetsOf(page, encodings);
    const fcpMs = await page.evaluate(
      () => performance.getEntries().find((e) => String(e.entryType) === 'paint' && e.name === 'first-contentful-paint')?.startTime ?? -1,
    );
    return { ...totals, fcpMs, formReadyMs };
  } finally {
    await context.close();
  }
}

/**
 * A first visit that signs in and lands on the inbox (`/login?next=/inbox`): the bytes are everything after the
 * sign-in page had loaded (the layout, the inbox page and what they share), the time runs from pressing Enter to the
 * first row's title link of the inbox being visible (the table rendered with its data).
 */
export async function measureInboxAfterSignIn(browser: Browser, url: string, username: string, password: string): Promise<InboxLoad> {
  const { context, page } = await freshPage(browser, 'zh-CN');
  try {
    const encodings = watchEncodings(page);
    await page.goto(`${url}/login?next=%2Finbox`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.waitForLoadState('networkidle');
    const before = new Set(await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)));
    const started = performance.now();
    await page.keyboard.press('Enter');
    const first = page.getByTestId('inbox-title').first();
    await first.waitFor({ state: 'visible' });
    const interactiveAfterSignInMs = performance.now() - started;
    const totals = await assetsOf(page, encodings);
    const assets = totals.assets.filter((a) => !before.has(a.url));
    const sum = (key: 'transferSize' | 'encodedBodySize' | 'decodedBodySize') => assets.reduce((n, a) => n + a[key], 0);
    return { assets, transferred: sum('transferSize'), encoded: sum('encodedBodySize'), decoded: sum('decodedBodySize'), interactiveAfterSignInMs };
  } finally {
    await context.close();
  }
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A first visit straight to the inbox with a session already held (a bookmark, a link in a notification). */
export async function measureInboxColdLoad(
  browser: Browser,
  url: string,
  username: string,
  password: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<AssetTotals & { interactiveMs: number }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  try {
    const signIn = await context.request.post(`${url}/api/auth/login`, { data: { username, password } });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()} ${await signIn.text()}`);
    const page = await context.newPage();
    await page.addInitScript(() => performance.setResourceTimingBufferSize(1000));
    const encodings = watchEncodings(page);
    await page.goto(`${url}/inbox`);
    const first = page.getByTestId('inbox-title').first();
    await first.waitFor({ state: 'visible' });
    const interactiveMs = await page.evaluate(() => performance.now());
    return { ...(await assetsOf(page, encodings)), interactiveMs };
  } finally {
    await context.close();
  }
}

/** Gives `approver` something in their inbox: `applicant` submits a purchase through the HTTP API. */
export async function submitPurchaseFor(url: string, applicant: string, password: string): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: applicant, password }),
  });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
  const types = (await (await fetch(`${url}/api/application-types`, { headers })).json()) as { items: { id: string; code: string }[] };
  const purchase = types.items.find((t) => t.code === 'purchase');
  if (!purchase) throw new Error('no purchase type');
  const created = await fetch(`${url}/api/applications`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      typeId: purchase.id,
      submit: true,
      requestKey: randomUUID(),
      form: {
        title: '采购测试打印机',
        items: [{ name: '激光打印机', spec: 'A4', quantity: 2, unitPrice: 2500 }],
        amount: 5000,
        reason: '现有打印机损坏，影响日常办公。',
      },
    }),
  });
  if (!created.ok) throw new Error(`submit failed: ${created.status} ${await created.text()}`);
}

export const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
