import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentRepository } from '../../../renderer/features/assessment/assessmentRepository';
import { FindingRepository } from '../../../renderer/features/findings/findingRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { drawTargets } from '../../../shared/draw/draw';
import { PANJIN_2024_COUNTY, PANJIN_2024_DEPARTMENT } from '../../../shared/scheme';
import type { TargetInput } from '../../../shared/domain/targets';

let dbName = '';

async function session(): Promise<Session> {
  dbName = `repos-${Math.random().toString(36).slice(2)}`;
  const s = await openSession(new InspectorDatabase(dbName));
  return saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
}

const unit = (name: string, kind: TargetInput['kind'] = '县区政府'): TargetInput => ({
  name,
  kind,
  region: '',
  address: '',
  contactPerson: '',
  contactPhone: '',
  disclosurePhones: ['0427-1111111'],
  note: '',
});

afterEach(async () => {
  await Dexie.delete(dbName);
});

async function round(s: Session, title = '2024年年中考核', kind: '年中考核' | '三季度考核' = '年中考核') {
  return new InspectionRepository(s.db, s.logger).create({ title, year: 2024, kind, startDate: kind === '年中考核' ? '2024-07-01' : '2024-10-08', endDate: kind === '年中考核' ? '2024-07-05' : '2024-10-12', team: ['王明', '李华', '王明'], scheme: PANJIN_2024_COUNTY });
}

describe('检查任务 repository', () => {
  it('keeps a frozen copy of the scheme with its hash, and refuses bad input without writing', async () => {
    const s = await session();
    const repo = new InspectionRepository(s.db, s.logger);
    const r = await round(s);
    expect(r.scheme).toEqual(PANJIN_2024_COUNTY);
    expect(r.scheme).not.toBe(PANJIN_2024_COUNTY);
    expect(r.schemeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.team).toEqual(['王明', '李华']);
    const before = await s.db.changes.count();
    await expect(repo.create({ title: ' ', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: [], scheme: PANJIN_2024_COUNTY })).rejects.toThrow('请填写检查任务名称');
    await expect(repo.create({ title: 'x', year: 2024, kind: '年中考核', startDate: '2024-07-05', endDate: '2024-07-01', team: [], scheme: PANJIN_2024_COUNTY })).rejects.toThrow('结束日期不能早于开始日期');
    await expect(repo.create({ title: 'x', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: [], scheme: { ...PANJIN_2024_COUNTY, sections: [] } })).rejects.toThrow('不完整');
    expect(await s.db.inspections.count()).toBe(1);
    expect(await s.db.changes.count()).toBe(before);
  });

  it('records a draw and adds the drawn units in one go; a later round of the same year can exclude them', async () => {
    const s = await session();
    const targets = new TargetRepository(s.db, s.logger);
    await targets.createMany(['甲县', '乙县', '丙县', '丁县', '戊县'].map((n) => unit(`${n}人民政府`)));
    await targets.create(unit('市教育局', '政府部门'));
    const repo = new InspectionRepository(s.db, s.logger);
    const mid = await round(s);
    const plan = drawTargets({ seed: '42', perKind: { 县区政府: 3 }, candidates: await repo.drawCandidates(), exclusions: await repo.drawExclusions(mid, true) });
    if (!plan.ok) throw new Error(plan.errors.join());
    const { record, added } = await repo.recordDraw(mid.id, plan, true);
    expect(added.map((a) => a.targetId)).toEqual(plan.result);
    expect(added.every((a) => a.addedBy === 'draw' && a.status === 'open')).toBe(true);
    expect(await s.db.draws.get(record.id)).toMatchObject({ seed: '42', by: '王明', result: plan.result, perKind: { 县区政府: 3 } });
    expect((await historyOf(s.db, 'draws', record.id)).map((e) => e.field)).toContain('seed');

    // Drawing again into the same round never re-draws its units.
    const again = await repo.drawExclusions(mid, false);
    expect(again.map((e) => e.reason)).toEqual(['已在本检查任务中', '已在本检查任务中', '已在本检查任务中']);

    const q3 = await round(s, '2024年三季度考核', '三季度考核');
    const ex = await repo.drawExclusions(q3, true);
    expect(new Set(ex.map((e) => e.targetId))).toEqual(new Set(plan.result));
    expect(ex[0].reason).toBe('已在「2024年年中考核」中抽查');
    const q3plan = drawTargets({ seed: '42', perKind: { 县区政府: 2 }, candidates: await repo.drawCandidates(), exclusions: ex });
    if (!q3plan.ok) throw new Error(q3plan.errors.join());
    expect(q3plan.result.some((id) => plan.result.includes(id))).toBe(false);
    expect(drawTargets({ seed: '42', perKind: { 县区政府: 3 }, candidates: await repo.drawCandidates(), exclusions: ex })).toEqual({
      ok: false,
      errors: ['「县区政府」可抽取 2 家，少于拟抽取的 3 家'],
    });
    expect((await repo.drawExclusions(q3, false))).toEqual([]);
  });

  it('manual additions skip units already in the round; removal is a logged soft delete, refused once submitted', async () => {
    const s = await session();
    const t = await new TargetRepository(s.db, s.logger).create(unit('甲县人民政府'));
    const repo = new InspectionRepository(s.db, s.logger);
    const r = await round(s);
    const [a] = await repo.addTargets(r.id, [t], 'manual');
    expect(await repo.addTargets(r.id, [t], 'manual')).toEqual([]);
    await repo.submit(a.id);
    await expect(repo.removeAssessment(a.id)).rejects.toThrow('「甲县人民政府」的评分已提交锁定，不能移出；如需移出请先解锁');
    await repo.unlock(a.id, '需移出');
    await repo.removeAssessment(a.id);
    expect(await repo.listAssessments(r.id)).toEqual([]);
    expect((await historyOf(s.db, 'assessments', a.id)).filter((e) => e.field === 'deleted').map((e) => e.value)).toEqual([0, 1]);
  });
});

