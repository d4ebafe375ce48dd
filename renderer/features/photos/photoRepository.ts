import type { Finding } from '../../../shared/domain/findings';
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import type { PhotoLink, PhotoOwnerType, PhotoRow } from '../../../shared/domain/photos';
import { PhotoRejectedError, STORAGE_FULL_MESSAGE, isQuotaError, type PhotoRejectionCode } from '../../../shared/photos/errors';
import { batchTimeLeft } from '../../../shared/photos/format';
import {
  OWNER_TYPE_LABELS,
  blobId,
  planDeletePhoto,
  planLink,
  planPhoto,
  planPurge,
  planRestore,
  planUnlink,
  scopedOwnerId,
  type BlobKind,
  type PhotoOwner,
} from '../../../shared/photos/links';
import { checkPhotoFileSize } from '../../../shared/photos/sniff';
import { localIso, watermarkLines, type WatermarkInfo } from '../../../shared/photos/watermark';
import { FIVE_UNIFIED_CHECKLIST } from '../../../shared/schemes/fiveUnified';
import { uuidv7 } from '../../../shared/util/ids';
import type { ChangeLogger } from '../../db/changeLogger';
import type { InspectorDatabase } from '../../db/database';
import { sha256Hex } from '../../../shared/util/sha256';
import { originalsFor, type OriginalsBackend } from './originalStore';
import { getPhotoProcessor, type PhotoProcessor } from './photoProcessor';

/** A file to attach: its size is known before any byte is read. */
export interface PhotoSource {
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
}

export function sourceFromBlob(blob: Blob, name = (blob as File).name || '照片.jpg'): PhotoSource {
  return { name, size: blob.size, read: async () => new Uint8Array(await blob.arrayBuffer()) };
}

/** One photo as used by one owner. */
export interface PhotoView {
  link: PhotoLink;
  photo: PhotoRow;
}

export type AttachKind =
  /** New photo: processed and stored. */
  | 'stored'
  /** Same file already stored (content-addressed): linked, not stored again. */
  | 'linked'
  /** Same file already linked to this owner: nothing changed. */
  | 'alreadyLinked';

export interface AttachOutcome {
  kind: AttachKind;
  name: string;
  view: PhotoView;
}

export interface BatchFailure {
  name: string;
  code: PhotoRejectionCode;
  reason: string;
}

export interface BatchProgress {
  total: number;
  done: number;
  failed: number;
  /** The file being processed, or null when finished. */
  current: string | null;
  elapsedMs: number;
  timeLeftMs: number | null;
}

export interface BatchResult {
  outcomes: AttachOutcome[];
  failures: BatchFailure[];
  /** Files not tried: the disk was full or the batch was cancelled. */
  notTried: string[];
  stoppedForStorage: boolean;
}

export interface AttachOptions {
  /** Burn these facts into the stored copy; null: keep the picture as it is. */
  watermark: WatermarkInfo | null;
}

export interface InspectionPhotoFilter {
  assessmentId?: string;
  ownerType?: PhotoOwnerType;
}

/** Result of 核验: every original re-hashed and compared with the hash the photo is known by. */
export interface OriginalsCheck {
  checked: number;
  ok: number;
  /** The stored file's bytes no longer give the photo's SHA-256. */
  mismatched: PhotoRow[];
  /** No original stored (lost, or attached before originals were kept). */
  missing: PhotoRow[];
}

/** Something a photo can be linked to, for the "关联到" picker. */
export interface OwnerOption {
  owner: PhotoOwner;
  label: string;
  group: string;
}

/**
 * Photos: content-addressed originals (id = SHA-256) with a stored copy and a
 * thumbnail, linked to assessments, indicators, checklist items and findings.
 * Every metadata write goes through the change logger; a photo, its bytes and
 * its link are written in one transaction, so nothing is ever half-stored.
 */
export class PhotoRepository {
  constructor(
    private readonly db: InspectorDatabase,
    private readonly logger: ChangeLogger,
    private readonly processorOverride?: PhotoProcessor,
    private readonly now: () => Date = () => new Date(),
    private readonly originalsOverride?: OriginalsBackend,
  ) {}

