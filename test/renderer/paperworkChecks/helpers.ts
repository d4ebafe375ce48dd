import Dexie from 'dexie';
import type { Scheme } from '../../../shared/scheme/model';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes/panjin2024';
import { seedRound, type SeededRound } from '../support/round';

export type Round = SeededRound;

/** A fresh database with one round (Panjin county scheme by default) and one unit in it. */
export async function newRound(scheme: Scheme = PANJIN_2024_COUNTY): Promise<Round> {
  return seedRound({ dbPrefix: 'pc', scheme });
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
