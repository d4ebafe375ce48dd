import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentRepository } from '../../../renderer/features/assessment/assessmentRepository';
import { PrefillRepository } from '../../../renderer/features/assessment/prefillRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { YearRepository, type ComplaintCaseInput } from '../../../renderer/features/year/yearRepository';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';

let dbName = '';
afterEach(async () => {
  await Dexie.delete(dbName);
});

const NO_REPLY = 'pj24c.complaints.no-reply';

const complaint = (targetId: string, summary: string): ComplaintCaseInput => ({
  targetId,
  year: 2024,
  receivedAt: '2024-08-01',
  complainant: '',
  summary,
  inquirySentAt: '2024-08-02',
  replyDeadline: '2024-08-12',
  repliedAt: '2024-08-20',
  verifiedAt: null,
  problemConfirmed: null,
  rectificationRequiredAt: null,
  rectificationDeadline: null,
  rectified: null,
  rectificationCheckedAt: null,
  note: '',
});

async function setup() {
  dbName = `override-${Math.random().toString(36).slice(2)}`;
  const s: Session = await saveProfile(await openSession(new InspectorDatabase(dbName)), { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  const t = await new TargetRepository(s.db, s.logger).create({ name: '大洼区人民政府', kind: '县区政府', region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
  const rounds = new InspectionRepository(s.db, s.logger);
  const end = await rounds.create({ title: '2024年年终考核', year: 2024, kind: '年终考核', startDate: '2024-12-10', endDate: '2024-12-20', team: [], scheme: PANJIN_2024_COUNTY });
  const [ae] = await rounds.addTargets(end.id, [t], 'manual');
  return { s, t, ae, year: new YearRepository(s.db, s.logger), prefill: new PrefillRepository(s.db, s.logger), assessments: new AssessmentRepository(s.db, s.logger) };
}

describe('overriding a rule fed by year-long records in the year-end pre-fill', () => {
  it('replaces the count with a reason, is logged, survives later records and re-opening, and counts in the score and at submission', async () => {
    const { s, t, ae, year, prefill, assessments } = await setup();
    await year.saveComplaintCase(complaint(t.id, '反映未公开征地补偿标准'));
    const get = () => s.db.responses.get(`${ae.id}:${NO_REPLY}`).then((x) => x?.response);
    expect(await get()).toEqual({ count: 1 });
    const before = (await assessments.liveScore(ae.id)).total;

    await prefill.decide(ae.id, NO_REPLY, { decision: 'overridden', offered: { count: 1 }, response: { count: 0 }, reason: '该件系市长热线转办，不属于函询', derived: true });
    expect(await get()).toEqual({ count: 0 });
    expect(before).toBe(-500);
    expect((await assessments.liveScore(ae.id)).total).toBe(0);
    const decision = await s.db.prefillDecisions.get(`${ae.id}:${NO_REPLY}`);
    expect(decision).toMatchObject({ decision: 'overridden', reason: '该件系市长热线转办，不属于函询', decidedBy: '王明' });
    expect((await historyOf(s.db, 'prefillDecisions', decision!.id)).map((e) => e.author)).toContain('王明');

    // A later complaint case re-derives the rules: the override still stands.
    await year.saveComplaintCase(complaint(t.id, '反映未公开财政预算'));
    expect(await get()).toEqual({ count: 0 });
    // Re-opening: a fresh repository on a fresh connection reads the same.
    const again = new InspectorDatabase(dbName);
    await again.open();
    expect((await again.responses.get(`${ae.id}:${NO_REPLY}`))?.response).toEqual({ count: 0 });
    again.close();
    await assessments.syncDerived(ae.id);
    expect(await get()).toEqual({ count: 0 });

    const submitted = await assessments.submit(ae.id);
    expect(submitted.scoreSnapshot?.responses[NO_REPLY]).toEqual({ count: 0 });
  });

  it('refuses an override without a reason or with a bad count, and changes nothing', async () => {
    const { s, t, ae, year, prefill } = await setup();
    await year.saveComplaintCase(complaint(t.id, '反映未公开征地补偿标准'));
    await expect(prefill.decide(ae.id, NO_REPLY, { decision: 'overridden', offered: { count: 1 }, response: { count: 0 }, reason: ' ', derived: true })).rejects.toThrow('改动预填结果须说明理由');
    await expect(prefill.decide(ae.id, NO_REPLY, { decision: 'overridden', offered: { count: 1 }, response: { count: -1 }, reason: '理由', derived: true })).rejects.toThrow('次数应为0到1000之间的整数');
    expect((await s.db.responses.get(`${ae.id}:${NO_REPLY}`))?.response).toEqual({ count: 1 });
    expect(await s.db.prefillDecisions.count()).toBe(0);
  });
});
