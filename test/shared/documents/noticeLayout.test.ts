// The 整改通知书 measured the way a 核稿 clerk would, against GB/T 9704-2012:
// positions from pdftotext -bbox (em boxes) and from the rendered page (red ink).
import { constants, inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoRound } from '../../../shared/documents/demoRound';
import { buildNoticesPdf, buildOverprintTestPdf, composeNotice, noticeContent, type NoticeRecord } from '../../../shared/documents/notice';
import { BODY, GBT9704, MM, PAGE } from '../../../shared/documents/official/gbt9704';
import type { NoticeSettings, RoundDocumentData } from '../../../shared/documents/types';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from './pdfNode';
import { pdfCompactText, pdfFonts, pdfInfo, pdfPagePixels, pdfPageTexts, pdfWords, redRows, type Word } from './poppler';

const ISSUED = '2024-06-10T09:30:00';
const CREATED = '2024-06-10T01:30:00.000Z';
const LINE = GBT9704.pitch;
/** Em top of a word set in a Noto face (bbox top + (hhea ascent − typo ascender) × size). */
const NOTO_SERIF_EM = 0.271;
const NOTO_SERIF_LINE = 1.437;

const SHORT = [
  ['pj24c.interpretation', '政策解读晚于文件发布8日', '文件印发后5日内发布解读'],
  ['pj24c.interpretation', '解读材料未在政务新媒体发布', '同步在政务新媒体发布'],
  ['pj24c.catalogue', '目录缺少公开时限要素', '补齐目录要素'],
  ['pj24c.catalogue', '目录未按统一标准编制', '补齐目录要素'],
];

function round(settings: Partial<NoticeSettings> = {}): RoundDocumentData {
  const data = demoRound({ targets: 3, findingsPerTarget: 8 });
  data.settings = {
    ...data.settings,
    issuer: '市政务公开办',
    copyTo: ['市委办公室', '市人大常委会办公室'],
    address: '盘锦市兴隆台区市府大路1号',
    fax: '0427-2826115',
    email: 'zwgk@panjin.gov.cn',
    ...settings,
  };
  const unit = data.assessments[0].assessment.id;
  let i = 0;
  data.findings = data.findings.map((f) => {
    if (f.assessmentId !== unit) return f;
    const [indicatorId, description, requirement] = SHORT[i % 4];
    return { ...f, indicatorId, checklistItemId: null, description: `${description}${i++ >= 4 ? '（复查）' : ''}`, requirement };
  });
  return data;
}

function issue(data: RoundDocumentData, count: number, unit = 0): NoticeRecord {
  const a = data.assessments[unit].assessment;
  const ids = data.findings.filter((f) => f.assessmentId === a.id).map((f) => f.id).slice(0, count);
  const n = composeNotice(data, { id: `n-${count}-${unit}`, assessmentId: a.id, findingIds: ids, year: 2024, seq: 3, issuedAt: ISSUED, createdAt: CREATED, settings: data.settings });
  data.notices.push(n);
  return n;
}

async function render(data: RoundDocumentData, notices: NoticeRecord[], officeCopy = false): Promise<Uint8Array> {
  const plan = nodeFontPlan();
  return renderNode(buildNoticesPdf(data, notices, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan), officeCopy }), plan);
}

const within1mm = (actual: number, expected: number, what: string) => expect(Math.abs(actual - expected), `${what}: ${actual.toFixed(2)} vs ${expected.toFixed(2)} pt`).toBeLessThanOrEqual(MM);
const find = (words: Word[], page: number, text: string | RegExp) => {
  const w = words.find((x) => x.page === page && (typeof text === 'string' ? x.text.includes(text) : text.test(x.text)));
  if (!w) throw new Error(`no word ${String(text)} on page ${page}`);
  return w;
};
/** Em box of a word in a Noto face. */
const notoEm = (w: Word) => {
  const size = (w.yMax - w.yMin) / NOTO_SERIF_LINE;
  return { top: w.yMin + NOTO_SERIF_EM * size, bottom: w.yMin + NOTO_SERIF_EM * size + size, size };
};

