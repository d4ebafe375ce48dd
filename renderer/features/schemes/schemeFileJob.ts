import { importSchemeJson } from '../../../shared/scheme/json';
import type { Scheme } from '../../../shared/scheme/model';
import type { SchemeImportResult } from '../../../shared/scheme/validate';
import { offThread } from '../../workers/offThread';

/**
 * Scheme files. JSON is parsed on the main thread (small and fast); Excel
 * goes through SheetJS, which is loaded only inside a worker (or lazily, inline,
 * where workers do not exist).
 */

export type SchemeXlsxJob = { op: 'import'; bytes: Uint8Array } | { op: 'export'; scheme: Scheme };
export type SchemeXlsxReply = { op: 'import'; result: SchemeImportResult } | { op: 'export'; bytes: Uint8Array };

export async function runSchemeXlsxJob(job: SchemeXlsxJob): Promise<SchemeXlsxReply> {
  const xlsx = await import('../../../shared/scheme/xlsxFile');
  if (job.op === 'import') return { op: 'import', result: xlsx.importSchemeXlsx(job.bytes) };
  return { op: 'export', bytes: xlsx.exportSchemeXlsx(job.scheme) };
}

function xlsxOffThread(job: SchemeXlsxJob): Promise<SchemeXlsxReply> {
  return offThread(() => new Worker(new URL('./schemeXlsx.worker.ts', import.meta.url), { type: 'module' }), runSchemeXlsxJob, job);
}

export const SCHEME_FILE_FILTERS = [
  { name: '考核方案（JSON 或 Excel）', extensions: ['json', 'xlsx', 'xls'] },
];
export const JSON_FILTERS = [{ name: 'JSON 文件', extensions: ['json'] }];
export const XLSX_FILTERS = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }];
export const MAX_SCHEME_FILE_BYTES = 5 * 1024 * 1024;

/** Whether the bytes are a zip (xlsx) or an OLE compound file (xls). */
function looksLikeWorkbook(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return zip || ole;
}

/** Reads a scheme file (JSON or Excel, told apart by content, not by name). Never throws. */
export async function readSchemeFile(name: string, bytes: Uint8Array): Promise<SchemeImportResult> {
  if (bytes.length === 0) return { ok: false, errors: [{ path: '', message: `文件「${name}」为空，无法导入` }] };
  if (looksLikeWorkbook(bytes)) {
    try {
      const reply = await xlsxOffThread({ op: 'import', bytes });
      if (reply.op === 'import') return reply.result;
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: `读取 Excel 文件失败：${e instanceof Error ? e.message : String(e)}` }] };
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: [{ path: '', message: `文件「${name}」既不是 Excel 工作簿，也不是 UTF-8 编码的 JSON 文件，无法导入` }] };
  }
  return importSchemeJson(text);
}

/** The scheme as .xlsx bytes (方案信息, 评分规则, 填写说明). */
export async function schemeXlsxBytes(scheme: Scheme): Promise<Uint8Array> {
  const reply = await xlsxOffThread({ op: 'export', scheme });
  if (reply.op !== 'export') throw new Error('生成 Excel 文件失败');
  return reply.bytes;
}

/** A file name without characters Windows refuses. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_').replace(/\s+/g, ' ').trim().slice(0, 120) || '考核方案';
}
