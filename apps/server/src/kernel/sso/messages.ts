/** Messages of single sign-on, merged into the catalogue by kernel/messages-areas.ts. */
import type { Locale } from '../messages.ts';

export const SSO_MESSAGES = {
  'noun.sign_in_method': { 'zh-CN': '登录方式', 'en-US': 'sign-in method' },
  'sso.not_configured': { 'zh-CN': '此服务器未配置该登录方式', 'en-US': 'this sign-in method is not configured on this server' },
} as const satisfies Record<string, Record<Locale, string>>;
