import { createHash } from 'node:crypto';
import realFs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { backupsToPrune, collectStore, createBackup, createBackupOriginal, listBackups, localStamp, missingBackupOriginals, openBackup, openBackupOriginal, storeDir } from '../../electron/handlers/backups';
import { openStream, saveStream } from '../../electron/handlers/fileStreams';
import { createOriginal, missingOriginals, openOriginal, originalPath, originalsUsage } from '../../electron/handlers/originals';
import { printPdf, STALE_PRINT_FILE } from '../../electron/handlers/printPdf';
import { saveFile } from '../../electron/handlers/saveFile';
import { cleanUpAtStartup } from '../../electron/handlers/staleFiles';
import { MAX_OPEN_STREAMS, StreamTable } from '../../electron/handlers/streams';
import type { StreamFsLike } from '../../electron/handlers/fsTypes';
import { MemFs, bytes } from './fakes';

const DOCS = '/home/u/Documents';
const BACKUPS = '/data/backups';
const ORIGINALS = '/data/originals';
const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function table(fs: MemFs = new MemFs()) {
  return { fs, streams: new StreamTable({ fs }) };
}

describe('stream sinks', () => {
  it('writes the chunks in order under a temporary name, then flushes and moves the file into place', async () => {
    const { fs, streams } = table();
    fs.put(`${DOCS}/.keep`, '');
    const { handle, name } = await streams.beginSink({ target: `${DOCS}/报告.pdf`, displayName: '报告.pdf', failure: '保存失败' });
    expect(name).toBe('报告.pdf');
    expect(handle).toMatch(/^[0-9a-f]{32}$/);
    expect(fs.files.has(`${DOCS}/报告.pdf`)).toBe(false);
    expect(fs.temporaryFiles()).toEqual([expect.stringMatching(/^\/home\/u\/Documents\/报告\.pdf\.[0-9a-f]{12}\.tmp$/)]);
    // Sent together, written in order.
    await Promise.all([streams.write(handle, bytes('%PDF')), streams.write(handle, bytes('-1.7')), streams.write(handle, bytes(' end'))]);
    expect(await streams.close(handle)).toEqual({ name: '报告.pdf', bytes: 12 });
    expect(fs.text(`${DOCS}/报告.pdf`)).toBe('%PDF-1.7 end');
    expect(fs.temporaryFiles()).toEqual([]);
    const ops = fs.calls.map((c) => c.op);
    expect(ops.indexOf('sync')).toBeGreaterThan(ops.lastIndexOf('write'));
    expect(ops.indexOf('link')).toBeGreaterThan(ops.indexOf('sync'));
    expect(fs.openHandles.size).toBe(0);
    expect(streams.size).toBe(0);
  });

  it('abort removes the temporary file and leaves nothing; a second abort is harmless', async () => {
    const { fs, streams } = table();
    fs.put(`${DOCS}/.keep`, '');
    const { handle } = await streams.beginSink({ target: `${DOCS}/a.xlsx`, displayName: 'a.xlsx', failure: '保存失败' });
    await streams.write(handle, bytes('half'));
    await streams.abort(handle);
    await streams.abort(handle);
    expect([...fs.files.keys()]).toEqual([`${DOCS}/.keep`]);
    await expect(streams.write(handle, bytes('more'))).rejects.toThrow('文件已关闭或操作已结束，请重新操作');
    await expect(streams.close(handle)).rejects.toThrow('文件已关闭或操作已结束');
    expect([...fs.files.keys()]).toEqual([`${DOCS}/.keep`]);
  });

  it('a full disk stops the file with a Chinese reason and what to do, and removes the partial file', async () => {
    const { fs, streams } = table();
    fs.put(`${DOCS}/.keep`, '');
    const { handle } = await streams.beginSink({ target: `${DOCS}/b.zwgkbak`, displayName: 'b.zwgkbak', failure: '备份失败' });
    await streams.write(handle, bytes('ok'));
    fs.failures.push({ op: 'write', code: 'ENOSPC' });
    await expect(streams.write(handle, bytes('no room'))).rejects.toThrow(
      '备份失败：磁盘空间不足，请删除不需要的文件、清空回收站，或换用空间更大的磁盘后重试，未保存任何内容',
    );
    expect([...fs.files.keys()]).toEqual([`${DOCS}/.keep`]);
    await expect(streams.close(handle)).rejects.toThrow('文件已关闭或操作已结束');
  });

  it('never overwrites a file that appeared while it was written, unless the user confirmed replacing it', async () => {
    const { fs, streams } = table();
    fs.put(`${BACKUPS}/.keep`, '');
    const { handle } = await streams.beginSink({ target: `${BACKUPS}/x.zwgkbak`, displayName: 'x.zwgkbak', failure: '备份失败' });
    await streams.write(handle, bytes('NEW'));
    fs.put(`${BACKUPS}/x.zwgkbak`, 'OLD');
    await expect(streams.close(handle)).rejects.toThrow('备份失败：文件“x.zwgkbak”已存在，不会覆盖');
    expect(fs.text(`${BACKUPS}/x.zwgkbak`)).toBe('OLD');
    expect(fs.temporaryFiles()).toEqual([]);
    // An existing target is refused before anything is written.
    await expect(streams.beginSink({ target: `${BACKUPS}/x.zwgkbak`, displayName: 'x.zwgkbak', failure: '备份失败' })).rejects.toThrow('已存在，不会覆盖');
    expect(fs.temporaryFiles()).toEqual([]);
    // Replacing is only possible when the user chose it in the save dialog.
    const replace = await streams.beginSink({ target: `${BACKUPS}/x.zwgkbak`, displayName: 'x.zwgkbak', replaceConfirmed: true, failure: '保存失败' });
    await streams.write(replace.handle, bytes('NEWER'));
    await streams.close(replace.handle);
    expect(fs.text(`${BACKUPS}/x.zwgkbak`)).toBe('NEWER');
  });

  it('falls back to check-then-rename where the disk has no hard links (FAT32 USB stick), still without overwriting', async () => {
    const { fs, streams } = table();
    fs.put('/mnt/usb/.keep', '');
    const { handle } = await streams.beginSink({ target: '/mnt/usb/a.zwgksync', displayName: 'a.zwgksync', failure: '导出失败' });
    await streams.write(handle, bytes('DATA'));
    fs.failures.push({ op: 'link', code: 'EPERM' });
    await streams.close(handle);
    expect(fs.text('/mnt/usb/a.zwgksync')).toBe('DATA');
    expect(fs.temporaryFiles()).toEqual([]);
  });

  it('refuses handles it never gave out, and more open files than it allows', async () => {
    const { fs, streams } = table();
    fs.put(`${DOCS}/.keep`, '');
    await expect(streams.write('0'.repeat(32), bytes('x'))).rejects.toThrow('文件已关闭或操作已结束');
    await expect(streams.read('0'.repeat(32), 0, 1)).rejects.toThrow('文件已关闭或操作已结束');
    for (let i = 0; i < MAX_OPEN_STREAMS; i++) await streams.beginSink({ target: `${DOCS}/f${i}.pdf`, displayName: `f${i}.pdf`, failure: '保存失败' });
    await expect(streams.beginSink({ target: `${DOCS}/more.pdf`, displayName: 'more.pdf', failure: '保存失败' })).rejects.toThrow('同时打开的文件过多');
    expect(fs.temporaryFiles()).toHaveLength(MAX_OPEN_STREAMS);
    // The window closing discards every unfinished file.
    await streams.closeAll();
    expect(fs.temporaryFiles()).toEqual([]);
    expect(streams.size).toBe(0);
  });
});

