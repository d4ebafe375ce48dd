import ExcelJS from 'exceljs';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { demoRound } from '../../../shared/documents/demoRound';
import { FINDINGS_SHEET, PHONE_SHEET, SUMMARY_SHEET, buildScoreSheetWorkbook, scoreFormat, writeScoreSheet } from '../../../shared/documents/scoreSheet';
import { POINTS_RULE_TEXT } from '../../../shared/documents/text';
import { formatPoints } from '../../../shared/points/points';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { CHANGZHOU_2020_TEMPLATE } from '../../../shared/schemes/index';
import { scoreAssessment } from '../../../shared/scoring/engine';
import type { Responses } from '../../../shared/scoring/responses';

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

function headerIndex(ws: ExcelJS.Worksheet, row: number): Map<string, number> {
  const m = new Map<string, number>();
  ws.getRow(row).eachCell((cell, col) => m.set(String(cell.value), col));
  return m;
}

/** The summary row of each unit, by name. */
function summaryRows(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const cols = headerIndex(ws, 4);
  const nameCol = cols.get('单位名称')!;
  const out = new Map<string, ExcelJS.Row>();
  ws.eachRow((row, n) => {
    if (n > 4) out.set(String(row.getCell(nameCol).value), row);
  });
  return out;
}

const thousandths = (v: unknown) => Math.round((v as number) * 1000);