describe('derived responses', () => {
  async function scored() {
    const s = await session();
    const t = await new TargetRepository(s.db, s.logger).create(unit('甲县人民政府'));
    const r = await round(s);
    const [a] = await new InspectionRepository(s.db, s.logger).addTargets(r.id, [t], 'manual');
    return { s, a, assessments: new AssessmentRepository(s.db, s.logger), findings: new FindingRepository(s.db, s.logger) };
  }

  it('phone calls write the phone rule response in the same transaction; deleting them clears it', async () => {
    const { s, a, assessments } = await scored();
    const base = { quarter: 'Q2' as const, number: '0427-1111111', answered: false, correct: null, caller: '王明', note: '' };
    const c1 = await assessments.addPhoneCall(a.id, { ...base, at: '2024-05-10T09:00' });
    await assessments.addPhoneCall(a.id, { ...base, at: '2024-05-10T15:00' });
    const id = `${a.id}:pj24c.platform.phone`;
    expect((await s.db.responses.get(id))?.response).toEqual({
      quarters: [{ quarter: 'Q2', calls: [{ at: '2024-05-10T09:00', answered: false, correct: null }, { at: '2024-05-10T15:00', answered: false, correct: null }] }],
    });
    await assessments.deletePhoneCall(c1.id);
    expect(((await s.db.responses.get(id))?.response as { quarters: { calls: unknown[] }[] }).quarters[0].calls).toHaveLength(1);
    await expect(assessments.addPhoneCall(a.id, { ...base, at: '2024-08-10T09:00' })).rejects.toThrow('拨测时间不在所选季度内');
    await expect(assessments.addPhoneCall(a.id, { ...base, at: '' })).rejects.toThrow('请填写有效的拨测时间');
    await expect(assessments.addPhoneCall(a.id, { ...base, at: '2024-05-11T09:00', correct: false })).rejects.toThrow('无人接听时不能判定回答是否正确');
    expect(await assessments.phoneCalls(a.id)).toHaveLength(1);
  });

  it('findings never change the complaint rules, whatever their status', async () => {
    const { s, a, assessments, findings } = await scored();
    await assessments.syncDerived(a.id);
    const input = { assessmentId: a.id, indicatorId: null, ruleId: null, checklistItemId: null, description: '未更新文件', severity: '一般' as const, requirement: '限期整改', deadline: '2024-07-20' };
    const f = await findings.create(input);
    const req = `${a.id}:pj24c.complaints.rectify-required`;
    const not = `${a.id}:pj24c.complaints.not-rectified`;
    expect((await s.db.responses.get(req))?.response).toEqual({ count: 0 });
    await expect(findings.setStatus(f.id, '已下发通知', ' ')).rejects.toThrow('请填写将状态改为「已下发通知」的理由');
    await findings.setStatus(f.id, '已下发通知', '已书面通知整改');
    await findings.setStatus(f.id, '逾期未整改', '回头看时仍未整改');
    await assessments.syncDerived(a.id);
    expect((await s.db.responses.get(req))?.response).toEqual({ count: 0 });
    expect((await s.db.responses.get(not))?.response).toEqual({ count: 0 });
    await findings.softDelete(f.id);
    const before = await s.db.findings.count();
    await expect(findings.create({ ...input, description: '  ' })).rejects.toThrow('请填写问题描述');
    await expect(findings.create({ ...input, deadline: '7月20日' })).rejects.toThrow('请填写整改期限');
    expect(await s.db.findings.count()).toBe(before);
  });

  it('the default deadline is 15 working days, follows the setting, and skips the National Day holiday', async () => {
    const { findings } = await scored();
    expect(await findings.deadlineDays()).toBe(15);
    // 2024-09-27 (Fri) + 15 working days: 9-29 (Sun) and 10-12 (Sat) are 调休 working days, 10-01..07 are holidays:
    // 9-29, 9-30, 10-8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 21, 22, 23.
    expect(await findings.defaultDeadline('2024-09-27')).toBe('2024-10-23');
    await findings.setDeadlineDays(5);
    expect(await findings.defaultDeadline('2024-09-27')).toBe('2024-10-10');
    await expect(findings.setDeadlineDays(0)).rejects.toThrow('整改期限应为1至365个工作日');
    expect(await findings.deadlineDays()).toBe(5);
  });

  it('refuses a malformed response and a direct write to a rule fed by findings', async () => {
    const { s, a, assessments } = await scored();
    await assessments.syncDerived(a.id);
    await expect(assessments.setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: -1 })).rejects.toThrow('评分记录格式不正确，未保存');
    await expect(assessments.setResponse(a.id, 'pj24c.complaints.rectify-required', { count: 3 })).rejects.toThrow('该项由拨测记录、投诉件或通报记录自动计算，不能直接修改');
    expect(await s.db.responses.get(`${a.id}:pj24c.catalogue.dept-missing`)).toBeUndefined();
    expect((await s.db.responses.get(`${a.id}:pj24c.complaints.rectify-required`))?.response).toEqual({ count: 0 });
  });

  it('a department scheme (no phone rule for counties) works the same way', async () => {
    const s = await session();
    const t = await new TargetRepository(s.db, s.logger).create(unit('市教育局', '政府部门'));
    const repo = new InspectionRepository(s.db, s.logger);
    const r = await repo.create({ title: '部门考核', year: 2024, kind: '年终考核', startDate: '2024-12-01', endDate: '2024-12-10', team: [], scheme: PANJIN_2024_DEPARTMENT });
    const [a] = await repo.addTargets(r.id, [t], 'manual');
    // 未对函询进行及时回复, 经核实确有问题…, 未按要求进行整改, 被通报为不合格 (no complaint case or 通报 yet: all 0).
    expect(await new AssessmentRepository(s.db, s.logger).syncDerived(a.id)).toBe(4);
  });
});
