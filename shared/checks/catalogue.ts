/**
 * 主动公开事项目录 check: are the catalogue's rows compiled to the standard?
 * Each row is checked for the elements the chosen standard requires, for
 * placeholder text, for a 公开时限 that states when (not how long), for a
 * 公开依据 that names a law, rule or document, and for duplicate items. The
 * catalogue is read as offices publish it: multi-level item names, headers
 * merged across columns, a 公开形式 column judged by what it holds, the unit a
 * one-unit catalogue covers, and CSV exports that lost their merged cells.
 * Every way of reading that is not plain is stated as a conclusion per element.
 * The inspector then confirms which problems count; `catalogueIndicatorCount`
 * turns the confirmed ones into the count that feeds the indicator.
 */
import { fieldText, prepareTable, type ColumnMapping, type MappingHelp, type PreparedTable, type ResolvedField } from './columns';
import { carries, catalogueUnit, columnContent, methodTerms, officesInColumn, withoutMethodTerms, type CatalogueUnit } from './catalogueColumns';
import { cellText, citesNamedRule, hasTimeExpression, isPlaceholder, isRetentionOnly, isSameAsAbove, normaliseFreeText } from './text';
import type { ImportResult, RawRow, RowIssue, SourceInfo, TableInput } from './types';

export const CATALOGUE_ELEMENTS = ['itemName', 'content', 'basis', 'timeLimit', 'retention', 'subject', 'method', 'channel', 'audience', 'responsibility'] as const;
export type CatalogueElement = (typeof CATALOGUE_ELEMENTS)[number];

export const CATALOGUE_ELEMENT_LABELS: Record<CatalogueElement, string> = {
  itemName: '事项名称',
  content: '公开内容',
  basis: '公开依据',
  timeLimit: '公开时限',
  retention: '公开时长',
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

export type CatalogueProblemCode = 'MISSING_COLUMN' | 'MISSING_ELEMENT' | 'PLACEHOLDER' | 'NO_TIME_EXPRESSION' | 'TIME_LIMIT_AMBIGUOUS' | 'NO_LEGAL_BASIS' | 'DUPLICATE';

export const CATALOGUE_PROBLEM_LABELS: Record<CatalogueProblemCode, string> = {
  MISSING_COLUMN: '目录缺少要素列',
  MISSING_ELEMENT: '要素未填写',
  PLACEHOLDER: '要素以占位内容代替',
  NO_TIME_EXPRESSION: '公开时限不明确',
  TIME_LIMIT_AMBIGUOUS: '时限表述不明确',
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
  /** Element texts as read (同上 resolved to the value above); a multi-level item name is its path joined by ／. */
  values: Partial<Record<CatalogueElement | 'category', string>>;
  /** The levels of a multi-level item name, upper levels first (an empty upper level takes the one above). */
  itemPath?: string[];
}

/** Kinds of conclusion drawn while reading the catalogue. */
export type CatalogueConclusionCode =
  | 'NO_COLUMN'
  | 'HEADER'
  | 'BY_VALUES'
  | 'SUBJECT_FROM_UNIT'
  | 'SUBJECT_IS_RESPONSIBILITY'
  | 'RETENTION_APART'
  | 'CSV_MERGED_BLANKS';

/** One way of reading an element that the report states (主体取自标题, 目录中没有「公开依据」列 …). */
export interface CatalogueConclusion {
  element: CatalogueElement;
  code: CatalogueConclusionCode;
  text: string;
}

export interface CataloguePreview {
  source: SourceInfo;
  /** Mapping proposal for the manual mapping screen (plain object in `proposal.mapping`). */
  proposal: PreparedTable['proposal'];
  /** True when a column the check cannot do without (the item's name) was not found: the mapping screen opens. */
  needsMapping: boolean;
  headerRow: number | null;
  columns: Partial<Record<CatalogueElement | 'category', ResolvedField>>;
  rows: CatalogueRow[];
  /** Rows not treated as items (section headings, repeated header rows, rows with only a serial number). */
  skipped: RowIssue[];
  warnings: string[];
  sheetNames: string[];
  /** The one unit the catalogue covers, when its title or a 编制单位 line names it. */
  unit?: CatalogueUnit | null;
  /** Elements whose value is the same for every row and comes from outside the table (公开主体 from the title). */
  inferred?: Partial<Record<CatalogueElement, string>>;
  /** How each element was read, when it is not plain. */
  conclusions?: CatalogueConclusion[];
  /** Per element, rows whose blank cell was read as the value above (a merge lost in CSV); not flagged. */
  mergedBlanks?: Partial<Record<CatalogueElement, number[]>>;
}

export interface CatalogueRowReport extends CatalogueRow {
  problems: CatalogueProblem[];
}

/** Per element: where it was found, how many rows lack it, and what was concluded. */
export interface CatalogueElementReport {
  element: CatalogueElement;
  label: string;
  /** Required by the standard applied. */
  required: boolean;
  /** column: read from the table; inferred: taken from outside it (the title); none: no column. */
  source: 'column' | 'inferred' | 'none';
  /** Column letter(s), e.g. 'B–G'; null without a column. */
  columns: string | null;
  header: string | null;
  /** The value for every row when inferred (the unit's name). */
  value?: string;
  /** Rows with no usable value (blank or placeholder); every row when there is no column; 0 when inferred. */
  rowsLacking: number;
  conclusions: string[];
  /** The column was set by hand on the mapping screen. */
  manual?: boolean;
}

export interface CatalogueReport {
  source: SourceInfo;
  /** The elements required by the standard applied. */
  required: CatalogueElement[];
  headerRow: number | null;
  rows: CatalogueRowReport[];
  /** Every problem, in row order (MISSING_COLUMN first). */
  problems: CatalogueProblem[];
  /** Every element, required or not, in the standard order (absent in reports stored by older versions). */
  elements?: CatalogueElementReport[];
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

/** Columns the check cannot do without: without the item's name the rows cannot be told apart. */
export const CATALOGUE_NEEDED: readonly CatalogueElement[] = ['itemName'];

const SECTION_HEADING = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十\d]+(?:部分|章|类|项)[、\s]?)/;

