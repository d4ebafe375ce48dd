import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBytes } from '../../../renderer/app/storage';
import { PhotoRepository } from '../../../renderer/features/photos/photoRepository';
import { OriginalsCard } from '../../../renderer/features/settings/OriginalsCard';
import { setPlatform } from '../../../renderer/platform';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import type { PhotoOwner } from '../../../shared/photos/links';
import { FIXTURES, FakeProcessor, fixtureSource, newWorld, type World } from '../photos/fakes';

/** The machine may be busy: wait for what the user sees, however long it takes within the test's time. */
const WAIT = { timeout: 30_000 };
let world: World | undefined;
afterEach(async () => {
  cleanup();
  setPlatform(undefined);
  useSessionStore.setState({ session: null });
  if (world) {
    world.s.db.close();
    await Dexie.delete(world.dbName);
  }
  world = undefined;
});

const sha = (name: string) => createHash('sha256').update(readFileSync(join(FIXTURES, name))).digest('hex');

describe('设置 › 照片原件', () => {
  it('shows the space the originals take, and 核验 names the original that was altered and the one that is missing', async () => {
    const w = (world = await newWorld(true));
    const repo = new PhotoRepository(w.s.db, w.s.logger, new FakeProcessor(), () => new Date(2024, 5, 20, 14, 5, 11));
    const owner: PhotoOwner = { ownerType: 'assessment', ownerId: w.assessment.id, inspectionId: w.inspection.id, assessmentId: w.assessment.id };
    const watermark = await repo.watermarkFor(w.inspection.id, w.assessment.id);
    for (const name of ['hall-exif-gps.jpg', 'corner-no-exif.jpg', 'board-orient6.jpg']) await repo.attach(fixtureSource(name), owner, { watermark });
    const total = ['hall-exif-gps.jpg', 'corner-no-exif.jpg', 'board-orient6.jpg'].reduce((n, f) => n + readFileSync(join(FIXTURES, f)).length, 0);

    useSessionStore.setState({ session: w.s });
    const ui = () => (
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
        <AntApp>
          <OriginalsCard />
        </AntApp>
      </ConfigProvider>
    );
    render(ui());
    await waitFor(() => expect(screen.getByTestId('originals-usage').textContent).toBe(`3 张，占用 ${formatBytes(total)}`), WAIT);
    expect(screen.getByText(/保存在浏览器本地存储（IndexedDB）/)).toBeTruthy();

    // All intact: 核验 says so.
    fireEvent.click(screen.getByRole('button', { name: /核验照片原件/ }));
    const ok = await screen.findByTestId('originals-check', {}, WAIT);
    expect(ok.textContent).toContain('已核验 3 张照片：3 张原件与哈希值一致');
    expect(ok.className).toContain('ant-alert-success');

    // One original altered where it is kept, one lost.
    const bytes = readFileSync(join(FIXTURES, 'hall-exif-gps.jpg'));
    bytes[bytes.length - 10] ^= 0xff;
    await w.s.db.originals.put({ id: sha('hall-exif-gps.jpg'), blob: new Blob([bytes]), bytes: bytes.length, storedAt: '' });
    await w.s.db.originals.delete(sha('corner-no-exif.jpg'));
    fireEvent.click(screen.getByRole('button', { name: /核验照片原件/ }));
    await waitFor(() => expect(screen.getByTestId('originals-check').textContent).toContain('1 张不一致'), WAIT);
    const bad = screen.getByTestId('originals-check');
    expect(bad.textContent).toContain('已核验 3 张照片：1 张原件与哈希值一致，1 张不一致，1 张缺少原件');
    expect(bad.textContent).toContain('不一致：hall-exif-gps.jpg');
    expect(bad.textContent).toContain('原件文件已被改动或损坏，请从备份恢复');
    expect(bad.textContent).toContain('缺少原件：corner-no-exif.jpg');
    expect(bad.className).toContain('ant-alert-error');
    await waitFor(() => expect(screen.getByTestId('originals-usage').textContent).toMatch(/^2 张，占用 /), WAIT);
  });
});
