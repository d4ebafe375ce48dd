import { z } from 'zod';

/**
 * The one contract between the renderer and the Electron main process.
 * The preload exposes exactly these functions as `window.desktop`; the main
 * process validates every argument with the schemas below before acting.
 */

export const IPC_CHANNELS = {
  appInfo: 'app:info',
  saveFile: 'file:save',
  openFiles: 'file:open',
  printPdf: 'print:pdf',
  writeBackup: 'backup:write',
  listBackups: 'backup:list',
  readBackup: 'backup:read',
  listSystemFonts: 'fonts:list',
  readSystemFont: 'fonts:read',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const fileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[a-zA-Z0-9*]{1,10}$/)).min(1).max(20),
});

export const saveFileArgsSchema = z.object({
  defaultName: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => !/[\\/:*?"<>|\u0000]/.test(s), '文件名含有不允许的字符'),
  filters: z.array(fileFilterSchema).max(10).default([]),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_FILE_BYTES, '文件过大（超过 512 MB）'),
});

export const openFilesArgsSchema = z.object({
  filters: z.array(fileFilterSchema).max(10).default([]),
  multiple: z.boolean().default(false),
  maxBytes: z.number().int().positive().max(MAX_FILE_BYTES).default(100 * 1024 * 1024),
});

export const printPdfArgsSchema = z.object({
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= MAX_FILE_BYTES, 'PDF 内容为空或超过 512 MB'),
  title: z.string().max(200).default('打印'),
});

const backupNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,120}\.zwgkbak$/, '备份文件名无效');

export const writeBackupArgsSchema = z.object({
  name: backupNameSchema,
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= MAX_FILE_BYTES, '备份数据超过 512 MB'),
  keep: z.number().int().min(1).max(200).default(30),
});

export const readBackupArgsSchema = z.object({ name: backupNameSchema });
export const readSystemFontArgsSchema = z.object({
  file: z.string().regex(/^[A-Za-z0-9_ .-]{1,80}\.(ttf|otf|ttc)$/i, '字体文件名无效'),
});

export type SaveFileArgs = z.input<typeof saveFileArgsSchema>;
export type OpenFilesArgs = z.input<typeof openFilesArgsSchema>;
export type PrintPdfArgs = z.input<typeof printPdfArgsSchema>;
export type WriteBackupArgs = z.input<typeof writeBackupArgsSchema>;

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
  bytes: number;
  modifiedAt: string;
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
  writeBackup(args: WriteBackupArgs): Promise<BackupEntry>;
  listBackups(): Promise<BackupEntry[]>;
  readBackup(args: { name: string }): Promise<Uint8Array>;
  listSystemFonts(): Promise<SystemFont[]>;
  readSystemFont(args: { file: string }): Promise<Uint8Array>;
}
