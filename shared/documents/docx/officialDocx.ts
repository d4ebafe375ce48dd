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
  LineRuleType,
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
import { bulletinRanking, scoreExplanation, type BulletinModel } from '../bulletin';
import { issuerMark, noticeAttachments, noticeContent, requirementParagraphs, sendChannels, type NoticeRecord } from '../notice';
import { OFFICIAL_RED_HEX, textWidth } from '../official/gbt9704';
import { findAssessment } from '../roundModel';
import { arabicDate, level1, level2, level3 } from '../text';
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

function run(text: string, face: string, size = BODY, extra: Record<string, unknown> = {}): TextRun {
  return new TextRun({ text, font: { ascii: face, eastAsia: face, hAnsi: face }, size, ...extra });
}

function p(children: TextRun[], extra: IParagraphOptions = {}): Paragraph {
  return new Paragraph({ spacing: { line: PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 }, children, ...extra });
}

/** A body paragraph: two characters in, wrapping flush left. */
function body(text: string | TextRun[], extra: IParagraphOptions = {}): Paragraph {
  return p(typeof text === 'string' ? [run(text, DOCX_FACES.body)] : text, { indent: { firstLine: 2 * CHAR }, ...extra });
}

function empty(lines = 1): Paragraph[] {
  return Array.from({ length: lines }, () => p([run('', DOCX_FACES.body)]));
}

/** 版头, 文件格式 (or 套印: the band left empty but the 文号 in place; 信函格式: issuer, double red lines, 文号 right). */
function header(settings: NoticeSettings, issuer: string, number: string, letterAllowed: boolean, breakBefore = false): Paragraph[] {
  const style = settings.headerStyle === 'letter' && !letterAllowed ? 'file' : settings.headerStyle;
  const mark = issuerMark(settings, issuer, style);
  const markSize = Math.min(style === 'letter' ? 60 : 84, Math.floor((156 * 2.835 * 2) / Math.max(1, [...mark].length)));
  if (style === 'letter') {
    return [
      // 30 mm from the top edge: 7 mm above the body (negative space is not possible, so the margin is taken from the 版心 top).
      new Paragraph({ pageBreakBefore: breakBefore, alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, border: { bottom: { style: BorderStyle.THICK_THIN_SMALL_GAP, size: 24, color: RED, space: 11 } }, children: [run(mark, DOCX_FACES.title, markSize, { color: RED })] }),
      p([run(number, DOCX_FACES.body)], { alignment: AlignmentType.RIGHT, spacing: { before: 240, line: PITCH, lineRule: LineRuleType.EXACT } }),
      ...empty(2),
    ];
  }
  const out: Paragraph[] = [];
  // 标志 35 mm below the body top.
  out.push(
    new Paragraph({
      pageBreakBefore: breakBefore,
      alignment: AlignmentType.CENTER,
      spacing: { before: twip(35), after: 0, line: Math.round(markSize * 10 * 1.05), lineRule: LineRuleType.EXACT },
      children: [run(style === 'overprint' ? '' : mark, DOCX_FACES.title, markSize, { color: RED })],
    }),
  );
  out.push(...empty(2));
  out.push(
    p([run(number, DOCX_FACES.body)], {
      alignment: AlignmentType.CENTER,
      border: style === 'overprint' ? undefined : { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 11 } },
    }),
  );
  out.push(...empty(2));
  return out;
}

function title(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: PITCH, lineRule: LineRuleType.EXACT, after: PITCH }, children: [run(text, DOCX_FACES.title, TITLE)] });
}

