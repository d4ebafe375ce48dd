/**
 * 考核结果通报: the office's bulletin on a round (or, from the year view, a
 * year) after GB/T 9704-2012 in the 版头 of the notice settings: 文号, 主送,
 * 一、总体情况, 二、主要问题 (by indicator, with counts and, where the office
 * chooses, the units named), 三、下一步工作要求 with the 整改时限, signature,
 * then 附件1 the ranking per kind of unit (what the numbers mean stated) and
 * 附件2 the problem list, and the 版记.
 *
 * The builder takes a plain model (BulletinModel), so a year's data can be
 * fed the same way as a round's (bulletinModelFromRound).
 */
import type { TargetKind } from '../domain/targets';
import { formatPoints, type Points } from '../points/points';
import type { Scheme } from '../scheme/model';
import { rankAssessments } from '../scoring/rank';
import { issuerMark, sendChannels } from './notice';
import {
  BODY,
  GBT9704,
  attachmentLabel,
  balancedTitle,
  headerContent,
  headerGeometry,
  pageNumberFooter,
  recordContent,
  recordHeight,
  signatureContent,
  titleSpace,
  type RecordInput,
} from './official/gbt9704';
import { PDF_PRODUCER, headingOrphaned, pdfDate, type PdfContent, type PdfJob, type PdfNode, type PdfNodeInfo } from './pdf';
import { emTops as fontEmTops, fontPlan, lineFactors, type FontPlan, type FontRole } from './pdfFonts';
import { findingSubject, findingsOf } from './roundModel';
import { arabicDate, level1, level2, safeFileName } from './text';
import type { NoticeSettings, RoundDocumentData } from './types';

export interface BulletinUnit {
  name: string;
  kind: TargetKind;
  /** Submitted (评分已提交): only complete assessments are ranked. */
  complete: boolean;
  /** Total, deductions and bonuses in thousandths (as the scheme computes them). */
  total: Points;
  deductions: Points;
  bonuses: Points;
  /** Problems found at this unit. */
  problems: number;
}

export interface BulletinProblem {
  unit: string;
  /** The indicator (or checklist area) it falls under. */
  area: string;
  description: string;
  requirement: string;
}

export interface BulletinModel {
  /** 关于……情况的通报 */
  title: string;
  number: string;
  issuer: string;
  /** ISO date of the 成文日期. */
  issuedAt: string;
  recipients: string[];
  /** What was examined: 2024年年中政务公开绩效考核. */
  subject: string;
  /** 于2024年6月3日至6月7日 (or ''). */
  period: string;
  scheme: Pick<Scheme, 'name' | 'totals'>;
  units: BulletinUnit[];
  problems: BulletinProblem[];
  /** Name the units under each problem area in 主要问题. */
  nameUnits: boolean;
  /** ISO date by which units report their rectification. */
  deadline: string;
  settings: NoticeSettings;
}

export const DEFAULT_BULLETIN_RECIPIENTS = ['各县区人民政府', '市政府各部门'];

const KIND_ORDER: TargetKind[] = ['县区政府', '政府部门', '政务服务大厅', '便民服务中心', '其他'];

