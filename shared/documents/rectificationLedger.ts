/**
 * 问题整改台账: every finding with its requirement, notice, deadline, the
 * unit's reply (整改报告), the 回头看 check (who, when, outcome) and whether it
 * is closed (销号) — one styled, print-ready sheet.
 */
import ExcelJS from 'exceljs';
import { dayNumber } from '../calendar/workCalendar';
import { FINDING_STATUSES, isClosed, isOverdue, type Finding } from '../domain/findings';
import { arabicDate, safeFileName } from './text';

export interface LedgerRow {
  finding: Finding;
  targetName: string;
  inspectionTitle: string;
  /** What it relates to (indicator or 五统一 item). */
  subject: string;
  noticeNumber: string;
}

export interface LedgerInput {
  /** e.g. 2024年度问题整改台账 or the round's title. */
  title: string;
  organisation: string;
  /** Local ISO date the ledger is made on (overdue days are counted to it). */
  today: string;
  rows: LedgerRow[];
}

const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const FONT = '宋体';

export const LEDGER_COLUMNS: { header: string; width: number; center?: boolean }[] = [
  { header: '序号', width: 6, center: true },
  { header: '检查任务', width: 20 },
  { header: '被检查单位', width: 20 },
  { header: '涉及指标', width: 16 },
  { header: '问题描述', width: 34 },
  { header: '严重程度', width: 8, center: true },
  { header: '整改要求', width: 28 },
  { header: '整改通知书文号', width: 18 },
  { header: '整改期限', width: 13, center: true },
  { header: '收到整改报告', width: 13, center: true },
  { header: '整改情况', width: 30 },
  { header: '核查人', width: 9, center: true },
  { header: '核查日期', width: 13, center: true },
  { header: '核查结果', width: 11, center: true },
  { header: '当前状态', width: 11, center: true },
  { header: '是否销号', width: 8, center: true },
  { header: '逾期天数', width: 8, center: true },
];

function dateText(iso: string | null | undefined): string {
  return iso ? arabicDate(iso) : '';
}

/** The values of one ledger row, in column order. */
export function ledgerValues(r: LedgerRow, n: number, today: string): (string | number)[] {
  const f = r.finding;
  const late = isOverdue(f, today) && f.deadline < today ? dayNumber(today) - dayNumber(f.deadline) : 0;
  return [
    n,
    r.inspectionTitle,
    r.targetName,
    r.subject,
    f.description,
    f.severity,
    f.requirement,
    r.noticeNumber,
    dateText(f.deadline),
    dateText(f.replyReceivedAt),
    f.replyText ?? '',
    f.verifiedBy ?? '',
    dateText(f.verifiedAt),
    f.outcome ?? '',
    f.status,
    isClosed(f) ? '已销号' : '未销号',
    late > 0 ? late : '',
  ];
}

export function buildRectificationLedger(input: LedgerInput): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = input.organisation || '政务公开检查助手';
  wb.title = input.title;
  const ws = wb.addWorksheet('问题整改台账');
  const span = LEDGER_COLUMNS.length;
  LEDGER_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  ws.mergeCells(1, 1, 1, span);
  const title = ws.getCell(1, 1);
  title.value = input.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const counts = FINDING_STATUSES.map((s) => [s, input.rows.filter((r) => r.finding.status === s).length] as const).filter(([, k]) => k > 0);
  const open = input.rows.filter((r) => !isClosed(r.finding)).length;
  ws.mergeCells(2, 1, 2, span);
  ws.getCell(2, 1).value = `共${input.rows.length}个问题，未销号${open}个${counts.length ? `（${counts.map(([s, k]) => `${s}${k}个`).join('，')}）` : ''}；制表单位：${input.organisation || '未填写'}；制表日期：${arabicDate(input.today)}`;
  ws.getCell(2, 1).font = { name: FONT, size: 10.5 };
  const header = ws.getRow(3);
  LEDGER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10.5, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = THIN;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });
  header.height = 30;
  input.rows.forEach((r, i) => {
    const row = ws.getRow(4 + i);
    const values = ledgerValues(r, i + 1, input.today);
    let lines = 1;
    values.forEach((v, k) => {
      const c = LEDGER_COLUMNS[k];
      const cell = row.getCell(k + 1);
      cell.value = v;
      cell.font = { name: FONT, size: 10.5, ...(k === 15 && v === '未销号' ? { color: { argb: 'FFB00000' } } : {}) };
      cell.border = THIN;
      cell.alignment = { horizontal: c.center ? 'center' : 'left', vertical: 'middle', wrapText: true };
      if (typeof v === 'string') lines = Math.max(lines, Math.ceil([...v].length / Math.max(1, Math.floor(c.width / 2))));
    });
    row.height = Math.min(409, Math.max(18, 14.5 * lines + 4));
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.pageSetup = { ...ws.pageSetup, paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
  return wb;
}

export async function writeRectificationLedger(input: LedgerInput): Promise<Uint8Array> {
  if (input.rows.length === 0) throw new Error('没有问题记录，无法导出问题整改台账');
  return new Uint8Array((await buildRectificationLedger(input).xlsx.writeBuffer()) as ArrayBuffer);
}

export function ledgerFileName(title: string): string {
  return safeFileName(title, 'xlsx');
}
