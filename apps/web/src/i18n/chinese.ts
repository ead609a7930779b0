/**
 * What counts as Chinese in an English interface (issue 9, item 8): CJK ideographs (with extensions and compatibility
 * forms), CJK punctuation (、。「」【】), full-width forms (，：（）！？) and kana/bopomofo. Used by the catalogue
 * tests (web and server) and the browser check of rendered pages (e2e/english.e2e.ts).
 *
 * `ALLOWED_IN_ENGLISH` are the only Chinese words an English page may show that are not user data: the product's
 * Chinese name beside "Henji" (its mark, as on the sign-in page and in the header) and the name of the other
 * language in the language switch, which names each language in that language.
 */
export const CHINESE = /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{2FA1F}]/gu;

export const ALLOWED_IN_ENGLISH = ['痕迹', '简体中文', '中文'] as const;

/** The runs of Chinese characters in `text`, after removing the allowed words. */
export function chineseIn(text: string, allowed: readonly string[] = ALLOWED_IN_ENGLISH): string[] {
  let rest = text;
  for (const word of [...allowed].sort((a, b) => b.length - a.length)) rest = rest.split(word).join(' ');
  const runs = rest.match(/(?:[\u2E80-\u2FDF\u3000-\u303F\u3040-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\u{20000}-\u{2FA1F}])+/gu);
  return runs ?? [];
}
