import { z } from 'zod';

/**
 * The one contract between the renderer and the Electron main process.
 * The preload exposes exactly these functions as `window.desktop`; the main
 * process validates every argument with the schemas below before acting.
 */

export { IPC_CHANNELS, NO_ARG_METHODS, type DesktopMethod, type IpcChannel } from './channels';

const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** The largest piece of a streamed file sent through one IPC call. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;

/** The kinds of file the app writes; `saveFile` and `saveStream` refuse any other extension. */
export const SAVE_EXTENSIONS = ['xlsx', 'pdf', 'json', 'jpg', 'jpeg', 'png', 'docx', 'zwgkbak', 'zwgksync'] as const;

export const BACKUP_SERIES = ['auto-data', 'auto-full', 'manual', 'pre-restore', 'pre-merge'] as const;
export type BackupSeries = (typeof BACKUP_SERIES)[number];
/** Series never pruned, neither by the keep rule nor by the quota. */
export const PROTECTED_BACKUP_SERIES: ReadonlySet<BackupSeries> = new Set(['pre-restore', 'pre-merge']);

/** File extension (lower case, without the dot), or '' when there is none. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const SAVE_EXTENSION_MESSAGE = `只能保存以下类型的文件：${SAVE_EXTENSIONS.map((e) => `.${e}`).join('、')}`;

export const fileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[a-zA-Z0-9*]{1,10}$/)).min(1).max(20),
});

export const saveFileArgsSchema = z.object({
  defaultName: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !/[\\/:*?"<>|\u0000-\u001f]/.test(s), '文件名含有不允许的字符')
    .refine((s) => (SAVE_EXTENSIONS as readonly string[]).includes(fileExtension(s)), SAVE_EXTENSION_MESSAGE),
  filters: z.array(fileFilterSchema).max(10).default([]),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_FILE_BYTES, '文件过大（超过 512 MB），请改用分段保存'),
});

export const openFilesArgsSchema = z.object({
  filters: z.array(fileFilterSchema).max(10).default([]),
  multiple: z.boolean().default(false),
  maxBytes: z.number().int().positive().max(MAX_FILE_BYTES).default(100 * 1024 * 1024),
});

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // "%PDF"

export const printPdfArgsSchema = z.object({
  data: z
    .instanceof(Uint8Array)
    .refine((d) => d.byteLength > 0 && d.byteLength <= MAX_FILE_BYTES, 'PDF 内容为空或超过 512 MB')
    .refine((d) => PDF_MAGIC.every((b, i) => d[i] === b), '要打印的内容不是 PDF 文件'),
  title: z.string().max(200).default('打印'),
});

/** An opaque id the main process handed out for an open sink or source. */
const handleSchema = z.string().regex(/^[0-9a-f]{32}$/, '文件句柄无效');
const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, '照片哈希值格式不正确');

export const saveStreamArgsSchema = saveFileArgsSchema.omit({ data: true }).strict();
export const openStreamArgsSchema = z.object({ filters: z.array(fileFilterSchema).max(10).default([]) }).strict();
export const writeStreamArgsSchema = z
  .object({
    handle: handleSchema,
    chunk: z
      .instanceof(Uint8Array)
      .refine((d) => d.byteLength > 0 && d.byteLength <= MAX_CHUNK_BYTES, '每次写入的数据须在 1 字节至 8 MB 之间'),
  })
  .strict();
export const handleArgsSchema = z.object({ handle: handleSchema }).strict();
export const readStreamArgsSchema = z
  .object({
    handle: handleSchema,
    offset: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    length: z.number().int().positive().max(MAX_CHUNK_BYTES, '每次读取不能超过 8 MB'),
  })
  .strict();

/** Names the main process gave its backups (current and earlier versions). */
export const BACKUP_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,119}\.zwgkbak$/;
/** The most originals one automatic backup may reference in the backup folder's store. */
export const MAX_BACKUP_ORIGINALS = 200_000;
export const createBackupArgsSchema = z
  .object({
    series: z.enum(BACKUP_SERIES, '备份类别无效'),
    /** Originals the backup references in the backup folder's store (kept while the backup is). */
    originals: z.array(z.string().regex(/^[0-9a-f]{64}$/, '照片哈希值格式不正确')).max(MAX_BACKUP_ORIGINALS, '备份引用的照片原件过多').optional(),
  })
  .strict();
export const openBackupArgsSchema = z.object({ name: z.string().regex(BACKUP_NAME_PATTERN, '备份文件名无效') }).strict();

/** `backups`: the content-addressed store beside the automatic backups instead of the originals themselves. */
const originalsStoreSchema = z.literal('backups', '原件存储位置无效').optional();
export const missingOriginalsArgsSchema = z.object({ hashes: z.array(sha256Schema).max(MAX_BACKUP_ORIGINALS), store: originalsStoreSchema }).strict();
export const createOriginalArgsSchema = z
  .object({
    sha256: sha256Schema,
    /** The size the renderer will write; main checks it at close along with the hash. */
    bytes: z.number().int().positive().max(4 * 1024 * 1024 * 1024, '原始照片过大（超过 4 GB）'),
    store: originalsStoreSchema,
  })
  .strict();
