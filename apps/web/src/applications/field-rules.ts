import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormField, ScalarField, TableField } from '@henji/contracts';
import { isBlank } from './form-values.ts';

/**
 * Ant Design rules from a field's definition (required, min/max, maxLength, maxRows). The server checks the same
 * definition again on submit; these only say it sooner, in the field, in the user's language.
 */
export function useFieldRules() {
  const { t } = useTranslation();

  const required = (field: FormField): FormRule => ({
    validator: async (_rule, value: unknown) => {
      if (isBlank(value)) throw new Error(field.type === 'attachment' ? t('applications.form.fileRequired') : t('validation.required'));
    },
  });

  const scalar = (field: ScalarField): FormRule[] => {
    const rules: FormRule[] = field.required ? [required(field)] : [];
    if ((field.type === 'number' || field.type === 'money') && field.min !== undefined) {
      const min = field.min;
      rules.push({ type: 'number', min, message: t('applications.form.min', { min }) });
    }
    if ((field.type === 'number' || field.type === 'money') && field.max !== undefined) {
      const max = field.max;
      rules.push({ type: 'number', max, message: t('applications.form.max', { max }) });
    }
    if ((field.type === 'text' || field.type === 'textarea') && field.maxLength !== undefined) {
      rules.push({ type: 'string', max: field.maxLength, message: t('applications.form.maxLength', { max: field.maxLength }) });
    }
    return rules;
  };

  /** Rules of the row list itself: at least one row when required, at most `maxRows`. */
  const table = (field: TableField) => [
    {
      validator: async (_rule: unknown, rows: unknown) => {
        const count = Array.isArray(rows) ? rows.length : 0;
        if (field.required && count === 0) throw new Error(t('applications.form.tableRequired'));
        if (count > field.maxRows) throw new Error(t('applications.form.maxRows', { max: field.maxRows }));
      },
    },
  ];

  return { scalar, table };
}
