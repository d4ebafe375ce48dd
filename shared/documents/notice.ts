/**
 * 整改通知书 (rectification notice), laid out after GB/T 9704-2012: A4, margins
 * 37 mm top, 28 mm left, 26 mm right, 35 mm bottom; title in 2号 (22 pt)
 * 小标宋-style serif; body in 3号 (15.75 pt, 28 characters a line) 仿宋-style
 * text on a fixed 22-line grid; first-level headings 黑体, second-level 楷体;
 * issuer and date right-aligned above the seal area; page numbers "— 1 —"
 * (odd pages right, even pages left) when a notice runs over one page.
 *
 * A notice's content (number, recipient, basis, findings, requirements,
 * deadline, contact, issuer, date) has a SHA-256 printed in its QR code with
 * the number, so a printed copy can be checked against the data.
 */
import { addWorkingDays, createWorkCalendar } from '../calendar/workCalendar';
import type { Finding, Notice } from '../domain/findings';
import { A4_HEIGHT, PDF_PRODUCER, headingOrphaned, pdfDate, type PdfContent, type PdfJob, type PdfNode, type PdfNodeInfo } from './pdf';
import { fontPlan, lineFactors, type FontPlan, type FontRole } from './pdfFonts';
import { findAssessment, findingSubject } from './roundModel';
import { sha256Hex } from './sha256';
import { arabicDate, formatDocDate, formatNoticeNumber, level1, level2, level3, safeFileName, type DateStyle } from './text';
import type { NoticeSettings, RoundDocumentData } from './types';

/** GB/T 9704-2012 page geometry in points. */
export const GBT9704 = {
  /** [left, top, right, bottom]: 28, 37, 26, 35 mm. */
  margins: [79.4, 104.9, 73.7, 99.2] as [number, number, number, number],
  titleSize: 22,
  bodySize: 15.75,
  /** 22 lines in the 225 mm body height. */
  pitch: 28.95,
  charsPerLine: 28,
  /** Page number: 4号 (14 pt), 7 mm below the body. */
  pageNumberSize: 14,
} as const;

export const DEFAULT_NOTICE_TITLE = '政务公开工作整改通知书';

/** Fields a notice row may carry beyond the domain type, so a later change of settings never alters an issued notice. */
export interface NoticeExtras {
  title?: string;
  contactPerson?: string;
  contactPhone?: string;
  dateStyle?: DateStyle;
}
export type NoticeRecord = Notice & NoticeExtras;

export interface NoticeItem {
  /** 1-based number across the notice. */
  n: number;
  description: string;
  requirement: string;
  deadline: string;
}

/** Everything printed on a notice, in order; its canonical JSON is what the content hash covers. */
export interface NoticeContent {
  number: string;
  title: string;
  recipient: string;
  basis: string;
  groups: { subject: string; items: NoticeItem[] }[];
  /** The latest deadline (ISO date). */
  deadline: string;
  /** All findings share the deadline: one sentence instead of one per item. */
  sameDeadline: boolean;
  issuer: string;
  issuedAt: string;
  dateText: string;
  contactPerson: string;
  contactPhone: string;
}

function roundPeriod(data: RoundDocumentData): string {
  const { startDate, endDate } = data.inspection;
  if (!startDate) return '';
  if (!endDate || endDate === startDate) return `于${arabicDate(startDate)}`;
  return `于${arabicDate(startDate)}至${arabicDate(endDate)}`;
}

function noticeFindings(data: RoundDocumentData, assessmentId: string, findingIds: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const id of findingIds) {
    const f = data.findings.find((x) => x.id === id);
    if (!f) throw new Error('通知书所列问题已被删除，无法生成');
    if (f.assessmentId !== assessmentId) throw new Error('通知书所列问题不属于该单位');
    out.push(f);
  }
  return out;
}

