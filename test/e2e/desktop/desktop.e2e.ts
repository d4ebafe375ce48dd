/**
 * The desktop app end to end: the web build with `window.desktop` backed by
 * the real IPC validation and handlers on a temporary user-data folder (see
 * harness.ts). Two laptops: one records, backs up, restores and exports; the
 * other merges its bundle.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type DesktopMethod } from '../../../shared/ipc/desktopApi';
import { ArchiveReader } from '../../../shared/backup/backupArchive';
import { memorySource } from '../../../shared/backup/byteStreams';
import { unsealIfSealed } from '../../../shared/crypto/envelope';
import { answerBackupPassphrase, answerBundleProtection, completeFirstRun, enterFilePassphrase, launchBrowser, newLoadedContext, screenshot } from '../browser';
import { attachPhotosToFinding, openAssessment, prepareRound, recordFinding, ROUND, UNIT } from '../flows';
import { createDesktopHarness, type DesktopHarness } from './harness';

const FIXTURES = join(process.cwd(), 'test', 'fixtures');
const FINDING = '政务公开专区未设置统一标识牌';
const BUNDLE_PASSPHRASE = '盘锦同步密码2026';
let browser: Browser;
const harnesses: DesktopHarness[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const h of harnesses) h.dispose();
});

async function laptop(name: string, inspector: string): Promise<{ h: DesktopHarness; page: Page; errors: string[] }> {
  const h = await createDesktopHarness(name);
  harnesses.push(h);
  const context = await newLoadedContext(browser);
  const page = await h.open(context);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await completeFirstRun(page, inspector);
  return { h, page, errors };
}

async function addUnit(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByRole('button', { name: '保存' }).click();
  // What the user sees once it is saved: the form closed, and the unit found in the register.
  // An automatic full backup may be reading the database on a loaded machine, so the save is given time;
  // searching finds the unit whatever page of the list it sorts onto.
  await dialog.waitFor({ state: 'hidden', timeout: 180_000 });
  const search = page.getByPlaceholder('搜索名称、地区、联系人、电话');
  await search.fill(name);
  await search.press('Enter');
  await page.getByRole('cell', { name }).waitFor({ timeout: 180_000 });
}

/** A document saved straight after it is generated: the panel says 已保存 in place. */
async function saved(page: Page, extension: string) {
  const ready = page.getByTestId('document-ready').filter({ hasText: new RegExp(`已保存：.*\\.${extension}`) });
  // Generating a PDF with its fonts is legitimately long on a loaded machine.
  await ready.waitFor({ timeout: 180_000 });
  return ready;
}

async function restoreConfirmed(page: Page): Promise<void> {
  await page.locator('.ant-modal-confirm-title', { hasText: '用此备份替换本机全部数据？' }).waitFor();
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: '恢复', exact: true }).click();
  await reloaded;
  await page.getByTestId('current-inspector').waitFor();
}

const isPdf = (b: Uint8Array) => new TextDecoder().decode(b.subarray(0, 5)) === '%PDF-';

/** Content-addressed files under `<dir>/<2 hex>/<sha256>`, with what identifies each file on disk. */
function addressed(dir: string): { hash: string; path: string; ino: number; mtimeMs: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((b) => /^[0-9a-f]{2}$/.test(b))
    .flatMap((b) => readdirSync(join(dir, b)).filter((n) => /^[0-9a-f]{64}$/.test(n)).map((n) => join(dir, b, n)))
    .map((p) => ({ hash: p.slice(-64), path: p, ino: statSync(p).ino, mtimeMs: statSync(p).mtimeMs }))
    .sort((x, y) => (x.hash < y.hash ? -1 : 1));
}
const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Whether a zip names an entry under originals/ (entry names are stored uncompressed). */
const MANUAL_PASSPHRASE = '手动备份口令2026';
/** Whether a sealed backup, opened with its passphrase, holds original photo files. */
async function carriesOriginals(file: string, passphrase: string): Promise<boolean> {
  const opened = await unsealIfSealed(memorySource(new Uint8Array(readFileSync(file)), 'backup'), { passphrase }, 'backup');
  const reader = await ArchiveReader.open(opened.source, 99, 'backup');
  return reader.manifest.originals.length > 0;
}
/** The automatic full backups written so far (not one still being written under its temporary name). */
const fullBackups = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []).filter((n) => n.startsWith('auto-full-') && n.endsWith('.zwgkbak'));

