import type { DesktopApi } from '../../shared/ipc/desktopApi';
import { createBrowserPlatform } from './browserPlatform';
import { createDesktopPlatform } from './desktopPlatform';
import type { Platform } from './platform';

export type { BackupListEntry, BackupOriginalStore, BackupSeries, FileFilter, FileSink, FileSource, OriginalStore, PickedFile, Platform } from './platform';
export { FileTooLargeError, STREAM_CHUNK_BYTES, readAll, writeAll } from './platform';
export { userMessage } from './userErrors';

let current: Platform | undefined;

/** The desktop implementation under Electron (preload present), the browser one otherwise. */
export function getPlatform(): Platform {
  if (!current) {
    const desktop = (globalThis as { desktop?: DesktopApi }).desktop;
    current = desktop ? createDesktopPlatform(desktop) : createBrowserPlatform();
  }
  return current;
}

/** For tests: use a fake platform. */
export function setPlatform(p: Platform | undefined): void {
  current = p;
}
