import { describe, expect, it } from 'vitest';
import { localIso, watermarkLayout, watermarkLines } from '../../../shared/photos/watermark';

const facts = {
  targetName: '盘山县人民政府',
  inspector: '王明',
  round: '2024年年中考核',
  takenAt: '2024-06-12T10:23:05',
  attachedAtLocal: '2024-06-20T14:05:11',
  gps: { lat: 41.119583, lon: 122.071167 },
};

describe('watermark text', () => {
  it('states capture time, unit, inspector, round and place', () => {
    expect(watermarkLines(facts)).toEqual([
      '拍摄时间：2024-06-12 10:23:05',
      '被检查单位：盘山县人民政府',
      '检查人员：王明　检查批次：2024年年中考核',
      '位置：北纬 41.119583°，东经 122.071167°',
    ]);
  });

  it('says plainly when the photo had no capture time and the import time is shown instead', () => {
    const lines = watermarkLines({ ...facts, takenAt: null, gps: null });
    expect(lines[0]).toBe('导入时间：2024-06-20 14:05:11（照片无拍摄时间）');
    expect(lines).toHaveLength(3);
  });

  it('leaves out empty facts instead of printing empty labels', () => {
    expect(watermarkLines({ ...facts, inspector: ' ', targetName: '', gps: null })).toEqual(['拍摄时间：2024-06-12 10:23:05', '检查批次：2024年年中考核']);
  });

  it('formats the device clock as local time', () => {
    expect(localIso(new Date(2024, 0, 5, 7, 8, 9))).toBe('2024-01-05T07:08:09');
  });
});

describe('watermark layout', () => {
  const lines = watermarkLines(facts);

  it('puts a band across the bottom, tall enough for every line', () => {
    const l = watermarkLayout(2560, 1920, lines);
    expect(l.bandTop + l.bandHeight).toBe(1920);
    expect(l.bandHeight).toBeGreaterThanOrEqual(lines.length * l.lineHeight);
    expect(l.baselines).toHaveLength(lines.length);
    for (const y of l.baselines) expect(y).toBeGreaterThan(l.bandTop);
    expect(l.baselines.at(-1)!).toBeLessThanOrEqual(1920);
    // Readable on a 2560 px photo, yet the band covers less than a quarter of it.
    expect(l.fontPx).toBeGreaterThanOrEqual(40);
    expect(l.bandHeight / 1920).toBeLessThan(0.25);
  });

  it('scales with the picture and shrinks the font so the widest line fits', () => {
    const big = watermarkLayout(2560, 1920, lines);
    const small = watermarkLayout(640, 480, lines);
    expect(small.fontPx).toBeLessThan(big.fontPx);
    const long = [`被检查单位：${'很长的单位名称'.repeat(8)}`];
    const measure = (s: string) => [...s].length; // 1 em per character
    const l = watermarkLayout(1000, 800, long, measure);
    expect(measure(long[0]) * l.fontPx + 2 * l.padding).toBeLessThanOrEqual(1000 + l.fontPx);
  });
});
