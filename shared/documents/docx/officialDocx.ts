/**
 * Word copies (.docx) of the 整改通知书 (with its 回执) and the 考核结果通报, in
 * the layout of the PDFs, for offices that edit in WPS or Word before 印发:
 * A4 with the GB/T 9704 margins, a 22-line grid (exact 28.95 pt line pitch, 3号
 * = 16 half-points… 15.75 pt rounds to 16 pt in Word), faces named
 * 仿宋_GB2312 / 楷体_GB2312 / 黑体 / 方正小标宋简体 (Word and WPS substitute an
 * installed face when one is missing; the font table names the common
 * alternatives), the red 版头 and rules, page numbers "— N —" right on odd and
 * left on even pages, and the 版记 after the last 附件.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  FrameAnchorType,
  FrameWrap,
  Header,
  HorizontalPositionAlign,
  LineRuleType,
  VerticalPositionAlign,
  type ISectionOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { bulletinRanking, scoreExplanation, type BulletinModel } from '../bulletin';
import {
  ATTACHMENT_TITLES,
  TIGHTENING,
  attachmentLabelText,
  issuerMark,
  noticeAttachments,
  noticeContent,
  noticeText,
  sendChannels,
  type NoticeBlock,
  type NoticeLayoutPlan,
  type NoticeRecord,
} from '../notice';
import { OFFICIAL_RED_HEX, textWidth } from '../official/gbt9704';
import { arabicDate, level1, level2 } from '../text';
import type { NoticeSettings, RoundDocumentData } from '../types';

/** Face names as offices have them installed (Windows / 方正), Word's names. */
export const DOCX_FACES = { body: '仿宋_GB2312', kai: '楷体_GB2312', hei: '黑体', title: '方正小标宋简体', number: '宋体' } as const;

const TWIP_PER_MM = 1440 / 25.4;
const twip = (mm: number) => Math.round(mm * TWIP_PER_MM);
/** 28.95 pt in twentieths of a point. */
const PITCH = 579;
/** 3号 = 16 pt (Word's size for 三号), in half-points. */
const BODY = 32;
const TITLE = 44;
const SMALL = 28;
const RED = OFFICIAL_RED_HEX.slice(1);
const CHAR = 320; // one 3号 character in twips

/**
 * 28 characters of 3号 (16 pt) in the 156 mm line: each character 0.4 pt
 * closer (GB/T 9704 7.3.5.5 allows 字距 adjustment), which also leaves the
 * room word processors take when they keep words and closing punctuation
 * together at a line end.
 */
const BODY_SPACING = -5;

function run(text: string, face: string, size = BODY, extra: Record<string, unknown> = {}): TextRun {
  return new TextRun({ text, font: { ascii: face, eastAsia: face, hAnsi: face }, size, ...(size === BODY ? { characterSpacing: BODY_SPACING } : {}), ...extra });
}

