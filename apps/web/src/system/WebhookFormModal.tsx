import { Flex, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { WebhookEvent, WebhookUrl, type UpdateWebhookInput, type Webhook } from '@henji/contracts';
import { queryKeys } from '../api/query-keys.ts';
import type { CreatedWebhook } from '../api/types.ts';
import { FormModal } from '../components/FormModal.tsx';
import { changedFields, isEmptyPatch } from '../components/patch.ts';
import { schemaRule } from '../components/rules.ts';
import { useLedgerLabels } from '../i18n/labels.ts';
import { useSaveMutation } from '../org/use-save-mutation.ts';
import { WEBHOOK_SUBJECT, createWebhook, updateWebhook } from './api.ts';

interface WebhookValues {
  name: string;
  url: string;
  events: string[];
}

interface EventOption {
  value: string;
  label: string;
  description: string;
}

/** The prefixes offered first; any action name, any prefix ending in '.', and '*' are accepted. */
const PREFIXES = [
  ['*', 'all'],
  ['department.', 'department'],
  ['user.', 'user'],
  ['delegation.', 'delegation'],
  ['auth.', 'auth'],
] as const;

function useEventOptions(): EventOption[] {
  const { t } = useTranslation();
  const labels = useLedgerLabels();
  return [
    ...PREFIXES.map(([value, key]) => ({ value, label: value, description: t(`system.webhook.prefix.${key}`) })),
    ...labels.actions.map((action) => ({ value: action.value, label: action.value, description: action.label })),
  ];
}

interface WebhookFormModalProps {
  /** The subscription to edit; none to create one. */
  webhook?: Webhook;
  /** After a creation: the new subscription and its secret, which the caller shows once. */
  onCreated: (created: CreatedWebhook) => void;
  onClose: () => void;
}

/** Create or edit a subscription: a name, the receiver's URL and the actions it receives. */
export function WebhookFormModal({ webhook, onCreated, onClose }: WebhookFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WebhookValues>();
  const eventOptions = useEventOptions();
  const initial: WebhookValues = { name: webhook?.name ?? '', url: webhook?.url ?? '', events: webhook?.events ?? [] };

  const save = async (values: WebhookValues): Promise<Webhook | null> => {
    const input = { name: values.name.trim(), url: values.url.trim(), events: values.events.map((e) => e.trim()) };
    if (!webhook) {
      const created = await createWebhook(input);
      onCreated(created);
      return created.webhook;
    }
    const patch = changedFields<UpdateWebhookInput>(initial, input);
    return isEmptyPatch(patch) ? null : updateWebhook(webhook.id, patch);
  };
  const saving = useSaveMutation({ form, mutationFn: save, list: queryKeys.webhooks.all, subjectType: WEBHOOK_SUBJECT, onClose });

  return (
    <FormModal<WebhookValues>
      title={webhook ? t('system.webhook.edit') : t('system.webhook.create')}
      form={form}
      initialValues={initial}
      submitting={saving.isPending}
      onSubmit={(values) => saving.mutate(values)}
      onClose={onClose}
      width={640}
    >
      <Form.Item
        name="name"
        label={t('system.webhook.name')}
        extra={t('system.webhook.nameHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}
      >
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('system.webhook.url')}
        extra={t('system.webhook.urlHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }, schemaRule(WebhookUrl, t('validation.webhookUrl'))]}
      >
        <Input maxLength={2000} autoComplete="off" placeholder="https://" />
      </Form.Item>
      <Form.Item
        name="events"
        label={t('system.webhook.events')}
        extra={t('system.webhook.eventsHelp')}
        rules={[
          { required: true, type: 'array', min: 1, message: t('validation.required') },
          {
            validator: async (_rule, value: unknown) => {
              const bad = Array.isArray(value) ? value.find((v) => !WebhookEvent.safeParse(v).success) : undefined;
              if (bad !== undefined) throw new Error(t('validation.webhookEvent', { event: String(bad) }));
            },
          },
        ]}
      >
        <Select<string[], EventOption>
          mode="tags"
          options={eventOptions}
          // Otherwise Enter or Tab after a typed value would also pick whichever suggestion is highlighted, such as '*'.
          defaultActiveFirstOption={false}
          tokenSeparators={[',', ' ', '，']}
          optionRender={(option) => (
            <Flex gap={8} justify="space-between">
              <span>{option.data.value}</span>
              <Typography.Text type="secondary" ellipsis>
                {option.data.description}
              </Typography.Text>
            </Flex>
          )}
        />
      </Form.Item>
    </FormModal>
  );
}
