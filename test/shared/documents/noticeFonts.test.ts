import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_EM_TOPS, BUNDLED_LINE_FACTORS, chooseSystemFonts, fontEmTop, fontLineFactor, fontPlan } from '../../../shared/documents/pdfFonts';
import { FONTS_DIR } from './pdfNode';

describe('official faces', () => {
  it('sets notices in the bundled Fandol 仿宋 and 楷体, and falls back to Noto when they are missing', () => {
    const plan = fontPlan();
    expect(plan.Body.normal.file).toBe('FandolFang-Regular.otf');
    expect(plan.Kai.normal.file).toBe('FandolKai-Regular.otf');
    expect(plan.Title.normal.file).toBe('NotoSerifSC-Bold.ttf');
    const without = fontPlan({ hasOfficial: false });
    expect(without.Body.normal.file).toBe('NotoSerifSC-Regular.ttf');
    expect(without.Kai.normal.file).toBe('NotoSansSC-Regular.ttf');
  });

  it('prefers installed Windows / 方正 faces for the roles the office left unchosen', () => {
    const installed = ['simfang.ttf', 'simkai.ttf', 'simhei.ttf', 'FZXBSJW.TTF', 'simsun.ttc'];
    expect(chooseSystemFonts({}, installed, true)).toEqual({ Body: 'simfang.ttf', Kai: 'simkai.ttf', Hei: 'simhei.ttf', Title: 'FZXBSJW.TTF' });
    // The office's own choice wins, and nothing is chosen when the preference is off or nothing is installed.
    expect(chooseSystemFonts({ Body: 'FZFSJW.TTF' }, installed, true).Body).toBe('FZFSJW.TTF');
    expect(chooseSystemFonts({}, installed, false)).toEqual({});
    expect(chooseSystemFonts({}, [], true)).toEqual({});
  });

  it('knows the bundled faces’ metrics as measured from the files', () => {
    for (const [file, factor] of Object.entries(BUNDLED_LINE_FACTORS)) {
      const bytes = new Uint8Array(readFileSync(join(FONTS_DIR, file)));
      expect(fontLineFactor(bytes), file).toBeCloseTo(factor, 2);
      expect(fontEmTop(bytes), file).toBeCloseTo(BUNDLED_EM_TOPS[file as keyof typeof BUNDLED_EM_TOPS], 2);
    }
    expect(fontEmTop(new Uint8Array([1, 2, 3]))).toBeNull();
  });
});
