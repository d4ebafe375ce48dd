/**
 * 文件公开台账 vs what the website shows. Documents are matched by 文号 first
 * (normalised), then by normalised title; each is classified, ambiguous
 * matches are left for a person, whose decisions (`applyManualMatches`) give
 * the final classification and counts.
 */
import { fieldText, fieldValue, prepareTable, type ColumnMapping, type MappingHelp, type PreparedTable } from './columns';
import { parseDateValue } from './dates';
import { bigramSimilarity, cellText, normaliseDocNumber, normaliseTitle, splitTitleMarking } from './text';
import type { ImportResult, RowIssue, SourceInfo, TableInput } from './types';

export type Validity = 'current' | 'amended' | 'repealed' | 'expired';

export const VALIDITY_LABELS: Record<Validity, string> = {
  current: '现行有效',
  amended: '已修改',
  repealed: '已废止',
  expired: '已失效',
};

/** Reads a validity text; null when blank or not understood. */
export function parseValidity(text: string): Validity | null {
  const s = cellText(text).normalize('NFKC').replace(/[\s\p{P}]+/gu, '');
  if (!s) return null;
  if (/废止|撤销|宣布失效|停止执行|已取消/.test(s)) return 'repealed';
  if (/失效|过期|到期|届满/.test(s)) return 'expired';
  if (/修改|修订|修正/.test(s)) return 'amended';
  if (/^(现行有效|现行|有效|正在执行|执行中|继续有效|是)$/.test(s)) return 'current';
  return null;
}

export interface LedgerRow {
  /** Row number in the ledger sheet (1-based). */
  row: number;
  docNumber: string;
  title: string;
  writtenDate: string | null;
  publishDate: string | null;
  /** null: left blank (taken as 现行有效). */
  validity: Validity | null;
  validityText: string;
}

export interface SiteRow {
  /** Row number in the website table (1-based). */
  row: number;
  docNumber: string;
  /** Title without a validity marking such as 【已废止】. */
  title: string;
  /** Title as shown on the site. */
  rawTitle: string;
  publishDate: string | null;
  /** The marking the site shows; null = no marking. */
  validity: Validity | null;
  validityText: string;
  /** Where the marking was read from. */
  markingFrom: 'column' | 'title' | null;
}

export interface LedgerPreview<R> {
  source: SourceInfo;
  proposal: PreparedTable['proposal'];
  needsMapping: boolean;
  headerRow: number | null;
  /** Whether the table has a 文号 column at all. */
  hasDocNumberColumn: boolean;
  rows: R[];
  /** Per-row problems; rows with an 'error' are not in `rows`. */
  rowIssues: RowIssue[];
  warnings: string[];
  sheetNames: string[];
}

/** Preview of the unit's ledger. */
export type LedgerFilePreview = LedgerPreview<LedgerRow>;
/** Preview of what the website shows. */
export type SitePreview = LedgerPreview<SiteRow>;

export interface LedgerImportOptions {
  mapping?: ColumnMapping;
  sheetName?: string;
}

type Preview<R> = ImportResult<LedgerPreview<R>> & { help?: MappingHelp };

function dateField(raw: ReturnType<typeof fieldValue>, date1904: boolean, row: number, label: string, letters: string, issues: RowIssue[], field: string): string | null {
  if (raw === null) return null;
  const d = parseDateValue(raw, date1904);
  if (d.ok) return d.iso;
  issues.push({ row, column: letters, field, severity: 'warning', message: `${label}：${d.message}` });
  return null;
}