/** Issuer and date: sealed 右空四字 with the issuer centred over the date; unsealed 右空二字. */
function signature(issuer: string, dateText: string, sealed: boolean): Paragraph[] {
  const iw = (textWidth(issuer, 1) * CHAR) | 0;
  const dw = (textWidth(dateText, 1) * CHAR) | 0;
  const dateRight = sealed ? 4 * CHAR : 2 * CHAR;
  const issuerRight = sealed ? dateRight + Math.round((dw - iw) / 2) : Math.max(2 * CHAR, dateRight + dw + 2 * CHAR - iw);
  return [
    ...empty(sealed ? 2 : 1),
    p([run(issuer, DOCX_FACES.body)], { alignment: AlignmentType.RIGHT, indent: { right: Math.max(0, issuerRight) } }),
    p([run(dateText, DOCX_FACES.body)], { alignment: AlignmentType.RIGHT, indent: { right: dateRight } }),
  ];
}

function attachmentLabel(n: number): Paragraph {
  return p([run(`附件${n}`, DOCX_FACES.hei)], { pageBreakBefore: true });
}

function cell(text: string, opts: { bold?: boolean; width?: number; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    children: [new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, opts.bold ? DOCX_FACES.hei : DOCX_FACES.body, 24)] })],
  });
}

function table(widths: number[], rows: string[][], headerRow = true): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map((r, i) => new TableRow({ tableHeader: headerRow && i === 0, children: r.map((t, j) => cell(t, { bold: headerRow && i === 0, width: widths[j], center: headerRow && i === 0 })) })),
  });
}

/** 版记: thick rule, 抄送, thin rule, 印发机关和印发日期, thick rule (4号). */
function record(settings: NoticeSettings, issuer: string, issuedAt: string): Paragraph[] {
  const copy = settings.copyTo.map((x) => x.trim()).filter(Boolean);
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
  const out: Paragraph[] = [];
  if (copy.length) out.push(p([run(`抄送：${copy.join('，')}。`, DOCX_FACES.body, SMALL)], { indent: { left: 280, right: 280, hanging: 0 }, border: { top: thick, bottom: thin } }));
  out.push(
    p([run(settings.printedBy.trim() || issuer, DOCX_FACES.body, SMALL), new TextRun({ text: '\t', size: SMALL }), run(`${arabicDate(issuedAt)}印发`, DOCX_FACES.body, SMALL)], {
      indent: { left: 280, right: 280 },
      tabStops: [{ type: 'right', position: twip(156) - 560 }],
      border: copy.length ? { bottom: thick } : { top: thick, bottom: thick },
    }),
  );
  return out;
}

function footers() {
  const num = (align: (typeof AlignmentType)[keyof typeof AlignmentType], indent: IParagraphOptions['indent']) =>
    new Footer({
      children: [
        new Paragraph({
          alignment: align,
          indent,
          children: [run('— ', DOCX_FACES.number, SMALL), new TextRun({ children: [PageNumber.CURRENT], size: SMALL, font: DOCX_FACES.number }), run(' —', DOCX_FACES.number, SMALL)],
        }),
      ],
    });
  return { default: num(AlignmentType.RIGHT, { right: 280 }), even: num(AlignmentType.LEFT, { left: 280 }) };
}

function officialDocument(title: string, author: string, children: (Paragraph | Table)[]): Document {
  return new Document({
    creator: author,
    title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: DOCX_FACES.body, eastAsia: DOCX_FACES.body, hAnsi: DOCX_FACES.body }, size: BODY } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: twip(37), left: twip(28), right: twip(26), bottom: twip(35), footer: twip(35 - 7 - 6), header: twip(15) } },
          grid: { type: DocumentGridType.LINES, linePitch: PITCH },
        },
        footers: footers(),
        children,
      },
    ],
  });
}

