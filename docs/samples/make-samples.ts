// Regenerates the document samples in this folder from the demonstration round:
//   npx tsx docs/samples/make-samples.ts
// Needs poppler-utils (pdftoppm) and, for the score-sheet pictures, LibreOffice Calc.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRound } from '../../shared/documents/demoRound';
import { buildNoticesPdf, composeNotice, type NoticeRecord } from '../../shared/documents/notice';
import { buildReportPdf } from '../../shared/documents/report';
import { writeScoreSheet } from '../../shared/documents/scoreSheet';
import type { RoundDocumentData } from '../../shared/documents/types';
import { measuredFactors, nodeFontPlan, renderNode } from '../../test/shared/documents/pdfNode';

const here = join(process.cwd(), 'docs', 'samples');
const fixtures = join(process.cwd(), 'test', 'shared', 'documents', 'fixtures');
const jpegs = [1, 2].map((i) => new Uint8Array(readFileSync(join(fixtures, `site-photo-${i}.jpg`))));
const plan = nodeFontPlan();
const measured = measuredFactors(plan);

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

function save(name: string, bytes: Uint8Array): string {
  const path = join(here, name);
  writeFileSync(path, bytes);
  return path;
}

async function main() {
  // A one-page notice: one finding, short office name.
  const short = demoRound({ targets: 3, findingsPerTarget: 1 });
  short.settings = { ...short.settings, issuer: '盘锦市政务公开办', receipt: false };
  const one = issue(short, 0, 3);
  pictures(save('notice-one-page.pdf', await renderNode(buildNoticesPdf(short, [one], { plan, measured }), plan)), 'notice-one-page', [1]);

  // A batch: a long notice (two pages), a short one, each with its 回执; the seal area marked for a draft.
  const batch = demoRound({ targets: 2, findingsPerTarget: 4 });
  batch.settings = { ...batch.settings, sealPlaceholder: true };
  const notices = [issue(batch, 0, 4), issue(batch, 1, 5, 1)];
  pictures(save('notice-batch.pdf', await renderNode(buildNoticesPdf(batch, notices, { plan, measured }), plan)), 'notice-batch', [1, 2, 3]);

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
  for (const f of ['notice-one-page.pdf', 'notice-batch.pdf', 'report-round.pdf', 'score-sheet.xlsx']) {
    console.log(f, `${Math.round(statSync(join(here, f)).size / 1024)} KB`);
  }
}

await main();
