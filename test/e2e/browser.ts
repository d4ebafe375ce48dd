import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findBrowser } from './browserLookup';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { inject } from 'vitest';

export { browserCandidates, findBrowser, INSTALL_HINT } from './browserLookup';

export const CHROMIUM = findBrowser();
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * How long a wait for something on screen may take. Playwright's 30 s default
 * ran out with 7 builds sharing 2 cores (a first page load parses several MB
 * of script; a restore reloads the app). Waits still end the moment the
 * thing appears: this is a ceiling, not a pause.
 */
export const WAIT_MS = 90_000;

/** The pages of the contexts still open, each with its last console lines: what a failed test reports. */
const openPages = new Map<Page, string[]>();

/**
 * The test browser plays antd's open and close animations (windows zooming in,
 * lists sliding down) in 1 ms: Playwright clicks as soon as a button holds still
 * for two frames, which on a starved machine can happen mid-zoom, and the click
 * then missed the button as it grew. A person never clicks that fast; the motions
 * still run and end (with their animationend events), only without taking time.
 */
const INSTANT_MOTIONS = `[class*="-appear"], [class*="-enter"], [class*="-leave"] { animation-duration: 1ms !important; animation-delay: 0s !important; }`;

/** A browser context whose waits are sized for a loaded machine. */
export async function newLoadedContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', ...options });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript((css) => {
    const add = () => {
      const style = document.createElement('style');
      style.dataset.e2e = 'instant-motions';
      style.textContent = css;
      document.head.appendChild(style);
    };
    if (document.head) add();
    else document.addEventListener('DOMContentLoaded', add, { once: true });
  }, INSTANT_MOTIONS);
  context.on('page', (page) => {
    const log: string[] = [];
    openPages.set(page, log);
    page.on('console', (m) => {
      log.push(`${new Date().toISOString().slice(11, 23)} ${m.type()}: ${m.text().slice(0, 300)}`);
      if (log.length > 40) log.shift();
    });
    page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
    page.on('close', () => openPages.delete(page));
  });
  return context;
}

/**
 * What the open pages show when a test fails: the address, the dialogs and
 * messages on screen, the start of the page's text and the last console lines,
 * with a screenshot of each in test-output/failures/.
 */
export async function reportOpenPages(testName: string): Promise<string> {
  const out: string[] = [];
  let n = 0;
  for (const [page, log] of openPages) {
    if (page.isClosed()) continue;
    n++;
    try {
      const dir = join(process.cwd(), 'test-output', 'failures');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${testName.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}-${n}.png`);
      await page.screenshot({ path: file, timeout: 10_000 }).catch(() => undefined);
      const seen = await page.evaluate(() => {
        const text = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].map((e) => e.innerText.replace(/\s+/g, ' ').slice(0, 400));
        return { dialogs: text('.ant-modal-wrap:not([style*="display: none"]) .ant-modal'), messages: text('.ant-message-notice, .ant-notification-notice'), body: document.body.innerText.replace(/\s+/g, ' ').slice(0, 1500) };
      }, undefined).catch((e: Error) => ({ dialogs: [], messages: [], body: `(page not readable: ${e.message})` }));
      out.push(`--- page ${n}: ${page.url()} (screenshot ${file})`, `dialogs: ${JSON.stringify(seen.dialogs)}`, `messages: ${JSON.stringify(seen.messages)}`, `text: ${seen.body}`, 'console:', ...log);
    } catch (e) {
      out.push(`--- page ${n}: not readable (${(e as Error).message})`);
    }
  }
  return out.join('\n');
}

/** A fresh profile (empty IndexedDB) at the 1366×768 size of an inspector's laptop. */
export async function newAppPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await newLoadedContext(browser, { acceptDownloads: true });
  // Playwright cannot answer the File System Access save picker: the web build's
  // streamed saves take their download path (as in browsers without the picker).
  await context.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(inject('baseURL'));
  return { context, page, errors };
}

/**
 * Waits until a window (an antd Modal or confirmation) has finished opening: while
 * it zooms in, a click aimed at one of its buttons can land on the mask behind it
 * on a busy machine (closing 输入密码, or doing nothing in a confirmation).
 */
export async function whenOpen(dialog: Locator): Promise<Locator> {
  await dialog.waitFor();
  await dialog.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        const opening = () => /-(appear|enter)\b/.test(el.className);
        if (!opening()) return resolve();
        const watch = new MutationObserver(() => {
          if (opening()) return;
          watch.disconnect();
          resolve();
        });
        watch.observe(el, { attributes: true, attributeFilter: ['class'] });
      }),
  );
  return dialog;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.waitForTimeout(350); // let antd's open/close motions finish
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** Completes the first-run profile form, then sets the app lock's PIN or (by default) skips it past the warning. */
export async function completeFirstRun(page: Page, name = '王明', options: { pin?: string } = {}): Promise<void> {
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('单位').fill('盘锦市政务公开办公室');
  await page.getByLabel('所在检查组').fill('第一检查组');
  await page.getByRole('button', { name: '开始使用' }).click();
  const setup = page.getByTestId('lock-setup');
  await setup.waitFor();
  if (options.pin) {
    await setup.getByLabel('设置PIN 码').fill(options.pin);
    await setup.getByLabel('再次输入PIN 码').fill(options.pin);
    await setup.getByRole('button', { name: '设置并开始使用' }).click();
  } else {
    await setup.getByRole('button', { name: '暂不设置' }).click();
    await page.getByRole('button', { name: '仍不设置' }).click();
  }
  await page.getByTestId('current-inspector').waitFor();
}

/** Answers 立即备份's 备份加密 dialog: a passphrase for another computer, or none (this laptop only). */
export async function answerBackupPassphrase(page: Page, passphrase: string | null): Promise<void> {
  const dialog = await whenOpen(page.getByRole('dialog', { name: '备份加密' }));
  if (passphrase === null) await dialog.getByText('不设密码（只能在本机恢复）').click();
  else {
    await dialog.getByLabel('设置密码', { exact: true }).fill(passphrase);
    await dialog.getByLabel('再次输入密码', { exact: true }).fill(passphrase);
  }
  await dialog.getByRole('button', { name: '开始备份' }).click();
}

/**
 * Answers 保护同步数据包 (a laptop not in an office): seals the bundle with a passphrase.
 * Found by its content: opened while 精简导出's dialog is closing, it is briefly
 * outside the accessibility tree.
 */
export async function answerBundleProtection(page: Page, passphrase: string): Promise<void> {
  await whenOpen(page.locator('.ant-modal').filter({ hasText: '保护同步数据包' }));
  const dialog = page.locator('.ant-modal-container').filter({ hasText: '保护同步数据包' });
  await dialog.locator('input[aria-label="设置密码"]').fill(passphrase);
  await dialog.locator('input[aria-label="再次输入密码"]').fill(passphrase);
  await dialog.locator('button').filter({ hasText: '加密并导出' }).click();
}

/** Types the passphrase a sealed file asks for when it is opened. */
export async function enterFilePassphrase(page: Page, passphrase: string): Promise<void> {
  const dialog = await whenOpen(page.getByRole('dialog', { name: '输入密码' }));
  await dialog.getByLabel('文件密码').fill(passphrase);
  await dialog.getByRole('button', { name: '打开' }).click();
}
