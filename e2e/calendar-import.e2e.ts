/**
 * Importing next year's holidays in a real browser: the administrator pastes the State Council's notice on the calendar
 * page, previews it (the days, and the one line that is not an arrangement), confirms with the keyboard, and the year
 * view shows the make-up workdays; the home page no longer warns about that year.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, henjiInBrowser, signInThroughUi } from './harness.ts';

const NOTICE_2027 = `国务院办公厅关于2027年部分节假日安排的通知
一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。
二、春节：2月11日（农历腊月二十四、周四）至19日（农历正月初三、周五）放假调休，共9天。2月7日（周日）、2月20日（周六）上班。
三、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。
另：3月8日妇女节，妇女放假半天。
国务院办公厅
2026年11月10日`;

const suite = henjiInBrowser();

async function newPage(width = 1440, height = 900): Promise<Page> {
  const context = await suite.browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width, height } });
  return context.newPage();
}

describe('importing a year’s holidays', () => {
  it('pastes the notice, previews it, imports it, and the calendar and the home page follow', async () => {
    const page = await newPage();
    await signInThroughUi(page, suite.henji.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${suite.henji.url}/system/calendars`);
    await page.getByTestId('calendar-import').click();
    const dialog = page.getByRole('dialog');
    await page.getByTestId('import-notice').fill(NOTICE_2027);
    await page.getByTestId('import-preview').click();

    const preview = page.getByTestId('import-preview-result');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('2027 年');
    expect(await page.getByTestId('import-problems').textContent()).toContain('第 5 行');
    expect(await preview.getByRole('row').filter({ hasText: '2027-02-20' }).textContent()).toContain('上班');

    // Confirm with the keyboard.
    await page.getByTestId('import-confirm').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('calendar-day-2027-02-20').textContent()).toContain('班');
    expect(await page.getByTestId('calendar-day-2027-02-11').textContent()).toContain('休');

    await page.goto(`${suite.henji.url}/`);
    await page.getByTestId('home-ledger-status').waitFor();
    const banners = await page.getByTestId('calendar-year-banner').allTextContents();
    expect(banners.some((text) => text.includes('2027'))).toBe(false);
    await page.context().close();
  });
});
