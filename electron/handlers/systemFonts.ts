/**
 * Chinese official-document faces installed with Windows (or by the office),
 * so PDF notices can use the real 仿宋 / 黑体 / 楷体 when present. Only files on
 * this list, found in the system font folder, can be read: the renderer never
 * names an arbitrary path.
 */
import path from 'node:path';
import type { SystemFont } from '../../shared/ipc/desktopApi';
import { describeFsError, formatSize } from './fsErrors';
import type { FsLike } from './fsTypes';

/** File name (as Windows ships it) → face. Order = preference in lists. */
export const KNOWN_CHINESE_FONTS: ReadonlyArray<SystemFont> = [
  { file: 'simfang.ttf', face: '仿宋' },
  { file: 'simhei.ttf', face: '黑体' },
  { file: 'simkai.ttf', face: '楷体' },
  { file: 'simsun.ttc', face: '宋体' },
  { file: 'FZXBSJW.TTF', face: '方正小标宋简体' },
  { file: 'FZFSJW.TTF', face: '方正仿宋简体' },
  { file: 'FZHTJW.TTF', face: '方正黑体简体' },
  { file: 'FZKTJW.TTF', face: '方正楷体简体' },
  { file: 'STFANGSO.TTF', face: '华文仿宋' },
  { file: 'STSONG.TTF', face: '华文宋体' },
  { file: 'STZHONGS.TTF', face: '华文中宋' },
  { file: 'STKAITI.TTF', face: '华文楷体' },
  { file: 'STXIHEI.TTF', face: '华文细黑' },
];

/** A font file larger than this is not a font we expect. */
export const MAX_FONT_BYTES = 64 * 1024 * 1024;

const FONT_FILE = /^[A-Za-z0-9_ .-]{1,80}\.(ttf|otf|ttc)$/i;

/**
 * Windows: %WINDIR%\Fonts, then the per-user folder where fonts installed
 * without administrator rights go. No system fonts are offered elsewhere.
 */
export function systemFontsDirs(platform: string, env: Readonly<Record<string, string | undefined>>): string[] {
  if (platform !== 'win32') return [];
  const windir = env.WINDIR || env.windir || env.SystemRoot || 'C:\\Windows';
  const dirs = [path.win32.join(windir, 'Fonts')];
  if (env.LOCALAPPDATA) dirs.push(path.win32.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
  return dirs;
}

export interface SystemFontDeps {
  fs: Pick<FsLike, 'readdir' | 'readFile' | 'stat'>;
  /** Folders searched in order; empty when the platform has none. */
  fontsDirs: readonly string[];
}

function joinFontPath(dir: string, file: string): string {
  return dir.includes('\\') ? path.win32.join(dir, file) : path.join(dir, file);
}

/** Lower-cased file name → full path, first folder wins. */
async function presentFonts(deps: SystemFontDeps): Promise<Map<string, { file: string; fullPath: string }>> {
  const found = new Map<string, { file: string; fullPath: string }>();
  for (const dir of deps.fontsDirs) {
    let names: string[];
    try {
      names = await deps.fs.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const key = name.toLowerCase();
      if (!found.has(key)) found.set(key, { file: name, fullPath: joinFontPath(dir, name) });
    }
  }
  return found;
}

/** The known faces present on this machine (matched without regard to case). */
export async function listSystemFonts(deps: SystemFontDeps): Promise<SystemFont[]> {
  const present = await presentFonts(deps);
  const fonts: SystemFont[] = [];
  for (const font of KNOWN_CHINESE_FONTS) {
    const hit = present.get(font.file.toLowerCase());
    if (hit) fonts.push({ file: hit.file, face: font.face });
  }
  return fonts;
}

export async function readSystemFont(args: { file: string }, deps: SystemFontDeps): Promise<Uint8Array> {
  const { file } = args;
  const known = KNOWN_CHINESE_FONTS.find((f) => f.file.toLowerCase() === String(file).toLowerCase());
  if (typeof file !== 'string' || !FONT_FILE.test(file) || path.basename(file) !== file || !known) {
    throw new Error('字体文件名无效：只能读取系统字体文件夹中的常用中文字体');
  }
  const hit = (await presentFonts(deps)).get(file.toLowerCase());
  if (!hit) throw new Error(`本机未安装字体“${known.face}”`);
  let size: number;
  try {
    size = (await deps.fs.stat(hit.fullPath)).size;
  } catch (error) {
    throw new Error(`无法读取字体“${known.face}”：${describeFsError(error)}`);
  }
  if (size > MAX_FONT_BYTES) throw new Error(`字体“${known.face}”文件过大（${formatSize(size)}），无法使用`);
  try {
    return await deps.fs.readFile(hit.fullPath);
  } catch (error) {
    throw new Error(`无法读取字体“${known.face}”：${describeFsError(error)}`);
  }
}
