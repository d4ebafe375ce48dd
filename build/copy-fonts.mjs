// Copies the font files the app uses into public/fonts, so pdfmake can load
// them at run time (never inlined into the JS bundle): the Noto weights from
// their npm packages and the Fandol 仿宋/楷体 faces kept in build/fonts/fandol
// (GPL with the font exception; licence text beside them, copied along).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'fonts');
const fonts = [
  [join('node_modules', '@expo-google-fonts/noto-sans-sc'), '400Regular/NotoSansSC_400Regular.ttf', 'NotoSansSC-Regular.ttf'],
  [join('node_modules', '@expo-google-fonts/noto-sans-sc'), '700Bold/NotoSansSC_700Bold.ttf', 'NotoSansSC-Bold.ttf'],
  [join('node_modules', '@expo-google-fonts/noto-serif-sc'), '700Bold/NotoSerifSC_700Bold.ttf', 'NotoSerifSC-Bold.ttf'],
  // Reports and the fallback when the 仿宋 face is missing (see shared/documents/pdfFonts.ts).
  [join('node_modules', '@expo-google-fonts/noto-serif-sc'), '400Regular/NotoSerifSC_400Regular.ttf', 'NotoSerifSC-Regular.ttf'],
  // Official faces of notices and 通报: body 仿宋, second-level headings 楷体.
  [join('build', 'fonts', 'fandol'), 'FandolFang-Regular.otf', 'FandolFang-Regular.otf'],
  [join('build', 'fonts', 'fandol'), 'FandolKai-Regular.otf', 'FandolKai-Regular.otf'],
  [join('build', 'fonts', 'fandol'), 'COPYING', 'Fandol-COPYING.txt'],
];
mkdirSync(out, { recursive: true });
for (const [dir, file, target] of fonts) {
  const src = join(root, dir, file);
  if (!existsSync(src)) {
    console.warn(`[copy-fonts] missing ${dir}/${file}; PDF documents will lack this face`);
    continue;
  }
  const dst = join(out, target);
  if (!existsSync(dst)) copyFileSync(src, dst);
}
