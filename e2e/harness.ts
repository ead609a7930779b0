/**
 * Browser-test harness: a real `henji serve` process on a fresh PGlite data directory (seeded with the demo company)
 * and Debian's chromium driven by playwright-core.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

const HENJI = path.resolve(import.meta.dirname, '../bin/henji.mjs');
export const ADMIN_PASSWORD = 'admin-password-e2e';
export const DEMO_PASSWORD = 'henji-demo-2026';

export interface RunningHenji {
  url: string;
  stop(): Promise<void>;
  /**
   * Stops the server and starts it again on the same data and address with `env` added — e.g. `HENJI_CLOCK_START`
   * to move the server's clock to an instant a journey needs (a meeting's start). Sessions may not survive the jump:
   * sign in again afterwards.
   */
  restart(env: Record<string, string>): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export interface StartOptions {
  /** More settings for the server, given the address it will answer at (single sign-on needs it beforehand). */
  env?: (url: string) => Promise<Record<string, string>> | Record<string, string>;
}

export async function startHenjiProcess(options: StartOptions = {}): Promise<RunningHenji> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'henji-e2e-'));
  const port = await freePort();
  const extra = (await options.env?.(`http://127.0.0.1:${port}`)) ?? {};
  const env = {
    ...process.env,
    HENJI_DATA_DIR: dataDir,
    DATABASE_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    HENJI_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The webhook receiver of webhooks.e2e.ts listens on loopback, which Henji refuses unless allowed.
    HENJI_ALLOW_PRIVATE_NETWORKS: '127.0.0.0/8',
    HENJI_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
    ...extra,
  };
  await promisify(execFile)(process.execPath, [HENJI, 'seed', '--demo'], { env, timeout: 120_000 });
  const url = `http://127.0.0.1:${port}`;
  let child = await serve(url, env);
  const halt = async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  };
  return {
    url,
    restart: async (more) => {
      await halt();
      child = await serve(url, { ...env, ...more });
    },
    stop: async () => {
      await halt();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `henji serve` with `env`, once it answers its health check. */
async function serve(url: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child: ChildProcess = spawn(process.execPath, [HENJI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`henji exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return child;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`henji did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The browser runs on the real clock even when the suite runs under Debian's `faketime` (a Beijing working afternoon,
 * as `.ci/run` is checked at any hour): the server's time is what is faked; libfaketime preloaded into chromium's
 * processes breaks its own timers.
 */
const realClockEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && k !== 'LD_PRELOAD' && !k.startsWith('FAKETIME'))) as Record<string, string>;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    env: realClockEnv(),
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function signInThroughUi(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

export interface HenjiInBrowser {
  henji: RunningHenji;
  browser: Browser;
}

/**
 * A test file's Henji and browser: started in a `beforeAll` hook, both closed in an `afterAll` one. Call it at the top
 * level of the file; read `henji` and `browser` in tests and in hooks registered after it (those run after it; their
 * `afterAll` ones before it closes the two).
 */
export function henjiInBrowser(options: StartOptions = {}): HenjiInBrowser {
  const running = {} as Partial<HenjiInBrowser>;
  beforeAll(async () => {
    running.henji = await startHenjiProcess(options);
    running.browser = await launchBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.henji?.stop();
  });
  return running as HenjiInBrowser;
}

/** rc-motion's classes while a popup slides in or out (`ant-slide-up-enter`, `…-appear-active`, `…-leave`). */
const MOVING = /-(appear|enter|leave)(-|\s|$)/;

/**
 * Picks the option of an antd Select whose text contains `option`, and checks the choice landed. `select`: what a
 * person clicks to open it (the select, or its input as a label's target). `search`: typed into it first, to filter.
 * `keyboard`: Enter picks the highlighted option instead of a click. `landed`: how to see the choice took effect, when
 * the select does not keep showing it (by default the select's own text contains `option`).
 *
 * The dropdown slides in, and on a slow machine may re-render or close under a click, so one attempt opens the select
 * if it is closed, waits until its own dropdown is open and still and the option shows, then clicks it (or presses
 * Enter once it is highlighted); attempts repeat until the choice landed.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  option: string,
  { search, keyboard = false, landed, timeout = 15_000 }: { search?: string; keyboard?: boolean; landed?: () => Promise<boolean>; timeout?: number } = {},
) {
  const root = select.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const input = root.locator('input').first();
  const shown = landed ?? (async () => ((await root.locator('.ant-select-content').first().textContent()) ?? '').includes(option));
  const brief = { timeout: 2_000 };
  const attempt = async () => {
    if ((await input.getAttribute('aria-expanded', brief)) !== 'true') await select.click(brief);
    if (search !== undefined && (await input.inputValue(brief)) !== search) {
      await input.fill('', brief);
      await input.pressSequentially(search, brief);
    }
    // Its own dropdown: the one holding the listbox the input controls (another may still be closing).
    const list = await input.getAttribute('aria-controls', brief);
    if (!list) return;
    const popup = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) });
    const still = await popup.evaluate((el, moving) => !new RegExp(moving).test(el.className) && !el.className.includes('-hidden'), MOVING.source, brief);
    if (!still) return;
    const choice = popup.locator(keyboard ? '.ant-select-item-option-active' : '.ant-select-item-option').filter({ hasText: option }).first();
    if (!(await choice.isVisible())) return;
    if (keyboard) await input.press('Enter', brief);
    else await choice.click(brief);
  };
  await expect
    .poll(async () => {
      if (await shown()) return true;
      await attempt().catch(() => undefined);
      return shown();
    }, { timeout, interval: 100 })
    .toBe(true);
}
