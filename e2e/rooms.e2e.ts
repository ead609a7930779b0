/**
 * Rooms (R3) in a real browser with the demo company: 周保管 (adm.custodian) registers a room and a projector in
 * 会议室管理; 吕工程师 (tech.dev1) books the room by clicking a free slot of the day grid at 1440×900, then books it again
 * on a 390×844 phone from the day list — its default slot taken, the conflict shows before saving and a suggested free
 * slot is picked — and cancels a booking in 我的预订 — no page scrolls sideways. Screenshots with HENJI_E2E_SCREENSHOTS=<dir>.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, henjiInBrowser, pickOption, signInThroughUi } from './harness.ts';
import { checkPage, contextOptions, DESKTOP, PHONE, type Viewport } from './layout.ts';

const suite = henjiInBrowser();
const SETTLE = { timeout: 15_000 };
const ROOM = `e2e 301 会议室 ${randomUUID().slice(0, 6)}`;

async function as(username: string, viewport: Viewport): Promise<Page> {
  const context = await suite.browser.newContext({ ...contextOptions(viewport), timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await signInThroughUi(page, suite.henji.url, username, DEMO_PASSWORD);
  return page;
}

async function bookingModal(page: Page) {
  const modal = page.locator('.ant-modal').filter({ hasText: '预订会议室' });
  await modal.waitFor(SETTLE);
  return modal;
}

describe('rooms and bookings', () => {
  it('registers a room and a projector in 会议室管理', async () => {
    const page = await as('adm.custodian', DESKTOP);
    await page.goto(`${suite.henji.url}/rooms/admin`);
    await page.getByTestId('add-room').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新增会议室' });
    await modal.getByLabel('名称').fill(ROOM);
    await modal.getByLabel('位置').fill('3 楼东侧');
    await modal.getByLabel('容纳人数').fill('12');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('rooms-table').getByText(ROOM).waitFor(SETTLE);
    await page.getByRole('tab', { name: '设备' }).click();
    await page.getByTestId('add-equipment').click();
    const equipment = page.locator('.ant-modal').filter({ hasText: '新增设备' });
    await equipment.getByLabel('名称').fill('便携投影仪');
    await equipment.getByLabel('编号').fill(`PRJ-${randomUUID().slice(0, 6)}`);
    await equipment.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByTestId('equipment-table').getByText('便携投影仪').waitFor(SETTLE);
    await checkPage(page, DESKTOP, 'rooms-admin');
  });

  it('books a free slot from the day grid at 1440×900', async () => {
    const page = await as('tech.dev1', DESKTOP);
    await page.goto(`${suite.henji.url}/rooms`);
    await page.getByTestId('timeline-next').click();
    const row = page.getByTestId('timeline-room').filter({ hasText: ROOM });
    await row.locator('button[data-slot="09:00"]').click();
    const modal = await bookingModal(page);
    await modal.getByTestId('booking-check').getByText('该时段空闲').waitFor(SETTLE);
    await pickOption(page, modal.getByLabel('设备'), '便携投影仪');
    await modal.getByTestId('booking-purpose').fill('新员工培训');
    await checkPage(page, DESKTOP, 'rooms-booking-form');
    await modal.getByRole('button', { name: /预\s*订/ }).click();
    await row.getByTestId('timeline-booking').filter({ hasText: '09:00–10:00 新员工培训' }).waitFor(SETTLE);
    await checkPage(page, DESKTOP, 'rooms-timeline-day');
    await page.getByText('周', { exact: true }).click();
    await page.getByTestId('timeline-room').filter({ hasText: ROOM }).getByText('09:00–10:00 新员工培训').waitFor(SETTLE);
    await checkPage(page, DESKTOP, 'rooms-timeline-week');
  });

  it('books on a 390×844 phone from the day list, shown a conflict and a free slot before saving', async () => {
    const page = await as('tech.dev1', PHONE);
    await page.goto(`${suite.henji.url}/rooms`);
    await page.getByTestId('timeline-list').waitFor(SETTLE);
    await page.getByTestId('timeline-next').click();
    const card = page.getByTestId('timeline-room').filter({ hasText: ROOM });
    await card.getByTestId('timeline-booking').filter({ hasText: '新员工培训' }).waitFor(SETTLE);
    await checkPage(page, PHONE, 'rooms-day-list');
    await card.getByRole('button', { name: new RegExp(`预订 ${ROOM}`) }).click();
    const modal = await bookingModal(page);
    // 09:00–10:00 by default on another day, which the desktop booking holds: the conflict shows before saving, with
    // free slots to pick instead.
    await modal.getByTestId('booking-check').getByText('时间冲突').waitFor(SETTLE);
    await checkPage(page, PHONE, 'rooms-booking-conflict');
    await modal.getByTestId('free-slot').first().click();
    await modal.getByTestId('booking-check').getByText('该时段空闲').waitFor(SETTLE);
    await modal.getByTestId('booking-purpose').fill('客户来访');
    await modal.getByRole('button', { name: /预\s*订/ }).click();
    // The suggestion may fall on a later day (a weekend follows): the modal closing says it was saved.
    await modal.waitFor({ state: 'hidden', ...SETTLE });
    await checkPage(page, PHONE, 'rooms-day-list-booked');

    await page.goto(`${suite.henji.url}/rooms/bookings`);
    const booking = page.getByTestId('bookings-table').getByText('客户来访');
    await booking.waitFor(SETTLE);
    await checkPage(page, PHONE, 'rooms-my-bookings');
    const cardOf = page.locator('.ant-card').filter({ hasText: '客户来访' }).last();
    await cardOf.getByRole('button', { name: '取消预订' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '取消预订' }).click();
    await expect.poll(async () => (await page.getByTestId('bookings-table').innerText()).includes('已取消'), SETTLE).toBe(true);
  });
});
