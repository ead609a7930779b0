/**
 * The views of tracked tasks (督办, T3) in a real browser with the demo company: 尤技术 (tech.head) assigns three tasks
 * to 吕工程师 (tech.dev1) through the API; on the 看板 at 1440×900 the owner asks for closure of one through a card's
 * 移至… menu and of another by dragging it to 待验收, and a drag straight to 已办结 is refused with the reason; the
 * head drags the task without an owner to 办理中 and assigns 施工程师; on a 390×844 phone the assigner accepts the
 * closure through the menu; the 截止日历 shows the deadlines (overdue in red,
 * a task opens its drawer) on both screens; 按来源 filters the list; 导出 gives an xlsx of the filtered list.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { henjiInBrowser, pickOption } from './harness.ts';
import { checkPage, DESKTOP, PHONE, type Viewport } from './layout.ts';
import { signedInPage } from './session.ts';

const suite = henjiInBrowser();
const SETTLE = { timeout: 15_000 };
const DAY = 86_400_000;
const STAMP = Math.random().toString(36).slice(2, 7);
const TITLES = { menu: `看板菜单任务 ${STAMP}`, drag: `看板拖动任务 ${STAMP}`, unowned: `待分配客户需求 ${STAMP}` };

const as = (username: string, viewport: Viewport) => signedInPage(suite, username, viewport);

/** An API call in the page's session (cookie and CSRF token); answers the body and the server's Date header. */
async function call<T>(page: Page, method: 'GET' | 'POST', path: string, data?: object): Promise<{ body: T; date: string }> {
  const me = await (await page.request.get(`${suite.henji.url}/api/me`)).json();
  const res = await page.request.fetch(`${suite.henji.url}${path}`, { method, data, headers: { 'x-csrf-token': me.csrfToken } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return { body: (await res.json()) as T, date: res.headers()['date']! };
}

/** `YYYY-MM` of an instant in Beijing time. */
const beijingMonth = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

const column = (page: Page, status: string) => page.getByTestId(`board-column-${status}`);
const card = (scope: Page | Locator, title: string) => scope.getByTestId('board-card').filter({ hasText: title });

async function moveByMenu(page: Page, title: string, target: RegExp) {
  await card(page, title).getByTestId('board-move').click();
  await page.locator('.ant-dropdown:not(.ant-dropdown-hidden)').getByRole('menuitem', { name: target }).click();
}

async function submitClosure(page: Page, title: string) {
  const modal = page.locator('.ant-modal').filter({ hasText: `申请办结 · ${title}` });
  await modal.waitFor(SETTLE);
  await modal.getByLabel('已完成工作').fill('已按决议完成，附测试报告');
  await modal.getByRole('button', { name: /申请办结/ }).click();
  await modal.waitFor({ state: 'hidden', ...SETTLE });
}

let month = '';

describe('the views of tracked tasks', () => {
  it('the assigner assigns three tasks through the API', async () => {
    const page = await as('tech.head', DESKTOP);
    const { body: users, date } = await call<{ items: { id: string; username: string }[] }>(page, 'GET', '/api/users?q=tech.dev1');
    const owner = users.items.find((u) => u.username === 'tech.dev1')!;
    const { body: depts } = await call<{ items: { id: string; code: string }[] }>(page, 'GET', '/api/departments');
    const tech = depts.items.find((d) => d.code === 'TECH')!;
    // Deadlines from the server's own clock, which may be a faked one.
    const at = (days: number) => new Date(new Date(date).getTime() + days * DAY).toISOString();
    month = beijingMonth(at(3));
    await call(page, 'POST', '/api/tasks', { title: TITLES.menu, source: 'meeting_resolution', ownerId: owner.id, deadline: at(3) });
    await call(page, 'POST', '/api/tasks', { title: TITLES.drag, source: 'meeting_resolution', ownerId: owner.id, deadline: at(3.5) });
    await call(page, 'POST', '/api/tasks', { title: TITLES.unowned, source: 'customer_demand', departmentId: tech.id, deadline: at(4) });
  });

  it('the owner moves cards on the board at 1440×900: by the menu, by dragging, and a refused drop', async () => {
    const page = await as('tech.dev1', DESKTOP);
    await page.goto(`${suite.henji.url}/tasks?mode=board`);
    await card(column(page, 'in_progress'), TITLES.menu).waitFor(SETTLE);
    await expect.poll(() => page.getByTestId('board-department').innerText()).toContain('技术部');
    await checkPage(page, DESKTOP, 'tasks-board');

    // 移至… lists every other column; those the owner may not reach say why, and are not offered.
    await card(page, TITLES.menu).getByTestId('board-move').click();
    const menu = page.locator('.ant-dropdown:not(.ant-dropdown-hidden)');
    await expect.poll(() => menu.getByRole('menuitem', { name: /已办结/ }).getAttribute('aria-disabled')).toBe('true');
    await menu.getByRole('menuitem', { name: /待验收 · 申请办结/ }).click();
    await submitClosure(page, TITLES.menu);
    await card(column(page, 'submitted'), TITLES.menu).waitFor(SETTLE);

    // Dragging straight to 已办结 is no step of the work: refused, said so, and the card stays.
    await card(page, TITLES.drag).dragTo(column(page, 'closed'));
    await page.locator('.ant-message').getByText(/不能从“办理中”直接移到“已办结”/).waitFor(SETTLE);
    await expect.poll(() => card(column(page, 'in_progress'), TITLES.drag).count()).toBe(1);
    // Dragging it to 待验收 opens the closure request.
    await card(page, TITLES.drag).dragTo(column(page, 'submitted'));
    await submitClosure(page, TITLES.drag);
    await card(column(page, 'submitted'), TITLES.drag).waitFor(SETTLE);
    // Accepting is the assigner's: the owner's drop on 已办结 is refused with who may.
    await card(page, TITLES.drag).dragTo(column(page, 'closed'));
    await page.locator('.ant-message').getByText('只有交办人可以验收办结').waitFor(SETTLE);
  });

  it('the head assigns an owner by dragging a card from 待分配 to 办理中 at 1440×900', async () => {
    const page = await as('tech.head', DESKTOP);
    await page.goto(`${suite.henji.url}/tasks?mode=board`);
    await card(column(page, 'awaiting_owner'), TITLES.unowned).waitFor(SETTLE);
    await card(page, TITLES.unowned).dragTo(column(page, 'in_progress'));
    const modal = page.locator('.ant-modal').filter({ hasText: `分配责任人 · ${TITLES.unowned}` });
    await modal.waitFor(SETTLE);
    await pickOption(page, modal.getByLabel('责任人'), '施工程师', { search: '施工程师' });
    await modal.getByRole('button', { name: /分配责任人/ }).click();
    await modal.waitFor({ state: 'hidden', ...SETTLE });
    await card(column(page, 'in_progress'), TITLES.unowned).getByText('施工程师').waitFor(SETTLE);
  });

  it('the assigner accepts a closure through the menu on a 390×844 phone', async () => {
    const page = await as('tech.head', PHONE);
    await page.goto(`${suite.henji.url}/tasks?mode=board`);
    await card(column(page, 'submitted'), TITLES.menu).waitFor(SETTLE);
    await checkPage(page, PHONE, 'tasks-board');
    await card(page, TITLES.menu).scrollIntoViewIfNeeded();
    await moveByMenu(page, TITLES.menu, /已办结 · 验收通过/);
    const modal = page.locator('.ant-modal').filter({ hasText: `验收通过 · ${TITLES.menu}` });
    await modal.waitFor(SETTLE);
    await modal.getByRole('button', { name: /验收通过/ }).click();
    await modal.waitFor({ state: 'hidden', ...SETTLE });
    await card(column(page, 'closed'), TITLES.menu).waitFor(SETTLE);
  });

  it('the calendar shows the deadlines and opens a task, at 1440×900 and on a phone', async () => {
    const page = await as('tech.dev1', DESKTOP);
    await page.goto(`${suite.henji.url}/tasks?mode=calendar&view=all&month=${month}`);
    const entry = page.getByTestId('calendar-task').filter({ hasText: TITLES.drag });
    await entry.waitFor(SETTLE);
    await checkPage(page, DESKTOP, 'tasks-calendar');
    await entry.click();
    await page.locator('.ant-drawer').getByText(TITLES.drag).first().waitFor(SETTLE);

    const phone = await as('tech.head', PHONE);
    await phone.goto(`${suite.henji.url}/tasks?mode=calendar&view=assigned&month=${month}`);
    await phone.getByTestId('calendar-day-count').first().waitFor(SETTLE);
    await checkPage(phone, PHONE, 'tasks-calendar');
    // A day with deadlines lists them below the month.
    await phone.locator('.ant-picker-cell').filter({ has: phone.getByTestId('calendar-day-count') }).first().click();
    await phone.getByTestId('calendar-day').getByText(/看板/).first().waitFor(SETTLE);
  });

  it('按来源 filters the list, and 导出 gives the filtered list as xlsx', async () => {
    const page = await as('tech.head', DESKTOP);
    await page.goto(`${suite.henji.url}/tasks?mode=source&view=assigned`);
    await page.getByTestId('source-customer_demand').click();
    await expect.poll(() => page.getByTestId('task-title').allInnerTexts(), SETTLE).toEqual([TITLES.unowned]);
    await checkPage(page, DESKTOP, 'tasks-by-source');
    await page.getByTestId('source-customer_demand').click();
    await page.getByTestId('source-meeting_resolution').click();
    await expect.poll(() => page.getByTestId('task-title').allInnerTexts(), SETTLE).toEqual(expect.arrayContaining([TITLES.menu, TITLES.drag]));

    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]!.slice(0, 3)).toEqual(['督办编号', '事项', '来源']);
    const titles = rows.slice(1).map((r) => r[1]);
    expect(titles).toEqual(expect.arrayContaining([TITLES.menu, TITLES.drag]));
    expect(titles).not.toContain(TITLES.unowned);
    expect(rows.slice(1).every((r) => r[2] === '会议决议')).toBe(true);
  });
});
