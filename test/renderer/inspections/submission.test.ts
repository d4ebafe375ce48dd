import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { AssessmentRepository } from '../../../renderer/features/assessment/assessmentRepository';
import { FindingRepository } from '../../../renderer/features/findings/findingRepository';
import { InspectionRepository } from '../../../renderer/features/inspections/inspectionRepository';
import { gatherRoundData } from '../../../renderer/features/reports/gatherRoundData';
import { NoticeRepository } from '../../../renderer/features/reports/noticeRepository';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { rankedAssessments } from '../../../shared/documents/roundModel';
import { buildScoreSheetWorkbook, SUMMARY_SHEET } from '../../../shared/documents/scoreSheet';
import { DEFAULT_NOTICE_SETTINGS } from '../../../shared/documents/types';
import { PANJIN_2024_COUNTY } from '../../../shared/scheme';

let dbName = '';
afterEach(async () => {
  await Dexie.delete(dbName);
});

async function setup() {
  dbName = `submission-${Math.random().toString(36).slice(2)}`;
  let s: Session = await openSession(new InspectorDatabase(dbName));
  s = await saveProfile(s, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  const targets = new TargetRepository(s.db, s.logger);
  const base = { region: '', address: '', contactPerson: '', contactPhone: '', disclosurePhones: ['0427-1111111'], note: '' };
  const dawa = await targets.create({ ...base, name: '大洼区人民政府', kind: '县区政府' });
  const xlt = await targets.create({ ...base, name: '兴隆台区人民政府', kind: '县区政府' });
  const inspections = new InspectionRepository(s.db, s.logger);
  const round = await inspections.create({ title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-07-01', endDate: '2024-07-05', team: ['王明'], scheme: PANJIN_2024_COUNTY });
  const [a, b] = await inspections.addTargets(round.id, [dawa, xlt], 'manual');
  const assessments = new AssessmentRepository(s.db, s.logger);
  const findings = new FindingRepository(s.db, s.logger);
  return { s, round, a, b, inspections, assessments, findings };
}

async function shown(s: Session, inspectionId: string, assessmentId: string) {
  const data = await gatherRoundData(s.db, inspectionId);
  return rankedAssessments(data).find((x) => x.assessment.id === assessmentId)!;
}

describe('submitted means frozen', () => {
  it('a submitted score is unchanged by a notice and by follow-up, and still says 已提交', async () => {
    const { s, round, a, inspections, assessments, findings } = await setup();
    await assessments.setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: 3 });
    const input = { assessmentId: a.id, indicatorId: 'pj24c.documents', ruleId: null, checklistItemId: null, severity: '一般' as const, requirement: '限期整改', deadline: '2024-07-20' };
    const f1 = await findings.create({ ...input, description: '未及时更新现行有效行政规范性文件' });
    const f2 = await findings.create({ ...input, description: '政策解读栏目未更新' });
    await inspections.submit(a.id);
    const before = await shown(s, round.id, a.id);
    const submitted = (await s.db.assessments.get(a.id))!;
    expect(submitted.status).toBe('submitted');
    expect(submitted.scoreSnapshot?.version).toBe(1);
    expect(submitted.scoreSnapshot?.result.total).toBe(before.result.total);
    expect(before.versionText).toMatch(/^评分版本：第1次提交，\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const responsesBefore = await s.db.responses.where('assessmentId').equals(a.id).toArray();

    // Issue the notice and mark both findings 逾期未整改 at follow-up.
    const notices = new NoticeRepository(s.db, s.logger);
    await notices.saveSettings({ ...DEFAULT_NOTICE_SETTINGS, issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改' });
    await notices.issue(round.id, a.id, [f1.id, f2.id], new Date(2024, 6, 8, 9, 11));
    await findings.setStatus(f1.id, '逾期未整改', '回头看时仍未整改');
    await findings.setStatus(f2.id, '逾期未整改', '回头看时仍未整改');

    const after = await shown(s, round.id, a.id);
    expect(after.result.total).toBe(before.result.total);
    expect(after.result.totalText).toBe(before.result.totalText);
    expect(after.assessment.status).toBe('submitted');
    expect(await s.db.responses.where('assessmentId').equals(a.id).toArray()).toEqual(responsesBefore);
    // The follow-up went into the findings, not into this score.
    expect((await s.db.findings.get(f1.id))!.status).toBe('逾期未整改');
    const sheet = buildScoreSheetWorkbook(await gatherRoundData(s.db, round.id)).getWorksheet(SUMMARY_SHEET)!;
    const header = sheet.getRow(4).values as unknown[];
    const row = [5, 6].map((r) => sheet.getRow(r)).find((r) => r.getCell(2).value === '大洼区人民政府')!;
    expect(row.getCell(header.indexOf('总分')).value).toBe(before.result.total / 1000);
  });

  it('changing a submitted score takes an unlock with a reason and a new submission, which is version 2', async () => {
    const { s, round, a, inspections, assessments } = await setup();
    await assessments.setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: 1 });
    await inspections.submit(a.id);
    await expect(assessments.setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: 2 })).rejects.toThrow('已提交锁定');
    const changes = await s.db.changes.count();
    await expect(inspections.unlock(a.id, ' ')).rejects.toThrow('请填写解锁理由');
    await expect(inspections.submit(a.id)).rejects.toThrow('该评分记录已提交');
    expect(await s.db.changes.count()).toBe(changes);
    expect((await s.db.assessments.get(a.id))!.status).toBe('submitted');

    await inspections.unlock(a.id, '复核发现目录计数有误');
    const reopened = await shown(s, round.id, a.id);
    expect(reopened.rank).toBeNull();
    expect(reopened.versionText).toBe('评分版本：评分中，未提交（分数可能变化）');
    await assessments.setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: 2 });
    await inspections.submit(a.id);
    const v2 = (await s.db.assessments.get(a.id))!;
    expect(v2.scoreSnapshot?.version).toBe(2);
    expect(v2.scoreSnapshot?.result.totalText).toBe('−0.2');
    expect((await shown(s, round.id, a.id)).versionText).toMatch(/^评分版本：第2次提交/);
    const log = await historyOf(s.db, 'assessments', a.id);
    expect(log.filter((e) => e.field === 'unlockReason').map((e) => e.value)).toContain('复核发现目录计数有误');
    expect(log.filter((e) => e.field === 'scoreSnapshot')).toHaveLength(2);
  });

  it('ranks only submitted units: an empty open assessment (total 0) is 未完成, not first', async () => {
    const { s, round, a, b, inspections, assessments } = await setup();
    await assessments.setResponse(a.id, 'pj24c.catalogue.dept-missing', { count: 3 });
    await inspections.submit(a.id);
    const ranked = rankedAssessments(await gatherRoundData(s.db, round.id));
    const open = ranked.find((x) => x.assessment.id === b.id)!;
    expect(open.result.total).toBe(0);
    expect(open.rank).toBeNull();
    expect(open.rankText).toBe('未完成（已评 0/6 项指标）');
    expect(ranked.find((x) => x.assessment.id === a.id)!.rankText).toBe('第1名（共1家县区政府）');
  });
});