/** Reads the unit's 文件公开台账 (文号, 标题, 成文日期, 发布日期, 有效性). */
export async function previewLedger(input: TableInput, options: LedgerImportOptions = {}): Promise<Preview<LedgerRow>> {
  const prepared = await prepareTable(input, 'ledger', options);
  if (!prepared.ok) return prepared;
  const t = prepared.value;
  const issues: RowIssue[] = [...t.skipped];
  const rows: LedgerRow[] = [];
  const F = t.fields;
  for (const r of t.dataRows) {
    const docNumber = fieldText(r, F.docNumber);
    const title = fieldText(r, F.title);
    if (!docNumber && !title) {
      issues.push({ row: r.row, column: null, field: null, severity: 'error', message: '文号和标题均未填写，该行未参与比对' });
      continue;
    }
    const validityText = fieldText(r, F.validity);
    const validity = parseValidity(validityText);
    if (validityText && !validity) {
      issues.push({ row: r.row, column: F.validity!.letters, field: 'validity', severity: 'warning', message: `无法识别的有效性「${validityText}」，按现行有效比对` });
    }
    rows.push({
      row: r.row,
      docNumber,
      title,
      writtenDate: dateField(fieldValue(r, F.writtenDate), t.date1904, r.row, '成文日期', F.writtenDate?.letters ?? '', issues, 'writtenDate'),
      publishDate: dateField(fieldValue(r, F.publishDate), t.date1904, r.row, '发布日期', F.publishDate?.letters ?? '', issues, 'publishDate'),
      validity,
      validityText,
    });
  }
  issues.sort((a, b) => a.row - b.row);
  return { ok: true, value: { source: t.source, proposal: t.proposal, needsMapping: t.needsMapping, headerRow: t.proposal.headerRow, hasDocNumberColumn: !!F.docNumber, rows, rowIssues: issues, warnings: t.warnings, sheetNames: t.sheetNames } };
}

/**
 * Reads what the website shows (文号, 标题, 发布日期, 有效性/标注), from a file or
 * from a table copied off the site (`{ pastedText }`). A marking written into
 * the title (【已废止】关于…) counts as the site's marking.
 */
export async function previewSite(input: TableInput, options: LedgerImportOptions = {}): Promise<Preview<SiteRow>> {
  const prepared = await prepareTable(input, 'site', options);
  if (!prepared.ok) return prepared;
  const t = prepared.value;
  const issues: RowIssue[] = [...t.skipped];
  const rows: SiteRow[] = [];
  const F = t.fields;
  for (const r of t.dataRows) {
    const docNumber = fieldText(r, F.docNumber);
    const rawTitle = fieldText(r, F.title);
    if (!docNumber && !rawTitle) {
      issues.push({ row: r.row, column: null, field: null, severity: 'error', message: '文号和标题均未填写，该行未参与比对' });
      continue;
    }
    const split = splitTitleMarking(rawTitle);
    const columnText = fieldText(r, F.validity);
    let validity = parseValidity(columnText);
    let markingFrom: SiteRow['markingFrom'] = validity ? 'column' : null;
    let validityText = columnText;
    if (columnText && !validity) {
      issues.push({ row: r.row, column: F.validity!.letters, field: 'validity', severity: 'warning', message: `无法识别的标注「${columnText}」，按未标注比对` });
    }
    if (!validity && split.marking) {
      validity = parseValidity(split.marking);
      markingFrom = validity ? 'title' : null;
      validityText = split.marking;
    }
    rows.push({
      row: r.row,
      docNumber,
      title: split.title,
      rawTitle,
      publishDate: dateField(fieldValue(r, F.publishDate), t.date1904, r.row, '发布日期', F.publishDate?.letters ?? '', issues, 'publishDate'),
      validity,
      validityText,
      markingFrom,
    });
  }
  issues.sort((a, b) => a.row - b.row);
  return { ok: true, value: { source: t.source, proposal: t.proposal, needsMapping: t.needsMapping, headerRow: t.proposal.headerRow, hasDocNumberColumn: !!F.docNumber, rows, rowIssues: issues, warnings: t.warnings, sheetNames: t.sheetNames } };
}

// ---------------------------------------------------------------------------
// Comparison

export type LedgerStatus = 'consistent' | 'missing' | 'inconsistent' | 'unmarked' | 'extra' | 'absentInactive';

