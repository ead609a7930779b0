import { useEffect, useMemo } from 'react';
import { Form } from 'antd';
import type { FormDefinition } from '@henji/contracts';
import { ApplicationForm } from '../applications/ApplicationForm.tsx';
import { emptyFormState, type FormState } from '../applications/form-values.ts';

/**
 * The form as the applicant will see it, drawn by the employee side's renderer, so what is designed is what is
 * filled in. Values typed here are only a try-out and go nowhere.
 */
export function FormPreview({ form: definition }: { form: FormDefinition }) {
  const [form] = Form.useForm<FormState>();
  const initialValues = useMemo(() => emptyFormState(definition), [definition]);
  // A changed definition (a field added, a type changed) starts the try-out again rather than keep values of the old shape.
  useEffect(() => form.resetFields(), [form, definition]);
  return <ApplicationForm definition={definition} form={form} initialValues={initialValues} />;
}
