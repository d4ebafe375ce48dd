import { FINDING_STATUSES, isOverdue, type Finding, type FindingStatus } from '../domain/findings';
import type { PhoneCallRow } from '../domain/inspections';
import type { TargetKind } from '../domain/targets';
import { formatSigned, type Points } from '../points/points';
import type { ScoreResult } from '../scoring/engine';
import { rankAssessments } from '../scoring/rank';
import { QUARTERS, type Quarter } from '../scoring/responses';

/**
 * The year view: year-end results per kind of unit with rank and grade,
 * deductions by indicator across units, findings by status, the overdue list
 * and phone-test coverage per quarter. Pure; the screen draws it as charts and
 * tables.
 */

export interface YearEndEntry {
  assessmentId: string;
  targetId: string;
  targetName: string;
  kind: TargetKind;
  submitted: boolean;
  result: Pick<ScoreResult, 'total' | 'grade' | 'indicators'>;
  /** Indicators answered / total, for 未完成 entries. */
  progress: { answered: number; total: number };
}

export interface YearEndRow {
  assessmentId: string;
  targetId: string;
  targetName: string;
  total: Points;
  totalText: string;
  grade: string | null;
  /** Rank among the submitted assessments of the same kind; null = 未完成. */
  rank: number | null;
  progressText: string;
}

export interface YearViewInput {
  yearEnd: readonly YearEndEntry[];
  findings: readonly Pick<Finding, 'id' | 'status' | 'deadline' | 'deleted' | 'description' | 'targetId'>[];
  targetNames: ReadonlyMap<string, string>;
  phoneCalls: readonly Pick<PhoneCallRow, 'targetId' | 'quarter' | 'deleted'>[];
  /** Units phone tests are expected of (the kinds the scheme tests), for coverage. */
  phoneUnits: readonly string[];
  today: string;
}

export interface YearView {
  byKind: { kind: TargetKind; rows: YearEndRow[] }[];
  /** Indicator title → total deductions across the year-end assessments (positive thousandths), largest first. */
  deductionsByIndicator: { title: string; deductions: Points; units: number }[];
  findingsByStatus: { status: FindingStatus; count: number }[];
  overdue: { findingId: string; targetName: string; description: string; deadline: string; daysOverdue: number }[];
  phoneCoverage: { quarter: Quarter; tested: number; units: number }[];
}

function dayNumber(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function buildYearView(input: YearViewInput): YearView {
  const kinds = [...new Set(input.yearEnd.map((e) => e.kind))];
  const byKind = kinds.map((kind) => {
    const entries = input.yearEnd.filter((e) => e.kind === kind);
    const ranks = new Map(rankAssessments(entries.filter((e) => e.submitted).map((e) => ({ id: e.assessmentId, total: e.result.total }))).map((r) => [r.id, r.rank]));
    const rows: YearEndRow[] = entries.map((e) => ({
      assessmentId: e.assessmentId,
      targetId: e.targetId,
      targetName: e.targetName,
      total: e.result.total,
      totalText: formatSigned(e.result.total),
      grade: e.result.grade,
      rank: ranks.get(e.assessmentId) ?? null,
      progressText: e.submitted ? '已提交' : `未完成（已评 ${e.progress.answered}/${e.progress.total} 项）`,
    }));
    rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.targetName.localeCompare(b.targetName, 'zh-CN'));
    return { kind, rows };
  });

  const ded = new Map<string, { deductions: Points; units: number }>();
  for (const e of input.yearEnd) {
    for (const ind of e.result.indicators) {
      if (ind.deductions <= 0) continue;
      const cur = ded.get(ind.title) ?? { deductions: 0, units: 0 };
      cur.deductions += ind.deductions;
      cur.units += 1;
      ded.set(ind.title, cur);
    }
  }
  const deductionsByIndicator = [...ded].map(([title, v]) => ({ title, ...v })).sort((a, b) => b.deductions - a.deductions || a.title.localeCompare(b.title, 'zh-CN'));

  const live = input.findings.filter((f) => f.deleted !== 1);
  const findingsByStatus = FINDING_STATUSES.map((status) => ({ status, count: live.filter((f) => f.status === status).length }));
  const overdue = live
    .filter((f) => isOverdue(f, input.today))
    .map((f) => ({ findingId: f.id, targetName: input.targetNames.get(f.targetId) ?? '', description: f.description, deadline: f.deadline, daysOverdue: Math.max(0, daysBetween(f.deadline, input.today)) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.targetName.localeCompare(b.targetName, 'zh-CN'));

  const units = new Set(input.phoneUnits);
  const phoneCoverage = QUARTERS.map((quarter) => {
    const tested = new Set(input.phoneCalls.filter((c) => c.deleted !== 1 && c.quarter === quarter && units.has(c.targetId)).map((c) => c.targetId));
    return { quarter, tested: tested.size, units: units.size };
  });
  return { byKind, deductionsByIndicator, findingsByStatus, overdue, phoneCoverage };
}
