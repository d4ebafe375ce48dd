// Word copies: opened by LibreOffice here (soffice --headless --convert-to pdf), compared with the PDF.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBulletinPdf, bulletinModelFromRound } from '../../../shared/documents/bulletin';
import { demoRound } from '../../../shared/documents/demoRound';
import { DOCX_FACES, bulletinDocx, docxBytes, noticesDocx } from '../../../shared/documents/docx/officialDocx';
import { buildNoticesPdf, composeNotice } from '../../../shared/documents/notice';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from './pdfNode';
import { pdfCompactText, pdfInfo, pdfPagePixels, redRows } from './poppler';

const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));

function round(): RoundDocumentData {
  const data = demoRound({ targets: 3, findingsPerTarget: 3 });
  data.settings = { ...data.settings, headerStyle: 'file', copyTo: ['市委办公室'], address: '市府大路1号', fax: '0427-2826115', email: 'zwgk@panjin.gov.cn' };
  data.assessments = data.assessments.map((a) => ({ ...a, assessment: { ...a.assessment, status: 'submitted' } }));
  return data;
}

function issue(data: RoundDocumentData) {
  const a = data.assessments[0].assessment;
  const ids = data.findings.filter((f) => f.assessmentId === a.id).map((f) => f.id);
  const n = composeNotice(data, { id: 'n1', assessmentId: a.id, findingIds: ids, year: 2024, seq: 3, issuedAt: '2024-06-10T09:30:00', createdAt: '2024-06-10T01:30:00.000Z', settings: data.settings });
  data.notices.push(n);
  return n;
}

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)['word/document.xml']);
}

function toPdf(bytes: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-docx-'));
  try {
    writeFileSync(join(dir, 'doc.docx'), bytes);
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], { stdio: 'ignore', timeout: 180_000 });
    return new Uint8Array(readFileSync(join(dir, 'doc.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Word copy of a notice', () => {
  let data: RoundDocumentData;
  let bytes: Uint8Array;
  let xml: string;

  beforeAll(async () => {
    data = round();
    const n = issue(data);
    bytes = await docxBytes(noticesDocx(data, [n]));
    xml = documentXml(bytes);
  });

  it('names the official faces, the red 版头 and the GB/T 9704 page in the document', () => {
    expect(xml).toContain(`w:eastAsia="${DOCX_FACES.body}"`);
    expect(xml).toContain(`w:eastAsia="${DOCX_FACES.kai}"`);
    expect(xml).toContain(`w:eastAsia="${DOCX_FACES.title}"`);
    expect(xml).toContain('w:color w:val="FF0000"');
    // A4, margins 37/28/26/35 mm in twips, exact 28.95 pt lines.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"/);
    expect(xml).toMatch(/w:left="1587"/);
    expect(xml).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(xml).toContain('盘政办公开改〔2024〕3号');
    expect(xml).toContain('附件1');
  });

  it.skipIf(!SOFFICE)('opens in LibreOffice with the same pages, the red 版头 and the body text as the PDF', async () => {
    const fromWord = toPdf(bytes);
    const plan = nodeFontPlan();
    const pdf = await renderNode(buildNoticesPdf(data, data.notices, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) }), plan);
    // The same pages of body and 附件; Word has no "foot of the last even page", so its 版记 follows the last 附件
    // in the flow and may take one page more.
    const [word, ours] = [Number(pdfInfo(fromWord).Pages), Number(pdfInfo(pdf).Pages)];
    expect(word - ours).toBeGreaterThanOrEqual(0);
    expect(word - ours).toBeLessThanOrEqual(1);
    const red = redRows(pdfPagePixels(fromWord, 1, 72));
    expect(red.length).toBeGreaterThan(10);
    const text = pdfCompactText(fromWord);
    for (const s of ['政务公开工作整改通知书', '一、存在的问题及整改要求', '二、有关要求', '附件1', '整改通知书回执', '2024年6月10日印发']) expect(text).toContain(s);
  }, 240_000);
});

describe('Word copy of a 考核结果通报', () => {
  it.skipIf(!SOFFICE)('opens in LibreOffice with the 版头, the three parts and both 附件', async () => {
    const data = round();
    const model = bulletinModelFromRound(data, { number: '盘政办公开〔2024〕5号', issuedAt: '2024-06-20', deadline: '2024-07-20' });
    const bytes = await docxBytes(bulletinDocx(model));
    const fromWord = toPdf(bytes);
    const text = pdfCompactText(fromWord);
    for (const s of ['盘政办公开〔2024〕5号', '一、总体情况', '二、主要问题', '三、下一步工作要求', '附件1', '考核得分及排名情况', '附件2', '问题清单']) expect(text).toContain(s);
    expect(redRows(pdfPagePixels(fromWord, 1, 72)).length).toBeGreaterThan(10);
    const plan = nodeFontPlan();
    const pdf = await renderNode(buildBulletinPdf(model, { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) }), plan);
    // Same number of pages give or take two (Word's table rows break differently; the 版记 follows in the flow).
    expect(Math.abs(Number(pdfInfo(fromWord).Pages) - Number(pdfInfo(pdf).Pages))).toBeLessThanOrEqual(2);
  }, 240_000);
});
