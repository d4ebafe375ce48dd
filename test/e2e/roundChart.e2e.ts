import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { prepareRound, selectRow, ROUND, UNIT } from './flows';

const SECOND = '大洼区人民政府';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function addUnit(page: Page, name: string) {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('单位名称').fill(name);
  await form.getByLabel('类别').click();
  await page.getByTitle('县区政府').click();
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name }).waitFor();
}

async function score(page: Page, unit: string, count: string) {
  await page.getByRole('link', { name: unit }).click();
  await page.getByRole('heading', { name: unit }).waitFor();
  await page.getByLabel('本地区政府部门未编制主动公开事项目录数量').fill(count);
  await page.getByText(`每家减0.1分 × ${count}家`, { exact: false }).first().waitFor();
  await page.getByText('已保存', { exact: false }).first().waitFor();
  await page.getByRole('link', { name: ROUND }).click();
}

describe('得分对比 on the round overview', () => {
  it('draws one bar per scored unit, best first, with the totals of the table', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await addUnit(page, SECOND);
    await prepareRound(page);
    await page.getByRole('button', { name: '手动添加' }).click();
    const add = page.getByRole('dialog');
    await selectRow(add, SECOND, '加入 1 家单位');
    await add.getByRole('button', { name: '加入 1 家单位' }).click();
    await page.getByRole('link', { name: SECOND }).waitFor();

    await score(page, UNIT, '3');
    await score(page, SECOND, '1');
    const chart = page.getByTestId('score-chart');
    await chart.waitFor();
    await expect.poll(() => chart.locator('.zw-chart-name').allTextContents()).toEqual([SECOND, UNIT]);
    await expect(chart.locator('.zw-chart-value').allTextContents()).resolves.toEqual(['−0.1', '−0.3']);
    const widths = await chart.locator('.zw-chart-bar').evaluateAll((bars) => bars.map((b) => (b as HTMLElement).getBoundingClientRect().width));
    expect(widths[1] / widths[0]).toBeCloseTo(3, 0);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'inspection-08-score-chart');
    expect(errors).toEqual([]);
    await context.close();
    // A long flow: with the machine busy it outlasts the default 60 s per test.
  }, 240_000);
});
