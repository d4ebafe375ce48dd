import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { ROUND, selectRow, UNIT } from './flows';

/**
 * The screens of the first day, at the two laptop sizes offices have (1366×768 and 1280×720):
 * each is saved to test-output/screenshots/screens-*-{1366,1280}.png to be looked at, and at
 * both sizes the page must not scroll sideways nor show half-width punctuation in Chinese text.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];
const PHOTOS = join(process.cwd(), 'test', 'fixtures', 'photos');
const COUNTIES = ['盘山县人民政府', '大洼区人民政府', '双台子区人民政府', '兴隆台区人民政府'];

let browser: Browser;
let dir: string;

function workbook(name: string, rows: unknown[][]): string {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '被检查单位');
  const file = join(dir, name);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return file;
}

const HEADER = ['单位名称', '类别', '所属地区', '地址', '联系人', '联系电话', '政府信息公开联系电话', '备注'];

beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'zwgk-screens-'));
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Text a person reads on the screen (open dialogs and the page), with half-width punctuation between Chinese characters. */
async function halfWidthPunctuation(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const text = document.body.innerText;
    const hits = text.match(/[\u4e00-\u9fff][,;:()][^\n]{0,12}|[^\n]{0,12}[,;:()][\u4e00-\u9fff]/g) ?? [];
    return [...new Set(hits)];
  });
}

