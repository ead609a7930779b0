/**
 * What the browser journeys across people share: a page signed in as someone (Beijing time zone), an API call in that
 * page's session for data the journey needs but does not show, a user's id, and the server's clock (the suite may run
 * the server on a faked or moved clock, so tests read its Date header instead of the machine's time).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD, signInThroughUi, type HenjiInBrowser } from './harness.ts';
import { contextOptions, type Viewport } from './layout.ts';

/** A fresh browser context (cookies of its own) at this size, in Beijing time, taking downloads, not signed in. */
export async function freshPage(suite: HenjiInBrowser, viewport: Viewport): Promise<Page> {
  const context = await suite.browser.newContext({ ...contextOptions(viewport), timezoneId: 'Asia/Shanghai', acceptDownloads: true });
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

export interface SoonMeeting {
  topic: string;
  purpose: string;
  /** Usernames. */
  chair: string;
  recorder: string;
  attendees: string[];
  agenda?: { title: string; plannedMinutes: number }[];
}

/**
 * Schedules (through the API, as `page`'s user) and notices a one-hour 部门例会 in 二楼小会议室 starting ten minutes
 * after the server's next whole minute; answers its id and start (epoch ms), so a test can move the server's clock there.
 */
export async function noticeMeetingSoon(suite: HenjiInBrowser, page: Page, plan: SoonMeeting): Promise<{ id: string; start: number }> {
  const start = Math.ceil((await serverNow(suite)) / 60_000) * 60_000 + 10 * 60_000;
  const meeting = await pageApi<{ id: string }>(page, 'POST', '/api/meetings', {
    topic: plan.topic,
    purpose: plan.purpose,
    kind: 'department_weekly',
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + 3_600_000).toISOString(),
    location: '二楼小会议室',
    chairId: await userIdOf(page, plan.chair),
    recorderId: await userIdOf(page, plan.recorder),
    attendees: await Promise.all(plan.attendees.map(async (username) => ({ userId: await userIdOf(page, username) }))),
    ...(plan.agenda ? { agenda: plan.agenda } : {}),
    sendNotice: true,
  });
  return { id: meeting.id, start };
}
