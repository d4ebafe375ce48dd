/**
 * Timeliness lists: pairs of dates per document, the lag between them, and the
 * items over the limit.
 * - Interpretations: document publication → first interpretation.
 *   Panjin 2024 (seed 000): 最初发布的解读信息时间超过文件发布时间5日, 每件减0.05分 (calendar days).
 *   Panjin 2017 (seed 003): 文件公开3个工作日内 发布政策解读信息 (working days).
 * - Submissions: 印发 → 报送. Panjin 2024: 报送主动公开文件时，距文件印发超过1个月的，每件扣0.1分.
 */
import { addWorkingDays, createWorkCalendar, dateFromDayNumber, dayNumber, lag, type LagUnit, type WorkCalendar } from '../calendar/workCalendar';
import { fieldText, fieldValue, prepareTable, type ColumnMapping, type MappingHelp, type PreparedTable } from './columns';
import { addMonths, parseDateValue } from './dates';
import { cellText } from './text';
import type { ImportResult, RowIssue, SourceInfo, TableInput } from './types';

export type TimelinessKind = 'interpretation' | 'submission';

export const TIMELINESS_LABELS: Record<TimelinessKind, { list: string; from: string; to: string; lagVerb: string }> = {
  interpretation: { list: '政策解读时效', from: '文件发布日期', to: '解读发布日期', lagVerb: '解读晚于文件发布' },
  submission: { list: '主动公开文件报送时效', from: '印发日期', to: '报送日期', lagVerb: '报送距文件印发' },
};

export interface TimelinessRule {
  kind: TimelinessKind;
  /** Items whose lag exceeds this are late. */
  limit: number;
  unit: LagUnit;
  /** The rule as the scheme words it. */
  label: string;
}

export const TIMELINESS_PRESETS = {
  interpretationPanjin2024: { kind: 'interpretation', limit: 5, unit: 'calendarDays', label: '最初发布的解读信息时间超过文件发布时间5日（每件减0.05分）' },
  interpretationPanjin2017: { kind: 'interpretation', limit: 3, unit: 'workingDays', label: '文件公开3个工作日内发布政策解读信息' },
  submissionPanjin2024: { kind: 'submission', limit: 1, unit: 'months', label: '报送主动公开文件时，距文件印发超过1个月（每件扣0.1分）' },
} as const satisfies Record<string, TimelinessRule>;

export type TimelinessPresetId = keyof typeof TIMELINESS_PRESETS;

export const LAG_UNIT_LABELS: Record<LagUnit, string> = { calendarDays: '个自然日', workingDays: '个工作日', months: '个月' };

export interface TimelinessRow {
  /** Row number as in the spreadsheet (1-based); for entered pairs, the position in the list. */
  row: number;
  title: string;
  /** ISO dates; null when missing or invalid (see rowIssues). */
  from: string | null;
  to: string | null;
}

export interface TimelinessPreview {
  kind: TimelinessKind;
  source: SourceInfo;
  proposal: PreparedTable['proposal'] | null;
  needsMapping: boolean;
  headerRow: number | null;
  rows: TimelinessRow[];
  /** Bad or missing dates per row ('error': the row cannot be judged). */
  rowIssues: RowIssue[];
  warnings: string[];
}

export interface TimelinessImportOptions {
  kind: TimelinessKind;
  mapping?: ColumnMapping;
  sheetName?: string;
}

function readDates(kind: TimelinessKind, row: number, title: string, rawFrom: string | number | boolean | null, rawTo: string | number | boolean | null, date1904: boolean, issues: RowIssue[], letters: { from: string | null; to: string | null }): TimelinessRow {
  const L = TIMELINESS_LABELS[kind];
  const read = (raw: typeof rawFrom, label: string, column: string | null, field: 'from' | 'to'): string | null => {
    const d = parseDateValue(raw, date1904);
    if (d.ok) return d.iso;
    issues.push({ row, column, field, severity: 'error', message: d.empty ? `未填写${label}` : `${label}：${d.message}` });
    return null;
  };
  const from = read(rawFrom, L.from, letters.from, 'from');
  const to = read(rawTo, L.to, letters.to, 'to');
  return { row, title, from, to };
}

/** Reads pairs (title, date A, date B) from a spreadsheet or pasted table. */
export async function previewTimeliness(input: TableInput, options: TimelinessImportOptions): Promise<ImportResult<TimelinessPreview> & { help?: MappingHelp }> {
  const prepared = await prepareTable(input, options.kind, options);
  if (!prepared.ok) return prepared;
  const t = prepared.value;
  const issues: RowIssue[] = [...t.skipped];
  const rows: TimelinessRow[] = [];
  for (const r of t.dataRows) {
    const title = fieldText(r, t.fields.title);
    rows.push(readDates(options.kind, r.row, title, fieldValue(r, t.fields.from), fieldValue(r, t.fields.to), t.date1904, issues, { from: t.fields.from?.letters ?? null, to: t.fields.to?.letters ?? null }));
  }
  return {
    ok: true,
    value: { kind: options.kind, source: t.source, proposal: t.proposal, needsMapping: t.needsMapping, headerRow: t.proposal.headerRow, rows, rowIssues: issues, warnings: t.warnings },
  };
}

export interface TimelinessEntry {
  title: string;
  from: string | number | null;
  to: string | number | null;
}

