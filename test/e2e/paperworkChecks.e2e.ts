import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRowsXlsx, sitePastedText } from '../fixtures/checks/make-fixtures';
import { fixturePath } from '../fixtures/paperworkChecks/make-fixtures';
import { completeFirstRun, launchBrowser, newAppPage, screenshot } from './browser';
import { selectRow } from './flows';

const CHECKS = join(process.cwd(), 'test', 'fixtures', 'checks');
const UNIT = '盘山县人民政府';
const ROUND = '2024年度政务公开年中考核（县区政府）';

let browser: Browser;
let emptyRows: string;
let notSpreadsheet: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const dir = join(process.cwd(), 'test-output', 'e2e-fixtures');
  mkdirSync(dir, { recursive: true });
  emptyRows = join(dir, '目录-百万空行.xlsx');
  writeFileSync(emptyRows, emptyRowsXlsx(1_000_000));
  notSpreadsheet = join(dir, '目录-照片.xlsx');
  writeFileSync(notSpreadsheet, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)]));
});
afterAll(async () => {
  await browser?.close();
});

async function total(page: Page): Promise<string> {
  return (await page.getByTestId('assessment-total').textContent())?.trim() ?? '';
}

async function pick(page: Page, button: ReturnType<Page['getByRole']>, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(file);
}

/** Creates a unit, a round with the built-in Panjin county scheme and adds the unit, all through the screens. */
async function createRound(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '被检查单位' }).click();
  await page.getByRole('button', { name: '新增单位' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('单位名称').fill(UNIT);
  await form.getByLabel('类别').click();
  await page.getByTitle('县区政府').click();
  await form.getByLabel('所属地区').fill('盘山县');
  await form.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name: UNIT }).waitFor();

  await page.getByRole('menuitem', { name: '检查任务' }).click();
  await page.getByRole('button', { name: '新建检查任务' }).click();
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.getByText('2024年度盘锦市政务公开绩效考核实施细则（县区政府）（内置）').count()).toBe(1);
  await dialog.getByRole('button', { name: '创建' }).click();
  await page.getByRole('heading', { name: ROUND }).waitFor({ timeout: 90_000 });

  await page.getByRole('button', { name: '手动添加' }).click();
  const add = page.getByRole('dialog');
  await selectRow(add, UNIT, '加入 1 家单位');
  await add.getByRole('button', { name: '加入 1 家单位' }).click();
  await page.getByRole('link', { name: UNIT }).click();
  await page.getByRole('heading', { name: UNIT }).waitFor();
}

