import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, newLoadedContext, screenshot } from './browser';
import { createDesktopHarness } from './desktop/harness';
import { prepareRound, ROUND, submitFromRound, UNIT } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const PASSPHRASE = '盘锦政务公开2026';
const dir = mkdtempSync(join(tmpdir(), 'zwgk-trust-'));

async function openTrust(page: Page) {
  await page.getByRole('menuitem', { name: '团队与设备' }).click();
}

async function exportBundle(page: Page): Promise<string> {
  await page.getByRole('menuitem', { name: '同步与备份' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出同步数据包' }).click();
  const file = join(dir, `${Date.now()}-${(await download).suggestedFilename()}`);
  await (await download).saveAs(file);
  return file;
}

/** Opens a bundle up to the merge preview, checks the verified sender, merges. */
async function importBundle(page: Page, file: string, sender: string, shot: string) {
  await page.getByRole('menuitem', { name: '同步与备份' }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入同步数据包' }).click();
  await (await chooser).setFiles(file);
  await page.locator('.ant-modal-confirm-title', { hasText: '合并同步数据包' }).waitFor();
  await expect.poll(() => page.getByTestId('verified-sender').textContent()).toBe(`已验证发送方：${sender}`);
  await screenshot(page, shot);
  await page.getByRole('button', { name: '合并', exact: true }).click();
  await page.getByText(/合并完成/).waitFor();
}

/** A new laptop asks to join: its 入网申请 and the code it shows (read out on the phone). */
async function askToJoin(page: Page, deviceName: string): Promise<{ request: string; code: string | null }> {
  await openTrust(page);
  await page.getByLabel('本机名称', { exact: true }).first().fill(deviceName);
  await page.getByRole('button', { name: '生成入网申请' }).click();
  const code = await page.getByTestId('own-fingerprint').textContent();
  return { request: await page.getByLabel('本机入网申请').inputValue(), code };
}

/** The 管理员 reads a 入网申请, compares the code, and makes the 入网文件 for a member with a role. */
async function enrol(admin: Page, ask: { request: string; code: string | null }, who: { name: string; team: string; role?: '组长' }): Promise<string> {
  await admin.getByLabel('入网申请内容').fill(ask.request);
  await admin.getByRole('button', { name: '读取申请' }).click();
  await expect.poll(() => admin.getByTestId('request-fingerprint').textContent()).toBe(ask.code);
  await admin.getByLabel('使用人').fill(who.name);
  if (who.role) {
    await admin.getByLabel('角色').click();
    await admin.locator('.ant-select-item-option', { hasText: who.role }).click();
  }
  await admin.getByLabel('检查组').fill(who.team);
  await admin.getByLabel('办公室密钥口令', { exact: true }).fill(PASSPHRASE);
  await admin.getByRole('button', { name: '制作入网文件' }).click();
  const file = admin.getByLabel('入网文件内容');
  await expect.poll(async () => (await file.inputValue()).includes(ask.request.match(/"deviceId":"([^"]+)"/)![1])).toBe(true);
  return file.inputValue();
}

async function importEnrolment(page: Page, enrolment: string, shown: string): Promise<void> {
  await page.getByLabel('粘贴入网文件').fill(enrolment);
  await page.getByRole('button', { name: '导入入网文件' }).click();
  await expect.poll(() => page.getByTestId('current-member').textContent()).toBe(shown);
}

async function openRoundRow(page: Page) {
  await page.getByRole('menuitem', { name: '检查任务' }).click();
  await page.getByText(ROUND).first().click();
  return page.getByTestId('round-table').getByRole('row').filter({ hasText: UNIT });
}

describe('团队与设备: an office, its laptops and their roles', () => {
  it('the 管理员 enrols a 组长 laptop and an inspector laptop; the inspector cannot unlock, the 组长 on its own laptop can; bundles pass between them with the verified sender', async () => {
    const a = await newAppPage(browser);
    await completeFirstRun(a.page, '王主任');
    await openTrust(a.page);
    await a.page.getByText('本机尚未加入办公室').waitFor();
    await a.page.getByLabel('办公室名称').fill('盘锦市政务公开办公室');
    await a.page.getByLabel('管理员姓名').fill('王主任');
    await a.page.getByLabel('本机名称', { exact: true }).last().fill('办公室电脑');
    await a.page.getByLabel('办公室密钥口令', { exact: true }).fill(PASSPHRASE);
    await a.page.getByLabel('再次输入口令').fill(PASSPHRASE);
    await a.page.getByRole('button', { name: '新建办公室' }).click();
    await expect.poll(() => a.page.getByTestId('current-member').textContent()).toBe('王主任（管理员）');

    // The inspector's laptop asks to join; its code is read out on the phone and compared.
    const b = await newAppPage(browser);
    await completeFirstRun(b.page, '张强');
    const askB = await askToJoin(b.page, '张强的笔记本');
    await screenshot(b.page, '60-trust-join-request');
    const enrolmentB = await enrol(a.page, askB, { name: '张强', team: '第一检查组' });
    await a.page.getByRole('cell', { name: '张强的笔记本' }).waitFor();
    await screenshot(a.page, '61-trust-enrol');

    // An edited enrolment file is refused; the real one joins.
    await b.page.getByLabel('粘贴入网文件').fill(enrolmentB.replace('"inspector"', '"lead"'));
    await b.page.getByRole('button', { name: '导入入网文件' }).click();
    await b.page.getByText('人员名单的办公室签名无效').waitFor();
    await importEnrolment(b.page, enrolmentB, '张强（检查员）');

    // The 组长's own laptop.
    const c = await newAppPage(browser);
    await completeFirstRun(c.page, '李华');
    const enrolmentC = await enrol(a.page, await askToJoin(c.page, '李华的笔记本'), { name: '李华', team: '第一检查组', role: '组长' });
    await importEnrolment(c.page, enrolmentC, '李华（组长）');

    // The 管理员 scores and submits a unit; the bundle opens on both laptops with the verified sender.
    await prepareRound(a.page);
    await submitFromRound(a.page, UNIT);
    const fromAdmin = await exportBundle(a.page);
    await importBundle(b.page, fromAdmin, '王主任 · 办公室电脑', '62-trust-verified-sender');
    await importBundle(c.page, fromAdmin, '王主任 · 办公室电脑', '62-trust-verified-sender-lead');

    // The inspector cannot unlock: the button is disabled and says why.
    const row = await openRoundRow(b.page);
    await expect.poll(() => row.getByRole('button', { name: '解锁' }).isDisabled()).toBe(true);
    await row.getByRole('link', { name: UNIT }).click();
    await b.page.getByText('解锁须由组长操作（本机人员：张强，检查员）').waitFor();
    await screenshot(b.page, '63-trust-inspector-cannot-unlock');

    // The 组长 can, on the 组长's own laptop.
    const leadRow = await openRoundRow(c.page);
    await leadRow.getByRole('button', { name: '解锁' }).click();
    await c.page.getByRole('dialog').getByLabel('解锁理由').fill('补录证明材料');
    await c.page.getByRole('dialog').getByRole('button', { name: '解锁' }).click();
    await c.page.getByText('共 1 家，已提交 0 家').waitFor();

    // The 组长's bundle brings the unlock to the inspector's laptop, signed by the 组长.
    await importBundle(b.page, await exportBundle(c.page), '李华 · 第一检查组 · 李华的笔记本', '64-trust-verified-lead');
    await openRoundRow(b.page);
    await b.page.getByText('共 1 家，已提交 0 家').waitFor();

    // And the inspector's bundle opens on the 组长's laptop and on the 管理员's, naming him as enrolled.
    const fromInspector = await exportBundle(b.page);
    await importBundle(c.page, fromInspector, '张强 · 第一检查组 · 张强的笔记本', '65-trust-verified-inspector');
    await importBundle(a.page, fromInspector, '张强 · 第一检查组 · 张强的笔记本', '66-trust-verified-inspector-admin');
    await openRoundRow(a.page);
    await a.page.getByText('共 1 家，已提交 0 家').waitFor();
    for (const l of [a, b, c]) expect(l.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    for (const l of [a, b, c]) await l.context.close();
  });

  it('on the desktop the laptop’s signing keys are kept by the operating system, through the real IPC handlers', async () => {
    const h = await createDesktopHarness('trust-desktop');
    try {
      const context = await newLoadedContext(browser);
      const page = await h.open(context);
      await completeFirstRun(page, '王主任');
      await openTrust(page);
      await page.getByLabel('办公室名称').fill('盘锦市政务公开办公室');
      await page.getByLabel('管理员姓名').fill('王主任');
      await page.getByLabel('本机名称', { exact: true }).last().fill('办公室电脑');
      await page.getByLabel('办公室密钥口令', { exact: true }).fill(PASSPHRASE);
      await page.getByLabel('再次输入口令').fill(PASSPHRASE);
      await page.getByRole('button', { name: '新建办公室' }).click();
      await expect.poll(() => page.getByTestId('key-protection').textContent()).toBe('由系统保管（Windows 账户加密），复制数据文件夹不能签名');
      expect(h.calls).toContain('sealSecret');
      expect(h.failures).toEqual([]);
      // The next start opens them through the operating system again.
      const opened = h.calls.filter((c) => c === 'openSecret').length;
      await page.reload();
      await openTrust(page);
      await expect.poll(() => page.getByTestId('key-protection').textContent()).toBe('由系统保管（Windows 账户加密），复制数据文件夹不能签名');
      expect(h.calls.filter((c) => c === 'openSecret').length).toBeGreaterThan(opened);
      await context.close();
    } finally {
      h.dispose();
    }
  });
});