describe('stream sources', () => {
  it('reads any range, fewer bytes at the end, and refuses to read past it', async () => {
    const { fs, streams } = table();
    fs.put(`${DOCS}/big.zwgkbak`, '0123456789');
    const src = await streams.openSource(`${DOCS}/big.zwgkbak`, 'big.zwgkbak', '无法打开文件');
    expect(src).toMatchObject({ name: 'big.zwgkbak', size: 10 });
    expect(new TextDecoder().decode(await streams.read(src.handle, 8, 5))).toBe('89');
    expect(new TextDecoder().decode(await streams.read(src.handle, 2, 3))).toBe('234');
    expect(await streams.read(src.handle, 10, 5)).toEqual(new Uint8Array(0));
    await expect(streams.read(src.handle, 11, 1)).rejects.toThrow('读取位置超出文件“big.zwgkbak”的末尾');
    await streams.release(src.handle);
    await expect(streams.read(src.handle, 0, 1)).rejects.toThrow('文件已关闭');
    expect(fs.openHandles.size).toBe(0);
    expect(fs.mutations().filter((m) => m.op !== 'open')).toEqual([]);
  });

  it('a sink handle cannot be read and a source handle cannot be written', async () => {
    const { fs, streams } = table();
    fs.put(`${DOCS}/in.xlsx`, 'IN');
    const src = await streams.openSource(`${DOCS}/in.xlsx`, 'in.xlsx', '无法打开文件');
    await expect(streams.write(src.handle, bytes('x'))).rejects.toThrow('文件已关闭或操作已结束');
    expect(fs.text(`${DOCS}/in.xlsx`)).toBe('IN');
  });
});

