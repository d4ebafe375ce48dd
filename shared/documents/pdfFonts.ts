/**
 * Fonts for PDF documents. The default PDF fonts have no Chinese glyphs, so
 * every document names one of the families below; pdfmake embeds only the
 * glyphs used (a subset), which keeps a notice small.
 *
 * Bundled faces (copied to public/fonts at install, loaded at run time — never
 * inlined in the bundle): Noto Sans SC Regular/Bold, Noto Serif SC Regular/Bold,
 * and the official faces GB/T 9704 asks for: FandolFang (仿宋, the body) and
 * FandolKai (楷体, second-level headings), GPL with the font exception.
 * Noto Serif SC Bold stands in for 小标宋 and Noto Sans SC Bold for 黑体.
 * On Windows an office may prefer the installed 仿宋/黑体/楷体/小标宋 faces
 * (read through the desktop API); a system face then maps all four styles.
 */

export const BUNDLED_FONTS = {
  sansRegular: 'NotoSansSC-Regular.ttf',
  sansBold: 'NotoSansSC-Bold.ttf',
  serifRegular: 'NotoSerifSC-Regular.ttf',
  serifBold: 'NotoSerifSC-Bold.ttf',
  fang: 'FandolFang-Regular.otf',
  kai: 'FandolKai-Regular.otf',
} as const;
export type BundledFontFile = (typeof BUNDLED_FONTS)[keyof typeof BUNDLED_FONTS];
export const BUNDLED_FONT_FILES: readonly BundledFontFile[] = Object.values(BUNDLED_FONTS);

/**
 * Families used by the document builders (pdfmake `font` names):
 * Title — 标题 (小标宋-style serif, bold); Body — 正文 (仿宋-style; serif);
 * Hei — 一级标题 (黑体-style); Kai — 二级标题 (楷体-style); Sans — tables, captions, reports;
 * Song — page numbers (GB/T 9704 7.5: 4号半角宋体).
 */
