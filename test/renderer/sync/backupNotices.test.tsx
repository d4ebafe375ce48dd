import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { autoBackup } from '../../../renderer/features/sync/backupService';
import SyncPage from '../../../renderer/features/sync/SyncPage';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { setPlatform } from '../../../renderer/platform';
import { createBrowserPlatform } from '../../../renderer/platform/browserPlatform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { fakeDesktop } from './fakePlatform';

/** The machine may be busy: wait for what the user sees, however long it takes within the test's time. */
const WAIT = { timeout: 30_000 };
const opened: Session[] = [];
const unit = { kind: '政府部门' as const, region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

async function session(): Promise<Session> {
  const s = await saveProfile(await openSession(new InspectorDatabase(`notes-${Math.random().toString(36).slice(2)}`)), { name: '王明', organisation: '办', team: '一组' });
  opened.push(s);
  return s;
}

function showSyncPage(s: Session) {
  useSessionStore.setState({ session: s });
  render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SyncPage />
      </AntApp>
    </ConfigProvider>,
  );
}

afterEach(async () => {
  cleanup();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  for (const s of opened.splice(0)) {
    s.db.close();
    await Dexie.delete(s.db.name);
  }
});

describe('同步与备份 says what the backups cannot do', () => {
  it('shows in red that the daily full backup failed, with the cause, until a full backup succeeds', async () => {
    const desk = fakeDesktop({ failSeries: ['auto-full'] });
    const s = await session();
    await new TargetRepository(s.db, s.logger).create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(s)).toMatch(/^auto-data-/);
    showSyncPage(s);
    const alert = await screen.findByTestId('full-backup-alert', {}, WAIT);
    expect(alert.textContent).toContain('每日完整备份（含照片）未能完成');
    expect(alert.textContent).toContain('本机存储空间不足');
    expect(alert.textContent).toContain('照片未备份；尚无完整备份');
    expect(alert.className).toContain('ant-alert-error');

    // The next full backup succeeds (the disk was cleared): the warning goes away by itself.
    desk.failSeries([]);
    await new TargetRepository(s.db, s.logger).create({ ...unit, name: '盘锦市民政局' });
    await act(async () => {
      expect(await autoBackup(s, new Date(Date.now() + 61 * 60 * 1000))).toMatch(/^auto-full-/);
    });
    await waitFor(() => expect(screen.queryByTestId('full-backup-alert')).toBeNull(), WAIT);
  });

  it('in a browser that cannot write to the chosen file, says that backups and bundles are downloaded whole at the end', async () => {
    const s = await session();
    // jsdom, like Firefox and Safari, has no save picker.
    setPlatform(createBrowserPlatform(document));
    showSyncPage(s);
    const note = await screen.findByTestId('download-note', {}, WAIT);
    expect(note.textContent).toContain('此浏览器不能边生成边写入文件');
    expect(note.textContent).toContain('请使用桌面版');
    cleanup();

    // Where the browser can write as it goes, nothing is said.
    (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker = async () => {
      throw new DOMException('cancelled', 'AbortError');
    };
    try {
      setPlatform(createBrowserPlatform(document));
      showSyncPage(s);
      await screen.findByRole('button', { name: /立即备份/ }, WAIT);
      expect(screen.queryByTestId('download-note')).toBeNull();
    } finally {
      delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    }
  });
});
