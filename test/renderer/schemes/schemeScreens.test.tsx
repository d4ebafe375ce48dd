import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import type { Session } from '../../../renderer/db/session';
import { draftKey, type SchemeRepository } from '../../../renderer/features/schemes/schemeRepository';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/index';
import { exportSchemeJson } from '../../../shared/scheme/json';
import type { FixedRule, Scheme } from '../../../shared/scheme/model';
import { exportSchemeXlsx } from '../../../shared/scheme/xlsxFile';
import { closeSession, fakePlatform, newSession, renderSchemes } from './helpers';

let ctx: { session: Session; repo: SchemeRepository; dbName: string };
let consoleErrors: string[] = [];
beforeEach(() => {
  consoleErrors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
  });
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '));
  });
});
afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  if (ctx) await closeSession(ctx.session, ctx.dbName);
  // antd deprecation and React warnings would show up here.
  expect(consoleErrors.filter((m) => !m.includes('not wrapped in act'))).toEqual([]);
});

const pointsOfFirstRule = (s: Scheme) => (s.sections[0].indicators[0].rules[0] as FixedRule).points;

/** The first rule's 分值 input in the editor (rule 1 of indicator 1, open by default). */
const firstRulePoints = () => document.getElementById('f-sections_0__indicators_0__rules_0__points') as HTMLInputElement;

/** The 关闭 button in the import dialog's footer (not the × in its corner). */
const closeButton = () => screen.getAllByRole('button', { name: '关闭' }).find((b) => b.classList.contains('ant-btn'))!;

async function cloneFromList(name = PANJIN_2024_COUNTY.name) {
  renderSchemes('/schemes');
  const row = (await screen.findByText(name)).closest('tr')!;
  fireEvent.click(within(row).getByRole('button', { name: '复制为本单位方案' }));
  await screen.findByRole('heading', { name: '编辑考核方案' });
  await waitFor(() => expect(firstRulePoints()).toBeTruthy());
}