export const FONT_ROLES = ['Title', 'Body', 'Hei', 'Kai', 'Sans', 'Song'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

export const FONT_ROLE_LABELS: Record<FontRole, string> = {
  Title: '标题（小标宋体）',
  Body: '正文（仿宋体）',
  Hei: '一级标题（黑体）',
  Kai: '二级标题（楷体）',
  Sans: '表格与说明',
  Song: '页码（宋体）',
};

/** One font file in pdfmake's virtual file system; a .ttc also names the face inside it. */
export interface FontRef {
  file: string;
  postscriptName?: string;
}

export interface FontFace {
  normal: FontRef;
  bold: FontRef;
}

export type FontPlan = Record<FontRole, FontFace>;

/** Prefix of system fonts in the virtual file system (keeps them apart from bundled files). */
export const SYSTEM_FONT_PREFIX = 'system-';

/** Faces inside TrueType collections we know of. */
const TTC_FACES: Record<string, string> = { 'simsun.ttc': 'SimSun' };

/** A system font file mapped to all styles of a role. */
export function systemFontRef(file: string): FontRef {
  const face = TTC_FACES[file.toLowerCase()];
  return { file: `${SYSTEM_FONT_PREFIX}${file}`, ...(face ? { postscriptName: face } : {}) };
}

/** Which system font file to use for a role (from the notice settings); missing roles use bundled faces. */
export type SystemFontChoice = Partial<Record<Exclude<FontRole, 'Sans' | 'Song'>, string>>;

/**
 * The font plan: bundled faces — FandolFang for the body and FandolKai for
 * 楷体 headings when those files are installed (`hasOfficial`, default true),
 * otherwise Noto Serif (or Sans when the serif Regular is missing,
 * `hasSerifRegular` false) — and any system faces chosen for the notice roles.
 */
export function fontPlan(options: { hasSerifRegular?: boolean; hasOfficial?: boolean; system?: SystemFontChoice } = {}): FontPlan {
  const f = (file: string): FontRef => ({ file });
  const serifRegular = options.hasSerifRegular === false ? f(BUNDLED_FONTS.sansRegular) : f(BUNDLED_FONTS.serifRegular);
  const official = options.hasOfficial !== false;
  const body = official ? f(BUNDLED_FONTS.fang) : serifRegular;
  const kai = official ? f(BUNDLED_FONTS.kai) : f(BUNDLED_FONTS.sansRegular);
  const plan: FontPlan = {
    Title: { normal: f(BUNDLED_FONTS.serifBold), bold: f(BUNDLED_FONTS.serifBold) },
    // Fandol has no bold: bold runs keep the 仿宋 face rather than switching to a 宋体.
    Body: { normal: body, bold: official ? body : f(BUNDLED_FONTS.serifBold) },
    Hei: { normal: f(BUNDLED_FONTS.sansBold), bold: f(BUNDLED_FONTS.sansBold) },
    Kai: { normal: kai, bold: official ? kai : f(BUNDLED_FONTS.sansBold) },
    Sans: { normal: f(BUNDLED_FONTS.sansRegular), bold: f(BUNDLED_FONTS.sansBold) },
    Song: { normal: serifRegular, bold: serifRegular },
  };
  for (const [role, file] of Object.entries(options.system ?? {}) as [FontRole, string | undefined][]) {
    if (!file) continue;
    const ref = systemFontRef(file);
    plan[role] = { normal: ref, bold: ref };
  }
  return plan;
}

type PdfFontDef = string | [string, string];
export type PdfMakeFonts = Record<string, { normal: PdfFontDef; bold: PdfFontDef; italics: PdfFontDef; bolditalics: PdfFontDef }>;

function def(ref: FontRef): PdfFontDef {
  return ref.postscriptName ? [ref.file, ref.postscriptName] : ref.file;
}

/** pdfmake's font table for a plan: every role with all four styles mapped (an unmapped style throws). */
export function pdfMakeFonts(plan: FontPlan): PdfMakeFonts {
  const out: PdfMakeFonts = {};
  for (const role of FONT_ROLES) {
    const { normal, bold } = plan[role];
    out[role] = { normal: def(normal), bold: def(bold), italics: def(normal), bolditalics: def(bold) };
  }
  return out;
}

/** Font files the given roles need, without duplicates. */
export function fontFilesFor(plan: FontPlan, roles: readonly FontRole[]): string[] {
  const files = new Set<string>();
  for (const r of roles) {
    files.add(plan[r].normal.file);
    files.add(plan[r].bold.file);
  }
  return [...files];
}

/**
 * Height of one line of text as a multiple of the font size, as pdfmake
 * computes it ((hhea ascent − descent) / unitsPerEm). Used to set an exact
 * line pitch whichever face is used. Reads TrueType/OpenType files and the
 * first face of a collection (.ttc); null if the bytes are not a font.
 */
export function fontLineFactor(bytes: Uint8Array): number | null {
  const t = fontTables(bytes);
  if (!t || t.head === undefined || t.hhea === undefined || t.head + 20 > bytes.length || t.hhea + 8 > bytes.length) return null;
  const upem = t.view.getUint16(t.head + 18);
  if (!upem) return null;
  return (t.view.getInt16(t.hhea + 4) - t.view.getInt16(t.hhea + 6)) / upem;
}

/**
 * Offsets of the `head`, `hhea` and `OS/2` tables of a TrueType/OpenType file
 * or of the first face of a collection (.ttc); null if the bytes are not a font.
 */
function fontTables(bytes: Uint8Array): { view: DataView; head?: number; hhea?: number; os2?: number } | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
  let base = 0;
  if (tag(0) === 'ttcf') {
    if (bytes.length < 16) return null;
    base = view.getUint32(12);
  }
  if (base + 12 > bytes.length) return null;
  const n = view.getUint16(base + 4);
  const tables: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const o = base + 12 + i * 16;
    if (o + 16 > bytes.length) return null;
    tables[tag(o)] = view.getUint32(o + 8);
  }
  return { view, head: tables['head'], hhea: tables['hhea'], os2: tables['OS/2'] };
}

