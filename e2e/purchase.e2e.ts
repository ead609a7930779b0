/**
 * The purchase journey (采购审批：部门负责人 → 财务部 → CEO 三级签字) in a real browser, across four people of the demo
 * company, once on a desktop (1440×900) and once on a phone (390×844, touch): 吕工程师 (tech.dev1) submits with line
 * items and a quotation attached; 尤技术 (tech.head) approves with a drawn signature (a finger on the phone); 褚财务
 * (fin.head) returns it for a quotation; the applicant edits and resubmits; finance approves (on the phone opening the
 * link signed out, signing in and landing on it); 王总 (ceo) approves with the required written opinion (on the phone
 * from the notification); the applicant follows it in the progress view to the end. Every page visited is checked for
 * horizontal scrolling and every action button for lying inside the viewport when it is clicked; at 360×740 the
 * other everyday pages are checked too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, DEMO_PASSWORD, henjiInBrowser, pickOption, signInThroughUi } from './harness.ts';
import { checkPage, clickInViewport, contextOptions, DESKTOP, drawSignature, PHONE, SMALL_PHONE } from './layout.ts';

const suite = henjiInBrowser();

const bodyText = async (page: Page) => (await page.locator('body').textContent()) ?? '';
/** A page has rendered (not just its lazy chunk's spinner) once its content shows a heading. */
const contentShown = (page: Page) => page.locator('.ant-layout-content').locator('h1, h2, h3, h4').first().waitFor();
/** A decision commits, notifies and reloads the page: on a busy two-core CI machine that can take more than the default second. */
const SETTLE = { timeout: 15_000 };
/** A real (if tiny) PDF: the server checks the content matches the extension. */
const QUOTATION = { name: '报价单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') };

