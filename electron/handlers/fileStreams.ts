/**
 * The dialogs in front of streamed files: the user picks the place in a native
 * dialog, then the renderer writes or reads through the stream table.
 */
import path from 'node:path';
import { SAVE_EXTENSIONS, fileExtension, type SinkInfo, type SourceInfo } from '../../shared/ipc/desktopApi';
import type { FileFilter } from './fsTypes';
import type { OpenDialogOptions } from './openFiles';
import type { SaveDialogOptions } from './saveFile';
import type { StreamTable } from './streams';

export interface FileStreamDeps {
  streams: StreamTable;
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  defaultDir: string;
  lastDir: { current: string | null };
}

/** The chosen path must still end in one of the app's own extensions (the user may have typed another). */
export function assertSaveExtension(file: string, failure: string): void {
  if (!(SAVE_EXTENSIONS as readonly string[]).includes(fileExtension(path.basename(file)))) {
    throw new Error(`${failure}：只能保存为本软件生成的文件类型（${SAVE_EXTENSIONS.map((e) => `.${e}`).join('、')}），请改用原扩展名`);
  }
}

export async function saveStream(args: { defaultName: string; filters: FileFilter[] }, deps: FileStreamDeps): Promise<SinkInfo | null> {
  const result = await deps.showSaveDialog({
    title: '保存文件',
    defaultPath: path.join(deps.lastDir.current ?? deps.defaultDir, args.defaultName),
    filters: args.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return null;
  const target = result.filePath;
  assertSaveExtension(target, '保存失败');
  const sink = await deps.streams.beginSink({
    target,
    displayName: path.basename(target),
    // The save dialog asked the user before choosing an existing file.
    replaceConfirmed: true,
    failure: '保存失败',
  });
  deps.lastDir.current = path.dirname(target);
  return sink;
}

export async function openStream(args: { filters: FileFilter[] }, deps: FileStreamDeps): Promise<SourceInfo | null> {
  const result = await deps.showOpenDialog({
    title: '打开文件',
    defaultPath: deps.lastDir.current ?? deps.defaultDir,
    filters: args.filters,
    properties: ['openFile'],
  });
  if (result.canceled || result.filePaths.length === 0) return null;
  const file = result.filePaths[0];
  const source = await deps.streams.openSource(file, path.basename(file), '无法打开文件');
  deps.lastDir.current = path.dirname(file);
  return source;
}
