/**
 * 主动公开事项目录 check: are the catalogue's rows compiled to the standard?
 * Each row is checked for the elements the chosen standard requires, for
 * placeholder text, for a 公开时限 that states a time, for a 公开依据 that names
 * a law or rule, and for duplicate items. The inspector then confirms which
 * problems count; `catalogueIndicatorCount` turns the confirmed ones into the
 * count that feeds the indicator.
 */
import { fieldText, prepareTable, type ColumnMapping, type MappingHelp, type PreparedTable, type ResolvedField } from './columns';
import { citesNamedRule, hasTimeExpression, isPlaceholder, isSameAsAbove, normaliseFreeText } from './text';
import type { ImportResult, RowIssue, SourceInfo, TableInput } from './types';

export const CATALOGUE_ELEMENTS = ['itemName', 'content', 'basis', 'timeLimit', 'subject', 'method', 'channel', 'audience', 'responsibility'] as const;
export type CatalogueElement = (typeof CATALOGUE_ELEMENTS)[number];

export const CATALOGUE_ELEMENT_LABELS: Record<CatalogueElement, string> = {
  itemName: '事项名称',
  content: '公开内容',
  basis: '公开依据',
  timeLimit: '公开时限',
  subject: '公开主体',
  method: '公开方式',
  channel: '公开渠道',
  audience: '公开对象',
  responsibility: '责任',
};

export interface CataloguePreset {
  label: string;
  /** The document the element list comes from. */
  source: string;
  elements: readonly CatalogueElement[];
}

/** Element sets required by the seed documents. */
export const CATALOGUE_PRESETS = {
  /** Panjin 2024 work points, item 13: 逐项明确公开内容、主体、时限、渠道、责任等要素. */
  panjin2024: {
    label: '公开内容、主体、时限、渠道、责任（盘锦市2024年政务公开工作要点）',
    source: '盘锦市2024年政务公开工作要点 第13条',
    elements: ['content', 'subject', 'timeLimit', 'channel', 'responsibility'],
  },
  /** Xinjin 2021 plan: 事项名称、内容、依据、时限、主体、方式、渠道、公开对象等要素. */
  xinjin2021: {
    label: '事项名称、内容、依据、时限、主体、方式、渠道、公开对象（新津区2021年政务公开重点工作实施方案）',
    source: '成都市新津区2021年政务公开重点工作实施方案 一（一）',
    elements: ['itemName', 'content', 'basis', 'timeLimit', 'subject', 'method', 'channel', 'audience'],
  },
} as const satisfies Record<string, CataloguePreset>;

export type CataloguePresetId = keyof typeof CATALOGUE_PRESETS;

export type CatalogueProblemCode = 'MISSING_COLUMN' | 'MISSING_ELEMENT' | 'PLACEHOLDER' | 'NO_TIME_EXPRESSION' | 'NO_LEGAL_BASIS' | 'DUPLICATE';

export const CATALOGUE_PROBLEM_LABELS: Record<CatalogueProblemCode, string> = {
  MISSING_COLUMN: '目录缺少要素列',
  MISSING_ELEMENT: '要素未填写',
  PLACEHOLDER: '要素以占位内容代替',
  NO_TIME_EXPRESSION: '公开时限不明确',
  NO_LEGAL_BASIS: '公开依据未列明法规名称',
  DUPLICATE: '事项重复',
};

export const CATALOGUE_PROBLEM_CODES = Object.keys(CATALOGUE_PROBLEM_LABELS) as CatalogueProblemCode[];

export interface CatalogueProblem {
  /** Stable across re-checks of the same file: `${code}:${row}:${element}`. */
  id: string;
  code: CatalogueProblemCode;
  element: CatalogueElement | null;
  /** Row number as in the spreadsheet (1-based); the header row for MISSING_COLUMN. */
  row: number;
  /** Column letter(s), e.g. 'E' or 'H–I'; null when the column is missing. */
  column: string | null;
  /** Header of the column as written in the sheet. */
  header: string | null;
  /** The cell text concerned ('' when empty). */
  value: string;
  message: string;
  /** For DUPLICATE: the earlier row with the same item. */
  duplicateOf?: number;
}

export interface CatalogueRow {
  row: number;
  /** Element texts as read (同上 resolved to the value above). */
  values: Partial<Record<CatalogueElement | 'category', string>>;
}

export interface CataloguePreview {
  source: SourceInfo;
  /** Mapping proposal for the manual mapping screen (plain object in `proposal.mapping`). */
  proposal: PreparedTable['proposal'];
  needsMapping: boolean;
  headerRow: number | null;
  columns: Partial<Record<CatalogueElement | 'category', ResolvedField>>;
  rows: CatalogueRow[];
  /** Rows not treated as items (section headings, repeated header rows, rows with only a serial number). */
  skipped: RowIssue[];
  warnings: string[];
  sheetNames: string[];
}

