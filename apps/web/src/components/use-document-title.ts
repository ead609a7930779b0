import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Every tab reads "<page> · 痕迹 Henji", so a row of open tabs stays legible. */
export function useDocumentTitle(page?: string): void {
  const { t } = useTranslation();
  const app = t('app.documentTitle');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