/** A heading row ("一、机构信息") merged across the table or written once, or a row with only a serial number. */
function isSectionRow(raw: RawRow, fieldColumns: readonly number[]): string | null {
  let texts = 0;
  let first = '';
  let same = true;
  for (const c of fieldColumns) {
    const t = cellText(raw.cells[c]);
    if (!t) continue;
    if (texts === 0) first = t;
    else if (t !== first) same = false;
    texts++;
  }
  let nonEmpty = 0;
  for (const c of raw.cells) if (c !== null && String(c).trim() !== '') nonEmpty++;
  if (!texts) return nonEmpty ? '该行只有序号或分类标题，未作为事项检查' : null;
  if (texts >= 3 && same) return '该行为合并单元格的分类标题，未作为事项检查';
  if (nonEmpty === 1 && texts === 1 && SECTION_HEADING.test(first)) return '该行为分类标题，未作为事项检查';
  return null;
}

const PATH_SEPARATOR = '／';

function quote(rf: ResolvedField): string {
  return `「${rf.header}」列（${rf.letters}列）`;
}

type Fields = Partial<Record<CatalogueElement | 'category', ResolvedField>>;

/**
 * Reads the columns of 公开渠道/公开方式 by what they hold, and a 公开主体 that lists
 * offices as 责任; finds the unit a one-unit catalogue covers. Columns set by
 * hand are taken as they are.
 */
