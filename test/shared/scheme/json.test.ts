import { describe, expect, it } from 'vitest';
import { contentHash, exportSchemeJson, importSchemeJson } from '../../../shared/scheme';
import { BUILTIN_SCHEMES, PANJIN_2024_COUNTY } from '../../../shared/schemes';

describe('scheme JSON', () => {
  it('export → import → export is byte-identical for every built-in', () => {
    for (const s of BUILTIN_SCHEMES) {
      const text = exportSchemeJson(s);
      const r = importSchemeJson(text);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      expect(exportSchemeJson(r.scheme)).toBe(text);
      expect(r.scheme).toEqual({ ...s, builtin: false });
    }
  });

  it('writes a stable, readable file: header first, decimal points, 2-space indent, trailing newline', () => {
    const text = exportSchemeJson(PANJIN_2024_COUNTY);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "format": "zwgk-scheme",\n  "formatVersion": 1,\n  "id": "panjin-2024-county",')).toBe(true);
    expect(text).toContain('"deductionCap": "5"');
    expect(text).toContain('"min": "-5"');
    expect(text).toContain(
      '            {\n              "id": "pj24c.catalogue.nonstandard",\n              "kind": "occurrence",\n              "text": "主动公开事项目录未按统一标准编制",\n              "direction": "deduct",\n              "points": "0.05",',
    );
    expect(text).not.toContain('builtin');
  });

  it('accepts a hand-written file with defaults and plain numbers, normalising it on export', () => {
    const hand = {
      id: 'my-2025',
      name: '某区2025年政务公开考核细则',
      year: 2025,
      targetKinds: ['政府部门'],
      totals: { deductionCap: 5, min: -5, max: 0 },
      sections: [
        {
          id: 's1',
          title: '评分细则',
          indicators: [
            {
              id: 'i1',
              title: '政策解读',
              rules: [{ id: 'r1', kind: 'occurrence', text: '未解读', direction: 'deduct', points: 0.1 }],
            },
          ],
        },
      ],
    };
    const r = importSchemeJson(JSON.stringify(hand));
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.scheme.version).toBe(1);
    expect(r.scheme.builtin).toBe(false);
    expect(r.scheme.totals).toEqual({ base: 0, deductionCap: 5000, bonusCap: null, min: -5000, max: 0 });
    const rule = r.scheme.sections[0].indicators[0].rules[0];
    expect(rule).toEqual({ id: 'r1', kind: 'occurrence', text: '未解读', direction: 'deduct', points: 100, unit: '件', cap: null, feed: null, note: '' });
    const once = exportSchemeJson(r.scheme);
    const again = importSchemeJson(once);
    expect(again.ok && exportSchemeJson(again.scheme)).toBe(once);
  });

  it('a byte-order mark does not stop an import', () => {
    expect(importSchemeJson('\uFEFF' + exportSchemeJson(PANJIN_2024_COUNTY)).ok).toBe(true);
  });
});

describe('content hash', () => {
  it('is the SHA-256 of the canonical JSON and changes with any edit', async () => {
    const h = await contentHash(PANJIN_2024_COUNTY);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(h).toBe(createHash('sha256').update(exportSchemeJson(PANJIN_2024_COUNTY), 'utf8').digest('hex'));
    const copy = importSchemeJson(exportSchemeJson(PANJIN_2024_COUNTY));
    expect(copy.ok && (await contentHash(copy.scheme))).toBe(h);
    const edited = structuredClone(PANJIN_2024_COUNTY);
    (edited.sections[0].indicators[0].rules[0] as { points: number }).points = 1500;
    expect(await contentHash(edited)).not.toBe(h);
    expect(await contentHash({ ...PANJIN_2024_COUNTY, version: 2 })).not.toBe(h);
  });
});
