/**
 * The preload: exposes `window.desktop`, one named function per channel of
 * the shared contract and nothing else (never ipcRenderer itself). It runs
 * sandboxed, where only 'electron' can be required, so the build bundles
 * everything it imports into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, NO_ARG_METHODS, type DesktopMethod } from '../shared/ipc/channels';
import type { DesktopApi } from '../shared/ipc/desktopApi';
import { cleanIpcErrorMessage } from './ipcErrors';

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (error) {
    throw new Error(cleanIpcErrorMessage(error));
  }
}

// One function per channel; methods without arguments send none.
const api = Object.fromEntries(
  (Object.keys(IPC_CHANNELS) as DesktopMethod[]).map((method) => {
    const channel = IPC_CHANNELS[method];
    return [method, NO_ARG_METHODS.has(method) ? () => invoke(channel) : (args: unknown) => invoke(channel, args)];
  }),
) as Record<DesktopMethod, (args?: unknown) => Promise<unknown>> as unknown as DesktopApi;

contextBridge.exposeInMainWorld('desktop', api);
