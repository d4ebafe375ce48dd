// An unnumbered draft printed by mistake must not pass for an issued notice.
import { describe, expect, it } from 'vitest';
import { demoRound } from '../../../shared/documents/demoRound';
import { DRAFT_NUMBER_LABEL, buildNoticesPdf, composeNotice, draftNoticePreview, noticeFileName } from '../../../shared/documents/notice';
import { measuredEmTops, measuredFactors, nodeFontPlan, renderNode } from './pdfNode';
import { pdfCompactText } from './poppler';

const ISSUED = '2024-06-10T09:30:00';
const CREATED = '2024-06-10T01:30:00.000Z';

describe('整改通知书草稿 PDF', () => {
  it('shows 草稿（未编号，不得印发） in place of the 发文字号, a 草稿 mark on the page, and no number or QR code', async () => {
    const data = demoRound({ targets: 2, findingsPerTarget: 2 });
    data.settings = { ...data.settings, issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', verifyOnSentCopies: true };
    const a = data.assessments[0].assessment;
    const ids = data.findings.filter((f) => f.assessmentId === a.id).map((f) => f.id);
    const input = { id: 'draft-1', assessmentId: a.id, findingIds: ids, year: 2024, issuedAt: ISSUED, createdAt: CREATED, settings: data.settings };
    const draft = draftNoticePreview(data, input);
    expect(draft.number).toBe(DRAFT_NUMBER_LABEL);
    const plan = nodeFontPlan();
    const opts = { plan, measured: measuredFactors(plan), measuredEmTops: measuredEmTops(plan) };

    const text = pdfCompactText(await renderNode(buildNoticesPdf(data, [draft], { ...opts, draft: true }), plan));
    expect(text).toContain(DRAFT_NUMBER_LABEL);
    // The diagonal mark is text on the page besides the label.
    expect(text.split('草稿').length - 1).toBeGreaterThanOrEqual(2);
    expect(text).not.toMatch(/〔2024〕\d+号/);
    expect(text).not.toContain('扫码核验');
    expect(text).toContain(a.targetName);
    expect(noticeFileName(data, [draft])).toBe(`整改通知书草稿（未编号）_${a.targetName}.pdf`);

    // The same findings issued for real carry their number and no 草稿.
    const issued = composeNotice(data, { ...input, id: 'n-1', seq: 7 });
    data.notices.push(issued);
    const real = pdfCompactText(await renderNode(buildNoticesPdf(data, [issued], opts), plan));
    expect(real).toContain('盘政办公开改〔2024〕7号');
    expect(real).not.toContain('草稿');
  }, 120_000);
});
