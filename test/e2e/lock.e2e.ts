import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBundleProtection, completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PIN = '246810';

describe('app lock and sealed bundles in the web build', () => {
  it('sets a PIN at first run, locks after idle and by shortcut, opens with the PIN; five wrong tries give a wait', async () => {
    const { context, page } = await newAppPage(browser);
    await completeFirstRun(page, '王明', { pin: PIN });
    await page.getByRole('menuitem', { name: '设置' }).click();
    const card = page.getByTestId('lock-settings');
    await card.getByText(/已设置 PIN 码/).waitFor();
    await card.getByLabel('无操作自动锁定').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '30 秒' }).click();
    await page.getByText('已设为无操作 30 秒 后自动锁定').waitFor();

    // Left alone, the app locks; nothing of the screens is left in the page.
    const lockScreen = page.getByTestId('lock-screen');
    await lockScreen.waitFor({ timeout: 120_000 });
    await screenshot(page, '90-locked');
    expect(await page.getByTestId('current-inspector').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('开机锁定');
    // No route gets past it.
    await page.evaluate(() => (window.location.hash = '#/targets'));
    await lockScreen.waitFor();
    expect(await page.getByRole('menuitem', { name: '被检查单位' }).count()).toBe(0);

    await lockScreen.getByLabel('输入PIN 码').fill(PIN);
    await lockScreen.getByRole('button', { name: '解锁' }).click();
    await page.getByTestId('current-inspector').waitFor();

    // The header button and Ctrl+Alt+L lock at once.
    await page.getByRole('button', { name: '锁定' }).click();
    await lockScreen.waitFor();
    await lockScreen.getByLabel('输入PIN 码').fill(PIN);
    await lockScreen.getByLabel('输入PIN 码').press('Enter');
    await page.getByTestId('current-inspector').waitFor();
    await page.keyboard.press('Control+Alt+L');
    await lockScreen.waitFor();

    for (let i = 1; i <= 5; i++) {
      await lockScreen.getByLabel('输入PIN 码').fill('135790');
      await lockScreen.getByRole('button', { name: '解锁' }).click();
      await lockScreen.getByText(`已连续输错 ${i} 次`, { exact: false }).waitFor();
    }
    const wait = page.getByTestId('lock-wait');
    await wait.getByText(/输错次数过多，请在 \d+ 秒后重试/).waitFor();
    await expect.poll(() => lockScreen.getByLabel('输入PIN 码').isDisabled()).toBe(true);
    await screenshot(page, '91-lock-wait');
    // A reload does not reset the wait.
    await page.reload();
    await page.getByTestId('lock-wait').waitFor();
    await context.close();
  }, 240_000);

  it('exports a bundle that is not a plain zip: tables/findings.json cannot be listed', async () => {
    const { context, page } = await newAppPage(browser);
    await completeFirstRun(page, '李华');
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出同步数据包' }).click();
    await answerBundleProtection(page, '盘锦同步密码2026');
    const file = join(mkdtempSync(join(tmpdir(), 'zwgk-')), (await download).suggestedFilename());
    await (await download).saveAs(file);
    await page.getByText(/已导出同步数据包.*已用密码加密/).waitFor();
    const bytes = new Uint8Array(readFileSync(file));
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('ZWGKSEAL');
    const { ZipReader, Uint8ArrayReader } = await import('@zip.js/zip.js/index-native.js');
    const listed = await new ZipReader(new Uint8ArrayReader(bytes)).getEntries().then(
      (entries) => entries.map((e) => e.filename),
      () => [] as string[],
    );
    expect(listed).not.toContain('tables/findings.json');
    expect(listed).not.toContain('tables/changes.json');
    await context.close();
  }, 120_000);
});
