/**
 * Finding the header row of a sheet and matching its columns to the fields a
 * check needs, by their Chinese headers and synonyms. Two-row headers as in the
 * national 基层政务公开标准目录 template (公开对象 → 全社会 / 特定群体, 公开方式 →
 * 主动 / 依申请) are understood. Mappings are plain objects, so the UI can keep
 * the mapping a user made and send it back with the next file.
 */
import { cellText, columnLetter, nfkc } from './text';
import { IMPORT_LIMITS, type ImportResult, type LoadedTable, type RawRow, type RawSheet, type RowIssue, type SourceInfo, type TableInput } from './types';
import { loadTable, tooManyRowsMessage } from './tableReader';

export type TableKind = 'catalogue' | 'ledger' | 'site' | 'interpretation' | 'submission';

export interface FieldDef {
  key: string;
  /** Chinese name shown on the mapping screen and in messages. */
  label: string;
  /** Header texts recognised for this field, most specific first. */
  synonyms: readonly string[];
  /**
   * Headers of the levels of a multi-level name (一级事项 … 六级目录): every
   * column whose header matches joins the field, and the value is the path.
   */
  levels?: RegExp;
}

const f = (key: string, label: string, synonyms: string[], levels?: RegExp): FieldDef => ({ key, label, synonyms, ...(levels ? { levels } : {}) });

/** 一级事项, 二级目录, 三级子项, 4级, 第五级分类 … (normalised header text). */
const LEVEL_HEADER = /^第?(?:[一二三四五六七八九十]|\d{1,2})级(?:事项|目录|分类|类别|子项|栏目|标题|内容|指标|项目)?(?:名称)?$/;
const CN_LEVEL = '一二三四五六七八九十';

/** The level number of a level header (一级事项 → 1), 0 when it is not one. */
export function levelOf(header: string): number {
  const m = /^第?([一二三四五六七八九十]|\d{1,2})级/.exec(normHeader(header));
  if (!m || !LEVEL_HEADER.test(normHeader(header))) return 0;
  const n = CN_LEVEL.indexOf(m[1]);
  return n >= 0 ? n + 1 : Number(m[1]);
}

export const TABLE_FIELDS: Record<TableKind, readonly FieldDef[]> = {
  catalogue: [
    f('itemName', '事项名称', ['事项名称', '公开事项', '事项', '公开事项名称', '事项名', '信息名称', '名称', '具体事项', '子项名称'], LEVEL_HEADER),
    f('category', '事项类别', ['事项类别', '类别', '公开类别', '事项分类', '分类', '大类']),
    f('content', '公开内容', ['公开内容', '内容', '主要内容', '公开内容要素', '具体内容', '公开的内容', '内容要求', '公开要素']),
    f('basis', '公开依据', ['公开依据', '依据', '法律依据', '政策依据', '设定依据', '法规依据']),
    f('timeLimit', '公开时限', ['公开时限', '时限', '公开时间', '公开期限', '时限要求', '时间要求', '公开时效']),
    f('retention', '公开时长', ['公开时长', '保留期限', '保留时限', '保留时间', '保存期限', '公开保留期限', '公示期限', '时长']),
    f('subject', '公开主体', ['公开主体', '责任主体', '主体', '发布主体', '信息公开主体']),
    f('channel', '公开渠道', ['公开渠道', '渠道', '公开载体', '载体', '公开渠道和载体', '公开渠道及载体', '公开平台']),
    f('method', '公开方式', ['公开方式', '方式', '公开形式', '形式']),
    f('audience', '公开对象', ['公开对象', '对象', '公开范围']),
    f('responsibility', '责任', ['责任', '责任部门', '责任科室', '责任人', '责任单位', '责任处室', '承办科室', '承办单位', '负责科室', '责任股室']),
  ],
  ledger: [
    f('docNumber', '文号', ['文号', '发文字号', '发文文号', '文件编号', '文件字号', '字号', '发文号']),
    f('title', '标题', ['标题', '文件标题', '文件名称', '名称', '文件名', '题目', '公文标题']),
    f('writtenDate', '成文日期', ['成文日期', '成文时间', '印发日期', '发文日期', '签发日期', '印发时间']),
    f('publishDate', '发布日期', ['发布日期', '公开日期', '发布时间', '公开时间', '上网日期', '上网时间', '网站发布日期']),
    f('validity', '有效性', ['有效性', '效力状态', '文件状态', '有效状态', '时效性', '状态', '是否有效', '效力', '标注', '有效性标注']),
  ],
  site: [
    f('docNumber', '文号', ['文号', '发文字号', '发文文号', '文件编号', '字号', '发文号']),
    f('title', '标题', ['标题', '文件标题', '文件名称', '名称', '题目', '信息名称']),
    f('publishDate', '发布日期', ['发布日期', '发布时间', '公开日期', '公开时间', '日期', '时间']),
    f('validity', '有效性/标注', ['有效性', '标注', '有效性标注', '效力状态', '状态', '文件状态', '时效性', '是否有效', '效力']),
  ],
  interpretation: [
    f('title', '文件标题', ['文件标题', '文件名称', '标题', '政策文件', '文件', '名称', '政策名称']),
    f('from', '文件发布日期', ['文件发布日期', '文件发布时间', '文件日期', '政策发布日期', '发布日期', '文件公开日期', '公开日期']),
    f('to', '解读发布日期', ['解读发布日期', '首次解读日期', '最初解读日期', '解读日期', '解读时间', '解读发布时间', '解读公开日期', '首次解读时间']),
  ],
  submission: [
    f('title', '文件标题', ['文件标题', '文件名称', '标题', '名称', '文件']),
    f('from', '印发日期', ['印发日期', '印发时间', '成文日期', '发文日期', '签发日期']),
    f('to', '报送日期', ['报送日期', '报送时间', '送交日期', '送交时间', '报送公开日期']),
  ],
};

