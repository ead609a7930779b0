/**
 * The language a response speaks (K13). In order:
 * 1. the Accept-Language header, when it names a language Henji speaks (zh* → zh-CN, en* → en-US, by q-value): the web
 *    client sends the page's language, and a user may switch the UI language without changing their saved locale;
 * 2. the signed-in user's saved locale (`users.locale`), for API clients that send no such header. Under a delegation
 *    (代理) that is the delegate's, who is the one reading, not the principal's;
 * 3. zh-CN.
 */
import type { FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, type Locale } from '../kernel/messages.ts';

export function localeOf(request: FastifyRequest): Locale {
  // auth is unset when the request failed before the auth hook ran (e.g. an unparsable URL).
  const reader = request.delegatedFrom ?? request.auth;
  return fromAcceptLanguage(request.headers['accept-language']) ?? reader?.actor.locale ?? DEFAULT_LOCALE;
}

/** The most preferred language of the header that Henji speaks, or null; `*` and q=0 name none. */
export function fromAcceptLanguage(header: string | undefined): Locale | null {
  if (!header) return null;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...attributes] = part.trim().toLowerCase().split(';');
      const q = attributes.map((a) => a.trim().match(/^q=([0-9.]+)$/)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { tag } of ranges) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en-US';
  }
  return null;
}
