import path from 'node:path';
import type { SaveFileResult } from '../../shared/ipc/desktopApi';
import { writeFileAtomic } from './atomicWrite';
import { assertSaveExtension } from './fileStreams';
import { describeFsError } from './fsErrors';
import type { FileFilter, FsLike } from './fsTypes';

export interface SaveDialogOptions {
  title: string;
  defaultPath: string;
  filters: FileFilter[];
  properties: Array<'createDirectory' | 'showOverwriteConfirmation'>;
}

export interface SaveFileDeps {
  fs: Pick<FsLike, 'writeFile' | 'rename' | 'unlink'>;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** Where the dialog opens the first time (the user's Documents folder). */
  defaultDir: string;
  /** The folder of the last save or open, shared between dialogs. */
  lastDir: { current: string | null };
}

export interface SaveFileInput {
  defaultName: string;
  filters: FileFilter[];
  data: Uint8Array;
}

/**
 * Asks where to save (native dialog), then writes atomically. Cancelling the
 * dialog is not an error: the result says `saved: false`.
 */
export async function saveFile(args: SaveFileInput, deps: SaveFileDeps): Promise<SaveFileResult> {
  const result = await deps.showSaveDialog({
    title: '保存文件',
    defaultPath: path.join(deps.lastDir.current ?? deps.defaultDir, args.defaultName),
    filters: args.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return { saved: false };
  const target = result.filePath;
  assertSaveExtension(target, '保存失败');
  try {
    await writeFileAtomic(deps.fs, target, args.data);
  } catch (error) {
    throw new Error(`保存失败：${describeFsError(error)}（${target}）`);
  }
  deps.lastDir.current = path.dirname(target);
  return { saved: true, path: target };
}
