import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { addCounty, prepareRound, scoreCatalogueCount, selectRow, submitFromRound, UNIT } from './flows';

const SECOND = '大洼区人民政府';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});



describe('得分对比 on the round overview', () => {
  it('draws one bar per scored unit, best first, with the totals of the table', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await addCounty(page, SECOND);
    await prepareRound(page);
    await page.getByRole('button', { name: '手动添加' }).click();
    const add = page.getByRole('dialog');
    await selectRow(add, SECOND, '加入 1 家单位');
    await add.getByRole('button', { name: '加入 1 家单位' }).click();
    await page.getByRole('link', { name: SECOND }).waitFor();

    await scoreCatalogueCount(page, UNIT, '3');
    await scoreCatalogueCount(page, SECOND, '1');
    // Only submitted assessments are ranked and drawn.
    await submitFromRound(page, UNIT);
    await submitFromRound(page, SECOND);
    const chart = page.getByTestId('score-chart');
    await chart.waitFor();
    await expect.poll(() => chart.locator('.zw-chart-name').allTextContents()).toEqual([SECOND, UNIT]);
    await expect.poll(() => chart.locator('.zw-chart-value').allTextContents()).toEqual(['−0.1', '−0.3']);
    const widths = await chart.locator('.zw-chart-bar').evaluateAll((bars) => bars.map((b) => (b as HTMLElement).getBoundingClientRect().width));
    expect(widths[1] / widths[0]).toBeCloseTo(3, 0);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-08-score-chart');
    expect(errors).toEqual([]);
    await context.close();
    // A long flow: with the machine busy it outlasts the default 60 s per test.
  }, 240_000);
});
