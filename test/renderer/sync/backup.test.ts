import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { openArchiveFile } from '../../../renderer/features/lock/sealing';
import { indexedDbOriginals } from '../../../renderer/features/photos/originalStore';
import {
  autoBackup,
  createBackup,
  describeDbError,
  fullBackupState,
  prepareRestore,
  restoreBackup,
  writeBackup,
} from '../../../renderer/features/sync/backupService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { setPlatform } from '../../../renderer/platform';
import { ArchiveReader } from '../../../shared/backup/backupArchive';
import { memorySink, memorySource } from '../../../shared/backup/byteStreams';
import { sha256Hex } from '../../../shared/util/sha256';
import { makeZip } from '../../support/zipBombs';
import { fakeDesktop, jpeg } from './fakePlatform';

const names: string[] = [];
async function session(name = '王明') {
  const dbName = `bk-${Math.random().toString(36).slice(2)}`;
  names.push(dbName);
  return saveProfile(await openSession(new InspectorDatabase(dbName)), { name, organisation: '办', team: '一组' });
}
afterEach(async () => {
  setPlatform(undefined);
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

async function filesOf(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js/index-native.js');
  const zip = new ZipReader(new Uint8ArrayReader(bytes));
  const out: Record<string, Uint8Array> = {};
  for (const e of await zip.getEntries()) if (!e.directory) out[e.filename] = await e.getData(new Uint8ArrayWriter());
  return out;
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Rebuilds a backup with one table replaced (hash and size recomputed: only the row checks can catch it). */
async function withTable(bytes: Uint8Array, table: string, rows: unknown[] | null): Promise<Uint8Array> {
  const files = await filesOf(bytes);
  const manifest = JSON.parse(text(files['manifest.json']));
  if (rows === null) {
    delete manifest.tables[table];
    delete files[`tables/${table}.json`];
  } else {
    const raw = utf8(JSON.stringify(rows));
    files[`tables/${table}.json`] = raw;
    manifest.tables[table] = { rows: rows.length, sha256: await sha256Hex(raw), bytes: raw.byteLength };
  }
  files['manifest.json'] = utf8(JSON.stringify(manifest));
  return makeZip(files);
}

describe('backup and restore', () => {
  it('restores every row, the change log, photo copies and originals on another machine, keeping that machine’s identity', async () => {
    const a = await session('王明');
    await new TargetRepository(a.db, a.logger).createMany([{ ...unit, name: '盘锦市教育局' }, { ...unit, name: '盘锦市民政局' }]);
    const original = jpeg(1, 2, 3, 4, 5);
    const hash = await sha256Hex(original);
    await a.db.photos.put({ id: hash, deleted: 0 } as never);
    await a.db.photoBlobs.put({ id: `${hash}:thumb`, photoId: hash, blob: new Blob([jpeg(7) as BlobPart], { type: 'image/jpeg' }) });
    await indexedDbOriginals(a.db).put(hash, original);
    await a.db.meta.put({ key: 'settings.findingDeadlineWorkingDays', value: 10 });
    const { bytes } = await createBackup(a, 'test');

    const b = await session('李华');
    await new TargetRepository(b.db, b.logger).create({ ...unit, name: '将被替换的单位' });
    const preview = await restoreBackup(b, bytes, { originals: indexedDbOriginals(b.db) });
    expect(preview.fromOtherLaptop).toBe(true);
    expect((await b.db.targets.toArray()).map((t) => t.name).sort()).toEqual(['盘锦市教育局', '盘锦市民政局']);
    expect(await b.db.changes.count()).toBe(await a.db.changes.count());
    const blob = await b.db.photoBlobs.get(`${hash}:thumb`);
    expect(new Uint8Array(await blob!.blob.arrayBuffer())).toEqual(jpeg(7));
    expect(blob!.blob.type).toBe('image/jpeg');
    expect(await indexedDbOriginals(b.db).read(hash)).toEqual(original);
    // Office settings came along; the device identity and the inspector did not.
    expect((await b.db.meta.get('settings.findingDeadlineWorkingDays'))?.value).toBe(10);
    expect((await b.db.meta.get('device'))?.value).toEqual(b.device);
    expect((await b.db.meta.get('profile'))?.value).toMatchObject({ name: '李华' });
    const reopened = await openSession(b.db);
    expect(reopened.device.deviceId).toBe(b.device.deviceId);
    expect(reopened.device.deviceId).not.toBe(a.device.deviceId);
  });

  it('shows what will be replaced before restoring: counts per table, the newest change and which laptop made it', async () => {
    const a = await session('王明');
    await new TargetRepository(a.db, a.logger).createMany([{ ...unit, name: '甲' }, { ...unit, name: '乙' }]);
    const { bytes } = await createBackup(a, 'test');
    const b = await session('李华');
    await new TargetRepository(b.db, b.logger).createMany([{ ...unit, name: '丙' }, { ...unit, name: '丁' }, { ...unit, name: '戊' }]);
    const prepared = await prepareRestore(b, memorySource(bytes));
    const p = prepared.preview;
    expect(p.manifest).toMatchObject({ author: '王明', deviceId: a.device.deviceId });
    expect(p.fromOtherLaptop).toBe(true);
    expect(p.counts.find((c) => c.table === 'targets')).toEqual({ table: 'targets', label: '被检查单位', rows: 2, local: 3 });
    expect(p.newestChange?.author).toBe('王明');
    // Preparing wrote nothing.
    expect((await b.db.targets.toArray()).map((t) => t.name).sort()).toEqual(['丁', '丙', '戊']);
    await prepared.close();
  });

  it('refuses a damaged or foreign file with a clear message and changes nothing', async () => {
    const a = await session();
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    const { bytes } = await createBackup(a, 'test');
    const before = await a.db.targets.toArray();

    const files = await filesOf(bytes);
    files['tables/targets.json'] = utf8('[]'); // edited by hand: its checksum no longer matches
    await expect(restoreBackup(a, await makeZip(files))).rejects.toThrow('备份文件已损坏：数据表「targets」');
    await expect(restoreBackup(a, bytes.slice(0, bytes.length >> 1))).rejects.toThrow('备份文件已损坏');
    await expect(restoreBackup(a, await makeZip({ 'readme.txt': utf8('hello') }))).rejects.toThrow('不是本软件的备份文件');
    await expect(restoreBackup(a, utf8('not a backup at all, just text'))).rejects.toThrow('不是本软件的备份文件');
    expect(await a.db.targets.toArray()).toEqual(before);
  });

  it('refuses a backup that lists no tables, or misses required ones, and changes nothing', async () => {
    const a = await session();
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    const { bytes } = await createBackup(a, 'test');
    const files = await filesOf(bytes);
    const manifest = JSON.parse(text(files['manifest.json']));
    manifest.tables = {};
    const empty = await makeZip({ 'manifest.json': utf8(JSON.stringify(manifest)) });
    await expect(restoreBackup(a, empty)).rejects.toThrow('备份文件不含任何数据表，已拒绝恢复（恢复它会清空本机全部数据）');
    await expect(restoreBackup(a, await withTable(bytes, 'findings', null))).rejects.toThrow('备份文件缺少必需的数据表：问题，已拒绝恢复');
    expect((await a.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市教育局']);
  });

  it('validates every row: a row the app could not have written is refused with its table and row, nothing written', async () => {
    const a = await session();
    await new TargetRepository(a.db, a.logger).createMany([{ ...unit, name: '甲' }, { ...unit, name: '乙' }]);
    const { bytes } = await createBackup(a, 'test');
    const rows = await a.db.targets.toArray();
    const bad = await withTable(bytes, 'targets', [rows[0], { ...rows[1], id: 42 }]);
    await expect(restoreBackup(a, bad)).rejects.toThrow('备份文件内容无效：数据表「被检查单位」第 2 行字段「id」无效');
    const hidden = await withTable(bytes, 'targets', [rows[0], { ...rows[1], deleted: 'yes' }]);
    await expect(restoreBackup(a, hidden)).rejects.toThrow('第 2 行字段「deleted」无效');
    const twice = await withTable(bytes, 'targets', [rows[0], rows[0]]);
    await expect(restoreBackup(a, twice)).rejects.toThrow('数据表「被检查单位」第 2 行的编号重复');
    const changes = await a.db.changes.toArray();
    const forged = await withTable(bytes, 'changes', [...changes, { id: 'x', hlc: 'soon' }]);
    await expect(restoreBackup(a, forged)).rejects.toThrow('数据表「修改记录」');
    expect((await a.db.targets.toArray()).map((t) => t.name).sort()).toEqual(['乙', '甲']);
  });

  it('refuses a backup written by a newer version of the app', async () => {
    const a = await session();
    const { bytes } = await createBackup(a, 'test');
    const files = await filesOf(bytes);
    const manifest = JSON.parse(text(files['manifest.json']));
    manifest.dbVersion = 99;
    files['manifest.json'] = utf8(JSON.stringify(manifest));
    await expect(restoreBackup(a, await makeZip(files))).rejects.toThrow('更新版本');
  });

  it('says database errors in Chinese, with what to do', () => {
    expect(describeDbError(Object.assign(new Error('Key already exists in the object store.'), { name: 'ConstraintError' }))).toBe('备份中有编号重复的记录，无法写入（备份文件可能被改动过）');
    expect(describeDbError(Object.assign(new Error('bulkAdd(): 3 of 3 operations failed'), { name: 'BulkError' }))).toContain('编号重复');
    expect(describeDbError(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }))).toContain('本机存储空间不足');
    expect(describeDbError(new SyntaxError('Unexpected token } in JSON at position 3'))).toContain('文件内容不是有效的数据格式');
  });

  it('streams: photos are written one by one in chunks the platform accepts', async () => {
    const a = await session();
    for (let i = 0; i < 5; i++) {
      const bytes = new Uint8Array(3 * 1024 * 1024);
      bytes.set(jpeg(i));
      await a.db.photoBlobs.put({ id: `p${i}:processed`, photoId: `p${i}`, blob: new Blob([bytes as BlobPart], { type: 'image/jpeg' }) });
    }
    const sink = memorySink(); // throws on a chunk over 8 MiB
    const progress: number[] = [];
    const w = await writeBackup(a, sink, 'test', { onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    expect(sink.chunks).toBeGreaterThanOrEqual(4);
    const r = await ArchiveReader.open(memorySource(sink.bytes()), a.db.verno);
    expect(r.manifest.blobs.map((b) => b.id).sort()).toEqual(['p0:processed', 'p1:processed', 'p2:processed', 'p3:processed', 'p4:processed']);
    expect(w.bytes).toBe(sink.bytes().byteLength);
  });
});

describe('automatic backups on the desktop', () => {
  it('writes a full daily backup with photos and originals first, then data-only ones that restore without touching local photos', async () => {
    const desk = fakeDesktop();
    const a = await session();
    const repo = new TargetRepository(a.db, a.logger);
    const original = jpeg(42);
    const hash = await sha256Hex(original);
    await desk.store.put(hash, original);
    await a.db.photos.put({ id: hash, deleted: 0 } as never);
    await a.db.photoBlobs.put({ id: `${hash}:thumb`, photoId: hash, blob: new Blob([jpeg(1, 2, 3) as BlobPart], { type: 'image/jpeg' }) });
    await repo.create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(a)).toMatch(/^auto-full-/);
    expect(await autoBackup(a)).toBeNull(); // no change since
    await repo.create({ ...unit, name: '盘锦市民政局' });
    expect(await autoBackup(a)).toMatch(/^auto-data-/);
    expect(desk.files.map((f) => f.series)).toEqual(['auto-full', 'auto-data']);
    // Automatic backups are sealed with this laptop's key.
    const full = await ArchiveReader.open((await openArchiveFile(a.db, desk.files[0].bytes, 'backup')).source, a.db.verno);
    expect(full.manifest).toMatchObject({ includesPhotos: true, includesOriginals: true, blobs: [{ id: `${hash}:thumb` }], originals: [{ sha256: hash }] });
    const data = await ArchiveReader.open((await openArchiveFile(a.db, desk.files[1].bytes, 'backup')).source, a.db.verno);
    expect(data.manifest).toMatchObject({ includesPhotos: false, blobs: [], originals: [] });

    // Restoring the data-only backup keeps the photo bytes on this machine.
    await a.db.photoBlobs.put({ id: 'q:thumb', photoId: 'q', blob: new Blob([jpeg(9) as BlobPart], { type: 'image/jpeg' }) });
    await restoreBackup(a, desk.files[1].bytes);
    expect((await a.db.photoBlobs.toArray()).map((b) => b.id).sort()).toEqual([`${hash}:thumb`, 'q:thumb']);
    // The full one replaces them with its own.
    await restoreBackup(a, desk.files[0].bytes);
    expect((await a.db.photoBlobs.toArray()).map((b) => b.id)).toEqual([`${hash}:thumb`]);
    expect((await a.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市教育局']);
  });

  it('never falls back silently: a failed full backup is recorded until one succeeds, and the data is still backed up', async () => {
    const desk = fakeDesktop({ failSeries: ['auto-full'] });
    const a = await session();
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(a)).toMatch(/^auto-data-/);
    const state = await fullBackupState(a.db);
    expect(state.problem?.message).toContain('本机存储空间不足');
    expect(state.lastOkAt).toBeNull();
    // Within the hour it does not try the full one again; after it, it does and clears the problem.
    desk.failSeries([]);
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市民政局' });
    expect(await autoBackup(a)).toMatch(/^auto-data-/);
    expect((await fullBackupState(a.db)).problem).not.toBeNull();
    expect(await autoBackup(a, new Date(Date.now() + 61 * 60 * 1000))).toMatch(/^auto-full-/);
    expect(await fullBackupState(a.db)).toMatchObject({ problem: null, lastOkAt: expect.any(String) });
  });
});
