import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerBackupPassphrase, answerBundleProtection, completeFirstRun, enterFilePassphrase, launchBrowser, newAppPage, screenshot } from './browser';

const BACKUP_PASSPHRASE = '带到另一台电脑2026';
const BUNDLE_PASSPHRASE = '盘锦同步密码2026';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The app page with the File System Access save picker hidden, so streamed saves
 * take the download path that the test can catch (a native picker cannot be driven).
 */
async function appPage(b: Browser) {
  const app = await newAppPage(b);
  await app.context.addInitScript(() => {
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  await app.page.reload();
  return app;
}

async function addTarget(page: import('playwright-core').Page, name: string) {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name }).waitFor();
}

describe('备份与恢复 in the web build', () => {
  it('saves a backup on one machine and restores it on another; a damaged file changes nothing', async () => {
    const a = await appPage(browser);
    await completeFirstRun(a.page, '王明');
    await addTarget(a.page, '盘锦市教育局');
    await a.page.getByRole('menuitem', { name: '同步与备份' }).click();
    const download = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: '立即备份' }).click();
    await answerBackupPassphrase(a.page, BACKUP_PASSPHRASE);
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-'));
    const file = join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    expect((await download).suggestedFilename()).toMatch(/^manual-\d{8}T\d{6}\.zwgkbak$/);
    await a.page.getByText('备份已保存').waitFor();
    await screenshot(a.page, '20-backup');
    await a.context.close();

    const b = await appPage(browser);
    await completeFirstRun(b.page, '李华');
    await addTarget(b.page, '另一台电脑的单位');
    await b.page.getByRole('menuitem', { name: '同步与备份' }).click();

    // A damaged file is refused and nothing changes.
    writeFileSync(join(dir, 'damaged.zwgkbak'), 'PK this is not really a backup');
    let chooser = b.page.waitForEvent('filechooser');
    await b.page.getByRole('button', { name: '从备份恢复' }).click();
    await (await chooser).setFiles(join(dir, 'damaged.zwgkbak'));
    await b.page.getByText(/无法恢复：(备份文件已损坏|该文件不是本软件的备份文件)/).waitFor();

    chooser = b.page.waitForEvent('filechooser');
    await b.page.getByRole('button', { name: '从备份恢复' }).click();
    await (await chooser).setFiles(file);
    // Sealed with a passphrase for another computer: a wrong one is refused, the right one opens it.
    await enterFilePassphrase(b.page, '不是这个密码2026');
    await b.page.getByText(/^密码不正确/).waitFor();
    await enterFilePassphrase(b.page, BACKUP_PASSPHRASE);
    await b.page.locator('.ant-modal-confirm-title', { hasText: '用此备份替换本机全部数据？' }).waitFor();
    // What will be replaced: who made it (another laptop), and per table what is here and what comes.
    const preview = b.page.getByTestId('restore-preview');
    await preview.getByText(/由 王明（设备 \w{8}）生成/).waitFor();
    await preview.getByText('另一台电脑').waitFor();
    await preview.getByRole('row', { name: /被检查单位\s*1\s*1/ }).waitFor();
    // The change-log count is a technical detail, in 详细信息, not a row of the table.
    await expect.poll(() => preview.getByRole('row', { name: /修改记录/ }).count()).toBe(0);
    await expect.poll(() => preview.getByTestId('restore-preview-details').textContent()).toMatch(/^详细信息修改记录（.*）：本机现有 \d+ 条，备份中 \d+ 条。$/);
    await preview.getByText('本机的设备编号和检查人员信息保持不变').waitFor();
    await screenshot(b.page, '21-restore-confirm');
    await b.page.getByRole('button', { name: '恢复', exact: true }).click();
    await b.page.waitForEvent('load');
    await b.page.getByRole('menuitem', { name: '被检查单位' }).click();
    await b.page.getByRole('cell', { name: '盘锦市教育局' }).waitFor();
    await expect.poll(() => b.page.getByRole('cell', { name: '另一台电脑的单位' }).count()).toBe(0);
    // The restored laptop is still 李华's.
    await expect.poll(() => b.page.getByTestId('current-inspector').textContent()).toContain('李华');
    await b.context.close();
  }, 180_000);

  it('merges two laptops through sync bundles and shows conflicts for a person to settle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zwgk-'));
    const exportBundle = async (page: import('playwright-core').Page) => {
      await page.getByRole('menuitem', { name: '同步与备份' }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出同步数据包' }).click();
      await answerBundleProtection(page, BUNDLE_PASSPHRASE);
      const file = join(dir, `${Date.now()}-${(await download).suggestedFilename()}`);
      await (await download).saveAs(file);
      return file;
    };
    const importBundle = async (page: import('playwright-core').Page, file: string) => {
      await page.getByRole('menuitem', { name: '同步与备份' }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '导入同步数据包' }).click();
      await (await chooser).setFiles(file);
      await enterFilePassphrase(page, BUNDLE_PASSPHRASE);
      await page.locator('.ant-modal-confirm-title', { hasText: '合并同步数据包' }).waitFor();
      await page.getByRole('button', { name: '合并', exact: true }).click();
      await page.getByText(/合并完成/).waitFor();
    };

    const a = await appPage(browser);
    await completeFirstRun(a.page, '王明');
    await addTarget(a.page, '盘锦市教育局');
    const b = await appPage(browser);
    await completeFirstRun(b.page, '李华');
    await addTarget(b.page, '盘锦市民政局');

    await importBundle(b.page, await exportBundle(a.page));
    await importBundle(a.page, await exportBundle(b.page));
    for (const p of [a.page, b.page]) {
      await p.getByRole('menuitem', { name: '被检查单位' }).click();
      await p.getByText('共 2 家').waitFor();
    }

    // B writes its inventory (导出本机清单); A sends only what B lacks.
    await addTarget(a.page, '盘锦市财政局');
    await b.page.getByRole('menuitem', { name: '同步与备份' }).click();
    const invDownload = b.page.waitForEvent('download');
    await b.page.getByRole('button', { name: '导出本机清单' }).click();
    const invFile = join(dir, (await invDownload).suggestedFilename());
    await (await invDownload).saveAs(invFile);
    expect((await invDownload).suggestedFilename()).toMatch(/^本机清单-李华-\d{8}-\d{4}\.zwgkinv$/);
    await a.page.getByRole('menuitem', { name: '同步与备份' }).click();
    await a.page.getByRole('button', { name: '精简导出或含原件…' }).click();
    const invChooser = a.page.waitForEvent('filechooser');
    await a.page.getByRole('button', { name: '选择清单…' }).click();
    await (await invChooser).setFiles(invFile);
    await a.page.getByText(/按对方的本机清单文件：「李华」/).waitFor();
    await screenshot(a.page, '23-bundle-for-receiver');
    const reducedDownload = a.page.waitForEvent('download');
    await a.page.getByRole('button', { name: '选择保存位置并导出' }).click();
    await answerBundleProtection(a.page, BUNDLE_PASSPHRASE);
    const reduced = join(dir, `reduced-${(await reducedDownload).suggestedFilename()}`);
    await (await reducedDownload).saveAs(reduced);
    await b.page.getByRole('menuitem', { name: '同步与备份' }).click();
    const reducedChooser = b.page.waitForEvent('filechooser');
    await b.page.getByRole('button', { name: '导入同步数据包' }).click();
    await (await reducedChooser).setFiles(reduced);
    await enterFilePassphrase(b.page, BUNDLE_PASSPHRASE);
    await b.page.getByText(/这是只含对方尚未有内容的精简数据包（按「李华」/).waitFor();
    await b.page.getByRole('button', { name: '合并', exact: true }).click();
    await b.page.getByText(/合并完成/).waitFor();
    await b.page.getByRole('menuitem', { name: '被检查单位' }).click();
    await b.page.getByText('共 3 家').waitFor();

    // Both edit the same unit's note without seeing each other's change.
    for (const [p, note] of [[a.page, '王明的备注'], [b.page, '李华的备注']] as const) {
      await p.getByRole('menuitem', { name: '被检查单位' }).click();
      await p.getByRole('row', { name: /盘锦市教育局/ }).getByRole('button', { name: '编辑' }).click();
      await p.getByRole('dialog').getByLabel('备注').fill(note);
      await p.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await p.getByText('已保存「盘锦市教育局」').waitFor();
    }
    await importBundle(a.page, await exportBundle(b.page));
    await a.page.getByText('发现 1 处冲突待确认', { exact: false }).waitFor();
    await a.page.getByText('李华的备注').waitFor();
    // The conflict list at both laptop sizes (ends at 1366×768).
    for (const size of [{ width: 1280, height: 720 }, { width: 1366, height: 768 }]) {
      await a.page.setViewportSize(size);
      await a.page.getByText('李华的备注').scrollIntoViewIfNeeded();
      await screenshot(a.page, `22-merge-conflict-${size.width}`);
    }
    await a.page.getByRole('button', { name: '采用此值' }).first().click();
    await a.page.locator('.ant-modal-confirm-title', { hasText: '采用此值？' }).waitFor();
    await a.page.getByRole('button', { name: '采用', exact: true }).click();
    await a.page.getByText('没有冲突').waitFor();
    await a.context.close();
    await b.context.close();
  }, 180_000);
});
