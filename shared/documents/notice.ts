/**
 * 整改通知书 (rectification notice) after GB/T 9704-2012: A4, margins 37 mm
 * top, 28 mm left, 26 mm right, 35 mm bottom; a 版头 in 文件格式 (red
 * 发文机关标志, 发文字号, red separator line), 信函格式 or 套印 (band left empty for
 * pre-printed 红头纸); title in 2号 小标宋; body in 3号 仿宋 on a 22-line grid of
 * 28 characters, 一、 headings 黑体, （一） headings 楷体; 附件说明, issuer and
 * date (右空四字 under a seal); each 附件 (回执, 问题清单) on a page of its own
 * labelled 附件N; the 版记 (抄送, 印发机关和印发日期 between rules) at the foot of
 * the last even page; page numbers "— 1 —" 7 mm below the body.
 *
 * A notice's content (number, recipient, basis, findings, requirements,
 * deadline, contact, issuer, date) has a SHA-256; the office's own copy prints
 * it with a QR code so a printed copy can be checked against the data.
 */
import { addWorkingDays, createWorkCalendar } from '../calendar/workCalendar';
import type { Finding, Notice } from '../domain/findings';
import type { TargetKind } from '../domain/targets';
import {
  BODY,
  GBT9704,
  MM,
  attachmentLabel,
  balancedTitle,
  headerContent,
  headerGeometry,
  pageNumberFooter,
  recordContent,
  recordHeight,
  signatureContent,
  titleSpace,
  type EmTops,
  type HeaderGeometry,
  type RecordInput,
} from './official/gbt9704';
import { PDF_PRODUCER, headingOrphaned, pdfDate, type PdfContent, type PdfJob, type PdfNode, type PdfNodeInfo } from './pdf';
import { emTops as fontEmTops, fontPlan, lineFactors, type FontPlan, type FontRole } from './pdfFonts';
import { findAssessment, findingSubject } from './roundModel';
import { sha256Hex } from './sha256';
import { noticeQrPayload } from '../trust/noticeSignature';
import { arabicDate, formatDocDate, formatNoticeNumber, level1, level2, level3, safeFileName, type DateStyle } from './text';
import type { HeaderStyle, NoticeSettings, RoundDocumentData } from './types';

export { GBT9704 } from './official/gbt9704';

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

/**
 * How a notice addresses its recipient in the text: 你县 / 你区 / 你市 for a
 * county-level government (by the last character of its place name), 你局 /
 * 你委 / 你办… for a department, else 你单位.
 */
export function addressForm(name: string, kind: TargetKind): string {
  const n = name.trim();
  if (kind === '县区政府') {
    const place = n.replace(/(人民政府|管理委员会|管委会)$/, '');
    const m = /(县|区|市|旗)$/.exec(place);
    if (m) return `你${m[1]}`;
  }
  const m = /(局|委|办|厅|院|中心|所|站|队|处|室)$/.exec(n);
  return m ? `你${m[1]}` : '你单位';
}

function roundPeriod(data: RoundDocumentData, compact = true): string {
  const { startDate, endDate } = data.inspection;
  if (!startDate) return '';
  if (!endDate || endDate === startDate) return `于${arabicDate(startDate)}`;
  if (!compact) return `于${arabicDate(startDate)}至${arabicDate(endDate)}`;
  // 2024年6月3日至7日 / 2024年6月28日至7月2日 (the year, and the month, are not repeated).
  const [a, b] = [arabicDate(startDate), arabicDate(endDate)];
  const sameYear = startDate.slice(0, 4) === endDate.slice(0, 4);
  const sameMonth = sameYear && startDate.slice(0, 7) === endDate.slice(0, 7);
  return `于${a}至${sameMonth ? b.replace(/^\d+年\d+月/, '') : sameYear ? b.replace(/^\d+年/, '') : b}`;
}

/**
 * How the issuer names itself in its own text: 我办 for an 办 or 办公室, 我局,
 * 我委, 我厅, 我中心; any other issuer writes its name.
 */
