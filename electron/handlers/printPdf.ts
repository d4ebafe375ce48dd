import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describeFsError } from './fsErrors';
import type { FsLike } from './fsTypes';

export const PRINT_FILE_PREFIX = 'zwgk-print-';
/** Temporary print files; those left by a crash are removed at start-up. */
export const STALE_PRINT_FILE = /^zwgk-print-[0-9a-f]{16}\.pdf$/;

export interface PrintPdfDeps {
  fs: Pick<FsLike, 'writeFile' | 'unlink'>;
  /** The system temporary folder. */
  tempDir: string;
  /** Opens the PDF in a hidden window and shows the system print dialog. */
  printFile(pdfPath: string, title: string): Promise<void>;
}

export interface PrintPdfInput {
  data: Uint8Array;
  title: string;
}

/**
 * Prints a PDF made by the renderer: writes it to a temporary file, hands it
 * to the printer window, and always removes the temporary file afterwards.
 */
export async function printPdf(args: PrintPdfInput, deps: PrintPdfDeps): Promise<void> {
  // Defence in depth: the IPC schema checks this too. Only a PDF reaches the viewer.
  if (!(args.data instanceof Uint8Array) || new TextDecoder().decode(args.data.subarray(0, 4)) !== '%PDF') {
    throw new Error('打印失败：要打印的内容不是 PDF 文件');
  }
  const file = path.join(deps.tempDir, `${PRINT_FILE_PREFIX}${randomBytes(8).toString('hex')}.pdf`);
  try {
    await deps.fs.writeFile(file, args.data);
  } catch (error) {
    throw new Error(`打印失败：无法写入临时文件，${describeFsError(error)}`);
  }
  try {
    await deps.printFile(file, args.title);
  } finally {
    await deps.fs.unlink(file).catch(() => undefined);
  }
}
