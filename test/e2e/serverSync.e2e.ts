import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, type RunningServer } from '../../server/app';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { openAssessment, prepareRound, recordFinding, ROUND, UNIT } from './flows';

/**
 * Two laptops (browser contexts) of one office sync through the real office
 * server, started in this process on 127.0.0.1 with the embedded engine in a
 * temporary folder: each sees the other's work, a conflict appears and the
 * 组长 settles it, and a notice is numbered from the server's series.
 */

let browser: Browser;
let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), 'zwgk-e2e-server-'));
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), createServer({ dataDir, host: '127.0.0.1', port: 0, rateLimit: false })]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const PASSPHRASE = '盘锦政务公开2026';
/**
 * The app's web build is served from another origin than the server: as behind an
 * office reverse proxy, the server is reached under the app's own origin at /office-server.
 */
const PROXY = '/office-server';
let address = '';
async function throughProxy(context: BrowserContext): Promise<void> {
  const origin = new URL(inject('baseURL')).origin;
  address = `${origin}${PROXY}`;
  await context.route(`${address}/**`, async (route) => {
    const url = route.request().url().replace(address, server.url);
    await route.fulfill({ response: await route.fetch({ url }) });
  });
}

async function openSync(page: Page) {
  await page.getByRole('menuitem', { name: '同步与备份' }).click();
  await page.getByTestId('server-sync-card').waitFor();
}

/** 立即同步 and wait until the card says it is done. */
async function syncNow(page: Page) {
  await openSync(page);
  const card = page.getByTestId('server-sync-card');
  await card.getByRole('button', { name: /立即同步/ }).click();
  await settled(card);
}

/** The card's outcome once the sync ends: it must be a success (a failure's words are in the test's message). */
async function settled(card: Locator) {
  const outcome = card.getByTestId('server-sync-done').or(card.getByTestId('server-sync-error'));
  await outcome.waitFor();
  expect(await outcome.textContent()).toMatch(/^同步完成/);
}

async function joinServer(page: Page, code: string) {
  await openSync(page);
  const card = page.getByTestId('server-sync-card');
  await card.getByLabel('服务器地址').fill(address);
  await card.getByLabel('一次性代码').fill(code);
  await card.getByRole('button', { name: /加入/ }).click();
  await settled(card);
  await expect.poll(() => card.getByTestId('server-pending').textContent()).toBe('无（本机的修改都已在服务器上）');
}

