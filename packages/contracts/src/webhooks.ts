import { z } from 'zod';
import { AllowedActions, uuid } from './common.ts';
import { messageKey } from './messages.ts';

export const WebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, messageKey('contract.webhook_url'));

/** An action name, a prefix ending in '.', or '*' for everything. */
export const WebhookEvent = z
  .string()
  .trim()
  .regex(/^(\*|[a-z][a-z_]*\.([a-z_]+)?)$/, messageKey('contract.webhook_event'));

export const Webhook = z
  .object({
    id: uuid,
    name: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deliveries: z.object({ pending: z.number().int(), done: z.number().int(), failed: z.number().int() }),
    allowedActions: AllowedActions,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const CreateWebhookInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  url: WebhookUrl,
  events: z.array(WebhookEvent).min(1).max(50),
});
export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;

export const UpdateWebhookInput = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  url: WebhookUrl.optional(),
  events: z.array(WebhookEvent).min(1).max(50).optional(),
  active: z.boolean().optional(),
});
export type UpdateWebhookInput = z.infer<typeof UpdateWebhookInput>;

export const CreatedWebhook = z.object({
  webhook: Webhook,
  secret: z.string().describe('shown once: verify X-Henji-Signature with it'),
});

export const WebhookDelivery = z
  .object({
    id: z.uuid().describe('the job id, also sent as X-Henji-Delivery for deduplication'),
    entryId: z.string().nullable(),
    action: z.string().nullable(),
    state: z.enum(['pending', 'running', 'done', 'failed']),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    nextAttemptAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