describe('saveStream and openStream (native dialogs)', () => {
  function deps(fs: MemFs, save: { canceled: boolean; filePath?: string }, open: { canceled: boolean; filePaths: string[] } = { canceled: true, filePaths: [] }) {
    return {
      streams: new StreamTable({ fs }),
      defaultDir: DOCS,
      lastDir: { current: null as string | null },
      showSaveDialog: vi.fn(async () => save),
      showOpenDialog: vi.fn(async () => open),
    };
  }

  it('opens a sink where the user chose, and remembers the folder', async () => {
    const fs = new MemFs();
    fs.put('/mnt/usb/.keep', '');
    const d = deps(fs, { canceled: false, filePath: '/mnt/usb/同步.zwgksync' });
    const sink = await saveStream({ defaultName: '同步.zwgksync', filters: [] }, d);
    expect(sink?.name).toBe('同步.zwgksync');
    await d.streams.write(sink!.handle, bytes('SYNC'));
    await d.streams.close(sink!.handle);
    expect(fs.text('/mnt/usb/同步.zwgksync')).toBe('SYNC');
    expect(d.lastDir.current).toBe('/mnt/usb');
    expect(d.showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: `${DOCS}/同步.zwgksync`, properties: ['createDirectory', 'showOverwriteConfirmation'] }));
  });

  it('returns null when the dialog is cancelled, and refuses a name the user changed to a program', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/.keep`, '');
    expect(await saveStream({ defaultName: 'a.pdf', filters: [] }, deps(fs, { canceled: true }))).toBeNull();
    await expect(saveStream({ defaultName: 'a.pdf', filters: [] }, deps(fs, { canceled: false, filePath: `${DOCS}/a.pdf.exe` }))).rejects.toThrow(
      '保存失败：只能保存为本软件生成的文件类型',
    );
    expect(fs.mutations()).toEqual([]);
  });

  it('opens the chosen file for reading; cancelling gives null; a folder is refused', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/备份.zwgkbak`, 'BACKUP');
    const d = deps(fs, { canceled: true }, { canceled: false, filePaths: [`${DOCS}/备份.zwgkbak`] });
    const src = await openStream({ filters: [] }, d);
    expect(src).toMatchObject({ name: '备份.zwgkbak', size: 6 });
    expect(await openStream({ filters: [] }, deps(fs, { canceled: true }))).toBeNull();
    await expect(openStream({ filters: [] }, deps(fs, { canceled: true }, { canceled: false, filePaths: [DOCS] }))).rejects.toThrow('“Documents”不是文件，无法打开');
    await expect(openStream({ filters: [] }, deps(fs, { canceled: true }, { canceled: false, filePaths: [`${DOCS}/gone.zwgkbak`] }))).rejects.toThrow(
      '无法打开文件：“gone.zwgkbak”文件或文件夹不存在',
    );
  });
});

