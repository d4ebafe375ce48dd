/**
 * Reading a user's spreadsheet into plain rows, with the guards a file from
 * outside needs: size and row limits, format detection by content (SheetJS
 * would read any bytes as CSV), encodings (UTF-8, UTF-16, GB18030), merged
 * cells, and clear Chinese messages instead of exceptions.
 */
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { IMPORT_LIMITS, type CellValue, type ImportError, type ImportResult, type LoadedTable, type RawRow, type RawSheet, type TableFormat, type TableInput } from './types';
import { sha256Hex } from '../util/sha256';
import { readXlsx } from './xlsxReader';

export const MESSAGES = {
  emptyFile: '文件为空：请选择含有数据的 Excel/CSV 表格',
  notATable: '无法读取该文件：不是有效的 Excel/CSV 表格',
  unsupportedType: '不支持的文件类型：请选择 .xlsx、.xls 或 .csv 格式的表格',
  password: '无法读取该文件：文件设置了打开密码，请在 Excel 中取消密码后再导入',
  emptySheet: '表格中没有内容：请确认选择了正确的文件和工作表',
  emptyPaste: '粘贴的内容为空：请从 Excel 或网页中复制表格（含表头行）后粘贴',
  pastedNotTable: '粘贴的内容不是表格：请从 Excel 或网页中复制整张表格（含表头行），各列以制表符分隔',
} as const;

export function fileTooLargeMessage(bytes: number): string {
  const mb = (bytes / 1024 / 1024).toFixed(1);
  return `文件过大（${mb} MB）：单个文件不能超过 ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MB，请拆分后分批导入`;
}

export function tooManyRowsMessage(): string {
  return `数据行数超过 ${IMPORT_LIMITS.maxDataRows.toLocaleString('en-US')} 行的上限：请将表格拆分后分批导入`;
}

export { sha256Hex };

function fail<T>(code: ImportError['code'], message: string, fileName: string, sha256?: string): ImportResult<T> {
  return { ok: false, error: { code, message, fileName, ...(sha256 ? { sha256 } : {}) } };
}

type Detected = { kind: 'zip' } | { kind: 'cfb' } | { kind: 'markup'; text: string } | { kind: 'delimited'; text: string } | { kind: 'bad'; detail: string };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Decodes text in UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030; null when the bytes are not text. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  } catch {
    return null;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Chinese Excel on Windows saves CSV in GBK, a subset of GB18030.
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}

/** Text that a person could have typed: no NUL, hardly any control characters. */
function looksLikeText(text: string): boolean {
  if (text.includes('\u0000')) return false;
  let control = 0;
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) control++;
  }
  return control <= n / 1000;
}

function detect(bytes: Uint8Array): Detected {
  if (startsWith(bytes, ZIP_MAGIC)) return { kind: 'zip' };
  if (startsWith(bytes, CFB_MAGIC)) return { kind: 'cfb' };
  const text = decodeText(bytes);
  if (text === null || !looksLikeText(text)) return { kind: 'bad', detail: '' };
  const head = text.slice(0, 4096).trimStart().toLowerCase();
  if (head.startsWith('<')) {
    if (head.includes('<table') || text.slice(0, 200_000).toLowerCase().includes('<table') || head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return { kind: 'markup', text };
    }
    return { kind: 'bad', detail: '（文件是网页或 XML 文本，其中没有表格）' };
  }
  return { kind: 'delimited', text };
}

const EXTENSIONS = {
  xlsx: ['xlsx', 'xlsm', 'xltx', 'xltm'],
  xls: ['xls', 'xlt', 'et', 'ett'],
  text: ['csv', 'tsv', 'txt'],
};

function extensionOf(fileName: string): string {
  return /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
}

/** Reads one cell of a SheetJS dense sheet into a plain value. */
function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : cell.v == null ? null : String(cell.v);
    case 'n':
      return typeof cell.v === 'number' ? cell.v : null;
    case 'b':
      return Boolean(cell.v);
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : null;
    default:
      return null;
  }
}

