/**
 * The IPC surface of the main process: one `ipcMain.handle` per channel of
 * the shared contract. Every call is checked in the same order:
 *   1. the sender is a top-level frame of the app's own origin;
 *   2. the arguments pass the contract's zod schema;
 *   3. the handler (a plain function with injected dependencies) runs.
 * Refusals are thrown as Errors with a Chinese sentence; nothing is touched
 * before both checks pass.
 */
import type { z } from 'zod';
import {
  IPC_CHANNELS,
  createBackupArgsSchema,
  createOriginalArgsSchema,
  handleArgsSchema,
  missingOriginalsArgsSchema,
  openBackupArgsSchema,
  openFilesArgsSchema,
  openOriginalArgsSchema,
  openSecretArgsSchema,
  openStreamArgsSchema,
  printPdfArgsSchema,
  readStreamArgsSchema,
  readSystemFontArgsSchema,
  saveFileArgsSchema,
  saveStreamArgsSchema,
  sealSecretArgsSchema,
  writeStreamArgsSchema,
  type DesktopApi,
} from '../shared/ipc/desktopApi';
import { appInfo, type AppInfoDeps } from './handlers/appInfo';
import { createBackup, createBackupOriginal, listBackups, missingBackupOriginals, openBackup, openBackupOriginal, type BackupDeps } from './handlers/backups';
import { openStream, saveStream, type FileStreamDeps } from './handlers/fileStreams';
import { openFiles, type OpenFilesDeps } from './handlers/openFiles';
import { createOriginal, missingOriginals, openOriginal, originalsUsage, type OriginalsDeps } from './handlers/originals';
import { printPdf, type PrintPdfDeps } from './handlers/printPdf';
import { openSecret, sealSecret, secretsAvailable, type SafeStorageDeps } from './handlers/safeStorage';
import { saveFile, type SaveFileDeps } from './handlers/saveFile';
import type { StreamTable } from './handlers/streams';
import { listSystemFonts, readSystemFont, type SystemFontDeps } from './handlers/systemFonts';
import { describeFsError, fsErrorCode } from './handlers/fsErrors';
import { isTrustedAppUrl } from './security';

/** What the handlers see of the invoke event; Electron's IpcMainInvokeEvent fits. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string; parent?: unknown } | null | undefined;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
}

export interface IpcDeps {
  trustedOrigins: readonly string[];
  app: AppInfoDeps;
  save: SaveFileDeps;
  open: OpenFilesDeps;
  print: PrintPdfDeps;
  backups: BackupDeps;
  fonts: SystemFontDeps;
  /** The one table of open sinks and sources (shared by files, backups and originals). */
  streams: StreamTable;
  files: FileStreamDeps;
  originals: OriginalsDeps;
  /** Electron safeStorage (DPAPI on Windows) for the laptop's backup key. */
  secrets: SafeStorageDeps;
  /** Unexpected (non-user-facing) errors are reported here before a generic refusal. */
  logError?(channel: string, error: unknown): void;
}

export const UNTRUSTED_SENDER_MESSAGE = '已拒绝：请求并非来自本应用的页面';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  defaultName: '文件名',
  filters: '文件类型',
  data: '文件内容',
  multiple: '是否多选',
  maxBytes: '文件大小上限',
  title: '标题',
  name: '备份文件名',
  keep: '保留份数',
  file: '字体文件名',
  extensions: '扩展名',
  handle: '文件句柄',
  chunk: '数据块',
  offset: '读取位置',
  length: '读取长度',
  series: '备份类别',
  hashes: '照片哈希值',
  sha256: '照片哈希值',
  bytes: '文件大小',
};

const HAS_CHINESE = /[\u4e00-\u9fff]/;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (HAS_CHINESE.test(issue.message)) return issue.message;
  const field = issue.path.find((p): p is string => typeof p === 'string' && p in FIELD_LABELS);
  const label = field ? FIELD_LABELS[field] : issue.path.length === 0 ? '参数' : String(issue.path.join('.'));
  switch (issue.code) {
    case 'invalid_type':
      return issue.path.length === 0 ? '缺少参数或参数类型不正确' : `${label}的类型不正确`;
    // z.instanceof (the byte arrays) reports a wrong type as a custom issue.
    case 'custom':
      return `${label}不符合要求（类型或取值有误）`;
    case 'too_big':
      return `${label}超出允许的范围`;
    case 'too_small':
      return `${label}过小或为空`;
    case 'invalid_format':
      return `${label}的格式不正确`;
    case 'unrecognized_keys':
      return `包含无法识别的字段：${issue.keys.join('、')}`;
    default:
      return `${label}无效`;
  }
}

