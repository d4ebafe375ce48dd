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
    // 政务公开问题投诉 is answered from the year's complaint cases (none: 0 次) from the moment the screen shows
    // its count; the count is shown only once those records are read, so it is 1/6 and never 0/6 first.
    await expect.poll(() => progress(page)).toBe('1/6');

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
  }, 240_000);

  it('flags an out-of-range 视情况 value where it is typed, and dates a lag row with zh_CN pickers before counting it', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await prepareRound(page);
    const fromHere = errors.length;
    await page.getByRole('link', { name: UNIT }).click();
    await page.getByRole('heading', { name: UNIT }).waitFor();

    // The total stays within the deduction frame (≤ 0); the indicator shows its own points.
    const points = async () => (await page.getByTestId('ind-points-pj24c.interpretation').textContent())?.trim() ?? '';
    const followUp = '根据政策执行情况，积极开展进一步动态跟踪解读，取得良好效果';
    await page.getByRole('radiogroup', { name: followUp }).getByText('是', { exact: true }).click();
    await expect.poll(() => points()).toBe('+0.1');
    await page.getByLabel(`${followUp}分值`).fill('0.25');
    await page.getByRole('alert').filter({ hasText: '0.25 分超出本项范围（加0.1-0.2分），未采用；当前按 0.1 分计' }).waitFor();
    expect(await points()).toBe('+0.1');

    const lag = page.locator('[data-rule="pj24c.interpretation.late"]');
    await lag.getByRole('button', { name: '添加文件' }).click();
    await lag.getByText('填写两个日期后计入').waitFor();
    // An empty row is not an error.
    await expect.poll(() => page.getByText('不是有效日期', { exact: false }).count()).toBe(0);
    await expect.poll(() => lag.getByTestId('lag-counting-pj24c.interpretation.late').textContent()).toContain('按自然日计算，超过 5 日计入');
    await lag.getByLabel('第1件文件名称').fill('关于进一步优化营商环境的若干措施');
    const from = lag.getByLabel('第1件文件发布日期');
    await from.click();
    await page.locator('.ant-picker-dropdown:visible thead th').first().filter({ hasText: '一' }).waitFor();
    await screenshot(page, 'keyboard-02-lag-date-picker');
    await from.fill('2024-09-28');
    await from.press('Enter');
    const to = lag.getByLabel('第1件解读发布日期');
    await to.click();
    await to.fill('2024-10-08');
    await to.press('Enter');
    // 10 calendar days > 5: one late interpretation, −0.05.
    await expect.poll(() => points()).toBe('+0.05');
    await expect.poll(() => lag.getByText('填写两个日期后计入').count()).toBe(0);
    await lag.scrollIntoViewIfNeeded();
    await screenshot(page, 'keyboard-03-range-and-lag');
    expect(errors.slice(fromHere)).toEqual([]);
    await context.close();
  }, 240_000);
});