export const LEDGER_STATUS_LABELS: Record<LedgerStatus, string> = {
  consistent: '已公开，与台账一致',
  missing: '网站未公开（未及时更新）',
  inconsistent: '网站公开信息与台账不一致',
  unmarked: '已修改/废止/失效，网站未标注',
  extra: '网站已公开，台账未列入',
  absentInactive: '已废止/失效，网站未发布（不计入）',
};

export type DifferenceField = 'docNumber' | 'title' | 'validity';

export interface LedgerDifference {
  field: DifferenceField;
  ledgerValue: string;
  siteValue: string;
  message: string;
}

export type ReviewReason = 'sameTitleCandidates' | 'titleMatchDocNumberDiffers' | 'docNumberMatchTitleDiffers' | 'duplicateDocNumber' | 'candidateOfOther';

export const REVIEW_REASON_LABELS: Record<ReviewReason, string> = {
  sameTitleCandidates: '网站上有多条标题相同的文件，请人工确认对应哪一条',
  titleMatchDocNumberDiffers: '标题相同但文号不同，请人工确认是否为同一文件',
  docNumberMatchTitleDiffers: '文号相同但标题差异较大，请人工确认是否为同一文件',
  duplicateDocNumber: '文号重复，无法自动对应，请人工确认',
  candidateOfOther: '可能对应台账中的文件，待人工确认',
};

export interface LedgerEntry {
  /** Stable key: 'L<row>' for a ledger document, 'W<row>' for a site-only row. */
  key: string;
  status: LedgerStatus;
  ledger: LedgerRow | null;
  site: SiteRow | null;
  matchedBy: 'docNumber' | 'title' | 'manual' | null;
  differences: LedgerDifference[];
  /** Revised/abolished/expired in the ledger and not marked on the site. */
  unmarked: boolean;
  /** Publication dates differ (shown for information, not a class). */
  publishDateDiffers: boolean;
  needsReview: boolean;
  reviewReason: ReviewReason | null;
  /** Site rows a person can choose from (for needsReview entries). */
  candidates: SiteRow[];
  /** Chinese explanation of the classification. */
  message: string;
}

/** A person's decision: this ledger row is that site row, or (siteRow null) is not on the site. */
export interface ManualMatch {
  ledgerRow: number;
  siteRow: number | null;
}

export interface LedgerCounts {
  consistent: number;
  /** 未及时更新现行有效文件: in the ledger, in force, not on the site. */
  missing: number;
  /** 与文件台账不一致: documents with at least one difference in 文号, title or validity marking. */
  inconsistent: number;
  /** 修改、废止、失效未标注. */
  unmarked: number;
  extra: number;
  absentInactive: number;
  /** Entries still waiting for a person; not counted in the classes above. */
  needsReview: number;
  byDifference: Record<DifferenceField, number>;
}

export interface LedgerComparison {
  ledgerSource: SourceInfo | null;
  siteSource: SourceInfo | null;
  ledgerRows: LedgerRow[];
  siteRows: SiteRow[];
  siteHasDocNumberColumn: boolean;
  overrides: ManualMatch[];
  /** Ledger documents in ledger order, then site-only rows in site order. */
  entries: LedgerEntry[];
  counts: LedgerCounts;
  /** True when no entry needs review: the counts are final. */
  complete: boolean;
  /** Overrides that could not be applied, and why. */
  warnings: string[];
}

const TITLE_SIMILARITY_FLOOR = 0.5;

function label(v: Validity | null): string {
  return v ? VALIDITY_LABELS[v] : '未标注';
}

