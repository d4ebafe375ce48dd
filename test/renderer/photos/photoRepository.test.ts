import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { PhotoRepository, type BatchProgress, type PhotoSource } from '../../../renderer/features/photos/photoRepository';
import { HEIC_MESSAGE, STORAGE_FULL_MESSAGE } from '../../../shared/photos/errors';
import type { PhotoOwner } from '../../../shared/photos/links';
import { FIXTURES, FakeProcessor, fixtureSource, newWorld, type World } from './fakes';

let world: World | undefined;
afterEach(async () => {
  if (world) {
    world.s.db.close();
    await Dexie.delete(world.dbName);
  }
  world = undefined;
});

async function setup(watermarkPhotos = true) {
  world = await newWorld(watermarkPhotos);
  const fake = new FakeProcessor();
  const repo = new PhotoRepository(world.s.db, world.s.logger, fake, () => new Date(2024, 5, 20, 14, 5, 11));
  const owner: PhotoOwner = { ownerType: 'assessment', ownerId: world.assessment.id, inspectionId: world.inspection.id, assessmentId: world.assessment.id };
  const finding: PhotoOwner = { ...owner, ownerType: 'finding', ownerId: 'finding-1' };
  const watermark = await repo.watermarkFor(world.inspection.id, world.assessment.id);
  return { ...world, fake, repo, owner, finding, watermark };
}

async function counts(w: World) {
  const { db } = w.s;
  return { photos: await db.photos.count(), blobs: await db.photoBlobs.count(), links: await db.photoLinks.count() };
}

describe('attaching photos', () => {
  it('stores a phone photo once with its hash, EXIF, who attached it and to what', async () => {
    const { repo, owner, fake, watermark, s } = await setup();
    const out = await repo.attach(fixtureSource('hall-exif-gps.jpg', 'IMG_20240612_102305.jpg'), owner, { watermark });
    expect(out.kind).toBe('stored');
    const { photo, link } = out.view;
    expect(photo.id).toBe(createHash('sha256').update(readFileSync(join(FIXTURES, 'hall-exif-gps.jpg'))).digest('hex'));
    expect(photo).toMatchObject({
      originalName: 'IMG_20240612_102305.jpg',
      originalBytes: readFileSync(join(FIXTURES, 'hall-exif-gps.jpg')).length,
      mime: 'image/jpeg',
      width: 1600,
      height: 1200,
      takenAt: '2024-06-12T10:23:05',
      gps: { lat: 41.119583, lon: 122.071167 },
      camera: 'HUAWEI Mate 40 Pro',
      attachedBy: '王明',
      attachedAt: new Date(2024, 5, 20, 14, 5, 11).toISOString(),
      watermarked: true,
      processedBytes: 1000,
      deleted: 0,
    });
    expect(link).toMatchObject({ photoId: photo.id, ownerType: 'assessment', ownerId: 'asmt-1', inspectionId: 'insp-1', assessmentId: 'asmt-1', forReport: false });
    // The round's 水印 setting: time, unit, inspector, round and place.
    expect(fake.renders[0].watermark).toEqual([
      '拍摄时间：2024-06-12 10:23:05',
      '被检查单位：盘山县人民政府',
      '检查人员：王明　检查批次：2024年年中考核',
      '位置：北纬 41.119583°，东经 122.071167°',
    ]);
    expect(photo.watermarkText).toEqual(fake.renders[0].watermark);
    expect(await counts(world!)).toEqual({ photos: 1, blobs: 2, links: 1 });
    expect((await repo.blob(photo.id, 'thumb'))?.size).toBe(100);
    // Audited like every other write.
    expect((await historyOf(s.db, 'photos', photo.id)).map((e) => e.field)).toContain('takenAt');
    expect((await historyOf(s.db, 'photoLinks', link.id))[0].author).toBe('王明');
    expect(await repo.listForOwner('assessment', 'asmt-1')).toHaveLength(1);
  });

  it('keeps the picture as it is when the round has the watermark off', async () => {
    const { repo, owner, fake, watermark } = await setup(false);
    expect(watermark).toBeNull();
    const out = await repo.attach(fixtureSource('corner-no-exif.jpg'), owner, { watermark });
    expect(fake.renders[0].watermark).toBeNull();
    expect(out.view.photo).toMatchObject({ watermarked: false, watermarkText: [], takenAt: null, gps: null });
  });

  it('the same photo attached twice is stored once and linked twice', async () => {
    const { repo, owner, finding, fake, watermark } = await setup();
    await repo.attach(fixtureSource('board-orient6.jpg', 'a.jpg'), owner, { watermark });
    const again = await repo.attach(fixtureSource('board-orient6.jpg', '副本.jpg'), owner, { watermark });
    expect(again.kind).toBe('alreadyLinked');
    const other = await repo.attach(fixtureSource('board-orient6.jpg', 'b.jpg'), finding, { watermark });
    expect(other.kind).toBe('linked');
    expect(fake.renders).toHaveLength(1);
    expect(fake.discarded).toHaveLength(2);
    expect(await counts(world!)).toEqual({ photos: 1, blobs: 2, links: 2 });
    // Evidence of a finding is marked for the report by default.
    expect(other.view.link.forReport).toBe(true);
    // The displayed size follows EXIF orientation 6.
    expect([other.view.photo.width, other.view.photo.height]).toEqual([900, 1200]);
  });
});

