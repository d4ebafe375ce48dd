import { beforeAll, describe, expect, it } from 'vitest';
import { demoRound } from '../../../shared/documents/demoRound';
import { GBT9704, buildNoticesPdf, composeNotice, noticeContent, noticeContentHash, noticeQrText, verifyNotice, type NoticeRecord } from '../../../shared/documents/notice';
import type { NoticeSettings, RoundDocumentData } from '../../../shared/documents/types';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from './pdfNode';
import { pdfCompactText, pdfFonts, pdfInfo, pdfPageTexts, pdfWords } from './poppler';

const ISSUED = '2024-06-10T09:30:00';
const CREATED = '2024-06-10T01:30:00.000Z';

function round(findingsPerTarget = 2, receipt = false): RoundDocumentData {
  const data = demoRound({ targets: 3, findingsPerTarget });
  data.settings = { ...data.settings, receipt };
  return data;
}

function issue(data: RoundDocumentData, unit: number, seq: number, settings: NoticeSettings = data.settings, count?: number): NoticeRecord {
  const a = data.assessments[unit].assessment;
  const ids = data.findings.filter((f) => f.assessmentId === a.id).map((f) => f.id).slice(0, count);
  const n = composeNotice(data, { id: `notice-${seq}`, assessmentId: a.id, findingIds: ids, year: 2024, seq, issuedAt: ISSUED, createdAt: CREATED, settings });
  data.notices.push(n);
  return n;
}

async function render(data: RoundDocumentData, notices: NoticeRecord[]): Promise<Uint8Array> {
  const plan = nodeFontPlan();
  return renderNode(buildNoticesPdf(data, notices, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) }), plan);
}

/** The office's own copy, with the verification code. */
async function renderOffice(data: RoundDocumentData, notices: NoticeRecord[]): Promise<Uint8Array> {
  const plan = nodeFontPlan();
  return renderNode(buildNoticesPdf(data, notices, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan), officeCopy: true }), plan);
}

