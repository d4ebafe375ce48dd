/**
 * GB/T 9704-2012 (党政机关公文格式) for pdfmake documents: page geometry, the
 * 版头 in 文件格式, 信函格式 and 套印, the 版记, the signature, 附件 labels and
 * page numbers. Shared by the 整改通知书 and the 考核结果通报.
 *
 * Vertical positions are those of the em box of the characters (the square a
 * CJK glyph is designed in), which is what the standard's "上边缘" and lines
 * refer to. pdfmake places a line's baseline at its top plus the face's hhea
 * ascent, so a node is moved up by (ascent − em top) × size to put its em box
 * where the standard says (`emTop`).
 *
 * "空N行" between two elements is N × the line pitch from the bottom of the
 * upper element to the top of the lower one.
 */
import type { PdfContent, PdfNode } from '../pdf';
import type { FontRole } from '../pdfFonts';
import type { HeaderStyle } from '../types';

export const MM = 72 / 25.4;

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** GB/T 9704-2012 page geometry in points. */
export const GBT9704 = {
  /** [left, top, right, bottom]: 28, 37, 26, 35 mm (版心 156 × 225 mm). */
  margins: [79.4, 104.9, 73.7, 99.2] as [number, number, number, number],
  titleSize: 22,
  bodySize: 15.75,
  /** 22 lines in the 225 mm body height. */
  pitch: 28.95,
  charsPerLine: 28,
  /** Page number: 4号 (14 pt) 半角宋体, its dashes 7 mm below the body. */
  pageNumberSize: 14,
  /** 版记: 4号. */
  recordSize: 14,
} as const;

/** The body (版心) box. */
export const BODY = {
  left: GBT9704.margins[0],
  top: GBT9704.margins[1],
  right: PAGE.width - GBT9704.margins[2],
  bottom: PAGE.height - GBT9704.margins[3],
  width: PAGE.width - GBT9704.margins[0] - GBT9704.margins[2],
} as const;

/**
 * The standard's red (5.2: 红色油墨 at least Y80% M80%), as a CMYK vector
 * colour: full magenta and yellow (pdfkit takes CMYK as percentages).
 */
export const OFFICIAL_RED: [number, number, number, number] = [0, 100, 100, 0];
/** The same red for screens and Word (RGB). */
export const OFFICIAL_RED_HEX = '#FF0000';

/** How far below a line's top its em box starts, as a fraction of the size, by font role. */
export type EmTops = Record<FontRole, number>;

/** Rules in the 版记 (7.4.1): thick 0.35 mm, thin 0.25 mm. */
export const RECORD_RULES = { thick: 0.35 * MM, thin: 0.25 * MM } as const;

/** Thickness of the red separator line (文件格式) and the 信函格式 double lines. */
export const RED_RULES = { single: 1.5, letterThick: 2.25, letterThin: 0.75, letterGap: 2.25 } as const;

export interface HeaderGeometry {
  style: HeaderStyle;
  /** 发文机关标志 text and size (pt). */
  mark: string;
  markSize: number;
  /** Em top of the 标志 (page coordinates, pt). */
  markTop: number;
  /** Em top of the 发文字号. */
  numberTop: number;
  /** 文件格式: where the 文号 sits. */
  numberAlign: 'center' | 'right';
  /** Centre lines (y) of the red rules drawn, thick first. */
  rules: { y: number; width: number; x1: number; x2: number }[];
  /** 信函格式: the double line near the bottom of the first page. */
  footRules: { y: number; width: number; x1: number; x2: number }[];
  /** Em top of the title. */
  titleTop: number;
  /** Vertical printer correction included in the positions above. */
  offsetY: number;
}

/** Size of the 发文机关标志 so it fits the body width on one line. */
function markSize(mark: string, max: number): number {
  const n = Math.max(1, [...mark].length);
  return Math.min(max, Math.floor((BODY.width - 4) / n * 10) / 10);
}

/**
 * Where the parts of the 版头 go on the first page (7.2.4, 7.2.5, 7.2.7, 7.3.1;
 * 信函格式 10.1). `offset` moves everything (套印 printer correction, pt).
 */
