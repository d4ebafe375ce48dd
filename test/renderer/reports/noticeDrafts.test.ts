import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_NOTICE_SETTINGS } from '../../../shared/documents/types';
import { historyOf } from '../../../renderer/db/changeLogger';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { NoticeDraftRepository, NoticeRepository } from '../../../renderer/features/reports/noticeRepository';
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
  const s = await saveProfile(await openSession(new InspectorDatabase(`drafts-${Math.random().toString(36).slice(2)}`)), { name, organisation: '盘锦市人民政府办公室', team: '第一组' });
  opened.push(s);
  return s;
}

async function sync(from: Session, to: Session) {
  const bundle = await exportSyncBundle(from, 'test');
  await importSyncBundle(to, bundle.fileName, bundle.bytes);
}

describe('unnumbered notice drafts', () => {
  it('a laptop without the series or a block saves a draft without a number, synced, and numbers it once it has a block', async () => {
    const lead = await laptop('王明');
    const other = await laptop('李华');
    const data = await seedRound(lead.db);
    await seedRound(other.db);
    const leadRepo = new NoticeRepository(lead.db, lead.logger);
    await leadRepo.saveSettings(SETTINGS);
    const findingsOf = (i: number) => data.findings.filter((f) => f.assessmentId === data.assessments[i].assessment.id).map((f) => f.id);
    await leadRepo.issue(data.inspection.id, data.assessments[0].assessment.id, findingsOf(0).slice(0, 1), JUNE_10);
    await sync(lead, other);

    const otherRepo = new NoticeRepository(other.db, other.logger);
    const drafts = new NoticeDraftRepository(other.db, other.logger);
    const aid = data.assessments[1].assessment.id;
    await expect(otherRepo.issue(data.inspection.id, aid, findingsOf(1), JUNE_10)).rejects.toThrow('本机没有2024年度的文号');
    const draft = await drafts.save(data.inspection.id, aid, findingsOf(1), JUNE_10);
    expect(draft).toMatchObject({ noticeId: null, createdBy: '李华', findingIds: findingsOf(1) });
    expect('number' in draft).toBe(false);
    expect((await historyOf(other.db, 'noticeDrafts', draft.id)).map((e) => e.author)).toContain('李华');
    // The draft holds its findings: no second draft, no notice with them.
    await expect(drafts.save(data.inspection.id, aid, findingsOf(1).slice(0, 1), JUNE_10)).rejects.toThrow('已列入其他草稿');
    await expect(drafts.save(data.inspection.id, aid, [], JUNE_10)).rejects.toThrow('请至少选择一个问题');
    // Numbering still needs a number source; refused, nothing changes.
    await expect(drafts.number(draft.id, JUNE_10)).rejects.toThrow('本机没有2024年度的文号');
    expect(await other.db.notices.count()).toBe(1);
    expect((await drafts.list(data.inspection.id)).map((d) => d.id)).toEqual([draft.id]);

    // The draft syncs to the lead's laptop, and the lead's block comes back.
    await new TargetRepository(other.db, other.logger).create({ name: '盘锦市教育局', kind: '政府部门', region: '', address: '', contactPerson: '', contactPhone: '', disclosurePhones: [], note: '' });
    await sync(other, lead);
    expect((await new NoticeDraftRepository(lead.db, lead.logger).list(data.inspection.id)).map((d) => d.id)).toEqual([draft.id]);
    await expect(leadRepo.issue(data.inspection.id, aid, findingsOf(1), JUNE_10)).rejects.toThrow('已列入整改通知书草稿');
    await leadRepo.assignBlock({ year: 2024, deviceId: other.device.deviceId, deviceLabel: '李华的笔记本', from: 21, to: 40 });
    await sync(lead, other);

    const notice = await drafts.number(draft.id, JUNE_10);
    expect(notice.number).toBe('盘政办公开改〔2024〕21号');
    expect(notice.findingIds).toEqual(findingsOf(1));
    expect(await drafts.list(data.inspection.id)).toEqual([]);
    expect((await other.db.noticeDrafts.get(draft.id))?.noticeId).toBe(notice.id);
    expect((await other.db.findings.bulkGet(findingsOf(1))).every((f) => f?.noticeId === notice.id)).toBe(true);
    await expect(drafts.number(draft.id, JUNE_10)).rejects.toThrow('该草稿已编号下发');
  });
});
