/**
 * How a catalogue's columns are read when the header word alone would mislead:
 * a 公开形式 column holding channels (政府网站) or methods (主动公开) or both,
 * a 公开主体 column listing the unit's own offices (really 责任), and the one
 * unit a catalogue covers, named in its title or a 编制单位 line. Pure.
 */
import { fieldText, type ResolvedField } from './columns';
import { cellText, nfkc } from './text';
import type { RawRow } from './types';

/** 主动公开 / 依申请公开 (also written 主动, 依申请): the 公开方式. */
const METHOD_TERMS = /依申请公开|依申请|主动公开|主动|依职权公开/g;
/** Where information is published: the 公开渠道. */
const CHANNEL_TERM =
  /网站|网页|门户|网上|线上|现场|公报|公开栏|公示栏|宣传栏|公告栏|信息栏|村务|新媒体|微信|微博|公众号|客户端|app|小程序|抖音|头条|新闻发布|发布会|报刊|报纸|日报|广播|电视|媒体|服务中心|服务大厅|服务站|便民|档案馆|图书馆|查阅|电子屏|显示屏|触摸屏|一体机|短信|热线|政务服务网|平台|公示牌|展板|手册|明白纸/i;

/** The 公开方式 terms in a text, each once, in order. */
export function methodTerms(text: string): string[] {
  const out: string[] = [];
  if (!text.includes('主动') && !text.includes('依申请') && !text.includes('依职权')) return out;
  for (const m of text.matchAll(METHOD_TERMS)) {
    const t = m[0] === '主动' ? '主动公开' : m[0] === '依申请' ? '依申请公开' : m[0];
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The text with its 公开方式 terms taken out (what is left names the channels). */
export function withoutMethodTerms(text: string): string {
  return nfkc(text)
    .replace(METHOD_TERMS, ' ')
    .replace(/^[\s、，,；;／/和及与]+|[\s、，,；;／/和及与]+$/g, '')
    .replace(/[\s]*([、，,；;／/])[\s、，,；;／/]*/g, '$1')
    .trim();
}

export interface ColumnContent {
  cells: number;
  channel: number;
  method: number;
  /** Examples of what the column holds, for the conclusion text. */
  channelExamples: string[];
  methodExamples: string[];
}

/** What a 公开形式/公开方式/公开渠道 column holds, from its values. */
export function columnContent(rows: readonly RawRow[], rf: ResolvedField): ColumnContent {
  const out: ColumnContent = { cells: 0, channel: 0, method: 0, channelExamples: [], methodExamples: [] };
  // A column of channels repeats a few texts row after row: read each distinct text once.
  const seen = new Map<string, { methods: string[]; rest: string; channel: boolean }>();
  for (const r of rows) {
    const text = fieldText(r, rf);
    if (!text) continue;
    out.cells++;
    let read = seen.get(text);
    if (!read) {
      const rest = withoutMethodTerms(text);
      read = { methods: methodTerms(text), rest, channel: !!rest && CHANNEL_TERM.test(rest) };
      if (seen.size < 50_000) seen.set(text, read);
    }
    const { methods, rest } = read;
    if (methods.length) {
      out.method++;
      for (const m of methods) if (out.methodExamples.length < 2 && !out.methodExamples.includes(m)) out.methodExamples.push(m);
    }
    if (read.channel) {
      out.channel++;
      for (const part of rest.split(/[、，,；;／/]/)) if (part && out.channelExamples.length < 2 && !out.channelExamples.includes(part)) out.channelExamples.push(part);
    }
  }
  return out;
}

/** Share of cells above which a column is taken to carry channels or methods. */
const CARRIES = 0.3;

export function carries(c: ColumnContent): { channel: boolean; method: boolean } {
  if (!c.cells) return { channel: false, method: false };
  return { channel: c.channel / c.cells >= CARRIES, method: c.method / c.cells >= CARRIES };
}

// ---------------------------------------------------------------------------
// Units and their offices

/** Words of a unit's name (a government, a bureau, a town) rather than an internal office. */
const UNIT_WORD = /县|市|区|省|州|盟|旗|镇|乡|街道|局|委员会|委|政府|厅|署|院|管委会|办事处|公司|集团/;
const OFFICE_END = /(?:室|科|股|大队|中队|支队|组|处|所|站|队|部|中心)$/;

/** 政工室, 法制大队, 办公室: an office inside a unit, not a unit. */
export function isInternalOffice(text: string): boolean {
  const s = nfkc(text).replace(/\s+/g, '');
  return s.length >= 2 && s.length <= 12 && OFFICE_END.test(s) && !UNIT_WORD.test(s);
}

/** Does a 公开主体 column list internal offices (the responsible office) rather than units? */
export function officesInColumn(rows: readonly RawRow[], rf: ResolvedField): { offices: boolean; examples: string[] } {
  const distinct = new Set<string>();
  for (const r of rows) {
    const text = fieldText(r, rf);
    if (!text) continue;
    for (const part of text.split(/[、，,；;／/\s]+/)) if (part) distinct.add(part);
    if (distinct.size > 200) break;
  }
  const values = [...distinct];
  const offices = values.filter(isInternalOffice);
  return { offices: values.length > 0 && offices.length / values.length >= 0.6, examples: offices.slice(0, 2) };
}

/** A unit's name as it ends: 局, 人民政府, 办公室, 镇 … (a bare county or city covers many units). */
const UNIT_NAME = /(?:局|委员会|委|人民政府|政府|办公室|办事处|厅|院|署|中心|管委会|管理委员会|公司|馆|大队|支队|分局|街道|镇|乡|站|所)$/;

function cleanUnit(text: string): string | null {
  const s = cellText(text)
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(?:\d{4}年度?|[(（]?\d{4}[)）]?)$/, '');
  return s.length >= 3 && s.length <= 30 && UNIT_NAME.test(s) ? s : null;
}

/** 编制单位：XX局 / 填报单位: XX局（盖章） */
const UNIT_LINE = /(?:编制|填报|制表|报送|公开|发布)(?:单位|机关)\s*[:：]\s*([^\s:：]+)/;
const TITLE_TAIL = /(?:\d{4}年度?)?(?:的)?(?:基层)?(?:政府信息|政务|信息)?(?:主动)?(?:公开)?(?:事项)?(?:标准)?(?:目录|清单)/;

export interface CatalogueUnit {
  name: string;
  /** Where it was read: the title row, or a 编制单位/填报单位 line. */
  from: 'title' | 'unitLine';
  row: number;
}

/**
 * The one unit a catalogue covers, when its title (XX县交通运输局主动公开事项目录)
 * or a 编制单位/填报单位 line names a unit; null for a catalogue of a whole county
 * or city (XX县主动公开事项目录), which covers many units.
 */
export function catalogueUnit(titleRows: readonly RawRow[], lastRows: readonly RawRow[]): CatalogueUnit | null {
  for (const r of [...titleRows, ...lastRows]) {
    for (const c of r.cells) {
      if (typeof c !== 'string') continue;
      const m = UNIT_LINE.exec(nfkc(c));
      const name = m ? cleanUnit(m[1]) : null;
      if (name) return { name, from: 'unitLine', row: r.row };
    }
  }
  for (const r of titleRows) {
    for (const c of r.cells) {
      if (typeof c !== 'string') continue;
      const t = cellText(c).replace(/[\s\u3000]+/g, '');
      const m = TITLE_TAIL.exec(t);
      if (!m || m.index === 0) continue;
      let head = t.slice(0, m.index).replace(/[（(][^）)]*[）)]/g, '');
      for (let i = 0; i < 3; i++) head = head.replace(/(?:\d{4}年度?|主动公开|政务公开|政府信息公开|信息公开|公开|事项)$/, '');
      const name = cleanUnit(head);
      if (name) return { name, from: 'title', row: r.row };
      break;
    }
  }
  return null;
}
