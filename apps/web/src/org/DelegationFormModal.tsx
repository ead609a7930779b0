import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CreateRoleInput, TRACKED_TASK_PROCESS, type Delegation } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import { useErrorReporter } from '../api/use-error-reporter.ts';
import { useMe } from '../auth/session.ts';
import { FormModal } from '../components/FormModal.tsx';
import { useApplicationTypes } from '../applications/api.ts';
import { SUBJECT, afterChange, createDelegation } from './api.ts';
import { UserSelect } from './UserSelect.tsx';

interface DelegationValues {
  principalId: string | null;
  delegateId: string | null;
  range: [Dayjs, Dayjs] | null;
  scope: string[];
  reason: string;
}

/** Scope entries are process keys, the same lower-case codes the server accepts for roles. */
const scopeKey = CreateRoleInput.shape.code;
const ISO_DATE = 'YYYY-MM-DD';

/**
 * 代理: the principal's work may be done by the delegate between two dates (inclusive). A supervisor can set one for
 * someone who has left, so the principal is a free choice, defaulting to oneself.
 */
export function DelegationFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  // The processes a delegation may be limited to are the application types of the catalogue (F4 "by process").
  const types = useApplicationTypes();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const reportError = useErrorReporter();
  const [form] = Form.useForm<DelegationValues>();

  const create = useMutation({
    mutationFn: (values: DelegationValues): Promise<Delegation> => {
      // The form's rules guarantee these; the check keeps the types honest without assertions.
      if (!values.principalId || !values.delegateId || !values.range) throw new Error('incomplete delegation form');
      return createDelegation({
        principalId: values.principalId,
        delegateId: values.delegateId,
        startsOn: values.range[0].format(ISO_DATE),
        endsOn: values.range[1].format(ISO_DATE),
        scope: values.scope,
        reason: values.reason.trim(),
      });
    },
    onSuccess: async (saved) => {
      void message.success(t('common.saved'));
      await afterChange(queryClient, queryKeys.delegations.all, { type: SUBJECT.delegation, id: saved.id });
      onClose();
    },
    onError: (error) => reportError(error, form, { startsOn: 'range', endsOn: 'range' }),
  });

  return (
    <FormModal<DelegationValues>
      title={t('org.delegation.create')}
      form={form}
      initialValues={{ principalId: me.id, delegateId: null, range: null, scope: [], reason: '' }}
      submitting={create.isPending}
      onSubmit={(values) => create.mutate(values)}
      onClose={onClose}
      width={640}
    >
      <Form.Item name="principalId" label={t('org.delegation.principal')} rules={[{ required: true, message: t('validation.required') }]}>
        <UserSelect includeInactive />
      </Form.Item>
      <Form.Item
        name="delegateId"
        label={t('org.delegation.delegate')}
        dependencies={['principalId']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: async (_rule, value: unknown) => {
              if (value && value === getFieldValue('principalId')) throw new Error(t('validation.selfDelegation'));
            },
          }),
        ]}
      >
        <UserSelect />
      </Form.Item>
      <Form.Item name="range" label={t('org.delegation.period')} rules={[{ required: true, message: t('validation.required') }]}>
        <DatePicker.RangePicker style={{ width: '100%' }} format={ISO_DATE} />
      </Form.Item>
      <Form.Item
        name="scope"
        label={t('org.delegation.scope')}
        extra={t('org.delegation.scopeHelp')}
        rules={[
          {
            validator: async (_rule, value: unknown) => {
              const bad = Array.isArray(value) ? value.find((v) => !scopeKey.safeParse(v).success) : undefined;
              if (bad !== undefined) throw new Error(t('validation.scopeKey', { key: String(bad) }));
            },
          },
        ]}
      >
        <Select
          mode="tags"
          tokenSeparators={[',', ' ', '，']}
          placeholder={t('org.delegation.scopeAll')}
          loading={types.isLoading}
          options={[
            ...(types.data ?? []).map((type) => ({ value: type.code, label: `${type.name}（${type.code}）` })),
            { value: TRACKED_TASK_PROCESS, label: `${t('tasks.title')}（${TRACKED_TASK_PROCESS}）` },
          ]}
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item name="reason" label={t('org.delegation.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 500 }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}