function p(children: TextRun[], extra: IParagraphOptions = {}, pitch = PITCH): Paragraph {
  // No extra space between Chinese and Latin text (as in the PDF, where 2024年 is set solid).
  return new Paragraph({ spacing: { line: pitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, autoSpaceEastAsianText: false, children, ...extra });
}

/** A body paragraph: two characters in, wrapping flush left. */
function body(text: string | TextRun[], extra: IParagraphOptions = {}, pitch = PITCH): Paragraph {
  return p(typeof text === 'string' ? [run(text, DOCX_FACES.body)] : text, { indent: { firstLine: 2 * CHAR }, ...extra }, pitch);
}

function empty(lines = 1, pitch = PITCH): Paragraph[] {
  return Array.from({ length: lines }, () => p([run('', DOCX_FACES.body)], {}, pitch));
}

const FACE_OF: Record<NoticeBlock['runs'][number]['role'], string> = { Body: DOCX_FACES.body, Hei: DOCX_FACES.hei, Kai: DOCX_FACES.kai };

/** The notice's text blocks (shared with the PDF) as Word paragraphs. */
function blocks(list: readonly NoticeBlock[], pitch: number): Paragraph[] {
  return list.map((b) => {
    const runs = b.runs.map((r) => run(r.text, FACE_OF[r.role]));
    return b.flush ? p(runs, {}, pitch) : body(runs, { keepNext: b.headline !== undefined }, pitch);
  });
}

function markSizeOf(mark: string, style: 'file' | 'letter' | 'overprint'): number {
  return Math.min(style === 'letter' ? 60 : 84, Math.floor((156 * 2.835 * 2) / Math.max(1, [...mark].length)));
}

/**
 * 版头, 文件格式 (or 套印: the band left empty but the 文号 in place): 标志 35 mm
 * below the body top, 文号 two lines under it, the red line 4 mm under the 文号,
 * the title two lines under the line.
 */
function header(settings: NoticeSettings, issuer: string, number: string, letterAllowed: boolean, breakBefore = false): Paragraph[] {
  const style = settings.headerStyle === 'letter' && !letterAllowed ? 'file' : settings.headerStyle;
  const mark = issuerMark(settings, issuer, style);
  const markSize = markSizeOf(mark, style);
  if (style === 'letter') return [...letterHeadFlow(number, breakBefore)];
  const out: Paragraph[] = [];
  out.push(
    new Paragraph({
      pageBreakBefore: breakBefore,
      alignment: AlignmentType.CENTER,
      spacing: { before: twip(35), after: 0, line: markSize * 10, lineRule: LineRuleType.EXACT },
      children: [run(style === 'overprint' ? '' : mark, DOCX_FACES.title, markSize, { color: RED })],
    }),
  );
  out.push(...empty(2));
  out.push(
    p([run(number, DOCX_FACES.body)], {
      alignment: AlignmentType.CENTER,
      border: style === 'overprint' ? undefined : { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
    }, BODY * 10),
  );
  // Two lines to the title's em box (the title line's own leading is taken off).
  out.push(...empty(1), ...empty(1, PITCH - 100));
  return out;
}

/**
 * 信函格式 (10.1): the issuer in red 30 mm from the top edge and the double red
 * lines (上粗下细) under it go in the first page's header, which starts above
 * the body; the flow starts with the 文号 at the right.
 */
function letterHead(settings: NoticeSettings, issuer: string): Header {
  const mark = issuerMark(settings, issuer, 'letter');
  const size = markSizeOf(mark, 'letter');
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        // The header starts 15 mm from the top edge: 15 mm more puts the 标志 at 30 mm.
        spacing: { before: twip(15), after: 0, line: size * 10, lineRule: LineRuleType.EXACT },
        indent: { left: -twip(7), right: -twip(7) },
        border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 11 } },
        children: [run(mark, DOCX_FACES.title, size, { color: RED })],
      }),
    ],
  });
}

function letterHeadFlow(number: string, breakBefore: boolean): Paragraph[] {
  return [p([run(number, DOCX_FACES.body)], { pageBreakBefore: breakBefore, alignment: AlignmentType.RIGHT, spacing: { before: 80, line: BODY * 10, lineRule: LineRuleType.EXACT } }), ...empty(1), ...empty(1, PITCH - 100)];
}

/** 信函格式: the double red line (上细下粗) 20 mm above the bottom edge, in the first page's footer. */
function letterFoot(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        indent: { left: -twip(7), right: -twip(7) },
        spacing: { before: 0, after: 0, line: 200, lineRule: LineRuleType.EXACT },
        border: { bottom: { style: BorderStyle.THIN_THICK_SMALL_GAP, size: 24, color: RED, space: 1 } },
        children: [run('', DOCX_FACES.body, 8)],
      }),
    ],
  });
}

function title(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: PITCH, lineRule: LineRuleType.EXACT, after: PITCH }, children: [run(text, DOCX_FACES.title, TITLE)] });
}

