import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '@henji/contracts';

/** The form as the applicant will see it, drawn by the employee side's form renderer. */
export function FormPreview({ form }: { form: FormDefinition }) {
  const { t } = useTranslation();
  void form;
  return <Alert type="info" showIcon title={t('flowAdmin.form.previewUnavailable')} />;
}