describe('backups owned by the main process', () => {
  function deps(fs: MemFs, at = new Date(2024, 5, 1, 10, 30, 0), quotaBytes?: number) {
    return { fs, streams: new StreamTable({ fs }), backupDir: BACKUPS, now: () => at, quotaBytes, warn: vi.fn() };
  }
  async function backup(d: ReturnType<typeof deps>, series: Parameters<typeof createBackup>[0]['series'], content = 'DB') {
    const sink = await createBackup({ series }, d);
    await d.streams.write(sink.handle, bytes(content));
    await d.streams.close(sink.handle);
    return sink.name;
  }

  it('names each backup by its series and the local time, and never reuses a name', async () => {
    const fs = new MemFs();
    const d = deps(fs);
    expect(localStamp(new Date(2024, 5, 1, 10, 30, 0))).toBe('20240601T103000');
    expect(await backup(d, 'auto-data', 'ONE')).toBe('auto-data-20240601T103000.zwgkbak');
    expect(await backup(d, 'auto-data', 'TWO')).toBe('auto-data-20240601T103000-2.zwgkbak');
    expect(fs.text(`${BACKUPS}/auto-data-20240601T103000.zwgkbak`)).toBe('ONE');
    expect(await listBackups(d)).toMatchObject([
      { name: 'auto-data-20240601T103000-2.zwgkbak', series: 'auto-data', bytes: 3, protected: false },
      { name: 'auto-data-20240601T103000.zwgkbak', series: 'auto-data', bytes: 3, protected: false },
    ]);
  });

  it('keeps 30 data-only backups and never prunes the copies taken before a restore or a merge', async () => {
    const fs = new MemFs();
    const d = deps(fs);
    await backup(d, 'pre-restore');
    await backup(d, 'pre-merge');
    for (let i = 0; i < 33; i++) await backup(deps(fs, new Date(2024, 5, 2, 10, i, 0)), 'auto-data');
    const list = await listBackups(d);
    expect(list.filter((b) => b.series === 'auto-data')).toHaveLength(30);
    expect(list.filter((b) => b.protected).map((b) => b.series).sort()).toEqual(['pre-merge', 'pre-restore']);
    // The three oldest went.
    expect(list.some((b) => b.name === 'auto-data-20240602T100200.zwgkbak')).toBe(false);
    expect(list.some((b) => b.name === 'auto-data-20240602T100300.zwgkbak')).toBe(true);
  });

  it('keeps the folder under its quota by removing the oldest prunable backups, never protected ones or the newest of a series', async () => {
    const fs = new MemFs();
    await backup(deps(fs, new Date(2024, 0, 1), 25), 'pre-merge', '0123456789');
    await backup(deps(fs, new Date(2024, 0, 2), 25), 'auto-full', '0123456789');
    await backup(deps(fs, new Date(2024, 0, 3), 25), 'auto-full', '0123456789');
    await backup(deps(fs, new Date(2024, 0, 4), 25), 'auto-data', '0123456789');
    const names = (await listBackups(deps(fs))).map((b) => b.name);
    expect(names).toEqual(['auto-data-20240104T000000.zwgkbak', 'auto-full-20240103T000000.zwgkbak', 'pre-merge-20240101T000000.zwgkbak']);
    // Over quota with nothing prunable left: everything stays.
    expect(backupsToPrune((await listBackups(deps(fs))).map((e, i) => ({ ...e, mtimeMs: 10 - i })), 'x', 1)).toEqual([]);
  });

  it('lists backups made by earlier versions under the matching series, and ignores other files', async () => {
    const fs = new MemFs();
    fs.put(`${BACKUPS}/daily-20240101T100000.zwgkbak`, 'D', 3);
    fs.put(`${BACKUPS}/auto-20240101T110000.zwgkbak`, 'A', 2);
    fs.put(`${BACKUPS}/prerestore-20240101T120000.zwgkbak`, 'P', 1);
    fs.put(`${BACKUPS}/notes.txt`, 'x');
    fs.put(`${BACKUPS}/evil-1.zwgkbak`, 'x');
    expect((await listBackups(deps(fs))).map((b) => [b.name, b.series, b.protected])).toEqual([
      ['daily-20240101T100000.zwgkbak', 'auto-full', false],
      ['auto-20240101T110000.zwgkbak', 'auto-data', false],
      ['prerestore-20240101T120000.zwgkbak', 'pre-restore', true],
    ]);
  });

  it('opens a listed backup for reading and refuses anything else with nothing touched', async () => {
    const fs = new MemFs();
    const d = deps(fs);
    const name = await backup(d, 'manual', 'MANUAL');
    const src = await openBackup({ name }, d);
    expect(src.size).toBe(6);
    expect(new TextDecoder().decode(await d.streams.read(src.handle, 0, 6))).toBe('MANUAL');
    await expect(openBackup({ name: 'manual-20990101T000000.zwgkbak' }, d)).rejects.toThrow('未找到备份文件“manual-20990101T000000.zwgkbak”');
    const before = fs.calls.length;
    await expect(openBackup({ name: '../manual-1.zwgkbak' }, d)).rejects.toThrow('备份文件名无效');
    await expect(openBackup({ name: 'notes.txt' }, d)).rejects.toThrow('备份文件名无效');
    await expect(createBackup({ series: 'daily' as never }, d)).rejects.toThrow('备份类别无效');
    expect(fs.calls.length).toBe(before);
  });

  it('a backup cut short by a full disk leaves the earlier backups and no partial file', async () => {
    const fs = new MemFs();
    const d = deps(fs);
    await backup(d, 'auto-full', 'GOOD');
    const later = deps(fs, new Date(2024, 5, 3));
    const sink = await createBackup({ series: 'auto-full' }, later);
    fs.failures.push({ op: 'write', code: 'ENOSPC' });
    await expect(later.streams.write(sink.handle, bytes('x'))).rejects.toThrow('备份失败：磁盘空间不足');
    expect((await listBackups(d)).map((b) => b.name)).toEqual(['auto-full-20240601T103000.zwgkbak']);
    expect(fs.temporaryFiles()).toEqual([]);
  });
});

