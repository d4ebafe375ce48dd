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
 * Ranks totals: higher total first, standard competition ranking for ties.
 * Items with the same total keep their input order. Returns a new array in
 * rank order. Callers pass only comparable items (see rankComplete).
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

export interface RankCandidate extends RankInput {
  /** The kind of unit (县区政府, 政府部门 …): units are ranked only against their own kind. */
  kind: string;
  /** Complete = submitted. An incomplete assessment is never ranked (an empty deduction sheet totals 0, the best score). */
  complete: boolean;
}

/** A place in the ranking, or why there is none. */
export type Standing =
  | { ranked: true; rank: number; /** ranked units of the same kind */ of: number; kind: string }
  | { ranked: false; kind: string };

/**
 * Ranks only complete assessments, each kind of unit on its own. Returns the
 * standing of every input id; incomplete ones get `{ ranked: false }`.
 */
export function rankComplete(items: readonly RankCandidate[]): Map<string, Standing> {
  const out = new Map<string, Standing>();
  const byKind = new Map<string, RankCandidate[]>();
  for (const it of items) {
    if (!it.complete) {
      out.set(it.id, { ranked: false, kind: it.kind });
      continue;
    }
    const list = byKind.get(it.kind) ?? [];
    list.push(it);
    byKind.set(it.kind, list);
  }
  for (const [kind, list] of byKind) for (const r of rankAssessments(list)) out.set(r.id, { ranked: true, rank: r.rank, of: list.length, kind });
  return out;
}

/** 第2名（共5家县区政府） / 未完成 — the rank in words for lists and documents. */
export function standingText(s: Standing | undefined): string {
  if (!s || !s.ranked) return '未完成';
  return `第${s.rank}名（共${s.of}家${s.kind}）`;
}

/** The progress shown instead of a rank: 未完成（已评 2/6 项指标）. */
export function incompleteText(progress: { answeredIndicators: number; totalIndicators: number }): string {
  return `未完成（已评 ${progress.answeredIndicators}/${progress.totalIndicators} 项指标）`;
}