describe('资料核查 in the web build', () => {
  it('checks a catalogue, a ledger and the timeliness lists of one unit and feeds the assessment', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await createRound(page);
    expect(await total(page)).toBe('0');
    const assessmentUrl = page.url();
    const assessmentId = /assessments\/([^/?#]+)/.exec(assessmentUrl)?.[1];
    expect(assessmentId).toBeTruthy();

    // From the assessment screen to the paperwork checks: by its link when it has one, else by the route.
    const link = page.getByRole('link', { name: /资料核查/ });
    if ((await link.count()) > 0) await link.first().click();
    else await page.goto(`${assessmentUrl.split('#')[0]}#/checks/${assessmentId}`);
    await page.getByRole('heading', { name: `资料核查：${UNIT}` }).waitFor();
    await expect.poll(() => page.getByTestId('round-line').textContent()).toContain(ROUND);

    // Files that cannot be used: the reader's message, nothing written.
    await pick(page, page.getByRole('button', { name: /导入目录文件/ }), notSpreadsheet);
    await page.getByTestId('import-error').getByText('无法读取该文件：不是有效的 Excel/CSV 表格', { exact: false }).waitFor();
    await pick(page, page.getByRole('button', { name: /导入目录文件/ }), emptyRows);
    await page.getByTestId('import-error').getByText('表格中没有内容：请确认选择了正确的文件和工作表').waitFor();
    await screenshot(page, 'checks-01-malformed-file');

    // The catalogue: three problems under the Panjin 2024 elements, one catalogue not compiled to the standard.
    await pick(page, page.getByRole('button', { name: /导入目录文件/ }), fixturePath('panshan-catalogue.xlsx'));
    const summary = page.getByTestId('catalogue-summary');
    await summary.waitFor();
    await expect.poll(() => page.getByTestId('source-line').textContent()).toContain('panshan-catalogue.xlsx');
    // The file's fingerprint sits in the 详细信息 fold, shown in words when opened.
    await expect.poll(() => page.getByTestId('source-hash').textContent()).toMatch(/校验值（SHA-256）：[0-9a-f]{64}/);
    await expect.poll(() => page.getByText('公开时限「及时」未明确具体时间', { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByText('未填写公开渠道').count()).toBe(1);
    await expect.poll(() => page.getByText('责任填写为「/」，未列明实际内容').count()).toBe(1);
    await expect.poll(() => page.getByTestId('catalogue-count').textContent()).toBe('计入「主动公开事项目录未按统一标准编制」：1 家');
    // Per element: where it was found and how many items lack it.
    const channelRow = page.getByTestId('catalogue-elements').getByRole('row').filter({ hasText: /^公开渠道/ });
    await expect.poll(() => channelRow.textContent()).toMatch(/^公开渠道必需G列「公开渠道」1/);
    await screenshot(page, 'checks-02-catalogue');

    // The report of the check as an Excel workbook (built in a worker).
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出检查报告' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^资料核查_盘山县人民政府_事项目录检查_\d{8}\.xlsx$/);
    const saved = join(process.cwd(), 'test-output', 'e2e-fixtures', file.suggestedFilename());
    await file.saveAs(saved);
    expect([...readFileSync(saved).subarray(0, 2)]).toEqual([0x50, 0x4b]);

    await page.getByRole('button', { name: '确认结果' }).click();
    const confirm = page.getByRole('dialog');
    await expect.poll(() => confirm.getByTestId('confirm-score').textContent()).toBe('0 → −0.05');
    await expect.poll(() => confirm.getByTestId('finding-drafts').locator('.pc-draft').count()).toBe(3);
    await screenshot(page, 'checks-03-catalogue-confirm');
    await confirm.getByRole('button', { name: '确认写入' }).click();
    await page.getByTestId('confirmed-banner').filter({ visible: true }).waitFor();

    // Back on the assessment screen the rule's count and the total have changed.
    await page.getByRole('link', { name: '返回评分页面查看' }).click();
    await page.getByRole('heading', { name: UNIT }).waitFor();
    await expect.poll(() => total(page)).toBe('−0.05');
    await expect.poll(() => page.getByLabel('主动公开事项目录未按统一标准编制数量').inputValue()).toBe('1');
    await page.getByLabel('主动公开事项目录未按统一标准编制数量').scrollIntoViewIfNeeded();
    await screenshot(page, 'checks-04-assessment-after-catalogue');

    // The ledger against the website list pasted from the site.
    await page.goto(`${assessmentUrl.split('#')[0]}#/checks/${assessmentId}?tab=ledger`);
    await pick(page, page.getByRole('button', { name: '导入文件' }).first(), join(CHECKS, 'ledger.xlsx'));
    await page.getByRole('button', { name: '粘贴表格' }).click();
    const paste = page.getByRole('dialog');
    await paste.getByLabel('粘贴的网站表格').fill(sitePastedText());
    await paste.getByRole('button', { name: '读取' }).click();
    await page.getByTestId('ledger-summary').waitFor();
    await expect.poll(() => page.getByRole('button', { name: '确认结果' }).isDisabled()).toBe(true);
    await screenshot(page, 'checks-05-ledger-review');
    // Two documents need a person: 台账第9行 is not on the site; 台账第10行 is the site's row 9 (文号 differs).
    await page.getByLabel('台账第9行对应的网站文件').click();
    await page.getByTitle('无匹配（网站未公开该文件）').click();
    await page.getByLabel('台账第10行对应的网站文件').click();
    await page.getByTitle(/^网站第9行/).click();
    await expect.poll(() => page.getByTestId('ledger-count').textContent()).toBe('网站未公开（未及时更新） 2 件网站与台账不一致 3 件修改、废止、失效未标注 1 件');
    await page.getByTitle(/^全部 \d+$/).click();
    await screenshot(page, 'checks-06-ledger');
    await page.getByRole('button', { name: '确认结果' }).click();
    const ledgerConfirm = page.getByRole('dialog');
    // 2 × 0.2 (未及时更新) + 4 × 0.1 (不一致, incl. the unmarked one, each counted once) = 0.8
    await expect.poll(() => ledgerConfirm.getByTestId('confirm-score').textContent()).toBe('−0.05 → −0.85');
    await ledgerConfirm.getByRole('button', { name: '确认写入' }).click();
    await page.getByTestId('confirmed-banner').filter({ visible: true }).waitFor();

    // Interpretations: two published more than 5 days after the document (time-limit rule, engine counts them).
    await page.getByRole('tab', { name: /解读时效/ }).click();
    await pick(page, page.getByRole('button', { name: /导入政策解读时效表/ }), join(CHECKS, 'interpretations.xlsx'));
    await page.getByTestId('interpretation-summary').waitFor();
    await expect.poll(() => page.getByTestId('interpretation-count').textContent()).toBe('计入「最初发布的解读信息时间超过文件发布时间5日」：超期 2 件（写入 4 件文件的日期）');
    await screenshot(page, 'checks-07-interpretation');
    await page.getByRole('button', { name: '确认结果' }).click();
    const interpConfirm = page.getByRole('dialog');
    await expect.poll(() => interpConfirm.getByTestId('confirm-score').textContent()).toBe('−0.85 → −0.95');
    await interpConfirm.getByRole('button', { name: '确认写入' }).click();
    await page.getByTestId('confirmed-banner').filter({ visible: true }).waitFor();

    // Submissions: the county scheme has no such rule; the list is still checked and can be kept.
    await page.getByRole('tab', { name: /报送时效/ }).click();
    await pick(page, page.getByRole('button', { name: /导入主动公开文件报送时效表/ }), join(CHECKS, 'submissions-gbk.csv'));
    await page.getByTestId('submission-summary').waitFor();
    await expect.poll(() => page.getByTestId('submission-count').textContent()).toBe('超期 1 件，未选择计入的规则');
    await screenshot(page, 'checks-08-submission');

    // The record of what was done.
    await page.getByRole('tab', { name: /核查记录/ }).click();
    const runs = page.getByTestId('check-runs');
    await expect.poll(() => runs.locator('tbody tr').count()).toBe(3);
    await expect.poll(() => runs.getByText('panshan-catalogue.xlsx').count()).toBe(1);
    await screenshot(page, 'checks-09-runs');

    // The assessment shows all three.
    await page.getByRole('link', { name: /返回评分页面$/ }).click();
    await page.getByRole('heading', { name: UNIT }).waitFor();
    await expect.poll(() => total(page)).toBe('−0.95');
    await expect.poll(() => page.getByLabel('未及时更新现行有效行政规范性文件数量').inputValue()).toBe('2');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('maps the columns of a catalogue by hand and remembers the mapping for the next file', async () => {
    const { page, context, errors } = await newAppPage(browser);
    await completeFirstRun(page);
    await createRound(page);
    const assessmentUrl = page.url();
    const assessmentId = /assessments\/([^/?#]+)/.exec(assessmentUrl)?.[1];
    await page.goto(`${assessmentUrl.split('#')[0]}#/checks/${assessmentId}`);
    await page.getByRole('heading', { name: `资料核查：${UNIT}` }).waitFor();

    // The national template has no 责任 column: that is a stated conclusion, not a reason to ask.
    await pick(page, page.getByRole('button', { name: /导入目录文件/ }), join(CHECKS, 'catalogue-template-gbk.csv'));
    await page.getByTestId('catalogue-elements').waitFor();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByText('目录中没有「责任」列，各事项均未列明责任').count()).toBe(1);

    // A table whose item name is under unknown headers (大类/小类): the window opens, the rest already matched.
    await pick(page, page.getByRole('button', { name: /导入目录文件/ }), join(CHECKS, 'catalogue-no-item-name.csv'));
    const mapping = page.getByRole('dialog');
    await mapping.getByText('目录列对应').waitFor();
    await mapping.getByText('未能在表格中找到事项名称所在的列', { exact: false }).waitFor();
    await expect.poll(() => mapping.getByRole('button', { name: '按此对应读取' }).isDisabled()).toBe(true);
    await mapping.getByLabel('事项名称对应的列').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^B　大类$/ }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^C　小类$/ }).click();
    // Both columns chosen (as tags in the field) before the list is closed.
    await mapping.locator('.ant-select-selection-item', { hasText: 'B　大类' }).waitFor();
    await mapping.locator('.ant-select-selection-item', { hasText: 'C　小类' }).waitFor();
    // Closed by a click on the window's title: Escape would close the window itself if the list had already closed.
    await mapping.getByText('目录列对应').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await screenshot(page, 'checks-10-mapping');
    await mapping.getByRole('button', { name: '按此对应读取' }).click();
    await mapping.waitFor({ state: 'hidden' });
    await page.getByTestId('catalogue-elements').getByText('B–C列', { exact: false }).waitFor();
    await expect.poll(() => page.getByText('目录中没有「公开主体」列，各事项均未列明公开主体').count()).toBe(1);
    await page.getByTestId('catalogue-elements').scrollIntoViewIfNeeded();
    await screenshot(page, 'checks-11-catalogue-elements');

    // The same layout again: the remembered mapping is applied without asking.
    await pick(page, page.getByRole('button', { name: /导入目录文件/ }), join(CHECKS, 'catalogue-no-item-name.csv'));
    await page.getByText('已套用上次保存的列对应').waitFor();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
