import * as XLSX from 'xlsx';
import { TARGET_KINDS, isTargetKind, normaliseUnitName, type TargetInput, type TargetKind } from '../domain/targets';
import { splitPhones } from './phones';
import { readTableFile } from '../checks/tableReader';

/** Column names accepted in a targets workbook (first is the template's). */
export const TARGET_COLUMNS = {
  name: ['单位名称', '名称', '被检查单位', '被考核单位'],
  kind: ['类别', '单位类别', '类型', '单位类型'],
  region: ['所属地区', '地区', '区域', '所在地区', '县区'],
  address: ['地址', '单位地址', '办公地址'],
  contactPerson: ['联系人'],
  contactPhone: ['联系电话', '联系人电话'],
  disclosurePhones: ['政府信息公开联系电话', '信息公开电话', '公开电话', '政务公开电话'],
  note: ['备注', '说明'],
} as const satisfies Record<Exclude<keyof TargetInput, 'parentId'>, readonly string[]>;

/** Common ways people write a kind, mapped to the register's kinds. */
const KIND_ALIASES: Record<string, TargetKind> = {
  县区政府: '县区政府',
  县政府: '县区政府',
  区政府: '县区政府',
  县区人民政府: '县区政府',
  政府部门: '政府部门',
  部门: '政府部门',
  市直部门: '政府部门',
  政务服务大厅: '政务服务大厅',
  政务大厅: '政务服务大厅',
  政务服务中心: '政务服务大厅',
  便民服务中心: '便民服务中心',
  镇街便民服务中心: '便民服务中心',
  乡镇便民服务中心: '便民服务中心',
  其他: '其他',
};

export interface TargetImportRow {
  /** Row number as shown in the spreadsheet (1-based). */
  rowNumber: number;
  input: TargetInput;
  /** The 类别 as written; `input.kind` is only meaningful when the row has no kind error. */
  kindText: string;
  errors: string[];
  /** Set when the row names a unit already in the register: the import updates it (with `input`, the merged record). */
  update?: { id: string; changes: TargetChange[] };
}

/** One field a re-import changes, as the preview shows it. */
export interface TargetChange {
  field: keyof TargetInput;
  label: string;
  from: string;
  to: string;
}

/** A unit already in the register, for matching the rows of an updated list. */
export interface ExistingTarget {
  id: string;
  input: TargetInput;
}

const FIELD_LABELS: Record<keyof TargetInput, string> = {
  name: '单位名称',
  kind: '类别',
  region: '所属地区',
  address: '地址',
  contactPerson: '联系人',
  contactPhone: '联系电话',
  disclosurePhones: '政府信息公开联系电话',
  note: '备注',
  parentId: '所属县区',
};

const fieldText = (v: TargetInput[keyof TargetInput]) => (Array.isArray(v) ? v.join('、') : v == null ? '' : String(v));

/**
 * The record after a re-import: filled cells replace the stored value, empty cells and
 * missing columns keep it. Returns the merged record and what changed.
 */
export function mergeTarget(existing: TargetInput, incoming: TargetInput): { merged: TargetInput; changes: TargetChange[] } {
  const merged: TargetInput = { ...existing };
  const changes: TargetChange[] = [];
  for (const field of Object.keys(FIELD_LABELS) as (keyof TargetInput)[]) {
    if (field === 'name') continue;
    const next = incoming[field];
    const empty = next == null || (Array.isArray(next) ? next.length === 0 : next === '');
    if (empty) continue;
    const from = fieldText(existing[field]);
    const to = fieldText(next);
    if (from === to) continue;
    (merged as unknown as Record<string, unknown>)[field] = next;
    changes.push({ field, label: FIELD_LABELS[field], from, to });
  }
  return { merged, changes };
}

export interface TargetImportPreview {
  rows: TargetImportRow[];
  validCount: number;
  errorCount: number;
  /** Valid rows that update a unit already in the register (the rest of the valid rows are new units). */
  updateCount: number;
  /** Rows left out because they are notes under the table (注：…), with their row numbers. */
  skippedNotes: { rowNumber: number; text: string }[];
  /** Advice about the columns, e.g. no 政府信息公开联系电话 column for 拨测. */
  hints: string[];
}

/** A note row under (or above) the table: one filled cell starting with 注、说明、备注、填表说明 or 制表. */
const NOTE_ROW = /^(注|说明|备注|填表说明|制表|数据来源|来源)\s*[0-9１-９]*\s*[：:、.．]|^注\s*[0-9１-９]/;

export function isNoteRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return filled.length === 1 && NOTE_ROW.test(filled[0]);
}

export function parseKind(text: string): TargetKind | null {
  const t = text.replace(/\s/g, '');
  if (isTargetKind(t)) return t;
  return KIND_ALIASES[t] ?? null;
}


/** A targets file that cannot be used at all (not a spreadsheet, no header, no rows). */
export class TargetImportError extends Error {
  override readonly name = 'TargetImportError';
}

const MAX_TARGET_ROWS = 10_000;

/**
 * Reads a targets workbook and checks every row before anything is written.
 * `existingNames` are the normalised names already in the register.
 * Throws TargetImportError (a clear Chinese message) when the file cannot be used at all.
 */
