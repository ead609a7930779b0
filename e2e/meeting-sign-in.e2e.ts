/**
 * Meeting sign-in (M2) in a real browser with the demo company: 吴文员 (adm.clerk, organiser and recorder) schedules a
 * meeting starting in ten minutes and sends the notice; the room screen (1440×900) shows a QR code whose code the test
 * reads from the DOM (`data-sign-in-code`); 朱业务 (sales.rep1) opens the QR's page on a 390×844 phone while signed
 * out, signs in, lands back on it and is signed in — the screen's count follows; then the server's clock moves 61 s on
 * (a restart with HENJI_CLOCK_START) and 秦业务 (sales.rep2) opening the old code is told 二维码已过期，请重新扫描, while the
 * screen's new code signs him in. The meeting page's 签到 panel lists both; the recorder signs in the chair (李行政)
 * by hand — the reason is required — and the sheet shows who did it and why, at 1440×900 and on the phone. No page scrolls sideways; screenshots with HENJI_E2E_SCREENSHOTS=<dir>.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SignInCode } from '@henji/contracts';
import { DEMO_PASSWORD, henjiInBrowser } from './harness.ts';
import { checkPage, DESKTOP, PHONE, type Viewport } from './layout.ts';
import { freshPage, noticeMeetingSoon, pageApi, signedInPage, userIdOf } from './session.ts';

const suite = henjiInBrowser();
const SETTLE = { timeout: 15_000 };
const TOPIC = `销售部周例会 ${randomUUID().slice(0, 6)}`;

const newPage = (viewport: Viewport) => freshPage(suite, viewport);
const as = (username: string, viewport: Viewport) => signedInPage(suite, username, viewport);
const api = pageApi;
const userId = userIdOf;

const screenCode = async (screen: Page) => (await screen.getByTestId('sign-in-qr').getAttribute('data-sign-in-code')) ?? '';

describe('signing in to a meeting with the room screen\'s QR code', () => {
  let meetingId = '';
  let screen: Page;

  it('shows the room screen with a QR code for a meeting about to start', async () => {
    screen = await as('adm.clerk', DESKTOP);
    meetingId = (await noticeMeetingSoon(suite, screen, { topic: TOPIC, purpose: '本周销售进展', chair: 'adm.head', recorder: 'adm.clerk', attendees: ['sales.rep1', 'sales.rep2'] })).id;
    await screen.goto(`${suite.henji.url}/meetings/${meetingId}/screen`);
    await screen.getByTestId('sign-in-qr').waitFor(SETTLE);
    expect(await screenCode(screen)).toMatch(/^[A-Za-z0-9_-]{38}$/);
    await screen.getByText(TOPIC).waitFor(SETTLE);
    await expect.poll(async () => screen.getByTestId('signed-in-count').textContent()).toBe('0');
    await checkPage(screen, DESKTOP, 'meeting-sign-in-screen');
  });

  it('signs in on a phone that was signed out: login, back to the page, signed in; the screen counts it', async () => {
    const code = await screenCode(screen);
    const phone = await newPage(PHONE);
    await phone.goto(`${suite.henji.url}/m/sign-in?m=${meetingId}&c=${code}`);
    await phone.waitForURL((u) => u.pathname.startsWith('/login'), SETTLE);
    await phone.getByLabel(/用户名|Username/).fill('sales.rep1');
    await phone.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
    await phone.keyboard.press('Enter');
    await phone.waitForURL((u) => u.pathname === '/m/sign-in', SETTLE);
    const result = phone.getByTestId('sign-in-result');
    await result.waitFor(SETTLE);
    expect(await result.getAttribute('data-outcome')).toBe('present');
    await phone.getByText('签到成功').waitFor(SETTLE);
    await checkPage(phone, PHONE, 'meeting-sign-in-phone-success');
    await expect.poll(async () => screen.getByTestId('signed-in-count').textContent(), { timeout: 15_000 }).toBe('1');
    await screen.getByTestId('signed-in-names').getByText('朱业务').waitFor(SETTLE);
    await phone.context().close();
  });

  it('refuses a code 61 s old (the server\'s clock moved on), and the screen\'s new code works', async () => {
    const old = await screenCode(screen);
    const { issuedAt } = await api<SignInCode>(screen, 'GET', `/api/meetings/${meetingId}/sign-in/code`);
    await suite.henji.restart({ HENJI_CLOCK_START: new Date(Date.parse(issuedAt) + 61_000).toISOString() });
    const phone = await as('sales.rep2', PHONE);
    await phone.goto(`${suite.henji.url}/m/sign-in?m=${meetingId}&c=${old}`);
    const refused = phone.getByTestId('sign-in-result');
    await refused.waitFor(SETTLE);
    expect(await refused.getAttribute('data-outcome')).toBe('expired');
    await phone.getByText('二维码已过期，请重新扫描').waitFor(SETTLE);
    await checkPage(phone, PHONE, 'meeting-sign-in-phone-expired');

    // The screen (signed in again after the restart) shows a new code; scanning it signs him in.
    screen = await as('adm.clerk', DESKTOP);
    await screen.goto(`${suite.henji.url}/meetings/${meetingId}/screen`);
    await screen.getByTestId('sign-in-qr').waitFor(SETTLE);
    const fresh = await screenCode(screen);
    expect(fresh).not.toBe(old);
    await phone.goto(`${suite.henji.url}/m/sign-in?m=${meetingId}&c=${fresh}`);
    await phone.getByTestId('sign-in-result').and(phone.locator('[data-outcome="present"]')).waitFor(SETTLE);
    await expect.poll(async () => screen.getByTestId('signed-in-count').textContent(), { timeout: 15_000 }).toBe('2');
    await checkPage(screen, DESKTOP, 'meeting-sign-in-screen-two');
    await phone.context().close();
  });

  it('lists both on the meeting page\'s 签到 panel, where the recorder signs the chair in by hand with a reason', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await as('adm.clerk', viewport);
      await page.goto(`${suite.henji.url}/meetings/${meetingId}?step=signIn`);
      const panel = page.getByTestId('sign-in-panel');
      await panel.waitFor(SETTLE);
      await panel.getByText('朱业务').waitFor(SETTLE);
      await panel.getByText('秦业务').waitFor(SETTLE);
      if (viewport === DESKTOP) {
        const chairId = await userId(page, 'adm.head');
        await panel.getByTestId(`record-${chairId}`).click();
        await page.getByRole('menuitem', { name: '补签' }).click();
        const modal = page.locator('.ant-modal').filter({ hasText: '补签 · 李行政' });
        await modal.waitFor(SETTLE);
        await modal.getByRole('button', { name: /补\s*签/ }).click();
        await modal.getByText('请填写原因').waitFor(SETTLE);
        await modal.getByTestId('attendance-reason').fill('手机没电，现场核实到场');
        await modal.getByRole('button', { name: /补\s*签/ }).click();
        await panel.getByText('吴文员：手机没电，现场核实到场').waitFor(SETTLE);
        await expect.poll(async () => panel.getByTestId('sign-in-summary').textContent()).toContain('已签到 3 人');
      } else {
        await panel.getByText('吴文员：手机没电，现场核实到场').waitFor(SETTLE);
        await panel.scrollIntoViewIfNeeded();
      }
      await checkPage(page, viewport, 'meeting-sign-in-panel');
      await page.context().close();
    }
  });

  it('shows the room screen on a phone-sized tablet without sideways scrolling', async () => {
    const small = await as('adm.clerk', PHONE);
    await small.goto(`${suite.henji.url}/meetings/${meetingId}/screen`);
    await small.getByTestId('sign-in-qr').waitFor(SETTLE);
    await checkPage(small, PHONE, 'meeting-sign-in-screen-phone');
    await small.context().close();
  });
});
