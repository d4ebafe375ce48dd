/**
 * Prints a PDF file through Chromium's PDF viewer in a hidden window, with the
 * system print dialog (the official picks printer, copies, duplex). Pure:
 * main.ts passes a factory that makes the real BrowserWindow.
 */
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    print(
      options: { silent: boolean; printBackground: boolean },
      callback: (success: boolean, failureReason: string) => void,
    ): void;
  };
  isDestroyed(): boolean;
  destroy(): void;
}

export interface PdfPrinterDeps {
  createWindow(options: BrowserWindowConstructorOptions): PrintWindowLike;
  /** Waits for the PDF viewer to lay the pages out after the load event. */
  delay?(ms: number): Promise<void>;
}

/** A separate in-memory session: nothing the PDF viewer does touches the app's. */
export const PRINT_PARTITION = 'zwgk-print';

export function printWindowOptions(title: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    title,
    width: 900,
    height: 1200,
    webPreferences: {
      partition: PRINT_PARTITION,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      javascript: true,
      // Chromium's built-in PDF viewer is a plugin.
      plugins: true,
    },
  };
}

/** Returns the `printFile` dependency of the printPdf handler. */
export function createPdfPrinter(deps: PdfPrinterDeps): (pdfPath: string, title: string) => Promise<void> {
  const delay = deps.delay ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (pdfPath, title) => {
    const win = deps.createWindow(printWindowOptions(title));
    try {
      try {
        await win.loadURL(pathToFileURL(pdfPath).href);
      } catch {
        throw new Error('打印失败：无法载入待打印的文档');
      }
      await delay(500);
      await new Promise<void>((resolve, reject) => {
        win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
          // Closing the dialog with "取消" is the official's choice, not a failure.
          if (success || /cancel/i.test(failureReason)) resolve();
          else reject(new Error(`打印失败：${failureReason === 'Invalid printer settings' ? '打印机设置无效' : '打印机未能完成打印任务'}`));
        });
      });
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  };
}
