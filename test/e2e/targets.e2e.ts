import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'targets');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('被检查单位 in the web build', () => {
  it('does the first-run profile, adds a target, reloads and finds it again', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await page.getByText('欢迎使用政务公开检查助手').waitFor();
    await screenshot(page, '01-first-run');
    await completeFirstRun(page);
    await screenshot(page, '02-dashboard');

    await page.getByRole('menuitem', { name: '被检查单位' }).click();
    await page.getByRole('button', { name: '新增单位' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('单位名称').fill('盘山县人民政府');
    await dialog.getByLabel('类别').click();
    await page.getByTitle('县区政府').click();
    await dialog.getByLabel('所属地区').fill('盘山县');
    await dialog.getByLabel('政府信息公开联系电话').fill('0427-1234567、0427-7654321');
    await screenshot(page, '03-target-form');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('cell', { name: '盘山县人民政府' }).waitFor();

    await page.reload();
    await page.getByRole('cell', { name: '盘山县人民政府' }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: '0427-1234567、0427-7654321' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('current-inspector').textContent()).toContain('王明');
    await screenshot(page, '04-targets-list');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports a workbook of 50 targets after a preview and lists all 50', async () => {
    const { page, context } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByRole('menuitem', { name: '被检查单位' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'targets-50.xlsx'));
    await page.getByText('共 50 行，全部检查通过').waitFor();
    await screenshot(page, '05-import-preview');
    await page.getByRole('button', { name: '确认导入 50 家单位' }).click();
    await page.getByText('共 50 家').waitFor();
    await page.reload();
    await page.getByText('共 50 家').waitFor();
    await context.close();
  });

  it('refuses a broken file and a workbook with bad rows, writing nothing', async () => {
    const { page, context } = await newAppPage(browser);
    await completeFirstRun(page);
    await page.getByRole('menuitem', { name: '被检查单位' }).click();

    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'not-a-spreadsheet.xlsx'));
    await page.getByText('导入失败：无法读取该文件：不是有效的 Excel/CSV 表格').waitFor();
    await screenshot(page, '06-import-broken-file');

    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'targets-with-errors.xlsx'));
    await page.getByTestId('import-errors').waitFor();
    await expect.poll(() => page.getByText('类别「事业单位」无法识别', { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: /暂不能导入/ }).isDisabled()).toBe(true);
    await screenshot(page, '07-import-row-errors');
    await page.getByRole('button', { name: '取消' }).click();

    await page.reload();
    await page.getByText('暂无单位').waitFor();
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open('zwgk-inspector');
          req.onsuccess = () => {
            const tx = req.result.transaction('targets', 'readonly');
            const c = tx.objectStore('targets').count();
            c.onsuccess = () => resolve(c.result);
            c.onerror = () => reject(c.error);
          };
          req.onerror = () => reject(req.error);
        }),
    );
    expect(stored).toBe(0);
    await context.close();
  });
});
