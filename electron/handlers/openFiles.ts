import path from 'node:path';
import type { OpenedFile } from '../../shared/ipc/desktopApi';
import { describeFsError, formatSize } from './fsErrors';
import type { FileFilter, FsLike } from './fsTypes';

export interface OpenDialogOptions {
  title: string;
  defaultPath: string;
  filters: FileFilter[];
  properties: Array<'openFile' | 'multiSelections'>;
}

export interface OpenFilesDeps {
  fs: Pick<FsLike, 'readFile' | 'stat'>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  defaultDir: string;
  lastDir: { current: string | null };
}

export interface OpenFilesInput {
  filters: FileFilter[];
  multiple: boolean;
  maxBytes: number;
}

function tooLarge(name: string, size: number, maxBytes: number): Error {
  return new Error(`文件“${name}”大小为 ${formatSize(size)}，超过允许的 ${formatSize(maxBytes)}，未打开任何文件`);
}

/**
 * Native open dialog, then reads the chosen files. Every size is checked
 * before anything is read: one file over the limit opens none of them.
 * Cancelling returns an empty list.
 */
export async function openFiles(args: OpenFilesInput, deps: OpenFilesDeps): Promise<OpenedFile[]> {
  const result = await deps.showOpenDialog({
    title: '打开文件',
    defaultPath: deps.lastDir.current ?? deps.defaultDir,
    filters: args.filters,
    properties: args.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
  });
  if (result.canceled || result.filePaths.length === 0) return [];
  const chosen = args.multiple ? result.filePaths : result.filePaths.slice(0, 1);

  for (const file of chosen) {
    const name = path.basename(file);
    let stat;
    try {
      stat = await deps.fs.stat(file);
    } catch (error) {
      throw new Error(`无法打开文件“${name}”：${describeFsError(error)}`);
    }
    if (!stat.isFile()) throw new Error(`“${name}”不是文件，无法打开`);
    if (stat.size > args.maxBytes) throw tooLarge(name, stat.size, args.maxBytes);
  }

  const opened: OpenedFile[] = [];
  for (const file of chosen) {
    const name = path.basename(file);
    let data: Uint8Array;
    try {
      data = await deps.fs.readFile(file);
    } catch (error) {
      throw new Error(`无法读取文件“${name}”：${describeFsError(error)}`);
    }
    // The file may have grown between the check and the read.
    if (data.byteLength > args.maxBytes) throw tooLarge(name, data.byteLength, args.maxBytes);
    opened.push({ name, data });
  }
  deps.lastDir.current = path.dirname(chosen[0]);
  return opened;
}
