// 取消 while a big catalogue is read: the reading stops, the tab is as before,
// nothing is written, and a reading that ends later changes nothing.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PaperworkChecksPage from '../../../renderer/features/paperworkChecks/PaperworkChecksPage';
import { setPlatform, type PickedFile, type Platform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { CANCELLED_MESSAGE, offThread } from '../../../renderer/workers/offThread';
import { catalogueDefectsXlsx, largeCatalogueXlsx } from '../../fixtures/checks/make-fixtures';
import { dropRound, newRound, writtenCounts, type Round } from './helpers';

let round: Round | undefined;
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  await dropRound(round);
  round = undefined;
});

function platformWith(files: PickedFile[]): Platform {
  return {
    kind: 'browser',
    saveFile: async () => true,
    pickFiles: async () => [files.shift()!],
    printPdf: async () => {},
    appVersion: async () => 'test',
    dataLocation: async () => 'test',
    saveStream: async () => null,
    openStream: async () => null,
  };
}

describe('cancelling a long reading', () => {
  it('stops the worker and says 已取消', async () => {
    const terminate = vi.fn();
    class NeverAnswers {
      onmessage: unknown = null;
      onerror: unknown = null;
      postMessage() {}
      terminate = terminate;
    }
    vi.stubGlobal('Worker', NeverAnswers);
    const ctl = new AbortController();
    const job = offThread(() => new NeverAnswers() as unknown as Worker, () => 'inline', 'input', [], ctl.signal);
    ctl.abort();
    await expect(job).rejects.toThrow(CANCELLED_MESSAGE);
    expect(terminate).toHaveBeenCalledTimes(1);
  });

  it('取消 on a 10,000-row catalogue leaves the tab as before and writes nothing; the next file is read as usual', async () => {
    round = await newRound();
    setPlatform(platformWith([{ name: '全市目录.xlsx', bytes: largeCatalogueXlsx(10_000) }, { name: '交通运输局目录.xlsx', bytes: catalogueDefectsXlsx() }]));
    useSessionStore.setState({ session: round.session });
    render(
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
        <AntApp>
          <MemoryRouter initialEntries={[`/checks/${round.assessment.id}`]}>
            <Routes>
              <Route path="/checks/:assessmentId/*" element={<PaperworkChecksPage />} />
            </Routes>
          </MemoryRouter>
        </AntApp>
      </ConfigProvider>,
    );
    await screen.findByText('资料核查：盘山县人民政府', {}, { timeout: 30_000 });
    const before = await writtenCounts(round);

    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    expect((await screen.findByTestId('parsing', {}, { timeout: 30_000 })).textContent).toContain('正在读取「全市目录.xlsx」');
    fireEvent.click(screen.getByTestId('cancel-parsing'));
    await waitFor(() => expect(screen.queryByTestId('parsing')).toBeNull());
    expect(screen.getByText(/导入被检查单位的主动公开事项目录/)).toBeInTheDocument();
    expect(screen.queryByTestId('catalogue-summary')).toBeNull();

    // The next file: its result is shown, never the cancelled one's.
    fireEvent.click(screen.getByRole('button', { name: /导入目录文件/ }));
    await screen.findByTestId('catalogue-summary', {}, { timeout: 60_000 });
    expect(screen.getByTestId('source-line').textContent).toContain('交通运输局目录.xlsx');
    expect(await writtenCounts(round)).toEqual(before);
  });
});
