import { describe, expect, it } from 'vitest';
import { checkDraft, draftFromScheme, moveItem, newRule, parsePath, setIn, uniqueId, allIds, type DraftRange } from '../../../renderer/features/schemes/schemeDraft';
import { CHANGZHOU_2020_TEMPLATE, PANJIN_2024_COUNTY } from '../../../shared/schemes/index';
import { exportSchemeJson } from '../../../shared/scheme/json';

describe('editor drafts', () => {
  it('round-trips a built-in: draft → check gives back the same scheme (as an own copy)', () => {
    for (const s of [PANJIN_2024_COUNTY, CHANGZHOU_2020_TEMPLATE]) {
      const c = checkDraft(draftFromScheme(s));
      expect(c.errors).toEqual([]);
      expect(c.scheme).toEqual({ ...s, builtin: false });
      expect(exportSchemeJson(c.scheme!)).toBe(exportSchemeJson(s));
    }
  });

  it('parses points as typed decimal text exactly, and names the place of every error', () => {
    let d = draftFromScheme(PANJIN_2024_COUNTY);
    d = setIn(d, parsePath('sections[0].indicators[0].rules[1].points'), '0.125');
    expect(checkDraft(d).scheme!.sections[0].indicators[0].rules[1]).toMatchObject({ points: 125 });

    d = setIn(d, parsePath('sections[0].indicators[0].rules[1].points'), '0.1255');
    d = setIn(d, ['year'], null);
    d = setIn(d, ['totals', 'max'], '-6');
    const c = checkDraft(d);
    expect(c.scheme).toBeNull();
    expect(c.errors.map((e) => e.message)).toEqual(['方案：年度不能为空', '第1节第1项指标第2条规则：分值「0.1255」最多保留三位小数']);
    expect(c.byPath.get('sections[0].indicators[0].rules[1].points')).toBe('分值「0.1255」最多保留三位小数');
    // Cross-field checks run once the fields parse.
    const fixed = setIn(setIn(d, ['year'], 2024), parsePath('sections[0].indicators[0].rules[1].points'), '0.1');
    expect(checkDraft(fixed).errors.map((e) => e.message)).toEqual(['总分设置：得分上限应不小于得分下限']);
  });

  it('setIn copies only along the path; the original draft is unchanged', () => {
    const d = draftFromScheme(PANJIN_2024_COUNTY);
    const e = setIn(d, ['sections', 0, 'indicators', 1, 'title'], '新标题');
    expect(d.sections[0].indicators[1].title).toBe('行政规范性文件发布及动态更新');
    expect(e.sections[0].indicators[1].title).toBe('新标题');
    expect(e.sections[0].indicators[0]).toBe(d.sections[0].indicators[0]);
    expect(e.totals).toBe(d.totals);
  });

  it('changing a rule kind keeps its id, text, note and direction and fills sensible defaults', () => {
    const d = draftFromScheme(PANJIN_2024_COUNTY);
    const video = d.sections[0].indicators[2].rules[4];
    const r = newRule('range', video.id, video) as DraftRange;
    expect(r).toMatchObject({ id: video.id, kind: 'range', text: video.text, direction: 'bonus', min: '0.1', max: '0.2' });
    const withRange = setIn(d, ['sections', 0, 'indicators', 2, 'rules', 4], { ...r, min: '0.3', max: '0.2' });
    expect(checkDraft(withRange).errors.map((e) => e.message)).toEqual(['第1节第3项指标第5条规则：最大值应不小于最小值']);
  });

  it('new ids never collide; lists reorder without losing items', () => {
    const d = draftFromScheme(PANJIN_2024_COUNTY);
    const used = allIds(d);
    expect(used.has('pj24c.catalogue.missing')).toBe(true);
    const id = uniqueId(used, 'pj24c.catalogue.r');
    expect(id).toBe('pj24c.catalogue.r1');
    used.add(id);
    expect(uniqueId(used, 'pj24c.catalogue.r')).toBe('pj24c.catalogue.r2');
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});