/** Fields a table of each kind must have for the check to work (the catalogue's depend on the chosen standard). */
export const DEFAULT_REQUIRED: Record<TableKind, readonly string[]> = {
  catalogue: ['itemName', 'content'],
  ledger: ['docNumber', 'title'],
  site: ['title'],
  interpretation: ['title', 'from', 'to'],
  submission: ['title', 'from', 'to'],
};

/**
 * Where a field's values are:
 * - a header text ('公开时限'; a two-row header may be named '公开对象' for its whole group or '公开对象/全社会'),
 * - a 0-based column index or several,
 * - null: the table has no such column (confirmed by the user),
 * - absent: found automatically.
 */
export type MappingTarget = string | number | number[] | null;

export interface ColumnMapping {
  /** Row number (1-based) of the header row; 0 = the table has no header row and data start on row 1. */
  headerRow?: number;
  columns: Partial<Record<string, MappingTarget>>;
}

export interface HeaderColumn {
  index: number;
  letter: string;
  /** Text of the header row. */
  top: string;
  /** Text of the second header row, when there is one and it differs. */
  sub: string;
  /** What to show: 'top' or 'top/sub'. */
  text: string;
}

export interface FieldProposal {
  field: string;
  label: string;
  required: boolean;
  columns: number[];
  /** 'E' or 'H–I'. */
  letters: string;
  header: string | null;
  /** exact: the header is a known name; partial: it contains one; manual: set by the user; none: not found. */
  confidence: 'exact' | 'partial' | 'manual' | 'none';
  /** How the columns were found, when it is not plain (typo, merged header, levels), in Chinese. */
  notes?: string[];
}

export interface MappingProposal {
  kind: TableKind;
  headerRow: number | null;
  subHeaderRow: number | null;
  headers: HeaderColumn[];
  fields: FieldProposal[];
  /** The mapping as a plain object (header texts), ready to store and to send back. */
  mapping: ColumnMapping;
  /** Required fields that have no column. */
  missingRequired: string[];
  complete: boolean;
}

const normCache = new Map<string, string>();

export function normHeader(text: string): string {
  // Header candidates are scored against every field: remember the normalised texts.
  let n = normCache.get(text);
  if (n !== undefined) return n;
  n = nfkc(text).replace(/[\s\u3000*★☆※:：]+/g, '');
  if (normCache.size > 20_000) normCache.clear();
  normCache.set(text, n);
  return n;
}

function baseHeader(text: string): string {
  return normHeader(text).replace(/[([【][^)\]】]*[)\]】]/g, '');
}

const EXACT = 3;
const SUB_BONUS = 0.5;
/** Below any partial match: a header that looks like a known name with its last character mistyped. */
const FUZZY = 0.9;

interface HeaderScore {
  score: number;
  exact: boolean;
  /** The known name a mistyped header was read as (公开内公开 → 公开内容). */
  fuzzy?: string;
}

/** For each kind, the known names by their prefix without the last character, when that prefix names one field only. */
const fuzzyPrefixes = new WeakMap<readonly FieldDef[], Map<string, { field: string; name: string } | null>>();