export function selfForm(issuer: string): string {
  const n = issuer.trim();
  if (/(办公室|办)$/.test(n)) return '我办';
  const m = /(局|委员会|委|厅|中心)$/.exec(n);
  if (m) return `我${m[1] === '委员会' ? '委' : m[1]}`;
  return n;
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
  const you = addressForm(a.assessment.targetName, a.assessment.targetKind);
  const basis = basisText(data, issuer, you, 'current');
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

type BasisWording = 'current' | 'named' | 'first';

/**
 * The sentence that opens a notice. Earlier notices carried other wordings
 * (their hashes cover them): `named` wrote the issuer's full name, the full
 * period and 现通知如下; `first` (the first release) also wrote 你单位.
 */
function basisText(data: RoundDocumentData, issuer: string, you: string, wording: BasisWording): string {
  // Official text uses full-width brackets: 细则(县区政府) → 细则（县区政府）.
  const scheme = data.inspection.scheme.name.replace(/\(/g, '（').replace(/\)/g, '）').replace(/^《|》$/g, '');
  const { title } = data.inspection;
  if (wording === 'current') return `根据《${scheme}》，${selfForm(issuer)}${roundPeriod(data)}开展了${title}。经检查，${you}存在以下问题：`;
  const start = `根据《${scheme}》，${issuer}${roundPeriod(data, false)}组织开展了${title}。`;
  return wording === 'named' ? `${start}经检查，${you}存在以下问题，现通知如下，请认真抓好整改。` : `${start}经检查，你单位存在以下问题，请认真整改。`;
}

/** The text in a notice's QR code: number and content hash, and the issuing laptop's signature when it has one. */
export function noticeQrText(content: NoticeContent, signature?: NoticeRecord['issuerSignature']): string {
  return noticeQrPayload(content.number, noticeContentHash(content), signature);
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
  const content = noticeContent(data, notice);
  const hash = noticeContentHash(content);
  if (hash === notice.contentHash) return { ok: true, hash };
  // Issued with an earlier wording of the basis sentence: the same data still give that hash.
  const a = findAssessment(data, notice.assessmentId);
  const you = addressForm(a.assessment.targetName, a.assessment.targetKind);
  for (const wording of ['named', 'first'] as const) {
    const legacy = noticeContentHash({ ...content, basis: basisText(data, content.issuer, you, wording) });
    if (legacy === notice.contentHash) return { ok: true, hash: legacy };
  }
  return { ok: false, hash };
}

// ---------------------------------------------------------------------------
// Layout

/** More findings than this go to a 问题清单 attachment; the body then lists each area's count. */
export const LIST_AS_ATTACHMENT_ABOVE = 5;

/**
 * Line pitch factors tried, in order, when the closing part would otherwise
 * leave the page the body ends on (GB/T 9704 7.3.5.5: 调整行距、字距).
 */
export const TIGHTENING = [1, 0.95, 0.9, 0.85, 0.8, 0.75] as const;

interface Layout {
  lh: (role: FontRole, size: number) => number;
  /** Body line pitch for this notice (tightened below the standard's when needed). */
  pitch: number;
  em: EmTops;
}

function para(layout: Layout, text: string | PdfContent[], extra: PdfNode = {}): PdfNode {
  return { text, font: 'Body', fontSize: GBT9704.bodySize, lineHeight: layout.lh('Body', GBT9704.bodySize), leadingIndent: GBT9704.bodySize * 2, ...extra };
}

function run(layout: Layout, role: FontRole, text: string): PdfNode {
  return { text, font: role, lineHeight: layout.lh(role, GBT9704.bodySize) };
}

/** A zero-height-ish node whose reported page tells where the flow is (pdfmake skips empty text). */
function marker(id: string, extra: PdfNode = {}): PdfNode {
  return { text: '\u200b', id, fontSize: 0.5, lineHeight: 1, ...extra };
}

/** Where the parts of each notice fell (filled from markers while pdfmake lays the document out). */
interface PageTracker {
  start: Map<number, number>;
  /** Page and y where the content before the closing block ended / the closing block ended. */
  pre: Map<number, number>;
  sig: Map<number, number>;
  /** First page of each attachment. */
  attachments: Map<number, number[]>;
  /** Last content of the notice: page and y. */
  end: Map<number, { page: number; y: number }>;
  /** Page of the 版记, and the blank page before it when there is one. */
  record: Map<number, number>;
  blank: Map<number, number>;
  /** Whether the 版记 found room on the notice's last page. */
  recordRoom: Map<number, boolean>;
}

function newTracker(): PageTracker {
  return { start: new Map(), pre: new Map(), sig: new Map(), attachments: new Map(), end: new Map(), record: new Map(), blank: new Map(), recordRoom: new Map() };
}

export type NoticeAttachment = 'receipt' | 'list';

/** The attachments a notice carries, in order: 回执 (when set), 问题清单 (many findings). */
export function noticeAttachments(c: NoticeContent, settings: NoticeSettings): NoticeAttachment[] {
  const out: NoticeAttachment[] = [];
  if (settings.receipt) out.push('receipt');
  if (countItems(c) > LIST_AS_ATTACHMENT_ABOVE) out.push('list');
  return out;
}

function countItems(c: NoticeContent): number {
  return c.groups.reduce((n, g) => n + g.items.length, 0);
}

function end(t: string): string {
  return /[。！？]$/.test(t) ? t : `${t}。`;
}

/** Where to send things: 地址、传真、电子邮箱 from the settings, in brackets ('' when none is set). */
export function sendChannels(s: Pick<NoticeSettings, 'address' | 'fax' | 'email'>): string {
  const parts = [s.address.trim() && `地址：${s.address.trim()}`, s.fax.trim() && `传真：${s.fax.trim()}`, s.email.trim() && `电子邮箱：${s.email.trim()}`].filter(Boolean);
  return parts.length ? `（${parts.join('；')}）` : '';
}

/** What the 整改台账 lists (said once: in the 回执 when there is one, else in the notice). */
export const LEDGER_CONTENTS = '附整改台账，逐项列明问题、整改措施、责任人、完成时限';

/** A run of text in one face. */
export interface NoticeRun {
  role: 'Body' | 'Hei' | 'Kai';
  text: string;
}
/** A paragraph of the notice's text: two characters in unless `flush`. */
export interface NoticeBlock {
  runs: NoticeRun[];
  flush?: boolean;
  /** 1 for 一、 headings, 2 for （一） headings standing on their own line. */
  headline?: 1 | 2;
}

/**
 * The printed text of a notice, shared by the PDF and the Word copy so both
 * say the same: the body (主送 through the closing paragraph), the 附件说明
 * lines, the 附注 (contact, when there is no 回执 to carry it) and the notes
 * of the 回执.
 */
export const ATTACHMENT_TITLES: Record<NoticeAttachment, string> = { receipt: '整改通知书回执', list: '问题清单' };

export interface NoticeText {
  body: NoticeBlock[];
  /** Index in `body` where the closing part (kept with the signature) starts. */
  closing: number;
  attachmentNote: string[];
  annotation: string | null;
  receiptNotes: string[];
}

export function contactText(c: NoticeContent): string {
  return [c.contactPerson && `联系人：${c.contactPerson}`, c.contactPhone && `联系电话：${c.contactPhone}`].filter(Boolean).join('；');
}

/**
 * The notice's wording. One finding: the problem and its 整改要求 in one
 * paragraph, then the standard clauses (deadline, 整改报告, 回头看) in one more,
 * with no headings. Several: 一、存在的问题及整改要求 with （一） per area (a
 * requirement shared by an area printed once), 二、有关要求. Many (a 问题清单
 * attached): each area's count and its first problem. With a 回执, where to
 * send things, what the 整改台账 lists and whom to contact are printed there,
 * once.
 */
export function noticeText(c: NoticeContent, settings: NoticeSettings, attachments: readonly NoticeAttachment[]): NoticeText {
  const withReceipt = attachments.includes('receipt');
  const asList = attachments.includes('list');
  const self = selfForm(c.issuer);
  const body = (text: string): NoticeBlock => ({ runs: [{ role: 'Body', text }] });
  const out: NoticeBlock[] = [{ runs: [{ role: 'Body', text: c.recipient }], flush: true }];
  const when = (it: NoticeItem) => (c.sameDeadline ? '' : `（${arabicDate(it.deadline)}前完成）`);
  const req = (text: string) => (text ? `整改要求：${end(text.replace(/[；;。]$/, ''))}` : '');
  const period = c.sameDeadline ? `请于${arabicDate(c.deadline)}前完成整改` : `请按上述期限完成整改，最迟于${arabicDate(c.deadline)}前全部完成`;
  const clauses = `${period}，并将整改报告${withReceipt ? '' : `（${LEDGER_CONTENTS}）`}加盖公章后报送${self}${withReceipt ? '' : sendChannels(settings)}。${self}将适时开展“回头看”，对整改不到位的，在下一年度政务公开绩效考核中给予扣分处理。`;
  let closing: number;
  const single = !asList && c.groups.length === 1 && c.groups[0].items.length === 1;
  if (single) {
    const g = c.groups[0];
    const it = g.items[0];
    const r = req(it.requirement);
    // The problem follows the basis in its paragraph: 经检查，你县存在以下问题：政策解读方面，…
    out.push(body(`${c.basis}${g.subject}方面，${end(it.description).replace(/。$/, '')}${when(it)}。${r}`));
    closing = out.length;
    out.push(body(clauses));
  } else {
    out.push(body(c.basis));
    out.push({ runs: [{ role: 'Hei', text: `${level1(1)}${asList ? '存在的问题' : '存在的问题及整改要求'}` }], headline: 1 });
    if (asList) {
      out.push(body(`共发现${countItems(c)}个问题，涉及${c.groups.length}个方面，具体问题、整改要求和完成时限见附件${attachments.indexOf('list') + 1}。主要是：`));
      c.groups.forEach((g, i) => {
        const first = g.items[0].description.replace(/[。；;]$/, '');
        const more = g.items.length > 1 ? `等${g.items.length}个问题` : '';
        out.push({ runs: [{ role: 'Kai', text: `${level2(i + 1)}${g.subject}。` }, { role: 'Body', text: `${first}${more}。` }] });
      });
    } else {
      c.groups.forEach((g, i) => {
        const reqs = new Set(g.items.map((it) => it.requirement));
        const shared = g.items.length > 1 && reqs.size === 1 ? [...reqs][0] : null;
        if (g.items.length === 1) {
          // One problem under the heading: run-in heading, problem and requirement in one paragraph.
          const it = g.items[0];
          const r = req(it.requirement);
          out.push({ runs: [{ role: 'Kai', text: `${level2(i + 1)}${g.subject}。` }, { role: 'Body', text: `${end(it.description)}${r.replace(/。$/, '')}${r ? `${when(it)}。` : when(it)}` }] });
          return;
        }
        out.push({ runs: [{ role: 'Kai', text: `${level2(i + 1)}${g.subject}` }], headline: 2 });
        g.items.forEach((it, j) => {
          const r = shared === null ? req(it.requirement) : '';
          out.push(body(`${level3(j + 1)}${end(it.description).replace(/。$/, '')}${r ? `。${r.replace(/。$/, '')}` : ''}${when(it)}。`));
        });
        if (shared) out.push(body(req(shared)));
      });
    }
    closing = out.length;
    out.push({ runs: [{ role: 'Hei', text: `${level1(2)}有关要求` }], headline: 1 });
    out.push(body(clauses));
  }
  const titles = attachments.map((x) => ATTACHMENT_TITLES[x]);
  const attachmentNote = titles.length === 1 ? [`附件：${titles[0]}`] : titles.map((t, i) => `${i + 1}.${t}`);
  const contact = contactText(c);
  const receiptNotes = withReceipt
    ? [
        `1.请于收到本通知书之日起3个工作日内，将签字盖章后的回执送交${c.issuer}${sendChannels(settings)}。`,
        `2.整改报告请${LEDGER_CONTENTS}，于${arabicDate(c.deadline)}前报送。`,
        ...(contact ? [`3.${contact}。`] : []),
      ]
    : [];
  return { body: out, closing, attachmentNote, annotation: !withReceipt && contact ? `（${contact}）` : null, receiptNotes };
}

/** The paragraphs of the closing part as plain text (after the findings). */
export function requirementParagraphs(c: NoticeContent, settings: NoticeSettings, withReceipt: boolean): string[] {
  const t = noticeText(c, settings, withReceipt ? ['receipt'] : []);
  return t.body.slice(t.closing).filter((b) => !b.headline).map((b) => b.runs.map((r) => r.text).join(''));
}

/** pdfmake paragraphs for text blocks. */
function blocksContent(layout: Layout, blocks: readonly NoticeBlock[]): PdfContent[] {
  return blocks.map((b) => {
    const runs = b.runs.length === 1 && b.runs[0].role === 'Body' ? b.runs[0].text : b.runs.map((r) => run(layout, r.role, r.text));
    const extra: PdfNode = {};
    if (b.flush) extra.leadingIndent = 0;
    if (b.headline) extra.headlineLevel = b.headline;
    return para(layout, runs, extra);
  });
}

/** 附件说明 (7.3.4): after the body, one line down, two characters in; several are numbered and aligned. */
function attachmentNote(layout: Layout, lines: readonly string[]): PdfContent[] {
  if (!lines.length) return [];
  const size = GBT9704.bodySize;
  if (lines.length === 1) return [para(layout, lines[0], { margin: [0, layout.pitch, 0, 0] })];
  return lines.map((t, i) => para(layout, `${i === 0 ? '附件：' : ''}${t}`, { leadingIndent: i === 0 ? size * 2 : size * 5, margin: [0, i === 0 ? layout.pitch : 0, 0, 0] }));
}

/** Where a notice's 版记 goes: at the foot of the notice's last page (when it has room), or after the 附件. */
export type RecordPlace = 'notice' | 'end';

/** How a notice was laid out in the PDF (the Word copy follows it). */
export interface NoticeLayoutPlan {
  /** Index into TIGHTENING. */
  level: number;
  /** The closing block did not fit even tightened: only its last paragraph stays with the signature. */
  split: boolean;
  record: RecordPlace;
  /** Pages of the notice proper (版头 to signature), and a blank page before a 版记 placed after the 附件. */
  bodyPages: number;
  blankBeforeRecord: boolean;
  /** Page breaks before a 版记 placed after the 附件 (0: at the foot of the last 附件's page). */
  recordBreaks: number;
}

interface NoticePlanItem {
  content: NoticeContent;
  you: string;
  attachments: NoticeAttachment[];
  level: number;
  split: boolean;
  record: RecordPlace;
  /** Lowest level at which the signature stayed with the body (while looking for room for the 版记 too). */
  sigFitLevel: number | null;
}

/** The 附件 label: 附件N, preceded by the 发文字号 when the 附件 follows the 版记 (GB/T 9704 8: not bound with the body). */
export function attachmentLabelText(number: string, n: number, afterRecord: boolean): string {
  return `${afterRecord ? number : ''}附件${n}`;
}

function noticeFlow(base: Omit<Layout, 'pitch' | 'lh'>, factors: Record<FontRole, number>, item: NoticePlanItem, k: number, settings: NoticeSettings, header: HeaderGeometry, first: boolean): PdfContent[] {
  const pitch = GBT9704.pitch * TIGHTENING[item.level];
  const layout: Layout = { ...base, pitch, lh: (role, size) => pitch / (factors[role] * size) };
  const std: Layout = { ...base, pitch: GBT9704.pitch, lh: (role, size) => GBT9704.pitch / (factors[role] * size) };
  const c = item.content;
  const { bodySize, titleSize } = GBT9704;
  const text = noticeText(c, settings, item.attachments);
  const out: PdfContent[] = [];
  // Title at its place under the 版头; the em bottom of its last line one line above the 主送.
  out.push({
    text: balancedTitle(c.title),
    font: 'Title',
    fontSize: titleSize,
    alignment: 'center',
    lineHeight: GBT9704.pitch / (factors.Title * titleSize),
    margin: [0, titleSpace(header, base.em), 0, base.em.Title * titleSize + titleSize - GBT9704.pitch + GBT9704.pitch - base.em.Body * bodySize],
    ...(first ? {} : { pageBreak: 'before' }),
  });
  const bodyNodes = blocksContent(layout, text.body);
  // The 主送 line carries the marker (pdfmake does not report nodes that carry a page break).
  (bodyNodes[0] as PdfNode).id = `n${k}-start`;
  out.push(...bodyNodes.slice(0, text.closing));
  out.push(marker(`n${k}-pre`));
  const closing = bodyNodes.slice(text.closing);
  const sig = signatureContent({
    issuer: c.issuer,
    dateText: c.dateText,
    sealed: settings.sealed,
    sealPlaceholder: settings.sealPlaceholder,
    pitch,
    lineHeight: layout.lh('Body', bodySize),
  });
  // 加盖印章: two lines between the text and the issuer so the seal's top is within a line of it; unsealed: one.
  const gap = (settings.sealed ? 2 : 1) * pitch * (item.level >= 3 ? 0.75 : 1);
  sig.margin = [0, gap, 0, 0];
  const tail: PdfContent[] = [...closing.slice(-1), ...attachmentNote(layout, text.attachmentNote), sig];
  // 附注 (GB/T 9704 7.3.7): the line below the date, two characters in, in brackets.
  if (text.annotation) tail.push(para(layout, text.annotation));
  // The signature never stands alone on a page: the closing part goes with it, or (when it cannot fit) its last paragraph.
  const head = closing.slice(0, -1);
  if (item.split) out.push(...head, { unbreakable: true, stack: tail });
  else out.push({ unbreakable: true, stack: [...head, ...tail] });
  out.push(marker(`n${k}-sig`));
  const withNotice = item.record === 'notice';
  // The 版记 at the foot of the notice's last page: checked against the room left there.
  if (withNotice) out.push(marker(`n${k}-rec`));
  item.attachments.forEach((a, i) => {
    const n = item.attachments.length > 1 || a === 'list' ? i + 1 : 1;
    out.push({ ...attachmentLabel(n, std.lh('Hei', bodySize)), text: attachmentLabelText(c.number, n, withNotice), id: `n${k}-att${i}`, pageBreak: 'before' });
    out.push({ ...marker(`n${k}-att${i}-m`) });
    out.push({
      text: ATTACHMENT_TITLES[a],
      font: 'Title',
      fontSize: titleSize,
      alignment: 'center',
      lineHeight: GBT9704.pitch / (factors.Title * titleSize),
      margin: [0, GBT9704.pitch - 0.5 * 1.4, 0, GBT9704.pitch / 2],
    });
    out.push(...(a === 'receipt' ? receipt(std, c, text.receiptNotes) : problemList(std, c)));
  });
  out.push(marker(`n${k}-end`));
  if (!withNotice) {
    // After the 附件 the 版记 goes at the foot of an even page: these break when the notice ends on an odd page or without room for it.
    out.push(marker(`n${k}-vb1`));
    out.push(marker(`n${k}-vb2`));
    out.push(marker(`n${k}-rec`));
  }
  return out;
}

function receipt(layout: Layout, c: NoticeContent, notes: readonly string[]): PdfContent[] {
  const { bodySize } = GBT9704;
  const lh = layout.lh('Body', bodySize);
  const cell = (text: string, extra: PdfNode = {}): PdfNode => ({ text, font: 'Body', fontSize: bodySize, lineHeight: lh, margin: [6, 3, 6, 3], ...extra });
  return [
    {
      table: {
        widths: [110, '*'],
        body: [
          [cell('通知书文号'), cell(c.number)],
          [cell('签收单位'), cell(`${c.recipient.replace(/：$/, '')}（盖章）`)],
          [cell('整改期限'), cell(`${arabicDate(c.deadline)}前`)],
          [cell('签收人'), cell('')],
          [cell('联系电话'), cell('')],
          [cell('签收日期'), cell('年　　月　　日', { alignment: 'right', margin: [6, 3, 60, 3] })],
        ],
      },
      layout: { hLineWidth: () => 0.75, vLineWidth: () => 0.75 },
    },
    ...notes.map((t, i) => para(layout, t, { margin: [0, i === 0 ? GBT9704.pitch / 2 : 0, 0, 0] })),
  ];
}

/** 附件 问题清单: one row per finding with its area, requirement and deadline. */
function problemList(layout: Layout, c: NoticeContent): PdfContent[] {
  const size = 12;
  const cell = (text: string, extra: PdfNode = {}): PdfNode => ({ text, font: 'Body', fontSize: size, lineHeight: 1.25, alignment: 'left', margin: [3, 3, 3, 3], ...extra });
  const head = (text: string): PdfNode => cell(text, { font: 'Hei', alignment: 'center' });
  const rows: PdfNode[][] = [];
  let prevReq = '';
  for (const g of c.groups) {
    for (const it of g.items) {
      const req = it.requirement && it.requirement === prevReq ? '同上' : it.requirement;
      prevReq = it.requirement;
      rows.push([cell(String(it.n), { alignment: 'center' }), cell(g.subject), cell(end(it.description)), cell(req ? end(req) : ''), cell(`${arabicDate(it.deadline)}前`, { alignment: 'center' })]);
    }
  }
  void layout;
  return [
    {
      table: { headerRows: 1, widths: [30, 62, '*', '*', 66], body: [[head('序号'), head('问题类别'), head('存在问题'), head('整改要求'), head('完成时限')], ...rows] },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 },
    },
  ];
}

