// A batch of 50 phone-sized photos (12 MP JPEGs) imported through the app's own
// pipeline on every core (the pool sized to the machine: check, hash, EXIF,
// decode, scale, watermark, encode in the workers; IndexedDB writes in the
// window), against the floor measured in the same run: a bare pool of the same
// number of workers doing only decode, resize and encode of the same files.
// Also the longest task on the main thread while the batch runs.
import type { Assessment, Inspection } from '../../../shared/domain/inspections';
import { PANJIN_2024_COUNTY } from '../../../shared/schemes';
import { InspectorDatabase } from '../../../renderer/db/database';
import { openSession, saveProfile } from '../../../renderer/db/session';
import { getPhotoProcessor } from '../../../renderer/features/photos/photoProcessor';
import { PhotoRepository, sourceFromBlob } from '../../../renderer/features/photos/photoRepository';
import { photoPoolSize } from '../../../renderer/workers/photoPool';
import type { Figures } from '../../types';
import { PICTURE_HEIGHT, PICTURE_WIDTH, phonePictures } from '../phonePictures';

const COUNT = 50;
const BASES = 5;
const W = PICTURE_WIDTH;
const H = PICTURE_HEIGHT;

/** 5 distinct 12 MP pictures, each written 10 times with its own JPEG comment: 50 files of their own hash, as hard to decode as the pictures. */
async function makePhotos(): Promise<Uint8Array[]> {
  const bases = await Promise.all((await phonePictures(BASES, 50, false)).map(async (b) => new Uint8Array(await b.arrayBuffer())));
  return Array.from({ length: COUNT }, (_, i) => {
    const base = bases[i % BASES];
    const text = new TextEncoder().encode(`bench photo ${i}`);
    const out = new Uint8Array(base.length + 4 + text.length);
    out.set(base.subarray(0, 2), 0);
    out.set([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff], 2);
    out.set(text, 6);
    out.set(base.subarray(2), 6 + text.length);
    return out;
  });
}

/** The floor: the same files through a bare pool of `workers` workers. */
async function floorMs(files: Uint8Array[], workers: number): Promise<number> {
  const pool = Array.from({ length: workers }, () => new Worker(new URL('../workers/photoFloor.worker.ts', import.meta.url), { type: 'module' }));
  let nextId = 0;
  const run = (w: Worker, bytes: Uint8Array) =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      const buffer = bytes.slice().buffer;
      const on = (e: MessageEvent<{ id: number }>) => {
        if (e.data.id !== id) return;
        w.removeEventListener('message', on);
        resolve();
      };
      w.addEventListener('message', on);
      w.postMessage({ id, buffer, width: W, height: H }, [buffer]);
    });
  // Warm each worker once (module load), as the app's pool is warm after its first photo.
  await Promise.all(pool.map((w) => run(w, files[0])));
  let next = 0;
  const t0 = performance.now();
  await Promise.all(pool.map(async (w) => {
    for (let i = next++; i < files.length; i = next++) await run(w, files[i]);
  }));
  const ms = performance.now() - t0;
  for (const w of pool) w.terminate();
  return ms;
}

export default {
  title: 'A batch of 50 photos on every core, against a bare pool (Chromium)',
  async run(): Promise<Figures> {
    const files = await makePhotos();
    const workers = photoPoolSize();

    let session = await openSession(new InspectorDatabase(`bench-batch-${Date.now()}`));
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
    const repo = new PhotoRepository(session.db, session.logger, getPhotoProcessor());
    const owner = { ownerType: 'assessment' as const, ownerId: assessment.id, inspectionId: inspection.id, assessmentId: assessment.id };
    const watermark = await repo.watermarkFor(inspection.id, assessment.id);
    // Warm the app's workers (module load, font) with one photo of another owner, as the floor is warmed.
    await repo.attachBatch([sourceFromBlob(new Blob([files[0] as BlobPart], { type: 'image/jpeg' }), 'warm.jpg')], { ...owner, ownerId: 'warm' }, { watermark });

    const floor = await floorMs(files, workers);

    // The files as the file picker hands them over (made before the main thread is watched).
    const sources = files.slice(1).concat(files[0]).map((b, i) => sourceFromBlob(new Blob([b as BlobPart], { type: 'image/jpeg' }), `IMG_${String(i + 1).padStart(4, '0')}.jpg`));
    await new Promise((r) => setTimeout(r, 300));
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask', buffered: false });
    const t0 = performance.now();
    const result = await repo.attachBatch(sources, owner, { watermark });
    const appMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    observer.disconnect();
    if (result.failures.length || result.outcomes.length !== COUNT) throw new Error(`batch failed: ${JSON.stringify(result.failures)}`);
    session.db.close();

    const app = appMs / COUNT;
    const bare = floor / COUNT;
    return {
      'photo.batch50.msPerPhoto': { value: Math.round(app), unit: 'ms' },
      'photo.batch50.floorMsPerPhoto': { value: Math.round(bare), unit: 'ms' },
      'photo.batch50.ratio': { value: Math.round((app / bare) * 100) / 100, unit: '×' },
      'photo.batch50.workers': { value: workers, unit: 'workers' },
      'photo.batch50.longestMainTask.ms': { value: Math.round(Math.max(0, ...longTasks)), unit: 'ms' },
    };
  },
};
