import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, changeLocale, currentLocale, isLocale, type Locale } from '../i18n/index.ts';

const LABELS: Record<Locale, string> = { 'zh-CN': '中文', 'en-US': 'English' };

/** Language names are shown in their own language, so a user can find theirs whatever the current one is. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const value = isLocale(i18n.language) ? i18n.language : currentLocale();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('app.language')}
      value={value}
      options={LOCALES.map((locale) => ({ value: locale, label: LABELS[locale] }))}
      onChange={(locale) => void changeLocale(locale)}
    />
  );
}