describe('Excel score sheet', () => {
  it('round-trips: every score cell read back is a number equal to the engine result to 3 decimals', async () => {
    const data = demoRound({ targets: 12 });
    const wb = await readBack(await writeScoreSheet(data));
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const cols = headerIndex(ws, 4);
    const rows = summaryRows(ws);
    expect(rows.size).toBe(12);
    const indicators = data.inspection.scheme.sections.flatMap((s) => s.indicators);
    for (const a of data.assessments) {
      const row = rows.get(a.assessment.targetName)!;
      const total = row.getCell(cols.get('总分')!).value;
      expect(typeof total).toBe('number');
      expect(thousandths(total)).toBe(a.result.total);
      expect(thousandths(row.getCell(cols.get('减分合计')!).value)).toBe(a.result.deductions);
      expect(thousandths(row.getCell(cols.get('加分合计')!).value)).toBe(a.result.bonuses);
      let sum = 0;
      for (const ind of indicators) {
        const cell = row.getCell(cols.get(ind.title)!).value;
        expect(typeof cell).toBe('number');
        expect(thousandths(cell)).toBe(a.result.indicators.find((x) => x.id === ind.id)!.points);
        sum += thousandths(cell);
      }
      // The row adds up: indicators + adjustment = total.
      expect(sum + thousandths(row.getCell(cols.get('上限调整')!).value)).toBe(a.result.total);
      expect(row.getCell(cols.get('总分')!).numFmt).toBe(scoreFormat(a.result.total));
    }
    // Each unit's own sheet shows the same total as a number.
    for (const a of data.assessments) {
      const sheet = wb.getWorksheet(a.assessment.targetName)!;
      let found: unknown = undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === '总分') found = row.getCell(6).value;
      });
      expect(typeof found).toBe('number');
      expect(thousandths(found)).toBe(a.result.total);
    }
  });

  it('stores exact decimals: three 0.2-point deductions read back as −0.6, not −0.6000000000000001', async () => {
    const data = demoRound({ targets: 1 });
    const responses: Responses = { 'pj24c.documents.not-updated': { count: 3 } };
    data.assessments[0].responses = responses;
    data.assessments[0].result = scoreAssessment(data.inspection.scheme, responses);
    expect(data.assessments[0].result.totalText).toBe('−0.6');
    const bytes = await writeScoreSheet(data);
    const sheet = XLSX.read(bytes, { type: 'array' }).Sheets[SUMMARY_SHEET];
    const cells = Object.entries(sheet).filter(([k, c]) => !k.startsWith('!') && (c as XLSX.CellObject).t === 'n' && k.match(/^[A-Z]+5$/));
    const values = cells.map(([, c]) => (c as XLSX.CellObject).v as number);
    expect(values).toContain(-0.6);
    expect(values.every((v) => Number.isInteger(v) || Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9)).toBe(true);
  });

  it('keeps the engine result for any recorded counts (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: 30 }), { minLength: 4, maxLength: 4 }), async ([a, b, c, d]) => {
        const data = demoRound({ targets: 1, findingsPerTarget: 0 });
        const responses: Responses = {
          'pj24c.catalogue.dept-missing': { count: a },
          'pj24c.documents.not-updated': { count: b },
          'pj24c.interpretation.video': { count: c },
          'pj24c.complaints.no-reply': { count: d },
        };
        data.assessments[0].responses = responses;
        data.assessments[0].result = scoreAssessment(data.inspection.scheme, responses);
        const wb = await readBack(await writeScoreSheet(data));
        const ws = wb.getWorksheet(SUMMARY_SHEET)!;
        const row = summaryRows(ws).get(data.assessments[0].assessment.targetName)!;
        expect(thousandths(row.getCell(headerIndex(ws, 4).get('总分')!).value)).toBe(data.assessments[0].result.total);
      }),
      { numRuns: 15 },
    );
  });

  it('shows grades, awarded points and ranks for a graded 100-point scheme', async () => {
    const data = demoRound({ targets: 3, findingsPerTarget: 0 });
    data.inspection = { ...data.inspection, scheme: CHANGZHOU_2020_TEMPLATE };
    const awarded = ['3.5', '4', '2.25'];
    data.assessments.forEach((a, i) => {
      const responses: Responses = { 'cz20.organisation.1.score': { awarded: '9.5' }, 'cz20.system.1.score': { awarded: awarded[i] }, 'cz20.evaluation.1.result': { option: i === 2 ? '不满意' : '满意' } };
      a.responses = responses;
      a.result = scoreAssessment(CHANGZHOU_2020_TEMPLATE, responses);
    });
    const wb = await readBack(await writeScoreSheet(data));
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const cols = headerIndex(ws, 4);
    expect(cols.has('等次')).toBe(true);
    expect(cols.has('得分合计')).toBe(true);
    const rows = summaryRows(ws);
    const byTotal = [...data.assessments].sort((x, y) => y.result.total - x.result.total);
    byTotal.forEach((a, i) => {
      const row = rows.get(a.assessment.targetName)!;
      expect(row.getCell(cols.get('排名')!).value).toBe(i + 1);
      expect(row.getCell(cols.get('等次')!).value).toBe(a.result.grade);
      expect(thousandths(row.getCell(cols.get('总分')!).value)).toBe(a.result.total);
    });
  });

  it('is print-ready: A4 landscape, fit to width, header rows repeated, frozen headers, merged title', async () => {
    const data = demoRound({ targets: 3 });
    const wb = await readBack(await writeScoreSheet(data));
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToWidth).toBe(1);
      expect(ws.pageSetup.printTitlesRow).toMatch(/^\$?\d+:\$?\d+$/);
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });
      expect(ws.getCell('A1').isMerged).toBe(true);
      expect(ws.getCell('A1').font?.bold).toBe(true);
    }
    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(String(summary.getCell('A1').value)).toBe(`${data.inspection.title}评分汇总表`);
    expect(String(summary.getCell('A2').value)).toContain(data.inspection.scheme.name);
    expect(String(summary.getCell('A2').value)).toContain('2024年6月3日至2024年6月7日');
    expect(String(summary.getCell('A3').value)).toContain(POINTS_RULE_TEXT);
    expect(summary.getCell('B4').border?.top?.style).toBe('thin');
  });

  it('lists every finding and every phone call, and each unit sheet explains its indicators', async () => {
    const data = demoRound({ targets: 4, findingsPerTarget: 3 });
    data.notices.push({
      id: 'n1',
      inspectionId: data.inspection.id,
      assessmentId: data.assessments[0].assessment.id,
      targetId: data.assessments[0].assessment.targetId,
      year: 2024,
      seq: 7,
      number: '盘政办公开改〔2024〕7号',
      issuer: '盘锦市人民政府办公室',
      issuedAt: '2024-06-10T09:00:00',
      deadline: '2024-06-28',
      findingIds: [data.findings[0].id],
      contentHash: 'x',
      createdAt: '2024-06-10T01:00:00.000Z',
      updatedAt: '2024-06-10T01:00:00.000Z',
    });
    data.findings[0] = { ...data.findings[0], noticeId: 'n1', status: '已下发通知' };
    const wb = await readBack(await writeScoreSheet(data));
    const fs = wb.getWorksheet(FINDINGS_SHEET)!;
    const texts: string[] = [];
    fs.eachRow((row, n) => {
      if (n > 3) texts.push(String(row.getCell(4).value));
    });
    expect(texts).toHaveLength(data.findings.length);
    for (const f of data.findings) expect(texts).toContain(f.description);
    let numberShown = false;
    fs.eachRow((row) => row.eachCell((c) => (numberShown ||= c.value === '盘政办公开改〔2024〕7号')));
    expect(numberShown).toBe(true);
    const ps = wb.getWorksheet(PHONE_SHEET)!;
    expect(ps.rowCount - 3).toBe(data.phoneCalls.length);
    const unit = wb.getWorksheet(data.assessments[1].assessment.targetName)!;
    const all: string[] = [];
    unit.eachRow((row) => row.eachCell((c) => all.push(String(c.value))));
    const joined = all.join('\n');
    expect(joined).toContain('未编制本地区主动公开事项目录（固定）：否');
    expect(joined).toContain('最终得分');
    expect(joined).toContain('现场查阅了政府门户网站');
  });

  it('makes sheet names Excel accepts: ≤ 31 characters, no []:*?/\\, unique', async () => {
    const data = demoRound({ targets: 3, findingsPerTarget: 0 });
    const long = '盘锦市某某区某某街道办事处某某社区党群服务中心便民服务站政务公开点';
    data.assessments[0].assessment = { ...data.assessments[0].assessment, targetName: long };
    data.assessments[1].assessment = { ...data.assessments[1].assessment, targetName: long };
    data.assessments[2].assessment = { ...data.assessments[2].assessment, targetName: '汇总' };
    const wb = buildScoreSheetWorkbook(data);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect([...n].length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    // And the file opens.
    const back = await readBack(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(back.worksheets).toHaveLength(6);
  });

  it('gives the same content when generated twice, dated from the data', async () => {
    const data = demoRound({ targets: 3 });
    const [a, b] = [await readBack(await writeScoreSheet(data)), await readBack(await writeScoreSheet(data))];
    expect(a.created?.toISOString()).toBe(data.asOf);
    expect(b.modified?.toISOString()).toBe(data.asOf);
    const dump = (wb: ExcelJS.Workbook) => wb.worksheets.map((ws) => ws.getSheetValues().map((r) => JSON.stringify(r)).join('\n')).join('\n--\n');
    expect(dump(a)).toBe(dump(b));
  });

  it('refuses a round without units with a clear message', async () => {
    const data: RoundDocumentData = { ...demoRound({ targets: 1 }), assessments: [] };
    await expect(writeScoreSheet(data)).rejects.toThrow('本次检查还没有被检查单位，无法生成评分表');
  });

  it('shows every score as the PDF and the screen do: the value’s own decimals and the true minus sign', async () => {
    const data = demoRound({ targets: 6, findingsPerTarget: 2, photos: 0 });
    const wb = await readBack(await writeScoreSheet(data));
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const cols = headerIndex(ws, 4);
    const rows = summaryRows(ws);
    let checked = 0;
    for (const a of data.assessments) {
      const cell = rows.get(a.assessment.targetName)!.getCell(cols.get('总分')!);
      // Excel would display: the number through its own format.
      const shown = XLSX.SSF.format(String(cell.numFmt), cell.value as number);
      expect(shown).toBe(formatPoints(a.result.total));
      for (const ind of a.result.indicators) {
        const c = rows.get(a.assessment.targetName)!.getCell(cols.get(data.inspection.scheme.sections.flatMap((s) => s.indicators).find((i) => i.id === ind.id)!.title)!);
        expect(XLSX.SSF.format(String(c.numFmt), c.value as number)).toBe(formatPoints(ind.points));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(data.assessments.some((a) => a.result.total < 0)).toBe(true);
    for (const p of [-350, -600, -50, -125, 2000, 0, 1500]) expect(XLSX.SSF.format(scoreFormat(p), p / 1000)).toBe(formatPoints(p));
  });
});
