import { describe, expect, it } from 'vitest';
import { drawHalls, kindCoverageWarnings, type HallCandidate } from '../../../shared/draw/halls';

const hall = (id: string, parentId: string | null, kind: HallCandidate['kind'] = '便民服务中心'): HallCandidate => ({ targetId: id, name: `${id}便民服务中心`, kind, parentId });
const halls = [
  hall('dw1', 'dw', '政务服务大厅'), hall('dw2', 'dw'), hall('dw3', 'dw'), hall('dw4', 'dw'),
  hall('ps1', 'ps', '政务服务大厅'), hall('ps2', 'ps'), hall('ps3', 'ps'),
  hall('xl1', 'xl'),
  hall('orphan', null),
];

describe('drawing halls per county', () => {
  it('draws N halls of each county among its own halls, reproducibly', () => {
    const a = drawHalls({ seed: '20240701', perCounty: 2, countyIds: ['dw', 'ps'], halls });
    const b = drawHalls({ seed: '20240701', perCounty: 2, countyIds: ['ps', 'dw'], halls: [...halls].reverse() });
    if ('errors' in a || 'errors' in b) throw new Error('unexpected');
    expect(a.byCounty.map((c) => c.hallIds.length)).toEqual([2, 2]);
    expect(a.byCounty[0].hallIds.every((id) => id.startsWith('dw'))).toBe(true);
    expect(a.byCounty[1].hallIds.every((id) => id.startsWith('ps'))).toBe(true);
    expect(new Set(a.result).size).toBe(4);
    // Same seed, same register in another order → the same halls per county.
    expect(b.byCounty.find((c) => c.countyId === 'dw')!.hallIds).toEqual(a.byCounty[0].hallIds);
    expect(a.warnings).toEqual([]);
  });

  it('adding a hall to one county does not change another county’s draw', () => {
    const before = drawHalls({ seed: 's', perCounty: 2, countyIds: ['dw', 'ps'], halls });
    const after = drawHalls({ seed: 's', perCounty: 2, countyIds: ['dw', 'ps'], halls: [...halls, hall('ps4', 'ps')] });
    if ('errors' in before || 'errors' in after) throw new Error('unexpected');
    expect(after.byCounty[0].hallIds).toEqual(before.byCounty[0].hallIds);
  });

  it('takes all when a county has fewer, warns, and refuses a bad count', () => {
    const r = drawHalls({ seed: 's', perCounty: 2, countyIds: ['xl', 'none'], halls }, (id) => ({ xl: '兴隆台区', none: '双台子区' })[id] ?? id);
    if ('errors' in r) throw new Error('unexpected');
    expect(r.result).toEqual(['xl1']);
    expect(r.warnings).toEqual(['「兴隆台区」仅有 1 个可抽取的大厅，少于 2 个，已全部选取', '「双台子区」没有可抽取的政务服务大厅或便民服务中心']);
    expect(drawHalls({ seed: 's', perCounty: 0, countyIds: ['dw'], halls })).toEqual({ errors: ['每个县区抽取的大厅数量应为1到20之间的整数'] });
    const ex = drawHalls({ seed: 's', perCounty: 4, countyIds: ['dw'], halls, excludedIds: new Set(['dw1']) });
    if ('errors' in ex) throw new Error('unexpected');
    expect(ex.result.sort()).toEqual(['dw2', 'dw3', 'dw4']);
  });

  it('warns before a round would score a kind its scheme does not cover', () => {
    expect(kindCoverageWarnings(['县区政府'], { 县区政府: 2, 政务服务大厅: 2 }, '盘锦2024县区政府')).toEqual([
      '本方案（盘锦2024县区政府）不适用于「政务服务大厅」：抽中的 2 家不会按本方案评分，也不参加排名；大厅请按所属县区抽取，只做“五统一”核查。',
    ]);
    expect(kindCoverageWarnings(['县区政府'], { 县区政府: 2, 政府部门: 0 }, 'x')).toEqual([]);
  });
});