export function headerGeometry(style: HeaderStyle, mark: string, offset: { x: number; y: number } = { x: 0, y: 0 }): HeaderGeometry {
  const { pitch, bodySize } = GBT9704;
  if (style === 'letter') {
    const size = markSize(mark, 30);
    const markTop = 30 * MM + offset.y;
    const thickY = markTop + size + 4 * MM;
    const thinY = thickY + RED_RULES.letterThick / 2 + RED_RULES.letterGap + RED_RULES.letterThin / 2;
    const x1 = (PAGE.width - 170 * MM) / 2 + offset.x;
    const x2 = x1 + 170 * MM;
    const numberTop = thinY + RED_RULES.letterThin / 2 + (bodySize * 7) / 8;
    const footThick = PAGE.height - 20 * MM + offset.y;
    const footThin = footThick - RED_RULES.letterThick / 2 - RED_RULES.letterGap - RED_RULES.letterThin / 2;
    return {
      style,
      mark,
      markSize: size,
      markTop,
      numberTop,
      numberAlign: 'right',
      rules: [
        { y: thickY, width: RED_RULES.letterThick, x1, x2 },
        { y: thinY, width: RED_RULES.letterThin, x1, x2 },
      ],
      footRules: [
        { y: footThin, width: RED_RULES.letterThin, x1, x2 },
        { y: footThick, width: RED_RULES.letterThick, x1, x2 },
      ],
      titleTop: numberTop + bodySize + 2 * pitch,
      offsetY: offset.y,
    };
  }
  const size = markSize(mark, 42);
  const markTop = BODY.top + 35 * MM + offset.y;
  const numberTop = markTop + size + 2 * pitch;
  const lineY = numberTop + bodySize + 4 * MM;
  return {
    style,
    mark,
    markSize: size,
    markTop,
    numberTop,
    numberAlign: 'center',
    rules: [{ y: lineY, width: RED_RULES.single, x1: BODY.left + offset.x, x2: BODY.right + offset.x }],
    footRules: [],
    titleTop: lineY + RED_RULES.single / 2 + 2 * pitch,
    offsetY: offset.y,
  };
}

/** A node at a fixed place on the page, `width` wide (detached nodes have no margins in pdfmake). */
export function place(x: number, y: number, width: number, node: PdfNode): PdfNode {
  return { absolutePosition: { x, y }, columns: [{ width, ...node }] };
}

/** The 版头 drawn on the first page (page coordinates); 套印 draws the 文号 only. */
export function headerContent(g: HeaderGeometry, number: string, emTops: EmTops, offset: { x: number; y: number } = { x: 0, y: 0 }): PdfContent[] {
  const out: PdfContent[] = [];
  const L = BODY.left + offset.x;
  if (g.style !== 'overprint') {
    out.push(place(L, g.markTop - emTops.Title * g.markSize, BODY.width, { text: g.mark, font: 'Title', fontSize: g.markSize, color: OFFICIAL_RED, alignment: 'center', lineHeight: 1 }));
  }
  if (number) {
    out.push(place(L, g.numberTop - emTops.Body * GBT9704.bodySize, BODY.width, { text: number, font: 'Body', fontSize: GBT9704.bodySize, alignment: g.numberAlign, lineHeight: 1 }));
  }
  if (g.style !== 'overprint') {
    const lines = [...g.rules, ...g.footRules].map((r) => ({ type: 'line', x1: r.x1, y1: r.y, x2: r.x2, y2: r.y, lineWidth: r.width, lineColor: OFFICIAL_RED }));
    out.push({ canvas: lines, absolutePosition: { x: 0, y: 0 } });
  }
  return out;
}

/** The flow's top margin on a first page so the title's em box starts at `titleTop`. */
export function titleSpace(g: HeaderGeometry, emTops: EmTops): number {
  return Math.max(0, g.titleTop - (BODY.top + g.offsetY) - emTops.Title * GBT9704.titleSize);
}