/** Stroke and fill colours set in the PDF's content streams. */
function streamColours(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1');
  const out: string[] = [];
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      const s = inflateSync(Buffer.from(pdf.subarray(start, end)), { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1');
      // pdfkit: "/DeviceCMYK CS" then "c m y k SCN" (stroke), "cs"/"scn" for fills.
      for (const c of s.matchAll(/\/(Device\w+) (cs|CS)\s+((?:[\d.]+ )+)(scn|SCN)/g)) out.push(`${c[1]} ${c[3]}${c[4]}`);
    } catch {
      // not a content stream
    }
  }
  return out;
}

describe('文件格式 notice (GB/T 9704-2012 7.2–7.5)', () => {
  let data: RoundDocumentData;
  let notice: NoticeRecord;
  let pdf: Uint8Array;
  let words: Word[];

  beforeAll(async () => {
    data = round({ headerStyle: 'file' });
    // (rendering takes a few seconds on a busy machine)
    notice = issue(data, 1);
    pdf = await render(data, [notice]);
    words = pdfWords(pdf);
  });

  it('puts the red 发文机关标志 35 mm below the body top, the 文号 two lines under it and the red line 4 mm under the 文号', () => {
    const rows = redRows(pdfPagePixels(pdf, 1));
    // The 标志's ink starts at 37 + 35 mm from the top of the sheet.
    within1mm(rows[0].y, BODY.top + 35 * MM, '发文机关标志上边缘');
    const mark = notoEm(find(words, 1, '市政务公开办文件'));
    expect(Math.abs((find(words, 1, '市政务公开办文件').xMin + find(words, 1, '市政务公开办文件').xMax) / 2 - (BODY.left + BODY.right) / 2)).toBeLessThan(MM);
    const number = find(words, 1, '盘政办公开改〔2024〕3号');
    within1mm(number.yMin, mark.bottom + 2 * LINE, '发文字号 (标志下空二行)');
    within1mm((number.xMin + number.xMax) / 2, (BODY.left + BODY.right) / 2, '发文字号居中');
    // The separator: a band of red as wide as the body, 4 mm under the 文号.
    const line = rows.filter((r) => r.x2 - r.x1 > BODY.width - 2);
    expect(line.length).toBeGreaterThan(0);
    within1mm(line[0].y, number.yMax + 4 * MM, '红色分隔线');
    within1mm(line[0].x1, BODY.left, '分隔线左端');
    within1mm(line[0].x2, BODY.right, '分隔线右端');
    const title = notoEm(find(words, 1, '政务公开工作整改通知书'));
    within1mm(title.top, line[line.length - 1].y + 2 * LINE, '标题 (分隔线下空二行)');
    const recipient = find(words, 1, '盘山县人民政府：');
    within1mm(recipient.yMin, title.bottom + LINE, '主送 (标题下空一行)');
    within1mm(recipient.xMin, BODY.left, '主送顶格');
  });

  it('prints the red as a vector colour (CMYK, full magenta and yellow)', () => {
    const colours = streamColours(pdf);
    // Fill (the 标志) and stroke (the separator line) in CMYK 0/100/100/0.
    expect(colours).toContain('DeviceCMYK 0 1 1 0 scn');
    expect(colours).toContain('DeviceCMYK 0 1 1 0 SCN');
  });

  it('signs 右空四字 under the seal with the issuer centred over the Arabic date', () => {
    const page = Math.max(...words.filter((w) => w.text.includes('2024年6月10日') && !w.text.includes('印发')).map((w) => w.page));
    const date = words.find((w) => w.page === page && w.text === '2024年6月10日')!;
    within1mm(BODY.right - date.xMax, 4 * GBT9704.bodySize, '成文日期右空四字');
    const issuer = words.filter((w) => w.page === page && w.text === '市政务公开办').pop()!;
    within1mm((issuer.xMin + issuer.xMax) / 2, (date.xMin + date.xMax) / 2, '署名以成文日期为准居中');
    within1mm(date.yMin, issuer.yMin + LINE * (issuer.yMin < date.yMin ? (date.yMin - issuer.yMin) / LINE : 1), '日期在署名下一行');
    expect(pdfCompactText(pdf)).not.toMatch(/二〇二四年/);
  });

  it('puts the 版记 at the foot of the last page, an even one: 抄送, then 印发机关和印发日期 on the body bottom rule', () => {
    const pages = pdfPageTexts(pdf).length;
    expect(pages % 2).toBe(0);
    const printed = find(words, pages, /^2024年6月10日印发$/);
    const printer = words.find((w) => w.page === pages && w.text === '市政务公开办' && Math.abs(w.yMin - printed.yMin) < 1)!;
    // The row sits in the last line of the body, centred in it; 印发机关左空一字, 印发日期右空一字.
    within1mm((printed.yMin + printed.yMax) / 2, BODY.bottom - LINE / 2, '印发机关和印发日期');
    within1mm(printer.xMin, BODY.left + GBT9704.recordSize, '印发机关左空一字');
    within1mm(printed.xMax, BODY.right - GBT9704.recordSize, '印发日期右空一字');
    const copy = find(words, pages, /^抄送：/);
    within1mm((copy.yMin + copy.yMax) / 2, BODY.bottom - LINE * 1.5, '抄送');
    within1mm(copy.xMin, BODY.left + GBT9704.recordSize, '抄送左空一字');
    expect(pdfCompactText(pdf)).toContain('抄送：市委办公室，市人大常委会办公室。');
  });

  it('numbers pages 7 mm below the body, odd ones right and even ones left, one character in', () => {
    const dashes = words.filter((w) => w.text === '—' && w.yMin > BODY.bottom);
    expect(dashes.length).toBeGreaterThan(0);
    for (const d of dashes) within1mm(d.yMin + NOTO_SERIF_EM * 14 + 7, BODY.bottom + 7 * MM, '页码一字线');
    const one = dashes.filter((d) => d.page === 1);
    within1mm(Math.max(...one.map((d) => d.xMax)), BODY.right - GBT9704.pageNumberSize, '单页码居右空一字');
    const two = dashes.filter((d) => d.page === 2);
    within1mm(Math.min(...two.map((d) => d.xMin)), BODY.left + GBT9704.pageNumberSize, '双页码居左空一字');
  });

  it('sets the body in 仿宋 and （一） headings in 楷体, every face embedded as a subset', async () => {
    // Three findings in two areas: 一、 headings and （一） headings.
    const three = round({ headerStyle: 'file' });
    const threePdf = await render(three, [issue(three, 3)]);
    const fonts = pdfFonts(threePdf);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/\+FandolFang-Regular/);
    expect(fonts.map((f) => f.name).join(' ')).toMatch(/\+FandolKai-Regular/);
    for (const f of fonts) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.subset, f.name).toBe(true);
    }
    expect(pdfCompactText(threePdf)).toContain('（一）政策解读');
    // The 楷体 face holds exactly the glyphs of the （一） headings: the one-finding notice has none, so no 楷体 at all.
    expect(pdfFonts(pdf).map((f) => f.name).join(' ')).not.toMatch(/FandolKai/);
    for (const f of pdfFonts(pdf)) expect(f.subset, f.name).toBe(true);
  });

  it('leaves the QR code and the hash off the copy that is sent, and prints them on the office copy', async () => {
    expect(pdfCompactText(pdf)).not.toContain('扫码核验');
    const office = pdfCompactText(await render(data, [notice], true));
    expect(office).toContain('扫码核验（留存）');
    expect(office).toContain(`内容摘要${notice.contentHash.slice(0, 16)}`);
  });

  it('lists the 回执 as 附件 after the body, on its own page labelled 附件1 with where to send it', () => {
    const pages = pdfPageTexts(pdf).map((p) => p.replace(/\s+/g, ''));
    // Bound before the 版记, the 回执's label is 附件1 alone (after the 版记 it also carries the 文号, GB/T 9704 8).
    const body = pages.findIndex((p) => p.includes('附件1整改通知书回执'));
    expect(pages[body]).not.toContain('盘政办公开改〔2024〕3号附件1');
    expect(body).toBeGreaterThan(0);
    expect(pages.slice(0, body).join('')).toContain('附件：整改通知书回执');
    const label = find(words, body + 1, '附件1');
    within1mm(label.xMin, BODY.left, '附件标签顶格');
    within1mm(label.yMin, BODY.top, '附件标签在版心第一行');
    expect(pages[body]).toContain('（地址：盘锦市兴隆台区市府大路1号；传真：0427-2826115；电子邮箱：zwgk@panjin.gov.cn）');
    // What the 整改台账 lists and whom to contact are said there, once.
    expect(pages[body]).toContain('整改报告请附整改台账，逐项列明问题、整改措施、责任人、完成时限');
    expect(pages[body]).toContain('联系人：王明；联系电话：0427-2826114');
    expect(pages.slice(0, body).join('')).not.toContain('联系人');
    expect(pages[body]).toMatch(new RegExp(`—${body + 1}—`));
  });
});

