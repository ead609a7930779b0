/**
 * What the browser journeys across people share: a page signed in as someone (Beijing time zone), an API call in that
 * page's session for data the journey needs but does not show, a user's id, and the server's clock (the suite may run
 * the server on a faked or moved clock, so tests read its Date header instead of the machine's time).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, signInThroughUi, type HenjiInBrowser } from './harness.ts';
import { contextOptions, type Viewport } from './layout.ts';

/** A fresh browser context (cookies of its own) at this size, in Beijing time, not signed in. */
export async function freshPage(suite: HenjiInBrowser, viewport: Viewport): Promise<Page> {
  const context = await suite.browser.newContext({ ...contextOptions(viewport), timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

/** A page signed in through the UI as a demo user. */
export async function signedInPage(suite: HenjiInBrowser, username: string, viewport: Viewport): Promise<Page> {
  const page = await freshPage(suite, viewport);
  await signInThroughUi(page, suite.henji.url, username, DEMO_PASSWORD);
  return page;
}

/** A request with the page's session (and its CSRF token); fails the test on anything but 2xx. */
export async function pageApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string | null };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
  return (answer.text ? JSON.parse(answer.text) : undefined) as T;
}

export async function userIdOf(page: Page, username: string): Promise<string> {
  const found = await pageApi<{ items: { id: string; username: string }[] }>(page, 'GET', `/api/users?q=${encodeURIComponent(username)}`);
  const user = found.items.find((u) => u.username === username);
  expect(user, username).toBeDefined();
  return user!.id;
}

/** The server's time, from its Date header, to the second. */
export async function serverNow(suite: HenjiInBrowser): Promise<number> {
  const date = (await fetch(`${suite.henji.url}/api/health`)).headers.get('date');
  expect(date).not.toBeNull();
  return Date.parse(date!);
}
