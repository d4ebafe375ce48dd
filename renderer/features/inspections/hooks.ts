import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { createWorkCalendar, type WorkCalendar } from '../../../shared/calendar/workCalendar';
import type { Finding } from '../../../shared/domain/findings';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { derivedOverridesByAssessment, withDerivedResponses } from '../../../shared/inspections/derived';
import { shownScore, type ScoreSnapshot } from '../../../shared/inspections/snapshot';
import { callsCountedBy } from '../../../shared/inspections/yearRecords';
import { progressFromResult, type AssessmentProgress } from '../../../shared/inspections/progress';
import { BUILTIN_SCHEMES } from '../../../shared/schemes/index';
import type { Scheme } from '../../../shared/scheme/model';
import { scoreAssessment, type ScoreResult } from '../../../shared/scoring/engine';
import { rankComplete, type Standing } from '../../../shared/scoring/rank';
import type { Responses } from '../../../shared/scoring/responses';
import { useSession } from '../../store/sessionStore';
import { AssessmentRepository } from '../assessment/assessmentRepository';
import { FindingRepository } from '../findings/findingRepository';
import { CALENDAR_OVERRIDES_KEY, parseCalendarOverrides } from '../settings/workSettings';
import { compareAssessments, InspectionRepository } from './inspectionRepository';

export function useRepositories() {
  const { db, logger } = useSession();
  return useMemo(
    () => ({
      inspections: new InspectionRepository(db, logger),
      assessments: new AssessmentRepository(db, logger),
      findings: new FindingRepository(db, logger),
    }),
    [db, logger],
  );
}

const DEFAULT_CALENDAR = createWorkCalendar();

/** The working-day calendar: the State Council arrangement plus the office's own corrections, if any. */
export function useWorkCalendar(): WorkCalendar {
  const { db } = useSession();
  const overrides = useLiveQuery(async () => (await db.meta.get(CALENDAR_OVERRIDES_KEY))?.value ?? null, [db]);
  return useMemo(() => {
    const list = parseCalendarOverrides(overrides);
    return list.length ? createWorkCalendar(list) : DEFAULT_CALENDAR;
  }, [overrides]);
}

/** Built-in schemes and the office's own, for choosing the scheme of a new round. */
export function useSchemeChoices(): Scheme[] | undefined {
  const { db } = useSession();
  return useLiveQuery(async () => {
    const own = (await db.schemes.where('deleted').equals(0).toArray()).map((r) => r.scheme);
    return [...BUILTIN_SCHEMES, ...own];
  }, [db]);
}

export interface RoundRow {
  assessment: Assessment;
  result: ScoreResult;
  progress: AssessmentProgress;
  /** The submitted score's snapshot (null while open). */
  snapshot: ScoreSnapshot | null;
  /** Rank among the submitted units of the same kind; null while not submitted (未完成). */
  rank: number | null;
  standing: Standing;
  findings: number;
}

/** Scores every unit of a round (derived rules included) and ranks them. */
export function useRoundScores(inspection: Inspection | undefined): RoundRow[] | undefined {
  const { db } = useSession();
  const calendar = useWorkCalendar();
  const data = useLiveQuery(async () => {
    if (!inspection) return undefined;
    const [assessments, responses, calls, findings] = await Promise.all([
      db.assessments.where('[inspectionId+deleted]').equals([inspection.id, 0]).toArray(),
      db.responses.where('inspectionId').equals(inspection.id).toArray(),
      inspection.kind === '年终考核' ? db.phoneCalls.where('year').equals(inspection.year).toArray() : db.phoneCalls.where('inspectionId').equals(inspection.id).toArray(),
      db.findings.where('[inspectionId+deleted]').equals([inspection.id, 0]).toArray(),
    ]);
    // The year-end pre-fill's overrides (a 拨测 override judges the calls itself).
    const decisions = inspection.kind === '年终考核' && assessments.length ? await db.prefillDecisions.where('assessmentId').anyOf(assessments.map((a) => a.id)).toArray() : [];
    return { assessments, responses, calls, findings, overrides: derivedOverridesByAssessment(decisions) };
  }, [db, inspection?.id]);
  return useMemo(() => {
    if (!inspection || !data) return undefined;
    const stored = new Map<string, Responses>();
    for (const r of data.responses) {
      if (r.response === null) continue;
      let m = stored.get(r.assessmentId);
      if (!m) stored.set(r.assessmentId, (m = {}));
      m[r.ruleId] = r.response;
    }
    const findingsBy = groupBy(data.findings, (f: Finding) => f.assessmentId);
    const assessments = [...data.assessments].sort(compareAssessments);
    const scored = assessments.map((a) => {
      // A submitted assessment shows its score as submitted; an open one the live score.
      const { result, snapshot } = shownScore(a, () => {
        const { responses } = withDerivedResponses(inspection.scheme, stored.get(a.id) ?? {}, { phoneCalls: callsCountedBy(inspection, a, data.calls), overrides: data.overrides.get(a.id) });
        return { responses, result: scoreAssessment(inspection.scheme, responses, { calendar }) };
      });
      return { assessment: a, result, snapshot, progress: progressFromResult(result), findings: (findingsBy.get(a.id) ?? []).length };
    });
    // Only submitted assessments are ranked, each kind of unit on its own; units of a kind
    // the scheme does not cover (halls in a county round) are visits, never ranked.
    const covered = scored.filter((s) => inspection.scheme.targetKinds.includes(s.assessment.targetKind));
    const standings = rankComplete(covered.map((s) => ({ id: s.assessment.id, total: s.result.total, kind: s.assessment.targetKind, complete: s.assessment.status === 'submitted' })));
    return scored.map((s) => {
      const standing = standings.get(s.assessment.id) ?? { ranked: false as const, kind: s.assessment.targetKind };
      return { ...s, standing, rank: standing.ranked ? standing.rank : null };
    });
  }, [inspection, data, calendar]);
}

function groupBy<T>(rows: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
