import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../shared/domain/findings';
import { FindingFormModal } from '../../../renderer/features/findings/FindingFormModal';
import { FindingRepository } from '../../../renderer/features/findings/findingRepository';
import { localDate } from '../../../renderer/features/inspections/dates';
import { setPhotoProcessor } from '../../../renderer/features/photos/photoProcessor';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { FIXTURES, FakeProcessor, newWorld, type World } from '../photos/fakes';

/** The machine may be busy: wait for what the user sees, however long it takes within the test's time. */
const WAIT = { timeout: 30_000 };
let world: World | undefined;

beforeAll(() => {
  // jsdom has no object URLs; the previews only need a string.
  let n = 0;
  URL.createObjectURL = () => `blob:test/${++n}`;
  URL.revokeObjectURL = () => undefined;
});

afterEach(async () => {
  cleanup();
  setPhotoProcessor(undefined);
  useSessionStore.setState({ session: null });
  if (world) {
    world.s.db.close();
    await Dexie.delete(world.dbName);
  }
  world = undefined;
});

function file(name: string, as = name): File {
  return new File([readFileSync(join(FIXTURES, name))], as, { type: 'image/jpeg' });
}

function renderForm(w: World, onClose: (saved?: Finding) => void) {
  useSessionStore.setState({ session: w.s });
  render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <FindingFormModal open assessment={w.assessment} scheme={w.inspection.scheme} preset={{ description: '专区公开栏未按要求更新' }} onClose={onClose} />
      </AntApp>
    </ConfigProvider>,
  );
}

async function openForm(w: World, onClose: (saved?: Finding) => void) {
  renderForm(w, onClose);
  // The default deadline has been filled in: the form can be saved.
  await screen.findByText(/默认为自今日起 \d+ 个工作日/, {}, WAIT);
  return userEvent.setup();
}

async function choose(files: File[]) {
  const input = await screen.findByTestId('photo-file-input', {}, WAIT);
  await act(async () => {
    fireEvent.change(input, { target: { files } });
  });
}

/** A button by its text (role queries over the whole form are slow in jsdom on a busy machine). */
async function button(text: string, within: HTMLElement = document.body): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    found = [...within.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === text && !b.disabled) ?? null;
    expect(found).not.toBeNull();
  }, WAIT);
  return found!;
}

/** The confirmation just opened (a closing one may still be in the page). */
async function dialogTitled(title: string): Promise<HTMLElement> {
  const all = await screen.findAllByText(title, {}, WAIT);
  return all[all.length - 1].closest<HTMLElement>('.ant-modal')!;
}

