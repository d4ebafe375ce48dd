import Dexie from 'dexie';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import type { Scheme } from '../../../shared/scheme/model';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/panjin2024';
import { uuidv7 } from '../../../shared/util/ids';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile, type Session } from '../../../renderer/db/session';

export interface Round {
  session: Session;
  inspection: Inspection;
  assessment: Assessment;
  dbName: string;
}

/** A fresh database with one round (Panjin county scheme by default) and one unit in it. */
export async function newRound(scheme: Scheme = PANJIN_2024_COUNTY): Promise<Round> {
  const dbName = `pc-${Math.random().toString(36).slice(2)}`;
  let session = await openSession(new InspectorDatabase(dbName));
  session = await saveProfile(session, { name: '王明', organisation: '盘锦市政务公开办公室', team: '第一检查组' });
  const now = new Date().toISOString();
  const inspection: Inspection = {
    id: uuidv7(),
    title: '2024年度政务公开年中考核（县区政府）',
    year: 2024,
    kind: '年中考核',
    startDate: '2024-06-03',
    endDate: '2024-06-07',
    team: ['王明'],
    scheme,
    schemeHash: 'test',
    watermarkPhotos: true,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    deleted: 0,
  };
  const assessment: Assessment = {
    id: uuidv7(),
    inspectionId: inspection.id,
    targetId: uuidv7(),
    targetName: '盘山县人民政府',
    targetKind: '县区政府',
    addedBy: 'manual',
    status: 'open',
    submittedAt: null,
    submittedBy: null,
    unlockReason: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    deleted: 0,
  };
  await session.logger.save(session.db.inspections, [inspection]);
  await session.logger.save(session.db.assessments, [assessment]);
  return { session, inspection, assessment, dbName };
}

export async function dropRound(r: Round | undefined): Promise<void> {
  if (!r) return;
  r.session.db.close();
  await Dexie.delete(r.dbName);
}

/** Counts of what the checks write, to prove that nothing was written. */
export async function writtenCounts(r: Round) {
  const { db } = r.session;
  return {
    checkRuns: await db.checkRuns.count(),
    responses: await db.responses.count(),
    findings: await db.findings.count(),
    changes: await db.changes.count(),
  };
}