export interface CatalogueRowReport extends CatalogueRow {
  problems: CatalogueProblem[];
}

export interface CatalogueReport {
  source: SourceInfo;
  /** The elements required by the standard applied. */
  required: CatalogueElement[];
  headerRow: number | null;
  rows: CatalogueRowReport[];
  /** Every problem, in row order (MISSING_COLUMN first). */
  problems: CatalogueProblem[];
  summary: {
    rowsChecked: number;
    rowsWithProblems: number;
    problems: number;
    byCode: Record<CatalogueProblemCode, number>;
  };
}

export interface CatalogueOptions {
  /** A preset id or an explicit list of required elements. Default: panjin2024. */
  required?: CataloguePresetId | readonly CatalogueElement[];
  mapping?: ColumnMapping;
  sheetName?: string;
}

export function requiredElements(required: CatalogueOptions['required'] = 'panjin2024'): CatalogueElement[] {
  const list = typeof required === 'string' ? CATALOGUE_PRESETS[required]?.elements : required;
  if (!list) throw new Error(`未知的目录标准：${String(required)}`);
  return CATALOGUE_ELEMENTS.filter((e) => list.includes(e));
}

/** A heading row ("一、机构信息") merged across the table, or a row with only a serial number. */
function isSectionRow(values: Partial<Record<string, string>>, nonEmptyCells: string[]): string | null {
  const texts = Object.values(values).filter((v): v is string => !!v);
  if (!texts.length) return nonEmptyCells.length ? '该行只有序号或分类标题，未作为事项检查' : null;
  if (texts.length >= 3 && texts.every((t) => t === texts[0])) return '该行为合并单元格的分类标题，未作为事项检查';
  return null;
}

/**
 * Reads a catalogue for preview: rows and the column mapping, nothing checked
 * yet. Fails with a Chinese message (and no rows) for a file that is not a
 * table, has no header row, or is over the limits.
 */
export async function previewCatalogue(input: TableInput, options: CatalogueOptions = {}): Promise<ImportResult<CataloguePreview> & { help?: MappingHelp }> {
  const required = requiredElements(options.required);
  const prepared = await prepareTable(input, 'catalogue', {
    mapping: options.mapping,
    sheetName: options.sheetName,
    required: [...new Set<string>(['itemName', ...required])],
  });
  if (!prepared.ok) return prepared;
  const t = prepared.value;
  const keys = [...CATALOGUE_ELEMENTS, 'category'] as const;
  const rows: CatalogueRow[] = [];
  const skipped = [...t.skipped];
  const previous: Partial<Record<string, string>> = {};
  for (const raw of t.dataRows) {
    const values: Partial<Record<CatalogueElement | 'category', string>> = {};
    for (const k of keys) {
      const rf = t.fields[k];
      if (!rf) continue;
      let text = fieldText(raw, rf);
      if (text && isSameAsAbove(text) && previous[k]) text = previous[k]!;
      values[k] = text;
    }
    const section = isSectionRow(values, raw.cells.filter((c) => c !== null && String(c).trim() !== '').map(String));
    if (section) {
      skipped.push({ row: raw.row, column: null, field: null, severity: 'warning', message: section });
      continue;
    }
    for (const k of keys) if (values[k]) previous[k] = values[k];
    rows.push({ row: raw.row, values });
  }
  skipped.sort((a, b) => a.row - b.row);
  return {
    ok: true,
    value: {
      source: t.source,
      proposal: t.proposal,
      needsMapping: t.needsMapping,
      headerRow: t.proposal.headerRow,
      columns: t.fields as CataloguePreview['columns'],
      rows,
      skipped,
      warnings: t.warnings,
      sheetNames: t.sheetNames,
    },
  };
}

function problemId(code: CatalogueProblemCode, row: number, element: CatalogueElement | null): string {
  return `${code}:${row}:${element ?? '-'}`;
}

