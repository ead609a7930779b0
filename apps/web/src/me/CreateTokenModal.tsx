import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys.ts';
import type { CreatedApiToken } from '../api/types.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { createApiToken } from './api.ts';

interface TokenValues {
  name: string;
  expiresInDays: number | null;
}

/** Creates an API token; the secret comes back once, and the caller shows it. */
export function CreateTokenModal({ onCreated, onClose }: { onCreated: (created: CreatedApiToken) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<TokenValues>();

  const create = useMutation({
    mutationFn: (values: TokenValues) => createApiToken({ name: values.name.trim(), expiresInDays: values.expiresInDays ?? null }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens });
      onCreated(created);
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<TokenValues>
      title={t('me.tokens.create')}
      form={form}
      initialValues={{ name: '', expiresInDays: 90 }}
      submitting={create.isPending}
      onSubmit={(values) => create.mutate(values)}
      onClose={onClose}
      okText={t('me.tokens.createSubmit')}
    >
      <Form.Item name="name" label={t('me.tokens.name')} extra={t('me.tokens.nameHelp')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item name="expiresInDays" label={t('me.tokens.expiresInDays')} extra={t('me.tokens.expiresHelp')}>
        <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}