export interface RecordInput {
  copyTo: string[];
  printedBy: string;
  /** 2024年6月10日 */
  printedDate: string;
  /** 信函格式: only 抄送, no rules and no 印发 line (10.1). */
  letter: boolean;
}

/** Line count the 抄送 needs (wrapped after the colon) with 4号 characters. */
function copyLines(text: string): string[] {
  const size = GBT9704.recordSize;
  const first = Math.floor((BODY.width - 2 * size) / size);
  const lines: string[] = [];
  const chars = [...text];
  const indent = 3; // 抄送：
  let i = 0;
  let cap = first;
  while (i < chars.length) {
    lines.push(chars.slice(i, i + cap).join(''));
    i += cap;
    cap = first - indent;
  }
  return lines;
}

/** Height (pt) the 版记 takes above the body bottom. */
export function recordHeight(r: RecordInput): number {
  const rows = (r.copyTo.length ? copyLines(copyText(r.copyTo)).length : 0) + (r.letter ? 0 : 1);
  return rows * GBT9704.pitch;
}

function copyText(list: string[]): string {
  return `抄送：${list.join('，')}。`;
}

/**
 * The 版记 (7.4): thick rule, 抄送, thin rule, 印发机关 and 印发日期, thick rule on
 * the body's bottom edge; 4号 仿宋, one line each, one character in from each side.
 */
export function recordContent(r: RecordInput, emTops: EmTops, offset: { x: number; y: number } = { x: 0, y: 0 }): PdfContent[] {
  const { pitch, recordSize: size } = GBT9704;
  const bottom = BODY.bottom + offset.y;
  const L = BODY.left + offset.x;
  const out: PdfContent[] = [];
  const rules: PdfNode[] = [];
  const rowTop = (row: number) => bottom - (row + 1) * pitch + (pitch - size) / 2 - emTops.Body * size;
  const rule = (y: number, width: number) => rules.push({ type: 'line', x1: L, y1: y, x2: L + BODY.width, y2: y, lineWidth: width, lineColor: '#000000' });
  let row = 0;
  if (!r.letter) {
    out.push(place(L + size, rowTop(0), BODY.width - 2 * size, { text: r.printedBy, font: 'Body', fontSize: size, lineHeight: 1 }));
    out.push(place(L + size, rowTop(0), BODY.width - 2 * size, { text: `${r.printedDate}印发`, font: 'Body', fontSize: size, lineHeight: 1, alignment: 'right' }));
    rule(bottom - RECORD_RULES.thick / 2, RECORD_RULES.thick);
    row = 1;
  }
  if (r.copyTo.length) {
    const lines = copyLines(copyText(r.copyTo));
    if (!r.letter) rule(bottom - pitch, RECORD_RULES.thin);
    lines.reverse().forEach((line, i) => {
      const indent = i === lines.length - 1 ? 0 : 3 * size;
      out.push(place(L + size + indent, rowTop(row + i), BODY.width - 2 * size - indent, { text: line, font: 'Body', fontSize: size, lineHeight: 1 }));
    });
    row += lines.length;
  }
  if (!r.letter) rule(bottom - row * pitch, RECORD_RULES.thick);
  if (rules.length) out.push({ canvas: rules, absolutePosition: { x: 0, y: 0 } });
  return out;
}

/** Advance of a string in a CJK face: full-width characters one em, ASCII about half. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\x20-\x7e]/.test(ch) ? size * 0.5 : size;
  return w;
}

export interface SignatureInput {
  issuer: string;
  dateText: string;
  sealed: boolean;
  /** Draw a dashed 42 mm circle where the seal goes (drafts). */
  sealPlaceholder: boolean;
  /** Line pitch in use (tightened pages use less). */
  pitch: number;
  lineHeight: number;
}

/**
 * 发文机关署名 and 成文日期. Sealed (7.3.5.1): the date 右空四字, the issuer
 * centred over the date whatever its length. Unsealed (7.3.5.2): the issuer
 * 右空二字, the date two characters further right than the issuer's first
 * character, or 右空二字 with the issuer moved left when the date is longer.
 */
