import type { TFunction } from 'i18next';

/**
 * A diff value as text. `undefined` means the field did not exist on that side (created or removed), which is not the
 * same as an explicit null, so the two read differently.
 */
export function formatValue(t: TFunction, value: unknown): string {
  if (value === undefined) return t('trace.absent');
  if (value === null) return t('trace.null');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') return value === '' ? t('trace.emptyString') : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return value.length === 0 ? t('trace.emptyList') : value.join(t('common.listSeparator'));
  }
  return JSON.stringify(value);
}