describe('a batch with bad files', () => {
  it('reports each bad file with its reason, stores the good ones and nothing else', async () => {
    const { repo, owner, watermark } = await setup();
    const read = vi.fn(async () => new Uint8Array(100 * 1024 * 1024));
    const huge: PhotoSource = { name: '全景.jpg', size: 100 * 1024 * 1024, read };
    const progress: BatchProgress[] = [];
    const result = await repo.attachBatch(
      [
        fixtureSource('hall-exif-gps.jpg'),
        fixtureSource('not-a-photo.jpg'),
        fixtureSource('empty.jpg'),
        fixtureSource('hall-cut-in-half.jpg'),
        huge,
        fixtureSource('iphone.heic', 'IMG_0001.HEIC'),
        fixtureSource('animation.gif'),
        fixtureSource('scan.tif'),
        fixtureSource('drawing.bmp'),
        fixtureSource('sign.png'),
      ],
      owner,
      { watermark, onProgress: (p) => progress.push(p) },
    );
    expect(result.outcomes.map((o) => o.name)).toEqual(['hall-exif-gps.jpg', 'sign.png']);
    expect(result.failures.map((f) => [f.name, f.code])).toEqual([
      ['not-a-photo.jpg', 'notImage'],
      ['empty.jpg', 'empty'],
      ['hall-cut-in-half.jpg', 'truncated'],
      ['全景.jpg', 'tooLarge'],
      ['IMG_0001.HEIC', 'heic'],
      ['animation.gif', 'unsupported'],
      ['scan.tif', 'unsupported'],
      ['drawing.bmp', 'unsupported'],
    ]);
    expect(result.failures.find((f) => f.code === 'heic')?.reason).toBe(HEIC_MESSAGE);
    // The 100 MB file was refused from its size: never read.
    expect(read).not.toHaveBeenCalled();
    expect(await counts(world!)).toEqual({ photos: 2, blobs: 4, links: 2 });
    // Progress: one report before each file and a final one, counting up to the total.
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.at(-1)).toMatchObject({ total: 10, done: 10, failed: 8, current: null, timeLeftMs: 0 });
    expect(progress[1].current).toBe('not-a-photo.jpg');
  });

  it('a full disk: clear message, nothing half-written, the rest of the batch not tried', async () => {
    const { repo, owner, watermark, s } = await setup();
    const changesBefore = await s.db.changes.count();
    vi.spyOn(s.db.photoBlobs, 'bulkPut').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const result = await repo.attachBatch([fixtureSource('hall-exif-gps.jpg'), fixtureSource('sign.png')], owner, { watermark });
    expect(result.failures).toEqual([{ name: 'hall-exif-gps.jpg', code: 'storageFull', reason: STORAGE_FULL_MESSAGE }]);
    expect(result.failures[0].reason.startsWith('磁盘空间不足，照片未保存')).toBe(true);
    expect(result.stoppedForStorage).toBe(true);
    expect(result.notTried).toEqual(['sign.png']);
    // The photo row and its change-log entries were written before the blobs failed: rolled back with them.
    expect(await counts(world!)).toEqual({ photos: 0, blobs: 0, links: 0 });
    expect(await s.db.changes.count()).toBe(changesBefore);
  });

  it('stops before the next file when cancelled', async () => {
    const { repo, owner, watermark } = await setup();
    const ctrl = new AbortController();
    const result = await repo.attachBatch([fixtureSource('hall-exif-gps.jpg'), fixtureSource('sign.png')], owner, {
      watermark,
      signal: ctrl.signal,
      onProgress: (p) => p.done === 1 && ctrl.abort(),
    });
    expect(result.outcomes).toHaveLength(1);
    expect(result.notTried).toEqual(['sign.png']);
  });
});

