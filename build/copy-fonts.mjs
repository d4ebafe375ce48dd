// Copies the TTF weights the app uses from the font packages into public/fonts,
// so pdfmake can load them at run time (never inlined into the JS bundle).
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'fonts');
const fonts = [
  ['@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf', 'NotoSansSC-Regular.ttf'],
  ['@expo-google-fonts/noto-sans-sc', '700Bold/NotoSansSC_700Bold.ttf', 'NotoSansSC-Bold.ttf'],
  ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf', 'NotoSerifSC-Bold.ttf'],
  // Body text of rectification notices (仿宋-style serif; see shared/documents/pdfFonts.ts).
  ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf', 'NotoSerifSC-Regular.ttf'],
];
mkdirSync(out, { recursive: true });
for (const [pkg, file, target] of fonts) {
  const src = join(root, 'node_modules', pkg, file);
  if (!existsSync(src)) {
    console.warn(`[copy-fonts] missing ${pkg}/${file}; PDF documents will lack this face`);
    continue;
  }
  const dst = join(out, target);
  if (!existsSync(dst)) copyFileSync(src, dst);
}
