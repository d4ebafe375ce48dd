/**
 * What differs between the desktop app and the plain browser build. Screens use
 * only this interface; `getPlatform()` picks the implementation at start-up.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Platform {
  kind: 'desktop' | 'browser';
  /** Save bytes under a suggested name (native dialog on desktop, a download in a browser). Resolves false if cancelled. */
  saveFile(defaultName: string, data: Uint8Array, filters?: FileFilter[]): Promise<boolean>;
  /** Ask the user for files. Must be called from a click handler in a browser. */
  pickFiles(options: { filters?: FileFilter[]; multiple?: boolean; maxBytes?: number }): Promise<PickedFile[]>;
  /** Print a PDF (desktop: system print dialog; browser: opens the PDF for the browser's print). */
  printPdf(data: Uint8Array, title: string): Promise<void>;
  appVersion(): Promise<string>;
  /** Where the data lives, in words for the settings page. */
  dataLocation(): Promise<string>;
}

export class FileTooLargeError extends Error {
  constructor(
    readonly fileName: string,
    readonly maxBytes: number,
  ) {
    super(`文件「${fileName}」超过 ${Math.round(maxBytes / 1048576)} MB 上限`);
  }
}
