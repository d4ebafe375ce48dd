import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyNotice } from '../../../shared/documents/notice';
import { DEFAULT_NOTICE_SETTINGS } from '../../../shared/documents/types';
import { historyOf } from '../../../renderer/db/changeLogger';
import type { Session } from '../../../renderer/db/session';
import { gatherRoundData, NOTICE_SETTINGS_KEY, NOTICE_SETTINGS_ROW } from '../../../renderer/features/reports/gatherRoundData';
import { NoticeRepository, noticeCounterKey } from '../../../renderer/features/reports/noticeRepository';
import { newSession, seedRound } from './seed';

let session: Session | null = null;
afterEach(async () => {
  if (session) {
    session.db.close();
    await Dexie.delete(session.db.name);
  }
  session = null;
});

const SETTINGS = { ...DEFAULT_NOTICE_SETTINGS, issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', contactPerson: '王明', contactPhone: '0427-2826114' };
const JUNE_10 = new Date(2024, 5, 10, 9, 30);

async function setup() {
  session = await newSession();
  const data = await seedRound(session.db);
  const repo = new NoticeRepository(session.db, session.logger);
  const unitFindings = (i: number) => data.findings.filter((f) => f.assessmentId === data.assessments[i].assessment.id).map((f) => f.id);
  return { db: session.db, data, repo, unitFindings };
}

describe('notice settings', () => {
  it('refuses incomplete or malformed settings and keeps what was stored', async () => {
    const { db, repo } = await setup();
    await repo.saveSettings(SETTINGS);
    await expect(repo.saveSettings({ ...SETTINGS, issuer: '  ' })).rejects.toThrow('请填写发文机关');
    await expect(repo.saveSettings({ ...SETTINGS, numberPrefix: '盘政〔改〕' })).rejects.toThrow('文号前缀不应包含括号');
    await expect(repo.saveSettings({ ...SETTINGS, contactPhone: '请拨打总机' })).rejects.toThrow('联系电话只能包含数字、短横线和括号');
    expect((await db.sharedSettings.get(NOTICE_SETTINGS_ROW))?.value).toMatchObject({ issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改' });
    expect(await db.meta.get(NOTICE_SETTINGS_KEY)).toBeUndefined();
    expect(await repo.nextNumber(JUNE_10)).toBe('盘政办公开改〔2024〕1号');
  });
});

describe('issuing notices', () => {
  it('numbers notices in order, links and marks the findings, and leaves the complaint rules alone', async () => {
    const { db, data, repo, unitFindings } = await setup();
    await repo.saveSettings(SETTINGS);
    // The first unit is still being scored; the second was submitted and stays as submitted.
    await db.assessments.update(data.assessments[0].assessment.id, { status: 'open', submittedAt: null, submittedBy: null });
    const first = await repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0), JUNE_10);
    const second = await repo.issue(data.inspection.id, data.assessments[1].assessment.id, unitFindings(1), JUNE_10);
    expect([first.number, second.number]).toEqual(['盘政办公开改〔2024〕1号', '盘政办公开改〔2024〕2号']);
    expect(first.issuedAt).toBe('2024-06-10T09:30:00');
    expect(first.contactPhone).toBe('0427-2826114');
    for (const id of unitFindings(0)) {
      const f = (await db.findings.get(id))!;
      expect(f.noticeId).toBe(first.id);
      expect(f.status).toBe('已下发通知');
    }
    // Notified findings do not feed 经核实确有问题并书面要求进行整改: that rule counts complaint cases.
    const rule = await db.responses.get(`${data.assessments[0].assessment.id}:pj24c.complaints.rectify-required`);
    expect(rule?.response).not.toEqual({ count: 2 });
    // Change-logged, and the stored hash matches what the data give now.
    expect((await historyOf(db, 'notices', first.id)).map((e) => e.field)).toContain('number');
    const round = await gatherRoundData(db, data.inspection.id);
    expect(verifyNotice(round, round.notices.find((n) => n.id === first.id)!).ok).toBe(true);
    expect(await repo.nextNumber(JUNE_10)).toBe('盘政办公开改〔2024〕3号');
  });

  it('never reuses a number, even when a notice record is gone', async () => {
    const { db, data, repo, unitFindings } = await setup();
    await repo.saveSettings(SETTINGS);
    const a = await repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0), JUNE_10);
    await db.notices.delete(a.id);
    const b = await repo.issue(data.inspection.id, data.assessments[1].assessment.id, unitFindings(1), JUNE_10);
    expect(b.seq).toBe(2);
    expect((await db.meta.get(noticeCounterKey(SETTINGS.issuer, 2024)))?.value).toBe(2);
  });

  it('shows a number that two laptops both used, and numbers the next notice after it', async () => {
    const { db, data, repo, unitFindings } = await setup();
    await repo.saveSettings(SETTINGS);
    const a = await repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0), JUNE_10);
    expect(await repo.duplicateNumbers()).toEqual(new Set());
    // The same number arrives from another laptop through a merge.
    await db.notices.put({ ...a, id: 'from-the-other-laptop', assessmentId: data.assessments[1].assessment.id });
    expect(await repo.duplicateNumbers()).toEqual(new Set([a.number]));
    const b = await repo.issue(data.inspection.id, data.assessments[1].assessment.id, unitFindings(1), JUNE_10);
    expect(b.seq).toBe(a.seq + 1);
  });

  it('numbers per issuer and per assessment year: a round’s notices carry its year whatever the clock says', async () => {
    const { db, data, repo, unitFindings } = await setup();
    expect(data.inspection.year).toBe(2024);
    await repo.saveSettings(SETTINGS);
    // Issued in 2026 for the 2024 round: 〔2024〕, in the 2024 series.
    const late = await repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0), new Date(2026, 11, 2, 10, 0));
    expect([late.number, late.year]).toEqual(['盘政办公开改〔2024〕1号', 2024]);
    await repo.saveSettings({ ...SETTINGS, issuer: '盘锦市政务服务管理局', numberPrefix: '盘政服改' });
    const other = await repo.issue(data.inspection.id, data.assessments[1].assessment.id, unitFindings(1), JUNE_10);
    expect(other.number).toBe('盘政服改〔2024〕1号');
    // A 2025 round starts its own series, even on a clock still in 2024.
    const unit = data.assessments[2].assessment;
    await db.inspections.put({ ...data.inspection, id: 'round-2025', year: 2025, title: '2025年度政务公开年中考核（县区政府）' });
    await db.assessments.update(unit.id, { inspectionId: 'round-2025' });
    await db.findings.where('assessmentId').equals(unit.id).modify({ inspectionId: 'round-2025' });
    expect(await repo.nextNumber(await repo.roundYear('round-2025'))).toBe('盘政服改〔2025〕1号');
    const nextYear = await repo.issue('round-2025', unit.id, unitFindings(2), new Date(2024, 11, 30, 10, 0));
    expect([nextYear.number, nextYear.year]).toEqual(['盘政服改〔2025〕1号', 2025]);
    expect(await repo.nextNumber(2024)).toBe('盘政服改〔2024〕2号');
  });

  it('refuses a finding already on a notice, and changes nothing', async () => {
    const { db, data, repo, unitFindings } = await setup();
    await repo.saveSettings(SETTINGS);
    await repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0).slice(0, 1), JUNE_10);
    const before = await db.notices.count();
    await expect(repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0), JUNE_10)).rejects.toThrow('已列入其他整改通知书');
    expect(await db.notices.count()).toBe(before);
    expect((await db.meta.get(noticeCounterKey(SETTINGS.issuer, 2024)))?.value).toBe(1);
    expect((await db.findings.get(unitFindings(0)[1]))?.noticeId).toBeNull();
  });

  it('asks for the settings first, and refuses findings of another unit', async () => {
    const { db, data, repo, unitFindings } = await setup();
    await expect(repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(0), JUNE_10)).rejects.toThrow('请先在“通知书设置”中填写发文机关');
    await repo.saveSettings(SETTINGS);
    await expect(repo.issue(data.inspection.id, data.assessments[0].assessment.id, unitFindings(1), JUNE_10)).rejects.toThrow('已被删除或不属于该单位');
    await expect(repo.issue(data.inspection.id, data.assessments[0].assessment.id, [], JUNE_10)).rejects.toThrow('请至少选择一个问题');
    expect(await db.notices.count()).toBe(0);
  });
});