function prefixesOf(defs: readonly FieldDef[]): Map<string, { field: string; name: string } | null> {
  let map = fuzzyPrefixes.get(defs);
  if (map) return map;
  map = new Map();
  for (const d of defs) {
    for (const raw of d.synonyms) {
      const syn = normHeader(raw);
      if (syn.length < 4) continue;
      const p = syn.slice(0, -1);
      const known = map.get(p);
      if (known === undefined) map.set(p, { field: d.key, name: raw });
      else if (known && known.field !== d.key) map.set(p, null);
    }
  }
  fuzzyPrefixes.set(defs, map);
  return map;
}

function scoreHeader(text: string, def: FieldDef, defs?: readonly FieldDef[]): HeaderScore {
  const h = normHeader(text);
  if (!h) return { score: 0, exact: false };
  const b = baseHeader(text);
  if (def.levels && (def.levels.test(h) || def.levels.test(b))) return { score: EXACT, exact: true };
  let best = 0;
  for (const raw of def.synonyms) {
    const syn = normHeader(raw);
    if (h === syn || b === syn) return { score: EXACT, exact: true };
    if (syn.length >= 2 && h.length <= 16 && h.includes(syn)) best = Math.max(best, 1 + syn.length / h.length);
  }
  if (best > 0 || !defs) return { score: Math.min(best, 2), exact: false };
  // A typo in the last characters of a header (公开内公开 for 公开内容): its first characters name one field only.
  for (let n = Math.min(b.length, 7); n >= 3; n--) {
    const hit = prefixesOf(defs).get(b.slice(0, n));
    if (hit === undefined) continue;
    if (hit && hit.field === def.key && b.length <= hit.name.length + 2) return { score: FUZZY, exact: false, fuzzy: hit.name };
    break;
  }
  return { score: 0, exact: false };
}

function scoreColumn(col: HeaderColumn, def: FieldDef, defs?: readonly FieldDef[]): HeaderScore & { viaSub: boolean } {
  const top = scoreHeader(col.top, def, defs);
  if (col.sub) {
    const sub = scoreHeader(col.sub, def, defs);
    if (sub.score > 0 && sub.score + SUB_BONUS >= top.score) return { ...sub, score: sub.score + SUB_BONUS, viaSub: true };
  }
  return { ...top, viaSub: false };
}

interface HeaderModel {
  headerRow: number | null;
  subHeaderRow: number | null;
  columns: HeaderColumn[];
  /** Runs of adjacent columns sharing one top header (a merged header over sub-columns). */
  groups: number[][];
  /** Columns with an empty header cell that hold data, read under the header to their left (a merge lost in CSV). */
  borrowed?: number[];
}

const TICKS = /^[√✓✔☑●■◆▲★是yY]$|^(是|yes|true)$/i;

function buildColumns(top: string[], sub: string[]): HeaderColumn[] {
  const width = Math.max(top.length, sub.length);
  const out: HeaderColumn[] = [];
  for (let i = 0; i < width; i++) {
    const t = top[i] ?? '';
    const s = sub[i] && normHeader(sub[i]) !== normHeader(t) ? sub[i] : '';
    out.push({ index: i, letter: columnLetter(i), top: t, sub: s, text: s ? `${t}/${s}` : t });
  }
  return out;
}

function groupsOf(top: string[]): number[][] {
  const groups: number[][] = [];
  let i = 0;
  while (i < top.length) {
    let j = i + 1;
    if (top[i]) while (j < top.length && normHeader(top[j]) === normHeader(top[i])) j++;
    if (j - i >= 2) groups.push(Array.from({ length: j - i }, (_, k) => i + k));
    i = j;
  }
  return groups;
}

