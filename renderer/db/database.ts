import Dexie, { type EntityTable } from 'dexie';
import type { ChangeLogEntry } from '../../shared/domain/changeLog';
import type { Finding, FollowUpTask, Notice } from '../../shared/domain/findings';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
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
import type { BulletinRecord, ComplaintCase, PrefillDecision } from '../../shared/domain/year';
import type { Target } from '../../shared/domain/targets';
import type { Scheme } from '../../shared/scheme/model';
import { TARGET_SEARCH, targetSearchMiddleware, targetSearchRow, type TargetSearchRow } from './targetSearch';

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
 *  v5 — sync: bundles held for a person to accept or refuse (a laptop's clock far ahead).
 *  v6 — original photo files kept as evidence (browser build; the desktop keeps them as files).
 *  v7 — the assessment year: 拨测 calls become year-long records of the unit
 *       (`year`, indexed by [targetId+year]; existing calls get their round's year),
 *       complaint cases, 通报 records and the year-end pre-fill decisions;
 *       halls point to their county (targets.parentId).
 *  v8 — 回头看 tasks (followUpTasks); office settings that every laptop shares
 *       (sharedSettings, change-logged: the notice settings move there from
 *       db.meta); notice number blocks assigned to laptops (noticeBlocks).
 *  v10 — team identity (trust): this laptop's key pairs (non-extractable CryptoKeys),
 *       the office roster, the office data key and, on the 管理员's laptop, the
 *       passphrase-encrypted office key. Local only, never synced.
 *  v11 — unnumbered notice drafts (noticeDrafts), synced.
 *  v12 — the units list's index (targetSearch, see targetSearch.ts): one key per
 *       unit holding what the list filters, searches and sorts on, so the list
 *       reads keys and only the rows of the page shown. Local, rebuilt from the units.
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

/** An office setting shared by every laptop (synced): id = 'notice' for the notice settings; the whole object is stored. */
export interface SharedSettingRow {
  id: string;
  value: unknown;
  updatedAt: string;
}

/**
 * A block of notice numbers of one issuer and year assigned to one laptop
 * (e.g. 1–20 to laptop A). The laptop that holds the series (holder = true)
 * numbers above every block; the others number only inside their blocks.
 */
/**
 * A notice saved as a draft (草稿) on a laptop that cannot number it yet (no
 * number series, no block): no number, never printed; numbered later by
 * 编号下发, which issues the real notice and records it here.
 */
export interface NoticeDraftRow {
  id: string;
  inspectionId: string;
  assessmentId: string;
  targetId: string;
  year: number;
  findingIds: string[];
  createdBy: string;
  createdAt: string;
  /** The notice issued from this draft; null while it is a draft. */
  noticeId: string | null;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
}

export interface NoticeBlockRow {
  id: string;
  issuer: string;
  year: number;
  deviceId: string;
  /** The laptop's name as the team lead wrote it (e.g. 李华的笔记本). */
  deviceLabel: string;
  /** The series holder's own row has from = to = 0. */
  holder: boolean;
  from: number;
  to: number;
  assignedBy: string;
  assignedAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: 0 | 1;
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

/**
 * A sync bundle held back (待确认): some of its changes are stamped further ahead of
 * this laptop's clock than the allowed drift. A person accepts (it is merged) or
 * refuses it (its changes are dropped); the decision stays on record.
 */
export interface QuarantineRow {
  /** SHA-256 of the bundle file. */
  id: string;
  fileName: string;
  fromDevice: string;
  fromAuthor: string;
  createdAt: string;
  receivedAt: string;
  /** How far the newest change is ahead of this laptop's clock when received, in ms. */
  skewMs: number;
  /** The newest change's stamp. */
  newestHlc: string;
  total: number;
  /** Changes stamped beyond the allowed drift. */
  aheadCount: number;
  status: 'pending' | 'accepted' | 'refused';
  decidedAt: string | null;
  decidedBy: string | null;
  /** The validated bundle content, kept until decided. */
  entries: ChangeLogEntry[];
  blobs: PhotoBlobRow[];
}

/** Team identity state kept on this laptop (see renderer/features/trust/trustStore.ts); id = what it is. */
export interface TrustRow {
  id: string;
  value: unknown;
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
  quarantine!: EntityTable<QuarantineRow, 'id'>;
  followUpTasks!: EntityTable<FollowUpTask, 'id'>;
  sharedSettings!: EntityTable<SharedSettingRow, 'id'>;
  noticeBlocks!: EntityTable<NoticeBlockRow, 'id'>;
  noticeDrafts!: EntityTable<NoticeDraftRow, 'id'>;
  complaintCases!: EntityTable<ComplaintCase, 'id'>;
  bulletins!: EntityTable<BulletinRecord, 'id'>;
  prefillDecisions!: EntityTable<PrefillDecision, 'id'>;
  originals!: EntityTable<OriginalRow, 'id'>;
  trust!: EntityTable<TrustRow, 'id'>;
  targetSearch!: EntityTable<TargetSearchRow, 'k'>;

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
    this.version(5).stores({
      quarantine: 'id, receivedAt, status',
    });
    this.version(6).stores({
      originals: 'id',
    });
    this.version(7)
      .stores({
        targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind], parentId',
        phoneCalls: 'id, assessmentId, inspectionId, [assessmentId+deleted], [targetId+year], year',
        complaintCases: 'id, [targetId+year], year',
        bulletins: 'id, [targetId+year], year',
        prefillDecisions: 'id, assessmentId',
      })
      .upgrade(async (tx) => {
        const years = new Map<string, number>();
        await tx
          .table('inspections')
          .toCollection()
          .each((i: { id: string; year: number }) => {
            years.set(i.id, i.year);
          });
        await tx
          .table('phoneCalls')
          .toCollection()
          .modify((row: Record<string, unknown>) => {
            if (typeof row.year === 'number') return;
            const fromRound = years.get(String(row.inspectionId));
            const fromTime = Number(String(row.at ?? '').slice(0, 4));
            row.year = fromRound ?? (Number.isInteger(fromTime) && fromTime > 0 ? fromTime : new Date().getFullYear());
          });
      });
    this.version(8)
      .stores({
        followUpTasks: 'id, year, inspectionId, deleted',
        sharedSettings: 'id',
        noticeBlocks: 'id, [issuer+year], deviceId',
      })
      .upgrade(async (tx) => {
        // The notice settings lived in db.meta, which is not synced: move them into a
        // change-logged row, stamped by this device, so the next sync carries them.
        const meta = tx.table('meta');
        const stored = (await meta.get(LEGACY_NOTICE_SETTINGS_KEY)) as MetaRow | undefined;
        if (!stored || !stored.value || typeof stored.value !== 'object') return;
        const device = ((await meta.get('device')) as MetaRow | undefined)?.value as { deviceId?: string } | undefined;
        const deviceId = device?.deviceId ?? 'migration';
        const profile = ((await meta.get('profile')) as MetaRow | undefined)?.value as { name?: string } | undefined;
        const last = (await tx.table('changes').orderBy('hlc').last()) as ChangeLogEntry | undefined;
        const lastMs = last ? parseHlc(last.hlc).ms : 0;
        const hlc = formatHlc({ ms: Math.max(Date.now(), lastMs + 1), counter: 0, deviceId });
        const now = new Date().toISOString();
        await tx.table('sharedSettings').put({ id: 'notice', value: stored.value, updatedAt: now } satisfies SharedSettingRow);
        await tx.table('changes').add({
          id: `${hlc}#000`,
          hlc,
          table: 'sharedSettings',
          rowId: 'notice',
          field: 'value',
          value: stored.value,
          author: profile?.name ?? '',
          deviceId,
        } satisfies ChangeLogEntry);
        await meta.delete(LEGACY_NOTICE_SETTINGS_KEY);
      });
    this.version(9).stores({
      targets: 'id, name, kind, region, updatedAt, deleted, [deleted+kind], parentId, [deleted+kind+region], [deleted+region]',
    });
    this.version(10).stores({
      trust: 'id',
    });
    // v11: unnumbered notice drafts (a laptop without the series or a block).
    this.version(11).stores({ noticeDrafts: 'id, inspectionId, deleted' });
    this.version(12)
      .stores({ [TARGET_SEARCH]: 'k' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('targets').toArray()) as Record<string, unknown>[];
        await tx.table(TARGET_SEARCH).clear();
        await tx.table(TARGET_SEARCH).bulkPut(rows.map(targetSearchRow));
      });
    // Every write to targets keeps targetSearch in step, in the same transaction.
    this.use(targetSearchMiddleware);
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
  'followUpTasks',
  'sharedSettings',
  'noticeBlocks',
  'complaintCases',
  'bulletins',
  'prefillDecisions',
  'noticeDrafts',
] as const;

/** db.meta key where the notice settings were kept before v8. */
export const LEGACY_NOTICE_SETTINGS_KEY = 'settings.notice';
