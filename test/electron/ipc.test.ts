import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/desktopApi';
import { registerIpcHandlers, UNTRUSTED_SENDER_MESSAGE, type IpcDeps } from '../../electron/ipc';
import { StreamTable } from '../../electron/handlers/streams';
import { FakeIpcMain, MemFs, bytes } from './fakes';

const BACKUPS = '/data/backups';

function setup() {
  const fs = new MemFs();
  fs.put('/home/u/Documents/.keep', '');
  fs.put('/fonts/simfang.ttf', 'FANGSONG');
  const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/home/u/Documents/out.xlsx' }));
  const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: ['/home/u/Documents/in.xlsx'] }));
  const printFile = vi.fn(async () => undefined);
  const logError = vi.fn();
  const lastDir = { current: null };
  const streams = new StreamTable({ fs });
  const deps: IpcDeps = {
    trustedOrigins: ['app://bundle'],
    app: { version: '0.1.0', platform: 'win32', userDataDir: '/data', backupDir: BACKUPS },
    save: { fs, showSaveDialog, defaultDir: '/home/u/Documents', lastDir },
    open: { fs, showOpenDialog, defaultDir: '/home/u/Documents', lastDir },
    print: { fs, tempDir: '/tmp', printFile },
    backups: { fs, streams, backupDir: BACKUPS, now: () => new Date(2024, 5, 1, 10, 0, 0) },
    fonts: { fs, fontsDirs: ['/fonts'] },
    streams,
    files: { streams, showSaveDialog, showOpenDialog, defaultDir: '/home/u/Documents', lastDir },
    originals: { fs, streams, originalsDir: '/data/originals' },
    // No keyring here: secrets are unavailable (the safeStorage handlers have their own test).
    secrets: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
    logError,
  };
  const ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, deps);
  return { fs, ipc, showSaveDialog, showOpenDialog, printFile, logError };
}

let ctx: ReturnType<typeof setup>;
beforeEach(() => {
  ctx = setup();
});

function expectNothingTouched() {
  expect(ctx.fs.mutations()).toEqual([]);
  expect(ctx.fs.calls).toEqual([]);
  expect(ctx.showSaveDialog).not.toHaveBeenCalled();
  expect(ctx.showOpenDialog).not.toHaveBeenCalled();
  expect(ctx.printFile).not.toHaveBeenCalled();
}

describe('IPC registration', () => {
  it('registers exactly one handler per channel of the contract', () => {
    expect([...ctx.ipc.handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });
});

describe('IPC sender check', () => {
  const untrusted: Array<[string, { url: string; parent?: unknown } | null]> = [
    ['a foreign site', { url: 'https://example.com/', parent: null }],
    ['a local file', { url: 'file:///C:/Users/x/evil.html', parent: null }],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }],
    ['a sub-frame of the app', { url: 'app://bundle/index.html', parent: { url: 'app://bundle/index.html' } }],
    ['a destroyed frame', null],
  ];

  it.each(untrusted)('refuses a call from %s and touches nothing', async (_label, frame) => {
    for (const channel of Object.values(IPC_CHANNELS)) {
      await expect(
        ctx.ipc.invoke(channel, [{ name: 'auto-1.zwgkbak', data: bytes('x'), defaultName: 'a.xlsx', file: 'simfang.ttf' }], frame),
      ).rejects.toThrow(UNTRUSTED_SENDER_MESSAGE);
    }
    expectNothingTouched();
  });

  it('accepts the app page', async () => {
    const info = await ctx.ipc.invoke(IPC_CHANNELS.appInfo, []);
    expect(info).toEqual({ version: '0.1.0', platform: 'win32', dataDir: '/data', backupDir: BACKUPS });
  });
});

