import { describe, expect, it } from 'vitest';
import { demoRound } from '../../../shared/documents/demoRound';
import { buildReportPdf } from '../../../shared/documents/report';
import { rankedAssessments } from '../../../shared/documents/roundModel';
import { buildScoreSheetWorkbook, SUMMARY_SHEET } from '../../../shared/documents/scoreSheet';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { takeSnapshot } from '../../../shared/inspections/snapshot';
import { scoreAssessment } from '../../../shared/scoring/engine';

/** Three counties: the first is still open with nothing recorded (total 0, the best possible), the others submitted. */
function round(): RoundDocumentData {
  const data = demoRound({ targets: 3, findingsPerTarget: 1 });
  const open = data.assessments[0];
  open.assessment = { ...open.assessment, status: 'open', submittedAt: null, submittedBy: null };
  open.responses = {};
  open.result = scoreAssessment(data.inspection.scheme, {});
  for (const a of data.assessments.slice(1)) {
    a.assessment = {
      ...a.assessment,
      scoreSnapshot: takeSnapshot({ scheme: data.inspection.scheme, schemeHash: 'h', responses: a.responses, submittedAt: '2024-07-08T09:11:00', submittedBy: '王明' }),
    };
  }
  return data;
}

function text(node: unknown): string {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(text).join('');
  if (node && typeof node === 'object') return Object.values(node as Record<string, unknown>).map(text).join('');
  return '';
}

describe('the round model ranks only submitted assessments', () => {
  it('an open assessment with an empty sheet is 未完成 with its progress, never first', () => {
    const data = round();
    expect(data.assessments[0].result.total).toBe(0);
    const ranked = rankedAssessments(data);
    expect(ranked[0].rank).toBeNull();
    expect(ranked[0].rankText).toBe('未完成（已评 0/6 项指标）');
    expect(ranked[0].versionText).toBe('评分版本：评分中，未提交（分数可能变化）');
    const submitted = ranked.slice(1);
    expect(submitted.map((a) => a.rank).sort()).toEqual([1, 2]);
    const best = submitted.find((a) => a.rank === 1)!;
    const other = submitted.find((a) => a.rank === 2)!;
    expect(best.result.total).toBeGreaterThanOrEqual(other.result.total);
    expect(best.rankText).toBe('第1名（共2家县区政府）');
    expect(best.versionText).toBe('评分版本：第1次提交，2024-07-08 09:11');
  });

  it('a unit of another kind is ranked on its own', () => {
    const data = round();
    const dept = data.assessments[2];
    dept.assessment = { ...dept.assessment, targetKind: '政府部门' };
    const ranked = rankedAssessments(data);
    expect(ranked[1].rank).toBe(1);
    expect(ranked[2].rank).toBe(1);
    expect(ranked[2].rankText).toBe('第1名（共1家政府部门）');
  });

  it('the Excel summary and the PDF report say 未完成 and carry the score version', () => {
    const data = round();
    const wb = buildScoreSheetWorkbook(data);
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    const header = ws.getRow(4).values as unknown[];
    const rankCol = header.indexOf('排名');
    const statusCol = header.indexOf('评分状态');
    expect(ws.getRow(5).getCell(rankCol).value).toBe('未完成');
    expect(String(ws.getRow(5).getCell(statusCol).value)).toContain('未完成（已评 0/6 项指标）');
    expect([ws.getRow(6).getCell(rankCol).value, ws.getRow(7).getCell(rankCol).value].sort()).toEqual([1, 2]);
    expect(String(ws.getRow(6).getCell(statusCol).value)).toMatch(/^第1次提交，王明/);
    const sheet = wb.worksheets[2];
    expect(String(sheet.getRow(3).getCell(1).value)).toContain('评分版本：第1次提交，2024-07-08 09:11');

    const pdf = text(buildReportPdf(data).doc.content);
    expect(pdf).toContain(`暂计 0 分，评分未完成（已评 0/6 项指标），不参与排名`);
    expect(pdf).toContain('在2家已提交的县区政府中排名第1');
    expect(pdf).not.toContain('在3家单位中排名');
    expect(pdf).toContain('评分版本：第1次提交，2024-07-08 09:11');
  });
});
