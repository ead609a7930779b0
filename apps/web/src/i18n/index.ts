/**
 * Language set-up. zh-CN is the default (K13); a user's explicit choice in this browser wins over the locale stored
 * in their profile, which in turn wins over the default.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import { zhCN } from './zh-CN.ts';
import { enUS } from './en-US.ts';

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

/** `remember: false` follows a profile's locale without turning it into this browser's explicit choice. */
export async function changeLocale(locale: Locale, { remember = true }: { remember?: boolean } = {}): Promise<void> {
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

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLocale() ?? DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  // React escapes what it renders; escaping again would show entities such as &amp; in the UI.
  interpolation: { escapeValue: false },
});
applyLocale(i18n.language);

export { i18n };