describe('考核方案 screens', () => {
  it('lists built-ins with their facts and opens the read-only view in the seed structure', async () => {
    ctx = await newSession();
    renderSchemes('/schemes');
    const row = (await screen.findByText(PANJIN_2024_COUNTY.name)).closest('tr')!;
    expect(within(row).getByText('内置')).toBeInTheDocument();
    expect(within(row).getByText('6 项')).toBeInTheDocument();
    expect(within(row).getByText('30 条')).toBeInTheDocument();
    expect(within(row).getByText('盘锦市政府办公室')).toBeInTheDocument();
    expect(within(row).queryByRole('button', { name: '编辑' })).toBeNull();
    expect(within(row).queryByRole('button', { name: '删除' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: '查看' }));
    await screen.findByRole('heading', { name: '查看考核方案' });
    for (const h of ['考核内容', '考核方式', '评分方式（原文表述）']) expect(screen.getAllByRole('columnheader', { name: h }).length).toBeGreaterThan(0);
    // Verbatim text and one-line rule templates, caps and notes.
    expect(screen.getByText(PANJIN_2024_COUNTY.sections[0].indicators[0].scoringText)).toBeInTheDocument();
    expect(screen.getByText('每家减0.1分')).toBeInTheDocument();
    expect(screen.getByText('每件加0.02分，总加分不超过0.1分')).toBeInTheDocument();
    expect(screen.getByText('超过5日的，每件减0.05分')).toBeInTheDocument();
    expect(screen.getByText('最高减5分')).toBeInTheDocument();
    expect(screen.getByText('−5 分 至 0 分')).toBeInTheDocument();
    expect(screen.getByText(/每发现l家/)).toBeInTheDocument(); // a repair of the seed text, in 修订说明
  });

  it('clone a built-in → edit a rule’s points → saved with change-log entries and the version bumped', async () => {
    ctx = await newSession();
    await cloneFromList();
    const [row] = await ctx.repo.listOwn();
    expect(row.scheme).toMatchObject({ version: 1, builtin: false, name: `${PANJIN_2024_COUNTY.name}（副本）` });
    expect(screen.getByText('已开始的检查任务使用创建时的方案副本，修改不影响其评分。')).toBeInTheDocument();

    expect(firstRulePoints().value).toBe('1');
    fireEvent.change(firstRulePoints(), { target: { value: '1.5' } });
    expect(await screen.findByLabelText('规则1计分')).toHaveTextContent('计分：减1.5分');
    const save = screen.getByRole('button', { name: /保存/ });
    expect(save).toBeEnabled();
    fireEvent.click(save);
    await screen.findByText('已保存为第2版');

    const stored = (await ctx.repo.getRow(row.id))!;
    expect(stored.scheme.version).toBe(2);
    expect(pointsOfFirstRule(stored.scheme)).toBe(1500);
    const log = await historyOf(ctx.session.db, 'schemes', row.id);
    const edit = log.filter((e) => e.field === 'scheme').at(-1)!;
    expect(edit.author).toBe('王明');
    expect(pointsOfFirstRule(edit.value as Scheme)).toBe(1500);
    expect((edit.value as Scheme).version).toBe(2);
    // The draft is gone once saved.
    expect(await ctx.session.db.meta.get(draftKey(row.id))).toBeUndefined();
  });

  it('marks the source wording when a copy’s rule no longer says what it says, and keeps codes in 详细信息', async () => {
    ctx = await newSession();
    await cloneFromList();
    const [row] = await ctx.repo.listOwn();
    expect(screen.getByText('评分方式（原文表述）')).toBeInTheDocument();
    expect(screen.queryByTestId('scoring-text-stale')).toBeNull();
    fireEvent.change(firstRulePoints(), { target: { value: '0.8' } });
    expect(await screen.findByTestId('scoring-text-stale')).toHaveTextContent('原文表述中的 1分 与现行评分规则不一致：计分以评分规则为准');
    // The scheme's UUID and the rule ids are only inside the 详细信息 folds, with words saying what they are.
    fireEvent.click(screen.getByRole('tab', { name: /基本信息/ }));
    const details = await screen.findByTestId('scheme-details');
    expect(details.tagName).toBe('DETAILS');
    expect(details).toHaveTextContent(`方案编号（导入、导出和同步时用来识别同一方案，不必填写）：${row.id}`);
    const ruleId = PANJIN_2024_COUNTY.sections[0].indicators[0].rules[0].id;
    for (const el of screen.getAllByText((_, node) => !!node && node.children.length === 0 && !!node.textContent?.includes(ruleId))) {
      expect(el.closest('details')).not.toBeNull();
    }
    for (const el of screen.getAllByText((_, node) => !!node && node.children.length === 0 && !!node.textContent?.includes(row.id))) {
      expect(el.closest('details')).not.toBeNull();
    }
    // Putting the rule back clears the note.
    fireEvent.change(firstRulePoints(), { target: { value: '1' } });
    await waitFor(() => expect(screen.queryByTestId('scoring-text-stale')).toBeNull());
  });

  it('an invalid edit shows the Chinese error beside the field and in the summary, and cannot be saved', async () => {
    ctx = await newSession();
    await cloneFromList();
    const [row] = await ctx.repo.listOwn();
    fireEvent.change(firstRulePoints(), { target: { value: '0.0005' } });
    const summary = await screen.findByTestId('editor-errors');
    expect(summary).toHaveTextContent('第1节第1项指标第1条规则：分值「0.0005」最多保留三位小数');
    const field = firstRulePoints().closest('.ant-form-item')!;
    expect(field).toHaveTextContent('分值「0.0005」最多保留三位小数');
    expect(screen.getByRole('button', { name: /保存/ })).toBeDisabled();
    // Ctrl+S does not save either.
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });

    fireEvent.change(firstRulePoints(), { target: { value: '-1' } });
    expect(await screen.findByTestId('editor-errors')).toHaveTextContent('第1节第1项指标第1条规则：分值应为正数');
    fireEvent.change(firstRulePoints(), { target: { value: '' } });
    expect(await screen.findByTestId('editor-errors')).toHaveTextContent('分值不能为空');
    expect(screen.getByRole('button', { name: /保存/ })).toBeDisabled();

    await new Promise((r) => setTimeout(r, 50));
    const stored = (await ctx.repo.getRow(row.id))!;
    expect(stored.scheme.version).toBe(1);
    expect(pointsOfFirstRule(stored.scheme)).toBe(1000);
  });

  it('keeps an unsaved (even invalid) draft across a reload and offers to discard it', async () => {
    ctx = await newSession();
    await cloneFromList();
    const [row] = await ctx.repo.listOwn();
    fireEvent.change(firstRulePoints(), { target: { value: '2.25' } });
    await waitFor(async () => expect(await ctx.session.db.meta.get(draftKey(row.id))).toBeDefined(), { timeout: 30_000 });

    // "Reload": unmount everything and open the editor again.
    cleanup();
    renderSchemes(`/schemes/edit/${row.id}`);
    await waitFor(() => expect(firstRulePoints()?.value).toBe('2.25'));
    expect(screen.getByText(/已恢复上次未保存的修改/)).toBeInTheDocument();
    expect((await ctx.repo.getRow(row.id))!.scheme.version).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: '放弃修改' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '放弃修改' }));
    await waitFor(() => expect(firstRulePoints().value).toBe('1'));
    await waitFor(async () => expect(await ctx.session.db.meta.get(draftKey(row.id))).toBeUndefined());
  });

  it('the 试算 panel scores live and follows a points edit', async () => {
    ctx = await newSession();
    await cloneFromList();
    const total = () => screen.getByTestId('tryit-total').textContent;
    expect(total()).toBe('0');
    fireEvent.click(screen.getByLabelText('试算：未编制本地区主动公开事项目录'));
    await waitFor(() => expect(total()).toBe('−1'));
    fireEvent.change(screen.getByLabelText('试算：本地区政府部门未编制主动公开事项目录'), { target: { value: '3' } });
    await waitFor(() => expect(total()).toBe('−1.3'));
    fireEvent.change(firstRulePoints(), { target: { value: '1.5' } });
    await waitFor(() => expect(total()).toBe('−1.8'));
    fireEvent.click(screen.getByRole('tab', { name: /计分说明/ }));
    expect(await screen.findByText('每家减0.1分 × 3家 = −0.3分', { exact: false })).toBeInTheDocument();
  });

  it('importing an invalid JSON writes nothing and lists every error with its place', async () => {
    ctx = await newSession();
    const file = JSON.parse(exportSchemeJson({ ...PANJIN_2024_COUNTY, id: 'bad-file' }));
    file.sections[0].indicators[0].rules[0].points = '-1';
    file.sections[0].indicators[1].rules[1].points = '0.0005';
    file.year = 1999;
    fakePlatform({ name: '错误的方案.json', bytes: new TextEncoder().encode(JSON.stringify(file)) });
    const changesBefore = await ctx.session.db.changes.count();
    renderSchemes('/schemes');
    fireEvent.click(await screen.findByRole('button', { name: /导入方案/ }));
    const errors = await screen.findByTestId('scheme-import-errors');
    expect(errors).toHaveTextContent('文件中有 3 处错误，未写入任何数据');
    const list = screen.getByRole('list', { name: '错误列表' });
    expect(list).toHaveTextContent('第1节第1项指标第1条规则：分值应为正数');
    expect(list).toHaveTextContent('第1节第2项指标第2条规则：分值「0.0005」最多保留三位小数');
    expect(list).toHaveTextContent('方案：年度应为2000年以后的年份');
    expect(screen.queryByRole('button', { name: '确认导入' })).toBeNull();
    fireEvent.click(closeButton());
    expect(await ctx.session.db.schemes.count()).toBe(0);
    expect(await ctx.session.db.changes.count()).toBe(changesBefore);
  });

  it('refuses a file that is neither JSON nor a workbook, and one that is not JSON', async () => {
    ctx = await newSession();
    fakePlatform({ name: '方案.json', bytes: new TextEncoder().encode('{ "name": "缺少括号" ') });
    renderSchemes('/schemes');
    fireEvent.click(await screen.findByRole('button', { name: /导入方案/ }));
    expect(await screen.findByTestId('scheme-import-errors')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: '错误列表' })).toHaveTextContent('文件不是有效的 JSON');
    fireEvent.click(closeButton());

    fakePlatform({ name: '照片.xlsx', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]) });
    fireEvent.click(screen.getByRole('button', { name: /导入方案/ }));
    await waitFor(() => expect(screen.getByRole('list', { name: '错误列表' })).toHaveTextContent('既不是 Excel 工作簿，也不是 UTF-8 编码的 JSON 文件'));
    expect(await ctx.session.db.schemes.count()).toBe(0);
  });

  it('importing the valid Excel template previews name and counts, then stores the scheme', async () => {
    ctx = await newSession();
    const bytes = exportSchemeXlsx({ ...PANJIN_2024_COUNTY, name: '2025年度本县政务公开考核细则', year: 2025 });
    fakePlatform({ name: '考核方案.xlsx', bytes });
    renderSchemes('/schemes');
    fireEvent.click(await screen.findByRole('button', { name: /导入方案/ }));
    const preview = await screen.findByTestId('scheme-import-preview', {}, { timeout: 30_000 });
    expect(preview).toHaveTextContent('2025年度本县政务公开考核细则');
    expect(preview).toHaveTextContent('1 节，6 项指标，30 条评分规则');
    expect(screen.getByText('文件中的方案编号与已有方案相同，将以新的编号另存为一份方案。')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '确认导入' }));
    await screen.findByRole('heading', { name: '查看考核方案' });

    const rows = await ctx.repo.listOwn();
    expect(rows).toHaveLength(1);
    expect(rows[0].id).not.toBe(PANJIN_2024_COUNTY.id);
    expect(rows[0].scheme).toEqual({ ...PANJIN_2024_COUNTY, id: rows[0].id, builtin: false, name: '2025年度本县政务公开考核细则', year: 2025 });
    expect((await historyOf(ctx.session.db, 'schemes', rows[0].id)).map((e) => e.field)).toContain('scheme');
  });

  it('exports JSON that imports back to the same scheme, and downloads the Excel template', async () => {
    ctx = await newSession();
    const { saved } = fakePlatform(null);
    renderSchemes('/schemes');
    const row = (await screen.findByText(PANJIN_2024_COUNTY.name)).closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: '导出方案文件' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].name).toMatch(/\.json$/);
    expect(new TextDecoder().decode(saved[0].data)).toBe(exportSchemeJson(PANJIN_2024_COUNTY));

    fireEvent.click(screen.getByRole('button', { name: /下载 Excel 模板/ }));
    await waitFor(() => expect(saved).toHaveLength(2), { timeout: 30_000 });
    expect(saved[1].name).toMatch(/\.xlsx$/);
    const { importSchemeXlsx } = await import('../../../shared/scheme/xlsxFile');
    const back = importSchemeXlsx(saved[1].data);
    expect(back.ok && back.scheme.sections).toEqual(PANJIN_2024_COUNTY.sections);
  });

  it('deletes an own scheme after confirmation (soft delete) and can restore it', async () => {
    ctx = await newSession();
    const row = await ctx.repo.clone(PANJIN_2024_COUNTY);
    renderSchemes('/schemes');
    const tr = (await screen.findByText(row.name)).closest('tr')!;
    fireEvent.click(within(tr).getByRole('button', { name: '删除' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('已开始的检查任务使用创建时的方案副本');
    fireEvent.click(within(dialog).getByRole('button', { name: '删除' }));
    await waitFor(() => expect(screen.queryByText(row.name)).toBeNull());
    expect((await ctx.repo.getRow(row.id))!.deleted).toBe(1);

    fireEvent.click(screen.getByText('回收站'));
    const restoredRow = (await screen.findByText(row.name)).closest('tr')!;
    await act(async () => {
      fireEvent.click(within(restoredRow).getByRole('button', { name: '恢复' }));
    });
    await waitFor(async () => expect((await ctx.repo.getRow(row.id))!.deleted).toBe(0));
  });

  it('adds a rule, changes its kind, reorders indicators, and saves the new structure', async () => {
    ctx = await newSession();
    await cloneFromList();
    const [row] = await ctx.repo.listOwn();
    fireEvent.click(screen.getAllByRole('button', { name: /添加规则/ })[0]);
    const newText = document.getElementById('f-sections_0__indicators_0__rules_3__text') as HTMLTextAreaElement;
    expect(newText).toBeTruthy();
    // A new rule without its condition cannot be saved.
    expect(await screen.findByTestId('editor-errors')).toHaveTextContent('第1节第1项指标第4条规则：规则内容不能为空');
    fireEvent.change(newText, { target: { value: '目录未按要求动态更新' } });

    fireEvent.mouseDown(within(screen.getByText('规则 4').closest('.rule-editor') as HTMLElement).getAllByRole('combobox')[0]);
    fireEvent.click(await screen.findByTitle('视情况（在范围内酌情取值，需写理由）'));
    const min = await waitFor(() => document.getElementById('f-sections_0__indicators_0__rules_3__min') as HTMLInputElement);
    const max = document.getElementById('f-sections_0__indicators_0__rules_3__max') as HTMLInputElement;
    fireEvent.change(min, { target: { value: '0.5' } });
    expect(await screen.findByTestId('editor-errors')).toHaveTextContent('第1节第1项指标第4条规则：最大值应不小于最小值');
    fireEvent.change(max, { target: { value: '0.8' } });
    await waitFor(() => expect(screen.queryByTestId('editor-errors')).toBeNull());
    expect(screen.getByLabelText('规则4计分')).toHaveTextContent('计分：视情况减0.5-0.8分');

    // Move indicator 1 below indicator 2.
    fireEvent.click(screen.getAllByRole('button', { name: '下移指标' })[0]);
    fireEvent.click(screen.getByRole('button', { name: /保存/ }));
    await screen.findByText('已保存为第2版');
    const saved = (await ctx.repo.getRow(row.id))!.scheme;
    expect(saved.sections[0].indicators.map((i) => i.id).slice(0, 2)).toEqual(['pj24c.documents', 'pj24c.catalogue']);
    const added = saved.sections[0].indicators[1].rules[3];
    expect(added).toMatchObject({ id: 'pj24c.catalogue.r1', kind: 'range', text: '目录未按要求动态更新', direction: 'deduct', min: 500, max: 800 });
  });
});
