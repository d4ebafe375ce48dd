/**
 * Excel report of the paperwork checks: a summary sheet and one sheet per
 * check, printable on A4 landscape. `checkReportSheets` gives the rows (pure
 * data); `buildCheckReportWorkbook` writes them with exceljs (bold header,
 * borders, widths, frozen header, repeated print titles).
 */
import ExcelJS from 'exceljs';
import { CATALOGUE_ELEMENT_LABELS, CATALOGUE_PROBLEM_CODES, CATALOGUE_PROBLEM_LABELS, catalogueIndicatorCount, type CatalogueCountUnit, type CatalogueElementReport, type CatalogueReport } from './catalogue';
import { LEDGER_STATUS_LABELS, REVIEW_REASON_LABELS, VALIDITY_LABELS, type LedgerComparison, type Validity } from './ledger';
import { LAG_UNIT_LABELS, TIMELINESS_LABELS, type TimelinessReport } from './timeliness';
import type { SourceInfo } from './types';

export interface CheckReportInput {
  /** Printed above every sheet, e.g. 'XX局 2024年中考核 资料核查'. */
  title?: string;
  catalogue?: { report: CatalogueReport; confirmedProblemIds?: Iterable<string>; countUnit?: CatalogueCountUnit };
  ledger?: LedgerComparison;
  timeliness?: readonly TimelinessReport[];
  /** Date printed in the summary (ISO); omitted when not given, so the same data give the same file. */
  generatedOn?: string;
}

export type ReportCell = string | number;

export interface ReportColumn {
  header: string;
  /** Width in characters. */
  width: number;
  wrap?: boolean;
}

