/** Types shared by every import of the paperwork checks. */

export const IMPORT_LIMITS = {
  /** Files above this size are refused before anything is parsed. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Data rows (below the header) above this count are refused. */
  maxDataRows: 50_000,
  /** The header row is looked for among the first rows that hold anything. */
  headerSearchRows: 30,
  /** Sum of the uncompressed parts of an .xlsx: guards against zip bombs. */
  maxUncompressedBytes: 400 * 1024 * 1024,
} as const;

export type CellValue = string | number | boolean | null;

/** A row that holds at least one value; `row` is the row number shown by Excel (1-based). */
export interface RawRow {
  row: number;
  cells: CellValue[];
}

export interface RawSheet {
  name: string;
  /** Non-empty rows only, in order; merged cells carry the merged value in every cell they cover. */
  rows: RawRow[];
  /** Workbook uses the 1904 date system (old Mac Excel). */
  date1904: boolean;
}

export type TableFormat = 'xlsx' | 'xls' | 'csv' | 'html' | 'pasted' | 'entered';

/** Where the data came from: kept in every preview and report so a finding can be traced to the file. */
export interface SourceInfo {
  fileName: string;
  /** SHA-256 of the file bytes (of the UTF-8 text for pasted tables), lower-case hex. */
  sha256: string;
  byteLength: number;
  format: TableFormat;
  /** Worksheet used; '' for CSV and pasted text. */
  sheetName: string;
}

export interface LoadedTable {
  source: Omit<SourceInfo, 'sheetName'>;
  sheets: RawSheet[];
  /** Things the user should know that do not stop the import. */
  warnings: string[];
}

export type ImportErrorCode =
  | 'EMPTY_FILE'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'NOT_A_TABLE'
  | 'EMPTY_SHEET'
  | 'SHEET_NOT_FOUND'
  | 'NO_HEADER'
  | 'NO_DATA'
  | 'TOO_MANY_ROWS';

export interface ImportError {
  code: ImportErrorCode;
  /** Chinese message for the user. */
  message: string;
  fileName: string;
  /** Present when the file was read far enough to hash it. */
  sha256?: string;
}

/** Result of an import step: a value, or a clear message and nothing else. */
export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: ImportError };

/** What to import: file bytes with the file's name, or text pasted from a web page or a spreadsheet. */
export type TableInput = { bytes: Uint8Array; fileName: string } | { pastedText: string; label?: string };

/** A problem with one row found while importing (the row is kept unless `severity` is 'error'). */
export interface RowIssue {
  /** Row number as in the spreadsheet (1-based). */
  row: number;
  /** Column letter(s), e.g. 'C'; null when the whole row is concerned. */
  column: string | null;
  field: string | null;
  severity: 'error' | 'warning';
  message: string;
}
