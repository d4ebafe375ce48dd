/**
 * Read-only views of RoundDocumentData shared by the workbook and the PDF
 * builders: what belongs to which assessment, in a stable order, and the
 * Chinese text of what an inspector recorded for a rule.
 */
import { FINDING_STATUSES, type Finding } from '../domain/findings';
import { findingsStatusChart, scoreComparisonChart, type ChartSpec } from '../inspections/yearCharts';
import type { PhoneCallRow } from '../domain/inspections';
import type { PhotoOwnerType } from '../domain/photos';
import { formatPoints, tryParsePoints } from '../points/points';
import type { Indicator, Rule, Scheme } from '../scheme/model';
import { summarizeChecklist, type ChecklistSummary } from '../scheme/checklist';
import { progressFromResult, type AssessmentProgress } from '../inspections/progress';
import { scoreVersionText } from '../inspections/snapshot';
import { incompleteText, rankComplete, standingText, type Standing } from '../scoring/rank';
import { shortDateTime } from './text';
import { QUARTER_LABELS, type RuleResponse } from '../scoring/responses';
import type { AssessmentDocument, DocumentPhoto, RoundDocumentData } from './types';

export interface RankedAssessment extends AssessmentDocument {
  /** 1-based position in the round's list. */
  index: number;
  /** Rank among the submitted assessments of the same kind of unit; null while not submitted (未完成). */
  rank: number | null;
  standing: Standing;
  progress: AssessmentProgress;
  /** 第1名（共2家县区政府） or 未完成（已评 2/6 项指标）. */
  rankText: string;
  /** 评分版本：第2次提交，2024-07-08 09:11 (or 评分中，未提交). */
  versionText: string;
}

/**
 * Assessments in list order with their standing: only submitted assessments
 * are ranked, each kind of unit on its own; the others are 未完成 with their
 * progress.
 */
export function rankedAssessments(data: RoundDocumentData): RankedAssessment[] {
  const standings = rankComplete(
    data.assessments.map((a) => ({ id: a.assessment.id, total: a.result.total, kind: a.assessment.targetKind, complete: a.assessment.status === 'submitted' })),
  );
  return data.assessments.map((a, i) => {
    const standing = standings.get(a.assessment.id) ?? { ranked: false, kind: a.assessment.targetKind };
    const progress = progressFromResult(a.result);
    const snapshot = a.assessment.status === 'submitted' ? (a.assessment.scoreSnapshot ?? null) : null;
    return {
      ...a,
      index: i + 1,
      rank: standing.ranked ? standing.rank : null,
      standing,
      progress,
      rankText: standing.ranked ? standingText(standing) : incompleteText(progress),
      versionText:
        a.assessment.status === 'submitted' && !snapshot ? `评分版本：已提交（${a.assessment.submittedAt ? shortDateTime(a.assessment.submittedAt) : '时间未记录'}）` : scoreVersionText(snapshot),
    };
  });
}

export function findAssessment(data: RoundDocumentData, assessmentId: string): AssessmentDocument {
  const a = data.assessments.find((x) => x.assessment.id === assessmentId);
  if (!a) throw new Error('找不到该单位的评分记录，可能已被删除');
  return a;
}

function byCreated<T extends { createdAt: string; id: string }>(a: T, b: T): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Findings of one assessment (not deleted) in the order they were recorded. */
export function findingsOf(data: RoundDocumentData, assessmentId: string): Finding[] {
  return data.findings.filter((f) => f.assessmentId === assessmentId && !f.deleted).sort(byCreated);
}

/** Phone calls of one assessment (not deleted), oldest first. */
export function phoneCallsOf(data: RoundDocumentData, assessmentId: string): PhoneCallRow[] {
  return data.phoneCalls
    .filter((c) => c.assessmentId === assessmentId && !c.deleted)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : byCreated(a, b)));
}

export function indicatorById(scheme: Scheme, id: string | null): Indicator | undefined {
  if (!id) return undefined;
  for (const s of scheme.sections) for (const i of s.indicators) if (i.id === id) return i;
  return undefined;
}

/** What a finding relates to, in words: the indicator's title or the checklist item. */
export function findingSubject(data: RoundDocumentData, f: Finding): string {
  const ind = indicatorById(data.inspection.scheme, f.indicatorId);
  if (ind) return ind.title;
  if (f.checklistItemId) {
    for (const c of data.checklists)
      for (const d of c.dimensions)
        for (const it of d.items) if (it.id === f.checklistItemId) return `${c.title}·${d.title}`;
  }
  return '其他问题';
}

export interface ChecklistResult {
  title: string;
  summary: ChecklistSummary;
  /** Items with status, in definition order. */
  items: { dimension: string; text: string; optional: boolean; status: '达标' | '未达标' | '不适用' | '未检查'; note: string }[];
}

