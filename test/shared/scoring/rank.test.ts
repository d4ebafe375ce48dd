import { describe, expect, it } from 'vitest';
import { rankAssessments } from '../../../shared/scoring';

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
