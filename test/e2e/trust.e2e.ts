import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
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
  await expect(page.getByTestId('verified-sender').textContent()).resolves.toBe(`已验证发送方：${sender}`);
  await screenshot(page, shot);
  await page.getByRole('button', { name: '合并', exact: true }).click();
  await page.getByText(/合并完成/).waitFor();
}

describe('团队与设备: an office, its laptops and their roles', () => {
  it('the 管理员 sets up the office and enrols a laptop; the inspector cannot unlock, the 管理员 can; bundles open with the verified sender', async () => {
    const a = await newAppPage(browser);
    await completeFirstRun(a.page, '王主任');
    await openTrust(a.page);
    await a.page.getByText('本机尚未加入办公室').waitFor();
    await a.page.getByLabel('办公室名称').fill('盘锦市政务公开办公室');
    await a.page.getByLabel('管理员姓名').fill('王主任');
    await a.page.getByLabel('本机名称', { exact: true }).last().fill('办公室电脑');
    await a.page.getByLabel('办公室密钥口令').fill(PASSPHRASE);
    await a.page.getByLabel('再次输入口令').fill(PASSPHRASE);
    await a.page.getByRole('button', { name: '新建办公室' }).click();
    await a.page.getByText('已建立「盘锦市政务公开办公室」').waitFor();
    await expect(a.page.getByTestId('current-member').textContent()).resolves.toBe('王主任（管理员）');

    // The new laptop asks to join; its code is read out on the phone and compared.
    const b = await newAppPage(browser);
    await completeFirstRun(b.page, '张强');
    await openTrust(b.page);
    await b.page.getByLabel('本机名称', { exact: true }).first().fill('张强的笔记本');
    await b.page.getByRole('button', { name: '生成入网申请' }).click();
    const code = await b.page.getByTestId('own-fingerprint').textContent();
    const request = await b.page.getByLabel('本机入网申请').inputValue();
    await screenshot(b.page, '60-trust-join-request');

    await a.page.getByLabel('入网申请内容').fill(request);
    await a.page.getByRole('button', { name: '读取申请' }).click();
    await expect(a.page.getByTestId('request-fingerprint').textContent()).resolves.toBe(code);
    await a.page.getByLabel('使用人').fill('张强');
    await a.page.getByLabel('检查组').fill('第一检查组');
    await a.page.getByLabel('办公室密钥口令', { exact: true }).fill(PASSPHRASE);
    await a.page.getByRole('button', { name: '制作入网文件' }).click();
    await a.page.getByText('已为「张强的笔记本」制作入网文件').waitFor();
    const enrolment = await a.page.getByLabel('入网文件内容').inputValue();
    await a.page.getByRole('cell', { name: '张强的笔记本' }).waitFor();
    await screenshot(a.page, '61-trust-enrol');

    // An edited enrolment file is refused; the real one joins.
    await b.page.getByLabel('粘贴入网文件').fill(enrolment.replace('"inspector"', '"lead"'));
    await b.page.getByRole('button', { name: '导入入网文件' }).click();
    await b.page.getByText('人员名单的办公室签名无效').waitFor();
    await b.page.getByLabel('粘贴入网文件').fill(enrolment);
    await b.page.getByRole('button', { name: '导入入网文件' }).click();
    await b.page.getByText('已加入办公室，本机人员：张强').waitFor();
    await expect(b.page.getByTestId('current-member').textContent()).resolves.toBe('张强（检查员）');

    // The 管理员 scores and submits a unit; the bundle opens on the inspector's laptop with the verified sender.
    await prepareRound(a.page);
    await submitFromRound(a.page, UNIT);
    await importBundle(b.page, await exportBundle(a.page), '王主任 · 办公室电脑', '62-trust-verified-sender');

    // The inspector cannot unlock: the button is disabled and says why.
    await b.page.getByRole('menuitem', { name: '检查任务' }).click();
    await b.page.getByText(ROUND).first().click();
    const row = b.page.getByTestId('round-table').getByRole('row').filter({ hasText: UNIT });
    await expect(row.getByRole('button', { name: '解锁' }).isDisabled()).resolves.toBe(true);
    await row.getByRole('link', { name: UNIT }).click();
    await b.page.getByText('解锁须由组长操作（本机人员：张强，检查员）').waitFor();
    await screenshot(b.page, '63-trust-inspector-cannot-unlock');

    // The 管理员 (who has the 组长's rights) can.
    await a.page.getByRole('menuitem', { name: '检查任务' }).click();
    await a.page.getByText(ROUND).first().click();
    const adminRow = a.page.getByTestId('round-table').getByRole('row').filter({ hasText: UNIT });
    await adminRow.getByRole('button', { name: '解锁' }).click();
    await a.page.getByRole('dialog').getByLabel('解锁理由').fill('补录证明材料');
    await a.page.getByRole('dialog').getByRole('button', { name: '解锁' }).click();
    await a.page.getByText('已解锁，可继续修改评分').waitFor();

    // And the inspector's bundle opens on the 管理员's laptop, naming him as enrolled.
    await importBundle(a.page, await exportBundle(b.page), '张强 · 第一检查组 · 张强的笔记本', '64-trust-verified-inspector');
    expect(a.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await a.context.close();
    await b.context.close();
  });
});