for (const viewport of [DESKTOP, PHONE]) {
  describe(`purchase journey at ${viewport.width}×${viewport.height}`, () => {
    const title = `采购测试服务器（${viewport.name}）`;
    let applicationUrl = '';
    // A phone's bars stick to the bottom of the screen: their buttons must be in reach without scrolling.
    const sticky = viewport.touch;

    async function as(username: string): Promise<Page> {
      const context = await suite.browser.newContext(contextOptions(viewport));
      const page = await context.newPage();
      await signInThroughUi(page, suite.henji.url, username, DEMO_PASSWORD);
      return page;
    }

    /** Opens the first to-do item about our application from the inbox. */
    async function openFromInbox(page: Page) {
      await page.goto(`${suite.henji.url}/inbox`);
      const item = page.getByTestId('inbox-title').filter({ hasText: title }).first();
      await item.waitFor();
      await checkPage(page, viewport, 'inbox');
      await item.click();
      await page.getByTestId('progress-timeline').waitFor();
      await checkPage(page, viewport, 'detail');
    }

    const actionDialog = (page: Page) => page.locator('.ant-modal').filter({ has: page.getByTestId('action-opinion') });

    async function submitDialog(page: Page, label: string) {
      const dialog = actionDialog(page);
      await checkPage(page, viewport, `dialog-${label}`);
      await clickInViewport(page, dialog.locator('button[type=submit]'), `${label} (dialog)`);
    }

    /** 同意 with an opinion; `sign`: with a signature drawn in the dialog (a finger on a touch screen). */
    async function approve(page: Page, opinion: string, { sign = false } = {}) {
      await clickInViewport(page, page.getByTestId('action-approve'), '同意', { sticky });
      const dialog = actionDialog(page);
      await dialog.getByTestId('action-opinion').fill(opinion);
      if (sign) {
        const pad = dialog.getByTestId('signature-pad');
        const padBox = (await pad.boundingBox())!;
        expect(padBox.width, 'the signature pad fits the screen').toBeLessThanOrEqual(viewport.width);
        await drawSignature(page, pad, viewport.touch);
        // The stroke reached the form: 清除 is enabled only once something was drawn.
        await expect.poll(() => dialog.getByRole('button', { name: /清\s*除/ }).isEnabled()).toBe(true);
      }
      await submitDialog(page, sign ? 'approve-signature' : 'approve');
      await expect.poll(() => dialog.isVisible(), SETTLE).toBe(false);
    }

    it('the applicant submits a purchase with line items and an attachment from the catalogue', async () => {
      const page = await as('tech.dev1');
      await contentShown(page);
      await checkPage(page, viewport, 'home');
      if (viewport.touch) {
        // The menu is a drawer opened from the header.
        await clickInViewport(page, page.getByTestId('menu-button'), '菜单', { sticky: true });
        const drawer = page.locator('.ant-drawer-body');
        await drawer.getByRole('link', { name: '申请中心' }).click();
        await expect.poll(() => new URL(page.url()).pathname, SETTLE).toBe('/applications/catalog');
        await expect.poll(() => drawer.isVisible(), SETTLE).toBe(false);
      } else {
        await page.goto(`${suite.henji.url}/applications/catalog`);
      }
      const card = page.getByTestId('catalog-card').filter({ hasText: '采购申请' });
      await card.waitFor();
      await checkPage(page, viewport, 'catalog');
      await clickInViewport(page, card.getByRole('button', { name: /发起申请/ }), '发起申请');
      await page.getByTestId('application-form').waitFor();
      await page.getByLabel('采购事由').fill(title);
      const row = page.getByTestId('line-item').first();
      await row.locator('input').nth(0).fill('服务器');
      await row.locator('input').nth(2).fill('2');
      await row.locator('input').nth(3).fill('12500');
      // 金额 and 总金额 are computed (数量 × 单价, summed), not typed.
      await expect.poll(() => page.getByLabel('总金额').inputValue()).toMatch(/^25,000(\.00)?$/);
      expect(await page.getByLabel('总金额').isDisabled()).toBe(true);
      await page.getByLabel('采购理由').fill('新项目需要测试环境');
      await page.getByTestId('application-form').locator('input[type=file]').setInputFiles(QUOTATION);
      await page.getByTestId('application-form').getByText('报价单.pdf').waitFor();
      await checkPage(page, viewport, 'new-application');
      await clickInViewport(page, page.getByTestId('submit-application'), '提交', { sticky });
      await clickInViewport(page, page.locator('.ant-modal-confirm').getByRole('button', { name: /提\s*交/ }), '提交 (confirm)');
      await page.waitForURL((u) => /\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
      applicationUrl = page.url();
      await page.getByTestId('progress-timeline').waitFor();
      await checkPage(page, viewport, 'submitted');
      const text = await bodyText(page);
      expect(text).toContain('审批中');
      expect(text).toContain('部门负责人审批');
      expect(text).toContain('尤技术');
      expect(text).toContain('报价单.pdf');
      await page.context().close();
    });

    it('the department head approves with an opinion and a handwritten signature', async () => {
      const page = await as('tech.head');
      await openFromInbox(page);
      await approve(page, '同意采购，请财务部审核预算。', { sign: true });
      await expect.poll(() => bodyText(page), SETTLE).toContain('同意采购，请财务部审核预算。');
      await page.getByTestId('task-signature').first().waitFor();
      await page.context().close();
    });

    it('finance returns it to the applicant, who cannot be returned to without a written opinion', async () => {
      const page = await as('fin.head');
      await openFromInbox(page);
      await clickInViewport(page, page.getByTestId('action-return'), '退回', { sticky });
      const dialog = actionDialog(page);
      await dialog.locator('button[type=submit]').click();
      // The opinion is required: the dialog stays open.
      await page.waitForTimeout(300);
      expect(await dialog.isVisible()).toBe(true);
      await dialog.getByTestId('action-opinion').fill('请补充供应商报价单。');
      await pickOption(page, dialog.getByTestId('return-target'), '申请人');
      expect(await dialog.locator('.ant-form-item').filter({ hasText: '退回到' }).textContent()).toContain('申请人');
      await submitDialog(page, 'return');
      await expect.poll(() => dialog.isVisible(), SETTLE).toBe(false);
      await expect.poll(() => bodyText(page), SETTLE).toContain('已退回');
      await page.context().close();
    });

    it('the applicant edits and resubmits', async () => {
      const page = await as('tech.dev1');
      await page.goto(`${suite.henji.url}/applications`);
      const mine = page.getByTestId('application-title').filter({ hasText: title });
      await mine.waitFor();
      await checkPage(page, viewport, 'my-applications');
      await mine.click();
      await page.getByTestId('progress-timeline').waitFor();
      expect(await bodyText(page)).toContain('请补充供应商报价单。');
      await checkPage(page, viewport, 'returned');
      await clickInViewport(page, page.getByTestId('action-edit'), '修改', { sticky });
      await page.getByTestId('application-form').waitFor();
      await page.getByLabel('供应商').fill(`某某科技有限公司（${viewport.name}）`);
      await checkPage(page, viewport, 'edit-application');
      await clickInViewport(page, page.getByTestId('submit-application'), '重新提交', { sticky });
      await clickInViewport(page, page.locator('.ant-modal-confirm').getByRole('button', { name: /重新提交/ }), '重新提交 (confirm)');
      await page.waitForURL((u) => /\/applications\/[0-9a-f-]{36}$/.test(u.pathname));
      await page.getByTestId('progress-timeline').waitFor();
      await expect.poll(() => bodyText(page), SETTLE).toContain('财务部审核');
      await page.context().close();
    });

    it('finance approves (a link opened signed out leads through sign-in to the application), then the CEO signs with the required opinion', async () => {
      let finance: Page;
      if (viewport.touch) {
        // The link a notification carries, opened on a phone while signed out: sign in, then the application itself.
        const context = await suite.browser.newContext(contextOptions(viewport));
        finance = await context.newPage();
        await finance.goto(applicationUrl);
        await finance.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === new URL(applicationUrl).pathname);
        await checkPage(finance, viewport, 'login');
        await finance.getByLabel(/用户名/).fill('fin.head');
        await finance.getByLabel(/密码/).fill(DEMO_PASSWORD);
        await clickInViewport(finance, finance.getByRole('button', { name: /登\s*录/ }), '登录');
        await finance.waitForURL(applicationUrl);
        await finance.getByTestId('progress-timeline').waitFor();
      } else {
        finance = await as('fin.head');
        await openFromInbox(finance);
      }
      await approve(finance, '预算内，同意。');
      await finance.context().close();

      const ceo = await as('ceo');
      if (viewport.touch) {
        // From the notification centre: the link opens the application.
        await ceo.goto(`${suite.henji.url}/notifications`);
        const entry = ceo.getByTestId('notification-item').filter({ hasText: title }).first();
        await entry.waitFor();
        await checkPage(ceo, viewport, 'notifications');
        await clickInViewport(ceo, entry.getByRole('button', { name: /查\s*看/ }), '查看');
        await ceo.waitForURL(applicationUrl);
        await ceo.getByTestId('progress-timeline').waitFor();
      } else {
        await openFromInbox(ceo);
      }
      await approve(ceo, '同意采购。');
      await expect.poll(() => bodyText(ceo), SETTLE).toContain('已通过');
      await ceo.context().close();
    });

    it('the applicant sees every step, opinion and the final result in the progress view', async () => {
      const page = await as('tech.dev1');
      await page.goto(applicationUrl);
      await page.getByTestId('progress-timeline').waitFor();
      await checkPage(page, viewport, 'approved');
      const text = await bodyText(page);
      for (const expected of ['已通过', '部门负责人审批', '财务部审核', 'CEO 审批', '请补充供应商报价单。', '预算内，同意。', '同意采购。', '尤技术', '褚财务', '王总', '报价单.pdf']) {
        expect(text).toContain(expected);
      }
      // The purchase order number assigned by the flow (CG + year + sequence).
      expect(text).toMatch(/CG\d{4}\d{4}/);
      await page.context().close();
    });
  });
}

