/**
 * PDF inspection report (检查报告) for one target or a whole round: cover,
 * summary (round), and per target the score table with explanation lines,
 * findings with their photos (captioned with capture time, target, inspector
 * and the original's SHA-256 prefix), the 五统一 checklist result and the
 * phone-test log; running header and page numbers.
 */
import { FINDING_STATUSES, type Finding } from '../domain/findings';
import type { PhotoRow } from '../domain/photos';
import { formatGps } from '../photos/exif';
import { localIso, photoTimeLine } from '../photos/watermark';
import { formatPoints } from '../points/points';
import { QUARTER_LABELS } from '../scoring/responses';
import type { YearView } from '../inspections/yearView';
import type { RenderedChart } from './charts';
import { A4_HEIGHT, PDF_PRODUCER, headingOrphaned, pdfDate, contentWidth, type PdfContent, type PdfJob, type PdfNode, type PdfNodeInfo } from './pdf';
import {
  checklistResultsOf,
  findingSubject,
  findingsOf,
  phoneCallsOf,
  photosFor,
  rankedAssessments,
  type RankedAssessment,
} from './roundModel';
import { arabicDate, level1, level2, POINTS_RULE_TEXT, safeFileName, shortDateTime } from './text';
import type { DocumentPhoto, RoundDocumentData } from './types';

const MARGINS: [number, number, number, number] = [56.7, 70, 56.7, 60];
const WIDTH = contentWidth(MARGINS);
const PHOTO_GAP = 12;
const PHOTO_W = (WIDTH - PHOTO_GAP) / 2;
const PHOTO_H = PHOTO_W * 0.75;

export interface ReportOptions {
  /** One target's report; the whole round when omitted. */
  assessmentId?: string;
  /** Charts of the round (rendered to SVG, see charts.ts), printed in the summary of a round report, each with its table. */
  charts?: readonly RenderedChart[];
}

const H1: PdfNode = { font: 'Hei', fontSize: 15, margin: [0, 10, 0, 6], headlineLevel: 1 };
const H2: PdfNode = { font: 'Hei', fontSize: 12.5, margin: [0, 10, 0, 4], headlineLevel: 2 };
const BODY: PdfNode = { font: 'Sans', fontSize: 10, lineHeight: 1.15 };
const SMALL: PdfNode = { font: 'Sans', fontSize: 8.5, lineHeight: 1.1 };

const TABLE_LAYOUT = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#888888',
  vLineColor: () => '#888888',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
  fillColor: (row: number) => (row === 0 ? '#e7eef7' : null),
};

function th(text: string): PdfNode {
  return { text, bold: true, alignment: 'center', ...SMALL };
}

function td(text: string | number, extra: PdfNode = {}): PdfNode {
  return { text: String(text), ...SMALL, ...extra };
}

function table(widths: (number | string)[], header: string[], rows: PdfNode[][]): PdfNode {
  return { table: { headerRows: 1, keepWithHeaderRows: 1, widths, body: [header.map(th), ...rows], dontBreakRows: true }, layout: TABLE_LAYOUT, margin: [0, 2, 0, 6] };
}

function roundDates(data: RoundDocumentData): string {
  const { startDate, endDate } = data.inspection;
  if (!startDate) return '';
  return endDate && endDate !== startDate ? `${arabicDate(startDate)}至${arabicDate(endDate)}` : arabicDate(startDate);
}

function noticeNumber(data: RoundDocumentData, id: string | null): string {
  return id ? (data.notices.find((n) => n.id === id)?.number ?? '') : '';
}

/** Builds photo cells two to a row; registers each image file once. */
class PhotoBook {
  files: Record<string, Uint8Array> = {};
  images: Record<string, string> = {};
  count = 0;

  grid(items: { photo: DocumentPhoto; caption: string }[], targetName: string): PdfContent[] {
    if (items.length === 0) return [];
    const cells = items.map(({ photo, caption }) => this.cell(photo, caption, targetName));
    const rows: PdfNode[][] = [];
    for (let i = 0; i < cells.length; i += 2) rows.push([cells[i], cells[i + 1] ?? { text: '' }]);
    return [{ table: { widths: [PHOTO_W, PHOTO_W], body: rows, dontBreakRows: true }, layout: 'noBorders', margin: [0, 4, 0, 4] }];
  }

