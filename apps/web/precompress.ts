/**
 * A Vite plugin that writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text file
 * of the build, so the server sends them as they are (apps/server/src/http/web-assets.ts) instead of compressing per
 * request. Plain `node:zlib`: no native dependency. Every text file is compressed, however small (the server compresses
 * nothing per request outside /api); a compressed copy that would not be smaller is not written, and the server then
 * sends the original.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

export function precompressDir(dir: string): { files: number; bytes: number; brotli: number; gzip: number } {
  const totals = { files: 0, bytes: 0, brotli: 0, gzip: 0 };
  for (const file of filesUnder(dir)) {
    if (!TEXT.test(file)) continue;
    const content = readFileSync(file);
    const br = brotliCompressSync(content, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    });
    const gz = gzipSync(content, { level: 9 });
    if (br.length < content.length) writeFileSync(`${file}.br`, br);
    if (gz.length < content.length) writeFileSync(`${file}.gz`, gz);
    totals.files += 1;
    totals.bytes += content.length;
    totals.brotli += Math.min(br.length, content.length);
    totals.gzip += Math.min(gz.length, content.length);
  }
  return totals;
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'henji-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const t = precompressDir(outDir);
      const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
      this.info(`precompressed ${t.files} files: ${kB(t.bytes)} → brotli ${kB(t.brotli)}, gzip ${kB(t.gzip)}`);
    },
  };
}
