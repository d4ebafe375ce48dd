import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { UNIT, prepareRound } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const focusedRule = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.ruleIndex ?? '');
const total = async (page: Page) => (await page.getByTestId('assessment-total').textContent())?.trim() ?? '';
const progress = async (page: Page) => (await page.getByTestId('assessment-progress').textContent())?.trim() ?? '';

describe('the assessment screen without a mouse', () => {
  it('scores all 6 indicators with the keyboard from the moment the screen opens', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await prepareRound(page);
    const fromHere = errors.length;
    await page.getByRole('link', { name: UNIT }).click();
    await page.getByRole('heading', { name: UNIT }).waitFor();
    await expect.poll(() => progress(page)).toBe('0/6');

    // No click, no Tab: the first rule already holds the focus.
    await expect.poll(() => focusedRule(page)).toBe('0');
    // 未编制本地区主动公开事项目录 → 是: −1.
    await page.keyboard.press('+');
    await expect.poll(() => total(page)).toBe('−1');
    // 本地区政府部门未编制主动公开事项目录: 2家 × 0.1 = −0.2.
    await page.keyboard.press('j');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(() => total(page)).toBe('−1.2');
    // 主动公开事项目录未按统一标准编制: Enter into the count, type 3, Esc back to the row: 3家 × 0.05 = −0.15.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toBe('主动公开事项目录未按统一标准编制数量');
    await page.keyboard.type('3');
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedRule(page)).toBe('2');
    await expect.poll(() => total(page)).toBe('−1.35');

    // The rest: N to the next unanswered rule, − for “nothing found”, until every indicator is scored.
    for (let guard = 0; guard < 60 && (await progress(page)) !== '6/6'; guard++) {
      await page.keyboard.press('n');
      const at = await focusedRule(page);
      await page.keyboard.press('-');
      await page.locator(`[data-rule-index="${at}"].answered`).waitFor();
    }
    expect(await progress(page)).toBe('6/6');
    expect(await total(page)).toBe('−1.35');
    await page.keyboard.press('n');
    await page.getByText('全部指标均已评分').waitFor();
    await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor();
    await screenshot(page, 'keyboard-01-scored');

    // Still there after a reload, and the keys work again at once.
    await page.reload();
    await page.getByRole('heading', { name: UNIT }).waitFor();
    await expect.poll(() => total(page)).toBe('−1.35');
    expect(await progress(page)).toBe('6/6');
    await expect.poll(() => focusedRule(page)).toBe('0');
    await page.keyboard.press('j');
    expect(await focusedRule(page)).toBe('1');
    expect(errors.slice(fromHere)).toEqual([]);
    await context.close();
  }, 120_000);
});
