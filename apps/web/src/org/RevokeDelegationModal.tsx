import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Delegation } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { FormModal } from '../components/FormModal.tsx';
import { SUBJECT, afterChange, revokeDelegation } from './api.ts';

interface RevokeValues {
  reason: string;
}

/** Ends a delegation at once. The optional reason is kept as the written comment on the trace. */
export function RevokeDelegationModal({ delegation, onClose }: { delegation: Delegation; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<RevokeValues>();

  const revoke = useMutation({
    mutationFn: (values: RevokeValues) => revokeDelegation(delegation.id, values.reason?.trim() || undefined),
    onSuccess: async () => {
      void message.success(t('org.delegation.revoked'));
      await afterChange(queryClient, queryKeys.delegations.all, { type: SUBJECT.delegation, id: delegation.id });
      onClose();
    },
    onError: (error) => reportError(error, form),
  });

  return (
    <FormModal<RevokeValues>
      title={t('org.delegation.revoke')}
      form={form}
      initialValues={{ reason: '' }}
      submitting={revoke.isPending}
      onSubmit={(values) => revoke.mutate(values)}
      onClose={onClose}
      okText={t('org.delegation.revoke')}
    >
      <Typography.Paragraph>{t('org.delegation.confirmRevoke')}</Typography.Paragraph>
      <Form.Item name="reason" label={t('org.delegation.revokeReason')} rules={[{ max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