describe('记录问题 with photos before the finding is saved', () => {
  it('holds the photos with the form, keeps them when the save fails, and attaches them watermarked when it succeeds', async () => {
    const w = (world = await newWorld());
    const fake = new FakeProcessor();
    setPhotoProcessor(fake);
    const onClose = vi.fn();
    const user = await openForm(w, onClose);
    expect(screen.queryByText(/保存问题后.*添加照片/)).toBeNull();

    await choose([file('hall-exif-gps.jpg'), file('corner-no-exif.jpg', '公开栏.jpg'), file('not-a-photo.jpg', '现场照片.jpg')]);
    expect(await screen.findAllByTestId('pending-photo', {}, WAIT)).toHaveLength(3);
    expect(screen.getByText(/已选 3 张，保存问题时一并保存/)).toBeInTheDocument();
    // Held, not stored: nothing is in the database before the finding is saved.
    expect(await w.s.db.photos.count()).toBe(0);

    // The save fails (the assessment was removed from the round meanwhile): the form stays open with its photos.
    await w.s.db.assessments.update(w.assessment.id, { deleted: 1 });
    await user.click(await button('保存'));
    expect(await screen.findByText('评分记录不存在或已被移出检查任务', {}, WAIT)).toBeInTheDocument();
    expect(screen.getAllByTestId('pending-photo')).toHaveLength(3);
    expect(onClose).not.toHaveBeenCalled();
    expect(await w.s.db.findings.count()).toBe(0);
    expect(await w.s.db.photos.count()).toBe(0);

    // Saved again: the finding is recorded and the good photos attached, watermarked, hashed and for the report.
    await w.s.db.assessments.update(w.assessment.id, { deleted: 0 });
    await user.click(await button('保存'));
    expect(await screen.findByText(/问题已保存，但有 1 张照片未能保存，仍保留在表单中：现场照片\.jpg（文件内容不是图片/, {}, WAIT)).toBeInTheDocument();
    const findings = await w.s.db.findings.toArray();
    expect(findings.map((f) => f.description)).toEqual(['专区公开栏未按要求更新']);
    const links = await w.s.db.photoLinks.where('ownerId').equals(findings[0].id).toArray();
    expect(links).toHaveLength(2);
    expect(links.every((l) => l.forReport && l.ownerType === 'finding' && l.assessmentId === w.assessment.id)).toBe(true);
    const photos = await w.s.db.photos.bulkGet(links.map((l) => l.photoId));
    expect(photos.map((p) => p?.id)).toEqual(links.map((l) => l.photoId));
    expect(photos.every((p) => /^[0-9a-f]{64}$/.test(p!.id) && p!.watermarked)).toBe(true);
    expect(fake.renders.map((r) => r.watermark?.[1])).toEqual(['被检查单位：盘山县人民政府', '被检查单位：盘山县人民政府']);

    // The form stayed open on the saved finding, with the photo that failed and its reason.
    await screen.findByText('编辑问题', {}, WAIT);
    const left = screen.getAllByTestId('pending-photo');
    expect(left).toHaveLength(1);
    expect(within(left[0]).getByTestId('pending-photo-problem').textContent).toMatch(/^未保存：文件内容不是图片/);
    expect(onClose).not.toHaveBeenCalled();

    // Removing it and saving closes the form, with no second finding.
    await user.click(within(left[0]).getByLabelText('移除 现场照片.jpg'));
    await user.click(await button('保存'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1), WAIT);
    expect(onClose.mock.calls[0][0]).toMatchObject({ id: findings[0].id });
    expect(await w.s.db.findings.count()).toBe(1);
    expect(await w.s.db.photoLinks.where('ownerId').equals(findings[0].id).count()).toBe(2);
  });

  it('asks before cancelling a form with photos, and discards them only when told', async () => {
    const w = (world = await newWorld());
    setPhotoProcessor(new FakeProcessor());
    const onClose = vi.fn();
    const user = await openForm(w, onClose);
    await choose([file('hall-exif-gps.jpg')]);
    await screen.findByTestId('pending-photo', {}, WAIT);

    await user.click(await button('取消'));
    let confirm = await dialogTitled('放弃尚未保存的照片？');
    expect(confirm.textContent).toContain('已选择的 1 张照片尚未保存，问题也尚未保存；关闭后这些照片不会保存。');
    await user.click(await button('继续编辑', confirm));
    expect(screen.getAllByTestId('pending-photo')).toHaveLength(1);
    expect(onClose).not.toHaveBeenCalled();

    await user.click(await button('取消'));
    confirm = await dialogTitled('放弃尚未保存的照片？');
    await user.click(await button('放弃并关闭', confirm));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1), WAIT);
    expect(onClose.mock.calls[0][0]).toBeUndefined();
    expect(await w.s.db.findings.count()).toBe(0);
    expect(await w.s.db.photos.count()).toBe(0);
  });

  it('closes at once when there are no photos to lose', async () => {
    const w = (world = await newWorld());
    const onClose = vi.fn();
    const user = await openForm(w, onClose);
    await user.click(await button('取消'));
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('放弃尚未保存的照片？')).toBeNull();
  });
});

describe('记录问题 while the screen behind it updates', () => {
  it('keeps what the inspector typed when the round is read again from the database (a new scheme object, same content)', async () => {
    const w = (world = await newWorld());
    useSessionStore.setState({ session: w.s });
    const onClose = vi.fn();
    const preset = { description: '专区公开栏未按要求更新' };
    const ui = (scheme: typeof w.inspection.scheme) => (
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
        <AntApp>
          <FindingFormModal open assessment={w.assessment} scheme={scheme} preset={preset} onClose={onClose} />
        </AntApp>
      </ConfigProvider>
    );
    const { rerender } = render(ui(w.inspection.scheme));
    await screen.findByText(/默认为自今日起 \d+ 个工作日/, {}, WAIT);
    const description = screen.getByLabelText('问题描述') as HTMLTextAreaElement;
    fireEvent.change(description, { target: { value: '公开栏内容停留在2023年，未更新' } });
    // An autosave elsewhere makes the round's live query hand over a fresh copy of its scheme.
    rerender(ui(structuredClone(w.inspection.scheme)));
    await act(async () => undefined);
    expect((screen.getByLabelText('问题描述') as HTMLTextAreaElement).value).toBe('公开栏内容停留在2023年，未更新');
    // And it is what gets saved.
    fireEvent.click(await button('保存'));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1), WAIT);
    expect((onClose.mock.calls[0][0] as Finding).description).toBe('公开栏内容停留在2023年，未更新');
  });
});

describe('记录问题 saved at once', () => {
  it('saves with the default deadline when 保存 is pressed before the deadline has been read', async () => {
    const w = (world = await newWorld());
    const onClose = vi.fn();
    renderForm(w, onClose);
    // Straight away, without waiting for the 默认为自今日起… line.
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1), WAIT);
    const saved = onClose.mock.calls[0][0] as Finding;
    expect(saved.description).toBe('专区公开栏未按要求更新');
    expect(saved.deadline).toBe(await new FindingRepository(w.s.db, w.s.logger).defaultDeadline(localDate()));
    expect(screen.queryByText('请选择整改期限')).toBeNull();
  });
});
