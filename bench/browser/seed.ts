// Fills the app's own database (same origin as the app page) with nothing but a
// profile, or with the year, for the start-up figures.
import Dexie from 'dexie';
import { DB_NAME, InspectorDatabase } from '../../renderer/db/database';
import { openSession, saveProfile } from '../../renderer/db/session';
import { skipLock } from '../../renderer/features/lock/lockRepository';
import { makeYear, writeYear } from '../shared/yearFixture';

export async function seed(withYear: boolean): Promise<{ assessmentPath: string; yearFilePath: string; unitName: string }> {
  await Dexie.delete(DB_NAME);
  const s = await saveProfile(await openSession(new InspectorDatabase(DB_NAME)), { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
  // No app lock: the start-up figures time the app opening onto 工作台, not the lock screen.
  await skipLock(s.db);
  const y = makeYear('office');
  if (withYear) await writeYear(s, y);
  s.db.close();
  const a = y.assessments[y.assessments.length - 1 - 20];
  return { assessmentPath: `#/inspections/${a.inspectionId}/assessments/${a.id}`, yearFilePath: `#/year/2024/units/${a.targetId}`, unitName: a.targetName };
}
