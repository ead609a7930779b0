import type { TFunction } from 'i18next';
import { ERROR_CODES } from '@henji/contracts/values';
import { isApiError } from './client.ts';

/** Codes with a translated general message: the server's catalogue and the client's own two. */
const KNOWN_CODES = [...ERROR_CODES, 'network_error', 'bad_response'] as const;
type KnownCode = (typeof KNOWN_CODES)[number];
const isKnownCode = (code: string): code is KnownCode => KNOWN_CODES.some((c) => c === code);

/** A one-line, translated description of any error thrown by the API client (or anything else). */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unknown');
  const general = isKnownCode(error.code) ? t(`errors.${error.code}`) : t('errors.unknown');
  // The server's message adds the specifics ("code HR is already used"); skip it when it only repeats the status.
  const specific = error.message && error.message !== general ? error.message : '';
  return specific ? t('errors.withDetail', { general, detail: specific }) : general;
}
