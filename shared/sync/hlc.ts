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

/** Is a stamp taken at `ms` further ahead of this laptop's wall clock than the allowed drift? */
export function isBeyondDrift(ms: number, wall: number): boolean {
  return ms - wall > MAX_DRIFT_MS;
}

/** The greatest stamp a clock may start from at `wall`: stored stamps above it come from the future. */
export function startupLimit(wall: number): string {
  return formatHlc({ ms: wall + MAX_DRIFT_MS + 1, counter: 0, deviceId: '' });
}

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
    // A stored stamp from the future (a laptop whose clock was years ahead) is never adopted.
    const stored = last ? parseHlc(last) : undefined;
    this.last = stored && !isBeyondDrift(stored.ms, wallClock()) ? { ...stored, deviceId } : { ms: 0, counter: 0, deviceId };
  }

  /**
   * A timestamp for a local write that replaces `floor` (the newest stamp of the
   * row it changes): greater than the floor whatever the wall clock says. A floor
   * within the allowed drift moves the clock as a received stamp would; one further
   * ahead (accepted by a person from a laptop with a wrong clock) does not drag the
   * clock along: the write gets the floor's successor and the clock stays.
   */
  after(floor?: string): string {
    const stamp = this.now();
    if (!floor || stamp > floor) return stamp;
    const f = parseHlc(floor);
    if (!isBeyondDrift(f.ms, this.wallClock())) {
      this.receive(floor);
      return this.now();
    }
    const next = f.counter >= MAX_COUNTER ? { ms: f.ms + 1, counter: 1 } : { ms: f.ms, counter: f.counter + 1 };
    return formatHlc({ ...next, deviceId: this.last.deviceId });
  }

  /** This laptop's wall clock, in ms. */
  wall(): number {
    return this.wallClock();
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
    if (isBeyondDrift(r.ms, wall)) return; // a laptop with a clock set years ahead must not drag ours along
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
