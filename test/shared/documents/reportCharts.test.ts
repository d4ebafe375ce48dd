import * as echarts from 'echarts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderCharts, type EChartsSsr } from '../../../shared/documents/charts';
import { demoRound } from '../../../shared/documents/demoRound';
import { buildReportPdf, buildYearReportPdf } from '../../../shared/documents/report';
import { roundChartSpecs } from '../../../shared/documents/roundModel';
import { shortDateTime } from '../../../shared/documents/text';
import { yearCharts } from '../../../shared/inspections/yearCharts';
import { buildYearView, type YearEndEntry } from '../../../shared/inspections/yearView';
import { renderNode } from './pdfNode';
import { pdfFonts, pdfText } from './poppler';


const ssr = echarts as unknown as EChartsSsr;
const count = (text: string, word: string) => text.split(word).length - 1;

/** The share of non-white pixels in a region of page `page` at 60 dpi (the chart is drawn, not only its table). */
function inkIn(pdf: Uint8Array, page: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'chart-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-gray', join(dir, 'r.pdf'), join(dir, 'p')]);
    execFileSync('pdftoppm', ['-r', '60', '-f', String(page), '-l', String(page), '-gray', join(dir, 'r.pdf'), join(dir, 'g')]);
    const pgm = readFileSync(join(dir, `g-${page}.pgm`));
    // P5 header: 4 whitespace-separated tokens, then the bytes.
    let i = 0;
    for (let tokens = 0; tokens < 4; ) {
      while (/\s/.test(String.fromCharCode(pgm[i]))) i++;
      while (!/\s/.test(String.fromCharCode(pgm[i]))) i++;
      tokens++;
    }
    const px = pgm.subarray(i + 1);
    let dark = 0;
    for (const v of px) if (v < 200) dark++;
    return dark / px.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('charts in the PDF reports', () => {
  it('the round report prints 得分对比 and the findings chart as vector charts with Chinese labels, each with its table', async () => {
    const data = demoRound({ targets: 3, findingsPerTarget: 2, photos: 0, photoBytes: () => ({ jpeg: new Uint8Array(), width: 1, height: 1 }) });
    const charts = renderCharts(ssr, roundChartSpecs(data));
    expect(charts.map((c) => c.title)).toEqual(['得分对比（已提交单位）', '本次检查问题整改状态']);
    const without = pdfText(await renderNode(buildReportPdf(data))).replace(/\s+/g, '');
    const pdf = await renderNode(buildReportPdf(data, { charts }));
    if (process.env.CHART_OUT) writeFileSync(join(process.env.CHART_OUT, 'round.pdf'), pdf);
    const text = pdfText(pdf).replace(/\s+/g, '');
    expect(text).toContain('得分对比（已提交单位）');
    expect(text).toContain('本次检查问题整改状态');
    // Each unit's name is drawn once more: as the chart's axis label (the table beside it adds one more).
    const name = data.assessments[0].assessment.targetName;
    expect(count(text, name)).toBe(count(without, name) + 2);
    // The axis name 分 of the chart's value axis, and the pie's labels (状态：数).
    expect(text).toMatch(/待整改：\d|已下发通知：\d|已整改待复核：\d/);
    // Chinese chart text is set in the embedded Noto Sans face, not a fallback.
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);
  });

  it('the year report prints the year view’s charts beside their tables', async () => {
    const entry = (id: string, total: number, submitted: boolean): YearEndEntry => ({
      assessmentId: id,
      targetId: `t-${id}`,
      targetName: `${id}区人民政府`,
      kind: '县区政府',
      submitted,
      result: { total, grade: null, indicators: [{ title: '政策解读', deductions: -total } as YearEndEntry['result']['indicators'][number]] },
      progress: { answered: submitted ? 6 : 2, total: 6 },
    });
    const view = buildYearView({
      yearEnd: [entry('大洼', -1100, true), entry('盘山', -500, true), entry('兴隆台', 0, false)],
      findings: [{ id: 'f1', status: '逾期未整改', deadline: '2024-07-20', deleted: 0, description: '未更新政策文件库', targetId: 't-大洼' }],
      targetNames: new Map([['t-大洼', '大洼区人民政府']]),
      phoneCalls: [{ targetId: 't-大洼', quarter: 'Q3', deleted: 0 }],
      phoneUnits: ['t-大洼', 't-盘山', 't-兴隆台'],
      today: '2024-12-10',
    });
    const charts = renderCharts(ssr, yearCharts(view));
    const pdf = await renderNode(buildYearReportPdf({ year: 2024, view, organisation: '盘锦市政务公开办公室', asOf: '2024-12-10T02:00:00.000Z', charts }));
    if (process.env.CHART_OUT) writeFileSync(join(process.env.CHART_OUT, 'year.pdf'), pdf);
    const text = pdfText(pdf);
    const compact = text.replace(/\s+/g, '');
    expect(compact).toContain('2024年度政务公开考核情况报告');
    expect(compact).toContain(`数据截至${shortDateTime('2024-12-10T02:00:00.000Z').replace(/\s+/g, '')}`);
    for (const t of ['各指标减分合计（年终考核）', '问题整改状态', '季度拨测覆盖']) expect(compact).toContain(t);
    // 第三季度: the phone chart's axis label and its table row.
    expect(count(text, '第三季度')).toBe(2);
    // 已拨测: the chart's legend and the table's header.
    expect(count(text, '已拨测')).toBe(2);
    expect(compact).toContain('未完成');
    expect(compact).toContain('逾期未整改问题（1个）');
    // The charts are drawn: the first page carries far more ink than its tables alone would.
    const bare = await renderNode(buildYearReportPdf({ year: 2024, view, organisation: '盘锦市政务公开办公室', asOf: '2024-12-10T02:00:00.000Z', charts: [] }));
    expect(inkIn(pdf, 1)).toBeGreaterThan(inkIn(bare, 1) * 1.5);
  });
});
