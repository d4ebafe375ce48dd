import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentRepository } from '../../../renderer/features/assessment/assessmentRepository';
import { PrefillRepository } from '../../../renderer/features/assessment/prefillRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { YearRepository, type ComplaintCaseInput, type YearPhoneCallInput } from '../../../renderer/features/year/yearRepository';
import { loadYearData } from '../../../renderer/features/year/yearViewData';
import { gatherRoundData } from '../../../renderer/features/reports/gatherRoundData';
import { readWorkCalendar } from '../../../renderer/features/settings/workSettings';
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

const PHONE = 'pj24c.platform.phone';
const dial = (at: string, answered: boolean, correct: boolean | null = null): YearPhoneCallInput => ({
  quarter: (['Q1', 'Q2', 'Q3', 'Q4'] as const)[Math.floor((Number(at.slice(5, 7)) - 1) / 3)],
  number: '0427-2800000',
  at,
  answered,
  correct,
  caller: '王明',
  note: '',
});

describe('overriding the 拨测 rule in the year-end pre-fill', () => {
  async function withCalls() {
    const x = await setup();
    const q2a = await x.year.addPhoneCall(x.t.id, 2024, dial('2024-05-10T09:30', false));
    const q2b = await x.year.addPhoneCall(x.t.id, 2024, dial('2024-05-14T15:00', false));
    const q3 = await x.year.addPhoneCall(x.t.id, 2024, dial('2024-08-06T10:00', true, false));
    return { ...x, q2a, q2b, q3 };
  }
  /** The unit's year-end total as the year view and the round documents show it. */
  async function elsewhere(x: Awaited<ReturnType<typeof setup>>) {
    const view = await loadYearData(x.s.db, 2024, await readWorkCalendar(x.s.db), '2024-12-31');
    const docs = await gatherRoundData(x.s.db, x.ae.inspectionId);
    return { yearView: view.view.byKind[0].rows[0].total, document: docs.assessments[0].result.total };
  }

  it('judges the calls it names, keeps the reason in the audit trail, and every screen and document scores it the same', async () => {
    const x = await withCalls();
    const { s, ae, prefill, assessments, year, t } = x;
    // From the records: Q2 both unanswered −0.2, Q3 one wrong answer −0.1.
    expect((await assessments.liveScore(ae.id)).total).toBe(-300);
    const offered = (await s.db.responses.get(`${ae.id}:${PHONE}`))!.response!;

    await prefill.overridePhone(ae.id, PHONE, { offered, override: { calls: { [x.q3.id]: 'answered', [x.q2a.id]: 'unanswered' } }, reason: '经复核通话录音，8月6日的回答正确' });
    expect((await assessments.liveScore(ae.id)).total).toBe(-200);
    expect(await elsewhere(x)).toEqual({ yearView: -200, document: -200 });
    const decision = (await s.db.prefillDecisions.get(`${ae.id}:${PHONE}`))!;
    // Only what differs from the records is kept.
    expect(decision).toMatchObject({ decision: 'overridden', reason: '经复核通话录音，8月6日的回答正确', decidedBy: '王明', response: JSON.stringify({ calls: { [x.q3.id]: 'answered' } }) });
    expect(JSON.parse(decision.offered)).toEqual(offered);
    expect((await historyOf(s.db, 'prefillDecisions', decision.id)).map((e) => e.author)).toContain('王明');

    // A call logged afterwards still counts (Q4 unanswered −0.2); the override still stands.
    await year.addPhoneCall(t.id, 2024, dial('2024-11-05T09:30', false));
    expect((await assessments.liveScore(ae.id)).total).toBe(-400);
    expect(await elsewhere(x)).toEqual({ yearView: -400, document: -400 });

    const submitted = await assessments.submit(ae.id);
    expect(submitted.scoreSnapshot?.result.total).toBe(-400);
    // Submitted means frozen: a call logged after submission moves neither the year view nor the documents.
    await year.addPhoneCall(t.id, 2024, dial('2024-02-20T15:00', false));
    expect((await assessments.liveScore(ae.id)).total).toBe(-600);
    expect(await elsewhere(x)).toEqual({ yearView: -400, document: -400 });
  });

  it('leaving every call out answers the rule with no deduction', async () => {
    const x = await withCalls();
    const override = { calls: { [x.q2a.id]: 'excluded', [x.q2b.id]: 'excluded', [x.q3.id]: 'excluded' } } as const;
    await x.prefill.overridePhone(x.ae.id, PHONE, { offered: { quarters: [] }, override: { calls: { ...override.calls } }, reason: '该号码本年度已停用，拨错号码' });
    expect((await x.s.db.responses.get(`${x.ae.id}:${PHONE}`))?.response).toEqual({ quarters: [] });
    expect((await x.assessments.liveScore(x.ae.id)).total).toBe(0);
  });

  it('refuses an override without a reason, that changes nothing, names an unknown call, or is a bare count; nothing changes', async () => {
    const x = await withCalls();
    const { s, ae, prefill } = x;
    const before = (await s.db.responses.get(`${ae.id}:${PHONE}`))?.response;
    const changes = await s.db.changes.count();
    const attempt = (calls: Record<string, 'answered' | 'unanswered' | 'wrong' | 'excluded'>, reason = '理由') => prefill.overridePhone(ae.id, PHONE, { offered: before!, override: { calls }, reason });
    await expect(attempt({ [x.q3.id]: 'answered' }, '  ')).rejects.toThrow('改动预填结果须说明理由');
    await expect(attempt({ [x.q3.id]: 'wrong' })).rejects.toThrow('改动后与拨测记录相同，如无改动请点「确认」');
    await expect(attempt({ nosuchcall: 'excluded' })).rejects.toThrow('改动的拨测记录不存在或已删除，请重新打开后再改动');
    await expect(prefill.decide(ae.id, PHONE, { decision: 'overridden', offered: before!, response: { count: 0 }, reason: '理由', derived: true })).rejects.toThrow('拨测项须逐次改判');
    await expect(prefill.overridePhone(ae.id, NO_REPLY, { offered: { count: 0 }, override: { calls: { [x.q3.id]: 'answered' } }, reason: '理由' })).rejects.toThrow('该项不是拨测项，不能逐次改判');
    expect((await s.db.responses.get(`${ae.id}:${PHONE}`))?.response).toEqual(before);
    expect(await s.db.prefillDecisions.count()).toBe(0);
    expect(await s.db.changes.count()).toBe(changes);
    expect((await x.assessments.liveScore(ae.id)).total).toBe(-300);
  });
});
