/**
 * The desktop app without Electron: the same web build in Chromium, with
 * `window.desktop` supplied by the test. Every call goes through the real
 * `registerIpcHandlers` (sender check on the calling frame, zod validation)
 * and the real handlers of electron/handlers/ on a temporary user-data
 * folder with the real file system. Native dialogs are answered by the test.
 *
 * Generic: the page-side `window.desktop` is built from the contract's channel
 * table, so a method added to DesktopApi works here without changes.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { OpenDialogOptions } from '../../../electron/handlers/openFiles';
import type { SaveDialogOptions } from '../../../electron/handlers/saveFile';
import { StreamTable } from '../../../electron/handlers/streams';
import { STALE_PRINT_FILE } from '../../../electron/handlers/printPdf';
import { cleanUpAtStartup } from '../../../electron/handlers/staleFiles';
import { cleanIpcErrorMessage } from '../../../electron/ipcErrors';
import { registerIpcHandlers, type IpcInvokeEventLike } from '../../../electron/ipc';
import { IPC_CHANNELS, NO_ARG_METHODS, type DesktopMethod } from '../../../shared/ipc/desktopApi';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

/** Uint8Arrays cross the Playwright binding as base64 (it carries JSON values only). */
type Wire = { __bytes: string } | Wire[] | { [k: string]: Wire } | string | number | boolean | null;

function toWire(value: unknown): Wire {
  if (value instanceof Uint8Array) return { __bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  return (value ?? null) as Wire;
}

function fromWire(value: Wire): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value && typeof value === 'object') {
    if ('__bytes' in value && typeof value.__bytes === 'string') return new Uint8Array(Buffer.from(value.__bytes, 'base64'));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v as Wire)]));
  }
  return value;
}

export interface DialogAnswers {
  /** Answers for the next save dialogs, in order: a path, or null to cancel. */
  save: (string | null)[];
  /** Answers for the next open dialogs: the chosen paths, or null to cancel. */
  open: (string[] | null)[];
}

export interface DesktopHarness {
  userData: string;
  backupDir: string;
  originalsDir: string;
  /** A folder standing for the user's Documents (where the tests put and find files). */
  documents: string;
  dialogs: DialogAnswers;
  /** Every dialog the app opened, with its options. */
  dialogLog: Array<{ kind: 'save'; options: SaveDialogOptions } | { kind: 'open'; options: OpenDialogOptions }>;
  /** The PDFs sent to the printer (copied before the handler removes its temporary file). */
  printed: Uint8Array[];
  /** Methods called from the page, in order. */
  calls: DesktopMethod[];
  /** Refusals and errors, as the page saw them. */
  failures: Array<{ method: DesktopMethod; message: string }>;
  streams: StreamTable;
  /** Opens the app in a new page of `context` with `window.desktop` in place. */
  open(context: BrowserContext): Promise<Page>;
  dispose(): void;
}

const FONT = join(process.cwd(), 'node_modules', '@expo-google-fonts', 'noto-serif-sc', '400Regular', 'NotoSerifSC_400Regular.ttf');

