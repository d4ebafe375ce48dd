import { describe, expect, it } from 'vitest';
import { compareCandidates, drawScope, drawTargets, mergeExclusions, sampleIndices, verifyDraw, type DrawCandidate } from '../../../shared/draw/draw';
import { newDrawSeed, seededRandom, xoshiro128ss } from '../../../shared/draw/prng';
import type { TargetKind } from '../../../shared/domain/targets';

const COUNTIES = ['双台子区', '兴隆台区', '大洼区', '盘山县', '辽东湾新区', '高新区', '辽河口', '东郭镇', '石山镇', '胡家镇'];

function register(): DrawCandidate[] {
  const units: DrawCandidate[] = COUNTIES.map((n, i) => ({ targetId: `c${String(i).padStart(2, '0')}`, name: `${n}人民政府`, kind: '县区政府' }));
  for (let i = 0; i < 8; i++) units.push({ targetId: `d${i}`, name: `市第${i + 1}局`, kind: '政府部门' });
  return units;
}

function names(result: string[], pool: DrawCandidate[]): string[] {
  return result.map((id) => pool.find((c) => c.targetId === id)!.name);
}

describe('随机抽查', () => {
  it('draws the same units for the same seed and register, whatever order the register is read in', () => {
    const reg = register();
    const a = drawTargets({ seed: '20240715', perKind: { 县区政府: 3, 政府部门: 2 }, candidates: reg });
    const shuffled = [...reg].reverse();
    const b = drawTargets({ seed: '20240715', perKind: { 县区政府: 3, 政府部门: 2 }, candidates: shuffled });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.result).toHaveLength(5);
    expect(new Set(a.result).size).toBe(5);
    expect(b.result).toEqual(a.result);
    expect(a.pool).toEqual(b.pool);
    // three county governments and two departments
    expect(a.result.filter((id) => id.startsWith('c'))).toHaveLength(3);
    expect(a.result.filter((id) => id.startsWith('d'))).toHaveLength(2);
    expect(verifyDraw({ ...a })).toBe(true);
  });

  it('is reproducible when the register is re-created with new ids (units are ordered by name)', () => {
    const reg = register();
    const renumbered = reg.map((c, i) => ({ ...c, targetId: `x${1000 - i}` }));
    const a = drawTargets({ seed: 'abc', perKind: { 县区政府: 3 }, candidates: reg });
    const b = drawTargets({ seed: 'abc', perKind: { 县区政府: 3 }, candidates: renumbered });
    if (!a.ok || !b.ok) throw new Error('draw failed');
    expect(names(b.result, renumbered)).toEqual(names(a.result, reg));
  });

  it('gives a different draw for a different seed (most of the time) and a known draw for a pinned seed', () => {
    const reg = register();
    const results = new Set<string>();
    for (const seed of ['1', '2', '3', '4', '5', '6']) {
      const r = drawTargets({ seed, perKind: { 县区政府: 3 }, candidates: reg });
      if (r.ok) results.add([...r.result].sort().join());
    }
    expect(results.size).toBeGreaterThan(3);
    // A pinned vector: if the PRNG or the pool order ever changes, recorded draws would no longer replay.
    const pinned = drawTargets({ seed: '20240715', perKind: { 县区政府: 3 }, candidates: reg });
    if (!pinned.ok) throw new Error('draw failed');
    expect(names(pinned.result, reg)).toMatchInlineSnapshot(`
      [
        "辽东湾新区人民政府",
        "高新区人民政府",
        "兴隆台区人民政府",
      ]
    `);
  });

  it('changing the count of one kind does not change who is drawn in another', () => {
    const reg = register();
    const a = drawTargets({ seed: 's', perKind: { 县区政府: 3, 政府部门: 1 }, candidates: reg });
    const b = drawTargets({ seed: 's', perKind: { 县区政府: 3, 政府部门: 4 }, candidates: reg });
    if (!a.ok || !b.ok) throw new Error('draw failed');
    expect(a.result.filter((id) => id.startsWith('c'))).toEqual(b.result.filter((id) => id.startsWith('c')));
  });

  it('never draws an excluded unit and records why it was left out', () => {
    const reg = register();
    const exclusions = ['c00', 'c01', 'c02', 'c03', 'c04', 'c05', 'c06'].map((id) => ({ targetId: id, reason: '已在「2024年年中考核」中抽取' }));
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      const r = drawTargets({ seed, perKind: { 县区政府: 3 }, candidates: reg, exclusions });
      if (!r.ok) throw new Error(r.errors.join());
      expect([...r.result].sort()).toEqual(['c07', 'c08', 'c09']);
      expect(r.excluded).toHaveLength(7);
      expect(r.excluded[0].reason).toBe('已在「2024年年中考核」中抽取');
      expect(r.pool.map((c) => c.targetId)).not.toContain('c00');
    }
  });

  it('refuses bad input with clear Chinese messages', () => {
    const reg = register();
    expect(drawTargets({ seed: '  ', perKind: { 县区政府: 1 }, candidates: reg })).toEqual({ ok: false, errors: ['请填写随机数种子'] });
    expect(drawTargets({ seed: 'x', perKind: { 县区政府: 11 }, candidates: reg })).toEqual({
      ok: false,
      errors: ['「县区政府」可抽取 10 家，少于拟抽取的 11 家'],
    });
    expect(drawTargets({ seed: 'x', perKind: {}, candidates: reg })).toEqual({ ok: false, errors: ['请至少填写一类单位的抽取数量'] });
    expect(drawTargets({ seed: 'x', perKind: { 政府部门: 1.5 }, candidates: reg })).toMatchObject({ ok: false, errors: ['「政府部门」的抽取数量应为0到10000之间的整数'] });
    expect(drawTargets({ seed: 'x'.repeat(65), perKind: { 政府部门: 1 }, candidates: reg })).toMatchObject({ ok: false, errors: ['随机数种子不能超过64个字符'] });
    const kinds: TargetKind[] = ['政务服务大厅'];
    expect(drawTargets({ seed: 'x', perKind: { [kinds[0]]: 1 }, candidates: reg })).toMatchObject({ ok: false, errors: ['「政务服务大厅」可抽取 0 家，少于拟抽取的 1 家'] });
  });

  it('is uniform enough: over 2,000 seeds each of 10 units is drawn about 600 times (chi-square, 9 d.f.)', () => {
    const reg = register().filter((c) => c.kind === '县区政府');
    const hits = new Map<string, number>(reg.map((c) => [c.targetId, 0]));
    const firstPlace = new Map<string, number>(reg.map((c) => [c.targetId, 0]));
    for (let s = 0; s < 2000; s++) {
      const r = drawTargets({ seed: `seed-${s}`, perKind: { 县区政府: 3 }, candidates: reg });
      if (!r.ok) throw new Error('draw failed');
      for (const id of r.result) hits.set(id, hits.get(id)! + 1);
      firstPlace.set(r.result[0], firstPlace.get(r.result[0])! + 1);
    }
    const chi = (counts: Map<string, number>, expected: number) => [...counts.values()].reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    // 99.9th percentile of chi-square with 9 degrees of freedom is 27.88.
    expect(chi(hits, 600)).toBeLessThan(27.88);
    expect(chi(firstPlace, 200)).toBeLessThan(27.88);
    expect([...hits.values()].reduce((a, b) => a + b, 0)).toBe(6000);
  });

  it('implements xoshiro128** exactly (reference outputs for the state 1, 2, 3, 4)', () => {
    const next = xoshiro128ss([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => next())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('samples without modulo bias and without repeats', () => {
    const rng = seededRandom('bias');
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.nextInt(3)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
    expect(() => rng.nextInt(0)).toThrow('取值范围无效');
    for (let s = 0; s < 50; s++) {
      const idx = sampleIndices(`k${s}`, 7, 7);
      expect([...idx].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }
  });

  it('new seeds are 8 digits', () => {
    const seeds = new Set(Array.from({ length: 20 }, () => newDrawSeed()));
    for (const s of seeds) expect(s).toMatch(/^\d{8}$/);
    expect(seeds.size).toBeGreaterThan(15);
  });
});

describe('the draw record states only what took part', () => {
  /** 4 county governments and 8 departments: the register of the example. */
  function twelve(): DrawCandidate[] {
    const units: DrawCandidate[] = ['双台子区', '兴隆台区', '大洼区', '盘山县'].map((n, i) => ({ targetId: `c${i}`, name: `${n}人民政府`, kind: '县区政府' }));
    for (let i = 0; i < 8; i++) units.push({ targetId: `d${i}`, name: `市第${i + 1}局`, kind: '政府部门' });
    return units;
  }

  it('a draw of county governments takes part with the 4 county governments, not all 12 units', () => {
    const r = drawTargets({ seed: '20240715', perKind: { 县区政府: 2 }, candidates: twelve() });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.pool.map((c) => c.kind)).toEqual(['县区政府', '县区政府', '县区政府', '县区政府']);
    expect(drawScope(r).perKind).toEqual([{ kind: '县区政府', count: 2, inRegister: 4, eligible: 4, excluded: 0 }]);
    expect(verifyDraw(r)).toBe(true);
  });

  it('a unit excluded for two reasons is listed once, with both reasons', () => {
    const exclusions = [
      { targetId: 'c2', reason: '已在本检查任务中' },
      { targetId: 'c2', reason: '已在「2024年年中考核」中抽查' },
      { targetId: 'c1', reason: '已在「2024年年中考核」中抽查' },
      { targetId: 'd0', reason: '已在「2024年年中考核」中抽查' },
    ];
    expect(mergeExclusions(exclusions)).toEqual([
      { targetId: 'c2', reason: '已在本检查任务中；已在「2024年年中考核」中抽查' },
      { targetId: 'c1', reason: '已在「2024年年中考核」中抽查' },
      { targetId: 'd0', reason: '已在「2024年年中考核」中抽查' },
    ]);
    const r = drawTargets({ seed: 's', perKind: { 县区政府: 1 }, candidates: twelve(), exclusions });
    if (!r.ok) throw new Error(r.errors.join());
    // The department is not of a drawn kind: it is neither taking part nor listed as left out.
    expect(r.excluded.map((e) => [e.name, e.reason])).toEqual([
      ['兴隆台区人民政府', '已在「2024年年中考核」中抽查'],
      ['大洼区人民政府', '已在本检查任务中；已在「2024年年中考核」中抽查'],
    ]);
    expect(drawScope(r).perKind).toEqual([{ kind: '县区政府', count: 1, inRegister: 4, eligible: 2, excluded: 2 }]);
  });

  it('an older record that stored the whole register and a unit twice is shown with the drawn kind only, once each', () => {
    const reg = twelve().sort(compareCandidates);
    const old = {
      perKind: { 县区政府: 2 } as Partial<Record<TargetKind, number>>,
      pool: reg.filter((c) => c.targetId !== 'c2'),
      excluded: [
        { targetId: 'c2', name: '大洼区人民政府', reason: '已在本检查任务中' },
        { targetId: 'c2', name: '大洼区人民政府', reason: '已在「2024年年中考核」中抽查' },
      ],
    };
    const scope = drawScope(old);
    expect(scope.eligible.map((c) => c.name)).toEqual(['兴隆台区人民政府', '双台子区人民政府', '盘山县人民政府'].sort());
    expect(scope.excluded.map((e) => e.name)).toEqual(['大洼区人民政府']);
    expect(scope.excluded[0].reason).toBe('已在本检查任务中；已在「2024年年中考核」中抽查');
  });
});
