import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import type { Scheme } from '../../../shared/scheme/model';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/panjin2024';
import { uuidv7 } from '../../../shared/util/ids';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';

export interface SeededRound {
  session: Session;
  inspection: Inspection;
  assessment: Assessment;
  dbName: string;
}

/**
 * A fresh database with an inspector (王明), one round of the given scheme and
 * one unit (盘山县人民政府) in it, written through the change logger.
 */
export async function seedRound(options: { dbPrefix: string; title?: string; scheme?: Scheme; watermarkPhotos?: boolean; ids?: { inspection: string; assessment: string; target: string } }): Promise<SeededRound> {
  const dbName = `${options.dbPrefix}-${Math.random().toString(36).slice(2)}`;
  let session = await openSession(new InspectorDatabase(dbName));
  session = await saveProfile(session, { name: '王明', organisation: '盘锦市政务公开办公室', team: '第一检查组' });
  const now = new Date().toISOString();
  const soft = { createdAt: now, updatedAt: now, deletedAt: null, deleted: 0 as const };
  const inspection: Inspection = {
    id: options.ids?.inspection ?? uuidv7(),
    title: options.title ?? '2024年度政务公开年中考核（县区政府）',
    year: 2024,
    kind: '年中考核',
    startDate: '2024-06-03',
    endDate: '2024-06-07',
    team: ['王明'],
    scheme: options.scheme ?? PANJIN_2024_COUNTY,
    schemeHash: 'test',
    watermarkPhotos: options.watermarkPhotos ?? true,
    ...soft,
  };
  const assessment: Assessment = {
    id: options.ids?.assessment ?? uuidv7(),
    inspectionId: inspection.id,
    targetId: options.ids?.target ?? uuidv7(),
    targetName: '盘山县人民政府',
    targetKind: '县区政府',
    addedBy: 'manual',
    status: 'open',
    submittedAt: null,
    submittedBy: null,
    unlockReason: null,
    ...soft,
  };
  await session.logger.save(session.db.inspections, [inspection]);
  await session.logger.save(session.db.assessments, [assessment]);
  return { session, inspection, assessment, dbName };
}
