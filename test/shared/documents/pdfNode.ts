// Renders document jobs with pdfmake's Node build and the bundled fonts from
// public/fonts (copied there by `npm install`), the way the worker does in the app.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pdfMake from 'pdfmake';
import { ensureFonts, fontEmTop, fontLineFactor, fontPlan, renderPdf, type FontPlan, type PdfJob } from '../../../shared/documents';

export const FONTS_DIR = join(process.cwd(), 'public', 'fonts');

pdfMake.setUrlAccessPolicy(() => false);
pdfMake.setLocalAccessPolicy(() => false);

export function nodeFontPlan(): FontPlan {
  return fontPlan({
    hasSerifRegular: existsSync(join(FONTS_DIR, 'NotoSerifSC-Regular.ttf')),
    hasOfficial: existsSync(join(FONTS_DIR, 'FandolFang-Regular.otf')) && existsSync(join(FONTS_DIR, 'FandolKai-Regular.otf')),
  });
}

export function measuredFactors(plan: FontPlan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const role of Object.values(plan)) {
    const file = role.normal.file;
    const f = fontLineFactor(readFileSync(join(FONTS_DIR, file)));
    if (f) out[file] = f;
  }
  return out;
}

export function measuredEmTops(plan: FontPlan): Record<string, number> {
  const out: Record<string, number> = {};
  for (const role of Object.values(plan)) {
    const file = role.normal.file;
    const f = fontEmTop(readFileSync(join(FONTS_DIR, file)));
    if (f !== null) out[file] = f;
  }
  return out;
}

export async function renderNode(job: PdfJob, plan: FontPlan = nodeFontPlan()): Promise<Uint8Array> {
  await ensureFonts(pdfMake, plan, job.fontRoles, async (file) => readFileSync(join(FONTS_DIR, file)));
  return renderPdf(pdfMake, job, plan);
}