  private cell(p: DocumentPhoto, caption: string, targetName: string): PdfNode {
    const n = ++this.count;
    const meta = p.photo;
    const c = photoCaption(meta, caption, targetName);
    const lines = [{ text: `图${n}　${c.title}`, bold: true }, ...c.facts];
    let picture: PdfNode;
    if (p.jpeg && p.jpeg.length > 0) {
      const key = `photo-${meta.id}.jpg`;
      if (!this.files[key]) {
        this.files[key] = p.jpeg;
        this.images[key] = key;
      }
      picture = { image: key, fit: [PHOTO_W - 4, PHOTO_H], alignment: 'center' };
    } else {
      picture = {
        table: { widths: [PHOTO_W - 8], heights: [PHOTO_H - 8], body: [[{ text: '（照片文件不在本机，仅有登记信息）', ...SMALL, color: '#666666', alignment: 'center', margin: [0, PHOTO_H / 2 - 12, 0, 0] }]] },
        layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#aaaaaa', vLineColor: () => '#aaaaaa' },
      };
    }
    return { stack: [picture, { stack: lines, ...SMALL, fontSize: 7.5, margin: [0, 2, 0, 6] }], margin: [0, 0, 0, 0] };
  }
}

/**
 * A photo's caption in the report: never empty. The title is the link's
 * caption or 说明：未填写; the facts give the time (the watermark's own time
 * line when the picture carries one, so picture and caption always agree),
 * the place, the unit, the inspector and the original's check code.
 */
export function photoCaption(meta: PhotoRow, caption: string, targetName: string): { title: string; facts: string[] } {
  const burnt = meta.watermarked ? meta.watermarkText.find((l) => /^(拍摄|导入)时间：/.test(l)) : undefined;
  const time = burnt ?? photoTimeLine(meta.takenAt, localIso(new Date(meta.attachedAt)));
  return {
    title: caption.trim() || '说明：未填写',
    facts: [
      `${time}　地点：${meta.gps ? formatGps(meta.gps) : '未记录'}`,
      `被检查单位：${targetName || '未记录'}　检查人：${meta.attachedBy || '未记录'}`,
      `原图校验码（SHA-256）前16位：${meta.id.slice(0, 16)}`,
    ],
  };
}

function cover(data: RoundDocumentData, only: RankedAssessment | null): PdfContent[] {
  const scheme = data.inspection.scheme;
  const facts: [string, string][] = [
    ['检查任务', data.inspection.title],
    ['考核方案', `${scheme.name}（第${scheme.version}版）`],
    ['被检查单位', only ? only.assessment.targetName : `${data.assessments.length}家`],
    ['检查时间', roundDates(data)],
    ['检查组', data.inspection.team.join('、') || '未填写'],
    ['组织单位', data.organisation || data.settings.issuer || '未填写'],
    ['数据截至', shortDateTime(data.asOf)],
  ];
  return [
    { text: '', margin: [0, 120, 0, 0] },
    { text: '政务公开检查报告', font: 'Title', fontSize: 30, alignment: 'center', margin: [0, 0, 0, 18] },
    { text: data.inspection.title, font: 'Title', fontSize: 17, alignment: 'center', margin: [0, 0, 0, 6] },
    ...(only ? [{ text: only.assessment.targetName, font: 'Title', fontSize: 17, alignment: 'center' }] : []),
    {
      margin: [60, 70, 60, 0],
      table: {
        widths: [80, '*'],
        body: facts.map(([k, v]) => [
          { text: k, font: 'Hei', fontSize: 12, margin: [0, 5, 0, 5] },
          { text: v, font: 'Sans', fontSize: 12, margin: [0, 5, 0, 5] },
        ]),
      },
      layout: { hLineWidth: (i: number) => (i === 0 ? 0 : 0.5), vLineWidth: () => 0, hLineColor: () => '#999999' },
    },
    { text: `说明：${POINTS_RULE_TEXT}`, ...SMALL, alignment: 'center', color: '#555555', margin: [0, 40, 0, 0], pageBreak: 'after' },
  ];
}