export interface ReportSheet {
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

const COUNT_UNIT_LABELS: Record<CatalogueCountUnit, string> = {
  catalogue: '按目录（家）计',
  row: '按事项行计',
  problem: '按问题计',
};

function sourceText(s: SourceInfo | null): string {
  if (!s) return '';
  return `${s.fileName}${s.sheetName ? `（工作表：${s.sheetName}）` : ''}${s.sha256 ? `，SHA-256：${s.sha256}` : ''}`;
}

/** Where an element was found: its columns, outside the table (the title), or nowhere. */
export function elementWhere(e: CatalogueElementReport): string {
  if (e.source === 'column') return `${e.columns}列`;
  if (e.source === 'inferred') return '取自目录标题或编制单位';
  return '无此列';
}

function validityText(v: Validity | null, raw: string): string {
  return v ? VALIDITY_LABELS[v] : raw ? `${raw}（无法识别）` : '';
}

function timelinessSheetName(r: TimelinessReport, all: readonly TimelinessReport[]): string {
  const base = r.kind === 'interpretation' ? '解读时效' : '报送时效';
  const same = all.filter((x) => x.kind === r.kind);
  return same.length > 1 ? `${base}${same.indexOf(r) + 1}` : base;
}

/** The report as plain sheets of rows (used by the workbook writer; handy for other writers and tests). */
export function checkReportSheets(input: CheckReportInput): ReportSheet[] {
  const prefix = input.title ? `${input.title} ` : '';
  const summary: ReportCell[][] = [];
  const sheets: ReportSheet[] = [];

  if (input.catalogue) {
    const { report } = input.catalogue;
    const confirmed = new Set(input.catalogue.confirmedProblemIds ?? []);
    const unit = input.catalogue.countUnit ?? 'catalogue';
    summary.push(['主动公开事项目录', '来源文件', '', sourceText(report.source)]);
    summary.push(['主动公开事项目录', '要素标准', '', report.required.map((e) => CATALOGUE_ELEMENT_LABELS[e]).join('、')]);
    summary.push(['主动公开事项目录', '检查事项数', report.summary.rowsChecked, '']);
    summary.push(['主动公开事项目录', '存在问题的事项数', report.summary.rowsWithProblems, '']);
    for (const code of CATALOGUE_PROBLEM_CODES) summary.push(['主动公开事项目录', CATALOGUE_PROBLEM_LABELS[code], report.summary.byCode[code], '']);
    summary.push(['主动公开事项目录', '检查人员确认的问题数', report.problems.filter((p) => confirmed.has(p.id)).length, '']);
    summary.push(['主动公开事项目录', '计入“未按统一标准编制”的数量', catalogueIndicatorCount(report, confirmed, unit), COUNT_UNIT_LABELS[unit]]);
    const itemOf = new Map(report.rows.map((r) => [r.row, r.values.itemName ?? '']));
    if (report.elements?.length) {
      sheets.push({
        name: '目录要素',
        title: `${prefix}主动公开事项目录要素情况`,
        columns: [
          { header: '要素', width: 10 },
          { header: '标准要求', width: 9 },
          { header: '所在列', width: 14, wrap: true },
          { header: '表头', width: 24, wrap: true },
          { header: '缺少该要素的事项数', width: 12 },
          { header: '结论', width: 70, wrap: true },
        ],
        rows: report.elements.map((e) => [
          e.label,
          e.required ? '必需' : '',
          elementWhere(e),
          e.header ?? (e.value ? `（${e.value}）` : ''),
          e.rowsLacking,
          e.conclusions.join('\n'),
        ]),
      });
    }
    sheets.push({
      name: '目录检查',
      title: `${prefix}主动公开事项目录检查`,
      columns: [
        { header: '序号', width: 6 },
        { header: '行号', width: 7 },
        { header: '列', width: 7 },
        { header: '要素', width: 10 },
        { header: '问题类型', width: 18 },
        { header: '问题说明', width: 48, wrap: true },
        { header: '事项名称', width: 28, wrap: true },
        { header: '检查人员确认', width: 12 },
      ],
      rows: report.problems.map((p, i) => [
        i + 1,
        p.row || '',
        p.column ?? '',
        p.element ? CATALOGUE_ELEMENT_LABELS[p.element] : '',
        CATALOGUE_PROBLEM_LABELS[p.code],
        p.message,
        itemOf.get(p.row) ?? '',
        confirmed.has(p.id) ? '是' : '',
      ]),
    });
  }

  if (input.ledger) {
    const c = input.ledger.counts;
    summary.push(['文件公开台账比对', '台账来源', '', sourceText(input.ledger.ledgerSource)]);
    summary.push(['文件公开台账比对', '网站数据来源', '', sourceText(input.ledger.siteSource)]);
    summary.push(['文件公开台账比对', '台账文件数', input.ledger.ledgerRows.length, '']);
    summary.push(['文件公开台账比对', LEDGER_STATUS_LABELS.consistent, c.consistent, '']);
    summary.push(['文件公开台账比对', LEDGER_STATUS_LABELS.missing, c.missing, '对应“未及时更新现行有效行政规范性文件”']);
    summary.push(['文件公开台账比对', LEDGER_STATUS_LABELS.inconsistent, c.inconsistent, `文号${c.byDifference.docNumber}件、标题${c.byDifference.title}件、有效性${c.byDifference.validity}件`]);
    summary.push(['文件公开台账比对', LEDGER_STATUS_LABELS.unmarked, c.unmarked, '']);
    summary.push(['文件公开台账比对', LEDGER_STATUS_LABELS.extra, c.extra, '']);
    summary.push(['文件公开台账比对', LEDGER_STATUS_LABELS.absentInactive, c.absentInactive, '']);
    summary.push(['文件公开台账比对', '待人工确认', c.needsReview, c.needsReview ? '确认前不计入以上各类' : '']);
    sheets.push({
      name: '台账比对',
      title: `${prefix}文件公开台账与网站公开情况比对`,
      columns: [
        { header: '序号', width: 6 },
        { header: '比对结果', width: 16, wrap: true },
        { header: '台账行号', width: 8 },
        { header: '台账文号', width: 18, wrap: true },
        { header: '台账标题', width: 34, wrap: true },
        { header: '台账有效性', width: 10 },
        { header: '网站行号', width: 8 },
        { header: '网站文号', width: 18, wrap: true },
        { header: '网站标题', width: 34, wrap: true },
        { header: '网站标注', width: 10 },
        { header: '说明', width: 40, wrap: true },
        { header: '需人工核对', width: 10 },
      ],
      rows: input.ledger.entries.map((e, i) => [
        i + 1,
        LEDGER_STATUS_LABELS[e.status],
        e.ledger?.row ?? '',
        e.ledger?.docNumber ?? '',
        e.ledger?.title ?? '',
        e.ledger ? validityText(e.ledger.validity, e.ledger.validityText) || VALIDITY_LABELS.current : '',
        e.site?.row ?? (e.candidates.length ? e.candidates.map((s) => s.row).join('、') : ''),
        e.site?.docNumber ?? '',
        e.site?.rawTitle ?? '',
        e.site ? validityText(e.site.validity, e.site.validityText) || '未标注' : '',
        e.message,
        e.needsReview ? (e.reviewReason ? `是：${REVIEW_REASON_LABELS[e.reviewReason]}` : '是') : '',
      ]),
    });
  }

  const all = input.timeliness ?? [];
  all.forEach((r) => {
    const L = TIMELINESS_LABELS[r.kind];
    const unit = LAG_UNIT_LABELS[r.rule.unit];
    summary.push([L.list, '规则', '', r.rule.label]);
    summary.push([L.list, '来源', '', sourceText(r.source)]);
    summary.push([L.list, '可判断的文件数', r.items.length, '']);
    summary.push([L.list, '超过时限的文件数', r.count, `时限${r.rule.limit}${unit}`]);
    summary.push([L.list, '日期有误、无法判断的行数', new Set(r.rowIssues.filter((x) => x.severity === 'error').map((x) => x.row)).size, '']);
    const judged: ReportCell[][] = r.items.map((it) => [it.row, it.title, it.from, it.to, `${it.lag}${unit}`, it.deadline, it.late ? '超期' : '', it.daysOverdue || '', it.message]);
    const errors = new Map<number, string[]>();
    for (const x of r.rowIssues) if (x.severity === 'error') errors.set(x.row, [...(errors.get(x.row) ?? []), x.message]);
    for (const [row, msgs] of errors) judged.push([row, '', '', '', '', '', '无法判断', '', msgs.join('；')]);
    judged.sort((a, b) => Number(a[0]) - Number(b[0]));
    sheets.push({
      name: timelinessSheetName(r, all),
      title: `${prefix}${L.list}（${r.rule.label}）`,
      columns: [
        { header: '序号', width: 6 },
        { header: '行号', width: 7 },
        { header: '文件标题', width: 40, wrap: true },
        { header: L.from, width: 13 },
        { header: L.to, width: 13 },
        { header: '间隔', width: 11 },
        { header: '最迟日期', width: 13 },
        { header: '是否超期', width: 9 },
        { header: '逾期天数', width: 9 },
        { header: '说明', width: 44, wrap: true },
      ],
      rows: judged.map((row, i) => [i + 1, ...row]),
    });
  });

  const head: ReportSheet = {
    name: '汇总',
    title: `${prefix}资料核查汇总${input.generatedOn ? `（${input.generatedOn}）` : ''}`,
    columns: [
      { header: '检查项目', width: 20, wrap: true },
      { header: '项目', width: 34, wrap: true },
      { header: '数量', width: 10 },
      { header: '说明', width: 70, wrap: true },
    ],
    rows: summary,
  };
  return [head, ...sheets];
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = '宋体';

/** Writes the report as an .xlsx (bytes). */
export async function buildCheckReportWorkbook(input: CheckReportInput): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政务公开检查助手';
  for (const spec of checkReportSheets(input)) {
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        printTitlesRow: '2:2',
        horizontalCentered: true,
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    });
    ws.columns = spec.columns.map((c) => ({ width: c.width }));
    const n = spec.columns.length;
    const title = ws.addRow([spec.title]);
    ws.mergeCells(1, 1, 1, n);
    title.font = { name: FONT, size: 14, bold: true };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 26;
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.eachCell((cell) => {
      cell.font = { name: FONT, size: 11, bold: true };
      cell.border = THIN;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    });
    for (const values of spec.rows) {
      const row = ws.addRow(values);
      for (let c = 1; c <= n; c++) {
        const cell = row.getCell(c);
        cell.font = { name: FONT, size: 10.5 };
        cell.border = THIN;
        cell.alignment = { vertical: 'top', wrapText: !!spec.columns[c - 1].wrap, horizontal: typeof values[c - 1] === 'number' ? 'center' : 'left' };
      }
    }
    if (spec.rows.length === 0) {
      const row = ws.addRow(['未发现问题']);
      ws.mergeCells(row.number, 1, row.number, n);
      row.getCell(1).border = THIN;
      row.getCell(1).font = { name: FONT, size: 10.5 };
      row.getCell(1).alignment = { horizontal: 'center' };
    }
  }
  const buf = await wb.xlsx.writeBuffer();
  const view = buf as unknown as ArrayBuffer | Uint8Array;
  return view instanceof Uint8Array ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array(view);
}
