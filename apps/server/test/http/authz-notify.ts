/**
 * Authorization matrix rows for notifications (K8): everyone signed in has an inbox and preferences of their own;
 * channels and the delivery log belong to administrators (notify.manage) and are invisible to everyone else, so an
 * employee gets 404 on those routes, the list and create included.
 */
import { unique } from '../harness.ts';
import type { Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

/** Nothing listens there: the matrix never runs the job runner, so no delivery is attempted. */
const newRobot = () => ({ kind: 'wecom', name: unique('机器人'), config: { url: 'http://127.0.0.1:9/robot?key=matrix' } });

export function notifyRows(asAdmin: AsAdmin): Record<string, Row> {
  const channelUrl = async (suffix = '') => {
    const { id } = await asAdmin<{ id: string }>('POST', '/api/notification-channels', newRobot());
    return `/api/notification-channels/${id}${suffix}`;
  };
  return {
    'GET /api/notifications': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/notifications/unread-count': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/notifications/read': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: { all: true } }),
    },
    'GET /api/me/notification-preferences': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'PUT /api/me/notification-preferences': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: { channels: { email: true }, quietStart: '22:00', quietEnd: '07:00' } }),
    },
    'GET /api/notification-channels': { anonymous: 401, employee: 404, admin: 'ok' },
    'POST /api/notification-channels': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ json: newRobot() }),
    },
    'GET /api/notification-channels/{id}': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await channelUrl() }),
    },
    'PATCH /api/notification-channels/{id}': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await channelUrl(), json: { name: '改名', active: false } }),
    },
    'POST /api/notification-channels/{id}/test': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await channelUrl('/test') }),
    },
    'GET /api/notification-deliveries': { anonymous: 401, employee: 404, admin: 'ok' },
  };
}