/** Issuer and date: sealed 右空四字 with the issuer centred over the date; unsealed 右空二字. */
function signature(issuer: string, dateText: string, sealed: boolean, pitch = PITCH, gap = (sealed ? 2 : 1) * PITCH): Paragraph[] {
  const iw = (textWidth(issuer, 1) * CHAR) | 0;
  const dw = (textWidth(dateText, 1) * CHAR) | 0;
  const dateRight = sealed ? 4 * CHAR : 2 * CHAR;
  const issuerRight = sealed ? dateRight + Math.round((dw - iw) / 2) : Math.max(2 * CHAR, dateRight + dw + 2 * CHAR - iw);
  return [
    p([run('', DOCX_FACES.body)], { keepNext: true }, Math.round(gap)),
    p([run(issuer, DOCX_FACES.body)], { alignment: AlignmentType.RIGHT, indent: { right: Math.max(0, issuerRight) }, keepNext: true }, pitch),
    p([run(dateText, DOCX_FACES.body)], { alignment: AlignmentType.RIGHT, indent: { right: dateRight } }, pitch),
  ];
}

function attachmentLabel(n: number, text = `附件${n}`): Paragraph {
  return p([run(text, DOCX_FACES.hei)], { pageBreakBefore: true });
}

function cell(text: string, opts: { bold?: boolean; width?: number; center?: boolean; size?: number } = {}): TableCell {
  return new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    children: [new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, opts.bold ? DOCX_FACES.hei : DOCX_FACES.body, opts.size ?? 24)] })],
  });
}

function table(widths: number[], rows: string[][], headerRow = true, size = 24): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map((r, i) => new TableRow({ tableHeader: headerRow && i === 0, children: r.map((t, j) => cell(t, { bold: headerRow && i === 0, width: widths[j], center: headerRow && i === 0, size })) })),
  });
}

/**
 * 版记 (7.4): thick rule, 抄送, thin rule, 印发机关和印发日期, thick rule (4号),
 * in a frame at the foot of the body of the page it is anchored on
 * (信函格式: the 抄送 alone, no rules).
 */
function record(settings: NoticeSettings, issuer: string, issuedAt: string, letter = false): Paragraph[] {
  const copy = settings.copyTo.map((x) => x.trim()).filter(Boolean);
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
  const frame = {
    type: 'alignment' as const,
    alignment: { x: HorizontalPositionAlign.LEFT, y: VerticalPositionAlign.BOTTOM },
    width: twip(156),
    anchor: { horizontal: FrameAnchorType.MARGIN, vertical: FrameAnchorType.MARGIN },
    wrap: FrameWrap.NOT_BESIDE,
  };
  const out: Paragraph[] = [];
  if (copy.length) {
    out.push(p([run(`抄送：${copy.join('，')}。`, DOCX_FACES.body, SMALL)], { frame, indent: { left: 280, right: 280, hanging: 0 }, border: letter ? undefined : { top: thick, bottom: thin } }));
  }
  // A frame sits on the page of the paragraph after it: a 1 pt line keeps that on this page.
  const anchor = p([], {}, 20);
  if (letter) return [...out, anchor];
  out.push(
    p([run(settings.printedBy.trim() || issuer, DOCX_FACES.body, SMALL), new TextRun({ text: '\t', size: SMALL }), run(`${arabicDate(issuedAt)}印发`, DOCX_FACES.body, SMALL)], {
      frame,
      indent: { left: 280, right: 280 },
      tabStops: [{ type: 'right', position: twip(156) - 560 }],
      border: copy.length ? { bottom: thick } : { top: thick, bottom: thick },
    }),
  );
  return [...out, anchor];
}

