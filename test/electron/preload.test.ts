import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, NO_ARG_METHODS, type DesktopMethod } from '../../shared/ipc/desktopApi';
import { cleanIpcErrorMessage } from '../../electron/ipcErrors';

// The preload runs against a stand-in for Electron's renderer modules that
// records what it exposes and what it sends.
const { exposed, invoke, ipcRenderer } = vi.hoisted(() => {
  const invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => undefined);
  return {
    exposed: new Map<string, unknown>(),
    invoke,
    ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

async function loadPreload(): Promise<Record<string, (...args: unknown[]) => Promise<unknown>>> {
  exposed.clear();
  vi.resetModules();
  await import('../../electron/preload');
  return exposed.get('desktop') as Record<string, (...args: unknown[]) => Promise<unknown>>;
}

beforeEach(() => invoke.mockReset());

describe('preload', () => {
  it('exposes only window.desktop, with exactly the methods of the contract', async () => {
    const api = await loadPreload();
    expect([...exposed.keys()]).toEqual(['desktop']);
    expect(Object.keys(api).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('never hands out ipcRenderer or any of its functions', async () => {
    const api = await loadPreload();
    const values = Object.values(api);
    expect(values).not.toContain(ipcRenderer);
    for (const fn of Object.values(ipcRenderer)) expect(values).not.toContain(fn);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/invoke|send|on\b|ipc/i);
  });

  it('sends each method on its own channel with the arguments given', async () => {
    const api = await loadPreload();
    invoke.mockResolvedValue('ok');
    for (const [method, channel] of Object.entries(IPC_CHANNELS)) {
      invoke.mockClear();
      const args = { probe: method };
      await expect(api[method](args)).resolves.toBe('ok');
      expect(invoke).toHaveBeenCalledTimes(1);
      const call = invoke.mock.calls[0];
      expect(call[0]).toBe(channel);
      if (NO_ARG_METHODS.has(method as DesktopMethod)) expect(call).toHaveLength(1);
      else expect(call.slice(1)).toEqual([args]);
    }
  });

  it("passes on the main process's Chinese message without Electron's prefix", async () => {
    const api = await loadPreload();
    invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'backup:open': Error: 参数无效：备份文件名无效"));
    await expect(api.openBackup({ name: '../x.zwgkbak' })).rejects.toThrow(/^参数无效：备份文件名无效$/);
  });

  it('the source imports nothing but electron and the shared contract', () => {
    const source = readFileSync(new URL('../../electron/preload.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]).sort();
    expect(imports).toEqual(['../shared/ipc/channels', '../shared/ipc/desktopApi', './ipcErrors', 'electron']);
    // The contract's types only: the schemas (and zod) stay in the main process.
    expect(source).toMatch(/import type \{ DesktopApi \} from '\.\.\/shared\/ipc\/desktopApi'/);
  });
});

describe('IPC error messages', () => {
  it('strips the prefix Electron adds, and keeps other messages', () => {
    expect(cleanIpcErrorMessage(new Error("Error invoking remote method 'file:save': Error: 保存失败：磁盘空间不足"))).toBe('保存失败：磁盘空间不足');
    // An English message from Electron itself never reaches the user.
    expect(cleanIpcErrorMessage(new Error("Error invoking remote method 'file:save': TypeError: x"))).toBe('操作失败：后台处理出错，请重试；如反复出现，请重启软件或联系技术支持');
    expect(cleanIpcErrorMessage(new Error('An object could not be cloned.'))).toMatch(/^操作失败：数据无法在窗口与后台之间传递/);
    expect(cleanIpcErrorMessage(new Error('已拒绝'))).toBe('已拒绝');
    expect(cleanIpcErrorMessage(new Error("Error invoking remote method 'x': "))).toBe('操作失败，请重试');
  });
});
