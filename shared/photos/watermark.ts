import { formatGps } from './exif';

/**
 * The text burnt into a photo when the round has 水印 on, as field teams'
 * 水印相机 do: capture time, the unit, the inspector and the round (and the
 * place when the photo carries GPS). Pure: the worker draws what this returns.
 */
export interface WatermarkInfo {
  targetName: string;
  inspector: string;
  round: string;
}

export interface WatermarkFacts extends WatermarkInfo {
  /** EXIF capture time `YYYY-MM-DDTHH:mm:ss`, or null. */
  takenAt: string | null;
  /** When it was attached, as the device's local `YYYY-MM-DDTHH:mm:ss` (used when takenAt is null). */
  attachedAtLocal: string;
  gps: { lat: number; lon: number } | null;
}

/** `YYYY-MM-DDTHH:mm(:ss)` → `YYYY-MM-DD HH:mm:ss` (seconds 00 when absent). */
function wallClock(local: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?/.exec(local);
  return m ? `${m[1]} ${m[2]}:${m[3] ?? '00'}` : local.replace('T', ' ');
}

/**
 * The time line of a photo, the same on the watermark and in every caption:
 * 拍摄时间：2024-06-10 14:30:05, or 导入时间：…（照片无拍摄时间）.
 */
export function photoTimeLine(takenAt: string | null, attachedAtLocal: string): string {
  return takenAt ? `拍摄时间：${wallClock(takenAt)}` : `导入时间：${wallClock(attachedAtLocal)}（照片无拍摄时间）`;
}

export function watermarkLines(f: WatermarkFacts): string[] {
  const lines = [photoTimeLine(f.takenAt, f.attachedAtLocal)];
  if (f.targetName.trim()) lines.push(`被检查单位：${f.targetName.trim()}`);
  const who = [f.inspector.trim() && `检查人员：${f.inspector.trim()}`, f.round.trim() && `检查批次：${f.round.trim()}`].filter(Boolean);
  if (who.length) lines.push(who.join('　'));
  if (f.gps) lines.push(`位置：${formatGps(f.gps)}`);
  return lines;
}

/** A Date as local `YYYY-MM-DDTHH:mm:ss` (the device clock as the inspector reads it). */
export function localIso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export interface WatermarkLayout {
  fontPx: number;
  lineHeight: number;
  padding: number;
  /** Top of the dark band; it runs to the bottom edge over the full width. */
  bandTop: number;
  bandHeight: number;
  /** Baseline y of each line; x = padding. */
  baselines: number[];
}

/**
 * Where the band and the lines go on a `width`×`height` picture. The font
 * scales with the short side and shrinks so the widest line fits; `measure`
 * gives a line's width at 1 px font size (default: CJK 1 em, others 0.6 em).
 */
export function watermarkLayout(width: number, height: number, lines: string[], measure: (line: string) => number = estimateEm): WatermarkLayout {
  const short = Math.min(width, height);
  let fontPx = Math.max(10, Math.round(short * 0.026));
  const widest = Math.max(...lines.map(measure), 1);
  const padding = Math.round(fontPx * 0.8);
  const room = width - 2 * padding;
  if (widest * fontPx > room) fontPx = Math.max(8, Math.floor(room / widest));
  const lineHeight = Math.round(fontPx * 1.4);
  const pad = Math.round(fontPx * 0.8);
  const bandHeight = Math.min(height, lines.length * lineHeight + 2 * pad);
  const bandTop = height - bandHeight;
  const baselines = lines.map((_, i) => bandTop + pad + i * lineHeight + Math.round(fontPx * 1.05));
  return { fontPx, lineHeight, padding: pad, bandTop, bandHeight, baselines };
}

function estimateEm(line: string): number {
  let w = 0;
  for (const ch of line) w += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.6;
  return w;
}
