/**
 * The round's Excel score sheet (评分汇总表): 汇总, one sheet per target, 问题清单,
 * 拨测记录. Print-ready (A4 landscape, fit to width, header rows repeated on
 * every printed page, frozen headers, borders, wrapped text). Every score is a
 * number cell holding thousandths / 1000 with a fixed 3-decimal format, so the
 * cells equal the engine's result to 3 decimals and sum in Excel.
 */
import ExcelJS from 'exceljs';
import { FINDING_STATUSES } from '../domain/findings';
import { pointsToNumber, sumPoints, type Points } from '../points/points';
import { RULE_KIND_LABELS } from '../scheme/model';
import { QUARTER_LABELS } from '../scoring/responses';
import { checklistResultsOf, findingSubject, findingsOf, phoneCallsOf, rankedAssessments, responseText, type RankedAssessment } from './roundModel';
import { arabicDate, POINTS_RULE_TEXT, safeFileName, shortDateTime, uniqueSheetNames } from './text';
import type { RoundDocumentData } from './types';

/**
 * Number format of a score cell, written per value so that Excel shows what
 * the PDF and the screen show (POINTS_RULE_TEXT): the value's own decimals
 * (−0.6, −0.05, −0.125, 2) and the true minus sign U+2212. The cell stays a number.
 */
export function scoreFormat(p: Points): string {
  const frac = Math.abs(p) % 1000;
  const decimals = frac === 0 ? 0 : frac % 100 === 0 ? 1 : frac % 10 === 0 ? 2 : 3;
  const body = decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
  return `${body};"−"${body};0`;
}

export const SUMMARY_SHEET = '汇总';
export const FINDINGS_SHEET = '问题清单';
export const PHONE_SHEET = '拨测记录';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
const FONT = '宋体';

interface Column {
  header: string;
  width: number;
  /** Score cell (number, 3-decimal format). */
  score?: boolean;
  center?: boolean;
}

function setupPrint(ws: ExcelJS.Worksheet, headerRow: number): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页', evenFooter: '&C第 &P 页，共 &N 页' };
}

/** A merged title line across `span` columns. */
function titleRow(ws: ExcelJS.Worksheet, row: number, span: number, text: string, size: number, bold: boolean): void {
  ws.mergeCells(row, 1, row, span);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = { name: FONT, size, bold };
  cell.alignment = { horizontal: size > 12 ? 'center' : 'left', vertical: 'middle', wrapText: true };
  ws.getRow(row).height = size > 12 ? 30 : Math.max(18, 15 * Math.ceil([...text].length / (span * 9)));
}

function headerRow(ws: ExcelJS.Worksheet, row: number, columns: Column[]): void {
  const r = ws.getRow(row);
  columns.forEach((c, i) => {
    const cell = r.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10.5, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = HEADER_FILL;
  });
  const longest = Math.max(...columns.map((c) => Math.ceil([...c.header].length / Math.max(1, Math.floor(c.width / 2)))));
  r.height = Math.max(20, 15 * longest);
}

type Value = string | number | null;