export interface NoticePdfOptions {
  plan?: FontPlan;
  /** Measured line factors by font file (see fontLineFactor). */
  measured?: Record<string, number>;
  /** Measured em tops by font file (see fontEmTop). */
  measuredEmTops?: Record<string, number>;
  /** The office's own copy: QR code and 内容摘要 hash in the bottom margin (sent copies only when the settings say so). */
  officeCopy?: boolean;
  /**
   * An unnumbered draft (preview only): the 发文字号 reads DRAFT_NUMBER_LABEL,
   * every page carries a diagonal 草稿 mark and there is no QR code, so the
   * print can never pass for an issued notice.
   */
  draft?: boolean;
}

/** What a draft shows in place of the 发文字号. */
export const DRAFT_NUMBER_LABEL = '草稿（未编号，不得印发）';

/**
 * The notice a draft would become, for its preview: numbered with
 * DRAFT_NUMBER_LABEL, no sequence number, no content hash.
 */
export function draftNoticePreview(data: RoundDocumentData, input: Omit<ComposeNoticeInput, 'seq'>): NoticeRecord {
  // Composed with a placeholder sequence (numbers must be positive), then the number is taken off.
  const row = composeNotice(data, { ...input, seq: 1 });
  return { ...row, seq: 0, number: DRAFT_NUMBER_LABEL, contentHash: '' };
}