/** The content of a notice from the round's data and the notice row. */
export function noticeContent(data: RoundDocumentData, notice: NoticeRecord): NoticeContent {
  const a = findAssessment(data, notice.assessmentId);
  const findings = noticeFindings(data, notice.assessmentId, notice.findingIds);
  if (findings.length === 0) throw new Error('通知书没有列入任何问题');
  const groups: NoticeContent['groups'] = [];
  let n = 0;
  for (const f of findings) {
    const subject = findingSubject(data, f);
    let g = groups.find((x) => x.subject === subject);
    if (!g) groups.push((g = { subject, items: [] }));
    g.items.push({ n: 0, description: f.description.trim(), requirement: f.requirement.trim(), deadline: f.deadline || notice.deadline });
  }
  for (const g of groups) for (const it of g.items) it.n = ++n;
  // n runs across the notice (the order findings are listed); the print numbers items within their heading.
  const deadlines = new Set(groups.flatMap((g) => g.items.map((i) => i.deadline)));
  const issuer = notice.issuer;
  // Official text uses full-width brackets: 细则(县区政府) → 细则（县区政府）.
  const schemeName = data.inspection.scheme.name.replace(/\(/g, '（').replace(/\)/g, '）');
  const basis = `根据《${schemeName.replace(/^《|》$/g, '')}》，${issuer}${roundPeriod(data)}组织开展了${data.inspection.title}。经检查，你单位存在以下问题，请认真整改。`;
  return {
    number: notice.number,
    title: notice.title ?? DEFAULT_NOTICE_TITLE,
    recipient: `${a.assessment.targetName}：`,
    basis,
    groups,
    deadline: notice.deadline,
    sameDeadline: deadlines.size === 1 && deadlines.has(notice.deadline),
    issuer,
    issuedAt: notice.issuedAt.slice(0, 10),
    dateText: formatDocDate(notice.issuedAt, notice.dateStyle ?? data.settings.dateStyle),
    contactPerson: notice.contactPerson ?? data.settings.contactPerson,
    contactPhone: notice.contactPhone ?? data.settings.contactPhone,
  };
}

/** SHA-256 (hex) of the content's canonical JSON. */
export function noticeContentHash(content: NoticeContent): string {
  return sha256Hex(JSON.stringify(content));
}

/** The text in a notice's QR code: number and content hash. */
export function noticeQrText(content: NoticeContent): string {
  return `整改通知书|${content.number}|SHA-256:${noticeContentHash(content)}`;
}

export interface ComposeNoticeInput {
  id: string;
  assessmentId: string;
  findingIds: string[];
  year: number;
  seq: number;
  /** Office-local date-time of issue (YYYY-MM-DDTHH:mm:ss); its date is the notice's 成文日期. */
  issuedAt: string;
  /** ISO time the record is created (the PDF's creation date). */
  createdAt: string;
  settings: NoticeSettings;
  title?: string;
}

/** Checks the settings a notice needs; returns the problems in Chinese (empty when fine). */
export function noticeSettingsProblems(s: NoticeSettings): string[] {
  const out: string[] = [];
  if (!s.issuer.trim()) out.push('请先在“通知书设置”中填写发文机关');
  if (!s.numberPrefix.trim()) out.push('请先在“通知书设置”中填写文号前缀（机关代字）');
  else if (/[〔〕[\]]/.test(s.numberPrefix)) out.push('文号前缀不应包含括号，年份和序号会自动加上');
  return out;
}

/**
 * A new notice row (number, deadline, content hash) for findings of one
 * assessment. Pure and synchronous, so it can run inside the transaction
 * that allocates the sequence number.
 */
export function composeNotice(data: RoundDocumentData, input: ComposeNoticeInput): NoticeRecord {
  const problems = noticeSettingsProblems(input.settings);
  if (problems.length) throw new Error(problems.join('；'));
  if (input.findingIds.length === 0) throw new Error('请至少选择一个问题');
  const a = findAssessment(data, input.assessmentId);
  const findings = noticeFindings(data, input.assessmentId, input.findingIds);
  const issuedDate = input.issuedAt.slice(0, 10);
  const withDeadline = findings.map((f) => f.deadline).filter(Boolean).sort();
  const deadline = withDeadline.length
    ? withDeadline[withDeadline.length - 1]
    : addWorkingDays(issuedDate, input.settings.defaultDeadlineDays, createWorkCalendar());
  const row: NoticeRecord = {
    id: input.id,
    inspectionId: data.inspection.id,
    assessmentId: input.assessmentId,
    targetId: a.assessment.targetId,
    year: input.year,
    seq: input.seq,
    number: formatNoticeNumber(input.settings.numberPrefix, input.year, input.seq),
    issuer: input.settings.issuer.trim(),
    issuedAt: input.issuedAt,
    deadline,
    findingIds: [...input.findingIds],
    contentHash: '',
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    title: input.title?.trim() || DEFAULT_NOTICE_TITLE,
    contactPerson: input.settings.contactPerson.trim(),
    contactPhone: input.settings.contactPhone.trim(),
    dateStyle: input.settings.dateStyle,
  };
  row.contentHash = noticeContentHash(noticeContent(data, row));
  return row;
}

