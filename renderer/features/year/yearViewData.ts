import type { WorkCalendar } from '../../../shared/calendar/workCalendar';
import { derivedOverridesByAssessment, withDerivedResponses } from '../../../shared/inspections/derived';
import { progressFromResult } from '../../../shared/inspections/progress';
import { shownScore } from '../../../shared/inspections/snapshot';
import { buildYearView, type YearEndEntry, type YearView } from '../../../shared/inspections/yearView';
import { callsCountedBy } from '../../../shared/inspections/yearRecords';
import type { Inspection } from '../../../shared/domain/inspections';
import type { TargetKind } from '../../../shared/domain/targets';
import { walkRules } from '../../../shared/scheme/model';
import { scoreAssessment } from '../../../shared/scoring/engine';
import type { Responses } from '../../../shared/scoring/responses';
import type { InspectorDatabase, TargetRow } from '../../db/database';

export interface YearData {
  year: number;
  rounds: Inspection[];
  targets: TargetRow[];
  view: YearView;
}

/** Reads one year from the database and builds the year view (year-end scores computed as the assessment screen does). */
export async function loadYearData(db: InspectorDatabase, year: number, calendar: WorkCalendar, today: string): Promise<YearData> {
  const rounds = (await db.inspections.where('year').equals(year).toArray()).filter((i) => !i.deleted).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const roundIds = rounds.map((r) => r.id);
  const [targets, findings, calls, assessments, responses] = await Promise.all([
    db.targets.where('deleted').equals(0).toArray(),
    roundIds.length ? db.findings.where('inspectionId').anyOf(roundIds).toArray() : [],
    db.phoneCalls.where('year').equals(year).toArray(),
    roundIds.length ? db.assessments.where('inspectionId').anyOf(roundIds).toArray() : [],
    roundIds.length ? db.responses.where('inspectionId').anyOf(roundIds.filter((id) => rounds.find((r) => r.id === id)?.kind === '年终考核')).toArray() : [],
  ]);
  const yearEndIds = assessments.filter((a) => !a.deleted && rounds.some((r) => r.id === a.inspectionId && r.kind === '年终考核')).map((a) => a.id);
  const overrides = derivedOverridesByAssessment(yearEndIds.length ? await db.prefillDecisions.where('assessmentId').anyOf(yearEndIds).toArray() : []);
  const stored = new Map<string, Responses>();
  for (const r of responses) {
    if (r.response === null) continue;
    let m = stored.get(r.assessmentId);
    if (!m) stored.set(r.assessmentId, (m = {}));
    m[r.ruleId] = r.response;
  }
  const yearEnd: YearEndEntry[] = [];
  const phoneKinds = new Set<TargetKind>();
  for (const round of rounds) {
    let hasPhone = false;
    for (const { rule } of walkRules(round.scheme)) if (rule.kind === 'phone') hasPhone = true;
    if (hasPhone) for (const k of round.scheme.targetKinds) phoneKinds.add(k);
    if (round.kind !== '年终考核') continue;
    for (const a of assessments) {
      if (a.inspectionId !== round.id || a.deleted) continue;
      // A submitted assessment counts as submitted (its snapshot): a call logged later never moves it.
      const { result } = shownScore(a, () => {
        const { responses: r } = withDerivedResponses(round.scheme, stored.get(a.id) ?? {}, { phoneCalls: callsCountedBy(round, a, calls), overrides: overrides.get(a.id) });
        return { responses: r, result: scoreAssessment(round.scheme, r, { calendar }) };
      });
      const p = progressFromResult(result);
      yearEnd.push({ assessmentId: a.id, targetId: a.targetId, targetName: a.targetName, kind: a.targetKind, submitted: a.status === 'submitted', result, progress: { answered: p.answeredIndicators, total: p.totalIndicators } });
    }
  }
  const view = buildYearView({
    yearEnd,
    findings: findings.filter((f) => !f.deleted),
    targetNames: new Map(targets.map((t) => [t.id, t.name])),
    phoneCalls: calls,
    phoneUnits: targets.filter((t) => phoneKinds.has(t.kind)).map((t) => t.id),
    today,
  });
  return { year, rounds, targets, view };
}