/** The header model of a row, recognising a second header row right below it. */
function headerModel(header: RawRow, next: RawRow | undefined, following: readonly RawRow[] = []): HeaderModel {
  const top = header.cells.map((c) => cellText(c));
  if (next && next.row === header.row + 1) {
    const below = next.cells.map((c) => cellText(c));
    // CSV has no merges: a header over sub-columns is written once, the cells to its right left empty.
    const filled = [...top];
    for (let c = 1; c < Math.max(filled.length, below.length); c++) {
      if (!filled[c] && filled[c - 1] && below[c] && below[c - 1]) filled[c] = filled[c - 1];
    }
    const groups = groupsOf(filled);
    if (groups.length) {
      const inGroup = new Set(groups.flat());
      let labels = 0;
      let ok = true;
      for (let c = 0; c < below.length; c++) {
        const text = below[c];
        if (!text) continue;
        if (inGroup.has(c)) {
          if (TICKS.test(text) || text.length > 12 || /^\d+([.]\d+)?$/.test(text)) ok = false;
          else if (normHeader(text) !== normHeader(filled[c] ?? '')) labels++;
        } else if (normHeader(text) !== normHeader(filled[c] ?? '')) ok = false;
      }
      if (ok && labels > 0) return { headerRow: header.row, subHeaderRow: next.row, columns: buildColumns(filled, below), groups };
    }
  }
  // A header merged over two columns loses the merge in CSV: the column to its right has no header but holds data.
  const borrowed: number[] = [];
  if (following.length) {
    const width = Math.max(top.length, ...following.map((r) => r.cells.length));
    for (let c = 1; c < width; c++) {
      if (top[c] || !top[c - 1]) continue;
      if (!following.some((r) => cellText(r.cells[c]) !== '')) continue;
      top[c] = top[c - 1];
      borrowed.push(c);
    }
  }
  return { headerRow: header.row, subHeaderRow: null, columns: buildColumns(top, []), groups: groupsOf(top), ...(borrowed.length ? { borrowed } : {}) };
}

interface Assignment {
  field: string;
  columns: number[];
  confidence: FieldProposal['confidence'];
  /** How the columns were found, when it is not plain (a typo, a merged header, levels). */
  notes?: string[];
}

function quoteOf(model: HeaderModel, c: number): string {
  const h = model.columns[c];
  return h?.text ? `「${h.text}」` : `${columnLetter(c)}列`;
}

