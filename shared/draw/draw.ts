import { TARGET_KINDS, normaliseUnitName, type TargetKind } from '../domain/targets';
import { seededRandom } from './prng';

/**
 * 随机抽查: draw N units per kind from the register with a recorded seed.
 *
 * Reproducible: the pool is sorted by a stable key (kind, then the normalised
 * unit name compared by code points, then the id), and each kind is shuffled
 * by a partial Fisher–Yates driven by xoshiro128** seeded with `${seed}#${kind}`.
 * The same seed and the same register therefore give the same units, on any
 * machine, whatever order the register was read in; and changing the count of
 * one kind does not change who is drawn in another.
 */

export interface DrawCandidate {
  targetId: string;
  name: string;
  kind: TargetKind;
}

export interface DrawExclusion {
  targetId: string;
  /** Why the unit may not be drawn, e.g. 已在「2024年年中考核」中抽取. */
  reason: string;
}

export interface DrawInput {
  seed: string;
  perKind: Partial<Record<TargetKind, number>>;
  /** The register (units in use), in any order. */
  candidates: readonly DrawCandidate[];
  exclusions?: readonly DrawExclusion[];
}

export interface DrawPlan {
  seed: string;
  perKind: Partial<Record<TargetKind, number>>;
  /** Units of the drawn kinds that could be drawn, in the order the draw used. */
  pool: DrawCandidate[];
  /** Units of the drawn kinds left out, with the reason. */
  excluded: { targetId: string; name: string; reason: string; kind: TargetKind }[];
  /** Drawn target ids, kind by kind in draw order. */
  result: string[];
}

export type DrawOutcome = ({ ok: true } & DrawPlan) | { ok: false; errors: string[] };

export const MAX_SEED_LENGTH = 64;
const MAX_PER_KIND = 10_000;

function codePointCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The stable order of the pool. */
export function compareCandidates(a: DrawCandidate, b: DrawCandidate): number {
  return (
    TARGET_KINDS.indexOf(a.kind) - TARGET_KINDS.indexOf(b.kind) ||
    codePointCompare(normaliseUnitName(a.name), normaliseUnitName(b.name)) ||
    codePointCompare(a.targetId, b.targetId)
  );
}

/** Checks a seed typed by a person; returns a Chinese message or null. */
export function seedProblem(seed: string): string | null {
  const s = seed.trim();
  if (!s) return '请填写随机数种子';
  if (s.length > MAX_SEED_LENGTH) return `随机数种子不能超过${MAX_SEED_LENGTH}个字符`;
  return null;
}

/** k of n, kind by kind: the partial Fisher–Yates shuffle the draw uses. */
export function sampleIndices(seed: string, n: number, k: number): number[] {
  const rng = seededRandom(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, k);
}

/**
 * Plans a draw. Pure: nothing is stored. Refuses (with Chinese messages) a
 * missing seed, a bad count, nothing to draw, or a kind with too few units.
 */
export function drawTargets(input: DrawInput): DrawOutcome {
  const errors: string[] = [];
  const seedMsg = seedProblem(input.seed);
  if (seedMsg) errors.push(seedMsg);
  const seed = input.seed.trim();

  const seen = new Set<string>();
  const register: DrawCandidate[] = [];
  for (const c of input.candidates) {
    if (seen.has(c.targetId)) continue;
    seen.add(c.targetId);
    register.push({ targetId: c.targetId, name: c.name, kind: c.kind });
  }
  const exclusions = new Map(mergeExclusions(input.exclusions ?? []).map((e) => [e.targetId, e.reason]));

  register.sort(compareCandidates);
  const notExcluded = register.filter((c) => !exclusions.has(c.targetId));

  const perKind: Partial<Record<TargetKind, number>> = {};
  let total = 0;
  for (const kind of TARGET_KINDS) {
    const raw = input.perKind[kind];
    if (raw === undefined || raw === null) continue;
    if (!Number.isInteger(raw) || raw < 0 || raw > MAX_PER_KIND) {
      errors.push(`「${kind}」的抽取数量应为0到${MAX_PER_KIND}之间的整数`);
      continue;
    }
    if (raw === 0) continue;
    const available = notExcluded.filter((c) => c.kind === kind).length;
    if (raw > available) {
      errors.push(`「${kind}」可抽取 ${available} 家，少于拟抽取的 ${raw} 家`);
      continue;
    }
    perKind[kind] = raw;
    total += raw;
  }
  if (errors.length === 0 && total === 0) errors.push('请至少填写一类单位的抽取数量');
  if (errors.length > 0) return { ok: false, errors };

  // Only the kinds being drawn take part: a draw of 4 county governments lists those 4, not the whole register.
  const drawnKinds = new Set(Object.keys(perKind));
  const pool = notExcluded.filter((c) => drawnKinds.has(c.kind));
  const excluded = register
    .filter((c) => drawnKinds.has(c.kind) && exclusions.has(c.targetId))
    .map((c) => ({ targetId: c.targetId, name: c.name, reason: exclusions.get(c.targetId)!, kind: c.kind }));

  const result: string[] = [];
  for (const kind of TARGET_KINDS) {
    const k = perKind[kind];
    if (!k) continue;
    const ofKind = pool.filter((c) => c.kind === kind);
    for (const i of sampleIndices(`${seed}#${kind}`, ofKind.length, k)) result.push(ofKind[i].targetId);
  }
  return { ok: true, seed, perKind, pool, excluded, result };
}

