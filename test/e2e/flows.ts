import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import * as XLSX from 'xlsx';

export const UNIT = '盘山县人民政府';
export const ROUND = '2024年度政务公开年中考核（县区政府）';

/** A unit in the register, a round from the built-in scheme, and the unit added to it — all through the app's own screens. */
export async function prepareRound(page: Page, unit = UNIT): Promise<void> {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('单位名称').fill(unit);
  await form.getByLabel('类别').click();
  await page.getByTitle('县区政府').click();
  await form.getByLabel('所属地区').fill('盘山县');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name: unit }).waitFor();

  await page.getByRole('menuitem', { name: '检查任务' }).click();
  await page.getByRole('button', { name: '新建检查任务' }).click();
  // 创建 once the form shows its suggested title (the form is filled when it opens; a busy machine takes a moment).
  await expect.poll(() => page.getByRole('dialog').getByLabel('任务名称').inputValue()).toBe(ROUND);
  await page.getByRole('dialog').getByRole('button', { name: '创建' }).click();
  await page.getByRole('heading', { name: ROUND }).waitFor();
  await page.getByRole('button', { name: '手动添加' }).click();
  const add = page.getByRole('dialog');
  await selectRow(add, unit, '加入 1 家单位');
  await add.getByRole('button', { name: '加入 1 家单位' }).click();
  await page.getByRole('link', { name: unit }).waitFor();
}

/**
 * Ticks a table row's checkbox and waits for what the user sees once the row
 * is selected (the dialog's button naming the count). `locator.check()` fails
 * under load when antd re-renders the row between the click and Playwright's
 * state check; here a click that did not take is simply made again.
 */
export async function selectRow(scope: Locator, rowText: string, selectedButton: string): Promise<void> {
  const checkbox = scope.getByRole('row', { name: new RegExp(rowText) }).getByRole('checkbox');
  const selected = scope.getByRole('button', { name: selectedButton });
  for (let attempt = 1; ; attempt += 1) {
    if (!(await checkbox.isChecked())) await checkbox.click();
    try {
      await selected.waitFor({ timeout: 30_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Adds a 县区政府 through the form on 被检查单位. */
export async function addCounty(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('单位名称').fill(name);
  await form.getByLabel('类别').click();
  await page.getByTitle('县区政府').click();
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name }).waitFor();
}

/** Opens a unit of the round, counts 未编制主动公开事项目录 and returns to the round once saved. */
export async function scoreCatalogueCount(page: Page, unit: string, count: string): Promise<void> {
  await page.getByRole('link', { name: unit }).click();
  await page.getByRole('heading', { name: unit }).waitFor();
  await page.getByLabel('本地区政府部门未编制主动公开事项目录数量').fill(count);
  await page.getByText(`每家减0.1分 × ${count}家`, { exact: false }).first().waitFor();
  await page.getByText('已保存', { exact: false }).first().waitFor();
  await page.getByRole('link', { name: ROUND }).click();
}

/** Submits a unit's assessment from the round table and waits until the row says 已提交. */
export async function submitFromRound(page: Page, unit: string): Promise<void> {
  const row = page.getByTestId('round-table').getByRole('row').filter({ hasText: unit });
  await row.getByRole('button', { name: '提交' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '提交' }).click();
  // Submitted: the row says so (its toast may already be gone on a loaded machine).
  await row.getByText('已提交').waitFor();
}

/** Opens a unit's assessment from the round and waits for its screen. */
export async function openAssessment(page: Page, unit = UNIT): Promise<void> {
  await page.getByRole('link', { name: unit }).click();
  await page.getByRole('heading', { name: unit }).waitFor();
}

/** On an assessment screen: 记录问题 with a description, saved, and the toast naming the unit seen. */
export async function recordFinding(page: Page, description: string, unit = UNIT): Promise<void> {
  await page.getByRole('button', { name: '记录问题' }).first().click();
  await page.getByRole('dialog').getByLabel('问题描述').fill(description);
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await page.getByText(`已记录「${unit}」的问题`).waitFor();
}

/**
 * On an assessment screen with one finding: opens it again and attaches
 * photos (paths), waiting until every card shows; the form stays open.
 */
export async function attachPhotosToFinding(page: Page, files: string[]): Promise<Locator> {
  await page.getByRole('tab', { name: /问题（1）/ }).click();
  await page.getByRole('button', { name: '编辑问题' }).click();
  const form = page.getByRole('dialog');
  await form.getByTestId('photo-file-input').setInputFiles(files);
  await expect.poll(() => form.getByTestId('photo-card').count()).toBe(files.length);
  return form;
}

/** A register workbook (.xlsx) in test-output: one row per unit, with its kind and a disclosure phone. */
export function writeUnitsWorkbook(file: string, units: { name: string; kind: string; region: string }[]): string {
  const dir = join(process.cwd(), 'test-output', 'e2e-fixtures');
  mkdirSync(dir, { recursive: true });
  const rows = [
    ['单位名称', '类别', '所属地区', '地址', '联系人', '联系电话', '政府信息公开联系电话', '备注'],
    ...units.map((u, i) => [u.name, u.kind, u.region, '', '', '', `0427-${u.kind === '县区政府' ? 28 : 29}${String(i).padStart(5, '0')}`, '']),
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '被检查单位');
  const path = join(dir, file);
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}

/** Imports a register workbook on 被检查单位 through the file chooser and waits for the count. */
export async function importUnits(page: Page, workbook: string, count: number): Promise<void> {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '从 Excel 导入' }).click();
  await (await chooser).setFiles(workbook);
  await page.getByRole('button', { name: `确认导入 ${count} 家单位` }).click();
  await page.getByText(`共 ${count} 家`).waitFor();
}
