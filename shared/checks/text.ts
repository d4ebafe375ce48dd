/**
 * Text normalisation and the small textual judgements the checks make
 * (placeholder text, time expressions, cited legal basis).
 */

/** Full-width → half-width and compatibility forms (ＡＢＣ１２３ → ABC123, （ → (). */
export function nfkc(text: string): string {
  // Most cells are plain ASCII, CJK ideographs and the punctuation NFKC keeps: skip the normaliser for them.
  return NFKC_STABLE.test(text) ? text : text.normalize('NFKC');
}

/** Characters NFKC leaves as they are and that compose with nothing (ASCII, CJK ideographs, 、。《》「」【】〔〕‘’“”—). */
const NFKC_STABLE = /^[\u0020-\u007e\u4e00-\u9fff\u3001\u3002\u300a-\u3011\u3014\u3015\u2018\u2019\u201c\u201d\u2014]*$/;

const EDGE_SPACE = /[\s\u3000\u00a0\ufeff]/;

/** Trimmed text of a cell value; numbers keep their shortest decimal form. */
export function cellText(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (!value || (!EDGE_SPACE.test(value[0]) && !EDGE_SPACE.test(value[value.length - 1]))) return value;
  return value.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g, '');
}

/**
 * Normalised 文号 for matching: width, spaces, every kind of bracket, 第, 号/號
 * and leading zeros of the serial number are ignored.
 * "盘政发〔2024〕第12号" = "盘政发[2024]12号" = "盘政发（2024）012 号" → "盘政发[2024]12".
 */
export function normaliseDocNumber(docNumber: string): string {
  let s = nfkc(docNumber).replace(/[\s\u3000]+/g, '').replace(/號/g, '号');
  if (!s) return '';
  s = s.replace(/[〔\[【(（﹝〖{｛［]/g, '[').replace(/[〕\]】)）﹞〗}｝］]/g, ']');
  s = s.replace(/号$/, '');
  s = s.replace(/第(?=\d+$)/, '');
  s = s.replace(/(^|\D)0+(\d)/g, '$1$2');
  return s.toUpperCase();
}

/** Markings of validity written into a website title: 【已废止】, （已失效）, [已修改] … */
const TITLE_MARKING =
  /[\[【(（〔［]\s*(现行有效|有效|已修改|已修订|已修正|部分修改|部分失效|已废止|废止|已失效|失效|已撤销|已宣布失效)\s*[\]】)）〕］]/g;

/** Splits a validity marking off a title: "【已废止】关于…通知" → { title: "关于…通知", marking: "已废止" }. */
export function splitTitleMarking(title: string): { title: string; marking: string | null } {
  let marking: string | null = null;
  const stripped = title.replace(TITLE_MARKING, (_m, word: string) => {
    marking ??= word;
    return '';
  });
  return { title: cellText(stripped), marking };
}

/**
 * Normalised title for matching: width, whitespace, punctuation (including
 * brackets and quotes such as 《》“”) and validity markings are ignored.
 */
export function normaliseTitle(title: string): string {
  return nfkc(splitTitleMarking(title).title)
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '')
    .toLowerCase();
}

/** Letters, digits and CJK ideographs only: nothing for the normaliser to change or strip. */
const PLAIN_WORD = /^[A-Za-z0-9\u4e00-\u9fff]*$/;

/** Normalised free text for duplicate detection (width, whitespace and punctuation ignored). */
export function normaliseFreeText(text: string): string {
  if (PLAIN_WORD.test(text)) return text.toLowerCase();
  return nfkc(text)
    .replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '')
    .toLowerCase();
}

const PLACEHOLDERS = new Set([
  '无', '/', '-', '--', '---', '—', '——', '─', '_', '__', '暂无', '待定', '略', '空', '待补充', '待填写', '待完善',
  'na', 'n/a', 'null', 'none', 'nil', '...', '…', '……', '.', '?', '？？', '??', '0',
]);

/**
 * Placeholder text standing in for an element that was not really filled in:
 * 无, /, -, 暂无, XXX (any run of two or more x), 待定, 略 …
 */
const placeholderCache = new Map<string, boolean>();

export function isPlaceholder(text: string): boolean {
  // Placeholders are short; long text with Chinese characters in it is real content (fast path for big tables).
  if (text.length > 12 && /[\u4e00-\u9fff]/.test(text)) return false;
  let known = placeholderCache.get(text);
  if (known === undefined) {
    known = placeholderText(text);
    if (placeholderCache.size > 20_000) placeholderCache.clear();
    placeholderCache.set(text, known);
  }
  return known;
}

function placeholderText(text: string): boolean {
  const s = nfkc(text).replace(/[\s\u3000]+/g, '').toLowerCase();
  if (!s) return false;
  if (PLACEHOLDERS.has(s)) return true;
  if (/^x{2,}$/.test(s)) return true;
  if (/^[-—_/\\.…·*]+$/.test(s)) return true;
  return false;
}

