import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentRepository } from '../../../renderer/features/assessment/assessmentRepository';
import { FindingRepository } from '../../../renderer/features/findings/findingRepository';
import { FollowUpRepository } from '../../../renderer/features/followup/followUpRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';

let dbName = '';
afterEach(async () => {
  await Dexie.delete(dbName);
});

async function setup() {
  dbName = `followup-${Math.random().toString(36).slice(2)}`;
  let s: Session = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  const base = { region: '', address: '', contactPerson: '', contactPhone: '', disclosurePhones: ['0427-1111111'], note: '' };
  const dawa = await new TargetRepository(s.db, s.logger).create({ ...base, name: '大洼区人民政府', kind: '县区政府' });
  const inspections = new InspectionRepository(s.db, s.logger);
  const mid = await inspections.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['王明'], scheme: PANJIN_2024_COUNTY });
  const q3 = await inspections.create({ title: '2024年三季度考核', year: 2024, kind: '三季度考核', startDate: '2024-10-08', endDate: '2024-10-12', team: ['王明'], scheme: PANJIN_2024_COUNTY });
  const [a] = await inspections.addTargets(mid.id, [dawa], 'manual');
  const [b] = await inspections.addTargets(q3.id, [dawa], 'manual');
  const findings = new FindingRepository(s.db, s.logger);
  const input = { indicatorId: 'pj24c.documents', ruleId: null, checklistItemId: null, severity: '一般' as const, requirement: '限期整改' };
  const f1 = await findings.create({ ...input, assessmentId: a.id, description: '未及时更新现行有效行政规范性文件', deadline: '2024-07-20' });
  const f2 = await findings.create({ ...input, assessmentId: a.id, description: '政策解读栏目未更新', deadline: '2024-07-25' });
  const f3 = await findings.create({ ...input, assessmentId: b.id, description: '政务公开专区资料未更新', deadline: '2024-10-30' });
  return { s, mid, q3, a, inspections, findings, f1, f2, f3, repo: new FollowUpRepository(s.db, s.logger) };
}