/** The notices (and their 回执) as one Word document. */
export function noticesDocx(data: RoundDocumentData, notices: readonly NoticeRecord[]): Document {
  if (!notices.length) throw new Error('没有可生成的整改通知书');
  const children: (Paragraph | Table)[] = [];
  notices.forEach((n, k) => {
    const c = noticeContent(data, n);
    findAssessment(data, n.assessmentId);
    const atts = noticeAttachments(c, data.settings);
    children.push(...header(data.settings, c.issuer, c.number, true, k > 0));
    children.push(title(c.title));
    children.push(p([run(c.recipient, DOCX_FACES.body)]));
    children.push(body(c.basis));
    children.push(body([run(`${level1(1)}存在的问题及整改要求`, DOCX_FACES.hei)]));
    c.groups.forEach((g, i) => {
      const reqs = new Set(g.items.map((it) => it.requirement));
      const shared = g.items.length > 1 && reqs.size === 1 ? [...reqs][0] : null;
      if (g.items.length === 1) {
        const it = g.items[0];
        children.push(body([run(`${level2(i + 1)}${g.subject}。`, DOCX_FACES.kai), run(`${it.description.replace(/。$/, '')}。${it.requirement ? `整改要求：${it.requirement.replace(/[。；;]$/, '')}。` : ''}`, DOCX_FACES.body)]));
        return;
      }
      children.push(body([run(`${level2(i + 1)}${g.subject}`, DOCX_FACES.kai)]));
      g.items.forEach((it, j) => children.push(body(`${level3(j + 1)}${it.description.replace(/。$/, '')}。${shared === null && it.requirement ? `整改要求：${it.requirement.replace(/[。；;]$/, '')}。` : ''}`)));
      if (shared) children.push(body(`整改要求：${shared.replace(/[。；;]$/, '')}。`));
    });
    children.push(body([run(`${level1(2)}有关要求`, DOCX_FACES.hei)]));
    for (const t of requirementParagraphs(c, data.settings, atts.includes('receipt'))) children.push(body(t));
    const names: Record<string, string> = { receipt: '整改通知书回执', list: '问题清单' };
    if (atts.length === 1) children.push(...empty(1), body(`附件：${names[atts[0]]}`));
    else if (atts.length > 1) children.push(...empty(1), ...atts.map((x, i) => body(`${i === 0 ? '附件：' : '　　　'}${i + 1}.${names[x]}`)));
    children.push(...signature(c.issuer, c.dateText, data.settings.sealed));
    if (c.contactPerson || c.contactPhone) children.push(body(`（${[c.contactPerson && `联系人：${c.contactPerson}`, c.contactPhone && `联系电话：${c.contactPhone}`].filter(Boolean).join('；')}）`));
    atts.forEach((x, i) => {
      children.push(attachmentLabel(i + 1), ...empty(1), title(names[x]));
      if (x === 'receipt') {
        children.push(
          table(
            [2000, 6800],
            [
              ['通知书文号', c.number],
              ['被通知单位', c.recipient.replace(/：$/, '')],
              ['整改期限', `${arabicDate(c.deadline)}前`],
              ['签收人', ''],
              ['签收日期', '　　　　年　　月　　日'],
              ['联系电话', ''],
              ['备注', ''],
            ],
            false,
          ),
          body(`请于收到本通知书之日起3个工作日内，由签收人签字并加盖单位公章后，将本回执送交${c.issuer}${sendChannels(data.settings)}。`),
          p([run('（单位盖章）', DOCX_FACES.body)], { alignment: AlignmentType.RIGHT, indent: { right: 4 * CHAR }, spacing: { before: PITCH * 2, line: PITCH, lineRule: LineRuleType.EXACT } }),
        );
      } else {
        children.push(
          table(
            [600, 1500, 3000, 2700, 1100],
            [['序号', '问题类别', '存在问题', '整改要求', '完成时限'], ...c.groups.flatMap((g) => g.items.map((it) => [String(it.n), g.subject, it.description, it.requirement, `${arabicDate(it.deadline)}前`]))],
          ),
        );
      }
    });
    children.push(...empty(2), ...record(data.settings, c.issuer, c.issuedAt));
  });
  const first = noticeContent(data, notices[0]);
  return officialDocument(notices.length === 1 ? `${first.title}（${first.number}）` : `${first.title}（${notices.length}份）`, first.issuer, children);
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

/** The .docx bytes. */
export async function docxBytes(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
