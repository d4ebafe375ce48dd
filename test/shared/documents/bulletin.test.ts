import { beforeAll, describe, expect, it } from 'vitest';
import { buildBulletinPdf, bulletinModelForYear, bulletinModelFromRound, bulletinRanking, scoreExplanation, type BulletinModel } from '../../../shared/documents/bulletin';
import { demoRound } from '../../../shared/documents/demoRound';
import { BODY, MM } from '../../../shared/documents/official/gbt9704';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from './pdfNode';
import { pdfCompactText, pdfFonts, pdfInfo, pdfPagePixels, pdfPageTexts, pdfWords, redRows } from './poppler';

function round(): RoundDocumentData {
  const data = demoRound({ targets: 6, findingsPerTarget: 2 });
  // The fourth unit's assessment is still open: it is listed, not ranked.
  data.assessments = data.assessments.map((a, i) => ({ ...a, assessment: { ...a.assessment, status: i === 3 ? 'open' : 'submitted' } }));
  data.settings = { ...data.settings, copyTo: ['市委办公室'], address: '市府大路1号', email: 'zwgk@panjin.gov.cn' };
  return data;
}

const OPTIONS = { number: '盘政办公开〔2024〕5号', issuedAt: '2024-06-20', deadline: '2024-07-20' };

describe('考核结果通报', () => {
  let data: RoundDocumentData;
  let model: BulletinModel;
  let pdf: Uint8Array;

  beforeAll(async () => {
    data = round();
    model = bulletinModelFromRound(data, { ...OPTIONS, nameUnits: true });
    const plan = nodeFontPlan();
    pdf = await renderNode(buildBulletinPdf(model, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) }), plan);
  }, 60_000);

  it('ranks only submitted assessments, per kind of unit; an open one shows 未完成 and no rank', () => {
    const [county] = bulletinRanking(model.units);
    expect(county.kind).toBe('县区政府');
    const open = county.rows.find((r) => r.name === data.assessments[3].assessment.targetName)!;
    expect(open.rank).toBeNull();
    const ranked = county.rows.filter((r) => r.rank !== null);
    expect(ranked).toHaveLength(5);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i].total).toBeLessThanOrEqual(ranked[i - 1].total);
    expect(ranked[0].rank).toBe(1);
    const text = pdfCompactText(pdf);
    expect(text).toMatch(new RegExp(`—${open.name}未完成`));
  });

  it('is a 文件格式 document: red 版头 with the 文号, 主送, the three parts, 附件 and the 版记', () => {
    const text = pdfCompactText(pdf);
    expect(text).toContain('盘政办公开〔2024〕5号');
    expect(text).toContain(`关于${data.inspection.title}情况的通报`);
    expect(text).toContain('各县区人民政府，市政府各部门：');
    for (const h of ['一、总体情况', '二、主要问题', '三、下一步工作要求']) expect(text).toContain(h);
    expect(text).toContain('本次共检查6家单位（县区政府6家），已完成评分5家，1家尚未完成评分，暂不排名。');
    expect(text).toContain('于2024年7月20日前完成整改');
    expect(text).toContain('附件：1.考核得分及排名情况2.问题清单');
    expect(text).toContain('抄送：市委办公室。');
    expect(text).toContain('2024年6月20日印发');
    const pages = pdfPageTexts(pdf).map((p) => p.replace(/\s+/g, ''));
    expect(pages.some((p) => p.startsWith('附件1考核得分及排名情况'))).toBe(true);
    expect(pages.some((p) => p.startsWith('附件2问题清单'))).toBe(true);
    expect(Number(pdfInfo(pdf).Pages) % 2).toBe(0);
    const rows = redRows(pdfPagePixels(pdf, 1));
    expect(Math.abs(rows[0].y - (BODY.top + 35 * MM))).toBeLessThanOrEqual(MM);
    for (const f of pdfFonts(pdf)) expect(f.embedded && f.subset, f.name).toBe(true);
    expect(pdfFonts(pdf).map((f) => f.name).join(' ')).toMatch(/FandolFang.*FandolKai|FandolKai.*FandolFang/);
  });

  it('groups the problems by indicator with counts, naming units only when the office chooses', async () => {
    const text = pdfCompactText(pdf);
    const areas = new Map<string, number>();
    for (const p of model.problems) areas.set(p.area, (areas.get(p.area) ?? 0) + 1);
    // Most problems first; equal counts in the order of the area's name.
    const [top, n] = [...areas.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    expect(text).toMatch(new RegExp(`（一）${top.replace(/[()（）“”]/g, '.')}。共${n}个问题，涉及`));
    expect(text).toContain(`涉及${data.assessments[0].assessment.targetName}`);
    const anonymous = bulletinModelFromRound(data, { ...OPTIONS, nameUnits: false });
    const plan = nodeFontPlan();
    const other = pdfPageTexts(await renderNode(buildBulletinPdf(anonymous, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) }), plan));
    // The body (before 附件1) names no unit; the 附件 lists them.
    const body = other.slice(0, other.findIndex((p) => p.replace(/\s+/g, '').startsWith('附件1'))).join('').replace(/\s+/g, '');
    expect(body).toMatch(/涉及\d+家单位/);
    expect(body).not.toContain(data.assessments[1].assessment.targetName);
  }, 60_000);

  it('states what the numbers mean and prints totals with three decimals', () => {
    expect(scoreExplanation(model.scheme)).toContain('得分最高为0分');
    const text = pdfCompactText(pdf);
    expect(text).toContain('得分保留三位小数，同分并列。未完成评分的单位不排名。');
    const scores = pdfWords(pdf).filter((w) => /^-?\d+\.\d{3}$/.test(w.text));
    expect(scores.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses missing or inconsistent input with a clear message', () => {
    expect(() => bulletinModelFromRound(data, { ...OPTIONS, number: ' ' })).toThrow('请填写通报的文号');
    expect(() => bulletinModelFromRound(data, { ...OPTIONS, deadline: '2024-06-01' })).toThrow('整改时限不能早于成文日期');
    const noIssuer = { ...data, settings: { ...data.settings, issuer: '' } };
    expect(() => bulletinModelFromRound(noIssuer, OPTIONS)).toThrow('请先在“通知书设置”中填写发文机关');
  });
});

