// Puts a demonstration round into a fresh test database, the way the app's
// screens would have stored it (stored responses without derived rules).
import { demoRound } from '../../../shared/documents/demoRound';
import type { RoundDocumentData } from '../../../shared/documents/types';
import { derivedRuleIds } from '../../../shared/inspections/derived';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';
import { InspectorDatabase } from '../../../renderer/db/database';

export async function newSession(): Promise<Session> {
  const name = `reports-${Math.random().toString(36).slice(2)}`;
  const s = await openSession(new InspectorDatabase(name));
  return saveProfile(s, { name: '王明', organisation: '盘锦市人民政府办公室', team: '第一组' });
}

export async function seedRound(db: InspectorDatabase, options: { targets?: number; photos?: number } = {}): Promise<RoundDocumentData> {
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);
  const data = demoRound({ targets: options.targets ?? 3, findingsPerTarget: 2, photos: options.photos ?? 2, photoBytes: (i) => ({ jpeg: jpeg.map((b, k) => (k === 4 ? i : b)), width: 1600, height: 1200 }) });
  const derived = derivedRuleIds(data.inspection.scheme);
  await db.inspections.put(data.inspection);
  await db.targets.bulkPut(data.assessments.map((a) => ({ ...a.target!, deleted: 0 as const })));
  await db.assessments.bulkPut(data.assessments.map((a) => a.assessment));
  await db.responses.bulkPut(
    data.assessments.flatMap((a) =>
      Object.entries(a.responses)
        .filter(([ruleId]) => !derived.has(ruleId))
        .map(([ruleId, response]) => ({ id: `${a.assessment.id}:${ruleId}`, assessmentId: a.assessment.id, inspectionId: data.inspection.id, ruleId, response, updatedAt: '2024-06-06T08:00:00.000Z' })),
    ),
  );
  await db.indicatorNotes.bulkPut(
    data.assessments.flatMap((a) => Object.entries(a.notes).map(([indicatorId, text]) => ({ id: `${a.assessment.id}:${indicatorId}`, assessmentId: a.assessment.id, indicatorId, text, updatedAt: '2024-06-05T08:00:00.000Z' }))),
  );
  await db.findings.bulkPut(data.findings);
  await db.phoneCalls.bulkPut(data.phoneCalls);
  await db.checklistAnswers.bulkPut(data.checklistAnswers);
  for (const p of data.photos) {
    await db.photos.put(p.photo);
    await db.photoLinks.bulkPut(p.links);
    await db.photoBlobs.put({ id: `${p.photo.id}:processed`, photoId: p.photo.id, blob: new Blob([p.jpeg! as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }) });
  }
  return data;
}