/** Greedy best-first assignment of fields to columns: each column serves one field. */
function assign(model: HeaderModel, defs: readonly FieldDef[], fixed: Map<string, number[] | null>): Map<string, Assignment> {
  const out = new Map<string, Assignment>();
  const taken = new Set<number>();
  for (const [field, cols] of fixed) {
    if (cols === null) continue;
    out.set(field, { field, columns: cols, confidence: 'manual' });
    cols.forEach((c) => taken.add(c));
  }
  const candidates: { field: string; col: number; score: number; exact: boolean; viaSub: boolean; fuzzy?: string }[] = [];
  const levelDefs = defs.filter((d) => d.levels && !fixed.has(d.key));
  const isLevel = (col: HeaderColumn) => levelDefs.some((d) => d.levels!.test(normHeader(col.sub || col.top)));
  for (const def of defs) {
    if (fixed.has(def.key)) continue;
    for (const col of model.columns) {
      // Level columns (一级分类) belong to the multi-level name, not to 分类 or 内容.
      if (!def.levels && isLevel(col)) continue;
      const s = scoreColumn(col, def, defs);
      if (s.score > 0) candidates.push({ field: def.key, col: col.index, ...s });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.col - b.col);
  const viaTop = new Set<string>();
  for (const c of candidates) {
    if (out.has(c.field) || taken.has(c.col)) continue;
    const label = defs.find((d) => d.key === c.field)!.label;
    const notes = c.fuzzy ? [`表头${quoteOf(model, c.col)}与「${c.fuzzy}」相近（疑为笔误），按「${label}」读取`] : undefined;
    out.set(c.field, { field: c.field, columns: [c.col], confidence: c.exact ? 'exact' : 'partial', ...(notes ? { notes } : {}) });
    taken.add(c.col);
    if (!c.viaSub) viaTop.add(c.field);
  }
  // A field found by a merged top header takes the group's other columns nobody else took
  // (sub-columns under a two-row header, or columns under a header merged across them).
  for (const field of viaTop) {
    const a = out.get(field)!;
    const group = model.groups.find((g) => g.includes(a.columns[0]));
    if (!group) continue;
    const added: number[] = [];
    for (const c of group) if (!taken.has(c)) {
      a.columns.push(c);
      added.push(c);
      taken.add(c);
    }
    a.columns.sort((x, y) => x - y);
    if (added.length && !model.subHeaderRow) {
      const head = model.columns[group[0]]?.top ?? '';
      const lost = added.filter((c) => model.borrowed?.includes(c));
      (a.notes ??= []).push(
        lost.length
          ? `「${head}」右侧的${lost.map(columnLetter).join('、')}列没有表头但有内容（合并的表头导出为 CSV 后只留在第一列），一并按「${head}」读取`
          : `表头「${head}」合并了${lettersOf(a.columns)}共${a.columns.length}列，各列一并读取`,
      );
    }
  }
  // Levels of a multi-level name (一级事项 … 六级目录): every level column joins the field, in column order.
  for (const def of defs) {
    if (!def.levels || fixed.has(def.key)) continue;
    const levels = model.columns.filter((col) => !taken.has(col.index) && (def.levels!.test(normHeader(col.sub)) || (!col.sub && def.levels!.test(normHeader(col.top))))).map((col) => col.index);
    const a = out.get(def.key);
    if (!levels.length && !(a && a.columns.some((c) => levelOf(model.columns[c]?.sub || model.columns[c]?.top || '')))) continue;
    const cols = [...new Set([...(a?.columns ?? []), ...levels])].sort((x, y) => x - y);
    levels.forEach((c) => taken.add(c));
    const named = cols.filter((c) => levelOf(model.columns[c]?.sub || model.columns[c]?.top || ''));
    const notes = [...(a?.notes ?? [])];
    if (cols.length > 1) notes.push(`${def.label}由${cols.map((c) => quoteOf(model, c)).join('')}${cols.length}列（${lettersOf(cols)}）组成，按层级路径读取${named.length > 1 ? '，上级为空时沿用上一行的上级' : ''}`);
    out.set(def.key, { field: def.key, columns: cols, confidence: a?.confidence ?? 'exact', ...(notes.length ? { notes } : {}) });
  }
  return out;
}

function lettersOf(cols: number[]): string {
  if (!cols.length) return '';
  const sorted = [...cols].sort((a, b) => a - b);
  const contiguous = sorted.every((c, i) => i === 0 || c === sorted[i - 1] + 1);
  if (sorted.length === 1) return columnLetter(sorted[0]);
  return contiguous ? `${columnLetter(sorted[0])}–${columnLetter(sorted[sorted.length - 1])}` : sorted.map(columnLetter).join('、');
}

function headerOfColumns(model: HeaderModel, cols: number[]): string | null {
  if (!cols.length) return null;
  const heads = cols.map((c) => model.columns[c]).filter(Boolean);
  if (!heads.length) return null;
  if (heads.length > 1 && heads.every((h) => h.top === heads[0].top) && heads[0].top) {
    return `${heads[0].top}（${heads.map((h) => h.sub || h.letter).join('/')}）`;
  }
  return heads.map((h) => h.text || h.letter).join('、');
}

/** Resolves a mapping target against the header model; null when it names nothing there. */
function resolveTarget(model: HeaderModel, target: string | number | number[]): number[] | null {
  if (typeof target === 'number') return Number.isInteger(target) && target >= 0 ? [target] : null;
  if (Array.isArray(target)) return target.every((t) => Number.isInteger(t) && t >= 0) && target.length ? [...target] : null;
  const t = normHeader(target);
  if (!t) return null;
  const byText = model.columns.filter((c) => normHeader(c.text) === t || (c.sub && normHeader(c.sub) === t)).map((c) => c.index);
  if (byText.length) return [byText[0]];
  const byTop = model.columns.filter((c) => normHeader(c.top) === t).map((c) => c.index);
  if (!byTop.length) return null;
  const group = model.groups.find((g) => g.includes(byTop[0]));
  return group ?? [byTop[0]];
}

function buildProposal(kind: TableKind, model: HeaderModel, assigned: Map<string, Assignment>, required: readonly string[], absent: Set<string>): MappingProposal {
  const fields: FieldProposal[] = TABLE_FIELDS[kind].map((def) => {
    const a = assigned.get(def.key);
    const cols = a?.columns ?? [];
    return {
      field: def.key,
      label: def.label,
      required: required.includes(def.key),
      columns: cols,
      letters: lettersOf(cols),
      header: headerOfColumns(model, cols),
      confidence: a ? a.confidence : absent.has(def.key) ? 'manual' : 'none',
      ...(a?.notes?.length ? { notes: a.notes } : {}),
    };
  });
  const columns: ColumnMapping['columns'] = {};
  for (const p of fields) {
    if (!p.columns.length) {
      if (absent.has(p.field)) columns[p.field] = null;
      continue;
    }
    const group = model.groups.find((g) => g.length === p.columns.length && g.every((c, i) => c === p.columns[i]));
    const single = p.columns.length === 1 ? model.columns[p.columns[0]] : undefined;
    if (group && model.columns[group[0]]?.top) columns[p.field] = model.columns[group[0]].top;
    else if (single?.text) columns[p.field] = single.text;
    else columns[p.field] = p.columns.length === 1 ? p.columns[0] : p.columns;
  }
  const missingRequired = fields.filter((p) => p.required && !p.columns.length && !absent.has(p.field)).map((p) => p.field);
  return {
    kind,
    headerRow: model.headerRow,
    subHeaderRow: model.subHeaderRow,
    headers: model.columns,
    fields,
    mapping: { ...(model.headerRow !== null ? { headerRow: model.headerRow } : {}), columns },
    missingRequired,
    complete: missingRequired.length === 0,
  };
}

/**
 * Proposes which column holds which field, from a row of header texts.
 * `required` defaults to the fields the check cannot do without.
 */
export function proposeColumnMapping(headers: readonly string[], kind: TableKind = 'catalogue', required: readonly string[] = DEFAULT_REQUIRED[kind]): MappingProposal {
  const model: HeaderModel = { headerRow: null, subHeaderRow: null, columns: buildColumns(headers.map((h) => cellText(h)), []), groups: groupsOf([...headers]) };
  return buildProposal(kind, model, assign(model, TABLE_FIELDS[kind], new Map()), required, new Set());
}

// ---------------------------------------------------------------------------
// Preparing a sheet: header row, mapping, data rows.

export interface ResolvedField {
  field: string;
  label: string;
  columns: number[];
  letters: string;
  header: string;
  /** Labels of sub-columns (全社会, 特定群体): a tick mark in one of them stands for its label. */
  subLabels: string[];
  /** How the columns were found, when it is not plain (typo, merged header, levels), in Chinese. */
  notes?: string[];
  /** Set by the user on the mapping screen. */
  manual?: boolean;
}

export interface SampleRow {
  row: number;
  cells: string[];
}

export interface PreparedTable {
  kind: TableKind;
  source: SourceInfo;
  proposal: MappingProposal;
  /** True when the columns were matched automatically and a required one was not found. */
  needsMapping: boolean;
  fields: Partial<Record<string, ResolvedField>>;
  /** Rows below the header (and sub-header), in order. */
  dataRows: RawRow[];
  /** Rows above the header (titles, 编制单位 lines). */
  titleRows: RawRow[];
  date1904: boolean;
  /** Rows left out, with the reason (repeated header rows). */
  skipped: RowIssue[];
  warnings: string[];
  sheetNames: string[];
}

export interface PrepareOptions {
  mapping?: ColumnMapping;
  /** Worksheet to read; by default the one whose header matches best. */
  sheetName?: string;
  /** Required fields; defaults to DEFAULT_REQUIRED[kind]. */
  required?: readonly string[];
}

/** Sample rows shown on a manual mapping screen when no header row was found. */
export interface MappingHelp {
  sheetName: string;
  sheetNames: string[];
  sample: SampleRow[];
  proposal: MappingProposal;
}

export type PrepareResult = ImportResult<PreparedTable> & { help?: MappingHelp };

interface Candidate {
  index: number;
  score: number;
  matched: number;
  exact: number;
}

function rateRow(row: RawRow, defs: readonly FieldDef[], wanted: string[]): Candidate & { assigned: Map<string, Assignment> } {
  const model = headerModel(row, undefined);
  const assigned = assign(model, defs, new Map());
  let score = 0;
  let exact = 0;
  for (const a of assigned.values()) {
    const col = model.columns[a.columns[0]];
    const def = defs.find((d) => d.key === a.field)!;
    const s = scoreHeader(col.top, def);
    score += s.score;
    if (s.exact) exact++;
  }
  if (wanted.length) {
    const texts = new Set(model.columns.map((c) => normHeader(c.top)));
    for (const w of wanted) if (texts.has(w)) score += EXACT;
  }
  return { index: 0, score, matched: assigned.size, exact, assigned };
}

function findHeaderIndex(sheet: RawSheet, defs: readonly FieldDef[], mapping: ColumnMapping | undefined): Candidate | null {
  const wanted = Object.values(mapping?.columns ?? {}).filter((t): t is string => typeof t === 'string').map(normHeader);
  const limit = Math.min(sheet.rows.length, IMPORT_LIMITS.headerSearchRows);
  let best: Candidate | null = null;
  for (let i = 0; i < limit; i++) {
    const r = rateRow(sheet.rows[i], defs, wanted);
    if (r.matched < Math.min(2, defs.length)) continue;
    if (!best || r.score > best.score || (r.score === best.score && r.exact > best.exact)) best = { index: i, score: r.score, matched: r.matched, exact: r.exact };
  }
  return best;
}

export function noHeaderMessage(kind: TableKind): string {
  const names: Record<TableKind, string> = {
    catalogue: '「事项名称」「公开内容」「公开时限」',
    ledger: '「文号」「标题」「有效性」',
    site: '「文号」「标题」「发布日期」',
    interpretation: '「文件标题」「文件发布日期」「解读发布日期」',
    submission: '「文件标题」「印发日期」「报送日期」',
  };
  return `未找到表头行：请确认表格含有${names[kind]}等列，或手动指定表头行和各列`;
}

function sampleOf(sheet: RawSheet, n = 12): SampleRow[] {
  return sheet.rows.slice(0, n).map((r) => ({ row: r.row, cells: r.cells.map((c) => cellText(c)) }));
}

function sameAsHeader(row: RawRow, model: HeaderModel, fields: Partial<Record<string, ResolvedField>>, longest: number): boolean {
  let compared = 0;
  for (const rf of Object.values(fields)) {
    if (!rf) continue;
    for (const c of rf.columns) {
      const head = model.columns[c];
      if (!head?.top) continue;
      const raw = cellText(row.cells[c]);
      // Far longer than any header: a data cell (normalising it would only cost time).
      if (raw.length > longest) return false;
      const v = normHeader(raw);
      if (!v || (v !== normHeader(head.top) && v !== normHeader(head.sub))) return false;
      compared++;
    }
  }
  return compared >= 2;
}

/**
 * Loads a table and lays it out for a check: picks the sheet and header row,
 * maps the columns (automatically, or from `mapping`), and returns the data
 * rows. Fails with a Chinese message when there is nothing to check; when no
 * header row is found, `help` carries sample rows for a manual mapping screen.
 */
export async function prepareTable(input: TableInput, kind: TableKind, options: PrepareOptions = {}): Promise<PrepareResult> {
  const loaded = await loadTable(input);
  if (!loaded.ok) return loaded;
  return prepareLoaded(loaded.value, kind, options);
}

export function prepareLoaded(table: LoadedTable, kind: TableKind, options: PrepareOptions = {}): PrepareResult {
  const defs = TABLE_FIELDS[kind];
  const required = options.required ?? DEFAULT_REQUIRED[kind];
  const { fileName, sha256 } = table.source;
  const sheetNames = table.sheets.map((s) => s.name);
  const failure = (code: 'NO_HEADER' | 'NO_DATA' | 'TOO_MANY_ROWS' | 'SHEET_NOT_FOUND' | 'EMPTY_SHEET', message: string, help?: MappingHelp): PrepareResult => ({
    ok: false,
    error: { code, message, fileName, sha256 },
    ...(help ? { help } : {}),
  });

  let sheets = table.sheets.filter((s) => s.rows.length > 0);
  if (options.sheetName !== undefined) {
    const named = table.sheets.find((s) => s.name === options.sheetName);
    if (!named) return failure('SHEET_NOT_FOUND', `未找到名为「${options.sheetName}」的工作表`);
    if (!named.rows.length) return failure('EMPTY_SHEET', `工作表「${options.sheetName}」中没有内容`);
    sheets = [named];
  }
  if (!sheets.length) return failure('EMPTY_SHEET', '表格中没有内容：请确认选择了正确的文件和工作表');

  const explicitRow = options.mapping?.headerRow;
  let sheet: RawSheet | undefined;
  let headerIndex = -1;
  if (explicitRow !== undefined) {
    sheet = sheets[0];
    if (explicitRow > 0) {
      headerIndex = sheet.rows.findIndex((r) => r.row === explicitRow);
      if (headerIndex < 0) return failure('NO_HEADER', `指定的表头行（第${explicitRow}行）没有内容：请重新指定表头行`);
    }
  } else {
    let best: (Candidate & { sheet: RawSheet }) | null = null;
    for (const s of sheets) {
      const c = findHeaderIndex(s, defs, options.mapping);
      if (c && (!best || c.score > best.score)) best = { ...c, sheet: s };
    }
    if (!best) {
      const s = sheets[0];
      const guess = headerModel(s.rows[0], undefined);
      return failure('NO_HEADER', noHeaderMessage(kind), {
        sheetName: s.name,
        sheetNames,
        sample: sampleOf(s),
        proposal: buildProposal(kind, { ...guess, headerRow: null }, assign(guess, defs, new Map()), required, new Set()),
      });
    }
    sheet = best.sheet;
    headerIndex = best.index;
  }

  const model: HeaderModel =
    headerIndex >= 0
      ? headerModel(sheet.rows[headerIndex], sheet.rows[headerIndex + 1], sheet.rows.slice(headerIndex + 1, headerIndex + 41))
      : { headerRow: null, subHeaderRow: null, columns: buildColumns(Array.from({ length: Math.max(0, ...sheet.rows.slice(0, 50).map((r) => r.cells.length)) }, () => ''), []), groups: [] };

  // Explicit choices first, then automatic matching for the rest.
  const fixed = new Map<string, number[] | null>();
  const absent = new Set<string>();
  const warnings = [...table.warnings];
  for (const [field, target] of Object.entries(options.mapping?.columns ?? {})) {
    if (target === undefined || !defs.some((d) => d.key === field)) continue;
    if (target === null) {
      fixed.set(field, null);
      absent.add(field);
      continue;
    }
    const cols = resolveTarget(model, target);
    if (cols) fixed.set(field, cols);
    else warnings.push(`未找到「${typeof target === 'string' ? target : lettersOf(Array.isArray(target) ? target : [target])}」列（${defs.find((d) => d.key === field)!.label}），已按表头自动匹配`);
  }
  const assigned = model.headerRow === null ? new Map([...fixed].filter(([, c]) => c).map(([k, c]) => [k, { field: k, columns: c!, confidence: 'manual' as const }])) : assign(model, defs, fixed);
  const proposal = buildProposal(kind, model, assigned, required, absent);

  const fields: Partial<Record<string, ResolvedField>> = {};
  for (const p of proposal.fields) {
    if (!p.columns.length) continue;
    fields[p.field] = {
      field: p.field,
      label: p.label,
      columns: p.columns,
      letters: p.letters,
      header: p.header ?? p.letters,
      subLabels: p.columns.map((c) => model.columns[c]?.sub || model.columns[c]?.top || ''),
      ...(p.notes?.length ? { notes: p.notes } : {}),
      ...(p.confidence === 'manual' ? { manual: true } : {}),
    };
  }

  const firstData = model.subHeaderRow ?? model.headerRow ?? 0;
  const skipped: RowIssue[] = [];
  const dataRows: RawRow[] = [];
  // A repeated header cell is at most a few times as long as the header (spaces, asterisks, notes in brackets).
  const longest = 4 * Math.max(0, ...model.columns.map((c) => Math.max(c.top.length, c.sub.length))) + 16;
  for (const r of sheet.rows) {
    if (r.row <= firstData) continue;
    if (model.headerRow !== null && sameAsHeader(r, model, fields, longest)) {
      skipped.push({ row: r.row, column: null, field: null, severity: 'warning', message: '重复的表头行，已跳过' });
      continue;
    }
    dataRows.push(r);
  }
  if (dataRows.length > IMPORT_LIMITS.maxDataRows) return failure('TOO_MANY_ROWS', tooManyRowsMessage());
  if (!dataRows.length) return failure('NO_DATA', model.headerRow ? `表头（第${model.headerRow}行）下方没有数据行` : '表格中没有数据行');

  return {
    ok: true,
    value: {
      kind,
      source: { ...table.source, sheetName: sheet.name },
      proposal,
      needsMapping: !options.mapping && !proposal.complete,
      fields,
      dataRows,
      titleRows: headerIndex > 0 ? sheet.rows.slice(0, headerIndex) : [],
      date1904: sheet.date1904,
      skipped,
      warnings,
      sheetNames,
    },
  };
}

/** Text of a field in a row; sub-columns are joined, and a tick mark stands for its column's label. */
export function fieldText(row: RawRow, rf: ResolvedField | undefined): string {
  if (!rf) return '';
  if (rf.columns.length === 1) return cellText(row.cells[rf.columns[0]]);
  const parts: string[] = [];
  rf.columns.forEach((c, i) => {
    const t = cellText(row.cells[c]);
    if (!t) return;
    const label = TICKS.test(t) ? rf.subLabels[i] || t : t;
    if (!parts.includes(label)) parts.push(label);
  });
  return parts.join('、');
}

/** First non-empty raw value of a field in a row (dates keep their Excel serial numbers). */
export function fieldValue(row: RawRow, rf: ResolvedField | undefined): string | number | boolean | null {
  if (!rf) return null;
  for (const c of rf.columns) {
    const v = row.cells[c];
    if (v !== null && v !== undefined && !(typeof v === 'string' && !v.trim())) return v;
  }
  return null;
}
