// Reads PDFs the way a person's tools do, with poppler-utils (pdftotext,
// pdffonts, pdfinfo, pdfimages). CI installs poppler-utils; a missing tool
// fails the test rather than skipping it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function withFile<T>(bytes: Uint8Array, fn: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'zwgk-pdf-'));
  const path = join(dir, 'doc.pdf');
  try {
    writeFileSync(path, bytes);
    return fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Text of the PDF in content order (-raw: table cells and captions stay whole), pages separated by form feeds. */
export function pdfText(bytes: Uint8Array): string {
  return withFile(bytes, (p) => run('pdftotext', ['-raw', '-enc', 'UTF-8', p, '-']));
}

/** Text with all white space removed (lines wrap anywhere in Chinese text). */
export function pdfCompactText(bytes: Uint8Array): string {
  return pdfText(bytes).replace(/\s+/g, '');
}

export function pdfPageTexts(bytes: Uint8Array): string[] {
  return pdfText(bytes).split('\f').slice(0, -1);
}

export interface PdfFontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(bytes: Uint8Array): PdfFontRow[] {
  const out = withFile(bytes, (p) => run('pdffonts', [p]));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type... encoding emb sub uni objectID gen
      const n = cols.length;
      return { name: cols[0], type: cols.slice(1, n - 6).join(' '), embedded: cols[n - 5] === 'yes', subset: cols[n - 4] === 'yes' };
    });
}

export function pdfInfo(bytes: Uint8Array): Record<string, string> {
  const out = withFile(bytes, (p) => run('pdfinfo', ['-isodates', p]));
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** Images shown (placements) and image objects stored (a picture shown twice is stored once). */
export function pdfImages(bytes: Uint8Array): { shown: number; stored: number; pixelWidths: number[] } {
  const out = withFile(bytes, (p) => run('pdfimages', ['-list', p]));
  const rows = out.split('\n').slice(2).filter((l) => l.trim()).map((l) => l.trim().split(/\s+/));
  // page num type width height color comp bpc enc interp object ID ...
  return { shown: rows.length, stored: new Set(rows.map((r) => `${r[10]} ${r[11]}`)).size, pixelWidths: rows.map((r) => Number(r[3])) };
}

export interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box (points, origin top-left). */
export function pdfWords(bytes: Uint8Array): Word[] {
  const html = withFile(bytes, (p) => run('pdftotext', ['-bbox', '-enc', 'UTF-8', p, '-']));
  const words: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line);
    if (m) words.push({ page, xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] });
  }
  return words;
}

/** A page rendered to RGB pixels (pdftoppm, PPM) at `dpi`. */
export function pdfPagePixels(bytes: Uint8Array, page: number, dpi = 144): { width: number; height: number; dpi: number; rgb: Uint8Array } {
  const out = withFile(bytes, (p) => execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), p], { maxBuffer: 256 * 1024 * 1024 }));
  // P6\n<w> <h>\n255\n<rgb…>
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (out[pos] === 0x20 || out[pos] === 0x0a || out[pos] === 0x0d || out[pos] === 0x09) pos++;
    let s = '';
    while (out[pos] !== 0x20 && out[pos] !== 0x0a && out[pos] !== 0x0d && out[pos] !== 0x09) s += String.fromCharCode(out[pos++]);
    fields.push(s);
  }
  pos++;
  if (fields[0] !== 'P6') throw new Error('pdftoppm did not write a PPM');
  return { width: Number(fields[1]), height: Number(fields[2]), dpi, rgb: new Uint8Array(out.buffer, out.byteOffset + pos, Number(fields[1]) * Number(fields[2]) * 3) };
}

/** Rows (in points from the page top) holding red pixels, with how many red pixels each has and their x extent (points). */
export function redRows(px: ReturnType<typeof pdfPagePixels>): { y: number; count: number; x1: number; x2: number }[] {
  const rows: { y: number; count: number; x1: number; x2: number }[] = [];
  const k = 72 / px.dpi;
  for (let y = 0; y < px.height; y++) {
    let count = 0;
    let x1 = -1;
    let x2 = -1;
    for (let x = 0; x < px.width; x++) {
      const i = (y * px.width + x) * 3;
      if (px.rgb[i] > 200 && px.rgb[i + 1] < 90 && px.rgb[i + 2] < 90) {
        count++;
        if (x1 < 0) x1 = x;
        x2 = x;
      }
    }
    if (count) rows.push({ y: (y + 0.5) * k, count, x1: x1 * k, x2: (x2 + 1) * k });
  }
  return rows;
}