  private get processor(): PhotoProcessor {
    return this.processorOverride ?? getPhotoProcessor();
  }

  /** Where the original files are kept (desktop: files via the main process; browser: IndexedDB). */
  get originals(): OriginalsBackend {
    return this.originalsOverride ?? originalsFor(this.db);
  }

  // ---------------------------------------------------------------- attach

  /** Attach one file. Throws PhotoRejectedError with a message for the inspector; stores nothing then. */
  async attach(source: PhotoSource, owner: PhotoOwner, options: AttachOptions): Promise<AttachOutcome> {
    checkPhotoFileSize(source.size);
    let bytes: Uint8Array;
    try {
      bytes = await source.read();
    } catch (e) {
      throw new PhotoRejectedError('failed', `无法读取文件：${e instanceof Error ? e.message : String(e)}`);
    }
    checkPhotoFileSize(bytes.length);
    // The processor takes the bytes over; the original file is kept as evidence.
    const original = bytes.slice();
    const { token, analysis } = await this.processor.analyse(bytes);
    const sha = analysis.sha256;
    const attachedAt = this.now();
    const originals = this.originals;
    const keepOriginal = (await originals.missing([sha])).length > 0;
    if (keepOriginal && (await sha256Hex(original)) !== sha) throw new PhotoRejectedError('failed', '照片原件校验不符，未导入，请重试');

    let rendered: Awaited<ReturnType<PhotoProcessor['render']>> | null = null;
    let lines: string[] | null = null;
    let handedBack = false;
    try {
      const [existing, blobCount] = await Promise.all([this.db.photos.get(sha), this.db.photoBlobs.where('photoId').equals(sha).count()]);
      if (planPhoto(existing, blobCount >= 2).action === 'process') {
        lines = options.watermark
          ? watermarkLines({ ...options.watermark, takenAt: analysis.exif.takenAt, attachedAtLocal: localIso(attachedAt), gps: analysis.exif.gps })
          : null;
        handedBack = true;
        rendered = await this.processor.render(token, lines);
      }
    } finally {
      // Already stored (content-addressed), or something failed before rendering: free the original in the worker.
      if (!handedBack) this.processor.discard(token);
    }

    const { db, logger } = this;
    try {
      // Files on the desktop are written first (content-addressed: harmless if the rest fails);
      // in the browser the original is part of the same transaction.
      if (keepOriginal && originals.kind === 'files') await originals.put(sha, original);
      return await db.transaction('rw', [db.photos, db.photoBlobs, db.photoLinks, db.changes, db.originals], async () => {
        if (keepOriginal && originals.kind === 'indexeddb') {
          await db.originals.put({ id: sha, blob: new Blob([original as BlobPart], { type: analysis.mime }), bytes: original.byteLength, storedAt: attachedAt.toISOString() });
        }
        const current = await db.photos.get(sha);
        let photo: PhotoRow;
        let kind: AttachKind = 'linked';
        if (rendered) {
          const iso = attachedAt.toISOString();
          photo = {
            id: sha,
            originalName: source.name,
            originalBytes: analysis.bytes,
            mime: analysis.mime,
            width: analysis.orientedWidth,
            height: analysis.orientedHeight,
            takenAt: analysis.exif.takenAt,
            gps: analysis.exif.gps,
            camera: analysis.exif.camera,
            attachedAt: current?.attachedAt ?? iso,
            attachedBy: current?.attachedBy ?? logger.author,
            watermarked: rendered.watermarked,
            watermarkText: rendered.watermarked && lines ? lines : [],
            processedBytes: rendered.processed.size,
            createdAt: current?.createdAt ?? iso,
            updatedAt: iso,
            deletedAt: null,
            deleted: 0,
          };
          await logger.save(db.photos, [photo]);
          await db.photoBlobs.bulkPut([
            { id: blobId(sha, 'processed'), photoId: sha, blob: rendered.processed },
            { id: blobId(sha, 'thumb'), photoId: sha, blob: rendered.thumb },
          ]);
          kind = 'stored';
        } else if (!current) {
          throw new PhotoRejectedError('failed', '照片记录在处理期间被清除，请重新导入');
        } else if (current.deleted) {
          photo = await logger.patch(db.photos, sha, { deleted: 0, deletedAt: null });
        } else {
          photo = current;
        }

        const links = await db.photoLinks.where('photoId').equals(sha).toArray();
        const lp = planLink(links, owner);
        let link: PhotoLink;
        if (lp.action === 'exists') {
          link = lp.link;
          if (kind === 'linked') kind = 'alreadyLinked';
        } else if (lp.action === 'restore') {
          link = await logger.patch(db.photoLinks, lp.link.id, { deleted: 0, deletedAt: null });
        } else {
          const iso = attachedAt.toISOString();
          link = {
            id: uuidv7(),
            photoId: sha,
            ...owner,
            caption: '',
            // Evidence of a finding or an indicator goes into the report unless the inspector says otherwise.
            forReport: owner.ownerType === 'finding' || owner.ownerType === 'indicator',
            createdAt: iso,
            updatedAt: iso,
            deletedAt: null,
            deleted: 0,
          };
          await logger.save(db.photoLinks, [link]);
        }
        return { kind, name: source.name, view: { link, photo } };
      });
    } catch (e) {
      if (isQuotaError(e)) throw new PhotoRejectedError('storageFull', STORAGE_FULL_MESSAGE);
      throw e;
    }
  }