describe(`everyday pages at ${SMALL_PHONE.width}×${SMALL_PHONE.height}`, () => {
  it('home, catalogue, new application, my applications, inbox, detail, tasks (assigned, reported on) and notifications fit without horizontal scrolling', async () => {
    const context = await suite.browser.newContext(contextOptions(SMALL_PHONE));
    const page = await context.newPage();
    await signInThroughUi(page, suite.henji.url, 'tech.dev1', DEMO_PASSWORD);
    const visit = async (path: string, name: string, ready: () => Promise<unknown>) => {
      await page.goto(`${suite.henji.url}${path}`);
      await ready();
      await checkPage(page, SMALL_PHONE, name);
    };
    await visit('/', 'home', () => contentShown(page));
    await clickInViewport(page, page.getByTestId('menu-button'), '菜单', { sticky: true });
    await page.locator('.ant-drawer-body').getByRole('link', { name: '督办任务' }).waitFor();
    // Once it has slid in (the screenshot shows the menu, not the animation).
    await expect.poll(async () => (await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x, SETTLE).toBe(0);
    await checkPage(page, SMALL_PHONE, 'menu-drawer');
    await page.keyboard.press('Escape');
    await visit('/applications/catalog', 'catalog', () => page.getByTestId('catalog-card').first().waitFor());
    await page.getByTestId('catalog-card').filter({ hasText: '采购申请' }).getByRole('button', { name: /发起申请/ }).click();
    await page.getByTestId('application-form').waitFor();
    await checkPage(page, SMALL_PHONE, 'new-application');
    const submit = page.getByTestId('submit-application');
    await submit.waitFor();
    const box = (await submit.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(SMALL_PHONE.width);
    expect(box.y + box.height).toBeLessThanOrEqual(SMALL_PHONE.height);
    await visit('/applications', 'my-applications', () => page.getByTestId('application-title').first().waitFor());
    await page.getByTestId('application-title').first().click();
    await page.getByTestId('progress-timeline').waitFor();
    await checkPage(page, SMALL_PHONE, 'detail');
    await visit('/inbox?tab=done', 'inbox', () => page.getByTestId('inbox-table').waitFor());
    await visit('/tasks', 'tasks', () => page.getByTestId('tasks-table').waitFor());

    // A tracked task: assigned in a dialog, opened from its card, reported on in the full-screen drawer.
    await clickInViewport(page, page.getByRole('button', { name: /交办任务/ }), '交办任务');
    const create = page.locator('.ant-modal').filter({ hasText: '任务名称' });
    await create.getByLabel('任务名称').fill('手机端督办测试');
    await pickOption(page, create.getByLabel('责任人'), 'tech.dev1', { search: '吕工程师' });
    await checkPage(page, SMALL_PHONE, 'task-create');
    await clickInViewport(page, create.locator('button[type=submit]'), '交办任务 (dialog)');
    await expect.poll(() => create.isVisible(), SETTLE).toBe(false);
    const drawer = page.locator('.ant-drawer-body');
    await drawer.getByText('手机端督办测试').first().waitFor();
    await checkPage(page, SMALL_PHONE, 'task-drawer');
    const drawerBox = (await page.locator('.ant-drawer-content-wrapper').first().boundingBox())!;
    // Boxes are measured in fractional CSS pixels (the drawer measured 360.00001 once while settling): a sub-pixel excess is not overflow.
    expect(drawerBox.width, 'the task drawer fits the screen').toBeLessThanOrEqual(SMALL_PHONE.width + 0.5);
    await clickInViewport(page, drawer.getByRole('button', { name: /汇报进度/ }), '汇报进度');
    const report = page.locator('.ant-modal').filter({ hasText: '已完成工作' });
    await report.getByLabel('已完成工作').fill('已完成手机端页面检查。');
    await checkPage(page, SMALL_PHONE, 'task-report');
    await clickInViewport(page, report.locator('button[type=submit]'), '汇报进度 (dialog)');
    await expect.poll(() => report.isVisible(), SETTLE).toBe(false);
    await expect.poll(() => drawer.getByTestId('task-reports').textContent(), SETTLE).toContain('已完成手机端页面检查。');
    await page.keyboard.press('Escape');
    await page.getByTestId('row-card').filter({ hasText: '手机端督办测试' }).first().waitFor();
    await checkPage(page, SMALL_PHONE, 'tasks-with-card');
    await visit('/notifications', 'notifications', () => page.getByTestId('notification-item').first().waitFor());
    await visit('/me', 'me', () => contentShown(page));
    await context.close();
  });
});

describe('flow designer', () => {
  it('asks before in-app navigation leaves unsaved changes behind', async () => {
    const context = await suite.browser.newContext(contextOptions(DESKTOP));
    const page = await context.newPage();
    await signInThroughUi(page, suite.henji.url, 'admin', ADMIN_PASSWORD);
    await page.goto(`${suite.henji.url}/admin/application-types`);
    await page.getByRole('link', { name: '通用申请' }).click();
    await page.getByRole('tab', { name: '表单设计' }).click();
    await page.getByRole('button', { name: /添加字段/ }).click();
    await page.getByRole('menuitem', { name: '单行文本' }).click();
    await page.getByText('未保存', { exact: true }).waitFor();
    const designer = page.url();

    await page.getByRole('link', { name: '首页' }).click();
    const dialog = page.locator('.ant-modal-confirm').filter({ hasText: '离开流程设计？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '留在此页' }).click();
    await expect.poll(() => dialog.isVisible(), SETTLE).toBe(false);
    expect(page.url()).toBe(designer);
    await page.getByText('未保存', { exact: true }).waitFor();

    await page.getByRole('link', { name: '首页' }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '放弃修改并离开' }).click();
    await expect.poll(() => new URL(page.url()).pathname, SETTLE).toBe('/');
    await context.close();
  });
});