describe('the store of originals beside the automatic backups', () => {
  function deps(fs: MemFs, at = new Date(2024, 5, 1, 10, 30, 0)) {
    return { fs, streams: new StreamTable({ fs }), backupDir: BACKUPS, now: () => at, warn: vi.fn() };
  }
  const photos = ['first original', 'second original', 'third original'].map((t) => bytes(t));
  const [h1, h2, h3] = photos.map(sha);
  const stored = (fs: MemFs) =>
    [...fs.files.keys()]
      .filter((f) => f.startsWith(`${storeDir(BACKUPS)}/`) && !f.includes('/refs/'))
      .map((f) => path.basename(f))
      .sort();
  /** What an automatic full backup does: the originals the store lacks, then the file referencing them all. */
  async function fullBackup(d: ReturnType<typeof deps>, originals: Uint8Array[]) {
    const hashes = originals.map(sha);
    const lacking = await missingBackupOriginals({ hashes }, d);
    for (const o of originals.filter((o) => lacking.includes(sha(o)))) {
      const sink = await createBackupOriginal({ sha256: sha(o), bytes: o.byteLength }, d);
      await d.streams.write(sink!.handle, o);
      await d.streams.close(sink!.handle);
    }
    const sink = await createBackup({ series: 'auto-full', originals: hashes }, d);
    await d.streams.write(sink.handle, bytes('ZIP'));
    await d.streams.close(sink.handle);
    return { name: sink.name, copied: lacking };
  }

  it('keeps each original once: a second full backup copies only the new one', async () => {
    const fs = new MemFs();
    const first = await fullBackup(deps(fs), photos.slice(0, 2));
    expect(first.copied.sort()).toEqual([h1, h2].sort());
    const before = fs.files.get(`${storeDir(BACKUPS)}/${h1.slice(0, 2)}/${h1}`);
    const second = await fullBackup(deps(fs, new Date(2024, 5, 2)), photos);
    expect(second.copied).toEqual([h3]);
    expect(stored(fs)).toEqual([h1, h2, h3].sort());
    // The first copy is the same file, never rewritten.
    expect(fs.files.get(`${storeDir(BACKUPS)}/${h1.slice(0, 2)}/${h1}`)).toBe(before);
    expect(JSON.parse(fs.text(`${storeDir(BACKUPS)}/refs/${second.name}.json`)!).sort()).toEqual([h1, h2, h3].sort());
    const d = deps(fs);
    const src = await openBackupOriginal({ sha256: h3 }, d);
    expect(await d.streams.read(src!.handle, 0, 100)).toEqual(photos[2]);
  });

  it('gives two backups started in the same second two names, even while the first is still being written', async () => {
    const fs = new MemFs();
    const d = deps(fs);
    const one = await createBackup({ series: 'auto-full' }, d);
    const two = await createBackup({ series: 'auto-full' }, d);
    expect([one.name, two.name]).toEqual(['auto-full-20240601T103000.zwgkbak', 'auto-full-20240601T103000-2.zwgkbak']);
    await d.streams.close(two.handle);
    await d.streams.close(one.handle);
    expect((await listBackups(d)).map((b) => b.name).sort()).toEqual(['auto-full-20240601T103000-2.zwgkbak', 'auto-full-20240601T103000.zwgkbak']);
  });

  it('checks each original against its hash before keeping it', async () => {
    const fs = new MemFs();
    const d = deps(fs);
    const sink = await createBackupOriginal({ sha256: h1, bytes: photos[0].byteLength }, d);
    await d.streams.write(sink!.handle, bytes('first originaX'));
    await expect(d.streams.close(sink!.handle)).rejects.toThrow('内容与其 SHA-256 校验值不符');
    expect(stored(fs)).toEqual([]);
  });

  it('refuses a backup that references an original the store does not hold, and writes nothing', async () => {
    const fs = new MemFs();
    await expect(createBackup({ series: 'auto-full', originals: [h1] }, deps(fs))).rejects.toThrow('备份失败：备份文件夹中缺少 1 张照片原件，请重试');
    expect(await listBackups(deps(fs))).toEqual([]);
    expect(fs.temporaryFiles()).toEqual([]);
  });

  it('removes an original only once no kept backup references it', async () => {
    const fs = new MemFs();
    // Day 1 references 1 and 2; then seven days reference 2 and 3 only: day 1 is pruned (7 full backups kept), and with it original 1.
    await fullBackup(deps(fs, new Date(2024, 5, 1)), photos.slice(0, 2));
    for (let day = 2; day <= 7; day++) await fullBackup(deps(fs, new Date(2024, 5, day)), photos.slice(1));
    expect(stored(fs)).toEqual([h1, h2, h3].sort());
    await fullBackup(deps(fs, new Date(2024, 5, 8)), photos.slice(1));
    expect((await listBackups(deps(fs))).map((b) => b.name)).not.toContain('auto-full-20240601T000000.zwgkbak');
    expect(stored(fs)).toEqual([h2, h3].sort());
    expect(fs.files.has(`${storeDir(BACKUPS)}/refs/auto-full-20240601T000000.zwgkbak.json`)).toBe(false);
    // An original just asked about (a backup about to reference it) is held too.
    fs.put(`${storeDir(BACKUPS)}/${h1.slice(0, 2)}/${h1}`, photos[0]);
    await missingBackupOriginals({ hashes: [h1] }, deps(fs));
    expect(await collectStore(deps(fs))).toBe(0);
    expect(stored(fs)).toEqual([h1, h2, h3].sort());
  });

  it('keeps everything when a backup’s references cannot be read', async () => {
    const fs = new MemFs();
    const { name } = await fullBackup(deps(fs), photos.slice(0, 1));
    fs.put(`${storeDir(BACKUPS)}/refs/${name}.json`, 'not json');
    fs.put(`${storeDir(BACKUPS)}/${h2.slice(0, 2)}/${h2}`, photos[1]);
    expect(await collectStore(deps(fs))).toBe(0);
    expect(stored(fs)).toEqual([h1, h2].sort());
  });
});