export function signatureContent(s: SignatureInput): PdfNode {
  const size = GBT9704.bodySize;
  const issuerW = textWidth(s.issuer, size);
  const dateW = textWidth(s.dateText, size);
  const line = (text: string, rightSpace: number): PdfNode => ({
    text,
    font: 'Body',
    fontSize: size,
    lineHeight: s.lineHeight,
    alignment: 'right',
    margin: [0, 0, rightSpace, 0],
  });
  let issuerRight: number;
  let dateRight: number;
  if (s.sealed) {
    dateRight = size * 4;
    issuerRight = dateRight + (dateW - issuerW) / 2;
  } else if (dateW + 2 * size > issuerW) {
    // Date starts two characters right of the issuer's first character; if that overruns 右空二字, the date sits 右空二字.
    dateRight = Math.max(size * 2, size * 2 + issuerW - (dateW + 2 * size));
    issuerRight = dateRight + dateW + 2 * size - issuerW;
    if (issuerRight < size * 2) issuerRight = size * 2;
  } else {
    issuerRight = size * 2;
    dateRight = issuerRight + issuerW - 2 * size - dateW;
  }
  const seal: PdfContent[] = [];
  if (s.sealPlaceholder) {
    // 42 mm, centred on the date's centre line a little below the seal centre ("居印章中心偏下").
    const cx = BODY.width - dateRight - dateW / 2;
    const r = 21 * MM;
    // In the flow with negative margins, so it takes no height (detached canvases lose their x here).
    const cy = s.pitch * 0.35;
    seal.push({
      canvas: [{ type: 'ellipse', x: cx, y: r, r1: r, r2: r, lineColor: OFFICIAL_RED, lineWidth: 0.75, dash: { length: 4, space: 3 } }],
      margin: [0, cy - r, 0, -(cy + r)],
    });
  }
  return { stack: [...seal, line(s.issuer, Math.max(0, issuerRight)), line(s.dateText, dateRight)] };
}

/** 附件N in 3号黑体 at the top left of the body (7.3.8). */
export function attachmentLabel(n: number | null, lineHeight: number): PdfNode {
  return { text: n === null ? '附件' : `附件${n}`, font: 'Hei', fontSize: GBT9704.bodySize, lineHeight };
}

/**
 * The page number (7.5): 4号 半角宋体 Arabic digits between one-em dashes,
 * 7 mm below the body, odd pages one character in from the right, even pages
 * from the left. Returns the footer node (the footer box starts at the body's
 * bottom edge).
 */
export function pageNumberFooter(n: number, emTops: EmTops, offsetX = 0): PdfNode {
  const size = GBT9704.pageNumberSize;
  const odd = n % 2 === 1;
  // The dashes are drawn on the em box's middle: that middle goes 7 mm below the body.
  const emMiddle = 7 * MM;
  const top = emMiddle - size / 2 - emTops.Song * size;
  const [left, , right] = GBT9704.margins;
  return {
    text: `— ${n} —`,
    font: 'Song',
    fontSize: size,
    lineHeight: 1,
    alignment: odd ? 'right' : 'left',
    margin: [left + offsetX + (odd ? 0 : size), top, right - offsetX + (odd ? size : 0), 0],
  };
}

/**
 * A title that does not fit one line, broken into lines of nearly equal
 * length (7.3.1: 排列对称), so no line holds a lone character or two.
 */
export function balancedTitle(text: string, size: number = GBT9704.titleSize): string {
  const perLine = BODY.width / size;
  const chars = [...text];
  // Digits of the bold title faces are about 0.6 em.
  const width = chars.reduce((w, ch) => w + (/[\x20-\x7e]/.test(ch) ? 0.6 : 1), 0);
  if (width <= perLine) return text;
  const lines = Math.ceil(width / perLine);
  const target = Math.ceil(chars.length / lines);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += target) out.push(chars.slice(i, i + target).join(''));
  return out.join('\n');
}
