import { create } from 'zustand';
import type { PhotoOwner } from '../../../shared/photos/links';
import type { WatermarkInfo } from '../../../shared/photos/watermark';
import type { BatchProgress, BatchResult, PhotoRepository, PhotoSource } from './photoRepository';

/**
 * Batches in progress, per owner. Kept outside the components so a batch goes
 * on (and its progress is shown again) when the inspector leaves the screen and
 * comes back; the window stays usable because the pixel work is in the worker.
 */
export interface BatchRun {
  running: boolean;
  progress: BatchProgress | null;
  result: BatchResult | null;
  controller: AbortController | null;
}

interface BatchState {
  runs: Record<string, BatchRun>;
  start(key: string, repo: PhotoRepository, sources: PhotoSource[], owner: PhotoOwner, watermark: WatermarkInfo | null): Promise<BatchResult>;
  cancel(key: string): void;
  dismiss(key: string): void;
}

const chains = new Map<string, Promise<unknown>>();

export const usePhotoBatchStore = create<BatchState>((set, get) => ({
  runs: {},
  start(key, repo, sources, owner, watermark) {
    const update = (patch: Partial<BatchRun>) =>
      set((s) => ({ runs: { ...s.runs, [key]: { ...(s.runs[key] ?? { running: false, progress: null, result: null, controller: null }), ...patch } } }));
    // A second drop while a batch runs waits for the first (one worker, one file at a time).
    const previous = chains.get(key) ?? Promise.resolve();
    const run = previous.then(async () => {
      const controller = new AbortController();
      update({ running: true, result: null, controller, progress: { total: sources.length, done: 0, failed: 0, current: sources[0]?.name ?? null, elapsedMs: 0, timeLeftMs: null } });
      try {
        const result = await repo.attachBatch(sources, owner, { watermark, signal: controller.signal, onProgress: (progress) => update({ progress }) });
        update({ running: false, result, controller: null });
        return result;
      } catch (e) {
        const result: BatchResult = {
          outcomes: [],
          failures: [{ name: '（整批）', code: 'failed', reason: e instanceof Error ? e.message : String(e) }],
          notTried: sources.map((s) => s.name),
          stoppedForStorage: false,
        };
        update({ running: false, result, controller: null });
        return result;
      }
    });
    chains.set(key, run.catch(() => undefined));
    return run;
  },
  cancel(key) {
    get().runs[key]?.controller?.abort();
  },
  dismiss(key) {
    set((s) => {
      const runs = { ...s.runs };
      if (!runs[key]?.running) delete runs[key];
      return { runs };
    });
  },
}));

export function ownerKey(owner: Pick<PhotoOwner, 'ownerType' | 'ownerId'>): string {
  return `${owner.ownerType}:${owner.ownerId}`;
}