async function editPhone(page: Page, phone: string) {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('row').filter({ hasText: UNIT }).getByRole('button', { name: /编辑/ }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('联系电话', { exact: true }).fill(phone);
  await form.getByRole('button', { name: '保存' }).click();
  await form.waitFor({ state: 'hidden' });
}

/** The unit's phone as its edit form shows it. */
async function phoneOf(page: Page): Promise<string> {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('row').filter({ hasText: UNIT }).getByRole('button', { name: /编辑/ }).click();
  const form = page.getByRole('dialog');
  const value = await form.getByLabel('联系电话', { exact: true }).inputValue();
  await form.getByRole('button', { name: '取消' }).click();
  await form.waitFor({ state: 'hidden' });
  return value;
}

describe('服务器同步: two laptops through the office server', () => {
  it('enrol, sync, see each other’s work, settle a conflict, number a notice from the server', async () => {
    // The 管理员 (who has the 组长's rights) sets up the office; 张强's laptop joins it.
    const a = await newAppPage(browser);
    const b = await newAppPage(browser);
    await throughProxy(a.context);
    await throughProxy(b.context);
    await completeFirstRun(a.page, '王主任');
    await completeFirstRun(b.page, '张强');
    await a.page.getByRole('menuitem', { name: '团队与设备' }).click();
    await a.page.getByLabel('办公室名称').fill('盘锦市政务公开办公室');
    await a.page.getByLabel('管理员姓名').fill('王主任');
    await a.page.getByLabel('本机名称', { exact: true }).last().fill('办公室电脑');
    await a.page.getByLabel('办公室密钥口令', { exact: true }).fill(PASSPHRASE);
    await a.page.getByLabel('再次输入口令').fill(PASSPHRASE);
    await a.page.getByRole('button', { name: '新建办公室' }).click();
    await a.page.getByText('已建立「盘锦市政务公开办公室」').waitFor();
    await b.page.getByRole('menuitem', { name: '团队与设备' }).click();
    await b.page.getByLabel('本机名称', { exact: true }).first().fill('张强的笔记本');
    await b.page.getByRole('button', { name: '生成入网申请' }).click();
    const request = await b.page.getByLabel('本机入网申请').inputValue();
    await a.page.getByLabel('入网申请内容').fill(request);
    await a.page.getByRole('button', { name: '读取申请' }).click();
    await a.page.getByLabel('使用人').fill('张强');
    await a.page.getByLabel('检查组').fill('第一检查组');
    await a.page.getByLabel('办公室密钥口令', { exact: true }).fill(PASSPHRASE);
    await a.page.getByRole('button', { name: '制作入网文件' }).click();
    await a.page.getByText('已为「张强的笔记本」制作入网文件').waitFor();
    const enrolment = JSON.parse(await a.page.getByLabel('入网文件内容').inputValue());
    await b.page.getByLabel('粘贴入网文件').fill(JSON.stringify(enrolment));
    await b.page.getByRole('button', { name: '导入入网文件' }).click();
    await b.page.getByText('已加入办公室，本机人员：张强').waitFor();

    // On the server: the office from its signed roster, and a one-time code per laptop (the admin command's work).
    const roster = enrolment.roster;
    const { officeId } = await server.store.createOffice(roster);
    const deviceOf = (name: string) => roster.roster.devices.find((d: { name: string }) => d.name === name).id as string;
    const codeA = (await server.store.makeEnrolCode(officeId, deviceOf('办公室电脑'))).code;
    const codeB = (await server.store.makeEnrolCode(officeId, deviceOf('张强的笔记本'))).code;

    // A wrong code is refused in words; the right ones join.
    await openSync(b.page);
    const cardB = b.page.getByTestId('server-sync-card');
    await cardB.getByLabel('服务器地址').fill(address);
    await cardB.getByLabel('一次性代码').fill('000000000');
    await cardB.getByRole('button', { name: /加入/ }).click();
    await expect.poll(() => cardB.getByTestId('server-sync-error').textContent()).toMatch(/^未能加入：/);
    await joinServer(a.page, codeA);
    await joinServer(b.page, codeB);

    // The 管理员's round reaches 张强; 张强's unit reaches the 管理员.
    await prepareRound(a.page);
    await syncNow(a.page);
    await syncNow(b.page);
    await b.page.getByRole('menuitem', { name: '检查任务' }).click();
    await b.page.getByText(ROUND).first().waitFor();
    await b.page.getByRole('menuitem', { name: '被检查单位' }).click();
    await b.page.getByRole('button', { name: '新增单位' }).click();
    const form = b.page.getByRole('dialog');
    await form.getByLabel('单位名称').fill('大洼区人民政府');
    await form.getByLabel('类别').click();
    await b.page.getByTitle('县区政府').click();
    await form.getByRole('button', { name: '保存' }).click();
    await b.page.getByRole('cell', { name: '大洼区人民政府' }).waitFor();
    await syncNow(b.page);
    await syncNow(a.page);
    await a.page.getByRole('menuitem', { name: '被检查单位' }).click();
    await a.page.getByRole('cell', { name: '大洼区人民政府' }).waitFor();

    // Both change the same unit's phone before syncing: a conflict, which the 组长 settles.
    await editPhone(a.page, '0427-2800001');
    await editPhone(b.page, '0427-2800002');
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    await a.page.getByRole('button', { name: '采用此值' }).first().waitFor();
    const option = a.page.getByRole('row').filter({ hasText: '联系电话' }).locator('.ant-space').filter({ hasText: '0427-2800002' });
    await option.last().getByRole('button', { name: '采用此值' }).click();
    await a.page.getByRole('button', { name: '采用', exact: true }).click();
    await a.page.getByRole('button', { name: '采用此值' }).first().waitFor({ state: 'detached' });
    await syncNow(a.page);
    await syncNow(b.page);
    expect(await phoneOf(b.page)).toBe('0427-2800002');
    expect(await phoneOf(a.page)).toBe('0427-2800002');

    // Numbers 1 and 2 of the series were already given by the server: the notice gets 3, not this laptop's own 1.
    const token = await a.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('zwgk-inspector');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('serverSync.config');
            get.onsuccess = () => resolve(get.result.value.token);
          };
        }),
    );
    const year = 2024; // the round's assessment year (ROUND): its notices are numbered in that year's series
    for (const noticeId of ['earlier-1', 'earlier-2']) {
      const r = await fetch(`${server.url}/v1/notice-numbers`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ issuer: '盘锦市人民政府办公室', year, noticeId }) });
      expect(r.status).toBe(200);
    }
    await a.page.getByRole('menuitem', { name: '检查任务' }).click();
    await a.page.getByText(ROUND).first().click();
    await openAssessment(a.page);
    await recordFinding(a.page, '政府信息公开指南未及时更新');
    await a.page.getByRole('menuitem', { name: '检查任务' }).click();
    await a.page.getByText(ROUND).first().click();
    await a.page.getByRole('button', { name: '通知书设置' }).click();
    const ns = a.page.getByRole('dialog').filter({ hasText: '整改通知书设置' });
    await ns.getByLabel('发文机关', { exact: true }).fill('盘锦市人民政府办公室');
    await ns.getByLabel('文号前缀（机关代字）').fill('盘政办公开改');
    await ns.getByRole('button', { name: '保存' }).click();
    await ns.waitFor({ state: 'hidden' });
    await a.page.getByRole('button', { name: '下发整改通知书' }).click();
    await a.page.getByRole('dialog', { name: `下发整改通知书：${UNIT}` }).getByRole('button', { name: '下发并生成PDF' }).click();
    await a.page.getByText(`已下发整改通知书 盘政办公开改〔${year}〕3号`).waitFor();

    await openSync(a.page);
    await a.page.getByTestId('server-sync-card').scrollIntoViewIfNeeded();
    await screenshot(a.page, '70-server-sync-card');
    expect(a.errors.filter((e) => !/favicon/.test(e))).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 900_000);
});