function interpretColumns(t: PreparedTable, fields: Fields, conclusions: CatalogueConclusion[]): { unit: CatalogueUnit | null; inferred: Partial<Record<CatalogueElement, string>> } {
  const add = (element: CatalogueElement, code: CatalogueConclusionCode, text: string) => conclusions.push({ element, code, text });

  // 公开渠道 and 公开方式: decided from the cell values, not the header word.
  const candidates = (['channel', 'method'] as const).map((k) => fields[k]).filter((rf): rf is ResolvedField => !!rf && !rf.manual);
  if (candidates.length) {
    const judged = candidates.map((rf) => {
      const content = columnContent(t.dataRows, rf);
      return { rf, content, c: carries(content) };
    });
    const pick = (k: 'channel' | 'method'): ResolvedField | undefined => {
      if (fields[k]?.manual) return fields[k];
      const holding = judged.filter((j) => j.c[k]);
      if (holding.length) return (holding.find((j) => j.rf.field === k) ?? holding[0]).rf;
      // No evidence either way: the header word stands.
      const own = judged.find((j) => j.rf.field === k);
      return own && !own.c.channel && !own.c.method ? own.rf : undefined;
    };
    const serving = { channel: pick('channel'), method: pick('method') };
    const examples = (list: string[]) => list.map((x) => `「${x}」`).join('');
    for (const { rf, content, c } of judged) {
      const asHeader = rf.field as 'channel' | 'method';
      if (c.channel && c.method && serving.channel === rf && serving.method === rf) {
        add(asHeader, 'BY_VALUES', `${quote(rf)}既填有公开渠道（${examples(content.channelExamples)}等）又填有公开方式（${examples(content.methodExamples)}等），分别按「公开渠道」和「公开方式」读取`);
        add(asHeader === 'channel' ? 'method' : 'channel', 'BY_VALUES', `取自${quote(rf)}：该列既填有公开渠道又填有公开方式`);
      } else if (asHeader === 'method' && serving.channel === rf) add('channel', 'BY_VALUES', `${quote(rf)}所填为公开渠道（${examples(content.channelExamples)}等），按「公开渠道」读取`);
      else if (asHeader === 'channel' && serving.method === rf) add('method', 'BY_VALUES', `${quote(rf)}所填为公开方式（${examples(content.methodExamples)}等），按「公开方式」读取`);
      if (serving[asHeader] !== rf) {
        const holds = asHeader === 'method' ? '公开渠道，未写明主动公开或依申请公开' : '公开方式（主动公开、依申请公开），未写明渠道';
        add(asHeader, 'BY_VALUES', `${quote(rf)}所填为${holds}，不作为「${CATALOGUE_ELEMENT_LABELS[asHeader]}」`);
      }
    }
    for (const k of ['channel', 'method'] as const) {
      const now = serving[k];
      if (now) fields[k] = { ...now, field: k, label: CATALOGUE_ELEMENT_LABELS[k] };
      else delete fields[k];
    }
  }

  // A 公开主体 column that lists the unit's own offices (政工室、法制大队) is the 责任.
  const subject = fields.subject;
  if (subject && !subject.manual) {
    const o = officesInColumn(t.dataRows, subject);
    if (o.offices) {
      const examples = o.examples.map((x) => `「${x}」`).join('');
      delete fields.subject;
      if (!fields.responsibility) {
        fields.responsibility = { ...subject, field: 'responsibility', label: CATALOGUE_ELEMENT_LABELS.responsibility };
        add('subject', 'SUBJECT_IS_RESPONSIBILITY', `${quote(subject)}所填为本单位内设机构（${examples}等），是责任科室而非公开主体，已按「责任」读取`);
        add('responsibility', 'SUBJECT_IS_RESPONSIBILITY', `取自${quote(subject)}：该列所填为本单位内设机构（${examples}等）`);
      } else add('subject', 'SUBJECT_IS_RESPONSIBILITY', `${quote(subject)}所填为本单位内设机构（${examples}等），不是公开主体`);
    }
  }

  // The unit a one-unit catalogue covers is every item's 公开主体.
  const unit = catalogueUnit(t.titleRows, t.dataRows.slice(-3));
  const inferred: Partial<Record<CatalogueElement, string>> = {};
  if (unit && !fields.subject) {
    inferred.subject = unit.name;
    const where = unit.from === 'title' ? `标题（第${unit.row}行）` : `编制单位（第${unit.row}行）`;
    add('subject', 'SUBJECT_FROM_UNIT', `主体取自${where}：目录只涉及「${unit.name}」一个单位，各事项的公开主体即为该单位`);
  }

  // How long a thing stays published is not when it is published.
  if (fields.retention) {
    add('retention', 'RETENTION_APART', `${quote(fields.retention)}是公开（保留）时长，单独列出，不作为公开时限检查`);
    if (!fields.timeLimit) add('timeLimit', 'RETENTION_APART', `${quote(fields.retention)}只说明公开多长时间，不是公开时限`);
  }
  return { unit, inferred };
}

/** The levels of an item's name in a row; an empty upper level takes the one above (merged down). */
function itemPathOf(raw: RawRow, rf: ResolvedField, above: string[]): string[] {
  const parts = rf.columns.map((c) => cellText(raw.cells[c]));
  let deepest = -1;
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i]) {
    deepest = i;
    break;
  }
  if (deepest < 0) return [];
  for (let i = 0; i < deepest; i++) if (!parts[i]) parts[i] = above[i] ?? '';
  above.length = 0;
  above.push(...parts.slice(0, deepest + 1));
  const path: string[] = [];
  for (const p of parts.slice(0, deepest + 1)) if (p && p !== path[path.length - 1]) path.push(p);
  return path;
}

/** Fewest blank cells in a CSV column read as lost merges rather than flagged one by one. */
const MERGED_BLANKS_MIN = 2;