/** The 五统一 (or other checklist) results recorded for one assessment; checklists with no answer are left out. */
export function checklistResultsOf(data: RoundDocumentData, assessmentId: string): ChecklistResult[] {
  const answers = new Map(data.checklistAnswers.filter((a) => a.assessmentId === assessmentId).map((a) => [a.itemId, a]));
  const out: ChecklistResult[] = [];
  for (const def of data.checklists) {
    const items = def.dimensions.flatMap((d) => d.items.map((it) => ({ d, it })));
    if (!items.some(({ it }) => answers.get(it.id)?.status)) continue;
    const ticks: Record<string, boolean> = {};
    for (const { it } of items) ticks[it.id] = answers.get(it.id)?.status === 'met';
    out.push({
      title: def.title,
      summary: summarizeChecklist(def, ticks),
      items: items.map(({ d, it }) => {
        const a = answers.get(it.id);
        const status = a?.status === 'met' ? '达标' : a?.status === 'notMet' ? '未达标' : a?.status === 'na' ? '不适用' : '未检查';
        return { dimension: d.title, text: it.text, optional: it.optional, status, note: a?.note ?? '' };
      }),
    });
  }
  return out;
}

/** Photos linked (for the report) to an owner, in a stable order, with the link's caption. */
export function photosFor(
  data: RoundDocumentData,
  assessmentId: string,
  owner: { type: PhotoOwnerType; id: string } | null,
): { photo: DocumentPhoto; caption: string }[] {
  const out: { photo: DocumentPhoto; caption: string; key: string }[] = [];
  for (const p of data.photos) {
    for (const l of p.links) {
      if (l.deleted || !l.forReport || l.assessmentId !== assessmentId) continue;
      if (owner ? l.ownerType !== owner.type || l.ownerId !== owner.id : l.ownerType === 'finding') continue;
      out.push({ photo: p, caption: l.caption, key: `${p.photo.takenAt ?? p.photo.attachedAt}|${l.createdAt}|${l.id}` });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ photo, caption }) => ({ photo, caption }));
}

function pointsText(v: unknown): string {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return formatPoints(v);
  if (typeof v === 'string') {
    const r = tryParsePoints(v);
    return r.ok ? formatPoints(r.value) : v;
  }
  return String(v);
}

/** What the inspector recorded for a rule, in words (未记录 when nothing). */
export function responseText(rule: Rule, response: RuleResponse | undefined): string {
  if (!response || typeof response !== 'object') return '未记录';
  const r = response as unknown as Record<string, unknown>;
  switch (rule.kind) {
    case 'fixed':
      return typeof r.applies === 'boolean' ? (r.applies ? '是' : '否') : '记录无法识别';
    case 'occurrence':
      return typeof r.count === 'number' ? `${r.count}${rule.unit}` : '记录无法识别';
    case 'range': {
      const v = pointsText(r.value);
      if (v === '0') return '不适用';
      const reason = typeof r.reason === 'string' && r.reason.trim() ? `（${r.reason.trim()}）` : '';
      return `${v}分${reason}`;
    }
    case 'lag': {
      const items = Array.isArray(r.items) ? (r.items as { label?: unknown; from?: unknown; to?: unknown }[]) : null;
      if (!items) return '记录无法识别';
      if (items.length === 0) return `核查0${rule.unit}`;
      const list = items.map((it) => {
        const label = typeof it.label === 'string' && it.label.trim() ? it.label.trim() : '未命名';
        const title = label.startsWith('《') ? label : `《${label}》`;
        return `${title}${rule.fromLabel}${String(it.from ?? '')}，${rule.toLabel}${String(it.to ?? '')}`;
      });
      return `核查${items.length}${rule.unit}：${list.join('；')}`;
    }
    case 'phone': {
      const quarters = Array.isArray(r.quarters) ? (r.quarters as { quarter: keyof typeof QUARTER_LABELS; calls?: { answered?: boolean; correct?: boolean | null }[] }[]) : null;
      if (!quarters) return '记录无法识别';
      const parts = quarters
        .filter((q) => Array.isArray(q.calls) && q.calls.length > 0)
        .map((q) => {
          const calls = q.calls ?? [];
          const answered = calls.filter((c) => c.answered).length;
          const wrong = calls.filter((c) => c.answered && c.correct === false).length;
          return `${QUARTER_LABELS[q.quarter] ?? q.quarter}拨测${calls.length}次，接通${answered}次${wrong ? `，答复有明显问题${wrong}次` : ''}`;
        });
      return parts.length ? parts.join('；') : '未拨测';
    }
    case 'weighted':
      return `得${pointsText(r.awarded)}分`;
    case 'rating':
      return typeof r.option === 'string' ? r.option : '记录无法识别';
  }
}

/**
 * The charts of a round report: 得分对比 of the submitted units (ranked,
 * each kind on its own) and the round's findings by status, the same
 * builders the year view draws on screen.
 */
export function roundChartSpecs(data: RoundDocumentData): ChartSpec[] {
  const ranked = rankedAssessments(data);
  const ids = new Set(ranked.map((a) => a.assessment.id));
  const findings = data.findings.filter((f) => !f.deleted && ids.has(f.assessmentId));
  const score = scoreComparisonChart(ranked.map((a) => ({ name: a.assessment.targetName, kind: a.assessment.targetKind, total: a.result.total, totalText: a.result.totalText, rank: a.rank })));
  const status = findingsStatusChart({ findingsByStatus: FINDING_STATUSES.map((s) => ({ status: s, count: findings.filter((f) => f.status === s).length })) });
  return [...(score ? [score] : []), ...(findings.length ? [{ ...status, title: '本次检查问题整改状态' }] : [])];
}