/** Whether the data still give the content that was issued (the hash in the QR code). */
export function verifyNotice(data: RoundDocumentData, notice: NoticeRecord): { ok: boolean; hash: string } {
  const hash = noticeContentHash(noticeContent(data, notice));
  return { ok: hash === notice.contentHash, hash };
}

// ---------------------------------------------------------------------------
// Layout

interface Layout {
  lh: (role: FontRole, size: number) => number;
}

const INDENT = GBT9704.bodySize * 2;

function para(layout: Layout, text: string | PdfContent[], extra: PdfNode = {}): PdfNode {
  return { text, font: 'Body', fontSize: GBT9704.bodySize, lineHeight: layout.lh('Body', GBT9704.bodySize), leadingIndent: INDENT, ...extra };
}

function run(layout: Layout, role: FontRole, text: string): PdfNode {
  return { text, font: role, lineHeight: layout.lh(role, GBT9704.bodySize) };
}

/**
 * On which page each notice and its receipt start (filled during pdfmake's
 * first layout pass from marker nodes at the top level: pdfmake reports wrong
 * pages for nodes inside unbreakable blocks that moved to the next page).
 */
interface PageTracker {
  start: Map<number, number>;
  receipt: Map<number, number>;
}

function noticeBody(layout: Layout, c: NoticeContent, k: number, settings: NoticeSettings, first: boolean): PdfContent[] {
  const out: PdfContent[] = [];
  const { bodySize, titleSize, pitch } = GBT9704;
  out.push({
    text: c.title,
    font: 'Title',
    fontSize: titleSize,
    alignment: 'center',
    lineHeight: layout.lh('Title', titleSize),
    ...(first ? {} : { pageBreak: 'before' }),
  });
  // The number line carries the marker (pdfmake skips nodes with a page break when reporting pages).
  out.push({ text: c.number, id: `n${k}-start`, font: 'Body', fontSize: bodySize, alignment: 'center', lineHeight: layout.lh('Body', bodySize), margin: [0, 0, 0, pitch] });
  out.push(para(layout, c.recipient, { leadingIndent: 0 }));
  out.push(para(layout, c.basis));
  const end = (t: string) => (/[。！？]$/.test(t) ? t : `${t}。`);
  const item = (it: NoticeItem) => {
    const req = it.requirement ? `整改要求：${end(it.requirement.replace(/[；;]$/, ''))}` : '';
    const when = c.sameDeadline ? '' : `（${arabicDate(it.deadline)}前完成）`;
    return `${end(it.description)}${req.replace(/。$/, '')}${req ? `${when}。` : when}`;
  };
  out.push(para(layout, [run(layout, 'Hei', `${level1(1)}存在的问题及整改要求`)], { headlineLevel: 1 }));
  c.groups.forEach((g, i) => {
    if (g.items.length === 1) {
      // One problem under the heading: run-in heading, problem and requirement in one paragraph.
      out.push(para(layout, [run(layout, 'Kai', `${level2(i + 1)}${g.subject}。`), item(g.items[0])]));
      return;
    }
    out.push(para(layout, [run(layout, 'Kai', `${level2(i + 1)}${g.subject}`)], { headlineLevel: 2 }));
    g.items.forEach((it, j) => out.push(para(layout, `${level3(j + 1)}${item(it)}`)));
  });
  // 二、 stays with the closing paragraph and the signature (one unbreakable block below).
  out.push(para(layout, [run(layout, 'Hei', `${level1(2)}有关要求`)]));
  const period = c.sameDeadline ? `请于${arabicDate(c.deadline)}前完成整改` : `请按上述期限完成整改，最迟于${arabicDate(c.deadline)}前`;
  out.push(
    para(
      layout,
      `${period}，并将整改情况报告（附整改前后对比材料）书面报送${c.issuer}。${c.issuer}将适时对整改情况进行“回头看”，对整改不到位的，在下一年度政务公开绩效考核中给予扣分处理。`,
    ),
  );
  // The signature never stands alone on a page: it keeps the last heading and paragraph with it.
  const last = out.pop() as PdfContent;
  const heading = out.pop() as PdfContent;
  const block: PdfContent[] = [heading, last, signature(layout, c, settings)];
  if (c.contactPerson || c.contactPhone) {
    // 附注 (GB/T 9704 7.3.7): one line below the date, two characters in, in brackets.
    const parts = [c.contactPerson && `联系人：${c.contactPerson}`, c.contactPhone && `联系电话：${c.contactPhone}`].filter(Boolean);
    block.push(para(layout, `（${parts.join('；')}）`));
  }
  out.push({ unbreakable: true, stack: block });
  if (settings.receipt) out.push(...receipt(layout, c, k));
  return out;
}

