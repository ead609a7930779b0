import type { ReactNode } from 'react';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../components/FormModal.tsx';
import { schemaRule, type Schema } from '../components/rules.ts';
import { useSaveMutation } from './use-save-mutation.ts';

/** The fields every catalogue entry (岗位, 角色) has. */
export interface CatalogValues {
  code: string;
  name: string;
}

interface CatalogFormModalProps<Values extends CatalogValues, Entry extends { id: string }> {
  title: string;
  /** The code can be chosen only when creating: other records and policies refer to it, so it never changes. */
  creating: boolean;
  initialValues: Values;
  /** The schema the server checks a new code with. */
  codeSchema: Schema;
  /** Creates, or updates only the changed fields; null when an edit changed nothing. */
  save: (values: Values) => Promise<Entry | null>;
  /** The list query and ledger subject type of the catalogue. */
  list: readonly unknown[];
  subjectType: string;
  onClose: () => void;
  /** The catalogue's own fields, below code and name. */
  children: ReactNode;
}

/** Create or edit one catalogue entry: code and name, then the catalogue's own fields. */
export function CatalogFormModal<Values extends CatalogValues, Entry extends { id: string }>({
  title,
  creating,
  initialValues,
  codeSchema,
  save,
  list,
  subjectType,
  onClose,
  children,
}: CatalogFormModalProps<Values, Entry>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const saving = useSaveMutation({ form, mutationFn: save, list, subjectType, onClose });

  return (
    <FormModal<Values>
      title={title}
      form={form}
      initialValues={initialValues}
      submitting={saving.isPending}
      onSubmit={(values) => saving.mutate(values)}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('common.code')}
        extra={creating ? t('validation.code') : undefined}
        rules={creating ? [{ required: true, message: t('validation.required') }, schemaRule(codeSchema, t('validation.code'))] : []}
      >
        <Input disabled={!creating} autoComplete="off" maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} />
      </Form.Item>
      {children}
    </FormModal>
  );
}
