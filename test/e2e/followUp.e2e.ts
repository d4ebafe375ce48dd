import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { openAssessment, prepareRound, recordFinding } from './flows';

const FINDING = '政府门户网站“政策”栏目未及时更新2件现行有效行政规范性文件';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('回头看', () => {
  it('lists the findings due, records the reply and the check with a reason, and exports the 问题整改台账', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await prepareRound(page);
    await openAssessment(page);
    await recordFinding(page, FINDING);

    // The unit reports it rectified: a status change asks for its reason.
    await page.getByRole('menuitem', { name: '问题整改' }).click();
    await page.getByText(FINDING).waitFor();
    await page.getByTestId('findings-table').getByLabel('整改状态').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已整改' }).click();
    const reason = page.getByRole('dialog');
    await reason.getByRole('button', { name: '确定' }).click();
    await reason.getByText('请填写变更理由').waitFor();
    await reason.getByLabel('变更理由').fill('单位电话告知已整改，整改报告随后报送');
    await reason.getByRole('button', { name: '确定' }).click();
    // What lasts on screen (the status shown in the list), not the 3-second toast a busy machine can miss.
    await expect.poll(() => page.getByTestId('findings-table').getByRole('row').filter({ hasText: FINDING }).textContent()).toContain('已整改');

    // A follow-up task of the whole year lists it (已整改 waits for verification).
    await page.getByRole('button', { name: '回头看' }).click();
    await page.getByRole('heading', { name: '回头看' }).waitFor();
    await page.getByRole('button', { name: '新建回头看任务' }).click();
    const create = page.getByRole('dialog');
    await expect.poll(() => create.getByTestId('followup-preview').textContent()).toBe('将列入 1 个到期未销号的问题（含已整改待核查的）');
    await create.getByRole('button', { name: '建立' }).click();
    const table = page.getByTestId('followup-table');
    await table.getByText(FINDING).waitFor();

    await table.getByRole('button', { name: '登记' }).click();
    const drawer = page.getByTestId('followup-drawer');
    await drawer.getByLabel('整改情况').fill('已在“政策”栏目补充发布1件文件');
    await drawer.getByRole('button', { name: '保存整改报告' }).click();
    await table.getByText(/\d{4}-\d{2}-\d{2} 收到/).waitFor();
    await drawer.getByText('整改不到位', { exact: true }).click();
    await drawer.getByLabel('新的整改期限').click();
    await page.keyboard.type('2099-12-31');
    await page.keyboard.press('Enter');
    await drawer.getByRole('button', { name: '保存核查结果' }).click();
    await drawer.getByText('请填写核查情况或理由').first().waitFor();
    await drawer.getByLabel('核查情况及理由').fill('现场查看，仍有1件文件未发布');
    await drawer.getByRole('button', { name: '保存核查结果' }).click();
    const history = drawer.getByTestId('status-history');
    await history.getByText('理由：现场查看，仍有1件文件未发布').waitFor();
    await expect.poll(() => history.getByText('理由：单位电话告知已整改，整改报告随后报送').count()).toBe(1);
    await screenshot(page, 'followup-02-check');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => table.getByTestId('followup-outcome').textContent()).toBe('整改不到位');
    await screenshot(page, 'followup-01-task');

    // The 问题整改台账 from the findings page.
    await page.getByRole('link', { name: '问题整改' }).click();
    await page.getByText(FINDING).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出问题整改台账' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('问题整改台账.xlsx');
    const dir = join(process.cwd(), 'test-output', 'e2e-fixtures');
    mkdirSync(dir, { recursive: true });
    const saved = join(dir, `followup-${Date.now()}.xlsx`);
    await file.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const ws = wb.getWorksheet('问题整改台账')!;
    const header = (ws.getRow(3).values as unknown[]).map(String);
    const row = ws.getRow(4);
    expect(row.getCell(header.indexOf('问题描述')).value).toBe(FINDING);
    expect(row.getCell(header.indexOf('整改情况')).value).toBe('已在“政策”栏目补充发布1件文件');
    expect(row.getCell(header.indexOf('核查结果')).value).toBe('整改不到位');
    expect(row.getCell(header.indexOf('整改期限')).value).toBe('2099年12月31日');
    expect(row.getCell(header.indexOf('是否销号')).value).toBe('未销号');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
