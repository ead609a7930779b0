import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from './form-errors.ts';
import { errorText } from './error-text.ts';

/**
 * Returns the handler every mutation uses on failure: field errors go onto the form, everything else becomes a toast.
 */
export function useErrorReporter() {
  const { message } = App.useApp();
  const { t } = useTranslation();

  return useCallback(
    (error: unknown, form?: FormInstance, aliases?: Record<string, string>) => {
      if (form) {
        const { applied, unmatched } = applyFieldErrors(form, error, aliases);
        if (applied && unmatched.length === 0) return;
        if (unmatched.length > 0) {
          void message.error(`${errorText(t, error)} ${unmatched.join('; ')}`);
          return;
        }
      }
      void message.error(errorText(t, error));
    },
    [message, t],
  );
}