describe('composing a notice', () => {
  it('numbers it, takes the latest deadline and hashes its content', () => {
    const data = round(2);
    const unit = data.assessments[0].assessment;
    const mine = data.findings.filter((f) => f.assessmentId === unit.id);
    data.findings = data.findings.map((f) => (f.id === mine[1].id ? { ...f, deadline: '2024-07-05' } : f));
    const n = issue(data, 0, 3);
    expect(n.number).toBe('盘政办公开改〔2024〕3号');
    expect(n.deadline).toBe('2024-07-05');
    expect(n.targetId).toBe(unit.targetId);
    expect(n.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const content = noticeContent(data, n);
    expect(content.recipient).toBe(`${unit.targetName}：`);
    expect(content.sameDeadline).toBe(false);
    expect(content.basis).toContain('《2024年度盘锦市政务公开绩效考核实施细则（县区政府）》');
    expect(noticeContentHash(content)).toBe(n.contentHash);
    expect(noticeQrText(content)).toBe(`整改通知书|盘政办公开改〔2024〕3号|SHA-256:${n.contentHash}`);
  });

  it('detects a printed copy that no longer matches the data', () => {
    const data = round(2);
    const n = issue(data, 0, 1);
    expect(verifyNotice(data, n).ok).toBe(true);
    const edited = { ...data, findings: data.findings.map((f) => (f.id === n.findingIds[0] ? { ...f, description: `${f.description}（已更正）` } : f)) };
    const check = verifyNotice(edited, n);
    expect(check.ok).toBe(false);
    expect(check.hash).not.toBe(n.contentHash);
  });

  it('refuses bad input with a clear message and builds nothing', () => {
    const data = round(2);
    const a = data.assessments[0].assessment.id;
    const other = data.findings.find((f) => f.assessmentId !== a)!.id;
    const base = { id: 'x', assessmentId: a, year: 2024, seq: 1, issuedAt: ISSUED, createdAt: CREATED };
    expect(() => composeNotice(data, { ...base, findingIds: [data.findings[0].id], settings: { ...data.settings, issuer: ' ' } })).toThrow('请先在“通知书设置”中填写发文机关');
    expect(() => composeNotice(data, { ...base, findingIds: [data.findings[0].id], settings: { ...data.settings, numberPrefix: '盘政〔改〕' } })).toThrow('文号前缀不应包含括号');
    expect(() => composeNotice(data, { ...base, findingIds: [], settings: data.settings })).toThrow('请至少选择一个问题');
    expect(() => composeNotice(data, { ...base, findingIds: [other], settings: data.settings })).toThrow('通知书所列问题不属于该单位');
    expect(() => composeNotice(data, { ...base, findingIds: ['gone'], settings: data.settings })).toThrow('通知书所列问题已被删除，无法生成');
    expect(data.notices).toHaveLength(0);
  });
});

/** Brief findings from a short-named office (a one-finding notice fits on one page). */
function shortRound(findingsPerTarget = 2, receipt = false, units = [0]): RoundDocumentData {
  const data = round(findingsPerTarget, receipt);
  data.settings = { ...data.settings, issuer: '市政务公开办', headerStyle: 'letter' };
  const ids = new Set(units.map((u) => data.assessments[u].assessment.id));
  const seen = new Map<string, number>();
  data.findings = data.findings.map((f) => {
    if (!ids.has(f.assessmentId)) return f;
    const k = seen.get(f.assessmentId) ?? 0;
    seen.set(f.assessmentId, k + 1);
    return k === 0
      ? { ...f, indicatorId: 'pj24c.interpretation', checklistItemId: null, description: '政策解读晚于文件发布8日', requirement: '文件印发后5日内发布解读' }
      : { ...f, indicatorId: 'pj24c.interpretation', checklistItemId: null, description: '解读材料未在政务新媒体发布', requirement: '同步在政务新媒体发布' };
  });
  return data;
}

describe('the notice PDF', () => {
  let data: RoundDocumentData;
  let notice: NoticeRecord;
  let pdf: Uint8Array;

  beforeAll(async () => {
    data = shortRound();
    notice = issue(data, 0, 3, data.settings, 1);
    pdf = await render(data, [notice]);
  });

  it('carries the recipient, every finding and requirement, the deadline and the number as text', () => {
    const text = pdfCompactText(pdf);
    const unit = data.assessments[0].assessment;
    expect(text).toContain(`${unit.targetName}：`);
    for (const id of notice.findingIds) {
      const f = data.findings.find((x) => x.id === id)!;
      expect(text).toContain(f.description.replace(/\s+/g, ''));
      expect(text).toContain(f.requirement.replace(/\s+/g, ''));
    }
    expect(text).toContain('请于2024年6月28日前完成整改');
    expect(text).toContain('盘政办公开改〔2024〕3号');
    expect(text).toContain('市政务公开办2024年6月10日');
    expect(text).not.toContain('二〇二四');
    // One finding: no headings; the problem and its 整改要求 follow the basis, then the standard clauses once.
    expect(text).toContain('经检查，你县存在以下问题：政策解读方面，政策解读晚于文件发布8日。整改要求：文件印发后5日内发布解读。请于2024年6月28日前完成整改');
    expect(text).toContain('我办将适时开展“回头看”，对整改不到位的，在下一年度政务公开绩效考核中给予扣分处理。');
    expect(text).not.toContain('二、有关要求');
    // The copy that is sent carries no verification code (the office copy does, see noticeLayout.test.ts).
    expect(text).not.toContain('内容摘要');
    expect(text).toContain('（联系人：王明；联系电话：0427-2826114）');
  });

  it('is one A4 page under 300 KB with every font embedded as a subset', () => {
    const info = pdfInfo(pdf);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toContain('595.28 x 841.89');
    expect(pdf.length).toBeLessThan(300 * 1024);
    const fonts = pdfFonts(pdf);
    // Title and body faces (a one-finding notice has no 一、 or （一） headings).
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of fonts) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.subset, f.name).toBe(true);
      expect(f.name).toMatch(/^[A-Z]{6}\+/);
    }
    expect(info.Title).toBe('政务公开工作整改通知书（盘政办公开改〔2024〕3号）');
    expect(info.Author).toBe('市政务公开办');
  });

  it('follows the GB/T 9704 page: margins, centred title, 28-point-plus line pitch', () => {
    const words = pdfWords(pdf).filter((w) => w.page === 1);
    const [left, top, right, bottom] = GBT9704.margins;
    // 信函格式: the issuer's name stands 30 mm from the top, above the body (GB/T 9704 10.1).
    const body = words.filter((w) => w.yMax < 841.89 - bottom + 1 && w.text !== data.settings.issuer);
    expect(Math.min(...body.map((w) => w.yMin))).toBeGreaterThanOrEqual(top - 1);
    expect(Math.min(...body.map((w) => w.xMin))).toBeGreaterThanOrEqual(left - 1);
    expect(Math.max(...body.map((w) => w.xMax))).toBeLessThanOrEqual(595.28 - right + 1);
    const title = words.find((w) => w.text.includes('整改通知书'))!;
    expect(Math.abs((title.xMin + title.xMax) / 2 - (left + (595.28 - right)) / 2)).toBeLessThan(2);
    // Body lines sit on a fixed grid: consecutive line tops differ by the pitch.
    const tops = [...new Set(body.filter((w) => w.yMin > title.yMax + 40).map((w) => Math.round(w.yMin * 10) / 10))].sort((a, b) => a - b);
    const gaps = tops.slice(1).map((t, i) => t - tops[i]).filter((g) => g < GBT9704.pitch * 1.5);
    expect(gaps.length).toBeGreaterThan(5);
    // One pitch for the page: the standard's, or less where lines were tightened to keep the signature with the body (7.3.5.5).
    for (const g of gaps) expect(Math.abs(g - gaps[0])).toBeLessThan(0.6);
    expect(gaps[0]).toBeLessThanOrEqual(GBT9704.pitch + 0.6);
    expect(gaps[0]).toBeGreaterThanOrEqual(GBT9704.pitch * 0.75 - 0.6);
    // The date sits four characters in from the right margin.
    const date = words.find((w) => w.text === '2024年6月10日')!;
    expect(595.28 - right - date.xMax).toBeGreaterThan(GBT9704.bodySize * 3.5);
    expect(595.28 - right - date.xMax).toBeLessThan(GBT9704.bodySize * 4.5);
  });

  it('is reproducible: the same data give the same bytes', async () => {
    const again = await render(data, [notice]);
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
    expect(pdfInfo(pdf).CreationDate).toBe('2024-06-10T01:30:00Z');
  });

  it('prints the date in the style chosen in the settings', async () => {
    const d = shortRound();
    const n = issue(d, 0, 4, { ...d.settings, dateStyle: 'chinese' }, 1);
    expect(pdfCompactText(await render(d, [n]))).toContain('市政务公开办二〇二四年六月十日');
  });

  it('numbers several problems under one heading 1. 2. with their requirements', async () => {
    const d = shortRound();
    const n = issue(d, 0, 5);
    expect(pdfCompactText(await render(d, [n]))).toContain(
      '（一）政策解读1.政策解读晚于文件发布8日。整改要求：文件印发后5日内发布解读。2.解读材料未在政务新媒体发布。整改要求：同步在政务新媒体发布。',
    );
  });
});

