/**
 * English complete (issue 9, item 8), the web's catalogues: every zh-CN catalogue file (`i18n/zh-CN.ts`, each area's
 * `i18n.zh-CN.ts`, any `*.zh-CN.ts`) has its en-US counterpart with every key, the same `{{params}}` in every text, and
 * no Chinese characters in English (besides the product's mark and the language switch's 中文, see chinese.ts). The
 * shared ledger vocabulary (@henji/contracts) is checked the same way. Found by walking src/, so a new area's
 * catalogue is checked without registering it here.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEDGER_VOCABULARY } from '@henji/contracts';
import { chineseIn } from './chinese.ts';

const SRC = path.resolve(import.meta.dirname, '..');

function zhCatalogueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return zhCatalogueFiles(full);
    return /(^|[.-])zh-CN\.ts$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

type Tree = { [key: string]: Tree | string | unknown };
const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);
const params = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]))].sort().join(',');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/**
 * Texts that must quote Chinese input as the importer reads it: the State Council notice pasted as it is published,
 * its title pattern, the ICS and spreadsheet words (上班, 补班, 日期 …). Keys as `area.path` (either catalogue file).
 */
export const QUOTED_INPUT = new Set([
  'calendar.import.yearHelp',
  'calendar.import.noticePlaceholder',
  'calendar.import.noticeHelp',
  'calendar.import.icsHelp',
  'calendar.import.xlsxHelp',
]);
const logicalKey = (at: string) => at.replace(/^enUS\./, '').replace(/^(\w+?)EnUS\./, '$1.');

/** Every problem between a zh-CN tree and its en-US counterpart, as readable lines. */
export function compareCatalogues(zh: unknown, en: unknown, at = ''): string[] {
  if (typeof zh === 'string') {
    if (typeof en !== 'string') return [`${at}: missing in en-US`];
    const problems: string[] = [];
    if (en.trim() === '' && zh.trim() !== '') problems.push(`${at}: empty in en-US`);
    if (params(zh) !== params(en)) problems.push(`${at}: {{${params(zh)}}} in zh-CN, {{${params(en)}}} in en-US`);
    const chinese = QUOTED_INPUT.has(logicalKey(at)) ? [] : chineseIn(en);
    if (chinese.length > 0) problems.push(`${at}: Chinese in en-US (${chinese.join(' ')}): ${en}`);
    return problems;
  }
  if (Array.isArray(zh)) {
    if (!Array.isArray(en) || en.length !== zh.length) return [`${at}: en-US list differs in length`];
    return zh.flatMap((item, i) => compareCatalogues(item, en[i], `${at}[${i}]`));
  }
  if (isTree(zh)) {
    if (!isTree(en)) return [`${at}: missing in en-US`];
    const problems: string[] = [];
    for (const key of Object.keys(zh)) {
      const where = at ? `${at}.${key}` : key;
      // i18next plurals: zh-CN has only `_other`; English may add `_one`, but the `_other` form must be there.
      problems.push(...compareCatalogues(zh[key], en[key], where));
    }
    for (const key of Object.keys(en)) {
      if (!(key in zh) && !(PLURAL.test(key) && `${key.replace(PLURAL, '')}_other` in zh)) problems.push(`${at ? `${at}.` : ''}${key}: only in en-US`);
    }
    return problems;
  }
  return [];
}

const enNameOf = (zhName: string) => zhName.replace('ZhCN', 'EnUS').replace('zhCN', 'enUS');

describe('web catalogues in English', () => {
  const files = zhCatalogueFiles(SRC);

  it('finds the catalogues', () => {
    expect(files.map((f) => path.relative(SRC, f))).toEqual(expect.arrayContaining(['i18n/zh-CN.ts', 'applications/i18n.zh-CN.ts']));
  });

  for (const file of files) {
    it(`${path.relative(SRC, file)} has a complete en-US counterpart`, async () => {
      const enFile = file.replace(/zh-CN\.ts$/, 'en-US.ts');
      const zhModule = (await import(file)) as Record<string, unknown>;
      const enModule = (await import(enFile)) as Record<string, unknown>;
      const problems: string[] = [];
      for (const [name, zh] of Object.entries(zhModule)) {
        const enName = enNameOf(name);
        if (!(enName in enModule)) problems.push(`${name}: no ${enName} in ${path.basename(enFile)}`);
        else problems.push(...compareCatalogues(zh, enModule[enName], enName));
      }
      expect(problems).toEqual([]);
    });
  }

  it('every quoted-input exemption still quotes Chinese', async () => {
    const { enUS } = await import('./en-US.ts');
    for (const key of QUOTED_INPUT) {
      const text = key.split('.').reduce<unknown>((node, part) => (isTree(node) ? node[part] : undefined), enUS);
      expect(typeof text === 'string' && chineseIn(text).length > 0, key).toBe(true);
    }
  });

  it('the ledger vocabulary (actions, fields, subject types, coded values) is complete in English', () => {
    expect(compareCatalogues(LEDGER_VOCABULARY['zh-CN'], LEDGER_VOCABULARY['en-US'])).toEqual([]);
  });
});

describe('the comparison itself', () => {
  it('reports a missing key, different parameters, Chinese in English and a key only in English', () => {
    const zh = { a: '你好 {{name}}', b: { c: '再见' }, items_other: '{{count}} 项' };
    const en = { a: 'Hello {{who}}', b: {}, items_one: 'one item', items_other: '{{count}} items', d: '多余' };
    expect(compareCatalogues(zh, en)).toEqual([
      'a: {{name}} in zh-CN, {{who}} in en-US',
      'b.c: missing in en-US',
      'd: only in en-US',
    ]);
    expect(compareCatalogues({ x: 'x' }, { x: 'Close（关闭）' })).toEqual(['x: Chinese in en-US (（关闭）): Close（关闭）']);
    expect(compareCatalogues({ x: '痕迹 Henji' }, { x: '痕迹 Henji' })).toEqual([]);
  });
});