/** Checks previewed catalogue rows against the required elements. Pure and synchronous. */
export function checkCatalogue(preview: CataloguePreview, options: Pick<CatalogueOptions, 'required'> = {}): CatalogueReport {
  const required = requiredElements(options.required);
  const problems: CatalogueProblem[] = [];
  const missingColumns = new Set<CatalogueElement>();
  const headerRow = preview.headerRow ?? 0;
  for (const el of required) {
    if (preview.columns[el]) continue;
    missingColumns.add(el);
    const label = CATALOGUE_ELEMENT_LABELS[el];
    problems.push({
      id: problemId('MISSING_COLUMN', headerRow, el),
      code: 'MISSING_COLUMN',
      element: el,
      row: headerRow,
      column: null,
      header: null,
      value: '',
      message: `目录中没有「${label}」列，各事项均未列明${label}`,
    });
  }

  const seen = new Map<string, number>();
  const rows: CatalogueRowReport[] = preview.rows.map((r) => {
    const rowProblems: CatalogueProblem[] = [];
    const add = (code: CatalogueProblemCode, el: CatalogueElement | null, value: string, message: string, extra: Partial<CatalogueProblem> = {}) => {
      const col = el ? preview.columns[el] : undefined;
      rowProblems.push({ id: problemId(code, r.row, el), code, element: el, row: r.row, column: col?.letters ?? null, header: col?.header ?? null, value, message, ...extra });
    };
    for (const el of required) {
      if (missingColumns.has(el)) continue;
      const label = CATALOGUE_ELEMENT_LABELS[el];
      const value = r.values[el] ?? '';
      if (!value) {
        add('MISSING_ELEMENT', el, '', `未填写${label}`);
        continue;
      }
      if (isPlaceholder(value)) {
        add('PLACEHOLDER', el, value, `${label}填写为「${value}」，未列明实际内容`);
        continue;
      }
      if (el === 'timeLimit' && !hasTimeExpression(value)) {
        add('NO_TIME_EXPRESSION', el, value, `公开时限「${value}」未明确具体时间（应写明如“信息形成或变更之日起20个工作日内”）`);
      }
      if (el === 'basis' && !citesNamedRule(value)) {
        add('NO_LEGAL_BASIS', el, value, `公开依据「${value}」未列明具体的法律、法规、规章或文件名称（应以《》标明）`);
      }
    }
    // Duplicates: same normalised 事项名称 and 公开内容 as an earlier row.
    const name = r.values.itemName ?? '';
    const content = r.values.content ?? '';
    if ((name && !isPlaceholder(name)) || (content && !isPlaceholder(content))) {
      const key = `${normaliseFreeText(name)}\u0001${normaliseFreeText(content)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        add('DUPLICATE', preview.columns.itemName ? 'itemName' : 'content', name || content, `与第${first}行事项重复（事项名称、公开内容相同）`, { duplicateOf: first });
      } else seen.set(key, r.row);
    }
    return { ...r, problems: rowProblems };
  });
  for (const r of rows) problems.push(...r.problems);

  const byCode = Object.fromEntries(CATALOGUE_PROBLEM_CODES.map((c) => [c, 0])) as Record<CatalogueProblemCode, number>;
  for (const p of problems) byCode[p.code]++;
  return {
    source: preview.source,
    required,
    headerRow: preview.headerRow,
    rows,
    problems,
    summary: {
      rowsChecked: rows.length,
      rowsWithProblems: missingColumns.size ? rows.length : rows.filter((r) => r.problems.length > 0).length,
      problems: problems.length,
      byCode,
    },
  };
}

/** Preview and check in one step (for callers that need no manual mapping screen). */
export async function checkCatalogueFile(input: TableInput, options: CatalogueOptions = {}): Promise<ImportResult<CatalogueReport> & { help?: MappingHelp; preview?: CataloguePreview }> {
  const preview = await previewCatalogue(input, options);
  if (!preview.ok) return preview;
  return { ok: true, value: checkCatalogue(preview.value, options), preview: preview.value };
}

/**
 * What one confirmed problem is worth to the indicator 主动公开事项目录未按统一标准编制.
 *
 * Reading of seed 000 (Panjin 2024 rules). For county governments the clause is
 * printed as "主动公开事项目录未统一标准编制,每发现l0.05分"; characters are lost
 * there, and the clause before it counts units ("本地区政府部门未编制主动公开事项目录,
 * 每发现1家减0.1分"), so it reads "每发现1家减0.05分": the count is the number of
 * catalogues (units) found not compiled to the standard. For departments the same
 * defect is a fixed deduction ("未按统一标准编制减0.5分"), i.e. the condition
 * "count ≥ 1". Hence the default unit 'catalogue': one catalogue with at least
 * one confirmed problem counts 1, otherwise 0; the inspector sums over the units
 * checked. An office whose scheme counts per row (每发现1处/1项) or per problem
 * chooses 'row' (rows with at least one confirmed problem; a confirmed missing
 * column concerns every row) or 'problem'.
 */
export type CatalogueCountUnit = 'catalogue' | 'row' | 'problem';

/** The count that feeds the catalogue indicator, from the problems the inspector confirmed. */
export function catalogueIndicatorCount(report: CatalogueReport, confirmedProblemIds: Iterable<string>, unit: CatalogueCountUnit = 'catalogue'): number {
  const confirmed = new Set(confirmedProblemIds);
  const hits = report.problems.filter((p) => confirmed.has(p.id));
  if (unit === 'problem') return hits.length;
  if (unit === 'catalogue') return hits.length > 0 ? 1 : 0;
  if (hits.some((p) => p.code === 'MISSING_COLUMN')) return report.rows.length;
  return new Set(hits.map((p) => p.row)).size;
}