function differencesOf(l: LedgerRow, s: SiteRow, siteHasDocNumber: boolean): { differences: LedgerDifference[]; unmarked: boolean } {
  const differences: LedgerDifference[] = [];
  const ld = normaliseDocNumber(l.docNumber);
  const sd = normaliseDocNumber(s.docNumber);
  if (ld !== sd && (sd || (ld && siteHasDocNumber))) {
    const message = !sd ? `网站未标明文号（台账为「${l.docNumber}」）` : !ld ? `台账未填写文号（网站为「${s.docNumber}」）` : `文号不一致：台账为「${l.docNumber}」，网站为「${s.docNumber}」`;
    differences.push({ field: 'docNumber', ledgerValue: l.docNumber, siteValue: s.docNumber, message });
  }
  if (l.title && s.title && normaliseTitle(l.title) !== normaliseTitle(s.title)) {
    differences.push({ field: 'title', ledgerValue: l.title, siteValue: s.title, message: `标题不一致：台账为「${l.title}」，网站为「${s.title}」` });
  }
  const lv: Validity = l.validity ?? 'current';
  const sv = s.validity;
  let unmarked = false;
  if (lv === 'current') {
    if (sv && sv !== 'current') differences.push({ field: 'validity', ledgerValue: VALIDITY_LABELS.current, siteValue: label(sv), message: `有效性不一致：台账为现行有效，网站标注为${label(sv)}` });
  } else if (!sv || sv === 'current') {
    unmarked = true;
  } else if (sv !== lv) {
    differences.push({ field: 'validity', ledgerValue: VALIDITY_LABELS[lv], siteValue: label(sv), message: `有效性标注不一致：台账为${VALIDITY_LABELS[lv]}，网站标注为${label(sv)}` });
  }
  return { differences, unmarked };
}

function matchedEntry(l: LedgerRow, s: SiteRow, by: LedgerEntry['matchedBy'], siteHasDocNumber: boolean, review: ReviewReason | null): LedgerEntry {
  const { differences, unmarked } = differencesOf(l, s, siteHasDocNumber);
  const status: LedgerStatus = unmarked ? 'unmarked' : differences.length ? 'inconsistent' : 'consistent';
  const parts: string[] = [];
  if (unmarked) parts.push(`台账记载为${VALIDITY_LABELS[l.validity!]}，网站未作标注`);
  parts.push(...differences.map((d) => d.message));
  const message = parts.length ? parts.join('；') : '网站已公开，与台账一致';
  return {
    key: `L${l.row}`,
    status,
    ledger: l,
    site: s,
    matchedBy: by,
    differences,
    unmarked,
    publishDateDiffers: !!(l.publishDate && s.publishDate && l.publishDate !== s.publishDate),
    needsReview: review !== null,
    reviewReason: review,
    candidates: review ? [s] : [],
    message: review ? `${REVIEW_REASON_LABELS[review]}（暂按对应处理：${message}）` : message,
  };
}

function unmatchedEntry(l: LedgerRow, review: ReviewReason | null, candidates: SiteRow[]): LedgerEntry {
  const inactive = l.validity === 'repealed' || l.validity === 'expired';
  const status: LedgerStatus = inactive ? 'absentInactive' : 'missing';
  const message = inactive ? `台账记载为${VALIDITY_LABELS[l.validity!]}，网站未发布（不计入未及时更新）` : '网站未公开该文件（未及时更新）';
  return {
    key: `L${l.row}`,
    status,
    ledger: l,
    site: null,
    matchedBy: null,
    differences: [],
    unmarked: false,
    publishDateDiffers: false,
    needsReview: review !== null,
    reviewReason: review,
    candidates,
    message: review ? REVIEW_REASON_LABELS[review] : message,
  };
}

