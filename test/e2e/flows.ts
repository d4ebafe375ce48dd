import type { Locator, Page } from 'playwright-core';

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
  await page.getByText(`已提交「${unit}」的评分`).waitFor();
  await row.getByText('已提交').waitFor();
}
