/** A figure a benchmark reports, under a stable key such as `db.query50k.ms`. */
export interface Figure {
  value: number;
  unit: string;
}
export type Figures = Record<string, Figure>;

export interface BenchCase {
  /** Shown in the table. */
  title: string;
  run(): Promise<Figures>;
}

/** Median of repeated runs of an async function, in milliseconds. */
export async function medianMs(fn: () => Promise<unknown> | unknown, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}
