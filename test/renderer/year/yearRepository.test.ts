import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentRepository } from '../../../renderer/features/assessment/assessmentRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { YearRepository, type ComplaintCaseInput } from '../../../renderer/features/year/yearRepository';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';

let dbName = '';
afterEach(async () => {
  await Dexie.delete(dbName);
});

async function setup() {
  dbName = `year-${Math.random().toString(36).slice(2)}`;
  const s: Session = await saveProfile(await openSession(new InspectorDatabase(dbName)), { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  const t = await new TargetRepository(s.db, s.logger).create({ name: '大洼区人民政府', kind: '县区政府', region: '大洼区', address: '', contactPerson: '', contactPhone: '', disclosurePhones: ['0427-1'], note: '' });
  const rounds = new InspectionRepository(s.db, s.logger);
  const mid = await rounds.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-06-20', endDate: '2024-06-30', team: [], scheme: PANJIN_2024_COUNTY });
  const end = await rounds.create({ title: '2024年年终考核', year: 2024, kind: '年终考核', startDate: '2024-12-10', endDate: '2024-12-20', team: [], scheme: PANJIN_2024_COUNTY });
  const [am] = await rounds.addTargets(mid.id, [t], 'manual');
  const [ae] = await rounds.addTargets(end.id, [t], 'manual');
  return { s, t, am, ae, rounds, year: new YearRepository(s.db, s.logger) };
}

const complaint = (targetId: string, over: Partial<ComplaintCaseInput> = {}): ComplaintCaseInput => ({
  targetId,
  year: 2024,
  receivedAt: '2024-08-01',
  complainant: '',
  summary: '反映区政府网站未公开征地补偿标准',
  inquirySentAt: '2024-08-02',
  replyDeadline: '2024-08-12',
  repliedAt: '2024-08-20',
  verifiedAt: '2024-08-22',
  problemConfirmed: true,
  rectificationRequiredAt: '2024-08-23',
  rectificationDeadline: '2024-09-23',
  rectified: null,
  rectificationCheckedAt: null,
  note: '',
  ...over,
});

describe('year-long records of a unit', () => {
  it('a complaint case feeds the complaint rules of the open year-end assessment, not the mid-year one that ended before it', async () => {
    const { s, t, am, ae, year } = await setup();
    const c = await year.saveComplaintCase(complaint(t.id));
    const get = (a: string, r: string) => s.db.responses.get(`${a}:${r}`).then((x) => x?.response);
    expect(await get(ae.id, 'pj24c.complaints.no-reply')).toEqual({ count: 1 });
    expect(await get(ae.id, 'pj24c.complaints.rectify-required')).toEqual({ count: 1 });
    expect(await get(ae.id, 'pj24c.complaints.not-rectified')).toEqual({ count: 0 });
    expect(await get(am.id, 'pj24c.complaints.no-reply')).toEqual({ count: 0 });
    await year.saveComplaintCase(complaint(t.id, { rectified: false, rectificationCheckedAt: '2024-09-30' }), c.id);
    expect(await get(ae.id, 'pj24c.complaints.not-rectified')).toEqual({ count: 1 });
    expect((await historyOf(s.db, 'complaintCases', c.id)).map((e) => e.author)).toContain('王明');
    await year.deleteComplaintCase(c.id);
    expect(await get(ae.id, 'pj24c.complaints.no-reply')).toEqual({ count: 0 });
  });

  it('bad input gets a Chinese message and changes nothing', async () => {
    const { s, t, year } = await setup();
    const before = await s.db.changes.count();
    await expect(year.saveComplaintCase(complaint(t.id, { summary: ' ' }))).rejects.toThrow('请填写来件反映的问题');
    await expect(year.saveComplaintCase(complaint(t.id, { replyDeadline: null }))).rejects.toThrow('已发函询的，请填写回复期限');
    await expect(year.saveComplaintCase(complaint(t.id, { problemConfirmed: false }))).rejects.toThrow('经核实确有问题的，才能书面要求整改');
    await expect(year.saveComplaintCase(complaint(t.id, { receivedAt: '2023-08-01' }))).rejects.toThrow('来件日期不在2024年度内');
    await expect(year.saveBulletin({ targetId: t.id, year: 2024, date: '2024-04-20', number: '', channel: '政府网站', subject: '门户网站', unqualified: true, note: '' })).rejects.toThrow('请填写通报文号');
    await expect(year.addPhoneCall(t.id, 2024, { quarter: 'Q3', number: '0427-1', at: '2024-05-10T09:00', answered: false, correct: null, caller: '王明', note: '' })).rejects.toThrow('拨测时间不在所选季度内');
    expect(await s.db.changes.count()).toBe(before);
    expect(await s.db.complaintCases.count()).toBe(0);
  });

  it('通报 and year-file phone calls feed the year-end assessment; a submitted one stays as submitted', async () => {
    const { s, t, am, ae, rounds, year } = await setup();
    await new AssessmentRepository(s.db, s.logger).syncDerived(am.id);
    await rounds.submit(am.id);
    const midBefore = await s.db.responses.where('assessmentId').equals(am.id).toArray();
    await year.saveBulletin({ targetId: t.id, year: 2024, date: '2024-04-20', number: '盘政办通〔2024〕5号', channel: '政府网站', subject: '大洼区人民政府门户网站', unqualified: true, note: '' });
    const call = { quarter: 'Q3' as const, number: '0427-1', answered: false, correct: null, caller: '王明', note: '' };
    await year.addPhoneCall(t.id, 2024, { ...call, at: '2024-07-10T09:00' });
    await year.addPhoneCall(t.id, 2024, { ...call, at: '2024-07-12T15:00' });
    expect((await s.db.responses.get(`${ae.id}:pj24c.platform.unqualified`))?.response).toEqual({ count: 1 });
    expect((await s.db.responses.get(`${ae.id}:pj24c.platform.phone`))?.response).toMatchObject({ quarters: [{ quarter: 'Q3' }] });
    expect(await year.phoneCalls(t.id, 2024)).toHaveLength(2);
    const midAfter = await s.db.responses.where('assessmentId').equals(am.id).toArray();
    expect(midAfter).toEqual(midBefore);
  });
});
