import { decodeRejection, PhotoRejectedError } from '../../../shared/photos/errors';
import { PhotoWorkerPool } from '../../workers/photoPool';
import type { AnalysedPhoto, PhotoWorkerReply, PhotoWorkerRequest, RenderedPhoto } from './photoProtocol';

/**
 * What the repository needs from photo processing. The app uses the worker
 * below; tests inject a fake (jsdom cannot decode images).
 */
export interface PhotoProcessor {
  /** Checks the bytes (kind, whole, size), hashes them and reads EXIF. The bytes are handed over. */
  analyse(bytes: Uint8Array): Promise<AnalysedPhoto>;
  /** Makes the stored copy (scaled, oriented, watermarked when lines are given) and the thumbnail. */
  render(token: string, watermark: string[] | null): Promise<RenderedPhoto>;
  /** Drops the original (the photo was already stored). */
  discard(token: string): void;
}

/** The bundled Chinese font for watermarks, relative to the page (the app is served with base './'). */
export function watermarkFontUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}fonts/NotoSansSC-Bold.ttf`, document.baseURI).href;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** One long-lived worker; jobs run one after another inside it. */
export class WorkerPhotoProcessor implements PhotoProcessor {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly createWorker: () => Worker = () => new Worker(new URL('./photo.worker.ts', import.meta.url), { type: 'module' }),
    private readonly fontUrl: string | null = watermarkFontUrl(),
  ) {}

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.onmessage = (e: MessageEvent<PhotoWorkerReply>) => {
      const p = this.pending.get(e.data.id);
      if (!p) return;
      this.pending.delete(e.data.id);
      if (e.data.ok) p.resolve(e.data.result);
      else p.reject(decodeRejection(e.data.error));
    };
    w.onerror = (e) => {
      // A crashed worker (e.g. out of memory on a huge picture) fails what it held; the next job starts a new one.
      const err = new PhotoRejectedError('failed', `照片处理中断：${e.message || '后台处理失败'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      w.terminate();
      this.worker = null;
    };
    this.worker = w;
    this.post({ id: this.nextId++, op: 'init', fontUrl: this.fontUrl });
    return w;
  }

  private post(msg: PhotoWorkerRequest, transfer: Transferable[] = []): void {
    this.worker!.postMessage(msg, transfer);
  }

  private call<T>(msg: WithoutId<PhotoWorkerRequest>, transfer: Transferable[] = []): Promise<T> {
    this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.post({ ...msg, id } as PhotoWorkerRequest, transfer);
    });
  }

  analyse(bytes: Uint8Array): Promise<AnalysedPhoto> {
    // Hand the buffer over without a copy when the view covers all of it.
    const buffer =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
        ? bytes.buffer
        : bytes.slice().buffer;
    return this.call<AnalysedPhoto>({ op: 'analyse', buffer }, [buffer]);
  }

  render(token: string, watermark: string[] | null): Promise<RenderedPhoto> {
    return this.call<RenderedPhoto>({ op: 'render', token, watermark });
  }

  discard(token: string): void {
    if (this.worker) this.post({ id: this.nextId++, op: 'discard', token });
  }

  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new PhotoRejectedError('failed', '照片处理已取消'));
    this.pending.clear();
  }
}

let shared: PhotoProcessor | undefined;

/** The window's photo processor: a pool of workers sized to the machine, for the whole app. */
export function getPhotoProcessor(): PhotoProcessor {
  shared ??= new PhotoWorkerPool<AnalysedPhoto, RenderedPhoto>(() => new WorkerPhotoProcessor());
  return shared;
}

/** For tests: use a fake processor. */
export function setPhotoProcessor(p: PhotoProcessor | undefined): void {
  shared = p;
}