function summary(data: RoundDocumentData, ranked: RankedAssessment[]): PdfContent[] {
  const graded = ranked.some((a) => a.result.grade);
  const findings = ranked.flatMap((a) => findingsOf(data, a.assessment.id));
  const byStatus = FINDING_STATUSES.map((s) => [s, findings.filter((f) => f.status === s).length] as const).filter(([, n]) => n > 0);
  const rows = ranked.map((a) => [
    td(a.index, { alignment: 'center' }),
    td(a.assessment.targetName),
    td(a.assessment.targetKind, { alignment: 'center' }),
    td(a.result.totalText, { alignment: 'right' }),
    td(a.rank ?? '未完成', { alignment: 'center', ...(a.rank === null ? { color: '#8a5a00' } : {}) }),
    ...(graded ? [td(a.result.grade ?? '', { alignment: 'center' })] : []),
    td(findingsOf(data, a.assessment.id).length, { alignment: 'center' }),
  ]);
  return [
    { text: `${level1(1)}总体情况`, ...H1 },
    {
      text: `本次检查共${ranked.length}家单位，发现问题${findings.length}个${byStatus.length ? `（${byStatus.map(([s, n]) => `${s}${n}个`).join('，')}）` : ''}。各单位得分如下：`,
      ...BODY,
      leadingIndent: 20,
    },
    table([26, '*', 60, 50, 34, ...(graded ? [40] : []), 40], ['序号', '单位名称', '类别', '总分', '排名', ...(graded ? ['等次'] : []), '问题数'], rows),
  ];
}

function scoreTable(data: RoundDocumentData, a: RankedAssessment): PdfContent[] {
  const scheme = data.inspection.scheme;
  const rows: PdfNode[][] = [];
  let n = 0;
  for (const s of scheme.sections)
    for (const ind of s.indicators) {
      const res = a.result.indicators.find((x) => x.id === ind.id);
      const note = a.notes[ind.id];
      const lines = res?.lines.length ? res.lines.join('\n') : '未扣分、未加分';
      rows.push([
        td(++n, { alignment: 'center' }),
        td(ind.title),
        td(note ? `${lines}\n检查备注：${note}` : lines),
        td(res ? res.pointsText : '0', { alignment: 'right' }),
      ]);
    }
  const explain = [...a.result.sections.flatMap((s) => s.lines.map((l) => `${s.title}：${l}`)), ...a.result.lines];
  rows.push([td('', {}), td('总分', { bold: true }), td(explain.join('\n')), td(a.result.totalText, { alignment: 'right', bold: true })]);
  return [table([24, 110, '*', 46], ['序号', '考核指标', '计分说明', '得分'], rows)];
}

/**
 * A chart with its data table beside it (the same numbers), kept on one page.
 * The SVG's text names the `Sans` face, so Chinese labels use the PDF's font.
 */
export function chartBlock(chart: RenderedChart, width: number, heading: PdfNode): PdfContent[] {
  const chartWidth = Math.min(chart.width, Math.round(width * 0.6));
  const rows = chart.table.rows.map((r) => chart.table.columns.map((c) => td(r[c.key] ?? '')));
  const height = Math.round((chart.height * chartWidth) / chart.width);
  // Not an unbreakable block (pdfmake drops an SVG inside one that moves to the next page): the title is a heading that
  // moves on when the chart would not fit under it, see chartHeadingOrphaned.
  return [
    { text: chart.title, ...heading, id: `chart-${chart.id}:${height}` },
    {
          columns: [
            { svg: chart.svg, width: chartWidth, height, font: 'Sans' },
            {
              width: '*',
              margin: [8, 4, 0, 0],
              table: { headerRows: 1, widths: chart.table.columns.map(() => '*'), body: [chart.table.columns.map((c) => th(c.title)), ...(rows.length ? rows : [[td('暂无数据', { colSpan: chart.table.columns.length }), ...chart.table.columns.slice(1).map(() => '')]])] },
              layout: TABLE_LAYOUT,
            },
          ],
          columnGap: 0,
    },
  ];
}

/** A heading moves to the next page when what must follow it does not fit: its chart (and a line), or 110 points. */
function chartHeadingOrphaned(node: PdfNodeInfo): boolean {
  const chart = /^chart-[^:]*:(\d+)$/.exec(node.id ?? '');
  return headingOrphaned(node, A4_HEIGHT - MARGINS[3], chart ? Number(chart[1]) + 30 : 110);
}