function pageNumber(align: (typeof AlignmentType)[keyof typeof AlignmentType], indent: IParagraphOptions['indent']): Paragraph {
  return new Paragraph({
    alignment: align,
    indent,
    children: [run('— ', DOCX_FACES.number, SMALL), new TextRun({ children: [PageNumber.CURRENT], size: SMALL, font: DOCX_FACES.number }), run(' —', DOCX_FACES.number, SMALL)],
  });
}

function footers() {
  const num = (align: (typeof AlignmentType)[keyof typeof AlignmentType], indent: IParagraphOptions['indent']) => new Footer({ children: [pageNumber(align, indent)] });
  return { default: num(AlignmentType.RIGHT, { right: 280 }), even: num(AlignmentType.LEFT, { left: 280 }) };
}

const PAGE_PROPERTIES = {
  page: { size: { width: 11906, height: 16838 }, margin: { top: twip(37), left: twip(28), right: twip(26), bottom: twip(35), footer: twip(35 - 7 - 6), header: twip(15) } },
  // 22 lines come from the exact 28.95 pt line spacing of every paragraph (a line grid would snap tightened
  // lines and the 版头 back onto it), 28 characters from the runs' spacing; the pitch is recorded for Word.
  grid: { type: DocumentGridType.DEFAULT, linePitch: PITCH },
};

function officialDocument(title: string, author: string, children: (Paragraph | Table)[]): Document {
  return officialSections(title, author, [{ properties: PAGE_PROPERTIES, footers: footers(), children }]);
}

function officialSections(title: string, author: string, sections: ISectionOptions[]): Document {
  return new Document({
    creator: author,
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: DOCX_FACES.body, eastAsia: DOCX_FACES.body, hAnsi: DOCX_FACES.body }, size: BODY } } } },
    sections,
  });
}

/**
 * The notices (and their 附件) as one Word document, one section per notice
 * (page numbers start again at 1). `plans` are the PDF's layout decisions
 * (buildNoticesPdf(...).plans() after layoutPdf): the tightened line pitch and
 * where the 版记 goes, so the Word copy has the PDF's pages. Without them, the
 * standard pitch and the 版记 with the notice.
 */