describe('信函格式 notice (GB/T 9704-2012 10.1)', () => {
  let pdf: Uint8Array;
  let words: Word[];

  beforeAll(async () => {
    const data = round({ headerStyle: 'letter' });
    pdf = await render(data, [issue(data, 1)]);
    words = pdfWords(pdf);
  });

  it('puts the issuer in red 30 mm from the top, red double lines 170 mm long under it and 20 mm above the bottom edge, the 文号 at the right', () => {
    const rows = redRows(pdfPagePixels(pdf, 1));
    within1mm(rows[0].y, 30 * MM, '发文机关标志上边缘');
    const long = rows.filter((r) => r.x2 - r.x1 > 160 * MM);
    const top = long.filter((r) => r.y < PAGE.height / 2);
    const foot = long.filter((r) => r.y > PAGE.height / 2);
    within1mm(top[0].x2 - top[0].x1, 170 * MM, '双线长170mm');
    within1mm((top[0].x1 + top[0].x2) / 2, PAGE.width / 2, '双线居中');
    const mark = notoEm(find(words, 1, /^市政务公开办$/));
    within1mm(top[0].y, mark.bottom + 4 * MM, '标志下4mm处双线');
    // Two separate rules (上粗下细) at the top, (上细下粗) at the foot.
    const groups = (rs: typeof long) => rs.reduce((n, r, i) => n + (i === 0 || r.y - rs[i - 1].y > 1 ? 1 : 0), 0);
    expect(groups(top)).toBe(2);
    expect(groups(foot)).toBe(2);
    within1mm(foot[foot.length - 1].y, PAGE.height - 20 * MM, '下双线距下页边20mm');
    const number = find(words, 1, '盘政办公开改〔2024〕3号');
    within1mm(number.xMax, BODY.right, '发文字号居版心右边缘');
    within1mm(number.yMin, top[top.length - 1].y + (GBT9704.bodySize * 7) / 8, '发文字号距双线3号字高的7/8');
    const title = notoEm(find(words, 1, '政务公开工作整改通知书'));
    within1mm(title.top, number.yMax + 2 * LINE, '标题与文号相距二行');
    within1mm(find(words, 1, '盘山县人民政府：').yMin, title.bottom + LINE, '主送');
  });

  it('keeps a one-finding notice on one page with its 版记, no page number on it, the 回执 after it labelled with the 文号', () => {
    const pages = pdfPageTexts(pdf).map((p) => p.replace(/\s+/g, ''));
    expect(pages[0]).toContain('市政务公开办2024年6月10日');
    expect(pages[0]).toContain('抄送：市委办公室，市人大常委会办公室。');
    expect(pages[0]).not.toMatch(/—\d+—/);
    // 信函格式: the 版记 is the 抄送 alone, on the last line of the body.
    const copy = find(words, 1, /^抄送：/);
    within1mm((copy.yMin + copy.yMax) / 2, BODY.bottom - LINE / 2, '抄送');
    expect(pages[1].startsWith('盘政办公开改〔2024〕3号附件1整改通知书回执')).toBe(true);
    expect(pages).toHaveLength(2);
  });
});