describe('a batch of notices', () => {
  it('puts one notice per unit in one file, numbers pages per notice and adds receipts', async () => {
    const data = shortRound(8, true, [1, 2]);
    const long = issue(data, 0, 1);
    const short1 = issue(data, 1, 2, data.settings, 1);
    const short2 = issue(data, 2, 3, data.settings, 1);
    const pdf = await render(data, [long, short1, short2]);
    const pages = pdfPageTexts(pdf).map((p) => p.replace(/\s+/g, ''));
    // A 回执 after the 版记 carries the notice's 文号 before its label (GB/T 9704 8).
    const isReceipt = (p: string) => /^(盘政办公开改〔2024〕\d+号)?附件1整改通知书回执/.test(p);
    const receipts = pages.filter(isReceipt);
    expect(receipts).toHaveLength(3);
    // The long notice runs over pages numbered — 1 —, — 2 — (信函格式: not on the first page), its 附件 continuing.
    const longPages = pages.slice(0, pages.findIndex(isReceipt) + 1);
    expect(longPages.length).toBeGreaterThanOrEqual(3);
    longPages.forEach((p, i) => (i === 0 ? expect(p).not.toMatch(/—\d+—/) : expect(p).toContain(`—${i + 1}—`)));
    const shortPage = pages.find((p) => p.includes(data.assessments[1].assessment.targetName) && !isReceipt(p))!;
    expect(shortPage).toContain('盘政办公开改〔2024〕2号');
    expect(shortPage).not.toMatch(/—\d+—/);
    // Each notice's QR caption sits on its own last page.
    expect(pages.filter((p) => p.includes('扫码核验'))).toHaveLength(0);
    const office = pdfPageTexts(await renderOffice(data, [long, short1, short2])).map((p) => p.replace(/\s+/g, ''));
    expect(office.filter((p) => p.includes('扫码核验'))).toHaveLength(3);
    for (const n of [long, short1, short2]) expect(pages.join('')).toContain(n.number);
  }, 60_000);

  it('refuses an empty batch', () => {
    expect(() => buildNoticesPdf(round(1), [])).toThrow('没有可生成的整改通知书');
  });
});
