/**
 * Minutes and resolutions (M3–M4) in a real browser with the demo company: 吴文员 (adm.clerk, recorder) schedules a
 * meeting chaired by 李行政 (adm.head); once it has begun (the server's clock moved by a restart) the recorder takes the
 * minutes on a 768×1024 tablet — points, a resolution without an owner — and sees 已自动保存 without pressing anything,
 * then submits; the chair returns them with a comment (required), the recorder resubmits, the chair approves at
 * 1440×900; the resolution shows its tracked task (待分配) on a 390×844 phone. No page scrolls sideways;
 * screenshots with HENJI_E2E_SCREENSHOTS=<dir>.
 */
import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { henjiInBrowser } from './harness.ts';
import { checkPage, DESKTOP, PHONE, TABLET, type Viewport } from './layout.ts';
import { noticeMeetingSoon, signedInPage } from './session.ts';

const suite = henjiInBrowser();
const SETTLE = { timeout: 15_000 };
const TOPIC = `行政部周例会 ${randomUUID().slice(0, 6)}`;

const as = (username: string, viewport: Viewport) => signedInPage(suite, username, viewport);

describe('minutes under the chair\'s review, resolutions carried out', () => {
  let meetingId = '';

  it('the recorder takes the minutes on a tablet: autosaved without a button, then submitted', async () => {
    const clerk = await as('adm.clerk', DESKTOP);
    const { id, start } = await noticeMeetingSoon(suite, clerk, {
      topic: TOPIC,
      purpose: '本周行政工作',
      chair: 'adm.head',
      recorder: 'adm.clerk',
      attendees: ['sales.rep1'],
      agenda: [{ title: '办公用品采购', plannedMinutes: 20 }],
    });
    meetingId = id;
    await clerk.context().close();
    await suite.henji.restart({ HENJI_CLOCK_START: new Date(start + 5 * 60_000).toISOString() });

    const tablet = await as('adm.clerk', TABLET);
    await tablet.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    const editor = tablet.getByTestId('minutes-editor');
    await editor.waitFor(SETTLE);
    await editor.getByRole('button', { name: '添加发言' }).first().click();
    await editor.getByPlaceholder('或填写发言人姓名').fill('来宾 王总');
    await editor.getByPlaceholder('要点').fill('打印纸库存只够两周');
    await editor.getByRole('button', { name: '添加决议' }).first().click();
    await editor.getByPlaceholder('决议内容').fill('本周内补充采购打印纸');
    await tablet.getByTestId('minutes-save-state').filter({ hasText: /已自动保存 \d{2}:\d{2}:\d{2}/ }).waitFor(SETTLE);
    await checkPage(tablet, TABLET, 'minutes-editor');

    await tablet.getByTestId('minutes-submit').click();
    await tablet.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await tablet.getByTestId('minutes-panel').getByText('待审核').first().waitFor(SETTLE);
    await tablet.context().close();
  });

  it('the chair returns them with a written comment, then approves the resubmitted version', async () => {
    const head = await as('adm.head', DESKTOP);
    await head.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    await head.getByTestId('minutes-view').getByText('打印纸库存只够两周').waitFor(SETTLE);
    await head.getByTestId('minutes-return').click();
    const modal = head.locator('.ant-modal').filter({ hasText: '退回会议纪要' });
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await modal.getByText('此项必填').waitFor(SETTLE);
    await head.getByTestId('minutes-dialog-text').fill('请写明采购数量');
    await modal.getByRole('button', { name: /退\s*回/ }).click();
    await head.getByTestId('minutes-panel').getByText('已退回').first().waitFor(SETTLE);

    const clerk = await as('adm.clerk', DESKTOP);
    await clerk.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    await clerk.getByText('主持人退回意见：请写明采购数量').waitFor(SETTLE);
    await clerk.getByPlaceholder('决议内容').fill('本周内补充采购打印纸 20 箱');
    await clerk.getByTestId('minutes-save-state').filter({ hasText: /已自动保存/ }).waitFor(SETTLE);
    await clerk.getByTestId('minutes-submit').click();
    await clerk.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    await clerk.getByTestId('minutes-panel').getByText('待审核').first().waitFor(SETTLE);
    await clerk.context().close();

    await head.reload();
    await head.getByTestId('minutes-view').getByText('本周内补充采购打印纸 20 箱').waitFor(SETTLE);
    await head.getByTestId('minutes-approve').click();
    const approve = head.locator('.ant-modal').filter({ hasText: '批准会议纪要' });
    await approve.getByRole('button', { name: /批\s*准/ }).click();
    await head.getByTestId('minutes-panel').getByText('已批准版本：第 2 版').waitFor(SETTLE);
    await head.getByText('版本记录').scrollIntoViewIfNeeded();
    await checkPage(head, DESKTOP, 'minutes-approved');
    await head.context().close();
  });

  it('shows the resolution\'s tracked task on a phone', async () => {
    const phone = await as('sales.rep1', PHONE);
    await phone.goto(`${suite.henji.url}/meetings/${meetingId}?step=resolutions`);
    const panel = phone.getByTestId('resolutions-panel');
    await panel.getByText('本周内补充采购打印纸 20 箱').waitFor(SETTLE);
    await panel.getByText('待分配').first().waitFor(SETTLE);
    await panel.getByText('本周内补充采购打印纸 20 箱').scrollIntoViewIfNeeded();
    await checkPage(phone, PHONE, 'minutes-resolutions');
    await phone.goto(`${suite.henji.url}/meetings/${meetingId}?step=minutes`);
    await phone.getByTestId('minutes-view').getByText('本周内补充采购打印纸 20 箱').waitFor(SETTLE);
    await checkPage(phone, PHONE, 'minutes-read');
    await phone.context().close();
  });
});
