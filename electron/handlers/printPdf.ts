import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describeFsError } from './fsErrors';
import type { FsLike } from './fsTypes';

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
  const file = path.join(deps.tempDir, `zwgk-print-${randomBytes(8).toString('hex')}.pdf`);
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
