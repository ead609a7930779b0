import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { afterChange } from './api.ts';

interface SaveMutationOptions<Values, Saved> {
  form: FormInstance<Values>;
  /** Creates, or updates only the changed fields; resolves to null when an edit changed nothing and nothing was sent. */
  mutationFn: (values: Values) => Promise<Saved | null>;
  /** The list query the saved object appears in. */
  list: readonly unknown[];
  /** Its ledger subject type, whose trace panel shows the new entry. */
  subjectType: string;
  onClose: () => void;
}

/**
 * The save of a create-or-edit modal: says it is saved (or that nothing changed), refreshes the list and the object's
 * traces, and closes; a failure keeps the modal open with field errors on the form.
 */
export function useSaveMutation<Values, Saved extends { id: string }>({
  form,
  mutationFn,
  list,
  subjectType,
  onClose,
}: SaveMutationOptions<Values, Saved>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();

  return useMutation({
    mutationFn,
    onSuccess: async (saved) => {
      if (saved === null) void message.info(t('common.noChanges'));
      else {
        void message.success(t('common.saved'));
        await afterChange(queryClient, list, { type: subjectType, id: saved.id });
      }
      onClose();
    },
    onError: (error) => reportError(error, form),
  });
}
