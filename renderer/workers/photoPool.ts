/**
 * A pool of photo workers sized to the machine, so a batch of photos uses every
 * core while the window stays free. Each photo stays with the worker that
 * analysed it (the worker holds the original until it is rendered or discarded).
 */

/** What one photo worker does (the shape of features/photos' PhotoProcessor). */
export interface PooledProcessor<A extends { token: string }, R> {
  analyse(bytes: Uint8Array): Promise<A>;
  render(token: string, watermark: string[] | null): Promise<R>;
  discard(token: string): void;
  terminate?(): void;
}

/** Workers for this machine: one per core, at least 1 and at most `max` (memory: each holds a decoded 12 MP photo). */
export function photoPoolSize(cores: number | undefined = typeof navigator === 'undefined' ? undefined : navigator.hardwareConcurrency, max = 4): number {
  const n = Number.isFinite(cores) && (cores as number) > 0 ? Math.floor(cores as number) : 2;
  return Math.max(1, Math.min(max, n));
}

export class PhotoWorkerPool<A extends { token: string }, R> implements PooledProcessor<A, R> {
  private readonly workers: PooledProcessor<A, R>[];
  private readonly busy: number[];
  /** Token → the worker holding its original. Tokens are made unique across the pool by a worker prefix. */
  private readonly owner = new Map<string, number>();

  constructor(create: () => PooledProcessor<A, R>, size: number = photoPoolSize()) {
    this.workers = Array.from({ length: Math.max(1, size) }, create);
    this.busy = this.workers.map(() => 0);
  }

  get size(): number {
    return this.workers.length;
  }

  private pick(): number {
    let best = 0;
    for (let i = 1; i < this.busy.length; i++) if (this.busy[i] < this.busy[best]) best = i;
    return best;
  }

  private async on<T>(i: number, job: () => Promise<T>): Promise<T> {
    this.busy[i]++;
    try {
      return await job();
    } finally {
      this.busy[i]--;
    }
  }

  async analyse(bytes: Uint8Array): Promise<A> {
    const i = this.pick();
    const result = await this.on(i, () => this.workers[i].analyse(bytes));
    const token = `${i}:${result.token}`;
    this.owner.set(token, i);
    return { ...result, token };
  }

  render(token: string, watermark: string[] | null): Promise<R> {
    const i = this.owner.get(token);
    if (i === undefined) return Promise.reject(new Error('照片处理失败：原件已不在后台'));
    this.owner.delete(token);
    return this.on(i, () => this.workers[i].render(token.slice(token.indexOf(':') + 1), watermark));
  }

  discard(token: string): void {
    const i = this.owner.get(token);
    if (i === undefined) return;
    this.owner.delete(token);
    this.workers[i].discard(token.slice(token.indexOf(':') + 1));
  }

  terminate(): void {
    for (const w of this.workers) w.terminate?.();
    this.owner.clear();
  }
}
