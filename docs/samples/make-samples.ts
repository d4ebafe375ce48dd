// Regenerates the document samples in this folder from the demonstration round:
//   npx tsx docs/samples/make-samples.ts            (everything)
//   npx tsx docs/samples/make-samples.ts notices    (the 整改通知书 samples only)
// Needs poppler-utils (pdftoppm) and, for the score-sheet pictures, LibreOffice Calc.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRound } from '../../shared/documents/demoRound';
import { buildBulletinPdf, bulletinModelFromRound } from '../../shared/documents/bulletin';
import { buildNoticesPdf, buildOverprintTestPdf, composeNotice, type NoticeRecord } from '../../shared/documents/notice';
import { buildReportPdf } from '../../shared/documents/report';
import { writeScoreSheet } from '../../shared/documents/scoreSheet';
import type { RoundDocumentData } from '../../shared/documents/types';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from '../../test/shared/documents/pdfNode';

const here = join(process.cwd(), 'docs', 'samples');
const fixtures = join(process.cwd(), 'test', 'shared', 'documents', 'fixtures');
const jpegs = [1, 2].map((i) => new Uint8Array(readFileSync(join(fixtures, `site-photo-${i}.jpg`))));
const plan = nodeFontPlan();
const measured = measuredFactors(plan);
const emTops = measuredEmTops(plan);

function issue(data: RoundDocumentData, unit: number, seq: number, count?: number): NoticeRecord {
  const a = data.assessments[unit].assessment;
  const ids = data.findings.filter((f) => f.assessmentId === a.id).map((f) => f.id).slice(0, count);
  const n = composeNotice(data, { id: `sample-${seq}`, assessmentId: a.id, findingIds: ids, year: 2024, seq, issuedAt: '2024-06-10T09:30:00', createdAt: '2024-06-10T01:30:00.000Z', settings: data.settings });
  data.notices.push(n);
  data.findings = data.findings.map((f) => (ids.includes(f.id) ? { ...f, noticeId: n.id, status: '已下发通知' } : f));
  return n;
}

/** Pages of a PDF as 80 dpi PNGs: name-1.png, name-2.png … (only the pages listed). */
function pictures(pdf: string, name: string, pages: number[]): void {
  for (const p of pages) {
    execFileSync('pdftoppm', ['-r', '80', '-png', '-f', String(p), '-l', String(p), '-singlefile', pdf, join(here, `${name}-${p}`)]);
  }
}

function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
}

/** Every page of a PDF as pictures, removing pictures of pages it no longer has. */
function allPictures(pdf: string, name: string): void {
  const n = pageCount(pdf);
  for (let p = n + 1; existsSync(join(here, `${name}-${p}.png`)); p++) rmSync(join(here, `${name}-${p}.png`));
  pictures(pdf, name, Array.from({ length: n }, (_, i) => i + 1));
}

function save(name: string, bytes: Uint8Array): string {
  const path = join(here, name);
  writeFileSync(path, bytes);
  return path;
}

/** What an office fills in once in 通知书设置. */
function office(data: RoundDocumentData): void {
  data.settings = {
    ...data.settings,
    copyTo: ['市委办公室', '市人大常委会办公室', '市政协办公室'],
    printedBy: '盘锦市人民政府办公室秘书科',
    address: '盘锦市兴隆台区市府大路1号市政府办公室政务公开科',
    fax: '0427-2826115',
    email: 'zwgk@panjin.gov.cn',
  };
}

async function notices() {
  // 信函格式, one finding: one page, then the 回执 (附件) with the 抄送 at its foot.
  const letter = demoRound({ targets: 3, findingsPerTarget: 1 });
  office(letter);
  letter.settings = { ...letter.settings, issuer: '盘锦市政务公开办', headerStyle: 'letter' };
  const one = issue(letter, 0, 3);
  allPictures(save('notice-letter.pdf', await renderNode(buildNoticesPdf(letter, [one], { plan, measured, measuredEmTops: emTops }), plan)), 'notice-letter');

  // 文件格式, several findings, the seal area marked for a draft, the office's own copy with its verification code.
  const file = demoRound({ targets: 2, findingsPerTarget: 3 });
  office(file);
  file.settings = { ...file.settings, headerStyle: 'file', sealPlaceholder: true };
  const many = issue(file, 0, 4);
  allPictures(save('notice-file.pdf', await renderNode(buildNoticesPdf(file, [many], { plan, measured, measuredEmTops: emTops, officeCopy: true }), plan)), 'notice-file');

  // 套印 alignment test page.
  pictures(save('overprint-test.pdf', await renderNode(buildOverprintTestPdf(file.settings, { plan, measuredEmTops: emTops, issuedAt: '2024-06-10T09:30:00' }), plan)), 'overprint-test', [1]);
  // 考核结果通报 for a round of eight units, one assessment still open (listed as 未完成, not ranked).
  const round = demoRound({ targets: 8, findingsPerTarget: 2 });
  office(round);
  round.assessments = round.assessments.map((a, i) => ({ ...a, assessment: { ...a.assessment, status: i === 6 ? 'open' : 'submitted' } }));
  const model = bulletinModelFromRound(round, { number: '盘政办公开〔2024〕5号', issuedAt: '2024-06-20', deadline: '2024-07-20', nameUnits: true });
  const bulletin = save('bulletin.pdf', await renderNode(buildBulletinPdf(model, { plan, measured, measuredEmTops: emTops }), plan));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [bulletin], { encoding: 'utf8' }))![1]);
  pictures(bulletin, 'bulletin', Array.from({ length: pages }, (_, i) => i + 1));
  for (const f of ['notice-letter.pdf', 'notice-file.pdf', 'overprint-test.pdf', 'bulletin.pdf']) console.log(f, `${Math.round(statSync(join(here, f)).size / 1024)} KB`);
}

async function main() {
  await notices();
  if (process.argv[2] === 'notices') return;

  // The round report with photos.
  const round = demoRound({ targets: 3, findingsPerTarget: 2, photos: 6, photoBytes: (i) => ({ jpeg: jpegs[i % 2], width: 800, height: 600 }) });
  issue(round, 0, 6);
  pictures(save('report-round.pdf', await renderNode(buildReportPdf(round), plan)), 'report-round', [1, 2, 3]);

  // The score sheet, and how it prints (LibreOffice Calc renders the workbook's own print setup).
  const sheet = save('score-sheet.xlsx', await writeScoreSheet(round));
  if (existsSync('/usr/bin/soffice')) {
    const out = mkdtempSync(join(tmpdir(), 'zwgk-lo-'));
    try {
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', out, sheet], { stdio: 'ignore', timeout: 120_000 });
      const pdf = join(out, 'score-sheet.pdf');
      copyFileSync(pdf, join(here, 'score-sheet-printed.pdf'));
      pictures(pdf, 'score-sheet-printed', [1, 2]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  } else {
    console.warn('LibreOffice not found: score-sheet pictures not made');
  }
  for (const f of ['report-round.pdf', 'score-sheet.xlsx']) {
    console.log(f, `${Math.round(statSync(join(here, f)).size / 1024)} KB`);
  }
}

await main();
