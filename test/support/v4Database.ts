import Dexie from 'dexie';

/** The stores of version 4 of the app, exactly as it declared them (the last layout before the assessment year). */
export const V4_STORES: Readonly<Record<string, string>> = {
  meta: 'key',
  targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind]',
  changes: 'id, hlc, [table+rowId]',
  schemes: 'id, deleted, year',
  inspections: 'id, deleted, year, startDate',
  assessments: 'id, inspectionId, targetId, [inspectionId+deleted], [targetId+deleted]',
  responses: 'id, assessmentId, inspectionId',
  indicatorNotes: 'id, assessmentId',
  phoneCalls: 'id, assessmentId, inspectionId, [assessmentId+deleted]',
  checklistAnswers: 'id, assessmentId',
  draws: 'id, inspectionId',
  findings: 'id, inspectionId, assessmentId, targetId, status, deadline, noticeId, [inspectionId+deleted], [assessmentId+deleted]',
  notices: 'id, inspectionId, assessmentId, targetId, [year+seq], number',
  photos: 'id, deleted',
  photoBlobs: 'id, photoId',
  photoLinks: 'id, photoId, ownerId, assessmentId, inspectionId, [ownerId+deleted], [inspectionId+deleted]',
  checkRuns: 'id, assessmentId, inspectionId',
  conflicts: 'id, [table+rowId]',
  importedBundles: 'id, importedAt',
};

/**
 * Writes a database named `name` as version 4 of the app left it, with the
 * rows `fill` puts in, then closes it: the starting point of a migration test.
 */
export async function writeV4Database(name: string, fill: (v4: Dexie) => Promise<void>): Promise<void> {
  const v4 = new Dexie(name);
  v4.version(4).stores({ ...V4_STORES });
  await v4.open();
  try {
    await fill(v4);
  } finally {
    v4.close();
  }
}