function rowRuns(rows: number[]): string {
  const runs: string[] = [];
  let start = rows[0];
  let prev = rows[0];
  for (const r of [...rows.slice(1), Number.NaN]) {
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    runs.push(start === prev ? `第${start}行` : `第${start}–${prev}行`);
    start = r;
    prev = r;
  }
  return runs.length > 3 ? `${runs.slice(0, 3).join('、')}等` : runs.join('、');
}

/**
 * Reads a catalogue for preview: rows and the column mapping, nothing checked
 * yet. Fails with a Chinese message (and no rows) for a file that is not a
 * table, has no header row, or is over the limits.
 */
export async function previewCatalogue(input: TableInput, options: CatalogueOptions = {}): Promise<ImportResult<CataloguePreview> & { help?: MappingHelp }> {
  requiredElements(options.required);
  const prepared = await prepareTable(input, 'catalogue', { mapping: options.mapping, sheetName: options.sheetName, required: CATALOGUE_NEEDED });
  if (!prepared.ok) return prepared;
  const t = prepared.value;
  const fields: Fields = { ...(t.fields as Fields) };
  const conclusions: CatalogueConclusion[] = [];
  const { unit, inferred } = interpretColumns(t, fields, conclusions);

  const keys = [...CATALOGUE_ELEMENTS, 'category'] as const;
  const shared = fields.channel && fields.method && fields.channel.columns.join() === fields.method.columns.join();
  const nameField = fields.itemName;
  const pathed = !!nameField && nameField.columns.length > 1;
  const fieldColumns = [...new Set(Object.values(fields).flatMap((rf) => rf?.columns ?? []))];
  const rows: CatalogueRow[] = [];
  const skipped = [...t.skipped];
  const above: string[] = [];
  for (const raw of t.dataRows) {
    const section = isSectionRow(raw, fieldColumns);
    if (section) {
      skipped.push({ row: raw.row, column: null, field: null, severity: 'warning', message: section });
      continue;
    }
    const values: CatalogueRow['values'] = {};
    let itemPath: string[] | undefined;
    for (const k of keys) {
      const rf = fields[k];
      if (!rf) continue;
      if (k === 'itemName' && pathed) {
        itemPath = itemPathOf(raw, rf, above);
        values.itemName = itemPath.join(PATH_SEPARATOR);
        continue;
      }
      let text = fieldText(raw, rf);
      if (shared && k === 'method') text = methodTerms(text).join('、');
      else if (shared && k === 'channel') text = withoutMethodTerms(text);
      values[k] = text;
    }
    rows.push(itemPath ? { row: raw.row, values, itemPath } : { row: raw.row, values });
  }

  // In a one-unit catalogue a blank 公开主体 cell is that unit: said once, not flagged row by row.
  if (unit && fields.subject && !fields.subject.manual) {
    const blanks = rows.filter((r) => !r.values.subject).map((r) => r.row);
    if (blanks.length) {
      for (const r of rows) if (!r.values.subject) r.values.subject = unit.name;
      const where = `第${unit.row}行${unit.from === 'title' ? '标题' : '编制单位'}`;
      conclusions.push({
        element: 'subject',
        code: 'SUBJECT_FROM_UNIT',
        text: `${quote(fields.subject)}有${blanks.length}处未填写（${rowRuns(blanks)}）；目录只涉及「${unit.name}」一个单位（${where}），这些事项的公开主体按该单位读取`,
      });
    }
  }

  // A CSV keeps a merged cell's value in its first row only: blanks after a filled cell are read as the value above, and said once.
  const mergedBlanks: Partial<Record<CatalogueElement, number[]>> = {};
  const csv = t.source.format === 'csv' || t.source.format === 'pasted';
  if (csv && rows.length) {
    for (const k of CATALOGUE_ELEMENTS) {
      const rf = fields[k];
      if (!rf || (k === 'itemName' && pathed) || rf.columns.length > 1 || (shared && (k === 'channel' || k === 'method'))) continue;
      if (!rows[0].values[k]) continue;
      const blanks = rows.filter((r) => !r.values[k]).map((r) => r.row);
      if (blanks.length < MERGED_BLANKS_MIN) continue;
      let last = '';
      for (const r of rows) {
        if (r.values[k]) last = r.values[k]!;
        else r.values[k] = last;
      }
      mergedBlanks[k] = blanks;
      conclusions.push({
        element: k,
        code: 'CSV_MERGED_BLANKS',
        text: `${quote(rf)}有${blanks.length}处空白紧随已填写的单元格（${rowRuns(blanks)}），可能是合并单元格导出为 CSV 造成的空白，建议导入原 Excel 文件；这些空白已按上方内容读取，未逐行列为问题`,
      });
    }
  }

  // 同上 takes the value above.
  const previous: Partial<Record<string, string>> = {};
  for (const r of rows) {
    for (const k of keys) {
      const v = r.values[k];
      if (v && isSameAsAbove(v) && previous[k]) r.values[k] = previous[k];
      if (r.values[k]) previous[k] = r.values[k];
    }
  }

  for (const k of CATALOGUE_ELEMENTS) {
    const rf = fields[k];
    if (rf?.notes) for (const text of rf.notes) conclusions.push({ element: k, code: 'HEADER', text });
  }
  skipped.sort((a, b) => a.row - b.row);
  const order = (c: CatalogueConclusion) => CATALOGUE_ELEMENTS.indexOf(c.element);
  conclusions.sort((a, b) => order(a) - order(b));
  return {
    ok: true,
    value: {
      source: t.source,
      proposal: t.proposal,
      needsMapping: !options.mapping && !fields.itemName,
      headerRow: t.proposal.headerRow,
      columns: fields,
      rows,
      skipped,
      warnings: t.warnings,
      sheetNames: t.sheetNames,
      unit,
      inferred,
      conclusions,
      mergedBlanks,
    },
  };
}