describe('original photos', () => {
  const photo = bytes('JPEG original bytes');
  const hash = sha(photo);
  function deps(fs = new MemFs()) {
    return { fs, streams: new StreamTable({ fs }), originalsDir: ORIGINALS };
  }

  it('stores an original under its hash once the main process has checked it', async () => {
    const d = deps();
    expect(await missingOriginals({ hashes: [hash, hash] }, d)).toEqual([hash]);
    const sink = await createOriginal({ sha256: hash, bytes: photo.byteLength }, d);
    await d.streams.write(sink!.handle, photo.subarray(0, 5));
    await d.streams.write(sink!.handle, photo.subarray(5));
    await d.streams.close(sink!.handle);
    expect(d.fs.files.get(originalPath(ORIGINALS, hash))?.data).toEqual(photo);
    expect(originalPath(ORIGINALS, hash)).toBe(`${ORIGINALS}/${hash.slice(0, 2)}/${hash}`);
    expect(await missingOriginals({ hashes: [hash] }, d)).toEqual([]);
    expect(await originalsUsage(d)).toEqual({ count: 1, bytes: photo.byteLength });
    const src = await openOriginal({ sha256: hash }, d);
    expect(await d.streams.read(src!.handle, 0, 100)).toEqual(photo);
  });

  it('refuses bytes that do not match their hash, and keeps nothing', async () => {
    const d = deps();
    const sink = await createOriginal({ sha256: hash, bytes: photo.byteLength }, d);
    await d.streams.write(sink!.handle, bytes('JPEG original bytez'));
    await expect(d.streams.close(sink!.handle)).rejects.toThrow('无法保存原始照片：内容与其 SHA-256 校验值不符（可能在传输中损坏），未保存');
    expect([...d.fs.files.keys()]).toEqual([]);
    expect(await originalsUsage(d)).toEqual({ count: 0, bytes: 0 });
    expect(await openOriginal({ sha256: hash }, d)).toBeNull();
  });

  it('never replaces a stored original', async () => {
    const d = deps();
    d.fs.put(originalPath(ORIGINALS, hash), photo);
    expect(await createOriginal({ sha256: hash, bytes: photo.byteLength }, d)).toBeNull();
    // Two writers racing for the same photo: the second finds it stored and writes nothing over it.
    const d2 = deps();
    const a = await createOriginal({ sha256: hash, bytes: photo.byteLength }, d2);
    const b = await createOriginal({ sha256: hash, bytes: photo.byteLength }, d2);
    await d2.streams.write(a!.handle, photo);
    await d2.streams.write(b!.handle, photo);
    await d2.streams.close(a!.handle);
    const stored = d2.fs.files.get(originalPath(ORIGINALS, hash));
    await d2.streams.close(b!.handle);
    expect(d2.fs.files.get(originalPath(ORIGINALS, hash))).toBe(stored);
    expect(d2.fs.temporaryFiles()).toEqual([]);
  });

  it('refuses a hash that could name another file, with nothing touched', async () => {
    const d = deps();
    await expect(createOriginal({ sha256: `../../${'a'.repeat(58)}`, bytes: 1 }, d)).rejects.toThrow('照片哈希值格式不正确');
    await expect(missingOriginals({ hashes: ['C:\\x'] }, d)).rejects.toThrow('照片哈希值格式不正确');
    expect(d.fs.calls).toEqual([]);
  });
});

