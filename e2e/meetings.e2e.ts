/**
 * A meeting from its notice to its resolutions carried out, in a real browser across the demo company:
 * 赵秘书 (gm.assistant) schedules 技术部周例会 at 1440×900 — the room she asks for is taken (吴文员 booked it), the
 * conflict shows before saving and a suggested free slot is applied — and sends the notice; 吕工程师 (tech.dev1)
 * confirms on a 390×844 phone; the server's clock then moves to the meeting's start and he signs in on the phone with
 * the code the room screen shows; 何主管 (tech.supervisor, recorder) writes the minutes on a 768 px tablet; 尤技术
 * (tech.head, chair) returns them once with a comment, then approves; the resolution's owner reports progress on the
 * phone and the chair, who assigned it, accepts its closure. No page scrolls sideways; screenshots with
 * HENJI_E2E_SCREENSHOTS=<dir>.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chineseIn } from '../apps/web/src/i18n/chinese.ts';
import { DEMO_PASSWORD, henjiInBrowser, pickOption, signInThroughUi } from './harness.ts';
import { checkPage, clickInViewport, contextOptions, DESKTOP, PHONE, TABLET, type Viewport } from './layout.ts';
import { pageApi, serverNow, signedInPage } from './session.ts';

const suite = henjiInBrowser();
const SETTLE = { timeout: 15_000 };
const RUN = randomUUID().slice(0, 6);
const ROOM = `e2e 第二会议室 ${RUN}`;
const TOPIC = `技术部周例会 ${RUN}`;
const BEIJING_MS = 8 * 3600_000;

const as = (username: string, viewport: Viewport) => signedInPage(suite, username, viewport);
const api = pageApi;

/** The server's "tomorrow" in Beijing as YYYY-MM-DD. */
async function serverTomorrow(): Promise<string> {
  return new Date((await serverNow(suite)) + BEIJING_MS + 24 * 3600_000).toISOString().slice(0, 10);
}

const beijing = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();

/** Saving the form leads to the meeting's page; if it does not, the failure says what the page said. */
async function landsOnMeeting(page: Page) {
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/, { timeout: 30_000 }).catch(async (error: unknown) => {
    const dir = process.env.HENJI_E2E_SCREENSHOTS;
    if (dir) await page.screenshot({ path: `${dir}/not-saved.png`, fullPage: true });
    throw new Error(`not saved: ${await page.locator('.ant-message, .ant-form-item-explain-error').allInnerTexts()}`, { cause: error });
  });
}

/** Types a date or time into an antd picker's input (desktop pickers accept typing) and commits it. */
async function typeInto(page: Page, input: ReturnType<Page['locator']>, text: string) {
  await input.click();
  await input.press('ControlOrMeta+a');
  await input.pressSequentially(text);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(text);
  await page.keyboard.press('Escape');
}

/** The recorder's editor is checked on a tablet. */

/** The minutes' text: what the recorder writes and the chair asks to change. */
const RESULT = '接口联调推迟一周';
const RESOLUTION = `下周五前完成接口联调 ${RUN}`;