/** 总分 −1.11 分，在2家已提交的县区政府中排名第1 / 暂计 0 分，评分未完成（已评 0/6 项指标），不参与排名 */
function standingSentence(a: RankedAssessment): string {
  const s = a.standing;
  if (s.ranked) return `总分 ${a.result.totalText} 分，在${s.of}家已提交的${s.kind}中排名第${s.rank}`;
  return `暂计 ${a.result.totalText} 分，评分${a.rankText}，不参与排名`;
}

function findingBlock(data: RoundDocumentData, a: RankedAssessment, f: Finding, n: number, book: PhotoBook): PdfContent[] {
  const notice = noticeNumber(data, f.noticeId);
  const facts = [`整改期限：${f.deadline ? arabicDate(f.deadline) : '未定'}`, `状态：${f.status}`, notice && `整改通知书：${notice}`, `登记人：${f.createdBy}`].filter(Boolean).join('　');
  return [
    {
      unbreakable: true,
      stack: [
        { text: `问题${n}　${findingSubject(data, f)}（${f.severity}）`, ...BODY, bold: true, margin: [0, 4, 0, 1] },
        { text: /[。！？]$/.test(f.description) ? f.description : `${f.description}。`, ...BODY },
        { text: `整改要求：${f.requirement ? (/[。！？]$/.test(f.requirement) ? f.requirement : `${f.requirement}。`) : '未填写'}`, ...BODY },
        { text: facts, ...SMALL, color: '#444444', margin: [0, 1, 0, 2] },
      ],
    },
    ...book.grid(photosFor(data, a.assessment.id, { type: 'finding', id: f.id }), a.assessment.targetName),
  ];
}

function targetSection(data: RoundDocumentData, a: RankedAssessment, heading: string, book: PhotoBook, breakBefore: boolean, nested: boolean): PdfContent[] {
  const out: PdfContent[] = [];
  // Sub-headings: 一、… in a one-unit report, 1. under a unit's （一） in a round report.
  const sub = (n: number) => (nested ? `${n}．` : level1(n));
  const grade = a.result.grade ? `，等次：${a.result.grade}` : '';
  out.push({ text: heading, ...H1, ...(breakBefore ? { pageBreak: 'before' } : {}) });
  out.push({
    text: `${standingSentence(a)}${grade}。已评规则 ${a.result.answered}/${a.result.totalRules} 条；减分合计 ${formatPoints(a.result.deductions)} 分，加分合计 ${formatPoints(a.result.bonuses)} 分。${a.versionText}。`,
    ...BODY,
    margin: [0, 0, 0, 4],
  });
  let k = 0;
  out.push({ text: `${sub(++k)}评分明细`, ...H2 }, ...scoreTable(data, a));
  if (a.result.warnings.length) out.push({ text: `提示：${a.result.warnings.map((w) => w.message).join('；')}`, ...SMALL, color: '#8a5a00' });

  const findings = findingsOf(data, a.assessment.id);
  out.push({ text: `${sub(++k)}发现问题（${findings.length}个）`, ...H2 });
  if (findings.length === 0) out.push({ text: '未发现问题。', ...BODY });
  findings.forEach((f, i) => out.push(...findingBlock(data, a, f, i + 1, book)));

  for (const c of checklistResultsOf(data, a.assessment.id)) {
    out.push({ text: `${sub(++k)}${c.title}检查结果`, ...H2 });
    // A working file lists the failures; the passes are counted.
    const count = (status: string, optional?: boolean) => c.items.filter((it) => it.status === status && (optional === undefined || it.optional === optional)).length;
    const failed = c.items.filter((it) => it.status === '未达标');
    const parts = [`共${c.items.length}项，达标${count('达标')}项`, `未达标${failed.length}项`];
    const unchecked = count('未检查', false);
    if (unchecked) parts.push(`未检查${unchecked}项`);
    const na = count('不适用');
    if (na) parts.push(`不适用${na}项`);
    const optionalOpen = count('未检查', true);
    if (optionalOpen) parts.push(`参考项未检查${optionalOpen}项`);
    out.push({ text: `${parts.join('，')}。${failed.length ? '未达标项目如下：' : '各项均达标。'}`, ...BODY, margin: [0, 0, 0, 2] });
    if (failed.length)
      out.push(
        table(
          [70, '*', 120],
          ['类别', '未达标项目', '备注'],
          failed.map((it) => [td(it.dimension), td(`${it.text}${it.optional ? '（参考项）' : ''}`), td(it.note || '—')]),
        ),
      );
  }

  const calls = phoneCallsOf(data, a.assessment.id);
  out.push({ text: `${sub(++k)}拨测记录（${calls.length}次）`, ...H2 });
  if (calls.length === 0) out.push({ text: '未拨测。', ...BODY });
  else
    out.push(
      table(
        [46, 70, 78, 40, 62, 40, '*'],
        ['季度', '拨测时间', '号码', '接通', '答复情况', '拨测人', '备注'],
        calls.map((c) => [
          td(QUARTER_LABELS[c.quarter], { alignment: 'center' }),
          td(shortDateTime(c.at)),
          td(c.number),
          td(c.answered ? '接通' : '未接通', { alignment: 'center' }),
          td(!c.answered ? '—' : c.correct === true ? '答复准确' : c.correct === false ? '有明显问题' : '未评判', { alignment: 'center' }),
          td(c.caller, { alignment: 'center' }),
          td(c.note),
        ]),
      ),
    );

  const others = photosFor(data, a.assessment.id, null);
  if (others.length) {
    out.push({ text: `${sub(++k)}现场照片`, ...H2 });
    out.push(...book.grid(others, a.assessment.targetName));
  }
  return out;
}