function isEmptyValue(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

const MAX_COLUMNS = 256;
const MAX_MERGE_CELLS = 200_000;

/** Converts a SheetJS dense worksheet into non-empty rows, filling merged cells with their value. */
function sheetToRows(ws: XLSX.WorkSheet): RawRow[] {
  const data = (ws['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const grid: CellValue[][] = [];
  for (let r = 0; r < data.length; r++) {
    const src = data[r];
    if (!src) continue;
    const width = Math.min(src.length, MAX_COLUMNS);
    let line: CellValue[] | undefined;
    for (let c = 0; c < width; c++) {
      const v = cellValue(src[c]);
      if (v === null) continue;
      line ??= [];
      line[c] = v;
    }
    if (line) grid[r] = line;
  }
  return gridToRows(grid, data.length, ws['!merges'] ?? []);
}

/** Non-empty rows of a grid of cells, merged ranges filled with their top-left value. */
function gridToRows(grid: CellValue[][], rowsRead: number, merges: readonly { s: { r: number; c: number }; e: { r: number; c: number } }[]): RawRow[] {
  for (const m of merges) {
    const top = grid[m.s.r]?.[m.s.c];
    if (top === undefined || top === null) continue;
    const lastRow = Math.min(m.e.r, rowsRead - 1);
    const lastCol = Math.min(m.e.c, MAX_COLUMNS - 1);
    // A merge over a huge empty area carries no data worth copying; skip it rather than fill millions of cells.
    if ((lastRow - m.s.r + 1) * (lastCol - m.s.c + 1) > MAX_MERGE_CELLS) continue;
    for (let r = m.s.r; r <= lastRow; r++) {
      const line = (grid[r] ??= []);
      for (let c = m.s.c; c <= lastCol; c++) if (line[c] === undefined || line[c] === null) line[c] = top;
    }
  }
  const rows: RawRow[] = [];
  for (let r = 0; r < grid.length; r++) {
    const line = grid[r];
    if (!line) continue;
    const cells = Array.from(line, (v) => (v === undefined ? null : v));
    if (cells.every(isEmptyValue)) continue;
    rows.push({ row: r + 1, cells });
  }
  return rows;
}

/** Rows read from a spreadsheet: enough for the data limit plus titles and blank lines above the header. */
const SHEET_ROWS_CAP = IMPORT_LIMITS.maxDataRows + 500;
/** More non-empty rows than this cannot fit the limit whatever the header row. */
const NON_EMPTY_CAP = IMPORT_LIMITS.maxDataRows + IMPORT_LIMITS.headerSearchRows + 1;

function readWorkbook(
  data: Uint8Array | string,
  type: 'array' | 'string',
): { ok: true; sheets: RawSheet[]; warnings: string[] } | { ok: false; code: ImportError['code']; message: string } {
  let wb: XLSX.WorkBook;
  try {
    // Only raw values are read (cell.v): no formatted text, number formats or styles, which cost time on big sheets.
    wb = XLSX.read(data, { type, dense: true, cellDates: false, cellHTML: false, cellFormula: false, cellText: false, cellNF: false, cellStyles: false, sheetRows: SHEET_ROWS_CAP });
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(text)) return { ok: false, code: 'NOT_A_TABLE', message: MESSAGES.password };
    return { ok: false, code: 'NOT_A_TABLE', message: MESSAGES.notATable };
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const sheets: RawSheet[] = [];
  const warnings: string[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const rows = sheetToRows(ws);
    const full = ws['!fullref'] ? XLSX.utils.decode_range(ws['!fullref']) : null;
    const checked = sheetLimits(name, rows, full ? full.e.r : null, warnings);
    if (checked) return checked;
    sheets.push({ name, rows, date1904 });
  }
  return { ok: true, sheets, warnings };
}

/** An .xlsx read by the direct reader (xlsxReader.ts); null when it leaves the file to SheetJS. */
function readXlsxDirect(bytes: Uint8Array): ReturnType<typeof readWorkbook> | null {
  const book = readXlsx(bytes, SHEET_ROWS_CAP, MAX_COLUMNS);
  if (!book) return null;
  const sheets: RawSheet[] = [];
  const warnings: string[] = [];
  for (const ws of book.sheets) {
    const rows = gridToRows(ws.grid, ws.rowsRead, ws.merges);
    const checked = sheetLimits(ws.name, rows, ws.lastRow, warnings);
    if (checked) return checked;
    sheets.push({ name: ws.name, rows, date1904: book.date1904 });
  }
  return { ok: true, sheets, warnings };
}

/**
 * The sheets of an .xlsx read one way or the other: `direct` is what
 * readTableFile uses first, `general` (SheetJS) what it falls back to; both must
 * give the same rows (test/shared/checks/xlsxReader.test.ts).
 */
export function readXlsxSheets(bytes: Uint8Array, via: 'direct' | 'general'): ReturnType<typeof readWorkbook> | null {
  return via === 'direct' ? readXlsxDirect(bytes) : readWorkbook(bytes, 'array');
}

/** Too many rows, or a range running past the rows read: the refusal, or a warning added. */
function sheetLimits(name: string, rows: RawRow[], lastRow: number | null, warnings: string[]): { ok: false; code: ImportError['code']; message: string } | null {
  if (rows.length > NON_EMPTY_CAP) return { ok: false, code: 'TOO_MANY_ROWS', message: `工作表「${name}」${tooManyRowsMessage()}` };
  if (lastRow !== null && lastRow + 1 > SHEET_ROWS_CAP) {
    // The sheet's range goes on past the rows read. Data running up to the cut means the sheet is
    // too long; otherwise the rest is taken to be formatted but empty rows (a whole column formatted).
    const lastWithData = rows.length ? rows[rows.length - 1].row : 0;
    if (lastWithData > SHEET_ROWS_CAP - 1000) return { ok: false, code: 'TOO_MANY_ROWS', message: `工作表「${name}」${tooManyRowsMessage()}` };
    if (rows.length) warnings.push(`工作表「${name}」的范围达 ${(lastRow + 1).toLocaleString('en-US')} 行，只读取了前 ${SHEET_ROWS_CAP.toLocaleString('en-US')} 行（有数据的最后一行为第 ${lastWithData} 行）；如其后还有数据，请拆分文件后分批导入`);
  }
  return null;
}

/** Splits delimited text into rows (RFC 4180 quoting; tab, comma or semicolon). */
export function parseDelimited(text: string, delimiter: string): { rows: RawRow[]; tooMany: boolean } {
  const rows: RawRow[] = [];
  let cells: CellValue[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  // Excel shows each record as one row, even when a quoted cell spans several lines.
  let record = 1;
  const n = text.length;
  const endField = () => {
    cells.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRow = (): boolean => {
    endField();
    if (!cells.every((c) => c === '' || (typeof c === 'string' && c.trim() === ''))) {
      rows.push({ row: record, cells });
      if (rows.length > NON_EMPTY_CAP) return false;
    }
    cells = [];
    record++;
    return true;
  };
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (!endRow()) return { rows, tooMany: true };
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (field !== '' || cells.length) endRow();
  return { rows, tooMany: false };
}

/** Picks the separator: tab if any line has one, else comma, else semicolon (outside quotes, first 50 lines). */
function guessDelimiter(text: string): string | null {
  const sample = text.slice(0, 64 * 1024).split(/\r\n|\n|\r/).slice(0, 50).map((l) => l.replace(/"[^"]*"/g, ''));
  for (const d of ['\t', ',', ';']) if (sample.some((l) => l.includes(d))) return d;
  return null;
}

function delimitedToSheet(text: string, name: string): { ok: true; sheet: RawSheet } | { ok: false; code: ImportError['code']; message: string } {
  const delimiter = guessDelimiter(text);
  if (!delimiter) return { ok: false, code: 'NOT_A_TABLE', message: `${MESSAGES.notATable}（文本中没有以逗号或制表符分隔的列）` };
  const { rows, tooMany } = parseDelimited(text, delimiter);
  if (tooMany) return { ok: false, code: 'TOO_MANY_ROWS', message: tooManyRowsMessage() };
  return { ok: true, sheet: { name, rows, date1904: false } };
}

/**
 * Parses text pasted from Excel or a web page (tab-separated; comma-separated
 * also accepted). Synchronous and pure; `loadTable({ pastedText })` adds the hash.
 */
export function parsePastedTable(text: string): { ok: true; sheet: RawSheet } | { ok: false; code: ImportError['code']; message: string } {
  const clean = text.replace(/^\ufeff/, '');
  if (!clean.trim()) return { ok: false, code: 'EMPTY_FILE', message: MESSAGES.emptyPaste };
  if (!looksLikeText(clean)) return { ok: false, code: 'NOT_A_TABLE', message: MESSAGES.pastedNotTable };
  const delimiter = guessDelimiter(clean);
  if (!delimiter) return { ok: false, code: 'NOT_A_TABLE', message: MESSAGES.pastedNotTable };
  const { rows, tooMany } = parseDelimited(clean, delimiter);
  if (tooMany) return { ok: false, code: 'TOO_MANY_ROWS', message: tooManyRowsMessage() };
  return { ok: true, sheet: { name: '', rows, date1904: false } };
}

/**
 * Reads a spreadsheet file (.xlsx, .xls, .csv; also .xls files that are really
 * HTML tables, as many government systems export). Pure: bytes in, rows out.
 */
export async function readTableFile(bytes: Uint8Array, fileName: string): Promise<ImportResult<LoadedTable>> {
  if (bytes.byteLength > IMPORT_LIMITS.maxFileBytes) return fail('FILE_TOO_LARGE', fileTooLargeMessage(bytes.byteLength), fileName);
  if (bytes.byteLength === 0) return fail('EMPTY_FILE', MESSAGES.emptyFile, fileName);
  const ext = extensionOf(fileName);
  const allowed = [...EXTENSIONS.xlsx, ...EXTENSIONS.xls, ...EXTENSIONS.text];
  if (!allowed.includes(ext)) return fail('UNSUPPORTED_TYPE', MESSAGES.unsupportedType, fileName);
  const sha256 = await sha256Hex(bytes);
  const found = detect(bytes);
  const notTable = (detail = '') => fail<LoadedTable>('NOT_A_TABLE', MESSAGES.notATable + detail, fileName, sha256);

  // An .xlsx must be a zip package, or a compound file (a password-protected workbook, or an .xls renamed).
  if (EXTENSIONS.xlsx.includes(ext) && found.kind !== 'zip' && found.kind !== 'cfb') {
    return notTable(`（文件扩展名为 .${ext}，但内容不是 Excel 工作簿）`);
  }
  let format: TableFormat;
  let outcome: ReturnType<typeof readWorkbook>;
  if (found.kind === 'zip') {
    let uncompressed = 0;
    let hasWorkbook = false;
    try {
      unzipSync(bytes, {
        filter: (f) => {
          uncompressed += f.originalSize;
          if (/^xl\/workbook\.(xml|bin)$/i.test(f.name)) hasWorkbook = true;
          return false;
        },
      });
    } catch {
      return notTable('（文件已损坏，无法解压）');
    }
    if (!hasWorkbook) return notTable('（压缩包中没有 Excel 工作簿，可能是 Word 文档或其他压缩文件）');
    if (uncompressed > IMPORT_LIMITS.maxUncompressedBytes) return fail('FILE_TOO_LARGE', `文件解压后内容过大（超过 ${IMPORT_LIMITS.maxUncompressedBytes / 1024 / 1024} MB）：请删除多余的工作表或空行后再导入`, fileName, sha256);
    format = 'xlsx';
    outcome = readXlsxDirect(bytes) ?? readWorkbook(bytes, 'array');
  } else if (found.kind === 'cfb') {
    format = 'xls';
    outcome = readWorkbook(bytes, 'array');
  } else if (found.kind === 'markup') {
    format = 'html';
    outcome = readWorkbook(found.text, 'string');
  } else if (found.kind === 'delimited') {
    format = 'csv';
    const sheet = delimitedToSheet(found.text, '');
    outcome = sheet.ok ? { ok: true, sheets: [sheet.sheet], warnings: [] } : sheet;
  } else {
    return notTable(found.detail);
  }
  if (!outcome.ok) return fail(outcome.code, outcome.message, fileName, sha256);
  if (!outcome.sheets.some((s) => s.rows.length > 0)) return fail('EMPTY_SHEET', MESSAGES.emptySheet, fileName, sha256);
  return { ok: true, value: { source: { fileName, sha256, byteLength: bytes.byteLength, format }, sheets: outcome.sheets, warnings: outcome.warnings } };
}

/** Reads a file or pasted text into rows; the single entry point of every check's preview. */
export async function loadTable(input: TableInput): Promise<ImportResult<LoadedTable>> {
  if ('bytes' in input) return readTableFile(input.bytes, input.fileName);
  const label = input.label ?? '粘贴的表格';
  const parsed = parsePastedTable(input.pastedText);
  if (!parsed.ok) return fail(parsed.code, parsed.message, label);
  const bytes = new TextEncoder().encode(input.pastedText);
  const sha256 = await sha256Hex(bytes);
  return { ok: true, value: { source: { fileName: label, sha256, byteLength: bytes.byteLength, format: 'pasted' }, sheets: [parsed.sheet], warnings: [] } };
}
