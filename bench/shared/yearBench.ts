// Pre-fills the year-end assessments of 300 units from a year with 5,000
// findings, 1,200 phone tests and 300 complaint cases (pure shared logic, as
// the year-end screen and the year view run it), and builds the year view.
// Runs in Chromium (bench/browser/suites/year.ts), where the app runs it.
import type { Finding } from '../../shared/domain/findings';
import type { PhoneCallRow } from '../../shared/domain/inspections';
import type { ComplaintCase } from '../../shared/domain/year';
import { applyOffers, prefillYearEnd } from '../../shared/inspections/prefill';
import { buildYearView } from '../../shared/inspections/yearView';
import { PANJIN_2024_COUNTY } from '../../shared/schemes';
import { QUARTERS, scoreAssessment } from '../../shared/scoring';
import { medianMs, type Figures } from '../types';

const UNITS = 300;
const RULES = ['pj24c.catalogue.dept-missing', 'pj24c.documents.not-updated', 'pj24c.documents.mismatch', 'pj24c.interpretation.missing', 'pj24c.interpretation.poor-quality'];
const STATUSES: Finding['status'][] = ['待整改', '已下发通知', '已整改', '已复核销号', '逾期未整改'];

function data() {
  const units = Array.from({ length: UNITS }, (_, i) => `t${i}`);
  const findings = Array.from({ length: 5000 }, (_, i) => ({
    id: `f${i}`, targetId: units[i % UNITS], ruleId: i % 7 === 0 ? null : RULES[i % RULES.length], inspectionId: i % 2 ? 'mid' : 'q3',
    description: `问题${i}`, status: STATUSES[i % STATUSES.length], deadline: `2024-0${1 + (i % 9)}-15`, deleted: 0 as const,
  }));
  const calls = Array.from({ length: 1200 }, (_, i) => {
    const q = QUARTERS[i % 4];
    const month = String(1 + (i % 4) * 3).padStart(2, '0');
    return { id: `p${i}`, targetId: units[i % UNITS], quarter: q, at: `2024-${month}-1${i % 10}T09:30`, answered: i % 3 !== 0, correct: i % 3 === 0 ? null : i % 5 !== 0, deleted: 0 as const } satisfies Pick<PhoneCallRow, 'id' | 'targetId' | 'quarter' | 'at' | 'answered' | 'correct' | 'deleted'>;
  });
  const cases: ComplaintCase[] = Array.from({ length: 300 }, (_, i) => ({
    id: `c${i}`, targetId: units[i], year: 2024, receivedAt: '2024-08-01', complainant: '', summary: `来件${i}`, inquirySentAt: '2024-08-02', replyDeadline: '2024-08-12',
    repliedAt: i % 2 ? '2024-08-20' : '2024-08-10', verifiedAt: '2024-08-22', problemConfirmed: i % 3 === 0, rectificationRequiredAt: i % 3 === 0 ? '2024-08-23' : null,
    rectificationDeadline: null, rectified: i % 3 === 0 ? i % 2 === 0 : null, rectificationCheckedAt: null, note: '', createdAt: '', updatedAt: '', deletedAt: null, deleted: 0,
  }));
  return { units, findings, calls, cases };
}

function group<T extends { targetId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.targetId, [...(m.get(r.targetId) ?? []), r]);
  return m;
}

export async function yearFigures(): Promise<Figures> {
  const d = data();
  const titles = new Map([['mid', '2024年年中考核'], ['q3', '2024年三季度考核']]);
  const prefillAll = () => {
    const f = group(d.findings), c = group(d.calls), k = group(d.cases);
    return d.units.map((u) => {
      const offers = prefillYearEnd(PANJIN_2024_COUNTY, { phoneCalls: c.get(u) ?? [], complaintCases: k.get(u) ?? [], bulletins: [], findings: f.get(u) ?? [], roundTitles: titles });
      return { u, result: scoreAssessment(PANJIN_2024_COUNTY, applyOffers({}, offers)) };
    });
  };
  const prefill = await medianMs(prefillAll);
  const scored = prefillAll();
  const view = await medianMs(() =>
    buildYearView({
      yearEnd: scored.map(({ u, result }) => ({ assessmentId: u, targetId: u, targetName: u, kind: '县区政府', submitted: true, result, progress: { answered: 6, total: 6 } })),
      findings: d.findings, targetNames: new Map(d.units.map((u) => [u, u])), phoneCalls: d.calls, phoneUnits: d.units, today: '2024-12-20',
    }),
  );
  return { 'year.prefill300.ms': { value: prefill, unit: 'ms' }, 'dashboard.year.ms': { value: view, unit: 'ms' } };
}
