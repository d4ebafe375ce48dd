import { describe, expect, it } from 'vitest';
import { ArchiveReader, ArchiveWriter, BackupError } from '../../../shared/backup/backupArchive';
import { ARCHIVE_LIMITS, checkDirectory } from '../../../shared/backup/archiveLimits';
import { MAX_CHUNK_BYTES, memorySink, memorySource } from '../../../shared/backup/byteStreams';
import { sha256Hex } from '../../../shared/util/sha256';
import { makeZip } from '../../support/zipBombs';

const info = { createdAt: '2024-06-01T08:00:00.000Z', deviceId: 'dev-a', author: '王明', dbVersion: 4, appVersion: 'test' };
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9]);
const GiB = 1024 ** 3;

async function validBundle(kind: 'backup' | 'sync' = 'sync') {
  const sink = memorySink();
  const w = new ArchiveWriter(sink, kind);
  await w.addTable('changes', [{ id: 'c1', value: '盘锦市教育局' }]);
  await w.addBlob({ id: 'p:thumb', photoId: 'p', type: 'image/jpeg' }, JPEG);
  await w.finish(info, { includesPhotos: true });
  return sink.bytes();
}

/** The entries of an archive as plain files (small archives only), to rebuild it with extras. */
async function filesOf(bytes: Uint8Array): Promise<Record<string, Uint8Array>> {
  const { ZipReader, Uint8ArrayReader, Uint8ArrayWriter } = await import('@zip.js/zip.js/index-native.js');
  const zip = new ZipReader(new Uint8ArrayReader(bytes));
  const out: Record<string, Uint8Array> = {};
  for (const e of await zip.getEntries()) if (!e.directory) out[e.filename] = await e.getData(new Uint8ArrayWriter());
  return out;
}

describe('archive writing and reading, streamed', () => {
  it('round-trips tables, photo copies and originals through a sink and a random-access source', async () => {
    const original = new Uint8Array(3 * 1024 * 1024);
    for (let i = 0; i < original.length; i += 4096) original[i] = i % 251;
    original.set(JPEG);
    const hash = await sha256Hex(original);
    const rows = Array.from({ length: 1200 }, (_, i) => ({ id: `t${i}`, name: `单位${i}` }));
    const sink = memorySink('a.zwgkbak');
    const w = new ArchiveWriter(sink);
    await w.addTable('targets', rows);
    await w.addBlob({ id: `${hash}:processed`, photoId: hash, type: 'image/jpeg' }, JPEG);
    expect(await w.addOriginal(hash, original)).toBe(true);
    expect(await w.addOriginal('0'.repeat(64), original)).toBe(false); // bytes that do not match their name are left out
    const done = await w.finish(info, { includesPhotos: true, includesOriginals: true });
    expect(done.bytes).toBe(sink.bytes().byteLength);
    expect(sink.closed).toBe(true);

    const source = memorySource(sink.bytes());
    const r = await ArchiveReader.open(source, 4, 'backup');
    expect(r.manifest).toMatchObject({ author: '王明', includesPhotos: true, includesOriginals: true, tables: { targets: { rows: 1200 } } });
    expect(await r.table('targets')).toEqual(rows);
    const blob = await r.blob(r.manifest.blobs[0]);
    expect(blob).toEqual({ bytes: JPEG, type: 'image/jpeg' });
    expect(r.manifest.originals.map((o) => o.sha256)).toEqual([hash]);
    expect(await sha256Hex(await r.original(r.manifest.originals[0]))).toBe(hash); // (toEqual on megabytes is slow)
    await r.close();
  });

  it('writes in chunks no larger than one IPC call allows', async () => {
    const sink = memorySink();
    const w = new ArchiveWriter(sink);
    const big = new Uint8Array(20 * 1024 * 1024);
    big.set(JPEG);
    await w.addBlob({ id: 'x:processed', photoId: 'x', type: 'image/jpeg' }, big);
    await w.finish(info, { includesPhotos: true });
    expect(sink.chunks).toBeGreaterThan(2); // memorySink throws on a chunk over MAX_CHUNK_BYTES
    expect(sink.bytes().byteLength).toBeGreaterThan(big.byteLength);
    const r = await ArchiveReader.open(memorySource(sink.bytes()), 4);
    expect(await sha256Hex((await r.blob(r.manifest.blobs[0])).bytes)).toBe(await sha256Hex(big));
    expect(MAX_CHUNK_BYTES).toBe(8 * 1024 * 1024);
  });

  it('re-sniffs photo types from their bytes and refuses bytes that are not a picture', async () => {
    const sink = memorySink();
    const w = new ArchiveWriter(sink, 'sync');
    await w.addBlob({ id: 'a:thumb', photoId: 'a', type: 'image/jpeg' }, PNG); // the manifest says JPEG; it is a PNG
    await w.addBlob({ id: 'b:thumb', photoId: 'b', type: 'image/jpeg' }, new TextEncoder().encode('<html><script>alert(1)</script>'));
    await w.finish(info, { includesPhotos: true });
    const r = await ArchiveReader.open(memorySource(sink.bytes()), 4, 'sync');
    expect((await r.blob(r.manifest.blobs[0])).type).toBe('image/png');
    await expect(r.blob(r.manifest.blobs[1])).rejects.toThrow('同步数据包内容无效：照片数据不是图片');
  });

  it('refuses invalid JSON in a table whose hash matches with a Chinese message', async () => {
    const good = await filesOf(await validBundle());
    const bad = new TextEncoder().encode('[{"id": "c1", ');
    const manifest = JSON.parse(new TextDecoder().decode(good['manifest.json']));
    manifest.tables.changes = { rows: 1, sha256: await sha256Hex(bad), bytes: bad.byteLength };
    const zip = await makeZip({ ...good, 'tables/changes.json': bad, 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)) });
    const r = await ArchiveReader.open(memorySource(zip), 4, 'sync');
    await expect(r.table('changes')).rejects.toThrow('同步数据包已损坏：数据表「changes」不是有效的数据格式（JSON 解析失败）');
  });
});

