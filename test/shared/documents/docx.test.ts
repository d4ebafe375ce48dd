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
import pdfMake from 'pdfmake';
import { buildNoticesPdf, composeNotice } from '../../../shared/documents/notice';
import { ensureFonts, layoutPdf, type PdfMakeLike } from '../../../shared/documents/pdf';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { FONTS_DIR, measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from './pdfNode';
import { pdfCompactText, pdfInfo, pdfPagePixels, pdfPageTexts, redRows } from './poppler';

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

/**
 * LibreOffice's rendering of a .docx. The faces the document names (仿宋_GB2312, 楷体_GB2312, 方正小标宋简体, 黑体)
 * are what an office has installed; here fontconfig maps them to the bundled faces the PDF uses, so the comparison
 * is of the layout, not of this machine's fallback fonts.
 */
function toPdf(bytes: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-docx-'));
  const alias = (from: string, to: string, bold = false) =>
    `<match target="pattern"><test name="family"><string>${from}</string></test><edit name="family" mode="assign" binding="strong"><string>${to}</string></edit>${bold ? '<edit name="weight" mode="assign"><const>bold</const></edit>' : ''}</match>`;
  writeFileSync(
    join(dir, 'fonts.conf'),
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${FONTS_DIR}</dir><cachedir>${dir}/fc</cachedir>` +
      alias('仿宋_GB2312', 'FandolFang') + alias('楷体_GB2312', 'FandolKai') + alias('方正小标宋简体', 'Noto Serif SC', true) + alias('黑体', 'Noto Sans SC', true) + alias('宋体', 'Noto Serif SC') +
      '</fontconfig>',
  );
  try {
    writeFileSync(join(dir, 'doc.docx'), bytes);
    execFileSync(SOFFICE!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'doc.docx')], {
      stdio: 'ignore',
      timeout: 180_000,
      env: { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') },
    });
    return new Uint8Array(readFileSync(join(dir, 'doc.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SHORT = [
  ['pj24c.interpretation', '政策解读晚于文件发布8日', '文件印发后5日内发布解读'],
  ['pj24c.interpretation', '解读材料未在政务新媒体发布', '同步在政务新媒体发布'],
  ['pj24c.catalogue', '目录缺少公开时限要素', '补齐目录要素'],
  ['pj24c.catalogue', '目录未按统一标准编制', '补齐目录要素'],
];

/** A notice of `count` brief findings, its PDF (laid out and rendered) and its Word copy made from the PDF's layout. */
async function noticePair(headerStyle: 'file' | 'letter', count: number) {
  const data = demoRound({ targets: 3, findingsPerTarget: count });
  data.settings = { ...data.settings, issuer: '市政务公开办', headerStyle, copyTo: ['市委办公室', '市人大常委会办公室'], address: '盘锦市兴隆台区市府大路1号', fax: '0427-2826115', email: 'zwgk@panjin.gov.cn' };
  const unit = data.assessments[0].assessment.id;
  let i = 0;
  data.findings = data.findings.map((f) => {
    if (f.assessmentId !== unit) return f;
    const [indicatorId, description, requirement] = SHORT[i % 4];
    return { ...f, indicatorId, checklistItemId: null, description: `${description}${i++ >= 4 ? '（复查）' : ''}`, requirement };
  });
  const ids = data.findings.filter((f) => f.assessmentId === unit).map((f) => f.id);
  const n = composeNotice(data, { id: 'n1', assessmentId: unit, findingIds: ids, year: 2024, seq: 3, issuedAt: '2024-06-10T09:30:00', createdAt: '2024-06-10T01:30:00.000Z', settings: data.settings });
  data.notices.push(n);
  const plan = nodeFontPlan();
  const job = buildNoticesPdf(data, [n], { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) });
  const pdf = await renderNode(job, plan);
  const engine = pdfMake as unknown as PdfMakeLike;
  await ensureFonts(engine, plan, job.fontRoles, async (file) => readFileSync(join(FONTS_DIR, file)));
  const plans = (await layoutPdf(engine, job, plan)).plans();
  return { pdf, plans, word: toPdf(await docxBytes(noticesDocx(data, [n], plans))) };
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

  it.skipIf(!SOFFICE)('opens in LibreOffice with the red 版头 and the body text', () => {
    const fromWord = toPdf(bytes);
    const red = redRows(pdfPagePixels(fromWord, 1, 72));
    expect(red.length).toBeGreaterThan(10);
    const text = pdfCompactText(fromWord);
    for (const s of ['政务公开工作整改通知书', '一、存在的问题及整改要求', '二、有关要求', '附件1', '整改通知书回执', '2024年6月10日印发']) expect(text).toContain(s);
  }, 240_000);

  it.skipIf(!SOFFICE)('has the PDF\'s pages for 1, 3 and 10 findings in 文件格式 and 信函格式: signature, 版记 and 附件 on the same pages', async () => {
    const pageOf = (pages: string[], s: string | RegExp) => pages.findIndex((p) => (typeof s === 'string' ? p.includes(s) : s.test(p)));
    for (const style of ['file', 'letter'] as const) {
      for (const count of [1, 3, 10]) {
        const { pdf, word, plans } = await noticePair(style, count);
        const what = `${style} ${count}: ${JSON.stringify(plans[0])}`;
        expect(Number(pdfInfo(word).Pages), what).toBe(Number(pdfInfo(pdf).Pages));
        const [a, b] = [pdfPageTexts(pdf), pdfPageTexts(word)].map((x) => x.map((p) => p.replace(/\s+/g, '')));
        for (const s of ['市政务公开办2024年6月10日', '抄送：', '附件1整改通知书回执', /附件2问题清单序号/]) expect(pageOf(b, s), `${what} ${String(s)}`).toBe(pageOf(a, s));
        if (style === 'letter') {
          // 信函格式: the red double lines at the foot of the first page, 20 mm above the bottom edge.
          const foot = redRows(pdfPagePixels(word, 1, 72)).filter((r) => r.y > 700 && r.x2 - r.x1 > 400);
          expect(foot.length, what).toBeGreaterThan(0);
          expect(Math.abs(foot[foot.length - 1].y - (841.89 - 20 * 72 / 25.4)), what).toBeLessThan(3 * 72 / 25.4);
        }
      }
    }
  }, 600_000);
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
