import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import PaperworkChecksPage from '../../../renderer/features/paperworkChecks/PaperworkChecksPage';
import { setPlatform, type PickedFile, type Platform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import type { StoredCheckResult } from '../../../renderer/features/paperworkChecks/types';
import { catalogueDefectsXlsx, catalogueUnitLineXlsx, emptyRowsXlsx } from '../../fixtures/checks/make-fixtures';
import { dropRound, newRound, writtenCounts, type Round } from './helpers';

let round: Round | undefined;
afterEach(async () => {
  cleanup();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  await dropRound(round);
  round = undefined;
});

function fakePlatform(files: PickedFile[]): Platform & { saved: { name: string; bytes: Uint8Array }[] } {
  const saved: { name: string; bytes: Uint8Array }[] = [];
  return {
    kind: 'browser',
    saved,
    saveFile: async (name, data) => {
      saved.push({ name, bytes: data });
      return true;
    },
    pickFiles: async () => [files.shift()!],
    printPdf: async () => {},
    appVersion: async () => 'test',
    dataLocation: async () => 'test',
    saveStream: async () => null,
    openStream: async () => null,
  };
}

async function openPage(r: Round, files: PickedFile[], search = '') {
  const platform = fakePlatform(files);
  setPlatform(platform);
  useSessionStore.setState({ session: r.session });
  render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <MemoryRouter initialEntries={[`/checks/${r.assessment.id}${search}`]}>
          <Routes>
            <Route path="/checks/:assessmentId/*" element={<PaperworkChecksPage />} />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </ConfigProvider>,
  );
  await screen.findByText('资料核查：盘山县人民政府', {}, { timeout: 30_000 });
  return platform;
}

describe('catalogue check screen', () => {
  it('imports a catalogue, previews the problems, and on confirmation stores run, count and change log', async () => {
    round = await newRound();
    const platform = await openPage(round, [{ name: '交通运输局目录.xlsx', bytes: catalogueDefectsXlsx() }]);
    // The rule is preselected from the scheme's wording.
    expect(screen.getAllByText('主动公开事项目录未按统一标准编制（每家减0.05分）').length).toBeGreaterThan(0);

    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    const summary = await screen.findByTestId('catalogue-summary', {}, { timeout: 30_000 });
    expect(summary.textContent).toContain('检查事项');
    expect(screen.getByTestId('source-line').textContent).toContain('交通运输局目录.xlsx');
    // The file's SHA-256 is evidence kept in a closed 详细信息 fold, never on the line itself.
    const fold = screen.getByTestId('source-hash') as HTMLDetailsElement;
    expect(fold.tagName).toBe('DETAILS');
    expect(fold.open).toBe(false);
    expect(fold.textContent).toMatch(/校验值（SHA-256）：[0-9a-f]{64}/);
    expect(screen.getByTestId('source-line').textContent!.replace(fold.textContent!, '')).not.toMatch(/[0-9a-f]{16}/);
    expect(screen.getByTestId('catalogue-count').textContent).toContain('计入「主动公开事项目录未按统一标准编制」：1');

    // Untick every problem: the count drops to 0; tick them all again.
    fireEvent.click(screen.getByRole('button', { name: '全部不计入' }));
    expect(screen.getByTestId('catalogue-count').textContent).toContain('：0');
    fireEvent.click(screen.getByRole('button', { name: '全部计入' }));

    fireEvent.click(screen.getByRole('button', { name: /导出检查报告/ }));
    await waitFor(() => expect(platform.saved).toHaveLength(1));
    expect(platform.saved[0].name).toMatch(/^资料核查_盘山县人民政府_事项目录检查_\d{8}\.xlsx$/);
    expect([...platform.saved[0].bytes.slice(0, 2)]).toEqual([0x50, 0x4b]);
    expect((await writtenCounts(round)).checkRuns).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: '确认结果' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByTestId('confirm-score').textContent).toBe('0 → −0.05'));
    expect(within(dialog).getByTestId('confirm-feed').textContent).toBe('主动公开事项目录未按统一标准编制：记为 1 家');
    fireEvent.click(within(dialog).getByRole('button', { name: '确认写入' }));
    await screen.findByTestId('confirmed-banner', {}, { timeout: 30_000 });

    const { db } = round.session;
    const runs = await db.checkRuns.toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ kind: 'catalogue', fileName: '交通运输局目录.xlsx', ruleId: 'pj24c.catalogue.nonstandard', count: 1 });
    expect(runs[0].fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect((runs[0].result as StoredCheckResult).catalogue?.report.summary.rowsChecked).toBe(8);
    expect((await db.responses.get(`${round.assessment.id}:pj24c.catalogue.nonstandard`))?.response).toEqual({ count: 1 });
    const findings = await db.findings.toArray();
    expect(findings.length).toBeGreaterThan(0);
    const logged = await db.changes.toArray();
    for (const table of ['checkRuns', 'responses', 'findings']) expect(logged.some((e) => e.table === table && e.author === '王明')).toBe(true);
  });

  it('states per element where it was found and what was concluded; asks for columns only without an item name', async () => {
    round = await newRound();
    const noName = new TextEncoder().encode('序号,大类,小类,公开内容,公开时限,公开渠道,责任科室\n1,机构信息,机构职能,本机关职能,20个工作日内,政府网站,办公室\n2,,领导信息,领导分工,实时,政府网站,办公室\n');
    await openPage(round, [
      { name: '公安局目录.xlsx', bytes: catalogueUnitLineXlsx() },
      { name: '无事项名称.csv', bytes: noName },
    ]);
    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    const table = await screen.findByTestId('catalogue-elements', {}, { timeout: 30_000 });
    // Every needed column was found or concluded: no mapping window.
    expect(screen.queryByRole('dialog')).toBeNull();
    const row = (label: string) => within(table).getAllByRole('row').find((tr) => tr.textContent?.startsWith(label))!;
    expect(row('公开主体').textContent).toContain('取自目录：XX县公安局');
    expect(row('公开主体').textContent).toContain('主体取自编制单位（第2行）');
    expect(row('责任').textContent).toContain('E列「公开主体」');
    expect(row('责任').textContent).toContain('1');
    expect(screen.getByTestId('catalogue-absent-optional').textContent).toContain('「公开依据」');

    // A table whose item name is in no known column: the window opens, the rest already matched.
    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    const dialog = await screen.findByRole('dialog', {}, { timeout: 30_000 });
    expect(dialog.textContent).toContain('未能在表格中找到事项名称所在的列');
    const apply = within(dialog).getByRole('button', { name: '按此对应读取' });
    expect(apply.hasAttribute('disabled')).toBe(true);
    // 大类 and 小类 together form the name.
    const select = within(dialog).getByLabelText('事项名称对应的列');
    fireEvent.mouseDown(select);
    const option = async (text: string) => waitFor(() => [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((o) => o.textContent === text) ?? Promise.reject(new Error(`no option ${text}`)));
    fireEvent.click(await option('B　大类'));
    fireEvent.click(await option('C　小类'));
    await waitFor(() => expect(apply.hasAttribute('disabled')).toBe(false));
    fireEvent.click(apply);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), { timeout: 30_000 });
    const second = await screen.findByTestId('catalogue-elements');
    await waitFor(() => expect(within(second).getAllByRole('row').find((tr) => tr.textContent?.startsWith('事项名称'))?.textContent).toContain('B–C列'));
    expect(screen.getByText('目录中没有「公开主体」列，各事项均未列明公开主体', { exact: false })).toBeTruthy();
  });

  it('shows the reader’s message for files that are not usable and writes nothing', async () => {
    round = await newRound();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await openPage(round, [
      { name: '目录.xlsx', bytes: png },
      { name: '空表.xlsx', bytes: emptyRowsXlsx(1_000_000) },
    ]);
    const before = await writtenCounts(round);

    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    let error = await screen.findByTestId('import-error', {}, { timeout: 30_000 });
    expect(error.textContent).toContain('无法读取该文件：不是有效的 Excel/CSV 表格');
    expect(error.textContent).toContain('未写入任何数据');

    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    await waitFor(() => expect(screen.getByTestId('import-error').textContent).toContain('表格中没有内容：请确认选择了正确的文件和工作表'), { timeout: 30_000 });
    error = screen.getByTestId('import-error');
    expect(error.textContent).toContain('空表.xlsx');

    expect(screen.queryByRole('button', { name: '确认结果' })).toBeNull();
    expect(await writtenCounts(round)).toEqual(before);
  });
});

