/**
 * English complete (issue 9, item 8), the server's catalogues: every message and notification template has an en-US
 * text with the same `{params}` as its zh-CN one, and no en-US text contains Chinese characters (CJK ideographs,
 * CJK punctuation such as ，。：（）, or full-width forms). The web's catalogues are checked by
 * apps/web/src/i18n/english-complete.test.ts, the rendered pages by e2e/english.e2e.ts.
 */
import { describe, expect, it } from 'vitest';
// Every area registers its notification templates when its module loads; the server imports them all.
import '../../src/http/server.ts';
import { LOCALES, MESSAGES } from '../../src/kernel/messages.ts';
import { registeredNotificationTemplates } from '../../src/kernel/notify/templates.ts';
import { ALLOWED_IN_ENGLISH, chineseIn } from '../../../web/src/i18n/chinese.ts';

/**
 * Chinese an English message must quote: the literal column names and words a file or a pasted notice has to contain
 * (the import reads them as written), each allowed only in its own message.
 */
const QUOTED_LITERALS: Record<string, readonly string[]> = {
  'import.headers': ['用户名', '姓名'],
  'calendar.import.outside_item': ['一、元旦：'],
  'calendar.import.no_year': ['关于', '年'],
  'calendar.import.xlsx_headers': ['日期', '类型', '名称'],
  'calendar.import.xlsx_kind': ['放假', '上班'],
};

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('server catalogues in English', () => {
  it('no en-US message holds Chinese characters', () => {
    const found = Object.entries(MESSAGES)
      .map(([key, texts]) => ({ key, text: texts['en-US'], chinese: chineseIn(texts['en-US'], [...ALLOWED_IN_ENGLISH, ...(QUOTED_LITERALS[key] ?? [])]) }))
      .filter((m) => m.chinese.length > 0);
    expect(found).toEqual([]);
    // Each exemption is still needed (a message rewritten without its literal loses it).
    for (const [key, words] of Object.entries(QUOTED_LITERALS)) {
      const text = (MESSAGES as Record<string, { 'en-US': string }>)[key]?.['en-US'] ?? '';
      for (const word of words) expect(text, key).toContain(word);
    }
  });

  it('every notification template has both languages, the same {params} and English without Chinese', () => {
    const templates = [...registeredNotificationTemplates()];
    expect(templates.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [key, template] of templates) {
      expect(Object.keys(template).sort(), key).toEqual([...LOCALES].sort());
      for (const part of ['title', 'body'] as const) {
        const zh = template['zh-CN'][part];
        const en = template['en-US'][part];
        if (en.trim() === '') problems.push(`${key}.${part}: empty in en-US`);
        if (placeholders(zh).join() !== placeholders(en).join()) problems.push(`${key}.${part}: {${placeholders(zh)}} ≠ {${placeholders(en)}}`);
        if (chineseIn(en).length > 0) problems.push(`${key}.${part}: ${en}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
