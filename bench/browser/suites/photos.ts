// Photo processing in Chromium: 20 generated 12 MP JPEGs (4000×3000, noise and
// gradients, quality 0.9 — about as hard to decode as a phone photo) go through
// the app's own batch (worker: check, hash, EXIF, decode, scale, watermark, encode;
// window: IndexedDB writes). Reports ms per photo and the longest main-thread task.
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { getPhotoProcessor, type PhotoProcessor } from '../../../renderer/features/photos/photoProcessor';
import { PhotoRepository, sourceFromBlob } from '../../../renderer/features/photos/photoRepository';
import type { Figures } from '../../types';
import { phonePictures } from '../phonePictures';

const COUNT = 20;

const makePhotos = (): Promise<Blob[]> => phonePictures(COUNT, 18, true);

export default {
  title: 'Photos in Chromium (12 MP JPEG → stored copy + thumbnail, watermark on)',
  async run(): Promise<Figures> {
    const photos = await makePhotos();
    const avgMb = photos.reduce((s, b) => s + b.size, 0) / photos.length / 1048576;

    let session = await openSession(new InspectorDatabase(`bench-photos-${Date.now()}`));
    session = await saveProfile(session, { name: '王明', organisation: '盘锦市政务公开办', team: '第一组' });
    const now = new Date().toISOString();
    const inspection: Inspection = {
      id: 'bench-round', title: '2024年年中考核', year: 2024, kind: '年中考核', startDate: '2024-06-10', endDate: '2024-06-20', team: ['王明'],
      scheme: PANJIN_2024_COUNTY, schemeHash: 'bench', watermarkPhotos: true, createdAt: now, updatedAt: now, deletedAt: null, deleted: 0,
    };
    const assessment: Assessment = {
      id: 'bench-asmt', inspectionId: inspection.id, targetId: 't', targetName: '盘山县人民政府', targetKind: '县区政府', addedBy: 'manual', status: 'open',
      submittedAt: null, submittedBy: null, unlockReason: null, createdAt: now, updatedAt: now, deletedAt: null, deleted: 0,
    };
    await session.logger.save(session.db.inspections, [inspection]);
    await session.logger.save(session.db.assessments, [assessment]);
    // The app's worker, timed per step (analyse: check + hash + EXIF; render: decode, scale, watermark, encode).
    const worker = getPhotoProcessor();
    const steps = { analyse: 0, render: 0 };
    const timed: PhotoProcessor = {
      async analyse(bytes) {
        const t = performance.now();
        const r = await worker.analyse(bytes);
        steps.analyse += performance.now() - t;
        return r;
      },
      async render(token, lines) {
        const t = performance.now();
        const r = await worker.render(token, lines);
        steps.render += performance.now() - t;
        return r;
      },
      discard: (token) => worker.discard(token),
    };
    const repo = new PhotoRepository(session.db, session.logger, timed);
    const owner = { ownerType: 'assessment' as const, ownerId: assessment.id, inspectionId: inspection.id, assessmentId: assessment.id };
    const watermark = await repo.watermarkFor(inspection.id, assessment.id);

    // Let the generation's own long tasks drain before watching the batch.
    await new Promise((r) => setTimeout(r, 500));
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });

    const marks: number[] = [];
    const t0 = performance.now();
    const result = await repo.attachBatch(
      photos.map((b, i) => sourceFromBlob(b, `IMG_${String(i + 1).padStart(4, '0')}.jpg`)),
      owner,
      { watermark, onProgress: (p) => p.done > 0 && marks.push(performance.now()) },
    );
    const total = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();

    if (result.failures.length || result.outcomes.length !== COUNT) throw new Error(`batch failed: ${JSON.stringify(result.failures)}`);
    const stored = await repo.listForOwner('assessment', assessment.id);
    const processed = await repo.blob(stored[0].photo.id, 'processed');
    const thumb = await repo.blob(stored[0].photo.id, 'thumb');
    const bitmap = await createImageBitmap(processed!);
    if (Math.max(bitmap.width, bitmap.height) !== 2560 || !stored[0].photo.watermarked) throw new Error('stored copy is not a 2560 px watermarked JPEG');
    const firstMs = marks[0] - t0;
    session.db.close();

    return {
      'photo.12mp.msPerPhoto': { value: Math.round(total / COUNT), unit: 'ms' },
      'photo.12mp.firstPhoto.ms': { value: Math.round(firstMs), unit: 'ms' },
      'photo.12mp.restMsPerPhoto': { value: Math.round((total - firstMs) / (COUNT - 1)), unit: 'ms' },
      'photo.12mp.analyseMs': { value: Math.round(steps.analyse / COUNT), unit: 'ms' },
      'photo.12mp.renderMs': { value: Math.round(steps.render / COUNT), unit: 'ms' },
      'photo.12mp.readAndStoreMs': { value: Math.round((total - steps.analyse - steps.render) / COUNT), unit: 'ms' },
      'photo.longestMainTask.ms': { value: Math.round(Math.max(0, ...longTasks)), unit: 'ms' },
      'photo.longTasks.count': { value: longTasks.length, unit: 'tasks' },
      'photo.12mp.originalMB': { value: Math.round(avgMb * 10) / 10, unit: 'MB' },
      'photo.processedKB': { value: Math.round(processed!.size / 1024), unit: 'KB' },
      'photo.thumbKB': { value: Math.round(thumb!.size / 1024), unit: 'KB' },
    };
  },
};
