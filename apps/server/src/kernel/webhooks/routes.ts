import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreatedWebhook, CreateWebhookInput, ErrorBody, IdParams, UpdateWebhookInput, Webhook, WebhookDelivery } from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { execute } from '../command.ts';
import { createWebhook, pingWebhook, rotateWebhookSecret, updateWebhook } from './commands.ts';
import { getWebhook, listDeliveries, listWebhooks } from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function webhookRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['webhooks'];

  r.get('/api/webhooks', { schema: { tags, response: { 200: z.object({ items: z.array(Webhook) }), ...errors } } },
    async (req) => ({ items: await listWebhooks(db, callerOf(req).actor) }));
  r.post('/api/webhooks', {
    schema: { tags, summary: 'Subscribe a URL to trace actions; the signing secret is returned once', body: CreateWebhookInput, response: { 201: CreatedWebhook, ...errors } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const { row, secret } = await execute(db, caller, createWebhook, req.body);
    return reply.status(201).send({ webhook: await getWebhook(db, caller.actor, row.id), secret });
  });
  r.get('/api/webhooks/:id', { schema: { tags, params: IdParams, response: { 200: Webhook, ...errors } } },
    async (req) => getWebhook(db, callerOf(req).actor, req.params.id));
  r.patch('/api/webhooks/:id', { schema: { tags, params: IdParams, body: UpdateWebhookInput, response: { 200: Webhook, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      await execute(db, caller, updateWebhook, { id: req.params.id, changes: req.body });
      return getWebhook(db, caller.actor, req.params.id);
    });
  r.post('/api/webhooks/:id/rotate-secret', { schema: { tags, params: IdParams, response: { 200: CreatedWebhook, ...errors } } },
    async (req) => {
      const caller = callerOf(req);
      const { secret } = await execute(db, caller, rotateWebhookSecret, { id: req.params.id });
      return { webhook: await getWebhook(db, caller.actor, req.params.id), secret };
    });
  r.post('/api/webhooks/:id/ping', {
    schema: { tags, summary: 'Queue a signed test delivery', params: IdParams, response: { 202: z.object({ deliveryId: z.uuid() }), ...errors } },
  }, async (req, reply) => {
    const deliveryId = await execute(db, callerOf(req), pingWebhook, { id: req.params.id });
    return reply.status(202).send({ deliveryId });
  });
  r.get('/api/webhooks/:id/deliveries', {
    schema: {
      tags,
      params: IdParams,
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.object({ items: z.array(WebhookDelivery) }), ...errors },
    },
  }, async (req) => ({ items: await listDeliveries(db, callerOf(req).actor, req.params.id, req.query.limit) }));
}
