import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// A loaded machine: the real server and several laptops' databases in one process.
vi.setConfig({ testTimeout: 90_000 });
import type { Session } from '../../../renderer/db/session';
import { ServerSyncCard } from '../../../renderer/features/serverSync/ServerSyncCard';
import { retryDelay, AUTO_SYNC_INTERVAL_MS } from '../../../renderer/features/serverSync/autoSync';
import { syncWithServer } from '../../../renderer/features/serverSync/serverSync';
import { saveServerConfig, serverConfig, syncRecord } from '../../../renderer/features/serverSync/serverState';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { closeAll, laptop, unit } from '../sync/laptops';
import { adminLaptop, enrolledLaptop } from '../trust/office';
import { closeShared, fast, serverOffice, sharedServer } from './officeServer';

const WAIT = { timeout: 15_000 };

beforeAll(async () => {
  await sharedServer();
}, 180_000);
afterEach(async () => {
  cleanup();
  useSessionStore.setState({ session: null });
  await closeAll();
});
afterAll(closeShared);

function mount(s: Session) {
  useSessionStore.setState({ session: s });
  render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ServerSyncCard transport={fast} />
      </AntApp>
    </ConfigProvider>,
  );
  return userEvent.setup();
}

describe('服务器同步 card', () => {
  it('joins with the 管理员’s one-time code; a wrong address is said in words and nothing is kept', async () => {
    const server = await sharedServer();
    const admin = await adminLaptop();
    const l = await enrolledLaptop(admin, '张强', 'inspector');
    const officeId = await server.addOffice(admin);
    const user = mount(l.session);
    await user.type(await screen.findByLabelText('服务器地址', {}, WAIT), 'ftp://192.168.1.10');
    await user.type(screen.getByLabelText('一次性代码'), '12345678');
    await user.click(screen.getByRole('button', { name: /加入/ }));
    expect(await screen.findByTestId('server-sync-error', {}, WAIT)).toHaveTextContent('未能加入：服务器地址应以 http:// 或 https:// 开头');
    expect(await serverConfig(l.session.db)).toBeNull();

    await user.clear(screen.getByLabelText('服务器地址'));
    await user.type(screen.getByLabelText('服务器地址'), server.url);
    await user.clear(screen.getByLabelText('一次性代码'));
    await user.type(screen.getByLabelText('一次性代码'), await server.code(officeId, l.session.device.deviceId));
    await user.click(screen.getByRole('button', { name: /加入/ }));
    const last = await screen.findByTestId('server-last-sync', {}, WAIT);
    await waitFor(async () => expect((await syncRecord(l.session.db)).lastSyncAt).not.toBeNull(), WAIT);
    const { lastSyncAt } = await syncRecord(l.session.db);
    await waitFor(() => expect(last).toHaveTextContent(dayjs(lastSyncAt).format('YYYY年M月D日 HH:mm')), WAIT);
    expect(screen.getByText(/盘锦市政务公开办公室（http:\/\/127\.0\.0\.1/)).toBeInTheDocument();
  });

  it('a laptop not yet in the office cannot join and is told where to start', async () => {
    const l = await laptop('路人');
    mount(l.session);
    expect(await screen.findByText(/本机尚未加入办公室：请先在「团队与设备」中/, {}, WAIT)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /加入/ })).toBeDisabled();
  });

  it('shows what waits to be sent, syncs on 立即同步, and says why when the server cannot be reached', async () => {
    const server = await sharedServer();
    const {
      laptops: [a, b],
    } = await serverOffice(server, [
      { name: '李华', role: 'lead' },
      { name: '张强', role: 'inspector' },
    ]);
    await syncWithServer(a.session, fast);
    await a.repo.create(unit('盘锦市教育局'));
    await a.repo.create(unit('盘锦市民政局'));
    const user = mount(a.session);
    expect(await screen.findByTestId('server-pending', {}, WAIT)).toHaveTextContent('2 条修改记录，0 个照片文件');
    await user.click(screen.getByRole('button', { name: /立即同步/ }));
    expect(await screen.findByTestId('server-sync-done', {}, WAIT)).toHaveTextContent('同步完成：上传 2 条修改记录');
    await waitFor(() => expect(screen.getByTestId('server-pending')).toHaveTextContent('无（本机的修改都已在服务器上）'), WAIT);
    await syncWithServer(b.session, fast);
    expect(await b.session.db.targets.count()).toBe(2);

    // The server is unreachable: the card says so; the last sync time stays.
    const before = (await syncRecord(a.session.db)).lastSyncAt;
    await saveServerConfig(a.session.db, { ...(await serverConfig(a.session.db))!, url: 'http://127.0.0.1:9' });
    await user.click(screen.getByRole('button', { name: /立即同步/ }));
    expect(await screen.findByTestId('server-sync-error', {}, WAIT)).toHaveTextContent('同步未完成：无法连接同步服务器（http://127.0.0.1:9）');
    expect((await syncRecord(a.session.db)).lastSyncAt).toBe(before);
  });

  it('automatic sync backs off after failures: 30 s, 1 min, 2 min … at most 15 min; every 5 min when all is well', () => {
    expect(retryDelay(0)).toBe(AUTO_SYNC_INTERVAL_MS);
    expect([1, 2, 3, 4, 10].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000, 900_000]);
  });
});
