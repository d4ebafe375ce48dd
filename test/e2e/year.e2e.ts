import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { selectRow } from './flows';

const COUNTY = '大洼区人民政府';
const HALLS = ['大洼区政务服务中心', '田家街道便民服务中心', '榆树街道便民服务中心'];
const MID = '2024年度政务公开年中考核（县区政府）';
const END = '2024年度政务公开年终考核（县区政府）';

let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function addUnit(page: Page, name: string, kind: string, county?: string) {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('单位名称').fill(name);
  await form.getByLabel('类别').click();
  await page.getByTitle(kind, { exact: true }).click();
  if (county) {
    await form.getByLabel('所属县区').click();
    await page.locator('.ant-select-item-option').getByText(county, { exact: true }).click();
  }
  await form.getByLabel('政府信息公开联系电话').fill('0427-2826114');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name, exact: true }).waitFor();
}

async function newRound(page: Page, kind: string, title: string) {
  await page.getByRole('menuitem', { name: '检查任务' }).click();
  await page.getByRole('button', { name: '新建检查任务' }).click();
  const dialog = page.getByRole('dialog');
  if (kind !== '年中考核') {
    await dialog.getByLabel('检查类型').click();
    await page.getByTitle(kind, { exact: true }).click();
  }
  await dialog.getByRole('button', { name: '创建' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

describe('an assessment year', () => {
  it('mid-year round with a drawn hall pair, Q3 phone tests and a complaint case, the year-end assessment pre-filled, the year view', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await page.setViewportSize({ width: 1366, height: 768 });
    await completeFirstRun(page);
    await addUnit(page, COUNTY, '县区政府');
    await addUnit(page, HALLS[0], '政务服务大厅', COUNTY);
    await addUnit(page, HALLS[1], '便民服务中心', COUNTY);
    await addUnit(page, HALLS[2], '便民服务中心', COUNTY);

    // Mid-year: draw the county and 2 of its halls.
    await newRound(page, '年中考核', MID);
    await page.getByRole('button', { name: '随机抽取' }).first().click();
    await page.getByLabel('县区政府抽取数量').fill('1');
    await page.getByLabel('每个县区抽取大厅数量').fill('2');
    await page.getByRole('button', { name: '抽取并记录' }).click();
    await page.getByTestId('draw-result').waitFor();
    await page.getByRole('menuitem', { name: '检查任务' }).click();
    await page.getByRole('link', { name: MID }).first().click();
    await page.getByRole('link', { name: COUNTY }).waitFor();
    const drawnHalls = await page.getByRole('link').filter({ hasText: /服务中心/ }).allTextContents();
    expect(drawnHalls).toHaveLength(2);
    expect(drawnHalls.every((h) => HALLS.includes(h))).toBe(true);
    // A hall is a visit with the 五统一 checklist, not scored on the county scheme.
    await page.getByRole('link', { name: drawnHalls[0] }).click();
    await page.getByTestId('hall-visit-note').waitFor();
    await expect(page.getByRole('tab', { name: /逐项评分/ }).count()).resolves.toBe(0);
    await page.getByRole('tab', { name: '五统一核查' }).waitFor();

    // Year-end round with the county.
    await newRound(page, '年终考核', END);
    await page.getByRole('button', { name: '手动添加' }).click();
    const add = page.getByRole('dialog');
    await selectRow(add, COUNTY, '加入 1 家单位');
    await add.getByRole('button', { name: '加入 1 家单位' }).click();
    await page.getByRole('link', { name: COUNTY }).click();
    await page.getByTestId('year-prefill').waitFor();
    await page.getByTestId('open-year-file').click();

    // The year file: Q3 phone tests (both unanswered) and a complaint case replied late.
    await page.getByTestId('unit-year-file').waitFor();
    for (const at of ['2024-07-10T09:00', '2024-07-12T15:00']) {
      await page.getByTestId('add-year-phone').click();
      const f = page.getByTestId('year-phone-form');
      await f.getByLabel('拨测时间').fill(at);
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await page.getByText('拨测记录已保存').last().waitFor();
    }
    await expect.poll(() => page.getByTestId('year-phone-Q3').locator('li').count()).toBe(2);
    await page.getByTestId('add-complaint').click();
    const c = page.getByTestId('complaint-form');
    // Bad input first: nothing saved, a clear message.
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByText('请填写来件反映的问题').waitFor();
    await c.getByLabel('来件日期').fill('2024-08-01');
    await c.getByLabel('反映的问题').fill('区政府网站未公开征地补偿标准');
    await c.getByLabel('函询日期').fill('2024-08-02');
    await c.getByLabel('回复期限').fill('2024-08-12');
    await c.getByLabel('回复日期').fill('2024-08-20');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByTestId('complaint-counts').waitFor();
    await expect(page.getByTestId('complaint-counts').textContent()).resolves.toContain('函询未及时回复 1 次');
    await page.getByTestId('year-halls').getByText(drawnHalls[0]).waitFor();
    await screenshot(page, 'year-01-unit-year-file');

    // The year-end assessment, pre-filled from the year.
    await page.getByRole('link', { name: END }).click();
    await page.getByTestId('year-prefill').waitFor();
    const phoneOffer = page.locator('[data-testid="prefill-offer"][data-rule="pj24c.platform.phone"]');
    await expect.poll(() => phoneOffer.textContent()).toContain('第三季度拨测 2 次均无人接听（7月10日、7月12日）');
    const lateOffer = page.locator('[data-testid="prefill-offer"][data-rule="pj24c.complaints.no-reply"]');
    await expect(lateOffer.textContent()).resolves.toContain('函询未及时回复 1 次：“区政府网站未公开征地补偿标准”（8月1日来件，回复期限8月12日，8月20日回复）');
    // −0.2 (Q3 all unanswered) −0.5 (late reply) = −0.7; nothing else fed.
    await expect.poll(() => page.getByTestId('assessment-total').textContent()).toBe('−0.7');
    await page.getByTestId('prefill-confirm-all').click();
    await page.getByText('已全部确认').waitFor();
    await screenshot(page, 'year-02-year-end-assessment');

    // The year view.
    await page.getByRole('menuitem', { name: '考核年度' }).click();
    await page.getByRole('combobox', { name: '考核年度' }).click();
    await page.getByTitle('2024年度').click();
    const results = page.getByTestId('year-results-县区政府');
    await results.waitFor();
    await expect(results.getByRole('row', { name: new RegExp(COUNTY) }).textContent()).resolves.toMatch(/未完成.*−0\.7/);
    const phone = page.getByTestId('chart-phone');
    await expect.poll(() => phone.getByRole('row', { name: /第三季度/ }).textContent()).toBe('第三季度1 家1 家');
    await phone.locator('[data-chart-ready="1"]').waitFor();
    await screenshot(page, 'year-03-year-view');
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