describe('caption, report flag, links, recycle bin', () => {
  it('saves the caption and the 用于报告 mark with the change log', async () => {
    const { repo, owner, watermark, s } = await setup();
    const { view } = await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    await repo.setCaption(view.link.id, '  专区标识牌  ');
    await repo.setForReport(view.link.id, true);
    const [again] = await repo.listForOwner('assessment', owner.ownerId);
    expect(again.link).toMatchObject({ caption: '专区标识牌', forReport: true });
    expect((await historyOf(s.db, 'photoLinks', view.link.id)).filter((e) => e.field === 'caption').map((e) => e.value)).toEqual(['', '专区标识牌']);
  });

  it('unlinking one use keeps the photo; unlinking the last sends it to the bin', async () => {
    const { repo, owner, finding, watermark } = await setup();
    const a = await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    const f = await repo.attach(fixtureSource('hall-exif-gps.jpg'), finding, { watermark });
    expect(await repo.unlink(a.view.link.id)).toBe(false);
    expect(await repo.listForOwner('assessment', owner.ownerId)).toHaveLength(0);
    expect(await repo.listBin()).toHaveLength(0);
    expect(await repo.unlink(f.view.link.id)).toBe(true);
    expect(await repo.listBin()).toHaveLength(1);
    // Linking it again from the page brings the earlier link back, not a duplicate.
    await repo.restorePhoto(a.view.photo.id);
    const relinked = await repo.link(a.view.photo.id, owner);
    expect(relinked.id).toBe(a.view.link.id);
    expect(await world!.s.db.photoLinks.count()).toBe(2);
  });

  it('deleting a photo is soft: it leaves every list, sits in the bin and comes back with its links', async () => {
    const { repo, owner, finding, watermark } = await setup();
    const a = await repo.attach(fixtureSource('sign.png'), owner, { watermark });
    await repo.attach(fixtureSource('sign.png'), finding, { watermark });
    await repo.deletePhoto(a.view.photo.id);
    expect(await repo.listForInspection('insp-1')).toHaveLength(0);
    const bin = await repo.listBin('insp-1');
    expect(bin).toHaveLength(1);
    expect(bin[0].links.every((l) => l.deleted === 1)).toBe(true);
    // Bytes stay until the bin is emptied.
    expect(await repo.blob(a.view.photo.id, 'processed')).toBeDefined();

    await repo.restorePhoto(a.view.photo.id);
    expect((await repo.listForInspection('insp-1')).map((v) => v.link.ownerType).sort()).toEqual(['assessment', 'finding']);
    expect(await repo.listBin()).toHaveLength(0);
  });

  it('attaching a photo that is in the bin takes it out instead of storing it again', async () => {
    const { repo, owner, watermark, fake } = await setup();
    const a = await repo.attach(fixtureSource('sign.png'), owner, { watermark });
    await repo.deletePhoto(a.view.photo.id);
    const back = await repo.attach(fixtureSource('sign.png'), owner, { watermark });
    expect(back.kind).toBe('linked');
    expect(back.view.photo.deleted).toBe(0);
    expect(back.view.link.id).toBe(a.view.link.id);
    expect(fake.renders).toHaveLength(1);
  });

  it('emptying the bin frees the bytes for good and leaves photos in use alone', async () => {
    const { repo, owner, watermark, fake } = await setup();
    const keep = await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    const drop = await repo.attach(fixtureSource('sign.png'), owner, { watermark });
    expect(await repo.storageBytes()).toBe(2 * 1100);
    await repo.deletePhoto(drop.view.photo.id);
    // The stored copy and thumbnail (1,100 bytes in the fake) and, in the browser, the original file.
    expect(await repo.purgeBin()).toEqual({ photos: 1, bytes: 1100 + readFileSync(join(FIXTURES, 'sign.png')).length });
    expect(await repo.storageBytes()).toBe(1100);
    expect(await counts(world!)).toEqual({ photos: 1, blobs: 2, links: 1 });
    expect(await repo.listBin()).toHaveLength(0);
    await expect(repo.restorePhoto(drop.view.photo.id)).rejects.toThrow('照片已被永久删除，无法恢复');
    expect((await repo.listForOwner('assessment', owner.ownerId)).map((v) => v.photo.id)).toEqual([keep.view.photo.id]);
    // The same file later is processed and stored again.
    expect((await repo.attach(fixtureSource('sign.png'), owner, { watermark })).kind).toBe('stored');
    expect(fake.renders).toHaveLength(3);
  });

  it('names each owner for the gallery', async () => {
    const { repo, owner, watermark, inspection } = await setup();
    const indicator = inspection.scheme.sections[0].indicators[0];
    const ind: PhotoOwner = { ...owner, ownerType: 'indicator', ownerId: `${owner.assessmentId}:${indicator.id}` };
    const a = await repo.attach(fixtureSource('sign.png'), owner, { watermark });
    const b = await repo.attach(fixtureSource('sign.png'), ind, { watermark });
    const labels = await repo.ownerLabels([a.view.link, b.view.link]);
    expect(labels.get(a.view.link.id)).toBe('盘山县人民政府 · 评分记录');
    expect(labels.get(b.view.link.id)).toBe(`盘山县人民政府 · 考核指标：${indicator.title}`);
    const options = await repo.ownerOptions(owner.assessmentId);
    expect(options[0]).toMatchObject({ label: '盘山县人民政府（整体）', group: '评分记录' });
    expect(options.some((o) => o.group === '五统一核查项')).toBe(true);
  });
});