/** The model for one round: every assessment (submitted or not) and its findings. */
export function bulletinModelFromRound(
  data: RoundDocumentData,
  options: { number: string; issuedAt: string; deadline: string; nameUnits?: boolean; recipients?: string[] },
): BulletinModel {
  if (!options.number.trim()) throw new Error('请填写通报的文号');
  if (!/^\d{4}-\d{2}-\d{2}/.test(options.issuedAt)) throw new Error('成文日期格式不正确');
  if (!/^\d{4}-\d{2}-\d{2}/.test(options.deadline)) throw new Error('整改时限格式不正确');
  if (options.deadline.slice(0, 10) < options.issuedAt.slice(0, 10)) throw new Error('整改时限不能早于成文日期');
  const issuer = data.settings.issuer.trim();
  if (!issuer) throw new Error('请先在“通知书设置”中填写发文机关');
  const { startDate, endDate } = data.inspection;
  const period = startDate ? (endDate && endDate !== startDate ? `于${arabicDate(startDate)}至${arabicDate(endDate)}` : `于${arabicDate(startDate)}`) : '';
  const units: BulletinUnit[] = data.assessments.map((a) => ({
    name: a.assessment.targetName,
    kind: a.assessment.targetKind,
    complete: a.assessment.status === 'submitted',
    total: a.result.total,
    deductions: a.result.deductions,
    bonuses: a.result.bonuses,
    problems: findingsOf(data, a.assessment.id).length,
  }));
  const problems: BulletinProblem[] = data.assessments.flatMap((a) =>
    findingsOf(data, a.assessment.id).map((f) => ({ unit: a.assessment.targetName, area: findingSubject(data, f), description: f.description.trim(), requirement: f.requirement.trim() })),
  );
  return {
    title: `关于${data.inspection.title}情况的通报`,
    number: options.number.trim(),
    issuer,
    issuedAt: options.issuedAt.slice(0, 10),
    recipients: options.recipients?.length ? options.recipients : DEFAULT_BULLETIN_RECIPIENTS,
    subject: data.inspection.title,
    period,
    scheme: { name: data.inspection.scheme.name.replace(/\(/g, '（').replace(/\)/g, '）'), totals: data.inspection.scheme.totals },
    units,
    problems,
    nameUnits: options.nameUnits ?? false,
    deadline: options.deadline.slice(0, 10),
    settings: data.settings,
  };
}

/**
 * The model for a year (from the year view): the units and scores of the
 * year-end rounds (年终考核; only their submitted assessments are ranked, each
 * kind of unit on its own) and the problems found in every round of the year.
 */
export function bulletinModelForYear(
  year: number,
  rounds: readonly RoundDocumentData[],
  options: { number: string; issuedAt: string; deadline: string; nameUnits?: boolean; recipients?: string[] },
): BulletinModel {
  const yearEnd = rounds.filter((r) => r.inspection.kind === '年终考核');
  if (!yearEnd.length) throw new Error(`${year}年度还没有年终考核，无法生成年度考核结果通报`);
  const parts = yearEnd.map((r) => bulletinModelFromRound(r, options));
  const others = rounds.filter((r) => r.inspection.kind !== '年终考核').map((r) => bulletinModelFromRound(r, options));
  const first = parts[0];
  const names = [...new Set(parts.map((m) => m.scheme.name))];
  return {
    ...first,
    title: `关于${year}年度政务公开绩效考核结果的通报`,
    subject: `${year}年度政务公开绩效考核`,
    period: '',
    // Two schemes (e.g. 县区政府 and 政府部门) print as 《A》《B》.
    scheme: { name: names.join('》《'), totals: first.scheme.totals },
    units: parts.flatMap((m) => m.units),
    problems: [...others, ...parts].flatMap((m) => m.problems),
  };
}

export interface RankRow extends BulletinUnit {
  /** null: not complete, shown as 未完成 with no rank. */
  rank: number | null;
}

/** Ranking per kind of unit: complete assessments by total (ties share a rank), then the incomplete ones. */
export function bulletinRanking(units: readonly BulletinUnit[]): { kind: TargetKind; rows: RankRow[] }[] {
  const out: { kind: TargetKind; rows: RankRow[] }[] = [];
  for (const kind of KIND_ORDER) {
    const mine = units.filter((u) => u.kind === kind);
    if (!mine.length) continue;
    const complete = mine.filter((u) => u.complete);
    const ranked = rankAssessments(complete.map((u, i) => ({ id: String(i), total: u.total })));
    const rows: RankRow[] = ranked.map((r) => ({ ...complete[Number(r.id)], rank: r.rank }));
    for (const u of mine) if (!u.complete) rows.push({ ...u, rank: null });
    out.push({ kind, rows });
  }
  return out;
}