describe('start-up clean-up, printing and saving', () => {
  it('removes print files and half-written backups and originals left by a crash, and nothing else', async () => {
    const fs = new MemFs();
    fs.put('/tmp/zwgk-print-0123456789abcdef.pdf', '%PDF');
    fs.put('/tmp/other-app.pdf', 'x');
    fs.put(`${BACKUPS}/auto-data-20240101T000000.zwgkbak.0123456789ab.tmp`, 'half');
    fs.put(`${BACKUPS}/auto-data-20240101T000000.zwgkbak`, 'whole');
    fs.put(`${ORIGINALS}/ab/ab${'0'.repeat(62)}.0123456789ab.tmp`, 'half');
    fs.put(`${ORIGINALS}/ab/ab${'0'.repeat(62)}`, 'whole');
    fs.put(`${BACKUPS}/originals/cd/cd${'0'.repeat(62)}.0123456789ab.tmp`, 'half');
    fs.put(`${BACKUPS}/originals/cd/cd${'0'.repeat(62)}`, 'whole');
    const removed = await cleanUpAtStartup({ fs, tempDir: '/tmp', backupDir: BACKUPS, originalsDir: ORIGINALS, printFile: STALE_PRINT_FILE });
    expect(removed).toBe(4);
    expect([...fs.files.keys()].sort()).toEqual(
      ['/tmp/other-app.pdf', `${BACKUPS}/auto-data-20240101T000000.zwgkbak`, `${ORIGINALS}/ab/ab${'0'.repeat(62)}`, `${BACKUPS}/originals/cd/cd${'0'.repeat(62)}`].sort(),
    );
  });

  it('prints only bytes that start with %PDF, writing nothing otherwise', async () => {
    const fs = new MemFs();
    const printFile = vi.fn(async () => undefined);
    await expect(printPdf({ data: bytes('<script>'), title: 't' }, { fs, tempDir: '/tmp', printFile })).rejects.toThrow('打印失败：要打印的内容不是 PDF 文件');
    expect(fs.mutations()).toEqual([]);
    expect(printFile).not.toHaveBeenCalled();
  });

  it('saveFile refuses an extension the app never writes, even when typed in the dialog', async () => {
    const fs = new MemFs();
    fs.put(`${DOCS}/.keep`, '');
    const d = { fs, defaultDir: DOCS, lastDir: { current: null }, showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: `${DOCS}/启动.bat` })) };
    await expect(saveFile({ defaultName: '评分表.xlsx', filters: [], data: bytes('x') }, d)).rejects.toThrow('保存失败：只能保存为本软件生成的文件类型');
    expect(fs.mutations()).toEqual([]);
  });
});

