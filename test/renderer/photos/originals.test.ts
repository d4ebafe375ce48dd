import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { indexedDbOriginals, type OriginalsBackend } from '../../../renderer/features/photos/originalStore';
import { PhotoRepository } from '../../../renderer/features/photos/photoRepository';
import { createBackup, restoreBackup } from '../../../renderer/features/sync/backupService';
import { setPlatform } from '../../../renderer/platform';
import { readAll } from '../../../shared/backup/byteStreams';
import type { PhotoOwner } from '../../../shared/photos/links';
import { fakeDesktop } from '../sync/fakePlatform';
import { FIXTURES, FakeProcessor, fixtureSource, newWorld, type World } from './fakes';

let world: World | undefined;
afterEach(async () => {
  setPlatform(undefined);
  if (world) {
    world.s.db.close();
    await Dexie.delete(world.dbName);
  }
  world = undefined;
});

const sha = (name: string) => createHash('sha256').update(readFileSync(join(FIXTURES, name))).digest('hex');

async function setup(originals?: OriginalsBackend) {
  world = await newWorld(true);
  const repo = new PhotoRepository(world.s.db, world.s.logger, new FakeProcessor(), () => new Date(2024, 5, 20, 14, 5, 11), originals);
  const owner: PhotoOwner = { ownerType: 'assessment', ownerId: world.assessment.id, inspectionId: world.inspection.id, assessmentId: world.assessment.id };
  const watermark = await repo.watermarkFor(world.inspection.id, world.assessment.id);
  return { ...world, repo, owner, watermark };
}

describe('original photo files kept as evidence', () => {
  it('browser: keeps the original file in IndexedDB, once, with the space it takes', async () => {
    const { repo, owner, watermark, s } = await setup();
    await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    await repo.attach(fixtureSource('hall-exif-gps.jpg', 'copy.jpg'), owner, { watermark });
    const hash = sha('hall-exif-gps.jpg');
    const kept = await repo.originals.read(hash);
    expect(createHash('sha256').update(kept!).digest('hex')).toBe(hash);
    expect(await s.db.originals.count()).toBe(1);
    expect(await repo.originals.usage()).toEqual({ count: 1, bytes: readFileSync(join(FIXTURES, 'hall-exif-gps.jpg')).length });
  });

  it('desktop: the original goes to the platform’s file store; IndexedDB holds metadata and small copies only', async () => {
    const desk = fakeDesktop();
    const { repo, owner, watermark, s } = await setup();
    await repo.attach(fixtureSource('corner-no-exif.jpg'), owner, { watermark });
    const hash = sha('corner-no-exif.jpg');
    expect(repo.originals.kind).toBe('files');
    expect([...desk.originals.keys()]).toEqual([hash]);
    expect(await s.db.originals.count()).toBe(0);
    const source = await desk.store.read(hash);
    expect(createHash('sha256').update(await readAll(source!)).digest('hex')).toBe(hash);
  });

  it('核验 recomputes every original’s hash and reports mismatches and missing files', async () => {
    const { repo, owner, watermark, s } = await setup();
    await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    await repo.attach(fixtureSource('corner-no-exif.jpg'), owner, { watermark });
    await repo.attach(fixtureSource('board-orient6.jpg'), owner, { watermark });
    expect(await repo.verifyOriginals()).toMatchObject({ checked: 3, ok: 3, mismatched: [], missing: [] });
    // One file altered on disk, one lost.
    const altered = sha('hall-exif-gps.jpg');
    const bytes = readFileSync(join(FIXTURES, 'hall-exif-gps.jpg'));
    bytes[bytes.length - 10] ^= 0xff;
    await s.db.originals.put({ id: altered, blob: new Blob([bytes]), bytes: bytes.length, storedAt: '' });
    await s.db.originals.delete(sha('corner-no-exif.jpg'));
    const progress: number[] = [];
    const check = await repo.verifyOriginals((done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3]);
    expect(check.ok).toBe(1);
    expect(check.mismatched.map((p) => p.id)).toEqual([altered]);
    expect(check.missing.map((p) => p.id)).toEqual([sha('corner-no-exif.jpg')]);
  });

  it('full backups carry the originals and a restore brings missing ones back', async () => {
    const { repo, owner, watermark, s } = await setup();
    await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    const { bytes } = await createBackup(s, 'test');
    const hash = sha('hall-exif-gps.jpg');
    await s.db.originals.clear();
    await restoreBackup(s, bytes);
    expect(await indexedDbOriginals(s.db).missing([hash])).toEqual([]);
    expect(await repo.verifyOriginals()).toMatchObject({ ok: 1, mismatched: [], missing: [] });
  });

  it('清空回收站 gives the browser original’s space back too', async () => {
    const { repo, owner, watermark, s } = await setup();
    const out = await repo.attach(fixtureSource('hall-exif-gps.jpg'), owner, { watermark });
    await repo.deletePhoto(out.view.photo.id);
    await repo.purgeBin();
    expect(await s.db.originals.count()).toBe(0);
  });
});

describe('database migration v4 → v6', () => {
  it('opens a database written by version 4 without losing a row and adds the originals store', async () => {
    const name = `mig4-${Math.random().toString(36).slice(2)}`;
    const v4 = new InspectorDatabase(name);
    // Open at version 4 exactly: a Dexie with the same declarations up to v4.
    v4.close();
    const old = new Dexie(name);
    old.version(1).stores({ meta: 'key', targets: 'id, name, kind, region, updatedAt', changes: 'id, hlc, [table+rowId]' });
    old.version(2).stores({ targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind]' });
    old.version(3).stores({ photos: 'id, deleted', photoBlobs: 'id, photoId', photoLinks: 'id, photoId, ownerId, assessmentId, inspectionId, [ownerId+deleted], [inspectionId+deleted]' });
    old.version(4).stores({ conflicts: 'id, [table+rowId]', importedBundles: 'id, importedAt' });
    await old.open();
    await old.table('targets').put({ id: 't1', name: '盘山县人民政府', deleted: 0 });
    await old.table('photos').put({ id: 'p1', deleted: 0, originalName: 'a.jpg' });
    old.close();
    const db = new InspectorDatabase(name);
    await db.open();
    expect(db.verno).toBe(12);
    expect(await db.targets.get('t1')).toMatchObject({ name: '盘山县人民政府' });
    expect(await db.photos.get('p1')).toMatchObject({ originalName: 'a.jpg' });
    await indexedDbOriginals(db).put('a'.repeat(64), new Uint8Array([1, 2, 3]));
    expect(await db.originals.count()).toBe(1);
    db.close();
    await Dexie.delete(name);
  });
});
