import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { createBackup, restoreBackup } from '../../../renderer/features/sync/backupService';
import { setPlatform, type BackupSeries } from '../../../renderer/platform';
import { createBrowserPlatform } from '../../../renderer/platform/browserPlatform';
import { strToU8, unzipSync, zipSync } from 'fflate';

const names: string[] = [];
async function session() {
  const name = `bk-${Math.random().toString(36).slice(2)}`;
  names.push(name);
  const s = await saveProfile(await openSession(new InspectorDatabase(name)), { name: '王明', organisation: '办', team: '一组' });
  return s;
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

describe('backup and restore', () => {
  it('restores every row, the change log and photo bytes on another machine', async () => {
    const a = await session();
    await new TargetRepository(a.db, a.logger).createMany([{ ...unit, name: '盘锦市教育局' }, { ...unit, name: '盘锦市民政局' }]);
    await a.db.photoBlobs.put({ id: 'abc:thumb', photoId: 'abc', blob: new Blob([new Uint8Array([0xff, 0xd8, 1, 2, 3])], { type: 'image/jpeg' }) });
    const { bytes } = await createBackup(a, 'test');

    const b = await session();
    await new TargetRepository(b.db, b.logger).create({ ...unit, name: '将被替换的单位' });
    await restoreBackup(b.db, bytes);
    expect((await b.db.targets.toArray()).map((t) => t.name).sort()).toEqual(['盘锦市教育局', '盘锦市民政局']);
    expect(await b.db.changes.count()).toBe(await a.db.changes.count());
    const blob = await b.db.photoBlobs.get('abc:thumb');
    expect(new Uint8Array(await blob!.blob.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 1, 2, 3]));
    expect(blob!.blob.type).toBe('image/jpeg');
  });

  it('refuses a damaged or foreign file with a clear message and changes nothing', async () => {
    const a = await session();
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    const { bytes } = await createBackup(a, 'test');
    const before = await a.db.targets.toArray();

    // A table edited by hand: its checksum no longer matches.
    const files = unzipSync(bytes);
    files['tables/targets.json'] = strToU8('[]');
    await expect(restoreBackup(a.db, zipSync(files))).rejects.toThrow('备份文件已损坏：数据表「targets」校验不符');
    // Cut in half.
    await expect(restoreBackup(a.db, bytes.slice(0, bytes.length >> 1))).rejects.toThrow('备份文件已损坏');
    // A zip from elsewhere, and a text file.
    await expect(restoreBackup(a.db, zipSync({ 'readme.txt': strToU8('hello') }))).rejects.toThrow('不是本软件的备份文件');
    await expect(restoreBackup(a.db, strToU8('not a backup at all, just text'))).rejects.toThrow('不是本软件的备份文件');
    expect(await a.db.targets.toArray()).toEqual(before);
  });

  it('refuses a backup written by a newer version of the app', async () => {
    const a = await session();
    const { bytes } = await createBackup(a, 'test');
    const files = unzipSync(bytes);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    manifest.dbVersion = 99;
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    await expect(restoreBackup(a.db, zipSync(files))).rejects.toThrow('更新版本');
  });
});

describe('automatic backups on the desktop', () => {
  it('writes a full daily backup first, then data-only ones that restore without touching local photos', async () => {
    const a = await session();
    const written: { name: string; series: string; data: Uint8Array; at: string }[] = [];
    const base = createBrowserPlatform();
    // The desktop's backup folder as the main process keeps it: it names each file by series.
    setPlatform({
      ...base,
      kind: 'desktop',
      backups: {
        list: async () => written.map((w) => ({ name: w.name, series: w.series as BackupSeries, bytes: w.data.byteLength, modifiedAt: w.at, protected: false })),
        create: async (series) => {
          const chunks: Uint8Array[] = [];
          const name = `${series}-${written.length}.zwgkbak`;
          return {
            write: async (c) => void chunks.push(c.slice()),
            abort: async () => undefined,
            close: async () => {
              const data = new Uint8Array(await new Blob(chunks as BlobPart[]).arrayBuffer());
              written.push({ name, series, data, at: new Date().toISOString() });
              return { name, bytes: data.byteLength };
            },
          };
        },
        open: async () => {
          throw new Error('not used');
        },
      },
    });
    try {
      const { autoBackup } = await import('../../../renderer/features/sync/backupService');
      const repo = new TargetRepository(a.db, a.logger);
      await a.db.photoBlobs.put({ id: 'p:thumb', photoId: 'p', blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }) });
      expect(await autoBackup(a)).toBeNull(); // nothing changed yet: no backup
      await repo.create({ ...unit, name: '盘锦市教育局' });
      expect(await autoBackup(a)).toMatch(/^auto-full-/);
      expect(await autoBackup(a)).toBeNull(); // no change since
      await repo.create({ ...unit, name: '盘锦市民政局' });
      expect(await autoBackup(a)).toMatch(/^auto-data-/);
      expect(written.map((w) => w.series)).toEqual(['auto-full', 'auto-data']);
      const { unpackBackup } = await import('../../../shared/backup/backupArchive');
      expect((await unpackBackup(written[0].data, a.db.verno)).content).toMatchObject({ includesPhotos: true, blobs: [{ id: 'p:thumb' }] });
      expect((await unpackBackup(written[1].data, a.db.verno)).content).toMatchObject({ includesPhotos: false, blobs: [] });

      // Restoring the data-only backup keeps the photo bytes on this machine.
      await a.db.photoBlobs.put({ id: 'q:thumb', photoId: 'q', blob: new Blob([new Uint8Array([9])], { type: 'image/jpeg' }) });
      await restoreBackup(a.db, written[1].data);
      expect((await a.db.photoBlobs.toArray()).map((b) => b.id).sort()).toEqual(['p:thumb', 'q:thumb']);
      // The full one replaces them with its own.
      await restoreBackup(a.db, written[0].data);
      expect((await a.db.photoBlobs.toArray()).map((b) => b.id)).toEqual(['p:thumb']);
      expect((await a.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市教育局']);
    } finally {
      setPlatform(undefined);
    }
  });
});
