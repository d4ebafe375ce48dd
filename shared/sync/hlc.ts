/**
 * Hybrid logical clock (Kulkarni et al.). Timestamps are strings that sort
 * lexicographically in causal order: "<ms 13 digits>-<counter 5 digits>-<deviceId>".
 * Every change-log entry carries one, so merges can order edits from laptops
 * whose wall clocks disagree.
 */
export interface HlcState {
  ms: number;
  counter: number;
  deviceId: string;
}

const MAX_COUNTER = 99999;
/** A remote clock further ahead than this is treated as wrong rather than adopted. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export function formatHlc(s: HlcState): string {
  return `${String(s.ms).padStart(13, '0')}-${String(s.counter).padStart(5, '0')}-${s.deviceId}`;
}

export function parseHlc(text: string): HlcState {
  const m = /^(\d{13})-(\d{5})-(.+)$/.exec(text);
  if (!m) throw new Error(`无效的时间戳: ${text}`);
  return { ms: Number(m[1]), counter: Number(m[2]), deviceId: m[3] };
}

export class HybridLogicalClock {
  private last: HlcState;

  constructor(
    deviceId: string,
    private readonly wallClock: () => number = Date.now,
    last?: string,
  ) {
    this.last = last ? { ...parseHlc(last), deviceId } : { ms: 0, counter: 0, deviceId };
  }

  /** A timestamp for a local event, strictly greater than every one issued or received before. */
  now(): string {
    const wall = this.wallClock();
    if (wall > this.last.ms) this.last = { ms: wall, counter: 0, deviceId: this.last.deviceId };
    else this.bump();
    return formatHlc(this.last);
  }

  /** Advance past a timestamp seen in a merged change, so later local edits sort after it. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    const wall = this.wallClock();
    if (r.ms - wall > MAX_DRIFT_MS) return; // a laptop with a clock set years ahead must not drag ours along
    const ms = Math.max(wall, this.last.ms, r.ms);
    let counter: number;
    if (ms === this.last.ms && ms === r.ms) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (ms === this.last.ms) counter = this.last.counter + 1;
    else if (ms === r.ms) counter = r.counter + 1;
    else counter = 0;
    this.last = { ms, counter, deviceId: this.last.deviceId };
    if (counter > MAX_COUNTER) this.bump();
  }

  private bump(): void {
    if (this.last.counter >= MAX_COUNTER) this.last = { ms: this.last.ms + 1, counter: 0, deviceId: this.last.deviceId };
    else this.last = { ...this.last, counter: this.last.counter + 1 };
  }
}