describe('with the real file system', () => {
  it('writes, links into place without replacing, reads back and leaves no temporary file', async () => {
    const dir = await realFs.mkdtemp(path.join(os.tmpdir(), 'zwgk-streams-'));
    try {
      const streams = new StreamTable({ fs: realFs as unknown as StreamFsLike });
      const target = path.join(dir, 'a.zwgkbak');
      const { handle } = await streams.beginSink({ target, displayName: 'a.zwgkbak', failure: '备份失败' });
      const big = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
      await streams.write(handle, big);
      await streams.write(handle, bytes('tail'));
      await streams.close(handle);
      expect((await realFs.stat(target)).size).toBe(big.byteLength + 4);
      const second = await streams.beginSink({ target: path.join(dir, 'b.zwgkbak'), displayName: 'b.zwgkbak', failure: '备份失败' });
      await streams.write(second.handle, bytes('B'));
      await realFs.writeFile(path.join(dir, 'b.zwgkbak'), 'OLD');
      await expect(streams.close(second.handle)).rejects.toThrow('已存在，不会覆盖');
      expect(await realFs.readFile(path.join(dir, 'b.zwgkbak'), 'utf8')).toBe('OLD');
      const src = await streams.openSource(target, 'a.zwgkbak', '无法打开文件');
      expect(await streams.read(src.handle, big.byteLength, 100)).toEqual(bytes('tail'));
      expect(await streams.read(src.handle, 1000, 3)).toEqual(big.subarray(1000, 1003));
      await streams.release(src.handle);
      expect((await realFs.readdir(dir)).sort()).toEqual(['a.zwgkbak', 'b.zwgkbak']);
    } finally {
      await realFs.rm(dir, { recursive: true, force: true });
    }
  });
});
