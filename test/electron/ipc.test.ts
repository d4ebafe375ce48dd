import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/ipc/desktopApi';
import { registerIpcHandlers, UNTRUSTED_SENDER_MESSAGE, type IpcDeps } from '../../electron/ipc';
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
  const deps: IpcDeps = {
    trustedOrigins: ['app://bundle'],
    app: { version: '0.1.0', platform: 'win32', userDataDir: '/data', backupDir: BACKUPS },
    save: { fs, showSaveDialog, defaultDir: '/home/u/Documents', lastDir },
    open: { fs, showOpenDialog, defaultDir: '/home/u/Documents', lastDir },
    print: { fs, tempDir: '/tmp', printFile },
    backups: { fs, backupDir: BACKUPS },
    fonts: { fs, fontsDirs: ['/fonts'] },
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
    ['writeBackup with a traversal name', IPC_CHANNELS.writeBackup, [{ name: '../x.zwgkbak', data: bytes('x') }], /备份文件名无效/],
    ['writeBackup with an absolute name', IPC_CHANNELS.writeBackup, [{ name: '/etc/x.zwgkbak', data: bytes('x') }], /备份文件名无效/],
    ['writeBackup with a Windows traversal', IPC_CHANNELS.writeBackup, [{ name: '..\\x.zwgkbak', data: bytes('x') }], /备份文件名无效/],
    ['writeBackup with another extension', IPC_CHANNELS.writeBackup, [{ name: 'x.exe', data: bytes('x') }], /备份文件名无效/],
    ['writeBackup keeping 0', IPC_CHANNELS.writeBackup, [{ name: 'auto-1.zwgkbak', data: bytes('x'), keep: 0 }], /保留份数过小/],
    ['writeBackup keeping 1.5', IPC_CHANNELS.writeBackup, [{ name: 'auto-1.zwgkbak', data: bytes('x'), keep: 1.5 }], /保留份数/],
    ['readBackup with a traversal name', IPC_CHANNELS.readBackup, [{ name: '../../secret.zwgkbak' }], /备份文件名无效/],
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
      '参数无效：文件过大（超过 512 MB）',
    );
    await expect(ctx.ipc.invoke(IPC_CHANNELS.writeBackup, [{ name: 'auto-1.zwgkbak', data: huge }])).rejects.toThrow(
      '参数无效：备份数据超过 512 MB',
    );
    await expect(ctx.ipc.invoke(IPC_CHANNELS.printPdf, [{ data: huge }])).rejects.toThrow('参数无效：PDF 内容为空或超过 512 MB');
    expectNothingTouched();
  });

  it('passes valid arguments through to the handler', async () => {
    const result = await ctx.ipc.invoke(IPC_CHANNELS.saveFile, [{ defaultName: '评分表.xlsx', data: bytes('xlsx') }]);
    expect(result).toEqual({ saved: true, path: '/home/u/Documents/out.xlsx' });
    expect(ctx.fs.text('/home/u/Documents/out.xlsx')).toBe('xlsx');
  });

  it('turns an unexpected internal error into a generic Chinese message and logs it', async () => {
    ctx.showOpenDialog.mockRejectedValueOnce(new TypeError('cannot read properties of undefined'));
    await expect(ctx.ipc.invoke(IPC_CHANNELS.openFiles, [{}])).rejects.toThrow(/^操作失败：发生内部错误/);
    expect(ctx.logError).toHaveBeenCalledWith(IPC_CHANNELS.openFiles, expect.any(TypeError));
  });

  it('reads a backup it wrote, and a listed system font', async () => {
    await ctx.ipc.invoke(IPC_CHANNELS.writeBackup, [{ name: 'auto-20240601T100000.zwgkbak', data: bytes('DB') }]);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.listBackups, [])).toMatchObject([{ name: 'auto-20240601T100000.zwgkbak', bytes: 2 }]);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.readBackup, [{ name: 'auto-20240601T100000.zwgkbak' }])).toEqual(bytes('DB'));
    expect(await ctx.ipc.invoke(IPC_CHANNELS.listSystemFonts, [])).toEqual([{ file: 'simfang.ttf', face: '仿宋' }]);
    expect(await ctx.ipc.invoke(IPC_CHANNELS.readSystemFont, [{ file: 'simfang.ttf' }])).toEqual(bytes('FANGSONG'));
  });
});
