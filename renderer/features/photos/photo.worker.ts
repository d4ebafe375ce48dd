// The photo worker: one per window, kept alive, handling one job at a time so a
// batch of 50 MP originals never sits in memory together. The window sends each
// original once (transferred, not copied), learns its hash and EXIF, then asks
// for the stored copy or drops it (already stored: content-addressed).
import { analysePhotoBytes, type PhotoAnalysis } from '../../../shared/photos/analyse';
import { encodeRejection } from '../../../shared/photos/errors';
import type { AnalysedPhoto, PhotoWorkerReply, PhotoWorkerRequest } from './photoProtocol';
import { renderPhoto } from './photoRender';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PhotoWorkerRequest>) => void) | null;
  postMessage(msg: PhotoWorkerReply): void;
};

const kept = new Map<string, { bytes: Uint8Array; analysis: PhotoAnalysis }>();
let fontUrl: string | null = null;
let queue: Promise<void> = Promise.resolve();

async function handle(msg: PhotoWorkerRequest): Promise<unknown> {
  switch (msg.op) {
    case 'init':
      fontUrl = msg.fontUrl;
      return null;
    case 'analyse': {
      const bytes = new Uint8Array(msg.buffer);
      const analysis = await analysePhotoBytes(bytes);
      const token = `${msg.id}`;
      kept.set(token, { bytes, analysis });
      return { token, analysis } satisfies AnalysedPhoto;
    }
    case 'render': {
      const job = kept.get(msg.token);
      kept.delete(msg.token);
      if (!job) throw new Error('原始文件已释放，请重新导入');
      return renderPhoto(job.bytes, job.analysis, msg.watermark, fontUrl);
    }
    case 'discard':
      kept.delete(msg.token);
      return null;
  }
}

scope.onmessage = (e) => {
  const msg = e.data;
  queue = queue.then(async () => {
    try {
      scope.postMessage({ id: msg.id, ok: true, result: await handle(msg) });
    } catch (err) {
      if (msg.op === 'analyse') kept.delete(`${msg.id}`);
      scope.postMessage({ id: msg.id, ok: false, error: encodeRejection(err) });
    }
  });
};
