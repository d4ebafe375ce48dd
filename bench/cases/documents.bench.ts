// Official documents in Node (pdfmake's Node build, the bundled fonts from public/fonts):
// - pdf.bulletin300.ms: a year-size 考核结果通报 for 300 units with both 附件 (ranking, problem list), rendered to PDF;
// - docx.50notices.ms: 50 整改通知书 with their 回执 as one Word document.
import { medianMs, type BenchCase } from '../types';
import { buildBulletinPdf, bulletinModelFromRound } from '../../shared/documents/bulletin';
import { demoRound } from '../../shared/documents/demoRound';
import { docxBytes, noticesDocx } from '../../shared/documents/docx/officialDocx';
import { composeNotice, type NoticeRecord } from '../../shared/documents/notice';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from '../../test/shared/documents/pdfNode';

export default {
  title: 'official documents (通报 PDF, Word notices)',
  async run() {
    const year = demoRound({ targets: 300, findingsPerTarget: 2 });
    year.assessments = year.assessments.map((a, i) => ({ ...a, assessment: { ...a.assessment, status: i % 25 === 7 ? 'open' : 'submitted' } }));
    const model = bulletinModelFromRound(year, { number: '盘政办公开〔2024〕9号', issuedAt: '2024-12-20', deadline: '2025-01-20', nameUnits: true });
    const plan = nodeFontPlan();
    const options = { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) };
    let size = 0;
    const first = await renderNode(buildBulletinPdf(model, options), plan);
    // Sanity: 300 ranked-or-listed units and 600 problems in the document.
    if (model.units.length !== 300 || model.problems.length !== 600 || first.length < 50_000) throw new Error('bulletin bench did not build what it should');
    const bulletinMs = await medianMs(async () => {
      size = (await renderNode(buildBulletinPdf(model, options), plan)).length;
    }, 3);

    const round = demoRound({ targets: 50, findingsPerTarget: 3 });
    round.settings = { ...round.settings, copyTo: ['市委办公室'], address: '市府大路1号' };
    const notices: NoticeRecord[] = round.assessments.map((a, i) => {
      const ids = round.findings.filter((f) => f.assessmentId === a.assessment.id).map((f) => f.id);
      const n = composeNotice(round, { id: `b${i}`, assessmentId: a.assessment.id, findingIds: ids, year: 2024, seq: i + 1, issuedAt: '2024-06-10T09:30:00', createdAt: '2024-06-10T01:30:00.000Z', settings: round.settings });
      round.notices.push(n);
      return n;
    });
    const docx = await docxBytes(noticesDocx(round, notices));
    if (docx.length < 10_000) throw new Error('docx bench did not build what it should');
    const docxMs = await medianMs(() => docxBytes(noticesDocx(round, notices)));
    return {
      'pdf.bulletin300.ms': { value: bulletinMs, unit: 'ms' },
      'pdf.bulletin300.bytes': { value: size, unit: 'bytes' },
      'docx.50notices.ms': { value: docxMs, unit: 'ms' },
    };
  },
} satisfies BenchCase;