describe('回头看', () => {
  it('a task lists the findings due from one round or from the whole year', async () => {
    const { s, mid, repo, f1, f2, f3 } = await setup();
    const round = await repo.createTask({ title: '年中考核问题回头看', year: 2024, inspectionId: mid.id, dueBy: '2024-08-01' });
    expect(round.findingIds).toEqual([f1.id, f2.id]);
    expect(round.createdBy).toBe('王明');
    const year = await repo.createTask({ title: '2024年度回头看', year: 2024, inspectionId: null, dueBy: '2024-11-15' });
    expect(year.findingIds).toEqual([f1.id, f2.id, f3.id]);
    expect((await repo.listTasks()).map((t) => t.id)).toEqual([year.id, round.id]);

    const before = await s.db.followUpTasks.count();
    await expect(repo.createTask({ title: ' ', year: 2024, inspectionId: null, dueBy: '2024-11-15' })).rejects.toThrow('请填写回头看任务名称');
    await expect(repo.createTask({ title: '太早', year: 2024, inspectionId: null, dueBy: '2024-07-01' })).rejects.toThrow('截至2024-07-01没有需要回头看的问题');
    await expect(repo.createTask({ title: '错年', year: 2025, inspectionId: mid.id, dueBy: '2025-08-01' })).rejects.toThrow('所选检查任务属于2024年度，不是2025年度');
    expect(await s.db.followUpTasks.count()).toBe(before);
  });

  it('records the reply, then the check with its outcome; each status change keeps its reason in the change log', async () => {
    const { mid, repo, findings, f1, f2 } = await setup();
    const task = await repo.createTask({ title: '年中考核问题回头看', year: 2024, inspectionId: mid.id, dueBy: '2024-08-01' });
    await findings.setStatus(f1.id, '已下发通知', '下发整改通知书');

    const replied = await repo.recordReply(f1.id, { receivedAt: '2024-07-18', text: '已补充发布2件文件' }, task.id);
    expect(replied).toMatchObject({ status: '已整改', replyReceivedAt: '2024-07-18', replyText: '已补充发布2件文件', followUpTaskId: task.id });
    await expect(repo.recordReply(f2.id, { receivedAt: '7月18日', text: 'x' })).rejects.toThrow('请填写收到整改报告的日期');

    // 整改不到位: a new deadline after the check, required.
    const bad = { outcome: '整改不到位' as const, verifiedBy: '李华', verifiedAt: '2024-08-01', reason: '仍有1件文件未发布' };
    await expect(repo.verify(f1.id, bad, task.id)).rejects.toThrow('整改不到位的，请填写新的整改期限');
    await expect(repo.verify(f1.id, { ...bad, newDeadline: '2024-07-30' }, task.id)).rejects.toThrow('新的整改期限应晚于核查日期');
    await expect(repo.verify(f1.id, { ...bad, reason: ' ', newDeadline: '2024-08-20' }, task.id)).rejects.toThrow('请填写核查情况或理由');
    await expect(repo.verify(f1.id, { ...bad, verifiedBy: '', newDeadline: '2024-08-20' }, task.id)).rejects.toThrow('请填写核查人');
    expect((await findings.get(f1.id))!.status).toBe('已整改');
    const v = await repo.verify(f1.id, { ...bad, newDeadline: '2024-08-20' }, task.id);
    expect(v).toMatchObject({ status: '整改不到位', deadline: '2024-08-20', verifiedBy: '李华', verifiedAt: '2024-08-01', outcome: '整改不到位' });

    // A second check closes it.
    const ok = await repo.verify(f1.id, { outcome: '已整改销号', verifiedBy: '李华', verifiedAt: '2024-08-22', reason: '现场查看已全部发布' }, task.id);
    expect(ok.status).toBe('已复核销号');
    await expect(repo.recordReply(f1.id, { receivedAt: '2024-08-23', text: '再次报送' })).rejects.toThrow('已复核销号');

    const history = await findings.statusHistory(f1.id);
    expect(history.map((h) => [h.status, h.reason])).toEqual([
      ['待整改', ''],
      ['已下发通知', '下发整改通知书'],
      ['已整改', '收到整改报告（2024-07-18），待回头看核查'],
      ['整改不到位', '仍有1件文件未发布'],
      ['已复核销号', '现场查看已全部发布'],
    ]);
    expect(history.every((h) => h.author === '王明')).toBe(true);

    await repo.verify(f2.id, { outcome: '逾期未整改', verifiedBy: '李华', verifiedAt: '2024-08-01', reason: '未收到整改报告' }, task.id);
    expect((await findings.get(f2.id))!.status).toBe('逾期未整改');
  });

  it('a status change without a reason is refused and changes nothing', async () => {
    const { s, findings, f1 } = await setup();
    const changes = await s.db.changes.count();
    await expect(findings.setStatus(f1.id, '已整改', '')).rejects.toThrow('请填写将状态改为「已整改」的理由');
    await expect(findings.update(f1.id, { status: '逾期未整改' })).rejects.toThrow('理由');
    expect((await findings.get(f1.id))!.status).toBe('待整改');
    expect(await s.db.changes.count()).toBe(changes);
  });

  it('follow-up of a submitted assessment leaves its score as submitted', async () => {
    const { s, a, inspections, mid, repo, f1, f2 } = await setup();
    await new AssessmentRepository(s.db, s.logger).setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: 2 });
    await inspections.submit(a.id);
    const submitted = (await s.db.assessments.get(a.id))!.scoreSnapshot!;
    const task = await repo.createTask({ title: '回头看', year: 2024, inspectionId: mid.id, dueBy: '2024-08-01' });
    await repo.verify(f1.id, { outcome: '逾期未整改', verifiedBy: '李华', verifiedAt: '2024-08-01', reason: '未整改' }, task.id);
    await repo.verify(f2.id, { outcome: '整改不到位', verifiedBy: '李华', verifiedAt: '2024-08-01', reason: '整改不彻底', newDeadline: '2024-08-30' }, task.id);
    const after = (await s.db.assessments.get(a.id))!;
    expect(after.status).toBe('submitted');
    expect(after.scoreSnapshot).toEqual(submitted);
  });
});