/** "同上" (same as above): the element repeats the previous row's value. */
export function isSameAsAbove(text: string): boolean {
  if (text.length > 12) return false;
  return /^(同上|同上栏|同上一行|同前|见上|见上栏)$/.test(nfkc(text).replace(/[\s\u3000]+/g, ''));
}

const CN_DIGIT = '〇零一二两三四五六七八九十百';
const NUMBER = `(?:\\d+|[${CN_DIGIT}]+|[半几数])`;
/** A number followed by a unit of time: 20个工作日, 5日, 十五天, 24小时, 3个月, 1年, 2周. */
const NUMERIC_PERIOD = new RegExp(`${NUMBER}\\s*(?:个)?\\s*(?:工作日|自然日|日|天|小时|时|分钟|月|年|周|星期|季度|旬)`);
/** A calendar date: 1月31日, 3月底, 每年6月, 12月31日前. */
const CALENDAR_DATE = new RegExp(`${NUMBER}\\s*月\\s*(?:${NUMBER}\\s*[日号]|底|初|上旬|中旬|下旬|末)`);
/** A recurring period: 每年, 每季度, 每月, 按月, 逐月, 年度, 季度, 月度, 半年. */
const PERIODIC = /(?:每|按|逐)\s*(?:年|季|季度|月|周|日|天|学期|半年)|年度|季度|月度|半年|年初|年底|年末|年中|学期/;
/** Words accepted on their own as a definite time: immediate or continuous publication as things happen. */
const STANDING = /实时|即时|随时|常态化|持续公开|动态更新|即办即公开|办结即公开|同步公开/;

/**
 * Does a 公开时限 state a time? Decision (documented for the inspector):
 * - accepted: a number with a unit (信息形成或变更之日起20个工作日内, 5日内, 24小时),
 *   a calendar date (每年3月31日前, 6月底前), a recurring period (每季度, 按月, 年度),
 *   or an immediate term (实时, 即时, 随时, 动态更新);
 * - not accepted: vague wording alone — 及时, 适时, 按规定, 按要求, 依法, 定期, 根据工作需要.
 * How long a thing stays published (长期, 1年, 保留6个月) is not a time of
 * publication: see `isRetentionOnly`, which the catalogue check asks first.
 */
export function hasTimeExpression(text: string): boolean {
  const s = nfkc(text);
  return NUMERIC_PERIOD.test(s) || CALENDAR_DATE.test(s) || PERIODIC.test(s) || STANDING.test(s);
}

/** Terms that say how long information stays published, not when it is published. */
const RETENTION_TERM = /^(?:长期|永久|常年|长年|一直|持续)(?:公开|保留|保存|有效|公示)?$|^(?:最新|现行|持续|长期)?有效(?:期内)?(?:公开)?$|^(?:至|到)?(?:废止|失效|更新|调整|变更)(?:前|为止|之日止)?(?:公开|有效)?$|^(?:保留|保存)$/;
/** A bare span of years or months, optionally after 保留/保存/公开/公示: 1年, 6个月, 保留1年, 公开期3年. */
const RETENTION_SPAN = new RegExp(`^(?:保留|保存|公开|公示|存续|留存)?(?:期|期限|时长)?(?:为)?${NUMBER}(?:个)?(?:年|月|年度)(?:以上|及以上)?$`);

/**
 * Does the text only say how long something stays published (a retention
 * period: 长期, 永久, 1年, 6个月, 保留1年, 长期，最新有效)? Such a value in a
 * 公开时限 column does not say when the information is published.
 */
export function isRetentionOnly(text: string): boolean {
  if (text.length > 24) return false;
  const parts = nfkc(text)
    .replace(/[\s\u3000]+/g, '')
    .split(/[,，、;；/／。.]+/)
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => RETENTION_TERM.test(p) || RETENTION_SPAN.test(p));
}

/**
 * Does a 公开依据 cite a law, regulation, rule or normative document by name?
 * The name must be marked with 《》 (or 〈〉, <<>> typed on a western keyboard),
 * or the document be given by its number (国办发〔2017〕47号, 国务院令第711号).
 */
export function citesNamedRule(text: string): boolean {
  const s = nfkc(text);
  return /《[^《》]+》/.test(s) || /〈[^〈〉]+〉/.test(s) || /<<[^<>]+>>/.test(s) || citesDocNumber(s);
}

/** A document number (国办发〔2017〕47号, 国务院令第711号) identifies the cited document as well as its title. */
const DOC_NUMBER = /[\u4e00-\u9fff]{1,16}[〔\[［(（【﹝]\s*(?:19|20)\d{2}\s*[〕\]］)）】﹞]\s*第?\s*\d{1,4}\s*号/;
const DECREE_NUMBER = /[\u4e00-\u9fff]{1,16}令\s*(?:\(\s*)?第\s*\d{1,4}\s*号|第\s*\d{1,4}\s*号\s*令/;

function citesDocNumber(s: string): boolean {
  return DOC_NUMBER.test(s) || DECREE_NUMBER.test(s);
}

/** Column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Similarity of two normalised strings by shared character bigrams (Dice coefficient, 0…1). */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}
