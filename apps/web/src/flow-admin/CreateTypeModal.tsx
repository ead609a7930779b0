import { useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { TypeCode } from '@henji/contracts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { schemaRule } from '../components/rules.ts';
import { afterChange } from '../org/api.ts';
import { APPLICATION_TYPE_SUBJECT, createApplicationType, flowAdminKeys } from './api.ts';
import { starterDefinition } from './starter-definition.ts';
import { useNodeNames } from './labels.ts';

interface CreateTypeValues {
  code: string;
  name: string;
  category: string;
  description: string;
}

/** A new type starts with a title field and one approval; the designer opens next to make it what it should be. */
export function CreateTypeModal({ categories, onClose }: { categories: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const nodeNames = useNodeNames();
  const [form] = Form.useForm<CreateTypeValues>();

  const create = useMutation({
    mutationFn: (values: CreateTypeValues) =>
      createApplicationType({
        code: values.code.trim(),
        name: values.name.trim(),
        category: values.category.trim(),
        description: values.description.trim(),
        definition: starterDefinition(t('flowAdmin.type.starterTitle'), nodeNames),
      }),
    onSuccess: async (type) => {
      void message.success(t('flowAdmin.type.created'));
      await afterChange(queryClient, flowAdminKeys.types, { type: APPLICATION_TYPE_SUBJECT, id: type.id });
      onClose();
      void navigate(`/admin/application-types/${type.id}?tab=form`);
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<CreateTypeValues>
      title={t('flowAdmin.type.create')}
      form={form}
      initialValues={{ code: '', name: '', category: '', description: '' }}
      submitting={create.isPending}
      onSubmit={(values) => create.mutate(values)}
      onClose={onClose}
    >
      <Form.Item
        name="code"
        label={t('flowAdmin.type.code')}
        extra={t('flowAdmin.type.codeHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(TypeCode, t('flowAdmin.type.codeHelp'))]}
      >
        <Input maxLength={40} autoComplete="off" />
      </Form.Item>
      <Form.Item name="name" label={t('flowAdmin.type.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="category" label={t('flowAdmin.type.category')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <AutoComplete options={categories.map((c) => ({ value: c }))} maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('flowAdmin.type.descriptionField')} rules={[{ max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