/** The report as a pdfmake job; photos are the `jpeg` bytes in the data (downscale them before). */
export function buildReportPdf(data: RoundDocumentData, options: ReportOptions = {}): PdfJob {
  if (data.assessments.length === 0) throw new Error('本次检查还没有被检查单位，无法生成报告');
  const ranked = rankedAssessments(data);
  const only = options.assessmentId ? (ranked.find((a) => a.assessment.id === options.assessmentId) ?? null) : null;
  if (options.assessmentId && !only) throw new Error('找不到该单位的评分记录，可能已被删除');
  const book = new PhotoBook();
  const content: PdfContent[] = [...cover(data, only)];
  if (only) {
    content.push(...targetSection(data, only, only.assessment.targetName, book, false, false));
  } else {
    content.push(...summary(data, ranked));
    for (const c of options.charts ?? []) content.push(...chartBlock(c, WIDTH, H2));
    content.push({ text: `${level1(2)}各单位检查情况`, ...H1, margin: [0, 16, 0, 6] });
    ranked.forEach((a, i) => content.push(...targetSection(data, a, `${level2(i + 1)}${a.assessment.targetName}`, book, i > 0, true)));
  }
  const headerText = only ? `${data.inspection.title}　${only.assessment.targetName}检查报告` : `${data.inspection.title}检查报告`;
  const when = pdfDate(data.asOf);
  return {
    doc: {
      pageSize: 'A4',
      pageMargins: MARGINS,
      content,
      defaultStyle: { font: 'Sans', fontSize: 10 },
      images: book.images,
      info: {
        title: headerText,
        author: data.organisation || data.settings.issuer || PDF_PRODUCER,
        subject: data.inspection.scheme.name,
        creator: PDF_PRODUCER,
        producer: PDF_PRODUCER,
        creationDate: when,
        modDate: when,
      },
      header: (page: number) =>
        page === 1
          ? null
          : {
              stack: [
                { text: headerText, font: 'Sans', fontSize: 8, color: '#555555', alignment: 'center' },
                { canvas: [{ type: 'line', x1: 0, y1: 3, x2: WIDTH, y2: 3, lineWidth: 0.5, lineColor: '#999999' }] },
              ],
              margin: [MARGINS[0], 36, MARGINS[2], 0],
            },
      footer: (page: number, count: number) =>
        page === 1 ? null : { text: `第 ${page - 1} 页　共 ${count - 1} 页`, font: 'Sans', fontSize: 8, color: '#555555', alignment: 'center', margin: [0, 24, 0, 0] },
      // A heading never ends a page.
      pageBreakBefore: (node) => chartHeadingOrphaned(node),
      language: 'zh-CN',
    },
    files: book.files,
    fontRoles: ['Title', 'Hei', 'Sans'],
  };
}