export async function createDesktopHarness(name: string): Promise<DesktopHarness> {
  const userData = mkdtempSync(join(tmpdir(), `zwgk-desktop-${name}-`));
  const backupDir = join(userData, 'backups');
  const originalsDir = join(userData, 'originals');
  const documents = join(userData, 'Documents');
  const tempDir = join(userData, 'tmp');
  const fontsDir = join(userData, 'Fonts');
  for (const d of [documents, tempDir, fontsDir]) mkdirSync(d, { recursive: true });
  // A "system" 仿宋 face (an OFL font under the Windows file name).
  copyFileSync(FONT, join(fontsDir, 'simfang.ttf'));

  const baseURL = inject('baseURL');
  const dialogs: DialogAnswers = { save: [], open: [] };
  const dialogLog: DesktopHarness['dialogLog'] = [];
  const printed: Uint8Array[] = [];
  const calls: DesktopMethod[] = [];
  const failures: DesktopHarness['failures'] = [];
  const streams = new StreamTable({ fs });
  const lastDir = { current: null as string | null };

  const showSaveDialog = async (options: SaveDialogOptions) => {
    dialogLog.push({ kind: 'save', options });
    if (dialogs.save.length === 0) throw new Error(`unexpected save dialog for ${options.defaultPath}`);
    const answer = dialogs.save.shift()!;
    return answer === null ? { canceled: true } : { canceled: false, filePath: answer };
  };
  const showOpenDialog = async (options: OpenDialogOptions) => {
    dialogLog.push({ kind: 'open', options });
    if (dialogs.open.length === 0) throw new Error('unexpected open dialog');
    const answer = dialogs.open.shift()!;
    return answer === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: answer };
  };

  await cleanUpAtStartup({ fs, tempDir, backupDir, originalsDir, printFile: STALE_PRINT_FILE });
  const handlers = new Map<string, Listener>();
  registerIpcHandlers(
    { handle: (channel, listener) => void handlers.set(channel, listener) },
    {
      trustedOrigins: [new URL(baseURL).origin],
      app: { version: '0.1.0-e2e', platform: 'win32', userDataDir: userData, backupDir },
      save: { fs, showSaveDialog, defaultDir: documents, lastDir },
      open: { fs, showOpenDialog, defaultDir: documents, lastDir },
      print: {
        fs,
        tempDir,
        printFile: async (file) => {
          printed.push(new Uint8Array(await fs.readFile(file)));
        },
      },
      streams,
      files: { streams, showSaveDialog, showOpenDialog, defaultDir: documents, lastDir },
      backups: { fs, streams, backupDir, now: () => new Date() },
      originals: { fs, streams, originalsDir },
      // The operating system's secret store stands in as a reversible wrapping with a marker.
      secrets: {
        isEncryptionAvailable: () => true,
        encryptString: (plain) => Buffer.from(`e2e-dpapi:${Buffer.from(plain).toString('hex')}`),
        decryptString: (sealed) => {
          const text = sealed.toString();
          if (!text.startsWith('e2e-dpapi:')) throw new Error('not sealed here');
          return Buffer.from(text.slice('e2e-dpapi:'.length), 'hex').toString();
        },
      },
      fonts: { fs, fontsDirs: [fontsDir] },
    },
  );

  async function invoke(frame: Frame, method: DesktopMethod, wireArg: Wire): Promise<{ ok: Wire } | { error: string }> {
    calls.push(method);
    const listener = handlers.get(IPC_CHANNELS[method]);
    if (!listener) return { error: `操作失败：没有处理“${method}”的后台功能` };
    const parent = frame.parentFrame();
    try {
      const args = NO_ARG_METHODS.has(method) ? [] : [fromWire(wireArg)];
      return { ok: toWire(await listener({ senderFrame: { url: frame.url(), parent } }, ...args)) };
    } catch (error) {
      // As Electron reports a handler's error to the renderer, cleaned by the real preload helper.
      const message = cleanIpcErrorMessage(new Error(`Error invoking remote method '${IPC_CHANNELS[method]}': ${String(error)}`));
      failures.push({ method, message });
      return { error: message };
    }
  }

  return {
    userData,
    backupDir,
    originalsDir,
    documents,
    dialogs,
    dialogLog,
    printed,
    calls,
    failures,
    streams,
    async open(context) {
      await context.exposeBinding('__desktopInvoke', (source, method: DesktopMethod, arg: Wire) => invoke(source.frame, method, arg));
      await context.addInitScript(
        ({ methods, noArg }) => {
          type W = unknown;
          const toWire = (v: unknown): W => {
            if (v instanceof Uint8Array) {
              let s = '';
              for (let i = 0; i < v.length; i += 0x8000) s += String.fromCharCode(...v.subarray(i, i + 0x8000));
              return { __bytes: btoa(s) };
            }
            if (Array.isArray(v)) return v.map(toWire);
            if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toWire(x)]));
            return v ?? null;
          };
          const fromWire = (v: unknown): unknown => {
            if (Array.isArray(v)) return v.map(fromWire);
            if (v && typeof v === 'object') {
              const o = v as Record<string, unknown>;
              if (typeof o.__bytes === 'string') return Uint8Array.from(atob(o.__bytes), (c) => c.charCodeAt(0));
              return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromWire(x)]));
            }
            return v;
          };
          const invoke = (window as unknown as { __desktopInvoke: (m: string, a: unknown) => Promise<{ ok?: unknown; error?: string }> }).__desktopInvoke;
          const api: Record<string, (arg?: unknown) => Promise<unknown>> = {};
          for (const method of methods) {
            api[method] = async (arg?: unknown) => {
              const reply = await invoke(method, noArg.includes(method) ? null : toWire(arg));
              if ('error' in reply && reply.error !== undefined) throw new Error(reply.error);
              return fromWire(reply.ok);
            };
          }
          Object.defineProperty(window, 'desktop', { value: Object.freeze(api), enumerable: true });
        },
        { methods: Object.keys(IPC_CHANNELS), noArg: [...NO_ARG_METHODS] as string[] },
      );
      const page = await context.newPage();
      await page.goto(baseURL);
      return page;
    },
    dispose() {
      void streams.closeAll().finally(() => rmSync(userData, { recursive: true, force: true }));
    },
  };
}