export function noticesDocx(data: RoundDocumentData, notices: readonly NoticeRecord[], plans?: readonly NoticeLayoutPlan[]): Document {
  if (!notices.length) throw new Error('没有可生成的整改通知书');
  const settings = data.settings;
  const letter = settings.headerStyle === 'letter';
  const sections: ISectionOptions[] = notices.map((n, k) => {
    const plan = plans?.[k] ?? { level: 0, split: false, record: 'notice', bodyPages: 1, blankBeforeRecord: false, recordBreaks: 0 };
    const c = noticeContent(data, n);
    const atts = noticeAttachments(c, settings);
    const text = noticeText(c, settings, atts);
    // A tightened notice is one the PDF only just fitted: Word sets a little space between Chinese and Latin
    // text (LibreOffice too), so it gets a further 5 % to keep the same pages.
    const pitch = Math.round(PITCH * (TIGHTENING[plan.level] - (plan.level > 0 ? 0.05 : 0)));
    const children: (Paragraph | Table)[] = [];
    children.push(...header(settings, c.issuer, c.number, true));
    children.push(title(c.title));
    children.push(...blocks(text.body, pitch));
    if (text.attachmentNote.length) {
      children.push(...empty(1, pitch));
      text.attachmentNote.forEach((t, i) => children.push(body(`${text.attachmentNote.length > 1 ? (i === 0 ? '附件：' : '　　　') : ''}${t}`, {}, pitch)));
    }
    children.push(...signature(c.issuer, c.dateText, settings.sealed, pitch, (settings.sealed ? 2 : 1) * pitch * (plan.level >= 3 ? 0.75 : 1)));
    if (text.annotation) children.push(body(text.annotation, {}, pitch));
    const withNotice = plan.record === 'notice';
    if (withNotice) children.push(...record(settings, c.issuer, c.issuedAt, letter));
    atts.forEach((x, i) => {
      const num = atts.length > 1 || x === 'list' ? i + 1 : 1;
      children.push(attachmentLabel(num, attachmentLabelText(c.number, num, withNotice)), new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: PITCH - 14, after: PITCH / 2, line: PITCH, lineRule: LineRuleType.EXACT }, children: [run(ATTACHMENT_TITLES[x], DOCX_FACES.title, TITLE)] }));
      if (x === 'receipt') {
        children.push(
          table(
            [2200, 6600],
            [
              ['通知书文号', c.number],
              ['签收单位', `${c.recipient.replace(/：$/, '')}（盖章）`],
              ['整改期限', `${arabicDate(c.deadline)}前`],
              ['签收人', ''],
              ['联系电话', ''],
              ['签收日期', '　　　　年　　月　　日'],
            ],
            false,
            BODY,
          ),
          ...text.receiptNotes.map((t, j) => body(t, j === 0 ? { spacing: { before: PITCH / 2, line: PITCH, lineRule: LineRuleType.EXACT } } : {})),
        );
      } else {
        children.push(
          table(
            [600, 1300, 3000, 2800, 1100],
            [['序号', '问题类别', '存在问题', '整改要求', '完成时限'], ...c.groups.flatMap((g) => g.items.map((it) => [String(it.n), g.subject, it.description, it.requirement, `${arabicDate(it.deadline)}前`]))],
          ),
        );
      }
    });
    if (!withNotice) {
      for (let b = 0; b < plan.recordBreaks; b++) children.push(new Paragraph({ pageBreakBefore: true, children: [] }));
      children.push(...record(settings, c.issuer, c.issuedAt, letter));
    }
    // One page in all carries no number; 信函格式's first page carries the foot rules instead (7.5, 10.1).
    const single = plan.bodyPages === 1 && atts.length === 0 && plan.recordBreaks === 0;
    const f = footers();
    return {
      properties: { ...PAGE_PROPERTIES, titlePage: true, pageNumbers: { start: 1 } },
      headers: letter ? { first: letterHead(settings, c.issuer) } : undefined,
      footers: { ...f, first: letter ? letterFoot() : single ? new Footer({ children: [] }) : new Footer({ children: [pageNumber(AlignmentType.RIGHT, { right: 280 })] }) },
      children,
    };
  });
  const first = noticeContent(data, notices[0]);
  return officialSections(notices.length === 1 ? `${first.title}（${first.number}）` : `${first.title}（${notices.length}份）`, first.issuer, sections);
}

function points3(p: number): string {
  const a = Math.abs(p);
  return `${p < 0 ? '-' : ''}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')}`;
}