/** What the scores in the ranking mean, from the scheme's totals. */
export function scoreExplanation(scheme: BulletinModel['scheme']): string {
  const t = scheme.totals;
  const base = formatPoints(t.base);
  if (t.base === 0 && t.max === 0) {
    return `得分按《${scheme.name}》计算：各单位起评为0分，发现问题按细则减分，加分在减分框架内抵减，得分最高为0分；得分为负数表示减分多于加分，数值越接近0越好。得分保留三位小数，同分并列。未完成评分的单位不排名。`;
  }
  const max = t.max !== null ? `，满分${formatPoints(t.max)}分` : '';
  return `得分按《${scheme.name}》计算：起评${base}分${max}，按细则减分、加分后得出总分，分数越高越好。得分保留三位小数，同分并列。未完成评分的单位不排名。`;
}

function points3(p: Points): string {
  // Three decimals always, as the explanation says.
  const neg = p < 0;
  const a = Math.abs(p);
  // ASCII minus: the 仿宋 faces lack U+2212.
  return `${neg ? '-' : ''}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')}`;
}

export interface BulletinPdfOptions {
  plan?: FontPlan;
  measured?: Record<string, number>;
  measuredEmTops?: Record<string, number>;
}

function end(t: string): string {
  return /[。！？]$/.test(t) ? t : `${t}。`;
}

