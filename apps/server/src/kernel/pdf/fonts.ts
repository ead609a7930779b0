/**
 * The fonts of every PDF: Noto Sans SC (SIL Open Font License) regular and bold, TrueType files that `npm ci` installs
 * with the package @expo-google-fonts/noto-sans-sc — nothing is fetched at run time. PDFKit embeds only the glyphs a
 * document uses (a subset), so a sheet stays small. The files (about 10 MB each) are read once per process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FILES = { regular: '400Regular/NotoSansSC_400Regular.ttf', bold: '700Bold/NotoSansSC_700Bold.ttf' } as const;

let loaded: { regular: Buffer; bold: Buffer } | null = null;

export function fontFiles(): { regular: Buffer; bold: Buffer } {
  if (!loaded) {
    const root = dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
    loaded = { regular: readFileSync(join(root, FILES.regular)), bold: readFileSync(join(root, FILES.bold)) };
  }
  return loaded;
}