export function reportFileName(data: RoundDocumentData, options: ReportOptions = {}): string {
  const a = options.assessmentId ? data.assessments.find((x) => x.assessment.id === options.assessmentId) : undefined;
  return safeFileName(`${data.inspection.title}${a ? `_${a.assessment.targetName}` : ''}检查报告`, 'pdf');
}

/** Photos the report would print (for progress and downscaling). */
export function reportPhotos(data: RoundDocumentData, options: ReportOptions = {}): DocumentPhoto[] {
  return data.photos.filter((p) => p.links.some((l) => !l.deleted && l.forReport && (!options.assessmentId || l.assessmentId === options.assessmentId)));
}

export interface YearReportInput {
  year: number;
  view: YearView;
  organisation: string;
  /** When the data was read (ISO), printed as local time. */
  asOf: string;
  /** The year view's charts rendered to SVG (yearCharts + renderCharts). */
  charts: readonly RenderedChart[];
}

/**
 * 年度考核情况报告: the year view as a PDF — year-end results per kind of
 * unit with rank and grade (未完成 without a rank), the charts each with its
 * table, and the overdue findings with days overdue.
 */
export function buildYearReportPdf(input: YearReportInput): PdfJob {
  const { year, view } = input;
  const title = `${year}年度政务公开考核情况报告`;
  const content: PdfContent[] = [
    { text: title, font: 'Title', fontSize: 22, alignment: 'center', margin: [0, 10, 0, 6] },
    { text: `${input.organisation || PDF_PRODUCER}　数据截至 ${shortDateTime(input.asOf)}`, ...SMALL, alignment: 'center', color: '#555555', margin: [0, 0, 0, 10] },
    { text: `${level1(1)}年终考核结果`, ...H1 },
  ];
  if (view.byKind.length === 0) content.push({ text: '尚无年终考核结果。', ...BODY });
  for (const { kind, rows } of view.byKind) {
    const graded = rows.some((r) => r.grade);
    content.push({ text: kind, ...H2 });
    content.push(
      table(
        [34, '*', 56, ...(graded ? [40] : []), 150],
        ['排名', '单位名称', '总分', ...(graded ? ['等次'] : []), '状态'],
        rows.map((r) => [
          td(r.rank ?? '未完成', { alignment: 'center', ...(r.rank === null ? { color: '#8a5a00' } : {}) }),
          td(r.targetName),
          td(r.totalText, { alignment: 'right' }),
          ...(graded ? [td(r.grade ?? '—', { alignment: 'center' })] : []),
          td(r.progressText),
        ]),
      ),
    );
  }
  content.push({ text: `${level1(2)}年度情况图表`, ...H1 });
  for (const c of input.charts) content.push(...chartBlock(c, WIDTH, H2));
  content.push({ text: `${level1(3)}逾期未整改问题（${view.overdue.length}个）`, ...H1 });
  content.push(
    view.overdue.length
      ? table(
          [24, 110, '*', 64, 40],
          ['序号', '单位', '问题', '整改期限', '逾期'],
          view.overdue.map((o, i) => [td(i + 1, { alignment: 'center' }), td(o.targetName), td(o.description), td(arabicDate(o.deadline), { alignment: 'center' }), td(`${o.daysOverdue} 天`, { alignment: 'center' })]),
        )
      : { text: '没有逾期未整改的问题。', ...BODY },
  );
  const when = pdfDate(input.asOf);
  return {
    doc: {
      pageSize: 'A4',
      pageMargins: MARGINS,
      content,
      defaultStyle: { font: 'Sans', fontSize: 10 },
      info: { title, author: input.organisation || PDF_PRODUCER, creator: PDF_PRODUCER, producer: PDF_PRODUCER, creationDate: when, modDate: when },
      footer: (page: number, count: number) => ({ text: `第 ${page} 页　共 ${count} 页`, font: 'Sans', fontSize: 8, color: '#555555', alignment: 'center', margin: [0, 24, 0, 0] }),
      pageBreakBefore: (node) => chartHeadingOrphaned(node),
      language: 'zh-CN',
    },
    files: {},
    fontRoles: ['Title', 'Hei', 'Sans'],
  };
}

export function yearReportFileName(year: number): string {
  return safeFileName(`${year}年度政务公开考核情况报告`, 'pdf');
}
