import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../renderer/db/session';
import { setPlatform, type Platform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { NOTICE_SETTINGS_KEY } from '../../../renderer/features/reports/gatherRoundData';
import type { DocumentRequest } from '../../../renderer/features/reports/documentEngine';
import { ReportsPanel } from '../../../renderer/features/reports/ReportsPanel';
import { newSession, seedRound } from './seed';

// Whole panel flows (numbering, PDF generation through the worker stub): allow for a loaded machine.

const generate = vi.hoisted(() => vi.fn());
vi.mock('../../../renderer/features/reports/documentClient', () => ({ generateDocument: generate }));

let session: Session | null = null;
const saveFile = vi.fn<Platform['saveFile']>(async () => true);
const printPdf = vi.fn<Platform['printPdf']>(async () => undefined);

beforeEach(() => {
  generate.mockReset();
  saveFile.mockClear();
  printPdf.mockClear();
  setPlatform({ kind: 'browser', saveFile, printPdf, pickFiles: async () => [], appVersion: async () => 'test', dataLocation: async () => '', saveStream: async () => null, openStream: async () => null });
});

afterEach(async () => {
  cleanup();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  if (session) {
    session.db.close();
    await Dexie.delete(session.db.name);
  }
  session = null;
});

async function mount(withSettings: boolean) {
  session = await newSession();
  const data = await seedRound(session.db);
  if (withSettings) await session.db.meta.put({ key: NOTICE_SETTINGS_KEY, value: { issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改' } });
  useSessionStore.setState({ session });
  render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ReportsPanel inspectionId={data.inspection.id} />
      </AntApp>
    </ConfigProvider>,
  );
  await screen.findByText(data.assessments[0].assessment.targetName);
  return { data, user: userEvent.setup() };
}

describe('报表与文书 panel', () => {
  it('cancels a report being generated: its progress goes, nothing is saved, and the next one runs', async () => {
    const { user } = await mount(false);
    let signal: AbortSignal | undefined;
    generate.mockImplementationOnce(
      (_req: DocumentRequest, onProgress: ((p: { stage: string; fraction: number }) => void) | undefined, s: AbortSignal | undefined) =>
        new Promise((_resolve, reject) => {
          signal = s;
          onProgress?.({ stage: '处理照片', fraction: 0.3 });
          // The client rejects a cancelled job at once (see documentClient).
          s?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    await user.click(screen.getByRole('button', { name: /生成检查报告/ }));
    const status = await screen.findByRole('status');
    await within(status).findByText('正在生成检查报告：处理照片…');
    await user.click(within(status).getByRole('button', { name: '取消' }));
    await screen.findByText('已取消生成，未保存任何文件');
    expect(signal?.aborted).toBe(true);
    await waitFor(() => expect(screen.queryByRole('status')).toBeNull());
    expect(saveFile).not.toHaveBeenCalled();
    expect(screen.queryByTestId('document-ready')).toBeNull();
    // The buttons are free again and the next document goes through.
    generate.mockResolvedValueOnce({ bytes: new Uint8Array([37, 80, 68, 70]), fileName: '检查报告.pdf', mime: 'application/pdf' });
    await user.click(screen.getByRole('button', { name: /生成检查报告/ }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
  });

  it('exports the score sheet of the whole round and saves it under its name', async () => {
    const { data, user } = await mount(false);
    const bytes = new Uint8Array([80, 75, 3, 4]);
    generate.mockImplementation(async (_req: DocumentRequest, onProgress?: (p: { stage: string; fraction: number }) => void) => {
      onProgress?.({ stage: '生成表格', fraction: 0.5 });
      return { bytes, fileName: '2024年年中政务公开绩效考核评分汇总表.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    });
    await user.click(screen.getByRole('button', { name: /导出评分表/ }));
    // Saved directly: no extra 已生成 → 保存 dialog.
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('dialog')).toBeNull();
    const req = generate.mock.calls[0][0] as Extract<DocumentRequest, { kind: 'scoreSheet' }>;
    expect(req.kind).toBe('scoreSheet');
    expect(req.data.assessments).toHaveLength(data.assessments.length);
    const done = await screen.findByTestId('document-ready');
    expect(done.textContent).toContain('2024年年中政务公开绩效考核评分汇总表.xlsx');
    expect(within(done).queryByRole('button', { name: /打印/ })).toBeNull();
    expect(saveFile.mock.calls[0][0]).toBe('2024年年中政务公开绩效考核评分汇总表.xlsx');
    expect(saveFile.mock.calls[0][1]).toBe(bytes);
    expect(saveFile.mock.calls[0][2]).toEqual([{ name: 'Excel 工作簿', extensions: ['xlsx'] }]);
  });

  it('asks for the notice settings before any notice can be issued', async () => {
    await mount(false);
    expect(await screen.findByText('下发整改通知书前，请先填写发文机关和文号前缀')).toBeInTheDocument();
    for (const b of screen.getAllByRole('button', { name: '下发整改通知书' })) expect(b).toBeDisabled();
  });

  it('issues a notice with the next number, generates its PDF and prints it', async () => {
    const { data, user } = await mount(true);
    generate.mockImplementation(async () => ({ bytes: new Uint8Array([37, 80, 68, 70]), fileName: 'n.pdf', mime: 'application/pdf' }));
    await user.click(screen.getAllByRole('button', { name: '下发整改通知书' })[0]);
    const dialog = await screen.findByRole('dialog');
    // Numbered in the round's assessment year, not the clock's.
    const year = data.inspection.year;
    expect(year).toBe(2024);
    expect(await within(dialog).findByText(`盘政办公开改〔${year}〕1号`)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '下发并生成PDF' }));
    // Issuing numbers the notice, links its findings and gathers the round: allow for a busy machine.
    await waitFor(() => expect(generate).toHaveBeenCalledTimes(1), { timeout: 30_000 });
    const req = generate.mock.calls[0][0] as DocumentRequest;
    expect(req.kind).toBe('notices');
    const notices = await session!.db.notices.toArray();
    expect(notices).toHaveLength(1);
    expect(req.kind === 'notices' && req.noticeIds).toEqual([notices[0].id]);
    expect(notices[0].assessmentId).toBe(data.assessments[0].assessment.id);
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(1));
    const done = await screen.findByTestId('document-ready');
    await user.click(within(done).getByRole('button', { name: /打印/ }));
    await waitFor(() => expect(printPdf).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('与数据一致')).toBeInTheDocument();
  });

  it('reports a failed generation in plain words and keeps the buttons usable', async () => {
    const { user } = await mount(false);
    generate.mockRejectedValue(new Error('字体文件「NotoSansSC-Regular.ttf」加载失败，无法生成PDF。请重新安装本软件'));
    await user.click(screen.getByRole('button', { name: /生成检查报告（全部单位）/ }));
    expect(await screen.findByText(/字体文件「NotoSansSC-Regular.ttf」加载失败/, {}, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /导出评分表/ })).toBeEnabled();
    expect((generate.mock.calls[0][0] as DocumentRequest).kind).toBe('report');
  });
});
