import { useLiveQuery } from 'dexie-react-hooks';
import type { Finding, Notice } from '../../../shared/domain/findings';
import type { Assessment, ChecklistAnswer, Inspection, PhoneCallRow } from '../../../shared/domain/inspections';
import type { BulletinRecord, ComplaintCase } from '../../../shared/domain/year';
import { summarizeWalkThrough, type HallResult } from '../../../shared/inspections/checklist';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/index';
import type { CheckRunRow, InspectorDatabase, TargetRow } from '../../db/database';
import { useSession } from '../../store/sessionStore';

/** Everything one unit's year brought (单位年度档案). */
export interface UnitYear {
  target: TargetRow;
  year: number;
  rounds: Inspection[];
  /** The unit's assessments in the year's rounds, with their round. */
  visits: { assessment: Assessment; inspection: Inspection }[];
  findings: Finding[];
  notices: Notice[];
  phoneCalls: PhoneCallRow[];
  bulletins: BulletinRecord[];
  complaintCases: ComplaintCase[];
  checkRuns: CheckRunRow[];
  /** For a county: the halls that belong to it, and the visits to them this year with their 五统一 result. */
  halls: { hall: TargetRow; visits: (HallResult & { assessment: Assessment })[] }[];
}

function byRoundOrder(a: Inspection, b: Inspection): number {
  return a.startDate.localeCompare(b.startDate) || a.createdAt.localeCompare(b.createdAt);
}

export async function loadUnitYear(db: InspectorDatabase, targetId: string, year: number): Promise<UnitYear | null> {
  const target = await db.targets.get(targetId);
  if (!target) return null;
  const rounds = (await db.inspections.where('year').equals(year).toArray()).filter((i) => !i.deleted).sort(byRoundOrder);
  const roundById = new Map(rounds.map((r) => [r.id, r]));
  const [assessments, allFindings, notices, phoneCalls, bulletins, complaintCases, halls] = await Promise.all([
    db.assessments.where('[targetId+deleted]').equals([targetId, 0]).toArray(),
    db.findings.where('targetId').equals(targetId).toArray(),
    db.notices.where('targetId').equals(targetId).toArray(),
    db.phoneCalls.where('[targetId+year]').equals([targetId, year]).toArray(),
    db.bulletins.where('[targetId+year]').equals([targetId, year]).toArray(),
    db.complaintCases.where('[targetId+year]').equals([targetId, year]).toArray(),
    db.targets.where('parentId').equals(targetId).toArray(),
  ]);
  const visits = assessments
    .filter((a) => roundById.has(a.inspectionId))
    .map((a) => ({ assessment: a, inspection: roundById.get(a.inspectionId)! }))
    .sort((x, y) => byRoundOrder(x.inspection, y.inspection));
  const visitIds = new Set(visits.map((v) => v.assessment.id));
  const checkRuns = visitIds.size ? (await db.checkRuns.where('assessmentId').anyOf([...visitIds]).toArray()).sort((a, b) => a.createdAt.localeCompare(b.createdAt)) : [];
  const hallRows = [];
  for (const hall of halls.filter((h) => !h.deleted).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))) {
    const hallAssessments = (await db.assessments.where('[targetId+deleted]').equals([hall.id, 0]).toArray()).filter((a) => roundById.has(a.inspectionId));
    const answers: ChecklistAnswer[] = hallAssessments.length ? await db.checklistAnswers.where('assessmentId').anyOf(hallAssessments.map((a) => a.id)).toArray() : [];
    hallRows.push({
      hall,
      visits: hallAssessments.map((a) => ({
        assessment: a,
        name: hall.name,
        round: roundById.get(a.inspectionId)!.title,
        summary: summarizeWalkThrough(FIVE_UNIFIED_CHECKLIST, answers.filter((x) => x.assessmentId === a.id)),
      })),
    });
  }
  return {
    target,
    year,
    rounds,
    visits,
    findings: allFindings.filter((f) => !f.deleted && roundById.has(f.inspectionId)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    notices: notices.filter((n) => n.year === year || roundById.has(n.inspectionId)).sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)),
    phoneCalls: phoneCalls.filter((c) => !c.deleted).sort((a, b) => a.at.localeCompare(b.at)),
    bulletins: bulletins.filter((b) => !b.deleted).sort((a, b) => a.date.localeCompare(b.date)),
    complaintCases: complaintCases.filter((c) => !c.deleted).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    checkRuns,
    halls: hallRows,
  };
}

export function useUnitYear(targetId: string, year: number): UnitYear | null | undefined {
  const { db } = useSession();
  return useLiveQuery(() => loadUnitYear(db, targetId, year), [db, targetId, year]);
}
