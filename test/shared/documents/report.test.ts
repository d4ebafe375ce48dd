import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoRound } from '../../../shared/documents/demoRound';
import { buildReportPdf, reportFileName } from '../../../shared/documents/report';
import { POINTS_RULE_TEXT } from '../../../shared/documents/text';
import { localIso, watermarkLines } from '../../../shared/photos/watermark';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { renderNode } from './pdfNode';
import { pdfCompactText, pdfFonts, pdfImages, pdfInfo, pdfPageTexts } from './poppler';

const JPEGS = [1, 2].map((i) => new Uint8Array(readFileSync(join(__dirname, 'fixtures', `site-photo-${i}.jpg`))));

function round(photos: number): RoundDocumentData {
  return demoRound({ targets: 3, findingsPerTarget: 2, photos, photoBytes: (i) => ({ jpeg: JPEGS[i % 2], width: 800, height: 600 }) });
}

describe('PDF inspection report', () => {
  let data: RoundDocumentData;
  let pdf: Uint8Array;

  beforeAll(async () => {
    data = round(4);
    pdf = await renderNode(buildReportPdf(data));
  });

  it('has the cover, every unit with its total, every finding and the phone log', () => {
    const text = pdfCompactText(pdf);
    expect(text).toContain('政务公开检查报告');
    expect(text).toContain('2024年6月3日至2024年6月7日');
    expect(text).toContain('王明、李华、赵雪');
    for (const a of data.assessments) {
      expect(text).toContain(a.assessment.targetName);
      expect(text).toContain(`总分${a.result.totalText}分`);
    }
    for (const f of data.findings) expect(text).toContain(f.description.replace(/\s+/g, ''));
    expect(text).toContain('拨测记录（2次）');
    expect(text).toContain('政务公开专区“五统一”达标');
  });

  it('captions each photo with capture time, unit, inspector and the SHA-256 prefix of the original', () => {
    const text = pdfCompactText(pdf);
    for (const p of data.photos) {
      const unit = data.assessments.find((a) => a.assessment.id === p.links[0].assessmentId)!.assessment.targetName;
      expect(text).toContain(`拍摄时间：${p.photo.takenAt!.slice(0, 10)}${p.photo.takenAt!.slice(11, 19)}地点：未记录`);
      expect(text).toContain(`被检查单位：${unit}检查人：${p.photo.attachedBy}`);
      expect(text).toContain(`原图校验码（SHA-256）前16位：${p.photo.id.slice(0, 16)}`);
    }
    // The two fixture files are stored once each, however often they are shown.
    const images = pdfImages(pdf);
    expect(images.shown).toBe(4);
    expect(images.stored).toBe(2);
    expect(images.pixelWidths.every((w) => w === 800)).toBe(true);
  });

  it('numbers pages and repeats the running header, embeds subset fonts, and is reproducible', async () => {
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBeGreaterThan(3);
    pages.slice(1).forEach((p, i) => {
      expect(p.replace(/\s+/g, '')).toContain(`第${i + 1}页共${pages.length - 1}页`);
      expect(p.replace(/\s+/g, '')).toContain('2024年年中政务公开绩效考核检查报告');
    });
    for (const f of pdfFonts(pdf)) expect(f.embedded && f.subset).toBe(true);
    expect(pdfInfo(pdf).CreationDate).toBe('2024-06-07T09:00:00Z');
    const again = await renderNode(buildReportPdf(data));
    expect(Buffer.from(again).equals(Buffer.from(pdf))).toBe(true);
  });

  it('reports one unit alone, and says when a photo file is missing', async () => {
    const d = round(4);
    d.photos[0] = { ...d.photos[0], jpeg: null };
    const unit = d.assessments.find((a) => a.assessment.id === d.photos[0].links[0].assessmentId)!;
    const one = await renderNode(buildReportPdf(d, { assessmentId: unit.assessment.id }));
    const text = pdfCompactText(one);
    expect(text).toContain(unit.assessment.targetName);
    for (const other of d.assessments.filter((a) => a !== unit)) expect(text).not.toContain(other.assessment.targetName);
    expect(text).toContain('（照片文件不在本机，仅有登记信息）');
    expect(reportFileName(d, { assessmentId: unit.assessment.id })).toBe(`2024年年中政务公开绩效考核_${unit.assessment.targetName}检查报告.pdf`);
  });

  it('never leaves a heading at the foot of a page', async () => {
    const d = round(6);
    const text = pdfPageTexts(await renderNode(buildReportPdf(d)));
    for (const page of text.slice(1)) {
      const lines = page.split('\n').map((l) => l.trim()).filter(Boolean).filter((l) => !/^第 \d+ 页/.test(l) && !l.endsWith('检查报告'));
      expect(lines[lines.length - 1]).not.toMatch(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+．)/);
    }
  });

  it('refuses an unknown unit and an empty round with clear messages', () => {
    expect(() => buildReportPdf(round(0), { assessmentId: 'nope' })).toThrow('找不到该单位的评分记录，可能已被删除');
    expect(() => buildReportPdf({ ...round(0), assessments: [] })).toThrow('本次检查还没有被检查单位，无法生成报告');
  });
});

