import type { TargetKind } from '../domain/targets';
import { compareCandidates, sampleIndices, type DrawCandidate } from './draw';

/**
 * 随机选取2个政务服务大厅: halls (政务服务大厅, 便民服务中心) are drawn per county,
 * N per county, among the halls that belong to it. Reproducible like the unit
 * draw: each county's halls are sorted by the stable key and shuffled by a
 * partial Fisher–Yates seeded with `${seed}#hall#${countyId}`, so adding a
 * hall to one county never changes who is drawn in another.
 */
export interface HallCandidate extends DrawCandidate {
  parentId: string | null;
}

export interface HallDrawInput {
  seed: string;
  perCounty: number;
  /** The counties drawn (or already in the round), in any order. */
  countyIds: readonly string[];
  halls: readonly HallCandidate[];
  /** Halls that may not be drawn (e.g. already in the round). */
  excludedIds?: ReadonlySet<string>;
}

export interface HallDrawResult {
  /** Per county in the order given: the halls drawn, in draw order. */
  byCounty: { countyId: string; hallIds: string[] }[];
  result: string[];
  /** e.g. 某县区仅有1个可抽取的大厅，已全部选取 */
  warnings: string[];
}

export function drawHalls(input: HallDrawInput, countyName: (id: string) => string = (id) => id): HallDrawResult | { errors: string[] } {
  const n = input.perCounty;
  if (!Number.isInteger(n) || n < 1 || n > 20) return { errors: ['每个县区抽取的大厅数量应为1到20之间的整数'] };
  const seed = input.seed.trim();
  if (!seed) return { errors: ['请填写随机种子'] };
  const byCounty: HallDrawResult['byCounty'] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const countyId of input.countyIds) {
    if (seen.has(countyId)) continue;
    seen.add(countyId);
    const pool = input.halls.filter((h) => h.parentId === countyId && !input.excludedIds?.has(h.targetId)).sort(compareCandidates);
    if (pool.length === 0) {
      warnings.push(`「${countyName(countyId)}」没有可抽取的政务服务大厅或便民服务中心`);
      byCounty.push({ countyId, hallIds: [] });
      continue;
    }
    const k = Math.min(n, pool.length);
    if (k < n) warnings.push(`「${countyName(countyId)}」仅有 ${pool.length} 个可抽取的大厅，少于 ${n} 个，已全部选取`);
    byCounty.push({ countyId, hallIds: sampleIndices(`${seed}#hall#${countyId}`, pool.length, k).map((i) => pool[i].targetId) });
  }
  return { byCounty, result: byCounty.flatMap((c) => c.hallIds), warnings };
}

/**
 * Warnings before a draw would put units into a round whose scheme does not
 * cover their kind. Halls drawn for a county are visited with the 五统一
 * checklist and never scored on the county scheme.
 */
export function kindCoverageWarnings(schemeKinds: readonly TargetKind[], perKind: Partial<Record<TargetKind, number>>, schemeName: string): string[] {
  const out: string[] = [];
  for (const [kind, count] of Object.entries(perKind) as [TargetKind, number | undefined][]) {
    if (!count || schemeKinds.includes(kind)) continue;
    out.push(`本方案（${schemeName}）不适用于「${kind}」：抽中的 ${count} 家不会按本方案评分，也不参加排名；大厅请按所属县区抽取，只做“五统一”核查。`);
  }
  return out;
}

export interface DrawnHallsSheetRow {
  countyId: string;
  countyName: string;
  /** Halls of this county that took part in the draw. */
  poolCount: number;
  halls: { targetId: string; name: string; kind: TargetKind }[];
}

/**
 * The drawn halls of a draw record, per county in the order drawn, for the
 * draw record sheet. A county with no hall drawn is kept (its line says so).
 */
export function drawnHallsSheet(
  record: { halls?: { pool: readonly { targetId: string; name: string; kind: TargetKind; parentId: string | null }[]; byCounty: readonly { countyId: string; hallIds: readonly string[] }[] } },
  countyName: (id: string) => string | undefined,
): DrawnHallsSheetRow[] {
  if (!record.halls) return [];
  const byId = new Map(record.halls.pool.map((h) => [h.targetId, h]));
  return record.halls.byCounty.map((c) => ({
    countyId: c.countyId,
    countyName: countyName(c.countyId) ?? c.countyId,
    poolCount: record.halls!.pool.filter((h) => h.parentId === c.countyId).length,
    halls: c.hallIds.map((id) => {
      const h = byId.get(id);
      return { targetId: id, name: h?.name ?? id, kind: h?.kind ?? '政务服务大厅' };
    }),
  }));
}