/** Writes one bordered data row; score columns get numbers (thousandths / 1000). */
function dataRow(ws: ExcelJS.Worksheet, row: number, columns: Column[], values: Value[]): void {
  const r = ws.getRow(row);
  let lines = 1;
  columns.forEach((c, i) => {
    const cell = r.getCell(i + 1);
    const v = values[i] ?? null;
    cell.value = v;
    cell.font = { name: FONT, size: 10.5 };
    cell.border = THIN;
    if (c.score) {
      if (typeof v === 'number') cell.numFmt = scoreFormat(Math.round(v * 1000));
      cell.alignment = { horizontal: 'right', vertical: 'middle' };
    } else {
      cell.alignment = { horizontal: c.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
      if (typeof v === 'string') {
        const perLine = Math.max(1, Math.floor(c.width / 2));
        const n = v.split('\n').reduce((s, part) => s + Math.max(1, Math.ceil([...part].length / perLine)), 0);
        lines = Math.max(lines, n);
      }
    }
  });
  r.height = Math.min(409, Math.max(18, 14.5 * lines + 4));
}

function scoreValue(p: Points): number {
  return pointsToNumber(p);
}

function roundDates(data: RoundDocumentData): string {
  const { startDate, endDate } = data.inspection;
  if (!startDate) return '';
  return endDate && endDate !== startDate ? `${arabicDate(startDate)}至${arabicDate(endDate)}` : arabicDate(startDate);
}

function statusText(a: RankedAssessment): string {
  if (a.assessment.status === 'submitted') {
    const version = a.assessment.scoreSnapshot ? `第${a.assessment.scoreSnapshot.version}次提交` : '已提交';
    const by = a.assessment.submittedBy ? `，${a.assessment.submittedBy}` : '';
    const at = a.assessment.submittedAt ? `，${shortDateTime(a.assessment.submittedAt)}` : '';
    return `${version}${by}${at}`;
  }
  return `评分中（未提交），${a.rankText}`;
}

function noticeNumberOf(data: RoundDocumentData, noticeId: string | null): string {
  if (!noticeId) return '';
  return data.notices.find((n) => n.id === noticeId)?.number ?? '';
}

function writeSummary(ws: ExcelJS.Worksheet, data: RoundDocumentData, ranked: RankedAssessment[]): void {
  const scheme = data.inspection.scheme;
  const indicators = scheme.sections.flatMap((s) => s.indicators);
  const graded = !!scheme.grades && scheme.grades.length > 0;
  const anyAward = ranked.some((a) => a.result.awarded !== 0);
  const base = scheme.totals.base;
  const columns: Column[] = [
    { header: '序号', width: 6, center: true },
    { header: '单位名称', width: 26 },
    { header: '单位类别', width: 12, center: true },
    ...(base !== 0 ? [{ header: '基础分', width: 9, score: true }] : []),
    ...indicators.map((i) => ({ header: i.title, width: 12, score: true })),
    { header: '上限调整', width: 10, score: true },
    ...(anyAward ? [{ header: '得分合计', width: 10, score: true }] : []),
    { header: '减分合计', width: 10, score: true },
    { header: '加分合计', width: 10, score: true },
    { header: '总分', width: 10, score: true },
    { header: '排名', width: 7, center: true },
    ...(graded ? [{ header: '等次', width: 9, center: true }] : []),
    { header: '评分状态', width: 22 },
  ];
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const span = columns.length;
  titleRow(ws, 1, span, `${data.inspection.title}评分汇总表`, 16, true);
  titleRow(ws, 2, span, `考核方案：${scheme.name}（第${scheme.version}版）　检查时间：${roundDates(data)}　检查组：${data.inspection.team.join('、')}`, 10.5, false);
  const baseNote = base !== 0 ? '基础分 + ' : '';
  titleRow(
    ws,
    3,
    span,
    `说明：${POINTS_RULE_TEXT}各指标得分以负数表示减分、正数表示加分；总分 = ${baseNote}各指标得分 + 上限调整（节、方案的最高减分、最高加分及得分上下限所作调整）。减分合计、加分合计为封顶后的数额。排名只在已提交的同类单位之间进行，未提交的单位显示“未完成”。`,
    10,
    false,
  );
  headerRow(ws, 4, columns);
  ranked.forEach((a, n) => {
    const r = a.result;
    const indicatorPoints = indicators.map((ind) => r.indicators.find((x) => x.id === ind.id)?.points ?? 0);
    const adjustment = r.total - base - sumPoints(indicatorPoints);
    const values: Value[] = [
      a.index,
      a.assessment.targetName,
      a.assessment.targetKind,
      ...(base !== 0 ? [scoreValue(base)] : []),
      ...indicatorPoints.map(scoreValue),
      scoreValue(adjustment),
      ...(anyAward ? [scoreValue(r.awarded)] : []),
      scoreValue(r.deductions),
      scoreValue(r.bonuses),
      scoreValue(r.total),
      a.rank ?? '未完成',
      ...(graded ? [r.grade ?? ''] : []),
      statusText(a),
    ];
    dataRow(ws, 5 + n, columns, values);
  });
  const totalCol = columns.findIndex((c) => c.header === '总分') + 1;
  ws.getColumn(totalCol).eachCell((cell, row) => {
    if (row > 4) cell.font = { name: FONT, size: 10.5, bold: true };
  });
  ws.views = [{ state: 'frozen', xSplit: 2, ySplit: 4 }];
  setupPrint(ws, 4);
}

const TARGET_COLUMNS: Column[] = [
  { header: '序号', width: 6, center: true },
  { header: '考核指标', width: 16 },
  { header: '评分方式', width: 34 },
  { header: '记录情况', width: 34 },
  { header: '计分说明', width: 34 },
  { header: '得分', width: 10, score: true },
  { header: '检查备注', width: 24 },
];

function writeTarget(ws: ExcelJS.Worksheet, data: RoundDocumentData, a: RankedAssessment): void {
  const scheme = data.inspection.scheme;
  const columns = TARGET_COLUMNS;
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  const span = columns.length;
  const r = a.result;
  titleRow(ws, 1, span, `${a.assessment.targetName}评分明细`, 16, true);
  titleRow(ws, 2, span, `检查任务：${data.inspection.title}　考核方案：${scheme.name}　单位类别：${a.assessment.targetKind}`, 10.5, false);
  const grade = r.grade ? `　等次：${r.grade}` : '';
  titleRow(
    ws,
    3,
    span,
    `总分：${r.totalText}分　排名：${a.rankText}${grade}　已评规则：${r.answered}/${r.totalRules}条　状态：${statusText(a)}　${a.versionText}`,
    10.5,
    false,
  );
  headerRow(ws, 4, columns);
  let row = 5;
  let n = 0;
  for (const section of scheme.sections) {
    for (const ind of section.indicators) {
      const res = r.indicators.find((x) => x.id === ind.id);
      const recorded = ind.rules.filter((rule) => a.responses[rule.id] !== undefined);
      const missing = ind.rules.length - recorded.length;
      const inputs = [
        ...recorded.map((rule) => `${rule.text}（${RULE_KIND_LABELS[rule.kind]}）：${responseText(rule, a.responses[rule.id])}`),
        ...(missing ? [recorded.length ? `其余${missing}条规则未记录` : '未记录'] : []),
      ].join('\n');
      const lines = res?.lines.length ? res.lines.join('\n') : '未扣分、未加分';
      dataRow(ws, row++, columns, [++n, ind.title, ind.scoringText || ind.rules.map((x) => x.text).join('；'), inputs, lines, scoreValue(res?.points ?? 0), a.notes[ind.id] ?? '']);
    }
  }
  // Totals: the same number as the summary sheet, then the scheme-level lines.
  const totalRow = ws.getRow(row);
  ws.mergeCells(row, 1, row, 5);
  totalRow.getCell(1).value = '总分';
  totalRow.getCell(6).value = scoreValue(r.total);
  for (let c = 1; c <= span; c++) {
    const cell = totalRow.getCell(c);
    cell.border = THIN;
    cell.font = { name: FONT, size: 10.5, bold: true };
    cell.alignment = { horizontal: c === 6 ? 'right' : 'center', vertical: 'middle' };
  }
  totalRow.getCell(6).numFmt = scoreFormat(r.total);
  totalRow.height = 20;
  row++;
  const explain = [...r.sections.flatMap((s) => s.lines.map((l) => `${s.title}：${l}`)), ...r.lines];
  titleRow(ws, row++, span, `计分说明：${explain.join('；')}`, 10.5, false);
  if (r.warnings.length) titleRow(ws, row++, span, `提示：${r.warnings.map((w) => w.message).join('；')}`, 10.5, false);

  const findings = findingsOf(data, a.assessment.id);
  row++;
  titleRow(ws, row++, span, `发现问题（${findings.length}个）`, 11, true);
  if (findings.length) {
    const fcols: Column[] = [
      { header: '序号', width: 6, center: true },
      { header: '涉及指标', width: 16 },
      { header: '问题描述', width: 34 },
      { header: '整改要求', width: 34 },
      { header: '整改期限', width: 34 },
      { header: '状态', width: 10 },
      { header: '通知书文号', width: 24 },
    ];
    headerRow(ws, row++, fcols);
    findings.forEach((f, i) => {
      dataRow(ws, row++, fcols, [i + 1, findingSubject(data, f), f.description, f.requirement, f.deadline ? arabicDate(f.deadline) : '', f.status, noticeNumberOf(data, f.noticeId)]);
    });
  }
  const calls = phoneCallsOf(data, a.assessment.id);
  if (calls.length) {
    row++;
    const answered = calls.filter((c) => c.answered).length;
    titleRow(ws, row++, span, `拨测记录：共拨测${calls.length}次，接通${answered}次（明细见“${PHONE_SHEET}”表）`, 10.5, false);
  }
  for (const c of checklistResultsOf(data, a.assessment.id)) {
    titleRow(ws, row++, span, `${c.summary.line}`, 10.5, false);
  }
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  setupPrint(ws, 4);
}

function writeFindings(ws: ExcelJS.Worksheet, data: RoundDocumentData, ranked: RankedAssessment[]): void {
  const columns: Column[] = [
    { header: '序号', width: 6, center: true },
    { header: '单位名称', width: 22 },
    { header: '涉及指标', width: 16 },
    { header: '问题描述', width: 36 },
    { header: '严重程度', width: 9, center: true },
    { header: '整改要求', width: 34 },
    { header: '整改期限', width: 15, center: true },
    { header: '状态', width: 11, center: true },
    { header: '通知书文号', width: 20 },
    { header: '登记人', width: 9, center: true },
  ];
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  titleRow(ws, 1, columns.length, `${data.inspection.title}问题清单`, 16, true);
  const all = ranked.flatMap((a) => findingsOf(data, a.assessment.id).map((f) => ({ a, f })));
  const counts = FINDING_STATUSES.map((s) => [s, all.filter((x) => x.f.status === s).length] as const).filter(([, n]) => n > 0);
  titleRow(ws, 2, columns.length, `共${all.length}个问题${counts.length ? `：${counts.map(([s, n]) => `${s}${n}个`).join('，')}` : ''}`, 10.5, false);
  headerRow(ws, 3, columns);
  all.forEach(({ a, f }, i) => {
    dataRow(ws, 4 + i, columns, [
      i + 1,
      a.assessment.targetName,
      findingSubject(data, f),
      f.description,
      f.severity,
      f.requirement,
      f.deadline ? arabicDate(f.deadline) : '',
      f.status,
      noticeNumberOf(data, f.noticeId),
      f.createdBy,
    ]);
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  setupPrint(ws, 3);
}

function writePhones(ws: ExcelJS.Worksheet, data: RoundDocumentData, ranked: RankedAssessment[]): void {
  const columns: Column[] = [
    { header: '序号', width: 6, center: true },
    { header: '单位名称', width: 26 },
    { header: '季度', width: 10, center: true },
    { header: '拨测时间', width: 17, center: true },
    { header: '拨打号码', width: 16 },
    { header: '是否接通', width: 9, center: true },
    { header: '答复情况', width: 14, center: true },
    { header: '拨测人', width: 9, center: true },
    { header: '备注', width: 36 },
  ];
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  titleRow(ws, 1, columns.length, `${data.inspection.title}政府信息公开联系电话拨测记录`, 16, true);
  const all = ranked.flatMap((a) => phoneCallsOf(data, a.assessment.id).map((c) => ({ a, c })));
  titleRow(ws, 2, columns.length, `共拨测${all.length}次，接通${all.filter((x) => x.c.answered).length}次`, 10.5, false);
  headerRow(ws, 3, columns);
  all.forEach(({ a, c }, i) => {
    const answer = !c.answered ? '—' : c.correct === true ? '答复准确' : c.correct === false ? '答复有明显问题' : '未评判';
    dataRow(ws, 4 + i, columns, [i + 1, a.assessment.targetName, QUARTER_LABELS[c.quarter], shortDateTime(c.at), c.number, c.answered ? '接通' : '未接通', answer, c.caller, c.note]);
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  setupPrint(ws, 3);
}

/** The workbook model (for writing or inspecting in tests). */
export function buildScoreSheetWorkbook(data: RoundDocumentData): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const when = new Date(data.asOf);
  wb.creator = data.organisation || data.settings.issuer || '政务公开检查助手';
  wb.lastModifiedBy = wb.creator;
  wb.created = when;
  wb.modified = when;
  wb.title = `${data.inspection.title}评分汇总表`;
  wb.subject = data.inspection.scheme.name;
  wb.calcProperties.fullCalcOnLoad = false;
  const ranked = rankedAssessments(data);
  const names = uniqueSheetNames(
    ranked.map((a) => a.assessment.targetName),
    [SUMMARY_SHEET, FINDINGS_SHEET, PHONE_SHEET],
  );
  writeSummary(wb.addWorksheet(SUMMARY_SHEET, { properties: { tabColor: { argb: 'FF1F4E79' } } }), data, ranked);
  ranked.forEach((a, i) => writeTarget(wb.addWorksheet(names[i]), data, a));
  writeFindings(wb.addWorksheet(FINDINGS_SHEET), data, ranked);
  writePhones(wb.addWorksheet(PHONE_SHEET), data, ranked);
  return wb;
}

/** The score sheet as .xlsx bytes. */
export async function writeScoreSheet(data: RoundDocumentData): Promise<Uint8Array> {
  if (data.assessments.length === 0) throw new Error('本次检查还没有被检查单位，无法生成评分表');
  const buf = await buildScoreSheetWorkbook(data).xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

export function scoreSheetFileName(data: RoundDocumentData): string {
  return safeFileName(`${data.inspection.title}评分汇总表`, 'xlsx');
}
