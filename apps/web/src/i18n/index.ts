/**
 * Language set-up. zh-CN is the default (K13); a user's explicit choice in this browser wins over the locale stored
 * in their profile, which in turn wins over the default. English is a separate chunk (./english.ts), loaded before
 * the language switches to it, so zh-CN users never download it.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import { zhCN } from './zh-CN.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const STORAGE_KEY = 'henji.locale';
const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'en-US': 'en' };

export const isLocale = (value: unknown): value is Locale => LOCALES.some((l) => l === value);

/** The locale the user picked in this browser, if any. Storage can be unavailable (private mode); that is not an error. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

const antdLocales: Partial<Record<Locale, AntdLocale>> = { 'zh-CN': antdZhCN };

/** Ant Design's texts (date pickers, pagination, empty states) for the current language. */
export const antdLocale = (): AntdLocale => antdLocales[currentLocale()] ?? antdZhCN;

async function loadLocale(locale: Locale): Promise<void> {
  if (locale !== 'en-US' || i18n.hasResourceBundle('en-US', 'translation')) return;
  const { english } = await import('./english.ts');
  i18n.addResourceBundle('en-US', 'translation', english.catalogue);
  antdLocales['en-US'] = english.antd;
}

/** `remember: false` follows a profile's locale without turning it into this browser's explicit choice. */
export async function changeLocale(locale: Locale, { remember = true }: { remember?: boolean } = {}): Promise<void> {
  await loadLocale(locale);
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered, but the switch itself still works for this page.
    }
  }
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

function applyLocale(language: string): void {
  const locale = isLocale(language) ? language : DEFAULT_LOCALE;
  dayjs.locale(DAYJS_LOCALES[locale]);
  document.documentElement.lang = locale;
}

i18n.on('languageChanged', applyLocale);

/** Resolves when the first language is ready to render: main.tsx renders nothing before, so no string flashes. */
export const i18nReady: Promise<void> = (async () => {
  const initial = storedLocale() ?? DEFAULT_LOCALE;
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN } },
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    // Bundles are added as languages are chosen (loadLocale); i18next must not treat a missing one as an error.
    partialBundledLanguages: true,
    // React escapes what it renders; escaping again would show entities such as &amp; in the UI.
    interpolation: { escapeValue: false },
  });
  applyLocale(i18n.language);
  if (initial !== DEFAULT_LOCALE) await changeLocale(initial, { remember: false }).catch(() => undefined);
})();

export { i18n };
