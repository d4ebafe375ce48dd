import * as XLSX from 'xlsx';
import type { Scheme } from './model';
import { schemeFromWorkbook, schemeToWorkbookRows, SHEET_HELP, SHEET_INFO, SHEET_RULES, type WorkbookData } from './excel';
import type { SchemeImportResult } from './validate';

/**
 * Real .xlsx bytes for the scheme template, through SheetJS (works in Node,
 * browsers and workers). Kept out of shared/scheme/index.ts so that importing
 * the scheme model does not pull SheetJS into the main bundle: import this
 * module lazily (e.g. `await import('shared/scheme/xlsxFile')`).
 */

const COLUMN_WIDTHS: Record<string, number[]> = {
  [SHEET_INFO]: [14, 80],
  [SHEET_RULES]: [18, 24, 10, 10, 24, 18, 40, 40, 60, 10, 12, 34, 40, 10, 8, 8, 6, 8, 8, 8, 6, 10, 40, 30],
  [SHEET_HELP]: [14, 100],
};

/** Writes workbook data (rows per sheet) as .xlsx bytes. Sheets keep their order. */
export function buildSchemeTemplateWorkbook(data: WorkbookData): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(data)) {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    const widths = COLUMN_WIDTHS[name];
    if (widths) ws['!cols'] = widths.map((wch) => ({ wch }));
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

/** Reads .xlsx / .xls / .csv bytes into rows per sheet (blank cells are null). */
export function readWorkbook(bytes: Uint8Array | ArrayBuffer): WorkbookData {
  const wb = XLSX.read(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), { type: 'array', cellDates: false, dense: true });
  const out: WorkbookData = {};
  for (const name of wb.SheetNames) {
    out[name] = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name], { header: 1, defval: null, raw: true, blankrows: true });
  }
  return out;
}

/** The scheme as an .xlsx template (方案信息, 评分规则, 填写说明). */
export function exportSchemeXlsx(scheme: Scheme): Uint8Array {
  return buildSchemeTemplateWorkbook(schemeToWorkbookRows(scheme));
}

/** Reads and validates a scheme from spreadsheet bytes; a file that is not a workbook is refused. */
export function importSchemeXlsx(bytes: Uint8Array | ArrayBuffer): SchemeImportResult {
  let data: WorkbookData;
  try {
    data = readWorkbook(bytes);
  } catch {
    return { ok: false, errors: [{ path: '', message: '文件不是有效的 Excel 工作簿，无法导入' }] };
  }
  if (!(SHEET_RULES in data)) {
    return { ok: false, errors: [{ path: SHEET_RULES, message: `工作簿中没有「${SHEET_RULES}」工作表，请使用考核方案模板填写` }] };
  }
  return schemeFromWorkbook(data);
}