/** Validates with a contract schema; refuses with "参数无效：…" in Chinese. */
export function parseArgs<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const reasons = [...new Set(result.error.issues.map(describeIssue))];
  throw new Error(`参数无效：${reasons.join('；')}`);
}

export function assertTrustedSender(event: IpcInvokeEventLike, origins: readonly string[]): void {
  const frame = event?.senderFrame;
  if (!frame || frame.parent != null || !isTrustedAppUrl(frame.url, origins)) {
    throw new Error(UNTRUSTED_SENDER_MESSAGE);
  }
}

type Routes = { [K in keyof typeof IPC_CHANNELS]: (arg: unknown) => Promise<Awaited<ReturnType<DesktopApi[K]>>> };

function routes(deps: IpcDeps): Routes {
  return {
    appInfo: async () => appInfo(deps.app),
    saveFile: async (raw) => saveFile(parseArgs(saveFileArgsSchema, raw), deps.save),
    openFiles: async (raw) => openFiles(parseArgs(openFilesArgsSchema, raw), deps.open),
    printPdf: async (raw) => printPdf(parseArgs(printPdfArgsSchema, raw), deps.print),
    listSystemFonts: async () => listSystemFonts(deps.fonts),
    readSystemFont: async (raw) => readSystemFont(parseArgs(readSystemFontArgsSchema, raw), deps.fonts),
    saveStream: async (raw) => saveStream(parseArgs(saveStreamArgsSchema, raw), deps.files),
    openStream: async (raw) => openStream(parseArgs(openStreamArgsSchema, raw), deps.files),
    writeStream: async (raw) => {
      const { handle, chunk } = parseArgs(writeStreamArgsSchema, raw);
      return deps.streams.write(handle, chunk);
    },
    closeStream: async (raw) => deps.streams.close(parseArgs(handleArgsSchema, raw).handle),
    abortStream: async (raw) => deps.streams.abort(parseArgs(handleArgsSchema, raw).handle),
    readStream: async (raw) => {
      const { handle, offset, length } = parseArgs(readStreamArgsSchema, raw);
      return deps.streams.read(handle, offset, length);
    },
    releaseStream: async (raw) => deps.streams.release(parseArgs(handleArgsSchema, raw).handle),
    createBackup: async (raw) => createBackup(parseArgs(createBackupArgsSchema, raw), deps.backups),
    listBackups: async () => listBackups(deps.backups),
    openBackup: async (raw) => openBackup(parseArgs(openBackupArgsSchema, raw), deps.backups),
    missingOriginals: async (raw) => {
      const args = parseArgs(missingOriginalsArgsSchema, raw);
      return args.store === 'backups' ? missingBackupOriginals(args, deps.backups) : missingOriginals(args, deps.originals);
    },
    createOriginal: async (raw) => {
      const args = parseArgs(createOriginalArgsSchema, raw);
      return args.store === 'backups' ? createBackupOriginal(args, deps.backups) : createOriginal(args, deps.originals);
    },
    openOriginal: async (raw) => {
      const args = parseArgs(openOriginalArgsSchema, raw);
      return args.store === 'backups' ? openBackupOriginal(args, deps.backups) : openOriginal(args, deps.originals);
    },
    originalsUsage: async () => originalsUsage(deps.originals),
    secretsAvailable: async () => secretsAvailable(deps.secrets),
    sealSecret: async (raw) => sealSecret(parseArgs(sealSecretArgsSchema, raw), deps.secrets),
    openSecret: async (raw) => openSecret(parseArgs(openSecretArgsSchema, raw), deps.secrets),
  };
}

/**
 * The sentence for an error a handler did not expect: a file-system error
 * keeps its cause and what to do (disk full, no permission…); anything else
 * gets a generic refusal.
 */
export function ipcErrorMessage(error: unknown): string {
  if (fsErrorCode(error)) return `操作失败：${describeFsError(error)}`;
  return '操作失败：发生内部错误，请重试；如反复出现，请联系技术支持';
}

export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps): void {
  const table = routes(deps);
  for (const method of Object.keys(IPC_CHANNELS) as Array<keyof typeof IPC_CHANNELS>) {
    const channel = IPC_CHANNELS[method];
    const run = table[method];
    ipcMain.handle(channel, async (event, ...args) => {
      assertTrustedSender(event, deps.trustedOrigins);
      try {
        return await run(args[0]);
      } catch (error) {
        if (error instanceof Error && HAS_CHINESE.test(error.message)) throw error;
        deps.logError?.(channel, error);
        throw new Error(ipcErrorMessage(error));
      }
    });
  }
}

// The contract and the channel table must name the same methods.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatchContract: Exact<keyof typeof IPC_CHANNELS, keyof DesktopApi> = true;
void channelsMatchContract;