describe('archives are checked before they are inflated', () => {
  it('refuses a 400 MB bomb in a 400 KB file, reading only its directory', async () => {
    const zip = await makeZip({}, [{ name: 'tables/changes.json', inflatedBytes: 400 * 1024 * 1024 }]);
    expect(zip.byteLength).toBeLessThan(450 * 1024);
    const source = memorySource(zip);
    await expect(ArchiveReader.open(source, 4, 'sync')).rejects.toThrow(/压缩比异常（\d+ 倍），疑似压缩炸弹，已拒绝读取/);
    expect(source.bytesRead).toBeLessThan(70 * 1024); // the end-of-directory search and the directory; no entry data
  });

  it('refuses a valid bundle carrying a 2 GB junk entry, and four of them', async () => {
    const good = await filesOf(await validBundle());
    for (const count of [1, 4]) {
      const bombs = Array.from({ length: count }, (_, i) => ({ name: `junk${i}.bin`, inflatedBytes: 2 * GiB }));
      const zip = await makeZip(good, bombs);
      const source = memorySource(zip);
      const err = await ArchiveReader.open(source, 4, 'sync').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackupError);
      expect((err as Error).message).toMatch(/同步数据包中的条目「junk0\.bin」声明大小 2,048 MB，超过上限 1,024 MB，已拒绝读取/);
      expect(source.bytesRead).toBeLessThan(70 * 1024);
    }
  });

  it('stops inflating an entry that grows past the size it declared', async () => {
    const good = await filesOf(await validBundle());
    const manifest = JSON.parse(new TextDecoder().decode(good['manifest.json']));
    manifest.blobs[0].bytes = 500_000;
    const zip = await makeZip(
      { 'manifest.json': new TextEncoder().encode(JSON.stringify(manifest)), 'tables/changes.json': good['tables/changes.json'] },
      [{ name: manifest.blobs[0].file, inflatedBytes: 64 * 1024 * 1024, declaredBytes: 500_000 }],
    );
    const r = await ArchiveReader.open(memorySource(zip), 4, 'sync');
    await expect(r.blob(r.manifest.blobs[0])).rejects.toThrow('同步数据包已损坏：条目解压后超过其声明的大小');
  });

  it('never inflates entries the manifest does not list', async () => {
    const good = await filesOf(await validBundle());
    // Declares 100 KB, would inflate to 2 GB: harmless as long as nobody inflates it.
    const zip = await makeZip(good, [{ name: 'notes.bin', inflatedBytes: 2 * GiB, declaredBytes: 100_000 }]);
    const source = memorySource(zip);
    const r = await ArchiveReader.open(source, 4, 'sync');
    expect(await r.table('changes')).toEqual([{ id: 'c1', value: '盘锦市教育局' }]);
    expect((await r.blob(r.manifest.blobs[0])).bytes).toEqual(JPEG);
    expect(source.bytesRead).toBeLessThan(zip.byteLength / 4); // the 2 MB of junk data was never read
  });

  it('refuses unsafe names, oversized manifests and photos, and listed files missing from the directory', () => {
    const e = (name: string, uncompressedSize = 10, compressedSize = 10) => ({ name, uncompressedSize, compressedSize, directory: false });
    expect(checkDirectory([e('../../evil.exe')], '备份文件')).toBe('备份文件含有不安全的条目名称，已拒绝读取');
    expect(checkDirectory([e('C:\\Windows\\x')], '备份文件')).toContain('不安全');
    expect(checkDirectory([e('manifest.json', 100 * 1024 * 1024, 90 * 1024 * 1024)], '备份文件')).toContain('「manifest.json」声明大小 100 MB，超过上限 64 MB');
    expect(checkDirectory([e('blobs/000001', 61 * 1024 * 1024, 61 * 1024 * 1024)], '备份文件')).toContain('超过上限 60 MB');
    expect(checkDirectory([e('a'), e('a')], '备份文件')).toContain('重名条目');
    expect(checkDirectory([e('tables/changes.json', 300 * 1024 * 1024, 60 * 1024 * 1024)], '备份文件')).toBeNull(); // JSON compresses 5:1
    const many = Array.from({ length: 300 }, (_, i) => e(`tables/t${i}.json`, 1000 * 1024 * 1024, 500 * 1024 * 1024));
    expect(checkDirectory(many, '备份文件', { ...ARCHIVE_LIMITS, maxTotalBytes: 100 * GiB })).toContain('解压后总大小超过上限');
  });

  it('refuses an archive whose manifest lists a file the directory lacks', async () => {
    const good = await filesOf(await validBundle());
    delete good['blobs/000000'];
    await expect(ArchiveReader.open(memorySource(await makeZip(good)), 4, 'sync')).rejects.toThrow('同步数据包已损坏：缺少照片数据');
  });
});