describe('the desktop app through the real IPC handlers', () => {
  it('saves documents, prints, backs up and restores, and merges two laptops', async () => {
    const a = await laptop('a', '王明');
    const { h, page } = a;

    // 设置 shows where the desktop keeps its data (appInfo).
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByText(`${h.userData}`, { exact: false }).first().waitFor();

    // A round with one unit and a finding.
    await prepareRound(page);
    // Import units through the native open dialog.
    const sheet = join(h.documents, '单位名单.xlsx');
    copyFileSync(join(FIXTURES, 'targets', 'targets-50.xlsx'), sheet);
    h.dialogs.open.push([sheet]);
    await page.getByRole('menuitem', { name: '被检查单位' }).click();
    await page.getByRole('button', { name: '从 Excel 导入' }).click();
    await page.getByRole('button', { name: '确认导入 50 家单位' }).click();
    // The register lists them (the 已导入 toast may be gone before a loaded page is read).
    await page.getByText('共 51 家').waitFor({ timeout: 180_000 }); // the round's unit and the 50 imported
    await page.getByRole('menuitem', { name: '检查任务' }).click();
    await page.getByRole('link', { name: ROUND }).click();

    await openAssessment(page);
    await recordFinding(page, FINDING);
    // Two photos on it: their originals are kept as files through main.
    const findingForm = await attachPhotosToFinding(page, ['hall-exif-gps.jpg', 'board-orient6.jpg'].map((f) => join(FIXTURES, 'photos', f)));
    await expect.poll(() => addressed(h.originalsDir).length).toBe(2);
    await findingForm.getByRole('button', { name: '取消' }).click();

    // The score sheet through the native save dialog.
    await page.getByRole('link', { name: ROUND }).click();
    await page.getByRole('button', { name: '导出评分表（Excel）' }).click();
    const xlsxPath = join(h.documents, '评分表.xlsx');
    h.dialogs.save.push(xlsxPath);
    await saved(page, 'xlsx');
    expect(readFileSync(xlsxPath).subarray(0, 2).toString()).toBe('PK');
    expect(h.dialogLog.at(-1)).toMatchObject({ kind: 'save', options: { filters: [{ extensions: ['xlsx'] }] } });

    // A notice in the installed 仿宋 face, printed.
    await page.getByRole('button', { name: '通知书设置' }).click();
    const settings = page.getByRole('dialog', { name: '整改通知书设置' });
    await settings.getByLabel('发文机关', { exact: true }).fill('盘锦市人民政府办公室');
    await settings.getByLabel('文号前缀（机关代字）').fill('盘政办公开改');
    await settings.getByLabel('正文（仿宋体）').click();
    await page.getByTitle('仿宋（simfang.ttf）').click();
    await settings.getByRole('button', { name: '保存' }).click();
    await settings.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '下发整改通知书' }).click();
    const noticePath = join(h.documents, '整改通知书.pdf');
    h.dialogs.save.push(noticePath);
    await page.getByRole('dialog', { name: `下发整改通知书：${UNIT}` }).getByRole('button', { name: '下发并生成PDF' }).click();
    const ready = await saved(page, 'pdf');
    expect(isPdf(readFileSync(noticePath))).toBe(true);
    await ready.getByRole('button', { name: /打\s*印/ }).click();
    await expect.poll(() => h.printed.length, { timeout: 30_000 }).toBe(1);
    expect(isPdf(h.printed[0])).toBe(true);
    const printedPath = join(h.userData, 'printed.pdf');
    writeFileSync(printedPath, h.printed[0]);
    expect(execFileSync('pdftotext', [printedPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(FINDING);
    expect(readdirSync(join(h.userData, 'tmp'))).toEqual([]); // the print file is gone

    // 立即备份 through the save dialog.
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    const manualPath = join(h.documents, '手动备份.zwgkbak');
    h.dialogs.save.push(manualPath);
    await page.getByRole('button', { name: '立即备份' }).click();
    // With a passphrase, to take to another machine: sealed, and it carries the originals itself.
    await answerBackupPassphrase(page, MANUAL_PASSPHRASE);
    // Written under a temporary name and renamed when complete: the file in place is the settled state.
    await expect.poll(() => existsSync(manualPath), { timeout: 180_000 }).toBe(true);
    expect(readFileSync(manualPath).includes(Buffer.from('originals/'))).toBe(false); // nothing readable in clear
    expect(await carriesOriginals(manualPath, MANUAL_PASSPHRASE)).toBe(true);

    // The automatic backup runs on its schedule and appears in the list. Timers
    // run on a clock the test moves; the reload starts the schedule on that clock.
    // The first run comes 30 s after start, in real time: on a busy machine it may already have
    // written a full backup. After a change, a day later on the test's clock, the next one is due whatever happened.
    const earlier = new Set(fullBackups(h.backupDir));
    await addUnit(page, '备份前新增的单位');
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    await page.context().clock.install();
    await page.reload();
    await page.getByRole('button', { name: '立即备份' }).waitFor();
    await page.clock.fastForward('24:05:00');
    await expect.poll(() => fullBackups(h.backupDir).filter((n) => !earlier.has(n)).length).toBeGreaterThan(0);
    const firstFull = fullBackups(h.backupDir)
      .filter((n) => !earlier.has(n))
      .sort()
      .at(-1)!;
    const list = page.getByTestId('backup-list');
    await list.getByRole('button', { name: `恢复 ${firstFull}` }).waitFor();
    await screenshot(page, '60-desktop-backup-list');
    // The automatic full backup keeps the originals once each in the store beside the backups, not in its file.
    const storeDir = join(h.backupDir, 'originals');
    const firstStore = addressed(storeDir);
    expect(firstStore.map((f) => f.hash)).toEqual(addressed(h.originalsDir).map((f) => f.hash));
    // The file references them (main records which, so the store keeps them while the backup is kept).
    expect(JSON.parse(readFileSync(join(storeDir, 'refs', `${firstFull}.json`), 'utf8')).sort()).toEqual(firstStore.map((f) => f.hash));

    // A change after the backup, undone by restoring the automatic backup from the list.
    await addUnit(page, '恢复后应消失的单位');
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    const auto = firstFull;
    // This laptop also lost an original: the restore brings it back from the store, checked by its hash.
    const lost = addressed(h.originalsDir)[0];
    rmSync(lost.path);
    await page.getByRole('button', { name: `恢复 ${auto}` }).click();
    await restoreConfirmed(page);
    expect(sha256Of(lost.path)).toBe(lost.hash);
    await page.getByRole('menuitem', { name: '被检查单位' }).click();
    await page.getByText('共 52 家').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: '恢复后应消失的单位' }).count()).toBe(0);
    // The data before the restore was kept, protected.
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    await page.getByTestId('backup-list').getByText('恢复前自动保存').waitFor();
    expect(readdirSync(h.backupDir).filter((n) => n.startsWith('pre-restore-'))).toHaveLength(1);

    // Restore from a chosen file (the manual backup) through the open dialog.
    await addUnit(page, '又一个临时单位');
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    h.dialogs.open.push([manualPath]);
    await page.getByRole('button', { name: '从备份恢复' }).click();
    await page.getByText('文件：手动备份.zwgkbak').waitFor();
    await restoreConfirmed(page);
    await page.getByRole('menuitem', { name: '被检查单位' }).click();
    await page.getByText('共 51 家').waitFor();
    await expect.poll(() => page.getByRole('cell', { name: '又一个临时单位' }).count()).toBe(0);

    // Export a sync bundle.
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    const bundlePath = join(h.documents, '王明.zwgksync');
    h.dialogs.save.push(bundlePath);
    await page.getByRole('button', { name: '导出同步数据包' }).click();
    await answerBundleProtection(page, BUNDLE_PASSPHRASE);
    await expect.poll(() => existsSync(bundlePath), { timeout: 180_000 }).toBe(true);

    // The second laptop merges it (the open dialog allows 2 GB there).
    const b = await laptop('b', '李华');
    await b.page.getByRole('menuitem', { name: '同步与备份' }).click();
    b.h.dialogs.open.push([bundlePath]);
    await b.page.getByRole('button', { name: '导入同步数据包' }).click();
    await enterFilePassphrase(b.page, BUNDLE_PASSPHRASE);
    // Either the preview or a refusal: a refusal (e.g. a size limit over the contract's) fails here with its message.
    await b.page.locator('.ant-modal-confirm-title, .ant-message-error').first().waitFor();
    expect(b.h.failures).toEqual([]);
    await b.page.locator('.ant-modal-confirm-title', { hasText: '合并同步数据包' }).waitFor();
    await b.page.getByRole('button', { name: '合并', exact: true }).click();
    await b.page.getByTestId('backup-list').getByText('合并前自动保存').waitFor();
    await b.page.getByRole('menuitem', { name: '被检查单位' }).click();
    await b.page.getByText('共 51 家').waitFor();
    await b.page.getByPlaceholder('搜索名称、地区、联系人、电话').fill(UNIT);
    await b.page.getByPlaceholder('搜索名称、地区、联系人、电话').press('Enter');
    await b.page.getByRole('cell', { name: UNIT }).waitFor();
    expect(b.h.failures).toEqual([]);

    // The stream and original-photo methods no screen uses yet, straight through window.desktop.
    const abortedPath = join(h.documents, '中止.zwgksync');
    h.dialogs.save.push(abortedPath);
    const direct = await page.evaluate(async () => {
      const d = (window as unknown as { desktop: import('../../../shared/ipc/desktopApi').DesktopApi }).desktop;
      const photo = new TextEncoder().encode('original photo bytes');
      const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', photo)), (x) => x.toString(16).padStart(2, '0')).join('');
      const missingBefore = await d.missingOriginals({ hashes: [hash] });
      const sink = (await d.createOriginal({ sha256: hash, bytes: photo.byteLength }))!;
      await d.writeStream({ handle: sink.handle, chunk: photo });
      await d.closeStream({ handle: sink.handle });
      const again = await d.createOriginal({ sha256: hash, bytes: photo.byteLength });
      const src = (await d.openOriginal({ sha256: hash }))!;
      const back = new TextDecoder().decode(await d.readStream({ handle: src.handle, offset: 0, length: 100 }));
      await d.releaseStream({ handle: src.handle });
      const usage = await d.originalsUsage();
      const wrong = await d.createOriginal({ sha256: 'f'.repeat(64), bytes: photo.byteLength });
      await d.writeStream({ handle: wrong!.handle, chunk: photo });
      const mismatch = await d.closeStream({ handle: wrong!.handle }).then(() => 'stored', (e: Error) => e.message);
      const out = (await d.saveStream({ defaultName: '中止.zwgksync', filters: [] }))!;
      await d.writeStream({ handle: out.handle, chunk: photo });
      await d.abortStream({ handle: out.handle });
      const forged = await d.writeStream({ handle: '../../etc/passwd', chunk: photo }).then(() => 'written', (e: Error) => e.message);
      const huge = await d.readStream({ handle: src.handle, offset: 0, length: 64 * 1024 * 1024 }).then(() => 'read', (e: Error) => e.message);
      return { hash, missingBefore, again, back, usage, mismatch, forged, huge };
    });
    expect(direct.missingBefore).toEqual([direct.hash]);
    expect(direct.again).toBeNull();
    expect(direct.back).toBe('original photo bytes');
    // The two photos' originals and this one.
    const kept = addressed(h.originalsDir);
    expect(direct.usage).toEqual({ count: 3, bytes: kept.reduce((sum, f) => sum + statSync(f.path).size, 0) });
    expect(kept.map((f) => f.hash)).toContain(direct.hash);
    expect(direct.mismatch).toMatch(/^无法保存原始照片：内容与其 SHA-256 校验值不符/);
    expect(direct.forged).toBe('参数无效：文件句柄无效');
    expect(direct.huge).toBe('参数无效：每次读取不能超过 8 MB');
    expect(existsSync(abortedPath)).toBe(false);
    expect(readdirSync(h.documents).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(h.originalsDir, direct.hash.slice(0, 2), direct.hash))).toBe(true);
    expect(existsSync(join(h.originalsDir, 'ff', 'f'.repeat(64)))).toBe(false);

    // A day later, after a change: the next automatic full backup copies no original the store already holds.
    const before = new Set(fullBackups(h.backupDir));
    await addUnit(page, '第二天新增的单位');
    await page.getByRole('menuitem', { name: '同步与备份' }).click();
    await page.clock.fastForward('24:05:00');
    await expect.poll(() => fullBackups(h.backupDir).filter((n) => !before.has(n)).length).toBeGreaterThan(0);
    const secondFull = fullBackups(h.backupDir).find((n) => !before.has(n))!;
    expect(addressed(storeDir)).toEqual(firstStore); // the same files, none rewritten, none added
    expect(JSON.parse(readFileSync(join(storeDir, 'refs', `${secondFull}.json`), 'utf8')).sort()).toEqual(firstStore.map((f) => f.hash));

    // Every method of the contract went through the real handlers at least once.
    const called = new Set<DesktopMethod>([...a.h.calls, ...b.h.calls]);
    expect((Object.keys(IPC_CHANNELS) as DesktopMethod[]).filter((m) => !called.has(m))).toEqual([]);
    // Nothing the screens did was refused.
    expect(a.h.failures.filter((f) => !['closeStream', 'writeStream', 'readStream'].includes(f.method))).toEqual([]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    // Two laptops and a dozen long steps (documents, backups, restores, a merge): minutes on a loaded machine.
  }, 900_000);
});
