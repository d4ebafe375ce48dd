/**
 * Entry of the Electron main process. It only wires Electron's modules into
 * the pure, tested functions of this folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import { createAppProtocolHandler } from './appProtocol';
import { STALE_PRINT_FILE } from './handlers/printPdf';
import { cleanUpAtStartup } from './handlers/staleFiles';
import { StreamTable } from './handlers/streams';
import { systemFontsDirs } from './handlers/systemFonts';
import { registerIpcHandlers } from './ipc';
import { createPdfPrinter, PRINT_PARTITION } from './printWindow';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  hardenWebContents,
  parseDevServerUrl,
  permissionCheckHandler,
  permissionRequestHandler,
  trustedOrigins,
  withContentSecurityPolicy,
} from './security';
import { claimSingleInstance } from './singleInstance';
import { mainWindowOptions } from './window';

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);

// A dev server is honoured only when running unpackaged.
const devServer = app.isPackaged ? null : parseDevServerUrl(process.env.VITE_DEV_SERVER_URL);
const origins = trustedOrigins(devServer);
const csp = devServer ? devContentSecurityPolicy(devServer.origin) : CONTENT_SECURITY_POLICY;
// dist-electron/main.cjs → the project root (or app.asar) is one level up.
const appRoot = path.join(__dirname, '..');
const distDir = path.join(appRoot, 'dist');
const preloadPath = path.join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let streams: StreamTable | null = null;

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    // Files the page was writing are discarded, files it was reading closed.
    void streams?.closeAll();
  });
  void win.loadURL(devServer ? devServer.href : APP_ENTRY_URL);
  return win;
}

function wire(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback, details) =>
    permissionRequestHandler(wc, permission, callback, details, origins),
  );
  ses.setPermissionCheckHandler((wc, permission, requestingOrigin, details) =>
    permissionCheckHandler(wc, permission, requestingOrigin, details, origins),
  );
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) }),
  );
  const printSession = session.fromPartition(PRINT_PARTITION);
  printSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  printSession.setPermissionCheckHandler(() => false);

  protocol.handle(APP_SCHEME, createAppProtocolHandler({ distDir, fs, csp }));

  const userDataDir = app.getPath('userData');
  const backupDir = path.join(userDataDir, 'backups');
  const originalsDir = path.join(userDataDir, 'originals');
  const tempDir = app.getPath('temp');
  const lastDir = { current: null as string | null };
  const parent = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  const showSaveDialog = (options: Electron.SaveDialogOptions) => {
    const win = parent();
    return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
  };
  const showOpenDialog = (options: Electron.OpenDialogOptions) => {
    const win = parent();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  };
  streams = new StreamTable({ fs });
  void cleanUpAtStartup({ fs, tempDir, backupDir, originalsDir, printFile: STALE_PRINT_FILE }).catch((error) => console.warn('清理临时文件失败', error));

  registerIpcHandlers(ipcMain, {
    trustedOrigins: origins,
    app: { version: app.getVersion(), platform: process.platform, userDataDir, backupDir },
    save: { fs, defaultDir: app.getPath('documents'), lastDir, showSaveDialog },
    open: { fs, defaultDir: app.getPath('documents'), lastDir, showOpenDialog },
    print: {
      fs,
      tempDir,
      printFile: createPdfPrinter({ createWindow: (options) => new BrowserWindow(options) }),
    },
    streams,
    files: { streams, defaultDir: app.getPath('documents'), lastDir, showSaveDialog, showOpenDialog },
    backups: { fs, streams, backupDir, now: () => new Date(), warn: (message, error) => console.warn(message, error) },
    originals: { fs, streams, originalsDir },
    secrets: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      encryptString: (plain) => safeStorage.encryptString(plain),
      decryptString: (sealed) => safeStorage.decryptString(sealed),
      getSelectedStorageBackend: process.platform === 'linux' ? () => safeStorage.getSelectedStorageBackend() : undefined,
    },
    fonts: { fs, fontsDirs: systemFontsDirs(process.platform, process.env) },
    logError: (channel, error) => console.error(`[ipc ${channel}]`, error),
  });
}

if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, origins));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    if (app.isPackaged) Menu.setApplicationMenu(null);
    wire();
    mainWindow = createMainWindow();
  });
}