export const openOriginalArgsSchema = z.object({ sha256: sha256Schema, store: originalsStoreSchema }).strict();
/** A secret to wrap (the base64 of a key) and the wrapped blob the main process returned. */
export const sealSecretArgsSchema = z.object({ plain: z.string().min(1).max(4096, '密钥过长') }).strict();
export const openSecretArgsSchema = z
  .object({ sealed: z.string().min(1).max(16384, '密钥数据过长').regex(/^[A-Za-z0-9+/]+={0,2}$/, '密钥数据格式不正确') })
  .strict();
export const readSystemFontArgsSchema = z.object({
  file: z.string().regex(/^[A-Za-z0-9_ .-]{1,80}\.(ttf|otf|ttc)$/i, '字体文件名无效'),
});

export type SaveFileArgs = z.input<typeof saveFileArgsSchema>;
export type OpenFilesArgs = z.input<typeof openFilesArgsSchema>;
export type PrintPdfArgs = z.input<typeof printPdfArgsSchema>;
export type SaveStreamArgs = z.input<typeof saveStreamArgsSchema>;
export type OpenStreamArgs = z.input<typeof openStreamArgsSchema>;

export interface AppInfo {
  version: string;
  platform: string;
  dataDir: string;
  backupDir: string;
}
export interface SaveFileResult {
  saved: boolean;
  path?: string;
}
export interface OpenedFile {
  name: string;
  data: Uint8Array;
}
export interface BackupEntry {
  name: string;
  series: BackupSeries;
  bytes: number;
  modifiedAt: string;
  /** Kept whatever the keep rule or the quota says (copies taken before a restore or a merge). */
  protected: boolean;
}
/** A file being written by the main process; `handle` is used for the following calls. */
export interface SinkInfo {
  handle: string;
  name: string;
}
/** A file open for reading in the main process. */
export interface SourceInfo {
  handle: string;
  name: string;
  size: number;
}
export interface SystemFont {
  /** File name inside the system font folder, e.g. "simfang.ttf". */
  file: string;
  /** The face it provides, e.g. "仿宋". */
  face: string;
}

/** What the preload exposes as `window.desktop`. */
export interface DesktopApi {
  appInfo(): Promise<AppInfo>;
  saveFile(args: SaveFileArgs): Promise<SaveFileResult>;
  openFiles(args: OpenFilesArgs): Promise<OpenedFile[]>;
  printPdf(args: PrintPdfArgs): Promise<void>;
  listSystemFonts(): Promise<SystemFont[]>;
  readSystemFont(args: { file: string }): Promise<Uint8Array>;
  /** Save dialog, then a sink at the chosen place; null when cancelled. */
  saveStream(args: SaveStreamArgs): Promise<SinkInfo | null>;
  /** Open dialog, then a source on the chosen file; null when cancelled. */
  openStream(args: OpenStreamArgs): Promise<SourceInfo | null>;
  writeStream(args: { handle: string; chunk: Uint8Array }): Promise<void>;
  /** Flushes, then renames the temporary file into place. */
  closeStream(args: { handle: string }): Promise<{ name: string; bytes: number }>;
  /** Removes the temporary file; a handle already closed is ignored. */
  abortStream(args: { handle: string }): Promise<void>;
  readStream(args: { handle: string; offset: number; length: number }): Promise<Uint8Array>;
  releaseStream(args: { handle: string }): Promise<void>;
  /** A sink in the backup folder; main picks `${series}-${localTimestamp}.zwgkbak`. */
  /** `originals`: the hashes the backup references in the backup folder's store (all present there). */
  createBackup(args: { series: BackupSeries; originals?: string[] }): Promise<SinkInfo>;
  listBackups(): Promise<BackupEntry[]>;
  openBackup(args: { name: string }): Promise<SourceInfo>;
  /** `store: 'backups'`: the store of originals beside the automatic backups (else the originals themselves). */
  missingOriginals(args: { hashes: string[]; store?: 'backups' }): Promise<string[]>;
  /** A sink for one original photo; null when it is stored already. Main checks the hash at close. */
  createOriginal(args: { sha256: string; bytes: number; store?: 'backups' }): Promise<SinkInfo | null>;
  openOriginal(args: { sha256: string; store?: 'backups' }): Promise<SourceInfo | null>;
  originalsUsage(): Promise<{ count: number; bytes: number }>;
  /** Whether the operating system can wrap secrets (safeStorage with a real keyring). */
  secretsAvailable(): Promise<boolean>;
  /** Wraps a secret; returns an opaque base64 blob only this account on this machine can open. */
  sealSecret(args: { plain: string }): Promise<string>;
  openSecret(args: { sealed: string }): Promise<string>;
}
