import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';

const PANJIN_COUNTY = '2024年度盘锦市政务公开绩效考核实施细则（县区政府）';
const RULE1_POINTS = '#f-sections_0__indicators_0__rules_0__points';
const RULE2_POINTS = '#f-sections_0__indicators_0__rules_1__points';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const total = (page: Page) => page.getByTestId('tryit-total');

describe('考核方案 in the web build', () => {
  it('views the Panjin county scheme, clones it, edits a points value, sees the 试算 total change, and keeps it across a reload', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByRole('menuitem', { name: '考核方案' }).click();
    const row = page.getByRole('row').filter({ hasText: PANJIN_COUNTY });
    await row.waitFor();
    await expect.poll(() => row.getByText('内置').count()).toBe(1);
    await screenshot(page, 'schemes-01-list');

    await row.getByRole('button', { name: '查看' }).click();
    await page.getByRole('heading', { name: '查看考核方案' }).waitFor();
    await page.getByRole('columnheader', { name: '评分方式（原文表述）' }).first().waitFor();
    await expect.poll(() => page.getByText('超过5日的，每件减0.05分').count()).toBeGreaterThan(0);
    await screenshot(page, 'schemes-02-view');
    await page.getByText('公开平台建设').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'schemes-02b-view-rules');

    await page.getByRole('button', { name: '复制为本单位方案' }).click();
    await page.getByRole('heading', { name: '编辑考核方案' }).waitFor();
    await page.getByText('已开始的检查任务使用创建时的方案副本，修改不影响其评分。').waitFor();
    await expect.poll(() => page.locator(RULE1_POINTS).inputValue()).toBe('1');

    // 试算: the condition applies → −1; then the rule's points become 1.5 → −1.5.
    await page.getByLabel('试算：未编制本地区主动公开事项目录').check();
    await expect.poll(() => total(page).textContent()).toBe('−1');
    await page.locator(RULE1_POINTS).fill('1.5');
    await expect.poll(() => total(page).textContent()).toBe('−1.5');
    await page.getByLabel('规则1计分').getByText('计分：减1.5分').waitFor();
    await screenshot(page, 'schemes-03-editor');
    await page.getByRole('tab', { name: /计分说明/ }).click();
    await page.getByTestId('tryit-lines').getByText('未编制本地区主动公开事项目录：减1.5分').waitFor();
    await screenshot(page, 'schemes-03b-editor-lines');
    await page.getByRole('tab', { name: '录入' }).click();

    // A points value with four decimals is refused, with the place named; 保存 is disabled.
    await page.locator(RULE2_POINTS).fill('0.0005');
    await page.getByTestId('editor-errors').getByText('第1节第1项指标第2条规则：分值「0.0005」最多保留三位小数').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
    await screenshot(page, 'schemes-04-editor-error');
    await page.locator(RULE2_POINTS).fill('0.1');

    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存为第2版').waitFor();

    // An unsaved change is kept as a draft on this computer.
    await page.locator(RULE2_POINTS).fill('0.2');
    await page.getByTestId('editor-status').getByText(/草稿已暂存/).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: '编辑考核方案' }).waitFor();
    await expect.poll(() => page.locator(RULE1_POINTS).inputValue()).toBe('1.5');
    await expect.poll(() => page.locator(RULE2_POINTS).inputValue()).toBe('0.2');
    await page.getByText(/已恢复上次未保存的修改/).waitFor();
    await page.getByLabel('试算：未编制本地区主动公开事项目录').check();
    await expect.poll(() => total(page).textContent()).toBe('−1.5');

    // Back in the list, the copy is an own scheme at version 2 with an unsaved draft.
    await page.getByRole('button', { name: '返回列表' }).click();
    const copy = page.getByRole('row').filter({ hasText: `${PANJIN_COUNTY}（副本）` });
    await copy.waitFor();
    await expect.poll(() => copy.getByText('第2版').count()).toBe(1);
    await expect.poll(() => copy.getByText('有未保存的修改').count()).toBe(1);
    await screenshot(page, 'schemes-05-list-with-own');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('downloads the Excel template and imports it back (SheetJS in a worker); refuses a broken JSON, writing nothing', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByRole('menuitem', { name: '考核方案' }).click();
    const dir = mkdtempSync(join(tmpdir(), 'schemes-e2e-'));

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 Excel 模板' }).click();
    const templatePath = join(dir, (await download).suggestedFilename());
    expect(templatePath).toMatch(/\.xlsx$/);
    await (await download).saveAs(templatePath);

    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入方案' }).click();
    await (await chooser).setFiles(templatePath);
    const preview = page.getByTestId('scheme-import-preview');
    await preview.getByText('1 节，6 项指标，30 条评分规则').waitFor();
    await screenshot(page, 'schemes-06-import-preview');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByRole('heading', { name: '查看考核方案' }).waitFor();
    await page.getByText('本单位', { exact: true }).first().waitFor();

    const bad = join(dir, '方案.json');
    writeFileSync(bad, JSON.stringify({ format: 'zwgk-scheme', formatVersion: 1, id: 'x', name: '', year: 1999, targetKinds: [], sections: [] }));
    await page.getByRole('button', { name: '返回列表' }).click();
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入方案' }).click();
    await (await chooser).setFiles(bad);
    await page.getByTestId('scheme-import-errors').waitFor();
    await page.getByText('方案：年度应为2000年以后的年份').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    await screenshot(page, 'schemes-07-import-errors');
    await page.getByRole('dialog').getByRole('button', { name: '关闭' }).last().click();
    await page.getByRole('heading', { name: '考核方案' }).waitFor();
    await expect.poll(() => page.getByText('本单位', { exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits a copy of the 百分制 template: grades and 试算 with weighted and rating items', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByRole('menuitem', { name: '考核方案' }).click();
    await page.getByRole('row').filter({ hasText: '常州市政务公开工作考核' }).getByRole('button', { name: '复制为本单位方案' }).click();
    await page.getByRole('heading', { name: '编辑考核方案' }).waitFor();
    await page.getByLabel('试算：组织推进').fill('9');
    await page.getByLabel('试算：社会评议结果').click();
    await page.getByTitle('满意', { exact: true }).click();
    await expect.poll(() => total(page).textContent()).toBe('19');
    await expect.poll(() => page.getByTestId('tryit-grade').textContent()).toBe('不合格');
    await page.getByRole('tab', { name: '总分与等次' }).click();
    await page.locator('#f-grades_3__label').waitFor();
    await page.locator('#f-grades_2__min').fill('15');
    await expect.poll(() => page.getByTestId('tryit-grade').textContent()).toBe('合格');
    await screenshot(page, 'schemes-08-editor-totals');
    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByLabel('方案名称').fill('');
    await page.getByTestId('editor-errors').getByText('方案：方案名称不能为空').waitFor();
    await screenshot(page, 'schemes-09-editor-info');
    expect(errors).toEqual([]);
    await context.close();
  });
});
