import * as XLSX from 'xlsx';

/**
 * Reads the first worksheet of a user's spreadsheet (.xlsx, .xls, .csv, and WPS
 * files saved in those formats) into rows of trimmed strings, with limits, and
 * refuses anything that is not really a spreadsheet with a clear message.
 * SheetJS would read arbitrary bytes as a one-column CSV, so the format is
 * decided from the bytes first.
 */
export interface ReadLimits {
  maxBytes: number;
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxBytes: 20 * 1024 * 1024, maxRows: 50_000 };

export type SpreadsheetFormat = 'xlsx' | 'xls' | 'csv';

export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';
}

export function sniffSpreadsheet(bytes: Uint8Array): SpreadsheetFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return looksLikeText(bytes) ? 'csv' : null;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  if (control > sample.length / 100) return false;
  const text = decodeText(sample);
  return /[,\t;]/.test(text) || /\r?\n/.test(text);
}

/** CSV files from Chinese Excel are often GB18030; UTF-8 (with or without BOM) otherwise. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export interface SheetRows {
  format: SpreadsheetFormat;
  sheetName: string;
  /** Rows of cell texts; row i is spreadsheet row i+1. Trailing empty rows dropped. */
  rows: string[][];
}

export function readFirstSheet(bytes: Uint8Array, limits: ReadLimits = DEFAULT_READ_LIMITS): SheetRows {
  if (bytes.byteLength === 0) throw new SpreadsheetError('文件为空：请选择含有数据的 Excel 或 CSV 表格');
  if (bytes.byteLength > limits.maxBytes) {
    throw new SpreadsheetError(`文件过大（${(bytes.byteLength / 1048576).toFixed(1)} MB），上限为 ${Math.round(limits.maxBytes / 1048576)} MB`);
  }
  const format = sniffSpreadsheet(bytes);
  if (!format) throw new SpreadsheetError('无法读取该文件：不是有效的 Excel/CSV 表格');
  let wb: XLSX.WorkBook;
  try {
    wb =
      format === 'csv'
        ? XLSX.read(decodeText(bytes), { type: 'string', dense: true, raw: true, sheetRows: limits.maxRows + 2 })
        : XLSX.read(bytes, { type: 'array', dense: true, cellDates: false, sheetRows: limits.maxRows + 2 });
  } catch {
    throw new SpreadsheetError('无法读取该文件：表格已损坏或格式不受支持');
  }
  const sheetName = wb.SheetNames[0];
  const sheet = sheetName ? wb.Sheets[sheetName] : undefined;
  if (!sheet) throw new SpreadsheetError('表格中没有工作表');
  const raw = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: true });
  const rows = raw.map((r) => (Array.isArray(r) ? r.map((c) => String(c ?? '').trim()) : []));
  while (rows.length && rows[rows.length - 1].every((c) => c === '')) rows.pop();
  if (rows.length > limits.maxRows + 1) {
    throw new SpreadsheetError(`数据行过多：单次最多导入 ${limits.maxRows.toLocaleString('zh-CN')} 行`);
  }
  if (rows.length === 0) throw new SpreadsheetError('表格中没有数据');
  return { format, sheetName, rows };
}

/** Header cells compared without spaces, full-width forms or a trailing asterisk/colon (必填 markers). */
export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*：:（）()]/g, '').replace(/必填|选填/g, '');
}

/**
 * Finds the header row among the first rows (titles may sit above it): the first
 * row in which at least `minMatches` cells match a known column name.
 */
export function findHeaderRow(
  rows: string[][],
  columns: Record<string, readonly string[]>,
  minMatches: number,
  scan = 10,
): { index: number; mapping: Record<string, number> } | null {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const mapping: Record<string, number> = {};
    rows[i].forEach((cell, col) => {
      const h = normaliseHeader(cell);
      if (!h) return;
      for (const [key, names] of Object.entries(columns)) {
        if (mapping[key] === undefined && names.some((n) => normaliseHeader(n) === h)) mapping[key] = col;
      }
    });
    if (Object.keys(mapping).length >= minMatches) return { index: i, mapping };
  }
  return null;
}