/** Pairs typed in by the inspector (dates as text in any accepted form, or Excel serial numbers). */
export function previewTimelinessEntries(kind: TimelinessKind, entries: readonly TimelinessEntry[], label = '手工录入'): TimelinessPreview {
  const issues: RowIssue[] = [];
  const rows = entries
    .map((e, i) => ({ e, row: i + 1 }))
    .filter(({ e }) => cellText(e.title) || e.from !== null || e.to !== null)
    .map(({ e, row }) => readDates(kind, row, cellText(e.title), e.from, e.to, false, issues, { from: null, to: null }));
  return {
    kind,
    source: { fileName: label, sha256: '', byteLength: 0, format: 'entered', sheetName: '' },
    proposal: null,
    needsMapping: false,
    headerRow: null,
    rows,
    rowIssues: issues,
    warnings: [],
  };
}

export interface TimelinessItem {
  row: number;
  title: string;
  from: string;
  to: string;
  /** Lag in the rule's unit (calendar days, working days or whole months). */
  lag: number;
  /** Last date that is still on time. */
  deadline: string;
  late: boolean;
  /** Calendar days past the deadline (0 when on time). */
  daysOverdue: number;
  message: string;
}

export interface TimelinessReport {
  kind: TimelinessKind;
  source: SourceInfo;
  rule: TimelinessRule;
  /** Every row with two valid dates. */
  items: TimelinessItem[];
  /** The late ones, in row order: each costs points under the rule. */
  late: TimelinessItem[];
  /** Number of late items: the count that feeds the rule. */
  count: number;
  /** Rows that could not be judged (bad or missing dates), and dates in the wrong order. */
  rowIssues: RowIssue[];
  warnings: string[];
}

export interface TimelinessCheckOptions {
  /** When given (as in the presets), must match the preview's kind. */
  kind?: TimelinessKind;
  limit: number;
  unit: LagUnit;
  /** Working-day calendar (the office's own, with its corrections); default: State Council arrangement. */
  calendar?: WorkCalendar;
  label?: string;
}

function describeRule(kind: TimelinessKind, limit: number, unit: LagUnit): string {
  const L = TIMELINESS_LABELS[kind];
  return `${L.lagVerb}超过${limit}${LAG_UNIT_LABELS[unit]}`;
}

/**
 * The last on-time date. Late means lag > limit, where lag is `lag(from, to, unit)`:
 * - calendar days: from + limit;
 * - working days: the day before the (limit+1)-th working day after `from`, so an
 *   interpretation published on the weekend after the 3rd working day is still within 3 working days;
 * - months: the same day `limit` months later (clamped to the month's end); one day more is 超过.
 */
export function deadlineOf(from: string, limit: number, unit: LagUnit, calendar: WorkCalendar): string {
  if (unit === 'calendarDays') return dateFromDayNumber(dayNumber(from) + limit);
  if (unit === 'workingDays') return dateFromDayNumber(dayNumber(addWorkingDays(from, limit + 1, calendar)) - 1);
  return addMonths(from, limit);
}

/** Lists the late items of a preview under a limit and unit. Pure and synchronous. */
export function checkTimeliness(preview: TimelinessPreview, options: TimelinessCheckOptions): TimelinessReport {
  if (!Number.isInteger(options.limit) || options.limit < 0) throw new Error(`时限应为非负整数：${options.limit}`);
  if (options.kind && options.kind !== preview.kind) {
    throw new Error(`规则适用于${TIMELINESS_LABELS[options.kind].list}，不能用于${TIMELINESS_LABELS[preview.kind].list}`);
  }
  const calendar = options.calendar ?? createWorkCalendar();
  const rule: TimelinessRule = { kind: preview.kind, limit: options.limit, unit: options.unit, label: options.label ?? describeRule(preview.kind, options.limit, options.unit) };
  const L = TIMELINESS_LABELS[preview.kind];
  const issues = [...preview.rowIssues];
  const items: TimelinessItem[] = [];
  const uncovered = new Set<number>();
  const covered = new Set(calendar.coveredYears());
  for (const r of preview.rows) {
    if (!r.from || !r.to) continue;
    if (dayNumber(r.to) < dayNumber(r.from)) {
      issues.push({ row: r.row, column: null, field: 'to', severity: 'warning', message: `${L.to}（${r.to}）早于${L.from}（${r.from}），请核对` });
    }
    if (options.unit === 'workingDays') {
      for (const y of [Number(r.from.slice(0, 4)), Number(r.to.slice(0, 4))]) if (!covered.has(y)) uncovered.add(y);
    }
    const value = lag(r.from, r.to, options.unit, calendar);
    const deadline = deadlineOf(r.from, options.limit, options.unit, calendar);
    const late = options.unit === 'months' ? dayNumber(r.to) > dayNumber(deadline) : value > options.limit;
    const daysOverdue = late ? dayNumber(r.to) - dayNumber(deadline) : 0;
    const unit = LAG_UNIT_LABELS[options.unit];
    const message = late
      ? `${L.lagVerb}${value}${unit}，超过${options.limit}${unit}的时限（应不晚于${deadline}，逾期${daysOverdue}天）`
      : `${L.lagVerb}${value}${unit}，未超过时限`;
    items.push({ row: r.row, title: r.title, from: r.from, to: r.to, lag: value, deadline, late, daysOverdue, message });
  }
  issues.sort((a, b) => a.row - b.row);
  const warnings = [...preview.warnings];
  for (const y of [...uncovered].sort()) warnings.push(`${y}年的节假日安排尚未收录，该年按周六、周日休息计算工作日，请在工作日历中补充`);
  const late = items.filter((i) => i.late);
  return { kind: preview.kind, source: preview.source, rule, items, late, count: late.length, rowIssues: issues, warnings };
}