describe('timeliness screen', () => {
  it('takes hand-entered pairs and writes them into the time-limit rule', async () => {
    round = await newRound();
    await openPage(round, [], '?tab=interpretation');
    fireEvent.click(screen.getByText('手工录入'));
    const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    type('第1件文件标题', '关于做好国庆期间安全生产工作的通知');
    type('第1件文件发布日期', '2024-09-27');
    type('第1件解读发布日期', '2024年10月8日');
    type('第2件文件标题', '关于加强城市供水管理的意见');
    type('第2件文件发布日期', '2024-05-06');
    type('第2件解读发布日期', '2024-05-09');
    type('第3件文件标题', '关于开展安全生产大检查的通知');
    type('第3件文件发布日期', '2024-02-30');
    type('第3件解读发布日期', '2024-03-05');
    await waitFor(() => expect(screen.getByTestId('interpretation-count').textContent).toBe('计入「最初发布的解读信息时间超过文件发布时间5日」：超期 1 件（写入 2 件文件的日期）'));
    expect(screen.getByText('日期不存在：「2024-02-30」（2024年2月只有29天）', { exact: false })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '确认结果' }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(within(dialog).getByTestId('confirm-score').textContent).toBe('0 → −0.05'));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /同时生成问题/ }));
    fireEvent.click(within(dialog).getByRole('button', { name: '确认写入' }));
    await screen.findByTestId('confirmed-banner', {}, { timeout: 30_000 });
    const { db } = round.session;
    expect((await db.responses.get(`${round.assessment.id}:pj24c.interpretation.late`))?.response).toEqual({
      items: [
        { label: '关于做好国庆期间安全生产工作的通知', from: '2024-09-27', to: '2024-10-08' },
        { label: '关于加强城市供水管理的意见', from: '2024-05-06', to: '2024-05-09' },
      ],
    });
    const [run] = await db.checkRuns.toArray();
    expect(run).toMatchObject({ kind: 'interpretation', fileName: '手工录入', fileHash: '', count: 1 });
    expect(await db.findings.count()).toBe(0);
  });
});
