/**
 * The preload: exposes `window.desktop`, one named function per channel of
 * the shared contract and nothing else (never ipcRenderer itself). It runs
 * sandboxed, where only 'electron' can be required, so the build bundles
 * everything it imports into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type DesktopApi } from '../shared/ipc/desktopApi';
import { cleanIpcErrorMessage } from './ipcErrors';

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (error) {
    throw new Error(cleanIpcErrorMessage(error));
  }
}

const api = {
  appInfo: () => invoke(IPC_CHANNELS.appInfo),
  saveFile: (args) => invoke(IPC_CHANNELS.saveFile, args),
  openFiles: (args) => invoke(IPC_CHANNELS.openFiles, args),
  printPdf: (args) => invoke(IPC_CHANNELS.printPdf, args),
  writeBackup: (args) => invoke(IPC_CHANNELS.writeBackup, args),
  listBackups: () => invoke(IPC_CHANNELS.listBackups),
  readBackup: (args) => invoke(IPC_CHANNELS.readBackup, args),
  listSystemFonts: () => invoke(IPC_CHANNELS.listSystemFonts),
  readSystemFont: (args) => invoke(IPC_CHANNELS.readSystemFont, args),
} satisfies DesktopApi;

contextBridge.exposeInMainWorld('desktop', api);