/** The bulletin as a PDF job. */
export function buildBulletinPdf(model: BulletinModel, options: BulletinPdfOptions = {}): PdfJob {
  const plan = options.plan ?? fontPlan();
  const factors = lineFactors(plan, options.measured);
  const em = fontEmTops(plan, options.measuredEmTops);
  const { bodySize, titleSize, pitch } = GBT9704;
  const lh = (role: FontRole, size: number) => pitch / (factors[role] * size);
  const para = (text: string | PdfContent[], extra: PdfNode = {}): PdfNode => ({ text, font: 'Body', fontSize: bodySize, lineHeight: lh('Body', bodySize), leadingIndent: bodySize * 2, ...extra });
  const run = (role: FontRole, text: string): PdfNode => ({ text, font: role, lineHeight: lh(role, bodySize) });
  const settings = model.settings;
  const style = settings.headerStyle === 'letter' ? 'file' : settings.headerStyle;
  const header = headerGeometry(style, issuerMark(settings, model.issuer, style));
  const record: RecordInput = {
    copyTo: settings.copyTo.map((x) => x.trim()).filter(Boolean),
    printedBy: settings.printedBy.trim() || model.issuer,
    printedDate: arabicDate(model.issuedAt),
    letter: false,
  };
  const ranking = bulletinRanking(model.units);
  const complete = model.units.filter((u) => u.complete).length;
  const kinds = ranking.map((r) => `${r.kind}${r.rows.length}家`).join('、');
  const areas = new Map<string, BulletinProblem[]>();
  for (const p of model.problems) areas.set(p.area, [...(areas.get(p.area) ?? []), p]);
  const byCount = [...areas.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));

  const content: PdfContent[] = [];
  content.push({
    text: balancedTitle(model.title),
    font: 'Title',
    fontSize: titleSize,
    alignment: 'center',
    lineHeight: pitch / (factors.Title * titleSize),
    margin: [0, titleSpace(header, em), 0, em.Title * titleSize + titleSize - em.Body * bodySize],
  });
  content.push(para(`${model.recipients.join('，')}：`, { leadingIndent: 0 }));
  content.push(
    para(
      `根据《${model.scheme.name.replace(/^《|》$/g, '')}》，${model.issuer}${model.period}组织开展了${model.subject}。现将有关情况通报如下。`,
    ),
  );
  content.push(para([run('Hei', `${level1(1)}总体情况`)], { headlineLevel: 1 }));
  const unfinished = model.units.length - complete;
  content.push(
    para(
      `本次共检查${model.units.length}家单位（${kinds}），已完成评分${complete}家${unfinished ? `，${unfinished}家尚未完成评分，暂不排名` : ''}。共发现问题${model.problems.length}个，涉及${areas.size}个方面。各单位得分及排名情况见附件1，问题清单见附件2。`,
    ),
  );
  content.push(para([run('Hei', `${level1(2)}主要问题`)], { headlineLevel: 1 }));
  if (!byCount.length) content.push(para('本次检查未发现问题。'));
  byCount.forEach(([area, list], i) => {
    const units = [...new Set(list.map((p) => p.unit))];
    const named = model.nameUnits ? `，涉及${units.join('、')}` : `，涉及${units.length}家单位`;
    const example = list[0].description.replace(/[。；;]$/, '');
    content.push(para([run('Kai', `${level2(i + 1)}${area}。`), `共${list.length}个问题${named}。如：${example}${list.length > 1 ? '等' : ''}。`]));
  });
  content.push(para([run('Hei', `${level1(3)}下一步工作要求`)], { headlineLevel: 1 }));
  content.push(para(`（一）抓好问题整改。各单位要对照问题清单逐项整改，建立整改台账，明确整改措施、责任人和完成时限，于${arabicDate(model.deadline)}前完成整改，并将整改报告加盖公章后报送${model.issuer}${sendChannels(settings)}。`));
  content.push(para('（二）健全长效机制。各单位要举一反三，对本单位政务公开工作开展全面自查，完善信息发布审核、政策解读、专栏维护等制度，防止同类问题反复出现。'));
  content.push(para(`（三）强化督促检查。${model.issuer}将适时对整改情况开展“回头看”，对整改不到位的，在下一年度政务公开绩效考核中给予扣分处理。`));
  const att = ['考核得分及排名情况', '问题清单'];
  const tail: PdfContent[] = [
    para(`附件：1.${att[0]}`, { margin: [0, pitch, 0, 0] }),
    para(`2.${att[1]}`, { leadingIndent: bodySize * 5 }),
  ];
  const sig = signatureContent({ issuer: model.issuer, dateText: arabicDate(model.issuedAt), sealed: settings.sealed, sealPlaceholder: settings.sealPlaceholder, pitch, lineHeight: lh('Body', bodySize) });
  sig.margin = [0, (settings.sealed ? 2 : 1) * pitch, 0, 0];
  content.push({ unbreakable: true, stack: [...tail, sig] });

  // 附件1: ranking per kind.
  const cell = (text: string, extra: PdfNode = {}): PdfNode => ({ text, font: 'Body', fontSize: 12, lineHeight: 1.25, alignment: 'left', margin: [3, 3, 3, 3], ...extra });
  const head = (text: string): PdfNode => cell(text, { font: 'Hei', alignment: 'center' });
  content.push({ ...attachmentLabel(1, lh('Hei', bodySize)), pageBreak: 'before' });
  content.push({ text: att[0], font: 'Title', fontSize: titleSize, alignment: 'center', lineHeight: pitch / (factors.Title * titleSize), margin: [0, pitch, 0, pitch / 2] });
  content.push(para(scoreExplanation(model.scheme), { fontSize: 12, lineHeight: 1.4, leadingIndent: 24, margin: [0, 0, 0, 8] }));
  for (const group of ranking) {
    content.push({ text: `${group.kind}（${group.rows.length}家）`, font: 'Hei', fontSize: 14, margin: [0, 8, 0, 4], headlineLevel: 2 });
    content.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [34, '*', 62, 52, 52, 44],
        body: [
          [head('名次'), head('单位'), head('得分'), head('减分'), head('加分'), head('问题数')],
          ...group.rows.map((r) => [
            cell(r.rank === null ? '—' : String(r.rank), { alignment: 'center' }),
            cell(r.name),
            cell(r.complete ? points3(r.total) : '未完成', { alignment: 'right' }),
            cell(r.complete ? points3(r.deductions) : '', { alignment: 'right' }),
            cell(r.complete ? points3(r.bonuses) : '', { alignment: 'right' }),
            cell(String(r.problems), { alignment: 'center' }),
          ]),
        ],
      },
      layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 },
    });
  }
  // 附件2: problem list.
  content.push({ ...attachmentLabel(2, lh('Hei', bodySize)), pageBreak: 'before' });
  content.push({ text: att[1], font: 'Title', fontSize: titleSize, alignment: 'center', lineHeight: pitch / (factors.Title * titleSize), margin: [0, pitch, 0, pitch / 2] });
  content.push({
    table: {
      headerRows: 1,
      widths: [30, 78, 60, '*', '*'],
      body: [
        [head('序号'), head('单位'), head('问题类别'), head('存在问题'), head('整改要求')],
        ...(model.problems.length
          ? model.problems.map((p, i) => [cell(String(i + 1), { alignment: 'center' }), cell(p.unit), cell(p.area), cell(end(p.description)), cell(p.requirement ? end(p.requirement) : '')])
          : [[cell('本次检查未发现问题', { colSpan: 5, alignment: 'center' }), {}, {}, {}, {}]]),
      ],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 },
  });
  content.push({ text: '\u200b', id: 'b-end', fontSize: 0.5, lineHeight: 1 });
  content.push({ text: '\u200b', id: 'b-vb1', fontSize: 0.5, lineHeight: 1 });
  content.push({ text: '\u200b', id: 'b-vb2', fontSize: 0.5, lineHeight: 1 });
  content.push({ text: '\u200b', id: 'b-rec', fontSize: 0.5, lineHeight: 1 });

  const track = { end: { page: 0, y: 0 }, record: 0, blank: 0 };
  const when = pdfDate(`${model.issuedAt}T00:00:00`);
  const [left, top, right, bottom] = GBT9704.margins;
  return {
    doc: {
      pageSize: 'A4',
      pageMargins: [left, top, right, bottom],
      content,
      defaultStyle: { font: 'Body', fontSize: bodySize },
      info: { title: `${model.title}（${model.number}）`, author: model.issuer, subject: model.subject, creator: PDF_PRODUCER, producer: PDF_PRODUCER, creationDate: when, modDate: when },
      background: (page: number) => {
        const out: PdfContent[] = [];
        if (page === 1) out.push(...headerContent(header, model.number, em));
        if (page === track.record) out.push(...recordContent(record, em));
        return out.length ? out : null;
      },
      footer: (page: number, pageCount: number) => {
        if (pageCount < 2 || page === track.blank || (page === track.record && track.end.page < page)) return null;
        return pageNumberFooter(page, em);
      },
      pageBreakBefore: (node: PdfNodeInfo) => {
        const page = node.pageNumbers[0];
        switch (node.id) {
          case 'b-end':
            track.end = { page, y: node.startPosition?.top ?? 0 };
            return false;
          case 'b-vb1':
            return track.end.page % 2 === 1 || track.end.y + pitch > BODY.bottom - recordHeight(record) - 4;
          case 'b-vb2':
            if (track.end.page % 2 === 0 && page > track.end.page) {
              track.blank = page;
              return true;
            }
            return false;
          case 'b-rec':
            track.record = page;
            return false;
          default:
            return headingOrphaned(node, BODY.bottom, pitch * 2);
        }
      },
      language: 'zh-CN',
    },
    files: {},
    fontRoles: ['Title', 'Body', 'Hei', 'Kai', 'Song'],
    layoutPasses: 2,
  };
}

export function bulletinFileName(model: BulletinModel, extension = 'pdf'): string {
  return safeFileName(`${model.title}_${model.number}`, extension);
}
