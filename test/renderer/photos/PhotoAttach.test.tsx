import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import Dexie from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PhotoAttach } from '../../../renderer/features/photos/PhotoAttach';
import { setPhotoProcessor } from '../../../renderer/features/photos/photoProcessor';
import { useSessionStore } from '../../../renderer/store/sessionStore';
import { FIXTURES, FakeProcessor, newWorld, type World } from './fakes';

let world: World | undefined;

beforeAll(() => {
  // jsdom has no object URLs; the thumbnails only need a string.
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

describe('PhotoAttach', () => {
  it('adds the good photos of a selection, lists the bad ones with their reasons, and shows the thumbnails', async () => {
    world = await newWorld();
    const fake = new FakeProcessor();
    setPhotoProcessor(fake);
    useSessionStore.setState({ session: world.s });
    render(
      <AntApp>
        <PhotoAttach ownerType="finding" ownerId="finding-9" inspectionId={world.inspection.id} assessmentId={world.assessment.id} />
      </AntApp>,
    );
    // The round has 水印 on: the component says so before anything is added.
    await screen.findByText('水印：开（不保留无水印副本）');
    expect(screen.getByText('暂无照片')).toBeInTheDocument();

    const input = screen.getByTestId('photo-file-input');
    await act(async () => {
      fireEvent.change(input, { target: { files: [file('hall-exif-gps.jpg'), file('not-a-photo.jpg', '现场照片.jpg'), file('iphone.heic', 'IMG_0420.HEIC')] } });
    });
    const summary = await screen.findByTestId('photo-batch-summary', {}, { timeout: 30_000 });
    expect(within(summary).getByText('新增 1 张照片。')).toBeInTheDocument();
    const failures = screen.getByTestId('photo-failures');
    expect(failures.textContent).toContain('现场照片.jpg：文件内容不是图片');
    expect(failures.textContent).toContain('IMG_0420.HEIC：暂不支持 HEIC 格式');

    await waitFor(() => expect(screen.getAllByTestId('photo-card')).toHaveLength(1));
    expect(screen.getByText('拍摄 2024-06-12 10:23')).toBeInTheDocument();
    expect(screen.getByText('用于报告')).toBeInTheDocument(); // evidence of a finding
    // The hash is a technical detail: not on the card (the viewer has it in 详细信息).
    expect(screen.queryByTestId('photo-hash')).toBeNull();
    expect(screen.getByTestId('photo-card').textContent).not.toMatch(/[0-9a-f]{16}/);
    // The watermark the round asks for went to the processor with the unit and the inspector.
    expect(fake.renders[0].watermark?.slice(1, 3)).toEqual(['被检查单位：盘山县人民政府', '检查人员：王明　检查批次：2024年年中考核']);
    expect(await world.s.db.photoLinks.where('ownerId').equals('finding-9').count()).toBe(1);
  });

  it('leaves the picture without watermark when told so', async () => {
    world = await newWorld();
    const fake = new FakeProcessor();
    setPhotoProcessor(fake);
    useSessionStore.setState({ session: world.s });
    render(
      <AntApp>
        <PhotoAttach ownerType="assessment" ownerId={world.assessment.id} inspectionId={world.inspection.id} assessmentId={world.assessment.id} watermark={null} />
      </AntApp>,
    );
    expect(await screen.findByText('水印：关')).toBeInTheDocument();
    await act(async () => {
      fireEvent.change(screen.getByTestId('photo-file-input'), { target: { files: [file('sign.png')] } });
    });
    await screen.findByText('新增 1 张照片。', {}, { timeout: 30_000 });
    expect(fake.renders[0].watermark).toBeNull();
  });
});
