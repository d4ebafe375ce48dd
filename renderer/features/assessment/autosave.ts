/**
 * Autosave: every change is written at once (switches, counts) or after a
 * short pause (typed text, ≤ 400 ms). Writes run one after another in the
 * order they were made; a newer value for the same key replaces a pending one.
 * The status drives the "已保存 / 正在保存 / 保存失败" indicator.
 */
export interface SaveStatus {
  state: 'idle' | 'saving' | 'saved' | 'error';
  /** When the last write finished. */
  savedAt: Date | null;
  error: string | null;
}

export const TEXT_DEBOUNCE_MS = 300;

type Listener = (s: SaveStatus) => void;

export class AutosaveQueue {
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; write: () => Promise<void>; waiting: (() => void)[] }>();
  private chain: Promise<void> = Promise.resolve();
  private running = 0;
  private status: SaveStatus = { state: 'idle', savedAt: null, error: null };
  private readonly listeners = new Set<Listener>();

  constructor(private readonly delayMs = TEXT_DEBOUNCE_MS) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    l(this.status);
    return () => this.listeners.delete(l);
  }

  getStatus(): SaveStatus {
    return this.status;
  }

  private set(s: Partial<SaveStatus>): void {
    this.status = { ...this.status, ...s };
    for (const l of this.listeners) l(this.status);
  }

  /** Queue a write for `key`; with `debounce`, it waits for a pause in typing. */
  schedule(key: string, write: () => Promise<void>, debounce = false): Promise<void> {
    const pending = this.timers.get(key);
    const waiting = pending?.waiting ?? [];
    if (pending) {
      clearTimeout(pending.timer);
      this.timers.delete(key);
    }
    if (!debounce) return this.enqueue(write).then(() => waiting.forEach((w) => w()));
    this.set({ state: 'saving' });
    return new Promise<void>((resolve) => {
      waiting.push(resolve);
      const timer = setTimeout(() => {
        this.timers.delete(key);
        void this.enqueue(write).then(() => waiting.forEach((w) => w()));
      }, this.delayMs);
      this.timers.set(key, { timer, write, waiting });
    });
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    this.running++;
    this.set({ state: 'saving' });
    const run = this.chain.then(async () => {
      try {
        await write();
        this.running--;
        if (this.running === 0 && this.timers.size === 0) this.set({ state: 'saved', savedAt: new Date(), error: null });
        else this.set({ savedAt: new Date() });
      } catch (e) {
        this.running--;
        this.set({ state: 'error', error: e instanceof Error ? e.message : String(e) });
      }
    });
    this.chain = run;
    return run;
  }

  /** Write everything pending now (leaving the screen, blur, page hide). */
  flush(): Promise<void> {
    const pending = [...this.timers.values()];
    for (const p of pending) clearTimeout(p.timer);
    this.timers.clear();
    for (const p of pending) void this.enqueue(p.write).then(() => p.waiting.forEach((w) => w()));
    return this.chain;
  }

  hasPending(): boolean {
    return this.timers.size > 0 || this.running > 0;
  }
}
