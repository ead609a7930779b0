/** Outbound webhooks (K12): subscriptions and their deliveries. Only holders of system.integrations reach these. */
import { skipToken, useQuery } from '@tanstack/react-query';
import type { CreateWebhookInput, UpdateWebhookInput, Webhook, WebhookDelivery } from '@henji/contracts';
import { api } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { CreatedWebhook, ItemsOf } from '../api/types.ts';

/** The ledger subject type of a subscription; its trace panel and proof bundle query by it. */
export const WEBHOOK_SUBJECT = 'webhook';

/** Deliveries change on their own (the sequencer queues them, the job runner sends them): poll while one is shown. */
const DELIVERY_POLL_MS = 2000;

export const useWebhooks = () =>
  useQuery({
    queryKey: queryKeys.webhooks.list,
    queryFn: () => api<ItemsOf<Webhook>>('/api/webhooks').then((r) => r.items),
  });

export const useDeliveries = (webhookId: string | null) =>
  useQuery({
    queryKey: queryKeys.webhooks.deliveries(webhookId ?? ''),
    queryFn: webhookId
      ? () => api<ItemsOf<WebhookDelivery>>(`/api/webhooks/${encodeURIComponent(webhookId)}/deliveries`).then((r) => r.items)
      : skipToken,
    refetchInterval: DELIVERY_POLL_MS,
  });

export const createWebhook = (input: CreateWebhookInput) => api<CreatedWebhook>('/api/webhooks', { method: 'POST', body: input });
export const updateWebhook = (id: string, input: UpdateWebhookInput) =>
  api<Webhook>(`/api/webhooks/${id}`, { method: 'PATCH', body: input });
export const rotateWebhookSecret = (id: string) => api<CreatedWebhook>(`/api/webhooks/${id}/rotate-secret`, { method: 'POST' });
export const pingWebhook = (id: string) => api<{ deliveryId: string }>(`/api/webhooks/${id}/ping`, { method: 'POST' });