describe('the year’s 考核结果通报 (from the year view)', () => {
  it('ranks the submitted year-end assessments per kind of unit, lists the problems of every round, and prints the ranking 附件', async () => {
    const mid = demoRound({ targets: 4, findingsPerTarget: 1 });
    mid.inspection = { ...mid.inspection, id: 'mid', kind: '年中考核', title: '2024年年中政务公开绩效考核' };
    const end = round();
    end.inspection = { ...end.inspection, id: 'end', kind: '年终考核', title: '2024年年终政务公开绩效考核' };
    const model = bulletinModelForYear(2024, [mid, end], OPTIONS);
    expect(model.title).toBe('关于2024年度政务公开绩效考核结果的通报');
    // Units and scores come from the year-end round only; problems from both rounds.
    expect(model.units).toHaveLength(end.assessments.length);
    expect(model.problems).toHaveLength(mid.findings.length + end.findings.length);
    const [county] = bulletinRanking(model.units);
    expect(county.rows.filter((r) => r.rank !== null)).toHaveLength(5);
    expect(county.rows.find((r) => r.name === end.assessments[3].assessment.targetName)!.rank).toBeNull();
    const plan = nodeFontPlan();
    const text = pdfCompactText(await renderNode(buildBulletinPdf(model, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) }), plan));
    expect(text).toContain('关于2024年度政务公开绩效考核结果的通报');
    expect(text).toContain('组织开展了2024年度政务公开绩效考核');
    expect(text).toContain('附件1考核得分及排名情况');
    expect(text).toContain('未完成');
  }, 60_000);

  it('refuses a year without a year-end round, with a clear message', () => {
    const mid = demoRound({ targets: 2, findingsPerTarget: 1 });
    mid.inspection = { ...mid.inspection, kind: '年中考核' };
    expect(() => bulletinModelForYear(2024, [mid], OPTIONS)).toThrow('2024年度还没有年终考核，无法生成年度考核结果通报');
  });
});
