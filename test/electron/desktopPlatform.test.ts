/**
 * The renderer's desktop platform wired to the real IPC registration and
 * handlers (in-memory file system): what the screens call goes through the
 * same validation as in the app.
 */
import { describe, expect, it, vi } from 'vitest';
import { StreamTable } from '../../electron/handlers/streams';
import { registerIpcHandlers, type IpcDeps } from '../../electron/ipc';
import { createDesktopPlatform } from '../../renderer/platform/desktopPlatform';
import { readAll, writeAll } from '../../renderer/platform/platform';
import { IPC_CHANNELS, NO_ARG_METHODS, type DesktopApi, type DesktopMethod } from '../../shared/ipc/desktopApi';
import { FakeIpcMain, MemFs } from './fakes';

const DOCS = '/home/u/Documents';
const MiB = 1024 * 1024;
/** Large arrays are compared as buffers (a failing deep diff of megabytes would not fit in memory). */
const same = (a: Uint8Array | undefined, b: Uint8Array) => expect(a !== undefined && a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b))).toBe(true);

function setup(chosen: string) {
  const fs = new MemFs();
  fs.put(`${DOCS}/.keep`, '');
  const streams = new StreamTable({ fs });
  const lastDir = { current: null };
  const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: chosen }));
  const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: [chosen] }));
  const deps: IpcDeps = {
    trustedOrigins: ['app://bundle'],
    app: { version: '0.1.0', platform: 'win32', userDataDir: '/data', backupDir: '/data/backups' },
    save: { fs, showSaveDialog, defaultDir: DOCS, lastDir },
    open: { fs, showOpenDialog, defaultDir: DOCS, lastDir },
    print: { fs, tempDir: '/tmp', printFile: async () => undefined },
    backups: { fs, streams, backupDir: '/data/backups', now: () => new Date(2024, 5, 1, 9, 0, 0) },
    fonts: { fs, fontsDirs: [] },
    streams,
    files: { streams, showSaveDialog, showOpenDialog, defaultDir: DOCS, lastDir },
    originals: { fs, streams, originalsDir: '/data/originals' },
    // No keyring here: secrets are unavailable (the safeStorage handlers have their own test).
    secrets: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
  };
  const ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, deps);
  const calls: string[] = [];
  const api = Object.fromEntries(
    (Object.keys(IPC_CHANNELS) as DesktopMethod[]).map((m) => [
      m,
      (args?: unknown) => {
        calls.push(m);
        return ipc.invoke(IPC_CHANNELS[m], NO_ARG_METHODS.has(m) ? [] : [args]);
      },
    ]),
  ) as unknown as DesktopApi;
  return { fs, platform: createDesktopPlatform(api), calls };
}

describe('desktop platform over the real IPC handlers', () => {
  it('opens a backup larger than one IPC call may carry when a screen allows 2 GB (was refused before the dialog opened)', async () => {
    const { fs, platform, calls } = setup(`${DOCS}/大备份.zwgkbak`);
    const data = new Uint8Array(20 * MiB).map((_, i) => i % 253);
    fs.put(`${DOCS}/大备份.zwgkbak`, data);
    const [file] = await platform.pickFiles({ filters: [{ name: '检查助手备份', extensions: ['zwgkbak'] }], maxBytes: 2 * 1024 * MiB });
    expect(file.name).toBe('大备份.zwgkbak');
    same(file.bytes, data);
    expect(calls.filter((c) => c === 'readStream')).toHaveLength(3);
    expect(fs.openHandles.size).toBe(0);
  });

  it('saves a file larger than one chunk through a sink, in 8 MB pieces', async () => {
    const { fs, platform, calls } = setup(`${DOCS}/同步.zwgksync`);
    const sink = await platform.saveStream('同步.zwgksync');
    const data = new Uint8Array(17 * MiB).fill(7);
    expect(await writeAll(sink!, data)).toEqual({ name: '同步.zwgksync', bytes: 17 * MiB });
    expect(calls.filter((c) => c === 'writeStream')).toHaveLength(3);
    same(fs.files.get(`${DOCS}/同步.zwgksync`)?.data, data);
  });

  it('reads a source in ranges longer than 8 MB by assembling pieces', async () => {
    const { fs, platform } = setup(`${DOCS}/a.zwgkbak`);
    const data = new Uint8Array(10 * MiB).map((_, i) => i % 7);
    fs.put(`${DOCS}/a.zwgkbak`, data);
    const src = (await platform.openStream())!;
    same(await src.read(MiB, 9 * MiB), data.subarray(MiB, 10 * MiB));
    same(await readAll(src), data);
    await src.close();
  });

  it('keeps backups and originals through the main process', async () => {
    const { fs, platform } = setup(`${DOCS}/x`);
    const name = (await writeAll(await platform.backups!.create('pre-merge'), new Uint8Array([1, 2, 3]))).name;
    expect(name).toBe('pre-merge-20240601T090000.zwgkbak');
    expect(await platform.backups!.list()).toMatchObject([{ name, series: 'pre-merge', protected: true, bytes: 3 }]);
    expect(await readAll(await platform.backups!.open(name))).toEqual(new Uint8Array([1, 2, 3]));

    const photo = new Uint8Array(9 * MiB).fill(3);
    const digest = Buffer.from(await crypto.subtle.digest('SHA-256', photo)).toString('hex');
    await platform.originals!.put(digest, photo);
    await platform.originals!.put(digest, photo); // stored already: nothing written again
    expect(await platform.originals!.missing([digest, 'f'.repeat(64)])).toEqual(['f'.repeat(64)]);
    expect(await platform.originals!.usage()).toEqual({ count: 1, bytes: 9 * MiB });
    same(await readAll((await platform.originals!.read(digest))!), photo);
    await expect(platform.originals!.put('0'.repeat(64), photo)).rejects.toThrow('内容与其 SHA-256 校验值不符');
    expect(fs.temporaryFiles()).toEqual([]);
  });
});
