import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { addCounty, prepareRound, scoreCatalogueCount, selectRow, submitFromRound, UNIT } from './flows';

const SECOND = '大洼区人民政府';
const EMPTY = '兴隆台区人民政府';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});




const rankOf = (page: Page, unit: string) => page.getByTestId('round-table').getByRole('row').filter({ hasText: unit }).getByTestId('round-rank').textContent();

describe('rankings on the round overview', () => {
  it('ranks only submitted units; an empty sheet (total 0) shows 未完成 in the table and the chart', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await addCounty(page, SECOND);
    await addCounty(page, EMPTY);
    await prepareRound(page);
    await page.getByRole('button', { name: '手动添加' }).click();
    const add = page.getByRole('dialog');
    await selectRow(add, SECOND, '加入 1 家单位');
    await selectRow(add, EMPTY, '加入 2 家单位');
    await add.getByRole('button', { name: '加入 2 家单位' }).click();
    await page.getByRole('link', { name: EMPTY }).waitFor();

    await scoreCatalogueCount(page, UNIT, '3');
    await scoreCatalogueCount(page, SECOND, '1');
    // Nothing submitted: nobody is ranked, not even the empty sheet with its 0.
    await expect.poll(() => rankOf(page, EMPTY)).toBe('未完成');
    await expect.poll(() => rankOf(page, UNIT)).toBe('未完成');
    const chart = page.getByTestId('score-chart');
    await chart.getByText('尚无已提交的单位', { exact: false }).waitFor();
    await expect.poll(() => chart.locator('.zw-chart-bar').count()).toBe(0);

    await submitFromRound(page, UNIT);
    await expect.poll(() => rankOf(page, UNIT)).toBe('1');
    await expect.poll(() => rankOf(page, EMPTY)).toBe('未完成');
    await submitFromRound(page, SECOND);
    await expect.poll(() => rankOf(page, SECOND)).toBe('1');
    await expect.poll(() => rankOf(page, UNIT)).toBe('2');
    await expect.poll(() => rankOf(page, EMPTY)).toBe('未完成');

    // The chart: bars only for the submitted units, best first; the empty one is listed with its progress.
    await expect.poll(() => chart.locator('.zw-chart-bar').count()).toBe(2);
    await expect.poll(() => chart.locator('[data-testid="score-chart-group"] .zw-chart-name').allTextContents()).toEqual([SECOND, UNIT]);
    await expect.poll(() => chart.locator('[data-testid="score-chart-group"] .zw-chart-value').allTextContents()).toEqual(['−0.1', '−0.3']);
    const pending = chart.getByTestId('score-chart-pending');
    await expect.poll(() => pending.locator('.zw-chart-name').allTextContents()).toEqual([EMPTY]);
    await expect.poll(() => pending.textContent()).toContain('未完成（已评 0/6 项指标）');
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-09-ranking');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