/** Both sizes in turn (ends at 1366×768): a screenshot of each, no sideways scrolling, full-width punctuation. */
async function shots(page: Page, name: string): Promise<void> {
  for (const size of [...SIZES].reverse()) {
    await page.setViewportSize(size);
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await screenshot(page, `screens-${name}-${size.width}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${size.width}: the page scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await halfWidthPunctuation(page), `${name} at ${size.width}`).toEqual([]);
  }
}

describe('the first-day screens at 1366×768 and 1280×720', () => {
  it('工作台, unit import, assessment, finding with photos, documents and 设置', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByTestId('first-steps').waitFor();
    await shots(page, '01-dashboard-empty');

    // Unit import: a row without 类别 and a footnote under the table.
    await page.getByRole('menuitem', { name: '被检查单位' }).click();
    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await (
      await chooser
    ).setFiles(
      workbook('units-with-errors.xlsx', [
        HEADER,
        ...COUNTIES.map((n, i) => [n, '县区政府', n.slice(0, 3), '', '', '', `0427-28${String(i).padStart(5, '0')}`, '']),
        ['市第一局', '', '盘锦市', '', '', '', '0427-2900001', ''],
        [],
        ['注：名单由市政务公开办提供，截至2024年6月。'],
      ]),
    );
    await page.getByTestId('import-errors').waitFor();
    await shots(page, '02-import-errors');
    await page.getByText('跳过有问题的行').click();
    await page.getByRole('button', { name: `跳过 1 行有问题的行，确认导入 ${COUNTIES.length} 家单位` }).click();
    await page.getByText(`共 ${COUNTIES.length} 家`).waitFor();

    // Re-importing an updated list: the matching units are updated, with what changes.
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await (
      await chooser
    ).setFiles(workbook('units-updated.xlsx', [HEADER, ...COUNTIES.map((n, i) => [n, '县区政府', n.slice(0, 3), `${n.slice(0, 3)}人民路${i + 1}号`, '张华', '', `0427-38${String(i).padStart(5, '0')}`, ''])]));
    await page.getByText('更新已有单位').first().waitFor();
    await shots(page, '03-reimport-preview');
    await page.getByRole('button', { name: '取消' }).click();

    // A round with the unit, then the assessment screen.
    await page.getByRole('menuitem', { name: '检查任务' }).click();
    await page.getByRole('button', { name: '新建检查任务' }).click();
    // 创建 once the form shows its suggested title (the form is filled when it opens; a busy machine takes a moment).
    await expect.poll(() => page.getByRole('dialog').getByLabel('任务名称').inputValue()).toBe(ROUND);
    await page.getByRole('dialog').getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: ROUND }).waitFor();
    await page.getByRole('button', { name: '手动添加' }).click();
    const add = page.getByRole('dialog');
    await selectRow(add, UNIT, '加入 1 家单位');
    await add.getByRole('button', { name: '加入 1 家单位' }).click();
    await page.getByRole('link', { name: UNIT }).waitFor();
    await page.getByRole('link', { name: UNIT }).click();
    await page.getByRole('heading', { name: UNIT }).waitFor();

    // The three states of a yes/no rule: 否 on the first, 是 on none yet, 未评 elsewhere.
    await page.getByRole('radiogroup', { name: '未编制本地区主动公开事项目录' }).getByText('否', { exact: true }).click();
    await page.getByLabel('本地区政府部门未编制主动公开事项目录数量').fill('2');
    await page.getByText('每家减0.1分 × 2家', { exact: false }).first().waitFor();
    await shots(page, '04-assessment-states');

    // 视情况 out of range and a lag row across the National Day holiday.
    const followUp = '根据政策执行情况，积极开展进一步动态跟踪解读，取得良好效果';
    await page.getByRole('radiogroup', { name: followUp }).getByText('是', { exact: true }).click();
    await page.getByLabel(`${followUp}分值`).fill('0.25');
    await page.getByRole('alert').filter({ hasText: '0.25 分超出本项范围' }).waitFor();
    const lag = page.locator('[data-rule="pj24c.interpretation.late"]');
    await lag.getByRole('button', { name: '添加文件' }).click();
    await lag.getByLabel('第1件文件名称').fill('关于进一步优化营商环境的若干措施');
    const from = lag.getByLabel('第1件文件发布日期');
    await from.click();
    await from.fill('2024-09-28');
    await from.press('Enter');
    const to = lag.getByLabel('第1件解读发布日期');
    await to.click();
    await to.fill('2024-10-08');
    await to.press('Enter');
    const lines = page.getByTestId('ind-lines-pj24c.interpretation');
    await lines.getByText('解读滞后 10 个自然日，超过 5 个自然日', { exact: false }).waitFor();
    await lag.scrollIntoViewIfNeeded();
    await shots(page, '05-assessment-range-lag');

    // The photo area of an indicator opens where the inspector looks.
    const catalogue = page.locator('[data-indicator="pj24c.catalogue"]');
    await catalogue.scrollIntoViewIfNeeded();
    await catalogue.getByRole('button', { name: '照片' }).click();
    await catalogue.getByTestId('photo-attach').waitFor();
    await shots(page, '06-assessment-photo-area');

    // A new finding with photos chosen before it is saved.
    await page.getByRole('button', { name: '记录问题' }).first().click();
    const form = page.getByRole('dialog');
    await form.getByLabel('问题描述').fill('政务公开专区未设置统一标识牌，依申请公开受理点无申请表格');
    await form.getByTestId('photo-file-input').setInputFiles(['hall-exif-gps.jpg', 'corner-no-exif.jpg'].map((f) => join(PHOTOS, f)));
    await expect.poll(() => form.getByTestId('pending-photo').count()).toBe(2);
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[role=dialog] [data-testid=pending-photo] img')).filter((i) => (i as HTMLImageElement).naturalWidth > 0).length === 2);
    await form.getByTestId('pending-photos').scrollIntoViewIfNeeded();
    await shots(page, '07-finding-form-photos');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已记录「${UNIT}」的问题，照片 2 张`).waitFor();
    await form.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: /问题（1）/ }).click();
    await page.getByRole('button', { name: '编辑问题' }).click();
    await expect.poll(() => page.getByRole('dialog').getByTestId('photo-card').count()).toBe(2);
    await page.getByRole('dialog').getByTestId('photo-card').first().locator('.photo-thumb').click();
    const viewer = page.getByTestId('photo-viewer');
    await viewer.waitFor();
    // The hash is in 详细信息, out of sight until opened.
    await expect.poll(() => viewer.getByTestId('photo-hash').isVisible()).toBe(false);
    await shots(page, '08-photo-viewer');
    await viewer.getByTestId('photo-details').locator('summary').click();
    await expect.poll(() => viewer.getByTestId('photo-hash').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'hidden' });
    // Esc closes the viewer (and, when the viewer hands it on, the form): the form has nothing unsaved.
    const still = page.getByRole('dialog').getByRole('button', { name: '取消' });
    if (await still.count()) await still.click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // Documents of the round: saved directly, the result shown in place.
    await page.getByRole('link', { name: ROUND }).click();
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: '导出评分表（Excel）' }).click();
    await (await download).saveAs(join(dir, 'score.xlsx'));
    await page.getByTestId('document-ready').filter({ hasText: '已保存' }).waitFor();
    await shots(page, '09-round-documents');

    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByTestId('storage-usage').waitFor();
    await shots(page, '10-settings');

    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.getByRole('link', { name: ROUND }).waitFor();
    await shots(page, '11-dashboard-with-data');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