describe('the report as a 检查底稿', () => {
  const HALF_WIDTH_IN_CHINESE = /[\u3400-\u9fff][,;:()]|[,;:()][\u3400-\u9fff]/;

  it('captions every photo: an empty caption reads 说明：未填写', async () => {
    const d = round(3);
    expect(d.photos.some((p) => p.links[0].caption === '')).toBe(true);
    const text = pdfCompactText(await renderNode(buildReportPdf(d)));
    const empty = d.photos.findIndex((p) => p.links[0].caption === '');
    expect(text).toMatch(new RegExp(`图\\d+说明：未填写拍摄时间：${d.photos[empty].photo.takenAt!.slice(0, 10)}`));
    expect(text).not.toMatch(/图\d+拍摄时间/);
  });

  it('the caption’s time is the watermark’s time, also for a photo without EXIF time', async () => {
    const original = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      const d = round(2);
      const attachedAt = '2024-06-05T01:02:03.000Z';
      const noExif = d.photos[0];
      const lines = watermarkLines({ targetName: '大洼区人民政府', inspector: '王明', round: d.inspection.title, takenAt: null, attachedAtLocal: localIso(new Date(attachedAt)), gps: null });
      d.photos[0] = { ...noExif, photo: { ...noExif.photo, takenAt: null, attachedAt, watermarkText: lines } };
      // A second one without watermark: the caption still uses the same time line.
      d.photos[1] = { ...d.photos[1], photo: { ...d.photos[1].photo, takenAt: null, attachedAt, watermarked: false, watermarkText: [] } };
      expect(lines[0]).toBe('导入时间：2024-06-05 09:02:03（照片无拍摄时间）');
      const text = pdfCompactText(await renderNode(buildReportPdf(d)));
      expect(text.split(lines[0].replace(/\s+/g, '')).length - 1).toBe(2);
    } finally {
      process.env.TZ = original;
    }
  });

  it('lists the 五统一 failures with the count of passes, not all items', async () => {
    const d = round(0);
    const a = d.assessments[0];
    const answers = d.checklistAnswers.filter((x) => x.assessmentId === a.assessment.id);
    const met = answers.filter((x) => x.status === 'met').length;
    const notMet = answers.filter((x) => x.status === 'notMet');
    expect(notMet.length).toBeGreaterThan(0);
    const text = pdfCompactText(await renderNode(buildReportPdf(d, { assessmentId: a.assessment.id })));
    expect(text).toContain(`达标${met}项，未达标${notMet.length}项`);
    expect(text).toContain('未达标项目如下');
    const metItem = FIVE_UNIFIED_CHECKLIST.dimensions.flatMap((x) => x.items).find((it) => answers.find((x) => x.itemId === it.id)?.status === 'met')!;
    expect(text).not.toContain(metItem.text.replace(/\s+/g, ''));
  });

  it('states the decimal rule once, follows it, and uses full-width punctuation in Chinese text', async () => {
    const d = round(2);
    const text = pdfCompactText(await renderNode(buildReportPdf(d)));
    const rule = POINTS_RULE_TEXT.replace(/\s+/g, '');
    expect(text.split(rule).length - 1).toBe(1);
    expect(text).not.toContain('保留三位小数');
    // Every total is printed as formatPoints prints it: no hyphen-minus, no padded zeros.
    for (const x of d.assessments) expect(text).toContain(`总分${x.result.totalText}分`);
    expect(text).not.toMatch(/(^|[^\dA-Za-z])-\d/);
    expect(text).not.toMatch(/\d\.\d*0分/);
    expect(text.replace(rule, '')).not.toMatch(HALF_WIDTH_IN_CHINESE);
  });
});