describe('a meeting from the notice to its resolutions', () => {
  let meetingId = '';
  let startsAt = '';

  it('the organiser schedules it with a room: the taken slot shows its conflict, a free slot is applied, the notice goes out', async () => {
    const custodian = await as('adm.custodian', DESKTOP);
    const room = await api<{ id: string }>(custodian, 'POST', '/api/rooms', { name: ROOM, location: '2 楼', capacity: 12 });
    const day = await serverTomorrow();
    const clerk = await as('adm.clerk', DESKTOP);
    await api(clerk, 'POST', '/api/bookings', { roomId: room.id, equipmentIds: [], startsAt: beijing(day, '09:00'), endsAt: beijing(day, '10:00'), purpose: '客户来访', attendeeCount: 4 });

    const page = await as('gm.assistant', DESKTOP);
    await page.goto(`${suite.henji.url}/meetings`);
    await page.getByTestId('meetings-table').getByText('近期没有会议').waitFor(SETTLE);
    await checkPage(page, DESKTOP, 'meetings-empty');
    await page.getByTestId('new-meeting').click();
    const form = page.getByTestId('meeting-form');
    await form.waitFor(SETTLE);
    await form.getByTestId('meeting-topic-input').fill(TOPIC);
    await form.getByLabel('会议目的').fill('通报项目进度，确定下周计划');
    await pickOption(page, form.getByTestId('meeting-kind'), '部门例会');
    await typeInto(page, form.locator('#date'), day);
    await typeInto(page, form.getByLabel('开始时间'), '09:00');
    await typeInto(page, form.getByLabel('结束时间'), '10:00');
    await pickOption(page, form.getByTestId('meeting-room'), ROOM, { search: RUN });

    await checkPage(page, DESKTOP, 'meeting-form-room');
    // 吴文员's booking holds the room 09:00–10:00: the check says so before anything is saved, with free slots.
    const check = form.getByTestId('meeting-check');
    await check.getByText('时间冲突').waitFor(SETTLE);
    await expect.poll(() => check.innerText()).toContain(`${ROOM}：`);
    await checkPage(page, DESKTOP, 'meeting-form-conflict');
    const slot = check.getByTestId('free-slot').first();
    const slotText = await slot.innerText();
    await slot.click();
    await check.getByText('会议室和设备在该时段空闲').waitFor(SETTLE);

    await pickOption(page, form.getByLabel('主持人'), '尤技术', { search: '尤技术' });
    await pickOption(page, form.getByLabel('记录员'), '何主管', { search: '何主管' });
    const rows = form.getByTestId('attendee-rows');
    await pickOption(page, form.getByLabel('添加人员'), '吕工程师', { search: '吕工程师', landed: async () => (await rows.innerText()).includes('吕工程师') });
    await form.getByLabel('吕工程师 需准备的资料').fill('本周开发进度');
    await form.getByTestId('add-agenda-item').click();
    await form.getByLabel('议题 1', { exact: true }).fill('项目进度');
    await expect.poll(() => form.getByTestId('agenda-total').innerText()).toContain('议程合计 15 分钟');
    // Checked again with the people and the agenda: still free, nothing refused.
    await expect.poll(async () => (await check.getAttribute('data-checking')) === 'false' && (await check.innerText()).includes('会议室和设备在该时段空闲'), SETTLE).toBe(true);
    await checkPage(page, DESKTOP, 'meeting-form');
    await clickInViewport(page, form.getByTestId('meeting-save-notify'), '保存并发送通知');

    await landsOnMeeting(page);
    meetingId = page.url().split('/').pop()!;
    const facts = page.getByTestId('meeting-facts');
    await facts.waitFor(SETTLE);
    expect(await facts.innerText()).toContain(ROOM);
    // The free slot applied is the meeting's time.
    expect(slotText).toContain((await facts.innerText()).match(/\d\d:\d\d–\d\d:\d\d/)?.[0] ?? 'no time shown');
    await expect.poll(() => page.locator('.ant-tag').filter({ hasText: '已通知' }).count(), SETTLE).toBeGreaterThan(0);
    await checkPage(page, DESKTOP, 'meeting-page');
    startsAt = (await api<{ startsAt: string }>(page, 'GET', `/api/meetings/${meetingId}`)).startsAt;
    expect(slotText).toContain(new Date(Date.parse(startsAt) + BEIJING_MS).toISOString().slice(11, 16));
  });

  it('an attendee confirms on a phone, with the materials he must prepare in view', async () => {
    const page = await as('tech.dev1', PHONE);
    await page.goto(`${suite.henji.url}/meetings`);
    const card = page.getByTestId('meetings-table').getByTestId('row-card').filter({ hasText: TOPIC });
    await card.waitFor(SETTLE);
    expect(await card.innerText()).toContain('未回复');
    await checkPage(page, PHONE, 'meetings-list');
    await card.getByTestId('meeting-topic').click();
    const mine = page.getByTestId('my-reply');
    await mine.waitFor(SETTLE);
    expect(await page.getByTestId('my-materials').innerText()).toContain('本周开发进度');
    await checkPage(page, PHONE, 'meeting-page');
    await clickInViewport(page, page.getByTestId('reply-accept'), '确认参加', { sticky: true });
    await expect.poll(async () => (await mine.innerText()).includes('确认参加') && !(await mine.innerText()).includes('未回复'), SETTLE).toBe(true);

    // The organiser sees it among the replies.
    const organiser = await as('gm.assistant', DESKTOP);
    await organiser.goto(`${suite.henji.url}/meetings/${meetingId}?step=replies`);
    const replies = organiser.getByTestId('replies-table');
    await replies.waitFor(SETTLE);
    await expect.poll(async () => (await replies.innerText()).match(/吕工程师[\s\S]*确认参加/) !== null, SETTLE).toBe(true);
    await checkPage(organiser, DESKTOP, 'meeting-replies');
  });

  it('at the start the attendee signs in on his phone with the code the room screen shows', async () => {
    // The server's clock moves to a minute after the start (the journey cannot wait for tomorrow morning).
    await suite.henji.restart({ HENJI_CLOCK_START: new Date(Date.parse(startsAt) + 60_000).toISOString() });
    const screen = await as('tech.supervisor', DESKTOP);
    await screen.goto(`${suite.henji.url}/meetings/${meetingId}/screen`);
    const qr = screen.getByTestId('sign-in-qr');
    await qr.waitFor(SETTLE);
    const code = await qr.getAttribute('data-sign-in-code');
    expect(code).toBeTruthy();
    await checkPage(screen, DESKTOP, 'sign-in-screen');

    const phone = await as('tech.dev1', PHONE);
    await phone.goto(`${suite.henji.url}/m/sign-in?m=${meetingId}&c=${encodeURIComponent(code!)}`);
    const result = phone.getByTestId('sign-in-result');
    await result.waitFor(SETTLE);
    expect(await result.getAttribute('data-outcome')).toBe('present');
    await checkPage(phone, PHONE, 'signed-in');
    await expect.poll(() => screen.getByTestId('signed-in-names').innerText(), SETTLE).toContain('吕工程师');

    // The meeting page's 签到 step lists him as signed in, with the step's trace.
    await phone.goto(`${suite.henji.url}/meetings/${meetingId}?step=signIn`);
    const sheet = phone.getByTestId('sign-in-sheet');
    await sheet.waitFor(SETTLE);
    await expect.poll(async () => (await sheet.innerText()).match(/吕工程师[\s\S]*已签到/) !== null, SETTLE).toBe(true);
    expect(await phone.getByTestId('my-attendance').innerText()).toContain('已签到');
    await checkPage(phone, PHONE, 'meeting-sign-in');
  });

  it('the recorder writes the minutes on a 768 px tablet and submits them to the chair', async () => {
    const page = await as('tech.supervisor', TABLET);
    await page.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    const editor = page.getByTestId('minutes-editor');
    await editor.waitFor(SETTLE);
    await editor.getByRole('button', { name: '添加发言' }).first().click();
    await pickOption(page, editor.getByLabel('发言人').first(), '吕工程师', { search: '吕工程师' });
    await editor.getByLabel('要点').first().fill('后端接口已完成，前端联调中');
    await editor.getByLabel('讨论结果').first().fill(RESULT);
    await editor.getByRole('button', { name: '添加决议' }).first().click();
    const resolution = editor.getByTestId('minutes-resolution').first();
    await resolution.getByLabel('决议内容').fill(RESOLUTION);
    const owner = resolution.locator('.ant-select').filter({ hasText: '不指定' });
    await pickOption(page, owner, '吕工程师', { search: '吕工程师', landed: async () => (await resolution.innerText()).includes('吕工程师') });
    await expect.poll(() => page.getByTestId('minutes-save-state').innerText(), SETTLE).toContain('已自动保存');
    await checkPage(page, TABLET, 'minutes-editor');
    await clickInViewport(page, page.getByTestId('minutes-submit'), '提交主持人审核');
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByTestId('minutes-panel').innerText(), SETTLE).toContain('待审核');
  });

  it('the chair returns the minutes once with a comment, the recorder revises, the chair approves', async () => {
    const chair = await as('tech.head', DESKTOP);
    await chair.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    await clickInViewport(chair, chair.getByTestId('minutes-return'), '退回');
    const returning = chair.locator('.ant-modal').filter({ has: chair.getByTestId('minutes-dialog-text') });
    await returning.getByTestId('minutes-dialog-text').fill('请写明联调的责任人');
    await returning.locator('button[type=submit]').click();
    await returning.waitFor({ state: 'hidden', ...SETTLE });

    const recorder = await as('tech.supervisor', TABLET);
    await recorder.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    const editor = recorder.getByTestId('minutes-editor');
    await editor.waitFor(SETTLE);
    expect(await recorder.getByTestId('minutes-panel').innerText()).toContain('请写明联调的责任人');
    await editor.getByLabel('讨论结果').first().fill(`${RESULT}，由吕工程师负责`);
    await expect.poll(() => recorder.getByTestId('minutes-save-state').innerText(), SETTLE).toContain('已自动保存');
    await clickInViewport(recorder, recorder.getByTestId('minutes-submit'), '提交主持人审核');
    await recorder.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => recorder.getByTestId('minutes-panel').innerText(), SETTLE).toContain('待审核');

    await chair.reload();
    await clickInViewport(chair, chair.getByTestId('minutes-approve'), '批准');
    const approving = chair.locator('.ant-modal').filter({ hasText: '批准' });
    await approving.locator('button[type=submit]').click();
    await approving.waitFor({ state: 'hidden', ...SETTLE });
    await expect.poll(() => chair.getByTestId('minutes-panel').innerText(), SETTLE).toContain('已批准');
    await checkPage(chair, DESKTOP, 'minutes-approved');
    await chair.goto(`${suite.henji.url}/meetings/${meetingId}?step=resolutions`);
    const resolutions = chair.getByTestId('resolutions-panel');
    await expect.poll(() => resolutions.innerText(), SETTLE).toContain(RESOLUTION);
    await checkPage(chair, DESKTOP, 'meeting-resolutions');
  });

  it('the owner reports on the resolution on his phone and the chair, who assigned it, accepts its closure', async () => {
    const owner = await as('tech.dev1', PHONE);
    await owner.goto(`${suite.henji.url}/meetings/${meetingId}?step=resolutions`);
    const resolutions = owner.getByTestId('resolutions-panel');
    await resolutions.getByText(RESOLUTION).waitFor(SETTLE);
    await checkPage(owner, PHONE, 'meeting-resolutions');
    await resolutions.locator('a[href^="/tasks"]').first().click();
    const actions = owner.getByTestId('task-actions');
    await actions.waitFor(SETTLE);
    await clickInViewport(owner, actions.getByRole('button', { name: '申请办结' }), '申请办结');
    const report = owner.locator('.ant-modal').filter({ hasText: '申请办结' });
    await report.getByLabel('已完成工作').fill('接口联调完成，测试通过');
    await checkPage(owner, PHONE, 'task-closure');
    await report.locator('button[type=submit]').click();
    await report.waitFor({ state: 'hidden', ...SETTLE });

    const chair = await as('tech.head', DESKTOP);
    await chair.goto(owner.url().replace(/^https?:\/\/[^/]+/, suite.henji.url));
    const accept = chair.getByTestId('task-actions').getByRole('button', { name: '验收通过' });
    await accept.waitFor(SETTLE);
    await accept.click();
    const dialog = chair.locator('.ant-modal').filter({ hasText: '验收通过' });
    await dialog.locator('button[type=submit]').click();
    await dialog.waitFor({ state: 'hidden', ...SETTLE });
    await chair.goto(`${suite.henji.url}/meetings/${meetingId}?step=resolutions`);
    await expect.poll(() => chair.getByTestId('resolutions-panel').innerText(), SETTLE).toContain('已办结');
  });

  it('on a phone the organiser’s form is one column, and her calendar feed serves the meeting', async () => {
    const page = await as('gm.assistant', PHONE);
    await page.goto(`${suite.henji.url}/meetings/${meetingId}/edit`);
    const form = page.getByTestId('meeting-form');
    await form.waitFor(SETTLE);
    expect(await form.getByTestId('meeting-topic-input').inputValue()).toBe(TOPIC);
    await checkPage(page, PHONE, 'meeting-form');
    // One column: the chair's and the recorder's fields are stacked, not side by side.
    const chair = (await form.getByLabel('主持人').boundingBox())!;
    const recorder = (await form.getByLabel('记录员').boundingBox())!;
    expect(recorder.y).toBeGreaterThan(chair.y + chair.height);
    await expect.poll(() => page.getByTestId('meeting-form-actions').isVisible()).toBe(true);

    await page.goto(`${suite.henji.url}/me`);
    await clickInViewport(page, page.getByTestId('calendar-feed-create'), '生成订阅地址');
    const shown = page.getByTestId('calendar-feed-url');
    await shown.waitFor(SETTLE);
    const url = (await shown.innerText()).trim();
    expect(url).toMatch(/\/api\/calendar\/feed\/[A-Za-z0-9_-]+\.ics$/);
    await checkPage(page, PHONE, 'calendar-feed');
    const feed = await fetch(url.replace(/^https?:\/\/[^/]+/, suite.henji.url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    expect(await feed.text()).toContain(TOPIC);
    await page.getByRole('button', { name: '我已复制' }).click();
    await expect.poll(() => page.getByTestId('calendar-feed-status').innerText(), SETTLE).toContain('已启用');
  });

  it('a weekly series with one week skipped, one of its meetings changed on its own (仅此次) and then cancelled with a reason', async () => {
    const series = `季度规划系列 ${RUN}`;
    const day = new Date(Date.parse(startsAt) + BEIJING_MS + 7 * 24 * 3600_000).toISOString().slice(0, 10);
    const page = await as('gm.assistant', DESKTOP);
    await page.goto(`${suite.henji.url}/meetings/new`);
    const form = page.getByTestId('meeting-form');
    await form.waitFor(SETTLE);
    await form.getByTestId('meeting-topic-input').fill(series);
    await pickOption(page, form.getByTestId('meeting-kind'), '项目会议');
    await typeInto(page, form.locator('#date'), day);
    await typeInto(page, form.getByLabel('开始时间'), '14:00');
    await typeInto(page, form.getByLabel('结束时间'), '15:00');
    await pickOption(page, form.getByTestId('recurrence-choice'), '每周');
    const count = form.locator('input[aria-label="共"]');
    await count.fill('3');
    const preview = form.getByTestId('recurrence-preview');
    await expect.poll(() => preview.getByTestId('occurrence').count(), SETTLE).toBe(3);
    expect(await preview.innerText()).toMatch(/每周/);
    await preview.getByTestId('occurrence').nth(1).click();
    await expect.poll(() => preview.getByTestId('occurrence').nth(1).locator('s').count()).toBe(1);
    await form.getByLabel('会议地点').fill('总部 5 楼');
    await pickOption(page, form.getByLabel('主持人'), '尤技术', { search: '尤技术' });
    await pickOption(page, form.getByLabel('记录员'), '何主管', { search: '何主管' });
    await page.keyboard.press('Escape');
    await checkPage(page, DESKTOP, 'meeting-form-series');
    await clickInViewport(page, form.getByTestId('meeting-save'), '保存');
    await landsOnMeeting(page);
    const facts = page.getByTestId('meeting-facts');
    await facts.waitFor(SETTLE);
    expect(await facts.innerText()).toContain('第 1 次');

    // Three weeks less the skipped one: two meetings of the series.
    await page.goto(`${suite.henji.url}/meetings?view=organised&q=${encodeURIComponent(series)}`);
    const table = page.getByTestId('meetings-table');
    await expect.poll(() => table.getByTestId('meeting-topic').count(), SETTLE).toBe(2);
    await table.getByTestId('meeting-topic').nth(1).click();
    await page.getByTestId('meeting-edit').click();
    const edit = page.getByTestId('meeting-form');
    await edit.waitFor(SETTLE);
    await edit.getByTestId('meeting-topic-input').fill(`${series}（改在 6 楼）`);
    await edit.getByLabel('会议地点').fill('总部 6 楼');
    await clickInViewport(page, edit.getByTestId('meeting-save'), '保存');
    const scope = page.getByTestId('scope-this');
    await scope.waitFor(SETTLE);
    await scope.click();
    await landsOnMeeting(page);
    await expect.poll(() => page.getByTestId('meeting-facts').innerText(), SETTLE).toContain('总部 6 楼');

    // And that one is called off, with the reason everyone reads.
    await clickInViewport(page, page.getByTestId('meeting-cancel'), '取消会议');
    const cancelling = page.locator('.ant-modal').filter({ has: page.getByTestId('cancel-reason') });
    await cancelling.getByTestId('cancel-reason').fill('与季度评审冲突');
    await cancelling.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('meeting-cancelled').innerText(), SETTLE).toContain('与季度评审冲突');
    expect(await page.getByTestId('meeting-edit').count()).toBe(0);

    await page.goto(`${suite.henji.url}/meetings?view=organised&q=${encodeURIComponent(series)}`);
    await expect.poll(async () => (await table.getByTestId('meeting-topic').allInnerTexts()).sort(), SETTLE).toEqual([series, `${series}（改在 6 楼）`]);
    expect(await table.innerText()).toContain('已取消');
  });

  it('in English the meetings pages show no Chinese outside what people entered', async () => {
    const context = await suite.browser.newContext({ ...contextOptions(DESKTOP), locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript(() => window.localStorage.setItem('henji.locale', 'en-US'));
    const page = await context.newPage();
    await signInThroughUi(page, suite.henji.url, 'gm.assistant', DEMO_PASSWORD);
    // What the company entered: the meetings, people, departments and rooms, as the API returns them.
    const records = await Promise.all(
      [`/api/meetings?view=organised&pageSize=100`, `/api/meetings/${meetingId}`, '/api/users?pageSize=200', '/api/departments', '/api/rooms?pageSize=200'].map((path) => api<unknown>(page, 'GET', path)),
    );
    const userData = JSON.stringify(records);
    const untranslated = async (path: string, ready: string) => {
      await page.goto(`${suite.henji.url}${path}`);
      await page.getByTestId(ready).first().waitFor(SETTLE);
      await page.waitForLoadState('networkidle');
      // The traces are the ledger's own sentences (checked by the ledger's tests); the rest of the page is ours.
      const text = await page.evaluate(() => {
        const shown = Array.from(document.querySelectorAll('body *')).filter((el) => !el.closest('[data-testid="trace-panel"]') && el.children.length === 0).map((el) => el.textContent ?? '');
        const attributes = Array.from(document.querySelectorAll('[placeholder], [title], [aria-label]')).flatMap((el) => ['placeholder', 'title', 'aria-label'].map((name) => el.getAttribute(name) ?? ''));
        return [document.title, ...shown, ...attributes].join('\n');
      });
      return text.split('\n').flatMap((line) => chineseIn(line).filter((run) => !userData.includes(run)).map((run) => `${path}: “${run}” in “${line.trim().slice(0, 100)}”`));
    };
    const found = [
      ...(await untranslated('/meetings?view=organised', 'meeting-topic')),
      ...(await untranslated('/meetings/new', 'meeting-form')),
      ...(await untranslated(`/meetings/${meetingId}`, 'notice-panel')),
      ...(await untranslated(`/meetings/${meetingId}?step=replies`, 'replies-table')),
    ];
    expect(found).toEqual([]);
    await checkPage(page, DESKTOP, 'meeting-english');
    await context.close();
  });
});
