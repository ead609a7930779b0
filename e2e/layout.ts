/**
 * Layout checks for browser tests at phone and desktop sizes: the page body never scrolls sideways, and a button is
 * inside the viewport when it is about to be clicked. With `HENJI_E2E_SCREENSHOTS=<dir>` every checked page is also
 * saved there as a PNG (`<viewport>-<name>.png`) to look at.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Viewport {
  /** Short name used in test titles and screenshot files: `phone`, `desktop`, `small-phone`. */
  name: string;
  width: number;
  height: number;
  /** A touch screen: the context is mobile, the signature is drawn with a finger. */
  touch: boolean;
}

export const DESKTOP: Viewport = { name: 'desktop', width: 1440, height: 900, touch: false };
export const PHONE: Viewport = { name: 'phone', width: 390, height: 844, touch: true };
/** A tablet held upright (the recorder's minutes editor). */
export const TABLET: Viewport = { name: 'tablet', width: 768, height: 1024, touch: true };
export const SMALL_PHONE: Viewport = { name: 'small-phone', width: 360, height: 740, touch: true };

export const contextOptions = (viewport: Viewport) => ({
  locale: 'zh-CN',
  viewport: { width: viewport.width, height: viewport.height },
  ...(viewport.touch ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
});

/** Fails when the document is wider than the viewport, i.e. the page body can be scrolled sideways. */
export async function expectNoHorizontalOverflow(page: Page, where: string) {
  // Let Ant Design's breakpoint observer and late layout (fonts, images) settle first.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const size = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  const width = Math.min(size.innerWidth, page.viewportSize()?.width ?? size.innerWidth);
  expect(size.scrollWidth, `${where}: the page is ${size.scrollWidth}px wide in a ${width}px viewport (horizontal scrolling)`).toBeLessThanOrEqual(width);
}

/** The overflow check, and a screenshot when asked for. */
export async function checkPage(page: Page, viewport: Viewport, name: string) {
  await expectNoHorizontalOverflow(page, `${viewport.name} ${name}`);
  const dir = process.env.HENJI_E2E_SCREENSHOTS;
  if (dir) {
    await mkdir(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${viewport.name}-${name}.png`) });
  }
}

/**
 * Clicks an action button after checking it lies wholly inside the viewport. A button in a bar fixed to the bottom
 * of a phone screen (`sticky`) must be there without scrolling; any other is first scrolled to, as a person would.
 */
export async function clickInViewport(page: Page, button: Locator, label: string, { sticky = false } = {}) {
  await button.waitFor({ state: 'visible' });
  if (!sticky) await button.scrollIntoViewIfNeeded();
  const box = await button.boundingBox();
  const viewport = page.viewportSize();
  expect(box, `${label}: not laid out`).not.toBeNull();
  expect(viewport).not.toBeNull();
  const inside = box!.x >= 0 && box!.y >= 0 && box!.x + box!.width <= viewport!.width + 0.5 && box!.y + box!.height <= viewport!.height + 0.5;
  expect(inside, `${label} lies outside the ${viewport!.width}×${viewport!.height} viewport: ${JSON.stringify(box)}`).toBe(true);
  await expectNoHorizontalOverflow(page, label);
  await button.click();
}

/** Draws a stroke on a canvas: with a finger (touch events through the DevTools protocol) or with the mouse. */
export async function drawSignature(page: Page, pad: Locator, touch: boolean) {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const points = Array.from({ length: 20 }, (_, i) => ({ x: box.x + 20 + i * ((box.width - 40) / 20), y: box.y + box.height / 2 + Math.sin(i / 2) * (box.height / 5) }));
  if (touch) {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]!] });
    for (const point of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    return;
  }
  await page.mouse.move(points[0]!.x, points[0]!.y);
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(point.x, point.y);
  await page.mouse.up();
}
