import type { Points } from '../points/points';

export interface RankInput {
  id: string;
  total: Points;
}

export interface Ranked extends RankInput {
  /** 1 for the highest total; equal totals share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
}

/**
 * Ranks the assessments of one inspection: higher total first, standard
 * competition ranking for ties. Units with the same total keep their input
 * order. Returns a new array in rank order.
 */
export function rankAssessments(items: readonly RankInput[]): Ranked[] {
  const sorted = items.map((it, index) => ({ it, index })).sort((x, y) => y.it.total - x.it.total || x.index - y.index);
  const out: Ranked[] = [];
  sorted.forEach(({ it }, n) => {
    const rank = n > 0 && sorted[n - 1].it.total === it.total ? out[n - 1].rank : n + 1;
    out.push({ id: it.id, total: it.total, rank });
  });
  return out;
}