export async function previewTargetImport(
  bytes: Uint8Array,
  fileName: string,
  existingNames: ReadonlySet<string>,
  existingUnits: readonly ExistingTarget[] = [],
): Promise<TargetImportPreview> {
  const byName = new Map(existingUnits.map((u) => [normaliseUnitName(u.input.name), u]));
  const loaded = await readTableFile(bytes, fileName);
  if (!loaded.ok) throw new TargetImportError(loaded.error.message);
  const sheet = loaded.value.sheets[0];
  const rows = (sheet?.rows ?? []).map((r) => ({ row: r.row, cells: r.cells.map((c) => (c === null ? '' : String(c).trim())) }));
  const header = findHeaderRow(rows.map((r) => r.cells), TARGET_COLUMNS, 2);
  if (!header || header.mapping.name === undefined) {
    throw new TargetImportError('未找到表头行：请使用导入模板，表格须含有「单位名称」「类别」等列');
  }
  if (rows.length - header.index - 1 > MAX_TARGET_ROWS) {
    throw new TargetImportError(`数据行过多：单次最多导入 ${MAX_TARGET_ROWS.toLocaleString('zh-CN')} 家单位`);
  }
  const { index, mapping } = header;
  const cell = (r: string[], key: keyof TargetInput) => (mapping[key] === undefined ? '' : (r[mapping[key]] ?? ''));
  const seen = new Map<string, number>();
  const out: TargetImportRow[] = [];
  const skippedNotes: { rowNumber: number; text: string }[] = [];
  for (const { row: rowNumber, cells: r } of rows.slice(index + 1)) {
    if (r.every((c) => c === '')) continue;
    if (isNoteRow(r)) {
      skippedNotes.push({ rowNumber, text: r.find((c) => c !== '') ?? '' });
      continue;
    }
    const errors: string[] = [];
    const name = cell(r, 'name');
    const kindText = cell(r, 'kind');
    const kind = kindText ? parseKind(kindText) : null;
    if (!name) errors.push('缺少单位名称');
    if (!kindText) errors.push('缺少类别');
    else if (!kind) errors.push(`类别「${kindText}」无法识别，应为：${TARGET_KINDS.join('、')}`);
    if (name) {
      const norm = normaliseUnitName(name);
      if (existingNames.has(norm) && !byName.has(norm)) errors.push('与已有单位重名');
      const first = seen.get(norm);
      if (first !== undefined) errors.push(`与第 ${first} 行重复`);
      else seen.set(norm, rowNumber);
    }
    out.push({
      rowNumber,
      kindText,
      errors,
      input: {
        name,
        kind: kind ?? '其他',
        region: cell(r, 'region'),
        address: cell(r, 'address'),
        contactPerson: cell(r, 'contactPerson'),
        contactPhone: cell(r, 'contactPhone'),
        disclosurePhones: splitPhones(cell(r, 'disclosurePhones')),
        note: cell(r, 'note'),
      },
    });
    const match = name ? byName.get(normaliseUnitName(name)) : undefined;
    const row = out[out.length - 1];
    if (match && row.errors.length === 0) {
      // An updated list: the row updates the unit of the same name instead of being refused.
      const { merged, changes } = mergeTarget(match.input, { ...row.input, kind: kindText ? row.input.kind : match.input.kind });
      row.input = { ...merged, name: match.input.name };
      row.update = { id: match.id, changes };
    }
  }
  if (out.length === 0) throw new TargetImportError('表头下方没有数据行');
  const errorCount = out.filter((r) => r.errors.length > 0).length;
  const hints: string[] = [];
  if (mapping.disclosurePhones === undefined) {
    hints.push(
      mapping.contactPhone !== undefined
        ? '表格没有「政府信息公开联系电话」列：「联系电话」已作为联系人电话导入，拨测用的政府信息公开联系电话为空。如该列就是对外公开的电话，请将列名改为「政府信息公开联系电话」后重新导入，或导入后在单位信息中补充。'
        : '表格没有「政府信息公开联系电话」列，拨测用的电话为空，可在导入后在单位信息中补充。',
    );
  }
  const updateCount = out.filter((r) => r.errors.length === 0 && r.update).length;
  return { rows: out, validCount: out.length - errorCount, errorCount, updateCount, skippedNotes, hints };
}

/** Header cells compared without spaces, full-width forms, asterisks or 必填 markers. */
function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[\s*：:（）()]/g, '').replace(/必填|选填/g, '');
}

/** The first of the top rows in which at least `minMatches` cells name a known column (titles may sit above it). */
function findHeaderRow(
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

/** The downloadable template: header row, two example rows and a sheet of instructions. */
export function buildTargetTemplate(): Uint8Array {
  const wb = XLSX.utils.book_new();
  const header = Object.values(TARGET_COLUMNS).map((names) => names[0]);
  const data = [
    header,
    ['示例县人民政府', '县区政府', '示例市', '示例县人民路1号', '张三', '0427-1234567', '0427-7654321', ''],
    ['示例县政务服务中心', '政务服务大厅', '示例县', '示例县中心街8号', '李四', '0427-2345678', '0427-8765432；0427-8765433', '多个电话用顿号或分号分隔'],
  ];
  const ws = XLSX.utils.aoa_to_sheet(data);
  ws['!cols'] = [28, 14, 12, 26, 10, 16, 26, 24].map((wch) => ({ wch }));
  XLSX.utils.book_append_sheet(wb, ws, '被检查单位');
  const help = XLSX.utils.aoa_to_sheet([
    ['填写说明'],
    ['1. 「单位名称」「类别」为必填项，其余可留空。'],
    [`2. 类别可填：${TARGET_KINDS.join('、')}。`],
    ['3. 政府信息公开联系电话可填多个，用顿号、逗号或分号分隔。'],
    ['4. 导入前会逐行检查，有错误的行需修改后重新导入；全部无误才会写入。'],
  ]);
  help['!cols'] = [{ wch: 70 }];
  XLSX.utils.book_append_sheet(wb, help, '填写说明');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