function textWidth(s: string, size: number): number {
  // Full-width CJK advance; digits and Latin letters are about half.
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? size * 0.55 : size;
  return w;
}

/**
 * Issuer and date: the date right-aligned 4 characters in, the issuer centred
 * above it (GB/T 9704 7.3.5.1); a line and a half above, so the seal (42 mm)
 * pressing on issuer and date reaches to within one line of the body.
 */
function signature(layout: Layout, c: NoticeContent, settings: NoticeSettings): PdfNode {
  const { bodySize, pitch } = GBT9704;
  const lh = layout.lh('Body', bodySize);
  const issuerW = textWidth(c.issuer, bodySize);
  const dateW = textWidth(c.dateText, bodySize);
  const longIssuer = issuerW > dateW;
  const blockW = Math.max(issuerW, dateW) + 2;
  const right = longIssuer ? bodySize * 2 : bodySize * 4;
  // A 42 mm dashed circle centred on the signature, for drafts (GB/T 9704: the seal presses on issuer and date).
  const seal: PdfContent[] = settings.sealPlaceholder
    ? [{ canvas: [{ type: 'ellipse', x: blockW / 2, y: pitch * 0.7, r1: 59.5, r2: 59.5, lineColor: '#c00000', lineWidth: 0.75, dash: { length: 4, space: 3 } }], relativePosition: { x: 0, y: 0 } }]
    : [];
  return {
    margin: [0, pitch * 1.5, 0, 0],
    columns: [
      { width: '*', text: '' },
      {
        width: blockW,
        stack: [
          ...seal,
          { text: c.issuer, font: 'Body', fontSize: bodySize, alignment: 'center', lineHeight: lh },
          { text: c.dateText, font: 'Body', fontSize: bodySize, alignment: 'center', lineHeight: lh },
        ],
      },
      { width: right, text: '' },
    ],
  };
}

function receipt(layout: Layout, c: NoticeContent, k: number): PdfContent[] {
  const { bodySize, titleSize } = GBT9704;
  const lh = layout.lh('Body', bodySize);
  const cell = (text: string, extra: PdfNode = {}): PdfNode => ({ text, font: 'Body', fontSize: bodySize, lineHeight: lh, margin: [6, 10, 6, 10], ...extra });
  return [
    { text: '整改通知书回执', pageBreak: 'before', font: 'Title', fontSize: titleSize, alignment: 'center', lineHeight: layout.lh('Title', titleSize), margin: [0, 0, 0, GBT9704.pitch] },
    {
      id: `n${k}-receipt`,
      table: {
        widths: [110, '*'],
        body: [
          [cell('通知书文号'), cell(c.number)],
          [cell('被通知单位'), cell(c.recipient.replace(/：$/, ''))],
          [cell('整改期限'), cell(`${arabicDate(c.deadline)}前`)],
          [cell('签收人'), cell('')],
          [cell('签收日期'), cell('年　　月　　日', { alignment: 'right', margin: [6, 10, 60, 10] })],
          [cell('联系电话'), cell('')],
          [cell('备注'), cell('\n\n')],
        ],
      },
      layout: { hLineWidth: () => 0.75, vLineWidth: () => 0.75 },
    },
    para(layout, `请于收到本通知书之日起3个工作日内，由签收人签字并加盖单位公章后，将本回执送交${c.issuer}。`, { margin: [0, GBT9704.pitch, 0, 0] }),
    { columns: [{ width: '*', text: '' }, { width: 200, text: '（单位盖章）', font: 'Body', fontSize: bodySize, alignment: 'center', margin: [0, GBT9704.pitch * 2, 0, 0] }] },
  ];
}

export interface NoticePdfOptions {
  plan?: FontPlan;
  /** Measured line factors by font file (see fontLineFactor). */
  measured?: Record<string, number>;
}