/**
 * One line per unit: a unit both in this round and in an earlier one is listed
 * once, with both reasons (已在本检查任务中；已在「…」中抽查), in first-seen order.
 */
export function mergeExclusions(exclusions: readonly DrawExclusion[]): DrawExclusion[] {
  const byId = new Map<string, string[]>();
  for (const e of exclusions) {
    const reasons = byId.get(e.targetId);
    if (!reasons) byId.set(e.targetId, [e.reason]);
    else if (!reasons.includes(e.reason)) reasons.push(e.reason);
  }
  return [...byId].map(([targetId, reasons]) => ({ targetId, reason: reasons.join('；') }));
}

export interface DrawScopeKind {
  kind: TargetKind;
  count: number;
  /** Units of this kind in the register when the draw was made (eligible + not taking part). */
  inRegister: number;
  eligible: number;
  excluded: number;
}

/**
 * What the draw record states as its scope: per drawn kind, the units in the
 * register, those not taking part and those taking part; and the lists of
 * both, restricted to the drawn kinds (older records stored the whole register
 * as their pool) and without duplicates.
 */
export function drawScope(record: {
  perKind: Partial<Record<TargetKind, number>>;
  pool: readonly DrawCandidate[];
  excluded: readonly { targetId: string; name: string; reason: string; kind?: TargetKind }[];
}) {
  const kinds = TARGET_KINDS.filter((k) => (record.perKind[k] ?? 0) > 0);
  const inScope = new Set<TargetKind>(kinds);
  const eligible = record.pool.filter((c) => inScope.has(c.kind));
  const poolKind = new Map(record.pool.map((c) => [c.targetId, c.kind]));
  const seen = new Set<string>();
  const excluded: { targetId: string; name: string; reason: string; kind: TargetKind | null }[] = [];
  for (const e of record.excluded) {
    const kind = e.kind ?? poolKind.get(e.targetId) ?? null;
    if (kind !== null && !inScope.has(kind)) continue;
    if (seen.has(e.targetId)) {
      const first = excluded.find((x) => x.targetId === e.targetId);
      if (first && !first.reason.split('；').includes(e.reason)) first.reason += `；${e.reason}`;
      continue;
    }
    seen.add(e.targetId);
    excluded.push({ targetId: e.targetId, name: e.name, reason: e.reason, kind });
  }
  const perKind: DrawScopeKind[] = kinds.map((kind) => {
    const el = eligible.filter((c) => c.kind === kind).length;
    const ex = excluded.filter((e) => e.kind === kind).length;
    return { kind, count: record.perKind[kind] ?? 0, inRegister: el + ex, eligible: el, excluded: ex };
  });
  return { perKind, eligible, excluded };
}

/**
 * Re-runs a recorded draw from its stored pool and seed; true when it gives the
 * recorded result (the check printed on the draw record: 复核一致).
 */
export function verifyDraw(record: { seed: string; perKind: Partial<Record<TargetKind, number>>; pool: readonly DrawCandidate[]; result: readonly string[] }): boolean {
  const again = drawTargets({ seed: record.seed, perKind: record.perKind, candidates: record.pool });
  return again.ok && again.result.length === record.result.length && again.result.every((id, i) => id === record.result[i]);
}