/** The 发文机关标志 for the settings' 版头. */
export function issuerMark(settings: NoticeSettings, issuer: string, style: HeaderStyle = settings.headerStyle): string {
  const mark = settings.issuerMark.trim();
  if (mark) return mark;
  return style === 'letter' ? issuer : `${issuer}文件`;
}

function recordInput(settings: NoticeSettings, c: NoticeContent): RecordInput {
  return {
    copyTo: settings.copyTo.map((x) => x.trim()).filter(Boolean),
    printedBy: settings.printedBy.trim() || c.issuer,
    printedDate: arabicDate(c.issuedAt),
    letter: settings.headerStyle === 'letter',
  };
}

/** One PDF with a notice (and its attachments and 版记) per notice row, in the order given. */
export function buildNoticesPdf(data: RoundDocumentData, notices: readonly NoticeRecord[], options: NoticePdfOptions = {}): NoticesPdfJob {
  if (notices.length === 0) throw new Error('没有可生成的整改通知书');
  const contents = notices.map((n) => noticeContent(data, n));
  const items: NoticePlanItem[] = contents.map((content, k) => {
    const a = findAssessment(data, notices[k].assessmentId);
    return { content, you: addressForm(a.assessment.targetName, a.assessment.targetKind), attachments: noticeAttachments(content, data.settings), level: 0, split: false, record: 'notice', sigFitLevel: null };
  });
  return noticesJob(data, notices, items, options);
}