/** The 考核结果通报 as a Word document. */
export function bulletinDocx(model: BulletinModel): Document {
  const children: (Paragraph | Table)[] = [...header(model.settings, model.issuer, model.number, false), title(model.title)];
  children.push(p([run(`${model.recipients.join('，')}：`, DOCX_FACES.body)]));
  children.push(body(`根据《${model.scheme.name.replace(/^《|》$/g, '')}》，${model.issuer}${model.period}组织开展了${model.subject}。现将有关情况通报如下。`));
  const ranking = bulletinRanking(model.units);
  const complete = model.units.filter((u) => u.complete).length;
  const areas = new Map<string, { unit: string; description: string }[]>();
  for (const pr of model.problems) areas.set(pr.area, [...(areas.get(pr.area) ?? []), pr]);
  const byCount = [...areas.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  children.push(body([run(`${level1(1)}总体情况`, DOCX_FACES.hei)]));
  const unfinished = model.units.length - complete;
  children.push(
    body(
      `本次共检查${model.units.length}家单位（${ranking.map((r) => `${r.kind}${r.rows.length}家`).join('、')}），已完成评分${complete}家${unfinished ? `，${unfinished}家尚未完成评分，暂不排名` : ''}。共发现问题${model.problems.length}个，涉及${areas.size}个方面。各单位得分及排名情况见附件1，问题清单见附件2。`,
    ),
  );
  children.push(body([run(`${level1(2)}主要问题`, DOCX_FACES.hei)]));
  byCount.forEach(([area, list], i) => {
    const units = [...new Set(list.map((x) => x.unit))];
    children.push(body([run(`${level2(i + 1)}${area}。`, DOCX_FACES.kai), run(`共${list.length}个问题，涉及${model.nameUnits ? units.join('、') : `${units.length}家单位`}。如：${list[0].description.replace(/[。；;]$/, '')}${list.length > 1 ? '等' : ''}。`, DOCX_FACES.body)]));
  });
  children.push(body([run(`${level1(3)}下一步工作要求`, DOCX_FACES.hei)]));
  children.push(body(`（一）抓好问题整改。各单位要对照问题清单逐项整改，建立整改台账，明确整改措施、责任人和完成时限，于${arabicDate(model.deadline)}前完成整改，并将整改报告加盖公章后报送${model.issuer}${sendChannels(model.settings)}。`));
  children.push(body('（二）健全长效机制。各单位要举一反三，对本单位政务公开工作开展全面自查，完善信息发布审核、政策解读、专栏维护等制度，防止同类问题反复出现。'));
  children.push(body(`（三）强化督促检查。${model.issuer}将适时对整改情况开展“回头看”，对整改不到位的，在下一年度政务公开绩效考核中给予扣分处理。`));
  children.push(...empty(1), body('附件：1.考核得分及排名情况'), body('　　　2.问题清单'));
  children.push(...signature(model.issuer, arabicDate(model.issuedAt), model.settings.sealed));
  children.push(attachmentLabel(1), ...empty(1), title('考核得分及排名情况'), body(scoreExplanation(model.scheme)));
  for (const g of ranking) {
    children.push(p([run(`${g.kind}（${g.rows.length}家）`, DOCX_FACES.hei)]));
    children.push(
      table(
        [800, 3800, 1200, 1000, 1000, 1000],
        [['名次', '单位', '得分', '减分', '加分', '问题数'], ...g.rows.map((r) => [r.rank === null ? '—' : String(r.rank), r.name, r.complete ? points3(r.total) : '未完成', r.complete ? points3(r.deductions) : '', r.complete ? points3(r.bonuses) : '', String(r.problems)])],
      ),
    );
  }
  children.push(attachmentLabel(2), ...empty(1), title('问题清单'));
  children.push(table([600, 1700, 1500, 2900, 2100], [['序号', '单位', '问题类别', '存在问题', '整改要求'], ...model.problems.map((x, i) => [String(i + 1), x.unit, x.area, x.description, x.requirement])]));
  children.push(...empty(2), ...record(model.settings, model.issuer, model.issuedAt));
  return officialDocument(`${model.title}（${model.number}）`, model.issuer, children);
}

/**
 * The .docx bytes. The paragraphs also turn off the extra space between
 * Chinese and Latin text (w:autoSpaceDE, which the writer has no option for),
 * so 2024年6月 is set solid as in the PDF and lines break where the PDF's do.
 */
export async function docxBytes(doc: Document): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await Packer.toArrayBuffer(doc)));
  const xml = strFromU8(files['word/document.xml']);
  // In the schema's order: before w:spacing (the writer puts its w:autoSpaceDN after it, where readers skip it).
  const solid = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';
  files['word/document.xml'] = strToU8(
    xml.replaceAll('<w:autoSpaceDN w:val="false"/>', '').replace(/<w:pPr>(.*?)<\/w:pPr>/g, (_match: string, inner: string) => `<w:pPr>${inner.includes('<w:spacing ') ? inner.replace('<w:spacing ', `${solid}<w:spacing `) : inner + solid}</w:pPr>`),
  );
  return zipSync(files, { level: 6 });
}
