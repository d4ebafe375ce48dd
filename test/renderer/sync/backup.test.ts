import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { openArchiveFile } from '../../../renderer/features/lock/sealing';
import { indexedDbOriginals } from '../../../renderer/features/photos/originalStore';
import {
  autoBackup,
  createBackup,
  prepareRestore,
  restoreBackup,
  saveBackupAs,
  writeBackup,
} from '../../../renderer/features/sync/backupService';
import { fullBackupState } from '../../../renderer/features/sync/backupState';
import { PhotoRepository } from '../../../renderer/features/photos/photoRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { setPlatform, userMessage } from '../../../renderer/platform';
import { ArchiveReader, BackupError } from '../../../shared/backup/backupArchive';
import { memorySink, memorySource, readAll } from '../../../shared/backup/byteStreams';
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

const TAKEN_AWAY = '带走的备份口令2026';
const unit = { kind: '政府部门' as const, region: '市直', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' };

async function filesOf(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js/index-native.js');
  const zip = new ZipReader(new Uint8ArrayReader(bytes));
  const out: Record<string, Uint8Array> = {};
  for (const e of await zip.getEntries()) if (!e.directory) out[e.filename] = await e.getData(new Uint8ArrayWriter());
  return out;
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);
/** The zip inside a sealed backup, opened with this laptop's key. */
const unsealed = async (db: InspectorDatabase, bytes: Uint8Array) => readAll((await openArchiveFile(db, bytes, 'backup')).source);
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

  it('says database errors in Chinese, with the cause and what to do', () => {
    const duplicate = userMessage(Object.assign(new Error('Key already exists in the object store.'), { name: 'ConstraintError' }), 'restore');
    expect(duplicate).toMatch(/^备份中有编号重复的记录，无法写入（备份文件可能被改动过）。请改用另一份备份/);
    expect(userMessage(Object.assign(new Error('bulkAdd(): 3 of 3 operations failed'), { name: 'BulkError' }), 'restore')).toBe(duplicate);
    expect(userMessage(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }), 'restore')).toContain('本机存储空间不足');
    expect(userMessage(new SyntaxError('Unexpected token } in JSON at position 3'), 'restore')).toContain('文件内容不是有效的数据格式');
    // A refusal already in words passes through as it is.
    expect(userMessage(new BackupError('备份文件已损坏：数据表「targets」校验不符'), 'restore')).toBe('备份文件已损坏：数据表「targets」校验不符');
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
    // The original went into the store beside the backups; the file references it.
    expect(full.manifest).toMatchObject({ includesPhotos: true, includesOriginals: true, blobs: [{ id: `${hash}:thumb` }], originals: [], storedOriginals: [hash] });
    expect(desk.files[0].references).toEqual([hash]);
    expect(desk.backupStore.get(hash)).toEqual(original);
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

  /** A photo with its original on this machine (the desktop's original files) and a thumbnail. */
  async function photo(s: Awaited<ReturnType<typeof session>>, desk: ReturnType<typeof fakeDesktop>, ...fill: number[]) {
    const original = jpeg(...fill);
    const hash = await sha256Hex(original);
    await desk.store.put(hash, original);
    await s.db.photos.put({ id: hash, deleted: 0 } as never);
    await s.db.photoBlobs.put({ id: `${hash}:thumb`, photoId: hash, blob: new Blob([jpeg(...fill, 0) as BlobPart], { type: 'image/jpeg' }) });
    return { hash, original };
  }
  const DAY_AND_A_BIT = 25 * 60 * 60 * 1000;

  it('a second full backup copies only the originals the store does not hold yet, and carries none itself', async () => {
    const desk = fakeDesktop();
    const a = await session();
    const repo = new TargetRepository(a.db, a.logger);
    const p1 = await photo(a, desk, 1);
    const p2 = await photo(a, desk, 2);
    await repo.create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(a)).toMatch(/^auto-full-/);
    expect([...desk.storePuts].sort()).toEqual([p1.hash, p2.hash].sort());

    // A day later, one photo more: only that one is copied.
    const p3 = await photo(a, desk, 3);
    await repo.create({ ...unit, name: '盘锦市民政局' });
    expect(await autoBackup(a, new Date(Date.now() + DAY_AND_A_BIT))).toMatch(/^auto-full-/);
    expect(desk.files.map((f) => f.series)).toEqual(['auto-full', 'auto-full']);
    expect(desk.storePuts.slice(2)).toEqual([p3.hash]);
    expect([...desk.files[1].references].sort()).toEqual([p1.hash, p2.hash, p3.hash].sort());
    const entries = Object.keys(await filesOf(await unsealed(a.db, desk.files[1].bytes)));
    expect(entries.filter((e) => e.startsWith('originals/'))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('blobs/'))).toHaveLength(3);
  });

  it('restores originals from the store, each checked against its hash; a damaged or lost one is not put back and 核验 names it', async () => {
    const desk = fakeDesktop();
    const a = await session();
    const p1 = await photo(a, desk, 1);
    const p2 = await photo(a, desk, 2);
    const p3 = await photo(a, desk, 3);
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(a)).toMatch(/^auto-full-/);
    // This machine loses its originals; in the store one is damaged and one is gone.
    desk.originals.clear();
    desk.backupStore.set(p2.hash, jpeg(2, 99));
    desk.backupStore.delete(p3.hash);

    const prepared = await prepareRestore(a, await desk.platform.backups!.open(desk.files[0].name));
    expect(prepared.preview).toMatchObject({ originals: 3, originalsUnavailable: 1 });
    const outcome = await prepared.apply();
    expect(outcome).toEqual({ originalsRestored: 1, originalsDamaged: [p2.hash] });
    expect(desk.originals.get(p1.hash)).toEqual(p1.original);
    expect(desk.originals.has(p2.hash)).toBe(false);
    expect((await a.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市教育局']);
    const check = await new PhotoRepository(a.db, a.logger).verifyOriginals();
    expect({ ok: check.ok, missing: check.missing.map((p) => p.id).sort() }).toEqual({ ok: 1, missing: [p2.hash, p3.hash].sort() });
  });

  it('立即备份 to a chosen file stays self-contained: it carries every original and restores on a machine without the store', async () => {
    const desk = fakeDesktop();
    const a = await session();
    const p1 = await photo(a, desk, 1);
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(a)).toMatch(/^auto-full-/);
    const puts = desk.storePuts.length;
    // Taken to another machine: sealed with a passphrase as well as this laptop's key.
    await saveBackupAs(a, undefined, TAKEN_AWAY);
    expect(desk.storePuts).toHaveLength(puts); // the store is not used
    const file = desk.saved.at(-1)!.bytes;
    const r = await ArchiveReader.open(memorySource(await unsealed(a.db, file)), a.db.verno);
    expect(r.manifest).toMatchObject({ originals: [{ sha256: p1.hash }], storedOriginals: [] });
    await r.close();

    // Another laptop, browser build: no store at all.
    setPlatform(undefined);
    const b = await session('李华');
    const restored = await restoreBackup(b, file, { originals: indexedDbOriginals(b.db), backupOriginals: null, passphrase: TAKEN_AWAY });
    expect(restored).toMatchObject({ originals: 1, originalsUnavailable: 0, originalsRestored: 1 });
    expect(await indexedDbOriginals(b.db).read(p1.hash)).toEqual(p1.original);
  });

  it('a backup referencing the store, restored where there is none, restores the data and counts the originals it could not bring', async () => {
    const desk = fakeDesktop();
    const a = await session();
    await photo(a, desk, 1);
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    expect(await autoBackup(a)).toMatch(/^auto-full-/);
    // The same laptop (an automatic backup opens only with its key), its originals and the store both gone.
    const restored = await restoreBackup(a, desk.files[0].bytes, { originals: indexedDbOriginals(a.db), backupOriginals: null });
    expect(restored).toMatchObject({ originals: 1, originalsUnavailable: 1, originalsRestored: 0, originalsDamaged: [] });
    expect((await a.db.targets.toArray()).map((t) => t.name)).toEqual(['盘锦市教育局']);
  });

  it('runs one automatic backup at a time: timers firing together share it', async () => {
    const desk = fakeDesktop();
    const a = await session();
    await photo(a, desk, 1);
    await new TargetRepository(a.db, a.logger).create({ ...unit, name: '盘锦市教育局' });
    const [first, second] = await Promise.all([autoBackup(a), autoBackup(a)]);
    expect(first).toMatch(/^auto-full-/);
    expect(second).toBe(first);
    expect(desk.files.map((f) => f.series)).toEqual(['auto-full']);
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