  /**
   * Attach files, as many at once as the processor has workers. A bad file is
   * reported and the others go on; a full disk stops the batch (the rest would
   * fail the same way); cancelling leaves the files not started untried.
   */
  async attachBatch(
    sources: PhotoSource[],
    owner: PhotoOwner,
    options: AttachOptions & { onProgress?: (p: BatchProgress) => void; signal?: AbortSignal },
  ): Promise<BatchResult> {
    const started = performance.now();
    const result: BatchResult = { outcomes: [], failures: [], notTried: [], stoppedForStorage: false };
    const report = (current: string | null) => {
      const done = result.outcomes.length + result.failures.length;
      const elapsedMs = performance.now() - started;
      options.onProgress?.({ total: sources.length, done, failed: result.failures.length, current, elapsedMs, timeLeftMs: batchTimeLeft(elapsedMs, done, sources.length) });
    };
    // As many photos at once as the processor has workers (a pool sized to the machine); results keep the files' order.
    const width = Math.max(1, Math.min(sources.length, (this.processor as { size?: number }).size ?? 1));
    const outcomes: (AttachOutcome | undefined)[] = [];
    const failures: (BatchResult['failures'][number] | undefined)[] = [];
    const notTried: (string | undefined)[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < sources.length; i = next++) {
        const source = sources[i];
        report(source.name);
        if (options.signal?.aborted || result.stoppedForStorage) {
          notTried[i] = source.name;
          continue;
        }
        try {
          outcomes[i] = await this.attach(source, owner, options);
          result.outcomes.push(outcomes[i]!);
        } catch (e) {
          const err = e instanceof PhotoRejectedError ? e : new PhotoRejectedError('failed', `照片处理失败：${e instanceof Error ? e.message : String(e)}`);
          failures[i] = { name: source.name, code: err.code, reason: err.message };
          result.failures.push(failures[i]!);
          if (err.code === 'storageFull') result.stoppedForStorage = true;
        }
      }
    };
    await Promise.all(Array.from({ length: width }, lane));
    result.outcomes = outcomes.filter((o): o is AttachOutcome => !!o);
    result.failures = failures.filter((f): f is BatchResult['failures'][number] => !!f);
    result.notTried = notTried.filter((n): n is string => !!n);
    report(null);
    return result;
  }

  /** The watermark a round asks for (its 水印 setting), for photos of this assessment. */
  async watermarkFor(inspectionId: string, assessmentId: string): Promise<WatermarkInfo | null> {
    const [inspection, assessment] = await Promise.all([this.db.inspections.get(inspectionId), this.db.assessments.get(assessmentId)]);
    if (!inspection || inspection.watermarkPhotos === false) return null;
    return { targetName: assessment?.targetName ?? '', inspector: this.logger.author, round: inspection.title };
  }

  // ---------------------------------------------------------------- read

  /** Photos linked to one owner, in capture order. */
  async listForOwner(ownerType: PhotoOwnerType, ownerId: string): Promise<PhotoView[]> {
    const links = (await this.db.photoLinks.where('[ownerId+deleted]').equals([ownerId, 0]).toArray()).filter((l) => l.ownerType === ownerType);
    return this.withPhotos(links);
  }

  /** Every photo link of a round, optionally of one assessment and one kind of owner. */
  async listForInspection(inspectionId: string, filter: InspectionPhotoFilter = {}): Promise<PhotoView[]> {
    const links = (await this.db.photoLinks.where('[inspectionId+deleted]').equals([inspectionId, 0]).toArray()).filter(
      (l) => (!filter.assessmentId || l.assessmentId === filter.assessmentId) && (!filter.ownerType || l.ownerType === filter.ownerType),
    );
    return this.withPhotos(links);
  }

  private async withPhotos(links: PhotoLink[]): Promise<PhotoView[]> {
    const photos = await this.db.photos.bulkGet([...new Set(links.map((l) => l.photoId))]);
    const byId = new Map(photos.filter((p): p is PhotoRow => !!p).map((p) => [p.id, p]));
    return links
      .filter((l) => byId.get(l.photoId)?.deleted === 0)
      .map((link) => ({ link, photo: byId.get(link.photoId)! }))
      .sort((a, b) => sortKey(a).localeCompare(sortKey(b)) || a.link.id.localeCompare(b.link.id));
  }

  /** 回收站: deleted photos, with the links they had (to say where they were used). */
  async listBin(inspectionId?: string): Promise<{ photo: PhotoRow; links: PhotoLink[] }[]> {
    const photos = await this.db.photos.where('deleted').equals(1).toArray();
    const links = await this.db.photoLinks.where('photoId').anyOf(photos.map((p) => p.id)).toArray();
    return photos
      .map((photo) => ({ photo, links: links.filter((l) => l.photoId === photo.id) }))
      .filter((e) => !inspectionId || e.links.length === 0 || e.links.some((l) => l.inspectionId === inspectionId))
      .sort((a, b) => (b.photo.deletedAt ?? '').localeCompare(a.photo.deletedAt ?? ''));
  }

  async blob(photoId: string, kind: BlobKind): Promise<Blob | undefined> {
    return (await this.db.photoBlobs.get(blobId(photoId, kind)))?.blob;
  }

  /** 核验: re-hash every photo's original and report what does not match or is missing. */
  async verifyOriginals(onProgress?: (done: number, total: number) => void): Promise<OriginalsCheck> {
    const photos = await this.db.photos.toArray();
    const result: OriginalsCheck = { checked: photos.length, ok: 0, mismatched: [], missing: [] };
    const store = this.originals;
    for (const [i, photo] of photos.entries()) {
      const bytes = await store.read(photo.id);
      if (!bytes) result.missing.push(photo);
      else if ((await sha256Hex(bytes)) !== photo.id) result.mismatched.push(photo);
      else result.ok++;
      onProgress?.(i + 1, photos.length);
    }
    return result;
  }

  /** Bytes the stored copies and thumbnails take. */
  async storageBytes(): Promise<number> {
    let sum = 0;
    await this.db.photoBlobs.each((b) => {
      sum += b.blob.size;
    });
    return sum;
  }

  // ---------------------------------------------------------------- edit

  setCaption(linkId: string, caption: string): Promise<PhotoLink> {
    return this.logger.patch(this.db.photoLinks, linkId, { caption: caption.trim() });
  }

  setForReport(linkId: string, forReport: boolean): Promise<PhotoLink> {
    return this.logger.patch(this.db.photoLinks, linkId, { forReport });
  }

  /** Link a stored photo to another owner (or bring back an earlier link to it). */
  async link(photoId: string, owner: PhotoOwner): Promise<PhotoLink> {
    const { db, logger } = this;
    return db.transaction('rw', [db.photos, db.photoLinks, db.changes], async () => {
      const photo = await db.photos.get(photoId);
      if (!photo || photo.deleted) throw new Error('照片不存在或已删除');
      const lp = planLink(await db.photoLinks.where('photoId').equals(photoId).toArray(), owner);
      if (lp.action === 'exists') return lp.link;
      if (lp.action === 'restore') return logger.patch(db.photoLinks, lp.link.id, { deleted: 0, deletedAt: null });
      const iso = logger.nowIso();
      const link: PhotoLink = { id: uuidv7(), photoId, ...owner, caption: '', forReport: owner.ownerType === 'finding' || owner.ownerType === 'indicator', createdAt: iso, updatedAt: iso, deletedAt: null, deleted: 0 };
      await logger.save(db.photoLinks, [link]);
      return link;
    });
  }

  /** Remove the photo from one owner. Returns true when it was the last use and the photo went to the recycle bin. */
  async unlink(linkId: string): Promise<boolean> {
    const { db } = this;
    return db.transaction('rw', [db.photos, db.photoLinks, db.changes], async () => {
      const link = await db.photoLinks.get(linkId);
      if (!link) throw new Error('关联不存在');
      const plan = planUnlink(link, await db.photoLinks.where('photoId').equals(link.photoId).toArray());
      await this.applySoftDelete(link.photoId, plan.linkIds, plan.photo);
      return plan.photo;
    });
  }

  /** Delete the photo everywhere it is used (to the recycle bin; it can be restored). */
  async deletePhoto(photoId: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.photos, db.photoLinks, db.changes], async () => {
      const plan = planDeletePhoto(await db.photoLinks.where('photoId').equals(photoId).toArray());
      await this.applySoftDelete(photoId, plan.linkIds, true);
    });
  }

  private async applySoftDelete(photoId: string, linkIds: string[], photo: boolean): Promise<void> {
    const deletedAt = this.logger.nowIso();
    for (const id of linkIds) await this.logger.patch(this.db.photoLinks, id, { deleted: 1, deletedAt });
    if (photo) await this.logger.patch(this.db.photos, photoId, { deleted: 1, deletedAt });
  }

  /** Take a photo out of the recycle bin with the links it had when it was deleted. */
  async restorePhoto(photoId: string): Promise<void> {
    const { db, logger } = this;
    await db.transaction('rw', [db.photos, db.photoLinks, db.changes], async () => {
      const photo = await db.photos.get(photoId);
      if (!photo) throw new Error('照片已被永久删除，无法恢复');
      const linkIds = planRestore(photo, await db.photoLinks.where('photoId').equals(photoId).toArray());
      for (const id of linkIds) await logger.patch(db.photoLinks, id, { deleted: 0, deletedAt: null });
      await logger.patch(db.photos, photoId, { deleted: 0, deletedAt: null });
    });
  }

  /**
   * 清空回收站: removes the bytes, rows and links of every photo in the bin, for
   * good. The deletions were already change-logged when the photos were deleted;
   * this only gives the disk space back.
   */
  async purgeBin(): Promise<{ photos: number; bytes: number }> {
    const { db } = this;
    return db.transaction('rw', [db.photos, db.photoBlobs, db.photoLinks, db.originals], async () => {
      const inBin = await db.photos.where('deleted').equals(1).toArray();
      const links = await db.photoLinks.where('photoId').anyOf(inBin.map((p) => p.id)).toArray();
      const plan = planPurge(inBin, links);
      let bytes = 0;
      for (const b of await db.photoBlobs.bulkGet(plan.blobIds)) bytes += b?.blob.size ?? 0;
      await db.photoBlobs.bulkDelete(plan.blobIds);
      await db.photoLinks.bulkDelete(plan.linkIds);
      await db.photos.bulkDelete(plan.photoIds);
      // Browser: the originals go too. Desktop files are kept (the main process never deletes evidence).
      for (const o of await db.originals.bulkGet(plan.photoIds)) bytes += o?.bytes ?? 0;
      await db.originals.bulkDelete(plan.photoIds);
      return { photos: plan.photoIds.length, bytes };
    });
  }

  // ---------------------------------------------------------------- owners

  /** Words for where each link points: 「盘山县人民政府」评分记录, 问题：…, 考核指标：… */
  async ownerLabels(links: PhotoLink[]): Promise<Map<string, string>> {
    const [assessments, findings, inspections] = await Promise.all([
      this.db.assessments.bulkGet([...new Set(links.map((l) => l.assessmentId))]),
      this.db.findings.bulkGet([...new Set(links.filter((l) => l.ownerType === 'finding').map((l) => l.ownerId))]),
      this.db.inspections.bulkGet([...new Set(links.map((l) => l.inspectionId))]),
    ]);
    const aById = new Map(assessments.filter((a): a is Assessment => !!a).map((a) => [a.id, a]));
    const fById = new Map(findings.filter((f): f is Finding => !!f).map((f) => [f.id, f]));
    const iById = new Map(inspections.filter((i): i is Inspection => !!i).map((i) => [i.id, i]));
    const out = new Map<string, string>();
    for (const l of links) {
      const target = aById.get(l.assessmentId)?.targetName ?? '';
      let what: string = OWNER_TYPE_LABELS[l.ownerType];
      if (l.ownerType === 'finding') what = `问题：${clip(fById.get(l.ownerId)?.description ?? '（已删除）')}`;
      if (l.ownerType === 'indicator') what = `考核指标：${indicatorTitle(iById.get(l.inspectionId), l.ownerId.slice(l.assessmentId.length + 1)) ?? '（未知指标）'}`;
      if (l.ownerType === 'checklistItem') what = `五统一：${checklistText(l.ownerId.slice(l.assessmentId.length + 1)) ?? '（未知核查项）'}`;
      out.set(l.id, target ? `${target} · ${what}` : what);
    }
    return out;
  }

  /** What a photo of this assessment can be linked to: the assessment, its findings, the round's indicators and the 五统一 items. */
  async ownerOptions(assessmentId: string): Promise<OwnerOption[]> {
    const assessment = await this.db.assessments.get(assessmentId);
    if (!assessment) return [];
    const inspection = await this.db.inspections.get(assessment.inspectionId);
    const base = { inspectionId: assessment.inspectionId, assessmentId };
    const options: OwnerOption[] = [{ owner: { ...base, ownerType: 'assessment', ownerId: assessmentId }, label: `${assessment.targetName}（整体）`, group: '评分记录' }];
    const findings = await this.db.findings.where('[assessmentId+deleted]').equals([assessmentId, 0]).toArray();
    for (const f of findings) options.push({ owner: { ...base, ownerType: 'finding', ownerId: f.id }, label: clip(f.description, 40), group: '问题' });
    for (const s of inspection?.scheme.sections ?? []) {
      for (const ind of s.indicators) {
        options.push({ owner: { ...base, ownerType: 'indicator', ownerId: scopedOwnerId(assessmentId, ind.id) }, label: ind.title, group: '考核指标' });
      }
    }
    for (const d of FIVE_UNIFIED_CHECKLIST.dimensions) {
      for (const item of d.items) {
        options.push({ owner: { ...base, ownerType: 'checklistItem', ownerId: scopedOwnerId(assessmentId, item.id) }, label: `${d.title}：${clip(item.text, 30)}`, group: '五统一核查项' });
      }
    }
    return options;
  }
}

function sortKey(v: PhotoView): string {
  return `${v.photo.takenAt ?? v.photo.attachedAt}|${v.link.createdAt}`;
}

function clip(s: string, n = 24): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function indicatorTitle(inspection: Inspection | undefined, indicatorId: string): string | undefined {
  for (const s of inspection?.scheme.sections ?? []) {
    const hit = s.indicators.find((i) => i.id === indicatorId);
    if (hit) return hit.title;
  }
  return undefined;
}

function checklistText(itemId: string): string | undefined {
  for (const d of FIVE_UNIFIED_CHECKLIST.dimensions) {
    const hit = d.items.find((i) => i.id === itemId);
    if (hit) return `${d.title}·${clip(hit.text, 20)}`;
  }
  return undefined;
}