describe('page counts', () => {
  it('one finding: one page of body in 文件格式 and 信函格式; three and eight (a 问题清单 attached): two in 文件格式, one in 信函格式', async () => {
    for (const headerStyle of ['file', 'letter'] as const) {
      const counts: Record<number, number> = {};
      for (const n of [1, 3, 8]) {
        const data = round({ headerStyle });
        const pdf = await render(data, [issue(data, n)]);
        const pages = pdfPageTexts(pdf).map((p) => p.replace(/\s+/g, ''));
        counts[n] = pages.findIndex((p) => p.includes('附件1整改通知书回执'));
        // The signature is never alone: the page with the date also carries text of the body.
        const sigPage = pages.findIndex((p) => p.includes('市政务公开办2024年6月10日'));
        expect(sigPage, `${headerStyle} ${n}`).toBe(counts[n] - 1);
        expect(pages[sigPage]).toMatch(/给予扣分处理/);
        if (n === 8) expect(pages.join('')).toContain('附件2问题清单');
        // The 版记 is at the foot of the signature's page when it has room there, else at the foot of the last page, an even one.
        const record = pages.findIndex((p) => p.includes('抄送：'));
        if (record !== sigPage) {
          expect(record, `${headerStyle} ${n}`).toBe(pages.length - 1);
          expect(pages.length % 2).toBe(0);
        } else expect(pages[record + 1]).toMatch(/^盘政办公开改〔2024〕3号附件1/);
      }
      expect(counts, headerStyle).toEqual(headerStyle === 'file' ? { 1: 1, 3: 2, 8: 2 } : { 1: 1, 3: 1, 8: 1 });
    }
  }, 120_000);
});

