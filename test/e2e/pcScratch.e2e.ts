// SCRATCH (not to be kept): seeds a round through IndexedDB to look at the paperwork-check screens.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { PANJIN_2024_COUNTY } from '../../shared/schemes/panjin2024';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('scratch', () => {
  it('shows the screens', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    const now = new Date().toISOString();
    await page.evaluate(
      ({ scheme, now }) =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('zwgk-inspector');
          req.onsuccess = () => {
            const tx = req.result.transaction(['inspections', 'assessments'], 'readwrite');
            tx.objectStore('inspections').put({ id: 'insp1', title: '2024年度政务公开年中考核（县区政府）', year: 2024, kind: '年中考核', startDate: '2024-06-01', endDate: '2024-06-07', team: ['王明'], scheme, schemeHash: 'x', watermarkPhotos: true, createdAt: now, updatedAt: now, deletedAt: null, deleted: 0 });
            tx.objectStore('assessments').put({ id: 'a1', inspectionId: 'insp1', targetId: 't1', targetName: '盘山县人民政府', targetKind: '县区政府', addedBy: 'manual', status: 'open', submittedAt: null, submittedBy: null, unlockReason: null, createdAt: now, updatedAt: now, deletedAt: null, deleted: 0 });
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
          req.onerror = () => reject(req.error);
        }),
      { scheme: PANJIN_2024_COUNTY, now },
    );
    await page.goto(page.url().split('#')[0] + '#/checks/a1');
    await page.getByText('资料核查：盘山县人民政府').waitFor();
    await screenshot(page, 'scratch-01-empty');
    const fx = join(process.cwd(), 'test', 'fixtures', 'checks');
    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入目录文件' }).click();
    await (await chooser).setFiles(join(fx, 'catalogue-defects.xlsx'));
    await page.getByTestId('catalogue-summary').waitFor();
    await screenshot(page, 'scratch-02-catalogue');
    await page.getByRole('button', { name: '确认结果' }).click();
    await page.getByRole('dialog').getByText('本单位得分').waitFor();
    await screenshot(page, 'scratch-03-confirm');
    await page.getByRole('button', { name: '确认写入' }).click();
    await page.getByTestId('confirmed-banner').waitFor();
    await screenshot(page, 'scratch-04-confirmed');

    await page.getByRole('tab', { name: /台账比对/ }).click();
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入文件' }).first().click();
    await (await chooser).setFiles(join(fx, 'ledger.xlsx'));
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '导入文件' }).nth(1).click();
    await (await chooser).setFiles(join(fx, 'site.xls'));
    await page.getByTestId('ledger-summary').waitFor();
    await screenshot(page, 'scratch-05-ledger');

    await page.getByRole('tab', { name: /解读时效/ }).click();
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /导入政策解读时效表/ }).click();
    await (await chooser).setFiles(join(fx, 'interpretations.xlsx'));
    await page.getByTestId('interpretation-summary').waitFor();
    await screenshot(page, 'scratch-06-interp');

    await page.getByRole('tab', { name: /报送时效/ }).click();
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /导入主动公开文件报送时效表/ }).click();
    await (await chooser).setFiles(join(fx, 'submissions-gbk.csv'));
    await page.getByTestId('submission-summary').waitFor();
    await screenshot(page, 'scratch-07-subm');

    await page.getByRole('tab', { name: /核查记录/ }).click();
    await screenshot(page, 'scratch-08-runs');
    console.log('ERRORS', errors);
    await context.close();
  });
});
