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
    await expect.poll(() => page.getByTestId('current-inspector').textContent()).toContain('第二检查组');

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
    await expect.poll(() => page.getByLabel('默认整改期限（工作日）').inputValue()).toBe('10');
    await expect.poll(() => page.getByTestId('current-inspector').textContent()).toContain('第二检查组');
    expect(errors).toEqual([]);
    await context.close();
  });
});