/** A notices job: after its layout passes, `plans()` tells how each notice was laid out. */
export interface NoticesPdfJob extends PdfJob {
  plans(): NoticeLayoutPlan[];
}

function noticesJob(data: RoundDocumentData, notices: readonly NoticeRecord[], items: NoticePlanItem[], options: NoticePdfOptions): NoticesPdfJob {
  const settings = data.settings;
  const plan = options.plan ?? fontPlan();
  const factors = lineFactors(plan, options.measured);
  const em = fontEmTops(plan, options.measuredEmTops);
  const style = settings.headerStyle;
  const off = style === 'overprint' ? { x: settings.overprintOffsetMm.x * MM, y: settings.overprintOffsetMm.y * MM } : { x: 0, y: 0 };
  const contents = items.map((i) => i.content);
  const headers = contents.map((c) => headerGeometry(style, issuerMark(settings, c.issuer), off));
  const records = contents.map((c) => recordInput(settings, c));
  const tracker = newTracker();
  const content: PdfContent[] = items.flatMap((it, k) => noticeFlow({ em }, factors, it, k, settings, headers[k], k === 0));
  const verify = !options.draft && (options.officeCopy ?? settings.verifyOnSentCopies);
  // The signature covers the stored number and hash: it is printed only while the data still give that hash.
  const qrTexts = contents.map((c, k) => noticeQrText(c, notices[k].contentHash === noticeContentHash(c) ? notices[k].issuerSignature : null));
  const hashes = contents.map(noticeContentHash);
  const [left, top, right, bottom] = GBT9704.margins;

  const noticeOf = (page: number): number => {
    let k = -1;
    for (const [i, s] of tracker.start) if (s <= page && (k < 0 || s >= (tracker.start.get(k) ?? 0))) k = i;
    return k;
  };
  const lastPage = (k: number, pageCount: number) => (tracker.start.get(k + 1) ?? pageCount + 1) - 1;

  const footer = (page: number, pageCount: number): PdfContent | null => {
    const k = noticeOf(page);
    if (k < 0) return null;
    const start = tracker.start.get(k)!;
    const rel = page - start + 1;
    const last = lastPage(k, pageCount);
    const recordOnly = tracker.blank.get(k) === page || (tracker.record.get(k) === page && (tracker.end.get(k)?.page ?? 0) < page);
    // One page in all, the blank page and a page with only the 版记, and a 信函's first page carry no number (7.5, 10.1).
    const numbered = last > start && !recordOnly && !(style === 'letter' && rel === 1);
    const out: PdfContent[] = [];
    if (numbered) out.push(pageNumberFooter(rel, em, off.x));
    const bodyEnd = tracker.sig.get(k);
    if (verify && page === bodyEnd) {
      const odd = rel % 2 === 1;
      out.push({
        columns: [
          { qr: qrTexts[k], fit: 52, eccLevel: 'M', width: 56 },
          {
            width: 'auto',
            stack: [
              { text: '扫码核验（留存）', font: 'Sans', fontSize: 7.5, bold: true },
              { text: contents[k].number, font: 'Sans', fontSize: 7.5 },
              { text: `内容摘要 ${hashes[k].slice(0, 16)}`, font: 'Sans', fontSize: 7, color: '#444444' },
            ],
            margin: [4, 12, 0, 0],
          },
        ],
        // Opposite the page number: left on odd pages, right on even ones.
        absolutePosition: { x: odd ? left : BODY.right - 190, y: 22 },
      });
    }
    return out.length ? out : null;
  };

  const background = (page: number): PdfContent | null => {
    const out: PdfContent[] = [];
    for (const [k, s] of tracker.start) if (s === page) out.push(...headerContent(headers[k], contents[k].number, em, off));
    for (const [k, p] of tracker.record) if (p === page) out.push(...recordContent(records[k], em, off));
    return out.length ? out : null;
  };

  const first = contents[0];
  const title = options.draft ? `${first.title}（${DRAFT_NUMBER_LABEL}）` : contents.length === 1 ? `${first.title}（${first.number}）` : `${first.title}（${contents.length}份）`;
  const when = pdfDate(notices.map((n) => n.createdAt).sort()[notices.length - 1]);
  const job: NoticesPdfJob = {
    doc: {
      pageSize: 'A4',
      pageMargins: [left + off.x, top + off.y, right - off.x, bottom - off.y],
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
      background,
      ...(options.draft ? { watermark: { text: '草稿', font: 'Hei', fontSize: 150, color: '#c00000', opacity: 0.22, angle: -45 } } : {}),
      pageBreakBefore: (node: PdfNodeInfo) => {
        const id = node.id;
        if (id) {
          const m = /^n(\d+)-(start|pre|sig|end|vb1|vb2|rec|att(\d+)-m)$/.exec(id);
          if (m) {
            const k = Number(m[1]);
            const page = node.pageNumbers[0];
            const y = node.startPosition?.top ?? 0;
            const rel = page - (tracker.start.get(k) ?? page) + 1;
            switch (m[2]) {
              case 'start':
                tracker.start.set(k, page);
                break;
              case 'pre':
                tracker.pre.set(k, page);
                break;
              case 'sig':
                tracker.sig.set(k, page);
                break;
              case 'end':
                tracker.end.set(k, { page, y });
                break;
              case 'vb1': {
                // 信函格式 without 抄送 has no 版记 at all.
                if (recordHeight(records[k]) === 0) return false;
                const e = tracker.end.get(k)!;
                const erel = e.page - (tracker.start.get(k) ?? e.page) + 1;
                const room = e.y + GBT9704.pitch <= BODY.bottom + off.y - recordHeight(records[k]) - 4;
                // Odd last page: the 版记 goes on the next (even) page; even without room: a blank page, then the 版记.
                return erel % 2 === 1 || !room;
              }
              case 'vb2': {
                const e = tracker.end.get(k)!;
                const erel = e.page - (tracker.start.get(k) ?? e.page) + 1;
                if (erel % 2 === 0 && page > e.page) {
                  tracker.blank.set(k, page);
                  return true;
                }
                return false;
              }
              case 'rec':
                if (items[k].record === 'notice') {
                  // Right after the signature: the 版记 fits below it, half a line clear, or it goes after the 附件.
                  const room = y + GBT9704.pitch / 2 <= BODY.bottom + off.y - recordHeight(records[k]) && page === tracker.sig.get(k);
                  tracker.recordRoom.set(k, room);
                  if (!room) break;
                }
                if (recordHeight(records[k]) > 0) tracker.record.set(k, page);
                break;
              default: {
                const list = tracker.attachments.get(k) ?? [];
                list[Number(m[3])] = page;
                tracker.attachments.set(k, list);
              }
            }
            void rel;
          }
        }
        // A heading needs at least one line of its paragraph under it on the same page.
        return headingOrphaned(node, BODY.bottom + off.y, GBT9704.pitch * 2);
      },
      language: 'zh-CN',
    },
    files: {},
    fontRoles: ['Title', 'Body', 'Hei', 'Kai', 'Sans', 'Song'],
    layoutPasses: 2,
    refine: () => {
      // Keep the closing part on the page the body ends on by tightening the line pitch (7.3.5.5), and the
      // 版记 with it when a little more tightening makes room; else the 版记 goes after the 附件.
      let changed = false;
      const next = items.map((it, k): NoticePlanItem => {
        const pre = tracker.pre.get(k);
        const sig = tracker.sig.get(k);
        if (pre === undefined || sig === undefined) return it;
        const sigOk = it.split || sig === pre;
        const recordOk = it.record !== 'notice' || tracker.recordRoom.get(k) === true;
        if (sigOk && recordOk) return it;
        changed = true;
        if (it.split) return { ...it, record: 'end' };
        const sigFitLevel = sigOk && it.sigFitLevel === null ? it.level : it.sigFitLevel;
        if (it.level < TIGHTENING.length - 1) return { ...it, level: it.level + 1, sigFitLevel };
        if (sigFitLevel !== null) return { ...it, record: 'end', level: sigFitLevel, sigFitLevel };
        // Even tightened the closing part leaves the body's page: its last paragraph goes with the signature.
        return { ...it, level: 0, split: true };
      });
      return changed ? noticesJob(data, notices, next, options) : null;
    },
    plans: () =>
      items.map((it, k) => {
        const start = tracker.start.get(k) ?? 1;
        return {
          level: it.level,
          split: it.split,
          record: it.record,
          bodyPages: (tracker.sig.get(k) ?? start) - start + 1,
          blankBeforeRecord: tracker.blank.has(k),
          recordBreaks: it.record === 'end' ? Math.max(0, (tracker.record.get(k) ?? 0) - (tracker.end.get(k)?.page ?? 0)) : 0,
        };
      }),
  };
  return job;
}

