/**
 * Chinese wording helpers for printed documents: numerals for numbered items
 * (一、（一）1.), dates (二〇二四年六月十日 / 2024年6月10日), notice numbers
 * (盘政公改〔2024〕3号), spreadsheet sheet names and file names.
 */

import { localDateTimeText } from '../util/localTime';

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (1..9999). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`无法用汉字书写的序号：${n}`);
  if (n === 0) return '零';
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + unit;
  });
  // 一十二 → 十二 (but 一百一十二 keeps its 一十).
  return n >= 10 && n < 20 ? out.slice(1) : out;
}

/** First-level item marker: 一、 */
export function level1(n: number): string {
  return `${chineseNumber(n)}、`;
}

/** Second-level item marker: （一） */
export function level2(n: number): string {
  return `（${chineseNumber(n)}）`;
}

/** Third-level item marker: 1. */
export function level3(n: number): string {
  return `${n}.`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function dateParts(iso: string): [number, number, number] {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`日期格式不正确：「${iso}」`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new RangeError(`日期格式不正确：「${iso}」`);
  return [y, mo, d];
}

/** 2024-06-10 → 二〇二四年六月十日 (each year digit spelt, month and day as numbers). */
export function chineseDate(iso: string): string {
  const [y, m, d] = dateParts(iso);
  const year = String(y)
    .split('')
    .map((c) => DIGITS[Number(c)])
    .join('');
  return `${year}年${chineseNumber(m)}月${chineseNumber(d)}日`;
}

/** 2024-06-10 → 2024年6月10日 (GB/T 9704-2012 style: Arabic numerals, no leading zeros). */
export function arabicDate(iso: string): string {
  const [y, m, d] = dateParts(iso);
  return `${y}年${m}月${d}日`;
}

export type DateStyle = 'chinese' | 'arabic';

export function formatDocDate(iso: string, style: DateStyle): string {
  return style === 'chinese' ? chineseDate(iso) : arabicDate(iso);
}

/**
 * A time as the reader's clock shows it: 2024-07-08T01:11:00.000Z → 2024-07-08 09:11
 * in Asia/Shanghai; a wall-clock text without zone (2024-06-10T14:30:00, EXIF)
 * is shown as written: 2024-06-10 14:30. A bare date stays a date.
 */
export function shortDateTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso.trim())) return iso.trim();
  return localDateTimeText(iso);
}

/**
 * The one rule for printing points, stated once in every document that shows
 * scores (PDF, Excel) and followed by every figure in it and on screen
 * (`formatPoints`: exact thousandths, no trailing zeros, U+2212 minus).
 */
export const POINTS_RULE_TEXT = '分值单位为分，精确到0.001分，按实际位数书写，末位的0不写（如−0.6、−0.05、−0.125）；减分以“−”表示。';

/** 盘政公改 + 2024 + 3 → 盘政公改〔2024〕3号 (the year in 六角括号, no leading zeros in the number). */
export function formatNoticeNumber(prefix: string, year: number, seq: number): string {
  const p = prefix.trim();
  if (!p) throw new RangeError('文号前缀不能为空');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError(`年份不正确：${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`序号应为正整数：${seq}`);
  return `${p}〔${year}〕${seq}号`;
}

/** Characters Excel refuses in sheet names. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * Excel-safe sheet names: forbidden characters replaced, at most 31
 * characters, no leading/trailing apostrophe, unique (case-insensitive) among
 * `taken` and each other; a clash gets a (2), (3)… suffix.
 */
export function uniqueSheetNames(wanted: readonly string[], taken: readonly string[] = []): string[] {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  return wanted.map((raw) => {
    let base = raw.replace(SHEET_FORBIDDEN, '_').replace(/^'+|'+$/g, '').trim();
    if (!base || base.toLowerCase() === 'history') base = base ? `${base}_` : '工作表';
    base = [...base].slice(0, 31).join('');
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** A file name that saves on Windows and elsewhere: forbidden characters dropped, at most 120 characters. */
export function safeFileName(name: string, extension: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim() || '文档';
  return `${[...base].slice(0, 120).join('')}.${extension}`;
}

/** Join non-empty parts with the Chinese enumeration comma. */
export function joinList(parts: readonly string[]): string {
  return parts.filter(Boolean).join('、');
}