/** One PDF with a notice (and its receipt) per notice row, in the order given. */
export function buildNoticesPdf(data: RoundDocumentData, notices: readonly NoticeRecord[], options: NoticePdfOptions = {}): PdfJob {
  if (notices.length === 0) throw new Error('没有可生成的整改通知书');
  const plan = options.plan ?? fontPlan();
  const factors = lineFactors(plan, options.measured);
  const layout: Layout = { lh: (role, size) => GBT9704.pitch / (factors[role] * size) };
  const contents = notices.map((n) => noticeContent(data, n));
  const tracker: PageTracker = { start: new Map(), receipt: new Map() };
  const content: PdfContent[] = contents.flatMap((c, k) => noticeBody(layout, c, k, data.settings, k === 0));
  const qrTexts = contents.map(noticeQrText);
  const hashes = contents.map(noticeContentHash);

  /** First and last page of notice k (its receipt excluded). */
  const span = (k: number, pageCount: number): [number, number] | null => {
    const start = tracker.start.get(k);
    if (start === undefined) return null;
    const end = tracker.receipt.get(k) ?? tracker.start.get(k + 1) ?? pageCount + 1;
    return [start, end - 1];
  };

  const [left, , right] = GBT9704.margins;
  const footer = (page: number, pageCount: number): PdfContent | null => {
    let k = -1;
    let start = 0;
    let end = 0;
    for (let i = 0; i < contents.length; i++) {
      const s = span(i, pageCount);
      if (s && s[0] <= page && page <= s[1]) [k, start, end] = [i, s[0], s[1]];
    }
    if (k < 0) return null;
    const rel = page - start + 1;
    const numbered = end > start;
    const odd = rel % 2 === 1;
    // 7 mm below the body; single-page notices carry no page number (GB/T 9704 7.5).
    const pageNo: PdfNode = numbered
      ? { text: `— ${rel} —`, font: 'Body', fontSize: GBT9704.pageNumberSize, alignment: odd ? 'right' : 'left', margin: [0, 19.8, 0, 0] }
      : { text: '' };
    const qr: PdfNode | null =
      page === end
        ? {
            columns: [
              { qr: qrTexts[k], fit: 52, eccLevel: 'M', width: 56 },
              {
                width: '*',
                stack: [
                  { text: '扫码核验', font: 'Sans', fontSize: 7.5, bold: true },
                  { text: contents[k].number, font: 'Sans', fontSize: 7.5 },
                  { text: `内容摘要 ${hashes[k].slice(0, 16)}`, font: 'Sans', fontSize: 7, color: '#444444' },
                ],
                margin: [4, 10, 0, 0],
              },
            ],
            margin: [0, 8, 0, 0],
          }
        : null;
    if (!numbered && !qr) return null;
    const qrCol: PdfNode = { width: 200, stack: qr ? [qr] : [{ text: '' }] };
    const noCol: PdfNode = { width: '*', stack: [pageNo] };
    // Odd pages: number right, code left; even pages the other way round.
    return { columns: odd ? [qrCol, noCol] : [noCol, { ...qrCol, stack: qr ? [qr] : [{ text: '' }] }], margin: odd ? [left, 0, right + GBT9704.bodySize, 0] : [left + GBT9704.bodySize, 0, right, 0] };
  };

  const first = contents[0];
  const title = contents.length === 1 ? `${first.title}（${first.number}）` : `${first.title}（${contents.length}份）`;
  const when = pdfDate(notices.map((n) => n.createdAt).sort()[notices.length - 1]);
  return {
    doc: {
      pageSize: 'A4',
      pageMargins: [...GBT9704.margins],
      content,
      defaultStyle: { font: 'Body', fontSize: GBT9704.bodySize },
      info: {
        title,
        author: first.issuer,
        subject: data.inspection.title,
        keywords: contents.map((c) => c.number).join(' '),
        creator: PDF_PRODUCER,
        producer: PDF_PRODUCER,
        creationDate: when,
        modDate: when,
      },
      footer,
      pageBreakBefore: (node: PdfNodeInfo) => {
        const id = node.id;
        if (id) {
          const m = /^n(\d+)-(start|receipt)$/.exec(id);
          if (m) (m[2] === 'start' ? tracker.start : tracker.receipt).set(Number(m[1]), node.pageNumbers[0]);
        }
        // A heading needs at least one line of its paragraph under it on the same page.
        return headingOrphaned(node, A4_HEIGHT - GBT9704.margins[3], GBT9704.pitch * 2);
      },
      language: 'zh-CN',
    },
    files: {},
    fontRoles: ['Title', 'Body', 'Hei', 'Kai', 'Sans'],
    layoutPasses: 2,
  };
}

export function noticeFileName(data: RoundDocumentData, notices: readonly NoticeRecord[]): string {
  if (notices.length === 1) {
    const a = findAssessment(data, notices[0].assessmentId);
    return safeFileName(`整改通知书_${notices[0].number}_${a.assessment.targetName}`, 'pdf');
  }
  return safeFileName(`${data.inspection.title}整改通知书（${notices.length}份）`, 'pdf');
}
