import Dexie, { type EntityTable } from 'dexie';
import type { ChangeLogEntry } from '../../shared/domain/changeLog';
import type { Finding, Notice } from '../../shared/domain/findings';
import type {
  Assessment,
  ChecklistAnswer,
  DrawRecord,
  IndicatorNote,
  Inspection,
  PhoneCallRow,
  ResponseRow,
} from '../../shared/domain/inspections';
import type { PhotoBlobRow, PhotoLink, PhotoRow } from '../../shared/domain/photos';
import type { Target } from '../../shared/domain/targets';
import type { Scheme } from '../../shared/scheme/model';

/**
 * The app's IndexedDB database. Every schema change is a new version with an
 * upgrade function, tested by opening a database written by the previous version.
 *
 * History:
 *  v1 — first release: targets had one `publicPhone` string.
 *  v2 — targets carry `disclosurePhones: string[]` and an indexable `deleted` flag
 *       (IndexedDB cannot index null, so soft delete is mirrored as 0/1).
 *  v3 — schemes, inspections and everything recorded in them (responses, notes,
 *       phone calls, 五统一 answers, draws, findings, notices, photos, paperwork checks).
 *  v4 — sync: merge conflicts kept for a person to settle, and the bundles imported.
 *  v6 — original photo files kept as evidence (browser build; the desktop keeps them as files).
 */
export const DB_NAME = 'zwgk-inspector';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A stored target: the domain row plus the indexable soft-delete flag. */
export interface TargetRow extends Target {
  deleted: 0 | 1;
}

/** A scheme the office owns (built-ins live in code, not here). */
export interface SchemeRow {
  id: string;
  scheme: Scheme;
  name: string;
  year: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

/** The result of a paperwork check (catalogue, ledger, timeliness) for one assessment. */
export interface CheckRunRow {
  id: string;
  assessmentId: string;
  inspectionId: string;
  kind: 'catalogue' | 'ledger' | 'interpretation' | 'submission';
  fileName: string;
  fileHash: string;
  /** The check's result as produced by shared/checks, plus what the inspector confirmed. */
  result: unknown;
  confirmed: string[];
  /** The rule the confirmed count feeds, and the count. */
  ruleId: string | null;
  count: number;
  createdAt: string;
  updatedAt: string;
}

/** A field changed on two laptops without either seeing the other's change; id = the field key. */
export interface ConflictRow {
  id: string;
  table: string;
  rowId: string;
  field: string;
  /** HLCs of the concurrent values (their entries are in the change log). */
  heads: string[];
  detectedAt: string;
}

/** A sync bundle merged into this database. */
export interface ImportedBundleRow {
  id: string;
  fileName: string;
  sha256: string;
  fromDevice: string;
  fromAuthor: string;
  createdAt: string;
  importedAt: string;
  newChanges: number;
}

/** An original photo file as imported, content-addressed: id = its SHA-256. Browser build only. */
export interface OriginalRow {
  id: string;
  blob: Blob;
  bytes: number;
  storedAt: string;
}

export class InspectorDatabase extends Dexie {
  meta!: EntityTable<MetaRow, 'key'>;
  targets!: EntityTable<TargetRow, 'id'>;
  changes!: EntityTable<ChangeLogEntry, 'id'>;
  schemes!: EntityTable<SchemeRow, 'id'>;
  inspections!: EntityTable<Inspection, 'id'>;
  assessments!: EntityTable<Assessment, 'id'>;
  responses!: EntityTable<ResponseRow, 'id'>;
  indicatorNotes!: EntityTable<IndicatorNote, 'id'>;
  phoneCalls!: EntityTable<PhoneCallRow, 'id'>;
  checklistAnswers!: EntityTable<ChecklistAnswer, 'id'>;
  draws!: EntityTable<DrawRecord, 'id'>;
  findings!: EntityTable<Finding, 'id'>;
  notices!: EntityTable<Notice, 'id'>;
  photos!: EntityTable<PhotoRow, 'id'>;
  photoBlobs!: EntityTable<PhotoBlobRow, 'id'>;
  photoLinks!: EntityTable<PhotoLink, 'id'>;
  checkRuns!: EntityTable<CheckRunRow, 'id'>;
  conflicts!: EntityTable<ConflictRow, 'id'>;
  importedBundles!: EntityTable<ImportedBundleRow, 'id'>;
  originals!: EntityTable<OriginalRow, 'id'>;

  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores({
      meta: 'key',
      targets: 'id, name, kind, region, updatedAt',
      changes: 'id, hlc, [table+rowId]',
    });
    this.version(2)
      .stores({
        targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind]',
      })
      .upgrade(async (tx) => {
        await tx
          .table('targets')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            const phone = typeof row.publicPhone === 'string' ? row.publicPhone : '';
            row.disclosurePhones = phone
              .split(/[,，;；、\s]+/)
              .map((s) => s.trim())
              .filter(Boolean);
            delete row.publicPhone;
            row.deletedAt = (row.deletedAt as string | null | undefined) ?? null;
            row.deleted = row.deletedAt ? 1 : 0;
          });
      });
    this.version(3).stores({
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
    });
    this.version(4).stores({
      conflicts: 'id, [table+rowId]',
      importedBundles: 'id, importedAt',
    });
    this.version(6).stores({
      originals: 'id',
    });
  }
}

/** Tables whose rows are change-logged (synced and audited). photoBlobs carries bytes and is synced by content hash instead. */
export const LOGGED_TABLES = [
  'targets',
  'schemes',
  'inspections',
  'assessments',
  'responses',
  'indicatorNotes',
  'phoneCalls',
  'checklistAnswers',
  'draws',
  'findings',
  'notices',
  'photos',
  'photoLinks',
  'checkRuns',
] as const;
