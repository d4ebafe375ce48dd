/**
 * Exact score arithmetic. A score is an integer number of thousandths of a
 * point (0.05分 = 50); parse and print go through decimal text, never through
 * binary fractions, so 0.1 + 0.2 prints as 0.3 and 0.05 × 7 as 0.35.
 */

/** Integer thousandths of a point. */
export type Points = number;

/** U+2212 MINUS SIGN, used in explanations shown to people. */
export const MINUS = '\u2212';

/** Largest magnitude accepted anywhere: one million points. */
export const MAX_POINTS = 1_000_000_000;

export class PointsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PointsError';
  }
}

export type PointsParse = { ok: true; value: Points } | { ok: false; message: string };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Parses decimal point text ('0.05', '-5', '−0.6', '+2', '１.５') or a JS number
 * meant as points (0.05) into thousandths. Never throws.
 */
export function tryParsePoints(input: string | number): PointsParse {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { ok: false, message: '分值应为数字' };
    const scaled = input * 1000;
    const rounded = Math.round(scaled);
    // A number cell typed as 0.05 arrives as the double nearest 0.05; accept it
    // as 50 but refuse a genuine fourth decimal such as 0.0005.
    if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled))) {
      return { ok: false, message: `分值「${input}」最多保留三位小数` };
    }
    if (Math.abs(rounded) > MAX_POINTS) return { ok: false, message: `分值「${input}」超出允许范围` };
    return { ok: true, value: rounded === 0 ? 0 : rounded };
  }
  if (typeof input !== 'string') return { ok: false, message: '分值应为数字' };
  const text = input.normalize('NFKC').trim().replace(/\u2212/g, '-').replace(/分$/, '').trim();
  if (text === '') return { ok: false, message: '分值不能为空' };
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) {
    return { ok: false, message: `分值「${input}」应为数字` };
  }
  const [, sign, whole, frac = ''] = m;
  if (frac.length > 3) return { ok: false, message: `分值「${input}」最多保留三位小数` };
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > 7) return { ok: false, message: `分值「${input}」超出允许范围` };
  const magnitude = Number(wholeDigits || '0') * 1000 + Number(frac.padEnd(3, '0'));
  if (magnitude > MAX_POINTS) return { ok: false, message: `分值「${input}」超出允许范围` };
  return { ok: true, value: sign === '-' && magnitude !== 0 ? -magnitude : magnitude };
}

/** Like tryParsePoints but throws a PointsError with a Chinese message. */
export function parsePoints(input: string | number): Points {
  const r = tryParsePoints(input);
  if (!r.ok) throw new PointsError(r.message);
  return r.value;
}

function assertPoints(p: Points): void {
  if (!Number.isSafeInteger(p)) throw new PointsError(`内部错误: 分值 ${p} 不是整数千分位`);
}

function magnitudeText(abs: number): string {
  const whole = Math.floor(abs / 1000);
  const rest = abs % 1000;
  if (rest === 0) return String(whole);
  if (rest % 100 === 0) return `${whole}.${rest / 100}`;
  if (rest % 10 === 0) return `${whole}.${rest < 100 ? '0' : ''}${rest / 10}`;
  return `${whole}.${rest < 10 ? '00' : rest < 100 ? '0' : ''}${rest}`;
}

/** Plain decimal text with an ASCII minus: '0.35', '-5', '0'. Used in files. */
export function pointsToDecimal(p: Points): string {
  assertPoints(p);
  if (p === 0) return '0';
  return (p < 0 ? '-' : '') + magnitudeText(Math.abs(p));
}

/** Display text: '0.35', '2', '−0.6' (U+2212 for negatives). */
export function formatPoints(p: Points): string {
  assertPoints(p);
  if (p === 0) return '0';
  return (p < 0 ? MINUS : '') + magnitudeText(Math.abs(p));
}

/** Display text with an explicit sign: '+0.12', '−0.6', '0'. */
export function formatSigned(p: Points): string {
  assertPoints(p);
  if (p === 0) return '0';
  return (p < 0 ? MINUS : '+') + magnitudeText(Math.abs(p));
}

/** The value as a JS number of points, for spreadsheet cells (350 → 0.35). */
export function pointsToNumber(p: Points): number {
  assertPoints(p);
  return p / 1000;
}

/** points × count, for a non-negative integer count. */
export function mulPoints(p: Points, count: number): Points {
  assertPoints(p);
  if (!Number.isSafeInteger(count) || count < 0) throw new PointsError(`次数应为非负整数: ${count}`);
  const r = p * count;
  if (!Number.isSafeInteger(r)) throw new PointsError('分值超出允许范围');
  return r;
}

export function sumPoints(values: readonly Points[]): Points {
  let s = 0;
  for (const v of values) {
    assertPoints(v);
    s += v;
  }
  return s;
}
