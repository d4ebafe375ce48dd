import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyNotice } from '../../../shared/documents/notice';
import { DEFAULT_NOTICE_SETTINGS } from '../../../shared/documents/types';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { gatherRoundData, readNoticeSettings } from '../../../renderer/features/reports/gatherRoundData';
import { NoticeRepository } from '../../../renderer/features/reports/noticeRepository';
import { exportSyncBundle, importSyncBundle } from '../../../renderer/features/sync/syncService';
import { TargetRepository } from '../../../renderer/features/targets/targetRepository';
import { seedRound } from './seed';

const SETTINGS = { ...DEFAULT_NOTICE_SETTINGS, issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', contactPerson: '王明', contactPhone: '0427-2826114' };
const JUNE_10 = new Date(2024, 5, 10, 9, 30);
const opened: Session[] = [];

afterEach(async () => {
  for (const s of opened.splice(0)) {
    s.db.close();
    await Dexie.delete(s.db.name);
  }
});

async function laptop(name: string): Promise<Session> {
  const s = await saveProfile(await openSession(new InspectorDatabase(`numbering-${Math.random().toString(36).slice(2)}`)), { name, organisation: '盘锦市人民政府办公室', team: '第一组' });
  opened.push(s);
  return s;
}

async function sync(from: Session, to: Session) {
  const bundle = await exportSyncBundle(from, 'test');
  await importSyncBundle(to, bundle.fileName, bundle.bytes);
}

describe('notice numbers that cannot collide', () => {
  it('a colleague’s laptop gets the notice settings with the next sync', async () => {
    const lead = await laptop('王明');
    const other = await laptop('李华');
    await new NoticeRepository(lead.db, lead.logger).saveSettings(SETTINGS);
    expect((await readNoticeSettings(other.db)).issuer).toBe('');
    await sync(lead, other);
    expect(await readNoticeSettings(other.db)).toMatchObject({ issuer: '盘锦市人民政府办公室', numberPrefix: '盘政办公开改', contactPhone: '0427-2826114' });
  });

  it('the lead holds the series and assigns a block; each laptop numbers only its own numbers, offline', async () => {
    const lead = await laptop('王明');
    const other = await laptop('李华');
    // The same round on both laptops (the seed writes it on each, unlogged).
    const data = await seedRound(lead.db);
    await seedRound(other.db);
    const leadRepo = new NoticeRepository(lead.db, lead.logger);
    await leadRepo.saveSettings(SETTINGS);
    const findingsOf = (i: number) => data.findings.filter((f) => f.assessmentId === data.assessments[i].assessment.id).map((f) => f.id);
    // The first issue on the lead's laptop claims the series.
    const first = await leadRepo.issue(data.inspection.id, data.assessments[0].assessment.id, findingsOf(0).slice(0, 1), JUNE_10);
    expect(first.seq).toBe(1);
    expect((await leadRepo.holder(SETTINGS.issuer, 2024))?.deviceId).toBe(lead.device.deviceId);

    // The other laptop, synced, may not number yet.
    await sync(lead, other);
    const otherRepo = new NoticeRepository(other.db, other.logger);
    await expect(otherRepo.issue(data.inspection.id, data.assessments[1].assessment.id, findingsOf(1), JUNE_10)).rejects.toThrow('本机没有2024年度的文号');
    expect(await other.db.notices.count()).toBe(1);

    // 组长 assigns 21–40 to it; bad ranges are refused and change nothing.
    expect((await leadRepo.knownDevices()).map((d) => d.author)).toEqual(['王明']);
    // The other laptop has worked (a unit added) and sends its bundle: the lead now knows it.
    await new TargetRepository(other.db, other.logger).create({ name: '盘锦市教育局', kind: '政府部门', region: '', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
    await sync(other, lead);
    const known = await leadRepo.knownDevices();
    expect(known.map((d) => d.author)).toEqual(['李华', '王明']);
    const blocksBefore = await lead.db.noticeBlocks.count();
    await expect(leadRepo.assignBlock({ year: 2024, deviceId: other.device.deviceId, deviceLabel: '李华的笔记本', from: 1, to: 20 })).rejects.toThrow('1号及以前的文号已使用');
    await expect(leadRepo.assignBlock({ year: 2024, deviceId: other.device.deviceId, deviceLabel: '李华的笔记本', from: 30, to: 21 })).rejects.toThrow('文号段应为从小到大的正整数');
    expect(await lead.db.noticeBlocks.count()).toBe(blocksBefore);
    await leadRepo.assignBlock({ year: 2024, deviceId: other.device.deviceId, deviceLabel: '李华的笔记本', from: 21, to: 40 });
    await expect(leadRepo.assignBlock({ year: 2024, deviceId: other.device.deviceId, deviceLabel: '李华的笔记本', from: 35, to: 50 })).rejects.toThrow('与已分配给李华的笔记本的21–40号重叠');
    await sync(lead, other);
    await expect(otherRepo.assignBlock({ year: 2024, deviceId: lead.device.deviceId, deviceLabel: '王明', from: 41, to: 60 })).rejects.toThrow('只能由该电脑分配文号段');

    // Offline, both issue: the lead above the blocks, the other inside its block.
    const b = await otherRepo.issue(data.inspection.id, data.assessments[1].assessment.id, findingsOf(1), JUNE_10);
    const a = await leadRepo.issue(data.inspection.id, data.assessments[2].assessment.id, findingsOf(2), JUNE_10);
    expect(b.number).toBe('盘政办公开改〔2024〕21号');
    expect(a.number).toBe('盘政办公开改〔2024〕41号');
    await sync(other, lead);
    await sync(lead, other);
    expect(await leadRepo.duplicateNumbers()).toEqual(new Set());
    expect(await otherRepo.duplicateNumbers()).toEqual(new Set());
    expect(await otherRepo.nextNumber(JUNE_10)).toBe('盘政办公开改〔2024〕22号');
    expect(await leadRepo.nextNumber(JUNE_10)).toBe('盘政办公开改〔2024〕42号');
  });

  it('a duplicate that still appears after a merge is fixed by 重新编号 or 作废, with the history kept', async () => {
    const lead = await laptop('王明');
    const data = await seedRound(lead.db);
    const repo = new NoticeRepository(lead.db, lead.logger);
    await repo.saveSettings(SETTINGS);
    const findingsOf = (i: number) => data.findings.filter((f) => f.assessmentId === data.assessments[i].assessment.id).map((f) => f.id);
    const a = await repo.issue(data.inspection.id, data.assessments[0].assessment.id, findingsOf(0), JUNE_10);
    // The same number arrived from an old laptop that numbered on its own.
    const dup = await repo.issue(data.inspection.id, data.assessments[1].assessment.id, findingsOf(1), JUNE_10);
    await lead.db.notices.update(dup.id, { seq: a.seq, number: a.number });
    expect(await repo.duplicateNumbers()).toEqual(new Set([a.number]));
    expect((await repo.withNumber(a.number)).map((n) => n.id).sort()).toEqual([a.id, dup.id].sort());

    await expect(repo.renumber(dup.id, ' ')).rejects.toThrow('请填写重新编号的理由');
    const renumbered = await repo.renumber(dup.id, '与另一台电脑下发的通知书文号重复');
    expect(renumbered.number).toBe('盘政办公开改〔2024〕3号');
    expect(renumbered.formerNumbers).toEqual([expect.objectContaining({ number: a.number, seq: 1, reason: '与另一台电脑下发的通知书文号重复', by: '王明' })]);
    expect(verifyNotice(await gatherRoundData(lead.db, data.inspection.id), renumbered).ok).toBe(true);
    expect(await repo.duplicateNumbers()).toEqual(new Set());
    expect((await historyOf(lead.db, 'notices', dup.id)).filter((e) => e.field === 'number').map((e) => e.value)).toEqual([dup.number, renumbered.number]);

    // 作废: the notice stays with its number, its findings are free for a new notice.
    await expect(repo.voidNotice(a.id, '')).rejects.toThrow('请填写作废理由');
    const voided = await repo.voidNotice(a.id, '单位名称有误，重新下发');
    expect(voided).toMatchObject({ voided: true, voidReason: '单位名称有误，重新下发', voidedBy: '王明', number: a.number });
    for (const id of findingsOf(0)) expect((await lead.db.findings.get(id))!.noticeId).toBeNull();
    await expect(repo.voidNotice(a.id, '再次作废')).rejects.toThrow('已作废');
    const again = await repo.issue(data.inspection.id, data.assessments[0].assessment.id, findingsOf(0), JUNE_10);
    expect(again.seq).toBe(4);
  });
});