describe('IPC argument validation', () => {
  const cases: Array<[string, string, unknown[], RegExp]> = [
    ['saveFile without arguments', IPC_CHANNELS.saveFile, [], /参数无效：缺少参数/],
    ['saveFile with a number as name', IPC_CHANNELS.saveFile, [{ defaultName: 42, data: bytes('x') }], /文件名的类型不正确/],
    ['saveFile with a path as name', IPC_CHANNELS.saveFile, [{ defaultName: '../../x.xlsx', data: bytes('x') }], /文件名含有不允许的字符/],
    ['saveFile with a Windows path', IPC_CHANNELS.saveFile, [{ defaultName: 'C:\\Windows\\x.dll', data: bytes('x') }], /文件名含有不允许的字符/],
    ['saveFile with text instead of bytes', IPC_CHANNELS.saveFile, [{ defaultName: 'a.xlsx', data: 'hello' }], /文件内容不符合要求（类型或取值有误）/],
    ['saveFile with a bad filter', IPC_CHANNELS.saveFile, [{ defaultName: 'a.xlsx', data: bytes('x'), filters: [{ name: 'x', extensions: ['../exe'] }] }], /格式不正确/],
    ['openFiles with a negative limit', IPC_CHANNELS.openFiles, [{ maxBytes: -1 }], /文件大小上限过小或为空/],
    ['openFiles with a limit over 512 MB', IPC_CHANNELS.openFiles, [{ maxBytes: 600 * 1024 * 1024 }], /文件大小上限超出允许的范围/],
    ['openFiles with multiple as text', IPC_CHANNELS.openFiles, [{ multiple: 'yes' }], /是否多选的类型不正确/],
    ['printPdf with empty data', IPC_CHANNELS.printPdf, [{ data: new Uint8Array(0) }], /PDF 内容为空/],
    ['saveFile with a program extension', IPC_CHANNELS.saveFile, [{ defaultName: 'run.bat', data: bytes('x') }], /只能保存以下类型的文件/],
    ['printPdf with bytes that are not a PDF', IPC_CHANNELS.printPdf, [{ data: bytes('<html>') }], /不是 PDF 文件/],
    ['saveStream with a shortcut extension', IPC_CHANNELS.saveStream, [{ defaultName: 'x.lnk' }], /只能保存以下类型的文件/],
    ['saveStream with a path as name', IPC_CHANNELS.saveStream, [{ defaultName: '..\\Startup\\a.pdf' }], /文件名含有不允许的字符/],
    ['saveStream with data attached', IPC_CHANNELS.saveStream, [{ defaultName: 'a.pdf', data: bytes('x') }], /无法识别的字段/],
    ['openStream with a path', IPC_CHANNELS.openStream, [{ path: '/etc/passwd' }], /无法识别的字段/],
    ['writeStream with a made-up handle', IPC_CHANNELS.writeStream, [{ handle: '../../x', chunk: bytes('x') }], /文件句柄无效/],
    ['writeStream with a chunk over 8 MiB', IPC_CHANNELS.writeStream, [{ handle: '0123456789abcdef0123456789abcdef', chunk: new Uint8Array(8 * 1024 * 1024 + 1) }], /1 字节至 8 MB/],
    ['writeStream with an empty chunk', IPC_CHANNELS.writeStream, [{ handle: '0123456789abcdef0123456789abcdef', chunk: new Uint8Array(0) }], /1 字节至 8 MB/],
    ['writeStream with text', IPC_CHANNELS.writeStream, [{ handle: '0123456789abcdef0123456789abcdef', chunk: 'x' }], /数据块不符合要求/],
    ['readStream over 8 MiB', IPC_CHANNELS.readStream, [{ handle: '0123456789abcdef0123456789abcdef', offset: 0, length: 8 * 1024 * 1024 + 1 }], /每次读取不能超过 8 MB/],
    ['readStream at a negative offset', IPC_CHANNELS.readStream, [{ handle: '0123456789abcdef0123456789abcdef', offset: -1, length: 1 }], /读取位置过小/],
    ['closeStream with a path', IPC_CHANNELS.closeStream, [{ handle: '/data/backups/x' }], /文件句柄无效/],
    ['createBackup of an unknown series', IPC_CHANNELS.createBackup, [{ series: 'daily' }], /备份类别无效/],
    ['createBackup with a chosen name', IPC_CHANNELS.createBackup, [{ series: 'manual', name: 'manual-1.zwgkbak' }], /无法识别的字段/],
    ['openBackup with a traversal name', IPC_CHANNELS.openBackup, [{ name: '../../secret.zwgkbak' }], /备份文件名无效/],
    ['openBackup with a Windows traversal', IPC_CHANNELS.openBackup, [{ name: '..\\x.zwgkbak' }], /备份文件名无效/],
    ['openBackup with another extension', IPC_CHANNELS.openBackup, [{ name: 'x.exe' }], /备份文件名无效/],
    ['missingOriginals with a path', IPC_CHANNELS.missingOriginals, [{ hashes: ['../x'] }], /照片哈希值格式不正确/],
    ['createOriginal with an upper-case hash', IPC_CHANNELS.createOriginal, [{ sha256: 'A'.repeat(64), bytes: 1 }], /照片哈希值格式不正确/],
    ['createOriginal without a size', IPC_CHANNELS.createOriginal, [{ sha256: 'a'.repeat(64) }], /文件大小的类型不正确/],
    ['missingOriginals in another store', IPC_CHANNELS.missingOriginals, [{ hashes: [], store: '../..' }], /原件存储位置无效/],
    ['createBackup referencing a path', IPC_CHANNELS.createBackup, [{ series: 'auto-full', originals: ['../x'] }], /照片哈希值格式不正确/],
    ['openOriginal with a traversal', IPC_CHANNELS.openOriginal, [{ sha256: '../../' + 'a'.repeat(58) }], /照片哈希值格式不正确/],
    ['readSystemFont with a traversal', IPC_CHANNELS.readSystemFont, [{ file: '../../Windows/System32/config/SAM.ttf' }], /字体文件名无效/],
    ['readSystemFont with an absolute path', IPC_CHANNELS.readSystemFont, [{ file: 'C:\\Windows\\Fonts\\simfang.ttf' }], /字体文件名无效/],
  ];

  it.each(cases)('refuses %s with a Chinese reason and touches nothing', async (_label, channel, args, reason) => {
    const call = ctx.ipc.invoke(channel, args);
    await expect(call).rejects.toThrow(/^参数无效：/);
    await expect(ctx.ipc.invoke(channel, args)).rejects.toThrow(reason);
    expectNothingTouched();
  });

  it('refuses data over 512 MB before any dialog opens', async () => {
    const huge = new Uint8Array(512 * 1024 * 1024 + 1);
    await expect(ctx.ipc.invoke(IPC_CHANNELS.saveFile, [{ defaultName: 'a.xlsx', data: huge }])).rejects.toThrow(
      '参数无效：文件过大（超过 512 MB），请改用分段保存',
    );
    await expect(ctx.ipc.invoke(IPC_CHANNELS.printPdf, [{ data: huge }])).rejects.toThrow('参数无效：PDF 内容为空或超过 512 MB');
    expectNothingTouched();
  });

  it('passes valid arguments through to the handler', async () => {
    const result = await ctx.ipc.invoke(IPC_CHANNELS.saveFile, [{ defaultName: '评分表.xlsx', data: bytes('xlsx') }]);
    expect(result).toEqual({ saved: true, path: '/home/u/Documents/out.xlsx' });
    expect(ctx.fs.text('/home/u/Documents/out.xlsx')).toBe('xlsx');
  });

  it('keeps originals of automatic backups in the store beside them, apart from the originals themselves', async () => {
    const photo = bytes('original');
    const sha256 = createHash('sha256').update(photo).digest('hex');
    const sink = (await ctx.ipc.invoke(IPC_CHANNELS.createOriginal, [{ sha256, bytes: photo.byteLength, store: 'backups' }])) as { handle: string };
    await ctx.ipc.invoke(IPC_CHANNELS.writeStream, [{ handle: sink.handle, chunk: photo }]);
    await ctx.ipc.invoke(IPC_CHANNELS.closeStream, [{ handle: sink.handle }]);
    expect(ctx.fs.files.has(`${BACKUPS}/originals/${sha256.slice(0, 2)}/${sha256}`)).toBe(true);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.missingOriginals, [{ hashes: [sha256], store: 'backups' }])).toEqual([]);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.missingOriginals, [{ hashes: [sha256] }])).toEqual([sha256]);
    const full = (await ctx.ipc.invoke(IPC_CHANNELS.createBackup, [{ series: 'auto-full', originals: [sha256] }])) as { handle: string; name: string };
    await ctx.ipc.invoke(IPC_CHANNELS.closeStream, [{ handle: full.handle }]);
    expect(ctx.fs.text(`${BACKUPS}/originals/refs/${full.name}.json`)).toBe(JSON.stringify([sha256]));
    const source = (await ctx.ipc.invoke(IPC_CHANNELS.openOriginal, [{ sha256, store: 'backups' }])) as { handle: string };
    expect(await ctx.ipc.invoke(IPC_CHANNELS.readStream, [{ handle: source.handle, offset: 0, length: 100 }])).toEqual(photo);
  });

  it('turns an unexpected internal error into a generic Chinese message and logs it', async () => {
    ctx.showOpenDialog.mockRejectedValueOnce(new TypeError('cannot read properties of undefined'));
    await expect(ctx.ipc.invoke(IPC_CHANNELS.openFiles, [{}])).rejects.toThrow(/^操作失败：发生内部错误/);
    expect(ctx.logError).toHaveBeenCalledWith(IPC_CHANNELS.openFiles, expect.any(TypeError));
  });

  it('writes a backup through a sink and reads it back in pieces, and reads a listed system font', async () => {
    const sink = (await ctx.ipc.invoke(IPC_CHANNELS.createBackup, [{ series: 'auto-data' }])) as { handle: string; name: string };
    expect(sink.name).toBe('auto-data-20240601T100000.zwgkbak');
    await ctx.ipc.invoke(IPC_CHANNELS.writeStream, [{ handle: sink.handle, chunk: bytes('D') }]);
    await ctx.ipc.invoke(IPC_CHANNELS.writeStream, [{ handle: sink.handle, chunk: bytes('B') }]);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.closeStream, [{ handle: sink.handle }])).toEqual({ name: sink.name, bytes: 2 });
    expect(await ctx.ipc.invoke(IPC_CHANNELS.listBackups, [])).toMatchObject([{ name: sink.name, series: 'auto-data', bytes: 2, protected: false }]);
    const source = (await ctx.ipc.invoke(IPC_CHANNELS.openBackup, [{ name: sink.name }])) as { handle: string; size: number };
    expect(source.size).toBe(2);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.readStream, [{ handle: source.handle, offset: 1, length: 5 }])).toEqual(bytes('B'));
    await ctx.ipc.invoke(IPC_CHANNELS.releaseStream, [{ handle: source.handle }]);
    await expect(ctx.ipc.invoke(IPC_CHANNELS.readStream, [{ handle: source.handle, offset: 0, length: 1 }])).rejects.toThrow('文件已关闭或操作已结束');
    expect(await ctx.ipc.invoke(IPC_CHANNELS.listSystemFonts, [])).toEqual([{ file: 'simfang.ttf', face: '仿宋' }]);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.readSystemFont, [{ file: 'simfang.ttf' }])).toEqual(bytes('FANGSONG'));
  });

  it('explains a file-system error it did not expect (disk full) in Chinese instead of a generic refusal', async () => {
    ctx.showOpenDialog.mockRejectedValueOnce(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
    await expect(ctx.ipc.invoke(IPC_CHANNELS.openFiles, [{}])).rejects.toThrow(/^操作失败：磁盘空间不足，请删除不需要的文件/);
  });
});
