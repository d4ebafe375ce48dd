import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { withDerivedResponses } from '../../../shared/inspections/derived';
import { scoreAssessment } from '../../../shared/scoring/engine';
import type { Session } from '../../../renderer/db/session';
import { gatherRoundData, readNoticeSettings, NOTICE_SETTINGS_KEY } from '../../../renderer/features/reports/gatherRoundData';
import { newSession, seedRound } from './seed';

let session: Session | null = null;
afterEach(async () => {
  if (session) {
    session.db.close();
    await Dexie.delete(session.db.name);
  }
  session = null;
});

describe('gathering a round for documents', () => {
  it('scores every unit as the round overview does, derived rules included', async () => {
    session = await newSession();
    const { db } = session;
    const seeded = await seedRound(db);
    // A finding notified in writing does not feed 经核实确有问题并书面要求进行整改 (that rule counts complaint cases).
    await db.findings.update(seeded.findings[0].id, { status: '已下发通知' });
    const data = await gatherRoundData(db, seeded.inspection.id);
    expect(data.assessments.map((a) => a.assessment.targetName)).toEqual(seeded.assessments.map((a) => a.assessment.targetName));
    for (const a of data.assessments) {
      const stored = Object.fromEntries((await db.responses.where('assessmentId').equals(a.assessment.id).toArray()).map((r) => [r.ruleId, r.response!]));
      const { responses } = withDerivedResponses(data.inspection.scheme, stored, {
        phoneCalls: await db.phoneCalls.where('assessmentId').equals(a.assessment.id).toArray(),
        findings: (await db.findings.where('assessmentId').equals(a.assessment.id).toArray()).filter((f) => !f.deleted),
      });
      expect(a.result.total).toBe(scoreAssessment(data.inspection.scheme, responses).total);
    }
    const first = data.assessments.find((a) => a.assessment.id === seeded.findings[0].assessmentId)!;
    expect(first.responses['pj24c.complaints.rectify-required']?.valueOf()).not.toEqual({ count: 1 });
    expect(first.result.lines.join()).toBeTruthy();
  });

  it('leaves out removed units, deleted findings and calls, and knows the organisation and the data date', async () => {
    session = await newSession();
    const { db } = session;
    const seeded = await seedRound(db);
    const gone = seeded.assessments[2].assessment;
    await db.assessments.update(gone.id, { deleted: 1, deletedAt: '2024-06-08T00:00:00.000Z' });
    await db.findings.update(seeded.findings[0].id, { deleted: 1, deletedAt: '2024-06-08T00:00:00.000Z', updatedAt: '2024-06-09T10:00:00.000Z' });
    await db.phoneCalls.update(seeded.phoneCalls[0].id, { deleted: 1, deletedAt: '2024-06-08T00:00:00.000Z' });
    const data = await gatherRoundData(db, seeded.inspection.id);
    expect(data.assessments.map((a) => a.assessment.id)).not.toContain(gone.id);
    expect(data.findings.map((f) => f.id)).not.toContain(seeded.findings[0].id);
    expect(data.phoneCalls.map((c) => c.id)).not.toContain(seeded.phoneCalls[0].id);
    expect(data.phoneCalls.every((c) => c.assessmentId !== gone.id)).toBe(true);
    expect(data.organisation).toBe('盘锦市人民政府办公室');
    expect(data.asOf).toBe('2024-06-09T10:00:00.000Z');
    expect(data.checklists.map((c) => c.id)).toEqual(['panjin-five-unified']);
    expect(data.assessments[1].notes['pj24c.interpretation']).toContain('现场查阅');
  });

  it('loads photo bytes only when asked, and only for the unit asked', async () => {
    session = await newSession();
    const { db } = session;
    const seeded = await seedRound(db, { photos: 4 });
    const none = await gatherRoundData(db, seeded.inspection.id);
    expect(none.photos).toHaveLength(4);
    expect(none.photos.every((p) => p.jpeg === null)).toBe(true);
    const all = await gatherRoundData(db, seeded.inspection.id, { photoBytes: true });
    expect(all.photos.every((p) => p.jpeg && p.jpeg[0] === 0xff && p.jpeg[1] === 0xd8)).toBe(true);
    const unit = seeded.photos[0].links[0].assessmentId;
    const one = await gatherRoundData(db, seeded.inspection.id, { photoBytes: unit });
    for (const p of one.photos) expect(p.jpeg !== null).toBe(p.links.some((l) => l.assessmentId === unit));
    // A photo taken out of the report is not gathered.
    await db.photoLinks.update(seeded.photos[1].links[0].id, { forReport: false });
    expect((await gatherRoundData(db, seeded.inspection.id)).photos.map((p) => p.photo.id)).not.toContain(seeded.photos[1].photo.id);
  });

  it('fills the notice settings with defaults and says clearly when the round is gone', async () => {
    session = await newSession();
    const { db } = session;
    expect(await readNoticeSettings(db)).toMatchObject({ issuer: '', dateStyle: 'arabic', receipt: true, defaultDeadlineDays: 15, systemFonts: {} });
    await db.meta.put({ key: NOTICE_SETTINGS_KEY, value: { issuer: '市政务公开办', numberPrefix: '盘政公改' } });
    expect(await readNoticeSettings(db)).toMatchObject({ issuer: '市政务公开办', numberPrefix: '盘政公改', receipt: true });
    await expect(gatherRoundData(db, 'missing')).rejects.toThrow('检查任务不存在或已被删除');
  });
});
