/**
 * Dates as they appear in Chinese spreadsheets and pasted tables, turned into
 * ISO dates (YYYY-MM-DD): 2024-03-05, 2024年3月5日, 2024.3.5, 2024/03/05,
 * 20240305, 二〇二四年三月五日, and Excel serial numbers (1900 or 1904 system).
 */
import { nfkc } from './text';

export type DateParse = { ok: true; iso: string } | { ok: false; empty: boolean; message: string };

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const CN_NUM: Record<string, number> = {
  '〇': 0, '零': 0, '○': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** 二〇二四 → 2024 (digit by digit); 十二 → 12, 二十五 → 25, 三十一 → 31 (tens). */
function chineseNumber(text: string): number | null {
  if (!text) return null;
  if (text.includes('十')) {
    const [tens, ones] = text.split('十');
    if (text.split('十').length > 2) return null;
    const t = tens === '' ? 1 : CN_NUM[tens];
    const o = ones === '' ? 0 : CN_NUM[ones];
    if (t === undefined || o === undefined || tens.length > 1 || ones.length > 1) return null;
    return t * 10 + o;
  }
  let n = 0;
  for (const ch of text) {
    const d = CN_NUM[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fromParts(y: number, m: number, d: number, original: string): DateParse {
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, empty: false, message: `日期无效：「${original}」（年份应在${MIN_YEAR}—${MAX_YEAR}年之间）` };
  if (m < 1 || m > 12) return { ok: false, empty: false, message: `日期无效：「${original}」（月份应为1—12）` };
  if (d < 1 || d > daysInMonth(y, m)) {
    return { ok: false, empty: false, message: `日期不存在：「${original}」（${y}年${m}月只有${daysInMonth(y, m)}天）` };
  }
  return { ok: true, iso: `${pad(y, 4)}-${pad(m)}-${pad(d)}` };
}

/** ISO date of an Excel serial number (days since 1899-12-30, with Excel's fictitious 1900-02-29). */
export function excelSerialToIso(serial: number, date1904 = false): DateParse {
  const whole = Math.floor(serial);
  const shown = String(serial);
  if (!Number.isFinite(serial) || whole < 1 || whole > 2_958_465) {
    return { ok: false, empty: false, message: `日期无效：「${shown}」不是有效的日期` };
  }
  let days: number; // days since 1970-01-01
  if (date1904) days = whole + 1462 - 25569;
  else if (whole === 60) return { ok: false, empty: false, message: `日期不存在：「${shown}」（1900年2月29日）` };
  else days = whole < 60 ? whole + 1 - 25569 : whole - 25569;
  const iso = new Date(days * 86_400_000).toISOString().slice(0, 10);
  const y = Number(iso.slice(0, 4));
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false, empty: false, message: `日期无效：「${shown}」（年份应在${MIN_YEAR}—${MAX_YEAR}年之间）` };
  return { ok: true, iso };
}

const NUMERIC_DATE = /^(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*[日号]?(?:[\sT]+\d{1,2}[:时]\d{1,2}(?:[:分]\d{1,2}(?:\.\d+)?秒?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE_DATE = /^([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*[日号]$/;

/**
 * Parses a cell value as a date. Numbers are Excel serial numbers (the value
 * a spreadsheet stores for a date cell); `date1904` follows the workbook.
 */
export function parseDateValue(value: string | number | boolean | null | undefined, date1904 = false): DateParse {
  if (value === null || value === undefined || value === '') return { ok: false, empty: true, message: '未填写日期' };
  if (typeof value === 'boolean') return { ok: false, empty: false, message: `无法识别的日期：「${value ? 'TRUE' : 'FALSE'}」` };
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 21001231) {
      const m = COMPACT_DATE.exec(String(value));
      if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), String(value));
    }
    return excelSerialToIso(value, date1904);
  }
  const original = value.trim();
  if (!original) return { ok: false, empty: true, message: '未填写日期' };
  const s = nfkc(original).replace(/[\s\u3000]+/g, ' ').trim().replace(/．/g, '.');
  let m = NUMERIC_DATE.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), original);
  m = COMPACT_DATE.exec(s);
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]), original);
  m = CHINESE_DATE.exec(s.replace(/ /g, ''));
  if (m) {
    const y = chineseNumber(m[1]);
    const mo = chineseNumber(m[2]);
    const d = chineseNumber(m[3]);
    if (y !== null && mo !== null && d !== null) return fromParts(y, mo, d, original);
  }
  // A serial number typed or exported as text (five digits or more: 1927 onwards).
  if (/^\d{5,7}(?:\.\d+)?$/.test(s)) return excelSerialToIso(Number(s), date1904);
  return { ok: false, empty: false, message: `无法识别的日期：「${original}」，请使用如 2024-03-05 或 2024年3月5日 的格式` };
}

/** The date `months` calendar months after `iso`, clamped to the month's end (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${pad(ny, 4)}-${pad(nm)}-${pad(nd)}`;
}

/** 2024-03-05 → 2024年3月5日 */
export function formatChineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
