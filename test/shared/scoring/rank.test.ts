import { describe, expect, it } from 'vitest';
import { rankAssessments } from '../../../shared/scoring';
import { incompleteText, rankComplete, standingText } from '../../../shared/scoring/rank';

describe('rankAssessments', () => {
  it('ranks higher totals first and gives ties the same rank (1, 2, 2, 4)', () => {
    const ranked = rankAssessments([
      { id: '兴隆台区', total: -800 },
      { id: '双台子区', total: -300 },
      { id: '大洼区', total: 0 },
      { id: '盘山县', total: -300 },
    ]);
    expect(ranked.map((r) => [r.id, r.rank])).toEqual([
      ['大洼区', 1],
      ['双台子区', 2],
      ['盘山县', 2],
      ['兴隆台区', 4],
    ]);
  });

  it('handles all equal, single and empty lists without changing the input', () => {
    const input = [
      { id: 'a', total: 95000 },
      { id: 'b', total: 95000 },
      { id: 'c', total: 95000 },
    ];
    const copy = structuredClone(input);
    expect(rankAssessments(input).map((r) => r.rank)).toEqual([1, 1, 1]);
    expect(input).toEqual(copy);
    expect(rankAssessments([{ id: 'x', total: -5000 }])).toEqual([{ id: 'x', total: -5000, rank: 1 }]);
    expect(rankAssessments([])).toEqual([]);
  });

  it('compares exact thousandths: 0.1 + 0.2 ties with 0.3', () => {
    const ranked = rankAssessments([
      { id: 'sum', total: 100 + 200 },
      { id: 'three', total: 300 },
      { id: 'less', total: 299 },
    ]);
    expect(ranked.map((r) => r.rank)).toEqual([1, 1, 3]);
  });
});

describe('rankComplete', () => {
  it('never ranks an incomplete assessment, even when its empty sheet totals 0 (the best score)', () => {
    const s = rankComplete([
      { id: '兴隆台区', total: 0, kind: '县区政府', complete: false },
      { id: '大洼区', total: -1110, kind: '县区政府', complete: true },
      { id: '盘山县', total: -300, kind: '县区政府', complete: true },
    ]);
    expect(s.get('兴隆台区')).toEqual({ ranked: false, kind: '县区政府' });
    expect(s.get('盘山县')).toEqual({ ranked: true, rank: 1, of: 2, kind: '县区政府' });
    expect(s.get('大洼区')).toEqual({ ranked: true, rank: 2, of: 2, kind: '县区政府' });
    expect(standingText(s.get('大洼区'))).toBe('第2名（共2家县区政府）');
    expect(standingText(s.get('兴隆台区'))).toBe('未完成');
  });

  it('ranks each kind of unit on its own', () => {
    const s = rankComplete([
      { id: '市教育局', total: 0, kind: '政府部门', complete: true },
      { id: '大洼区', total: -500, kind: '县区政府', complete: true },
      { id: '市民政局', total: -200, kind: '政府部门', complete: true },
      { id: '盘山县', total: -100, kind: '县区政府', complete: true },
    ]);
    expect([...s].map(([id, st]) => [id, st.ranked ? st.rank : null, st.ranked ? st.of : null])).toEqual(
      expect.arrayContaining([
        ['市教育局', 1, 2],
        ['市民政局', 2, 2],
        ['盘山县', 1, 2],
        ['大洼区', 2, 2],
      ]),
    );
  });

  it('gives nobody a rank when nothing is submitted, and describes the progress instead', () => {
    const s = rankComplete([
      { id: 'a', total: 0, kind: '县区政府', complete: false },
      { id: 'b', total: -100, kind: '县区政府', complete: false },
    ]);
    expect([...s.values()].every((x) => !x.ranked)).toBe(true);
    expect(incompleteText({ answeredIndicators: 0, totalIndicators: 6 })).toBe('未完成（已评 0/6 项指标）');
  });
});
