import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChannelTestResult,
  CreateChannelInput,
  ErrorBody,
  IdParams,
  MarkReadInput,
  MarkReadResult,
  NotificationChannel,
  NotificationDeliveryPage,
  NotificationDeliveryQuery,
  NotificationListQuery,
  NotificationPage,
  NotificationPreferences,
  UnreadCount,
  UpdateChannelInput,
  UpdateNotificationPreferencesInput,
} from '@henji/contracts';
import { callerOf, type App, type AppDeps } from '../../http/context.ts';
import { localeOf } from '../../http/locale.ts';
import { execute } from '../command.ts';
import { createChannel, testChannel, updateChannel } from './channels/commands.ts';
import { markNotificationsRead } from './inbox.ts';
import { setNotificationPreferences } from './preferences.ts';
import { getChannel, getPreferences, listChannels, listDeliveries, listNotifications, unreadCount } from './queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function notifyRoutes(app: App, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['notifications'];

  r.get('/api/notifications', {
    schema: { tags, summary: "The caller's inbox, newest first, rendered in the request's language", querystring: NotificationListQuery, response: { 200: NotificationPage, ...errors } },
  }, async (req) => listNotifications(db, callerOf(req).actor, localeOf(req), req.query));
  r.get('/api/notifications/unread-count', { schema: { tags, response: { 200: UnreadCount, ...errors } } },
    async (req) => ({ unread: await unreadCount(db, callerOf(req).actor) }));
  r.post('/api/notifications/read', {
    schema: { tags, summary: 'Mark some ({ids}) or all ({all: true}) of my notifications read', body: MarkReadInput, response: { 200: MarkReadResult, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    const { marked } = await execute(db, caller, markNotificationsRead, req.body);
    return { marked, unread: await unreadCount(db, caller.actor) };
  });

  r.get('/api/me/notification-preferences', { schema: { tags, response: { 200: NotificationPreferences, ...errors } } },
    async (req) => getPreferences(db, callerOf(req).actor));
  r.put('/api/me/notification-preferences', {
    schema: { tags, body: UpdateNotificationPreferencesInput, response: { 200: NotificationPreferences, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, setNotificationPreferences, req.body);
    return getPreferences(db, caller.actor);
  });

  r.get('/api/notification-channels', { schema: { tags, response: { 200: z.object({ items: z.array(NotificationChannel) }), ...errors } } },
    async (req) => ({ items: await listChannels(db, callerOf(req).actor) }));
  r.post('/api/notification-channels', {
    schema: { tags, summary: 'Set up an SMTP server, a group robot or an SMS provider; secrets are never returned', body: CreateChannelInput, response: { 201: NotificationChannel, ...errors } },
  }, async (req, reply) => {
    const caller = callerOf(req);
    const row = await execute(db, caller, createChannel, req.body);
    return reply.status(201).send(await getChannel(db, caller.actor, row.id));
  });
  r.get('/api/notification-channels/:id', { schema: { tags, params: IdParams, response: { 200: NotificationChannel, ...errors } } },
    async (req) => getChannel(db, callerOf(req).actor, req.params.id));
  r.patch('/api/notification-channels/:id', {
    schema: { tags, summary: 'Change a channel; a secret left out stays, null clears it', params: IdParams, body: UpdateChannelInput, response: { 200: NotificationChannel, ...errors } },
  }, async (req) => {
    const caller = callerOf(req);
    await execute(db, caller, updateChannel, { id: req.params.id, changes: req.body });
    return getChannel(db, caller.actor, req.params.id);
  });
  r.post('/api/notification-channels/:id/test', {
    schema: { tags, summary: 'Send a test notification to myself through this channel now', params: IdParams, response: { 202: ChannelTestResult, ...errors } },
  }, async (req, reply) => reply.status(202).send(await execute(db, callerOf(req), testChannel, { id: req.params.id })));

  r.get('/api/notification-deliveries', {
    schema: { tags, summary: 'The delivery log: every external delivery, its state, attempts and last error', querystring: NotificationDeliveryQuery, response: { 200: NotificationDeliveryPage, ...errors } },
  }, async (req) => listDeliveries(db, callerOf(req).actor, localeOf(req), req.query));
}