export function noticeFileName(data: RoundDocumentData, notices: readonly NoticeRecord[], extension = 'pdf'): string {
  if (notices.length === 1 && notices[0].number === DRAFT_NUMBER_LABEL) {
    return safeFileName(`整改通知书草稿（未编号）_${findAssessment(data, notices[0].assessmentId).assessment.targetName}`, extension);
  }
  if (notices.length === 1) {
    const a = findAssessment(data, notices[0].assessmentId);
    return safeFileName(`整改通知书_${notices[0].number}_${a.assessment.targetName}`, extension);
  }
  return safeFileName(`${data.inspection.title}整改通知书（${notices.length}份）`, extension);
}

/**
 * 套印 alignment test page: printed on plain paper and laid over a sheet of
 * 红头纸 against the light, it shows where this printer puts the 发文机关标志's
 * top, the 发文字号, the red line and the body, with millimetre marks, so the
 * office can enter the correction in the settings.
 */
export function buildOverprintTestPdf(settings: NoticeSettings, options: { plan?: FontPlan; measuredEmTops?: Record<string, number>; issuedAt: string }): PdfJob {
  const plan = options.plan ?? fontPlan();
  const em = fontEmTops(plan, options.measuredEmTops);
  const off = { x: settings.overprintOffsetMm.x * MM, y: settings.overprintOffsetMm.y * MM };
  const issuer = settings.issuer.trim() || '发文机关';
  const g = headerGeometry('file', issuerMark(settings, issuer, 'file'), off);
  const number = settings.numberPrefix.trim() ? formatNoticeNumber(settings.numberPrefix, Number(options.issuedAt.slice(0, 4)), 1) : '〔年份〕序号';
  const grey = '#808080';
  const lines: PdfNode[] = [];
  const dash = { length: 3, space: 2 };
  const L = BODY.left + off.x;
  const R = BODY.right + off.x;
  const T = BODY.top + off.y;
  const B = BODY.bottom + off.y;
  // 版心 frame, the 标志's top, the red line, and the 版头 band.
  lines.push({ type: 'rect', x: L, y: T, w: BODY.width, h: B - T, lineColor: grey, lineWidth: 0.5, dash });
  lines.push({ type: 'line', x1: L, y1: g.markTop, x2: R, y2: g.markTop, lineColor: '#000000', lineWidth: 0.5, dash });
  lines.push({ type: 'line', x1: L, y1: g.rules[0].y, x2: R, y2: g.rules[0].y, lineColor: '#000000', lineWidth: 0.5 });
  // Crosses at the corners of the body, 10 mm arms.
  for (const [x, y] of [[L, T], [R, T], [L, B], [R, B]]) {
    lines.push({ type: 'line', x1: x - 10 * MM, y1: y, x2: x + 10 * MM, y2: y, lineColor: '#000000', lineWidth: 0.5 });
    lines.push({ type: 'line', x1: x, y1: y - 10 * MM, x2: x, y2: y + 10 * MM, lineColor: '#000000', lineWidth: 0.5 });
  }
  // A millimetre ruler down the left edge of the band (every 1 mm, long marks every 5 mm).
  for (let mm = 0; mm <= 80; mm++) {
    const y = T + mm * MM;
    const len = mm % 10 === 0 ? 6 * MM : mm % 5 === 0 ? 4 * MM : 2 * MM;
    lines.push({ type: 'line', x1: L - 14 * MM, y1: y, x2: L - 14 * MM + len, y2: y, lineColor: '#000000', lineWidth: 0.3 });
  }
  const label = (text: string, y: number, x = L): PdfNode => ({ text, font: 'Body', fontSize: 9, lineHeight: 1, absolutePosition: { x, y: y - 10 } });
  const texts: PdfContent[] = [
    label(`发文机关标志上边缘（版心上边缘下35mm，距纸张上边缘${(37 + 35 + settings.overprintOffsetMm.y).toFixed(1)}mm）`, g.markTop),
    label(`红色分隔线（距纸张上边缘${((g.rules[0].y - off.y) / MM + settings.overprintOffsetMm.y).toFixed(1)}mm）`, g.rules[0].y),
    label('版心左上角', T + 14, L + 4),
    ...[0, 10, 20, 30, 40, 50, 60, 70, 80].map((mm) => ({ text: String(mm), font: 'Body', fontSize: 7, lineHeight: 1, absolutePosition: { x: L - 21 * MM, y: T + mm * MM - 3.5 } })),
    ...headerContent({ ...g, style: 'overprint' }, number, em, off),
  ];
  const content: PdfContent[] = [
    {
      text: '套印对齐测试页',
      font: 'Title',
      fontSize: GBT9704.titleSize,
      alignment: 'center',
      margin: [0, g.titleTop - T + GBT9704.pitch, 0, GBT9704.pitch],
    },
    ...[
      '1. 用白纸打印本页（打印设置选“实际大小”，不要“适合页面”），与一张红头纸叠放，对着光查看。',
      '2. 红头纸上发文机关标志的上边缘应与虚线重合，红色分隔线应与实线重合，发文字号应在分隔线上方4mm处。',
      '3. 如有偏差，用左侧毫米刻度量出偏差，在“整改通知书设置 → 套印偏移”中填写（向右、向下为正），再打印本页核对。',
      `当前套印偏移：向右${settings.overprintOffsetMm.x}mm，向下${settings.overprintOffsetMm.y}mm。`,
    ].map((t) => ({ text: t, font: 'Body', fontSize: GBT9704.bodySize, lineHeight: GBT9704.pitch / GBT9704.bodySize / 1.0, margin: [0, 0, 0, 0] })),
  ];
  const when = pdfDate(options.issuedAt.length === 10 ? `${options.issuedAt}T00:00:00` : options.issuedAt);
  return {
    doc: {
      pageSize: 'A4',
      pageMargins: [...GBT9704.margins],
      content,
      defaultStyle: { font: 'Body', fontSize: GBT9704.bodySize },
      info: { title: '套印对齐测试页', author: issuer, creator: PDF_PRODUCER, producer: PDF_PRODUCER, creationDate: when, modDate: when },
      background: () => [{ canvas: lines, absolutePosition: { x: 0, y: 0 } }, ...texts],
      language: 'zh-CN',
    },
    files: {},
    fontRoles: ['Title', 'Body'],
  };
}