function extraEntry(s: SiteRow, pending: boolean): LedgerEntry {
  return {
    key: `W${s.row}`,
    status: 'extra',
    ledger: null,
    site: s,
    matchedBy: null,
    differences: [],
    unmarked: false,
    publishDateDiffers: false,
    needsReview: pending,
    reviewReason: pending ? 'candidateOfOther' : null,
    candidates: [],
    message: pending ? REVIEW_REASON_LABELS.candidateOfOther : '网站已公开，但台账中没有该文件',
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (!k) continue;
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

type RowsOf<R> = R[] | { rows: R[]; source?: SourceInfo; hasDocNumberColumn?: boolean };

/**
 * Compares the ledger with the website. Overrides (a person's decisions) are
 * applied first; the rest is matched by 文号, then by title.
 */
export function compareLedger(ledgerInput: RowsOf<LedgerRow>, siteInput: RowsOf<SiteRow>, overrides: readonly ManualMatch[] = []): LedgerComparison {
  const ledgerRows = Array.isArray(ledgerInput) ? ledgerInput : ledgerInput.rows;
  const siteRows = Array.isArray(siteInput) ? siteInput : siteInput.rows;
  const ledgerSource = Array.isArray(ledgerInput) ? null : (ledgerInput.source ?? null);
  const siteSource = Array.isArray(siteInput) ? null : (siteInput.source ?? null);
  const siteHasDoc = Array.isArray(siteInput) ? siteRows.some((s) => s.docNumber) : (siteInput.hasDocNumberColumn ?? siteRows.some((s) => s.docNumber));

  const ledgerByRow = new Map(ledgerRows.map((l) => [l.row, l]));
  const siteByRow = new Map(siteRows.map((s) => [s.row, s]));
  const result = new Map<number, LedgerEntry>(); // by ledger row
  const usedSite = new Set<number>();
  const pendingSite = new Set<number>();
  const warnings: string[] = [];
  const applied: ManualMatch[] = [];

  // 1. A person's decisions.
  const decided = new Map<number, ManualMatch>();
  for (const o of overrides) decided.set(o.ledgerRow, o); // the last decision for a row wins
  for (const o of decided.values()) {
    const l = ledgerByRow.get(o.ledgerRow);
    if (!l) {
      warnings.push(`人工对应无效：台账中没有第${o.ledgerRow}行`);
      continue;
    }
    if (o.siteRow === null) {
      result.set(l.row, { ...unmatchedEntry(l, null, []), matchedBy: 'manual' });
      applied.push(o);
      continue;
    }
    const s = siteByRow.get(o.siteRow);
    if (!s) {
      warnings.push(`人工对应无效：网站表中没有第${o.siteRow}行（台账第${o.ledgerRow}行）`);
      continue;
    }
    if (usedSite.has(s.row)) {
      warnings.push(`人工对应无效：网站第${s.row}行已对应台账中的其他文件（台账第${o.ledgerRow}行）`);
      continue;
    }
    usedSite.add(s.row);
    result.set(l.row, matchedEntry(l, s, 'manual', siteHasDoc, null));
    applied.push(o);
  }

  // 2. By 文号.
  const open = () => ledgerRows.filter((l) => !result.has(l.row));
  const freeSite = () => siteRows.filter((s) => !usedSite.has(s.row) && !pendingSite.has(s.row));
  const siteByDoc = groupBy(freeSite(), (s) => normaliseDocNumber(s.docNumber));
  const ledgerByDoc = groupBy(open(), (l) => normaliseDocNumber(l.docNumber));
  for (const [doc, ls] of ledgerByDoc) {
    const ss = (siteByDoc.get(doc) ?? []).filter((s) => !usedSite.has(s.row));
    if (!ss.length) continue;
    if (ls.length === 1 && ss.length === 1) {
      const [l] = ls;
      const [s] = ss;
      const similar = !l.title || !s.title || bigramSimilarity(normaliseTitle(l.title), normaliseTitle(s.title)) >= TITLE_SIMILARITY_FLOOR;
      usedSite.add(s.row);
      result.set(l.row, matchedEntry(l, s, 'docNumber', siteHasDoc, similar ? null : 'docNumberMatchTitleDiffers'));
      continue;
    }
    // Several documents share the 文号 (on either side): pair them by title where possible.
    const restL: LedgerRow[] = [];
    for (const l of ls) {
      const s = ss.find((x) => !usedSite.has(x.row) && normaliseTitle(x.title) === normaliseTitle(l.title));
      if (s) {
        usedSite.add(s.row);
        result.set(l.row, matchedEntry(l, s, 'docNumber', siteHasDoc, null));
      } else restL.push(l);
    }
    const restS = ss.filter((s) => !usedSite.has(s.row));
    if (!restL.length || !restS.length) continue;
    for (const l of restL) result.set(l.row, unmatchedEntry(l, 'duplicateDocNumber', restS));
    restS.forEach((s) => pendingSite.add(s.row));
  }

  // 3. By normalised title.
  const siteByTitle = groupBy(freeSite(), (s) => normaliseTitle(s.title));
  const ledgerByTitle = groupBy(open(), (l) => normaliseTitle(l.title));
  for (const [title, ls] of ledgerByTitle) {
    const ss = siteByTitle.get(title) ?? [];
    if (!ss.length) continue;
    if (ls.length === 1 && ss.length === 1) {
      const [l] = ls;
      const [s] = ss;
      const ld = normaliseDocNumber(l.docNumber);
      const sd = normaliseDocNumber(s.docNumber);
      usedSite.add(s.row);
      result.set(l.row, matchedEntry(l, s, 'title', siteHasDoc, ld && sd && ld !== sd ? 'titleMatchDocNumberDiffers' : null));
      continue;
    }
    for (const l of ls) result.set(l.row, unmatchedEntry(l, 'sameTitleCandidates', ss));
    ss.forEach((s) => pendingSite.add(s.row));
  }

  // 4. The rest of the ledger is not on the site; the rest of the site is not in the ledger.
  for (const l of open()) result.set(l.row, unmatchedEntry(l, null, []));
  const entries: LedgerEntry[] = ledgerRows.map((l) => result.get(l.row)!);
  for (const s of siteRows) if (!usedSite.has(s.row)) entries.push(extraEntry(s, pendingSite.has(s.row)));

  const counts: LedgerCounts = { consistent: 0, missing: 0, inconsistent: 0, unmarked: 0, extra: 0, absentInactive: 0, needsReview: 0, byDifference: { docNumber: 0, title: 0, validity: 0 } };
  for (const e of entries) {
    if (e.needsReview) {
      counts.needsReview++;
      continue;
    }
    if (e.status === 'consistent') counts.consistent++;
    else if (e.status === 'missing') counts.missing++;
    else if (e.status === 'extra') counts.extra++;
    else if (e.status === 'absentInactive') counts.absentInactive++;
    if (e.unmarked) counts.unmarked++;
    if (e.differences.length) counts.inconsistent++;
    for (const d of e.differences) counts.byDifference[d.field]++;
  }
  return {
    ledgerSource,
    siteSource,
    ledgerRows,
    siteRows,
    siteHasDocNumberColumn: siteHasDoc,
    overrides: applied,
    entries,
    counts,
    complete: counts.needsReview === 0,
    warnings,
  };
}

/**
 * Applies a person's decisions to a comparison and classifies again. Later
 * decisions for the same ledger row replace earlier ones; a decision can be
 * withdrawn by leaving it out of `result.overrides` (pass a fresh list to compareLedger).
 */
export function applyManualMatches(result: LedgerComparison, overrides: readonly ManualMatch[]): LedgerComparison {
  const next = compareLedger(
    { rows: result.ledgerRows, source: result.ledgerSource ?? undefined },
    { rows: result.siteRows, source: result.siteSource ?? undefined, hasDocNumberColumn: result.siteHasDocNumberColumn },
    [...result.overrides, ...overrides],
  );
  return next;
}

/** Previews both tables and compares them (for callers that need no preview screen). */
export async function compareLedgerFiles(
  ledger: TableInput,
  site: TableInput,
  options: { ledger?: LedgerImportOptions; site?: LedgerImportOptions } = {},
): Promise<ImportResult<LedgerComparison> & { help?: MappingHelp; side?: 'ledger' | 'site' }> {
  const l = await previewLedger(ledger, options.ledger);
  if (!l.ok) return { ...l, side: 'ledger' };
  const s = await previewSite(site, options.site);
  if (!s.ok) return { ...s, side: 'site' };
  return { ok: true, value: compareLedger(l.value, s.value) };
}