describe('套印', () => {
  it('leaves the 版头 band empty (no red) but prints the 文号 where the pre-printed red line expects it', async () => {
    const data = round({ headerStyle: 'overprint' });
    const pdf = await render(data, [issue(data, 1)]);
    expect(redRows(pdfPagePixels(pdf, 1))).toHaveLength(0);
    const file = round({ headerStyle: 'file' });
    const filePdf = await render(file, [issue(file, 1)]);
    const a = find(pdfWords(pdf), 1, '盘政办公开改〔2024〕3号');
    const b = find(pdfWords(filePdf), 1, '盘政办公开改〔2024〕3号');
    expect(Math.abs(a.yMin - b.yMin)).toBeLessThan(0.5);
    expect(Math.abs(find(pdfWords(pdf), 1, '盘山县人民政府：').yMin - find(pdfWords(filePdf), 1, '盘山县人民政府：').yMin)).toBeLessThan(0.5);
  });

  it('moves everything by the printer correction entered in the settings', async () => {
    const data = round({ headerStyle: 'overprint', overprintOffsetMm: { x: 2, y: -3 } });
    const base = round({ headerStyle: 'overprint' });
    const a = find(pdfWords(await render(data, [issue(data, 1)])), 1, '盘山县人民政府：');
    const b = find(pdfWords(await render(base, [issue(base, 1)])), 1, '盘山县人民政府：');
    within1mm(a.xMin - b.xMin, 2 * MM, 'x');
    within1mm(a.yMin - b.yMin, -3 * MM, 'y');
  });

  it('prints an alignment test page with the 标志 top and red line marked', async () => {
    const data = round();
    const plan = nodeFontPlan();
    const pdf = await renderNode(buildOverprintTestPdf(data.settings, { plan, measuredEmTops: measuredEmTops(plan), issuedAt: ISSUED }), plan);
    const text = pdfCompactText(pdf);
    expect(text).toContain('套印对齐测试页');
    expect(text).toContain('发文机关标志上边缘（版心上边缘下35mm，距纸张上边缘72.0mm）');
    expect(text).toContain('盘政办公开改〔2024〕1号');
    expect(pdfInfo(pdf).Pages).toBe('1');
  });
});

describe('wording', () => {
  it('writes 你县 / 你区 / 你局 by the kind of unit and prints a requirement shared by a group once', () => {
    const data = round();
    const n = issue(data, 4);
    const c = noticeContent(data, n);
    expect(c.basis).toContain('经检查，你县存在以下问题');
    const d2 = round();
    d2.assessments[1].assessment = { ...d2.assessments[1].assessment, targetName: '盘锦市教育局', targetKind: '政府部门' };
    expect(noticeContent(d2, issue(d2, 1, 1)).basis).toContain('经检查，你局存在以下问题');
    const d3 = round();
    expect(noticeContent(d3, issue(d3, 1, 1)).basis).toContain('经检查，你区存在以下问题');
  });

  it('does not repeat the same 整改要求 for every finding of a group', async () => {
    const data = round({ headerStyle: 'letter' });
    const text = pdfCompactText(await render(data, [issue(data, 4)]));
    expect(text.match(/补齐目录要素/g)).toHaveLength(1);
    expect(text).toContain('1.目录缺少公开时限要素。2.目录未按统一标准编制。整改要求：补齐目录要素。');
    // What the 整改台账 lists is said once, in the 回执.
    expect(text.match(/整改台账/g)).toHaveLength(1);
    expect(text).toContain('整改报告请附整改台账，逐项列明问题、整改措施、责任人、完成时限');
  });
});