function problemId(code: CatalogueProblemCode, row: number, element: CatalogueElement | null): string {
  return `${code}:${row}:${element ?? '-'}`;
}

/** The name's lowest level (a placeholder there means the item has no real name). */
function leafOf(r: CatalogueRow): string {
  return r.itemPath?.length ? r.itemPath[r.itemPath.length - 1] : (r.values.itemName ?? '');
}

function lacks(r: CatalogueRow, el: CatalogueElement, hasMethod: (v: string) => boolean): boolean {
  const v = el === 'itemName' ? leafOf(r) : (r.values[el] ?? '');
  return !v || isPlaceholder(v) || (el === 'method' && !hasMethod(v));
}

/** A judgement of a text, remembered per distinct text for one check. */
function memo<T>(judge: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let v = known.get(text);
    if (v === undefined && !known.has(text)) {
      v = judge(text);
      if (known.size < 50_000) known.set(text, v);
    }
    return v as T;
  };
}

/** Checks previewed catalogue rows against the required elements. Pure and synchronous. */
export function checkCatalogue(preview: CataloguePreview, options: Pick<CatalogueOptions, 'required'> = {}): CatalogueReport {
  const required = requiredElements(options.required);
  const inferred = preview.inferred ?? {};
  const conclusions = preview.conclusions ?? [];
  const problems: CatalogueProblem[] = [];
  const missingColumns = new Set<CatalogueElement>();
  const headerRow = preview.headerRow ?? 0;
  const confirmedAbsent = (el: CatalogueElement) => preview.proposal?.fields?.find((p) => p.field === el)?.confidence === 'manual' && !preview.columns[el];
  const why = (el: CatalogueElement) => conclusions.filter((c) => c.element === el && (c.code === 'BY_VALUES' || c.code === 'SUBJECT_IS_RESPONSIBILITY' || c.code === 'RETENTION_APART')).map((c) => c.text);
  for (const el of required) {
    if (preview.columns[el] || inferred[el]) continue;
    missingColumns.add(el);
    const label = CATALOGUE_ELEMENT_LABELS[el];
    const reasons = why(el);
    problems.push({
      id: problemId('MISSING_COLUMN', headerRow, el),
      code: 'MISSING_COLUMN',
      element: el,
      row: headerRow,
      column: null,
      header: null,
      value: '',
      message: `目录中没有「${label}」列，各事项均未列明${label}${reasons.length ? `（${reasons.join('；')}）` : ''}`,
    });
  }

  const shared = !!preview.columns.channel && !!preview.columns.method && preview.columns.channel.columns.join() === preview.columns.method.columns.join();
  const seen = new Map<string, number>();
  // A catalogue repeats its 依据, 时限, 方式 and 渠道 texts row after row: judge each distinct text once.
  const retentionOnly = memo(isRetentionOnly);
  const timeExpression = memo(hasTimeExpression);
  const namedRule = memo(citesNamedRule);
  const hasMethod = memo((v: string) => methodTerms(v).length > 0);
  const rows: CatalogueRowReport[] = preview.rows.map((r) => {
    const rowProblems: CatalogueProblem[] = [];
    const add = (code: CatalogueProblemCode, el: CatalogueElement | null, value: string, message: string, extra: Partial<CatalogueProblem> = {}) => {
      const col = el ? preview.columns[el] : undefined;
      rowProblems.push({ id: problemId(code, r.row, el), code, element: el, row: r.row, column: col?.letters ?? null, header: col?.header ?? null, value, message, ...extra });
    };
    for (const el of required) {
      if (missingColumns.has(el) || inferred[el]) continue;
      const label = CATALOGUE_ELEMENT_LABELS[el];
      const value = el === 'itemName' ? leafOf(r) : (r.values[el] ?? '');
      if (!value) {
        const other = el === 'method' ? 'channel' : el === 'channel' ? 'method' : null;
        const note = shared && other && r.values[other] ? `（「${preview.columns[el]!.header}」列只写了${CATALOGUE_ELEMENT_LABELS[other]}）` : '';
        add('MISSING_ELEMENT', el, '', `未填写${label}${note}`);
        continue;
      }
      if (isPlaceholder(value)) {
        add('PLACEHOLDER', el, value, `${label}填写为「${value}」，未列明实际内容`);
        continue;
      }
      if (el === 'timeLimit') {
        if (retentionOnly(value)) add('TIME_LIMIT_AMBIGUOUS', el, value, `公开时限「${value}」只说明公开多长时间，未说明何时公开（应写明如“信息形成或变更之日起20个工作日内”）`);
        else if (!timeExpression(value)) add('NO_TIME_EXPRESSION', el, value, `公开时限「${value}」未明确具体时间（应写明如“信息形成或变更之日起20个工作日内”）`);
      }
      if (el === 'method' && !hasMethod(value)) {
        add('MISSING_ELEMENT', el, value, `公开方式「${value}」未写明主动公开或依申请公开`);
      }
      if (el === 'basis' && !namedRule(value)) {
        add('NO_LEGAL_BASIS', el, value, `公开依据「${value}」未列明具体的法律、法规、规章或文件名称（应以《》标明或写明文号）`);
      }
    }
    // Duplicates: same normalised item (its whole path) and 公开内容 as an earlier row.
    const name = r.values.itemName ?? '';
    const content = r.values.content ?? '';
    if ((name && !isPlaceholder(leafOf(r))) || (content && !isPlaceholder(content))) {
      const key = `${normaliseFreeText(name)}\u0001${normaliseFreeText(content)}`;
      const first = seen.get(key);
      if (first !== undefined) {
        add('DUPLICATE', preview.columns.itemName ? 'itemName' : 'content', name || content, `与第${first}行事项重复（事项名称、公开内容相同）`, { duplicateOf: first });
      } else seen.set(key, r.row);
    }
    return { ...r, problems: rowProblems };
  });
  for (const r of rows) problems.push(...r.problems);

  // Rows lacking each element with a column, in one pass over the rows.
  const lacking = new Map<CatalogueElement, number>();
  const withColumn = CATALOGUE_ELEMENTS.filter((el) => preview.columns[el]);
  for (const r of preview.rows) for (const el of withColumn) if (lacks(r, el, hasMethod)) lacking.set(el, (lacking.get(el) ?? 0) + 1);
  const elements: CatalogueElementReport[] = CATALOGUE_ELEMENTS.map((el) => {
    const rf = preview.columns[el];
    const label = CATALOGUE_ELEMENT_LABELS[el];
    const texts = conclusions.filter((c) => c.element === el).map((c) => c.text);
    const base = { element: el, label, required: required.includes(el) };
    if (rf) return { ...base, source: 'column' as const, columns: rf.letters, header: rf.header, rowsLacking: lacking.get(el) ?? 0, conclusions: texts, ...(rf.manual ? { manual: true } : {}) };
    if (inferred[el]) return { ...base, source: 'inferred' as const, columns: null, header: null, value: inferred[el], rowsLacking: 0, conclusions: texts };
    const none = `目录中没有「${label}」列${confirmedAbsent(el) ? '（已在列对应中确认）' : ''}`;
    return { ...base, source: 'none' as const, columns: null, header: null, rowsLacking: preview.rows.length, conclusions: [none, ...texts] };
  });

  const byCode = Object.fromEntries(CATALOGUE_PROBLEM_CODES.map((c) => [c, 0])) as Record<CatalogueProblemCode, number>;
  for (const p of problems) byCode[p.code]++;
  return {
    source: preview.source,
    required,
    headerRow: preview.headerRow,
    rows,
    problems,
    elements,
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
