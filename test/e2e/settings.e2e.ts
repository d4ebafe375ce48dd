import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('设置 in the web build', () => {
  it('edits the profile, the default deadline and a calendar correction, and keeps them after a reload', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByTestId('storage-usage').waitFor();

    await page.getByLabel('所在检查组').fill('第二检查组');
    await page.getByRole('button', { name: '保存' }).first().click();
    await page.getByText('检查人员信息已保存').waitFor();
    await expect(page.getByTestId('current-inspector').textContent()).resolves.toContain('第二检查组');

    await page.getByLabel('默认整改期限（工作日）').fill('10');
    await page.getByRole('button', { name: '保存' }).nth(1).click();
    await page.getByText('已保存默认整改期限').waitFor();

    await page.getByLabel('调整日期').fill('2027-02-20');
    await page.keyboard.press('Enter');
    await page.getByLabel('调整为').click();
    await page.getByTitle('工作日（调休上班）').click();
    await page.getByLabel('调整说明').fill('2027年春节调休');
    await page.getByRole('button', { name: '添加' }).click();
    // Added: the correction is listed (its toast may already be gone on a loaded machine).
    await page.getByRole('cell', { name: '2027年春节调休' }).waitFor();
    await screenshot(page, '40-settings');

    await page.reload();
    await page.getByRole('cell', { name: '2027年春节调休' }).waitFor();
    await expect(page.getByLabel('默认整改期限（工作日）').inputValue()).resolves.toBe('10');
    await expect(page.getByTestId('current-inspector').textContent()).resolves.toContain('第二检查组');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets nothing move when the system asks for less motion, and keeps the motions otherwise', async () => {
    for (const reducedMotion of ['reduce', 'no-preference'] as const) {
      const { page, context } = await newAppPage(browser);
      await page.emulateMedia({ reducedMotion });
      await page.getByLabel('姓名').fill('王明');
      await page.getByLabel('单位').fill('盘锦市政务公开办公室');
      await page.getByLabel('所在检查组').fill('第一检查组');
      await page.getByRole('button', { name: '开始使用' }).click();
      await page.getByTestId('lock-setup').getByRole('button', { name: '暂不设置' }).click();
      // The confirmation 仍不设置 (which zoomed in or not): how long its button's hover change takes.
      const button = page.getByRole('button', { name: '仍不设置' });
      await button.waitFor();
      const transitionMs = await button.evaluate((el) => Math.max(...getComputedStyle(el).transitionDuration.split(',').map((d) => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000))));
      if (reducedMotion === 'reduce') expect(transitionMs).toBeLessThanOrEqual(1);
      else expect(transitionMs).toBeGreaterThanOrEqual(100);
      await button.click();
      await page.getByTestId('current-inspector').waitFor();
      await context.close();
    }
  });
});