/** Line factors of the bundled faces (measured with fontLineFactor). */
export const BUNDLED_LINE_FACTORS: Record<BundledFontFile, number> = {
  'NotoSansSC-Regular.ttf': 1.448,
  'NotoSansSC-Bold.ttf': 1.448,
  'NotoSerifSC-Regular.ttf': 1.437,
  'NotoSerifSC-Bold.ttf': 1.437,
  'FandolFang-Regular.otf': 1,
  'FandolKai-Regular.otf': 1,
};

/** Line factor of each role's regular face: measured values win, then bundled values, then 1.448. */
export function lineFactors(plan: FontPlan, measured: Record<string, number> = {}): Record<FontRole, number> {
  const out = {} as Record<FontRole, number>;
  for (const role of FONT_ROLES) {
    const file = plan[role].normal.file;
    out[role] = measured[file] ?? (BUNDLED_LINE_FACTORS as Record<string, number>)[file] ?? 1.448;
  }
  return out;
}

/**
 * How far below a line's top (pdfmake puts the baseline at top + hhea ascent)
 * the em box starts, as a fraction of the size: (hhea ascent − OS/2 typo
 * ascender) / unitsPerEm. Null if the bytes are not a font or lack the tables.
 */
export function fontEmTop(bytes: Uint8Array): number | null {
  const t = fontTables(bytes);
  if (!t || t.head === undefined || t.hhea === undefined || t.os2 === undefined) return null;
  if (t.head + 20 > bytes.length || t.hhea + 8 > bytes.length || t.os2 + 72 > bytes.length) return null;
  const upem = t.view.getUint16(t.head + 18);
  if (!upem) return null;
  return (t.view.getInt16(t.hhea + 4) - t.view.getInt16(t.os2 + 68)) / upem;
}

/** Em tops of the bundled faces (measured with fontEmTop). */
export const BUNDLED_EM_TOPS: Record<BundledFontFile, number> = {
  'NotoSansSC-Regular.ttf': 0.28,
  'NotoSansSC-Bold.ttf': 0.28,
  'NotoSerifSC-Regular.ttf': 0.271,
  'NotoSerifSC-Bold.ttf': 0.271,
  'FandolFang-Regular.otf': 0,
  'FandolKai-Regular.otf': 0,
};

/** Em top of each role's regular face: measured values win, then bundled values, then 0.28. */
export function emTops(plan: FontPlan, measured: Record<string, number> = {}): Record<FontRole, number> {
  const out = {} as Record<FontRole, number>;
  for (const role of FONT_ROLES) {
    const file = plan[role].normal.file;
    out[role] = measured[file] ?? (BUNDLED_EM_TOPS as Record<string, number>)[file] ?? 0.28;
  }
  return out;
}

/** Installed faces preferred for each role, best first (file names as Windows and 方正 ship them). */
export const PREFERRED_SYSTEM_FONTS: Record<keyof SystemFontChoice, string[]> = {
  Body: ['FZFSJW.TTF', 'simfang.ttf'],
  Kai: ['FZKTJW.TTF', 'simkai.ttf'],
  Hei: ['FZHTJW.TTF', 'simhei.ttf'],
  Title: ['FZXBSJW.TTF'],
};

/** The roles' system faces: the office's choice, else (when `prefer`) the best installed official face. */
export function chooseSystemFonts(chosen: SystemFontChoice, installed: readonly string[], prefer: boolean): SystemFontChoice {
  const have = new Map(installed.map((f) => [f.toLowerCase(), f]));
  const out: SystemFontChoice = { ...chosen };
  if (!prefer) return out;
  for (const role of Object.keys(PREFERRED_SYSTEM_FONTS) as (keyof SystemFontChoice)[]) {
    if (out[role]) continue;
    const hit = PREFERRED_SYSTEM_FONTS[role].map((f) => have.get(f.toLowerCase())).find(Boolean);
    if (hit) out[role] = hit;
  }
  return out;
}
