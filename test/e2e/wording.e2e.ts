import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { importUnits, writeUnitsWorkbook } from './flows';

/** 4 county governments and 8 departments: a draw of county governments must list the 4, not all 12. */
const COUNTIES = ['双台子区人民政府', '兴隆台区人民政府', '大洼区人民政府', '盘山县人民政府'];
const DEPARTMENTS = Array.from({ length: 8 }, (_, i) => `市第${i + 1}局`);
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

let browser: Browser;
let workbook: string;

beforeAll(async () => {
  browser = await launchBrowser();
  workbook = writeUnitsWorkbook('units-12.xlsx', [
    ...COUNTIES.map((name) => ({ name, kind: '县区政府', region: name.slice(0, 3) })),
    ...DEPARTMENTS.map((name) => ({ name, kind: '政府部门', region: '盘锦市' })),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

/** Both laptop sizes, in turn; ends at 1366×768. */
async function shots(page: Page, name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    await screenshot(page, `wording-${name}-${size.width}`);
  }
}

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('wording, first steps, draw record and toasts in the web build', () => {
  it('guides a new installation, keeps toasts off the buttons, and prints a plain draw record', async () => {
    const { page, errors } = await newAppPage(browser);
    await completeFirstRun(page);

    // 工作台 on a new installation: three linked steps, none done.
    const guide = page.getByTestId('first-steps');
    await guide.waitFor();
    await expect.poll(() => guide.getByRole('link').allTextContents()).toEqual(['第一步　录入被检查单位 ', '第二步　选择考核方案 ', '第三步　新建检查任务 ']);
    await shots(page, '01-dashboard-new');

    // A toast: never over a button or the top of the screen.
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByTestId('storage-usage').waitFor();
    await page.getByRole('button', { name: '保存' }).first().click();
    const toast = page.locator('.ant-message-notice').first();
    await toast.waitFor();
    const box = (await toast.boundingBox())!;
    const view = page.viewportSize()!;
    expect(box.y).toBeGreaterThan(view.height / 2);
    for (const b of await page.getByRole('button').all()) {
      const bb = await b.boundingBox();
      if (bb) expect(overlaps(box, bb)).toBe(false);
    }
    await screenshot(page, 'wording-02-toast-1366');

    // Units: the guide's first step is done.
    await importUnits(page, workbook, 12);
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByTestId('first-step-targets').and(page.locator('[data-done="true"]')).waitFor();
    await shots(page, '03-dashboard-step1');

    // The built-in scheme: full-width text, 原文表述.
    await page.getByRole('menuitem', { name: '考核方案' }).click();
    await page.getByRole('row', { name: /2024年度盘锦市政务公开绩效考核实施细则（县区政府）/ }).getByRole('button', { name: '查看' }).click();
    await page.getByRole('columnheader', { name: '评分方式（原文表述）' }).first().waitFor();
    await shots(page, '04-scheme-view');
    await page.getByRole('button', { name: '复制为本单位方案' }).click();
    await page.getByRole('heading', { name: '编辑考核方案' }).waitFor();
    const points = page.locator('#f-sections_0__indicators_0__rules_0__points');
    await points.fill('0.8');
    await page.getByTestId('scoring-text-stale').waitFor();
    await page.locator('.rule-editor .zw-details summary').first().click();
    await shots(page, '05-scheme-editor');

    // A round and its draw: 4 county governments take part.
    await page.getByRole('menuitem', { name: '检查任务' }).click();
    await page.getByRole('button', { name: '新建检查任务' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('button', { name: '随机抽取' }).click();
    await page.getByLabel('县区政府抽取数量').fill('2');
    await page.getByLabel('随机数种子').fill('20240715');
    await shots(page, '06-draw-settings');
    await page.getByRole('button', { name: '抽取并记录' }).click();
    await page.getByTestId('draw-result').waitFor();
    await expect.poll(() => page.getByTestId('draw-scope').textContent()).toContain('县区政府：名单中在用 4 家，不参与抽取 0 家，参与抽取 4 家');
    await expect.poll(() => page.getByRole('heading', { name: '参与抽取的单位（4 家，按抽取时的顺序编号）' }).count()).toBe(1);
    for (const d of DEPARTMENTS) await expect(page.getByTestId('draw-record').getByText(d, { exact: true }).count()).resolves.toBe(0);
    await expect.poll(() => page.getByTestId('draw-method').textContent()).not.toMatch(/xoshiro|Fisher/);
    await shots(page, '07-draw-record');

    // The round overview: the scheme copy's check code only in 详细信息.
    await page.getByRole('button', { name: '返回任务' }).click();
    const details = page.getByTestId('round-details');
    await details.waitFor();
    await expect.poll(() => details.isVisible()).toBe(true);
    await expect.poll(() => page.getByText('方案校验码').count()).toBe(0);
    await shots(page, '08-round-overview');

    // A second draw in the same round: the two drawn are listed once each as not taking part.
    await page.getByRole('button', { name: '随机抽取' }).click();
    await page.getByLabel('县区政府抽取数量').fill('1');
    const excluded = page.locator('.ant-card').filter({ hasText: '不参与本次抽取的单位（2 家）' });
    await excluded.waitFor();
    await shots(page, '09-draw-again');

    // Back on 工作台, the guide has gone.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByText('最近的检查任务').waitFor();
    await expect.poll(() => page.getByTestId('first-steps').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
