/**
 * Authorization matrix rows for outbound webhooks (K12): integrations belong to administrators (system.integrations)
 * and are invisible to everyone else, so an employee gets 404 on every route, the list and create included.
 */
import { unique } from '../harness.ts';
import type { Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

/** Nothing listens there: the matrix never runs the job runner, so no delivery is attempted. */
const newWebhook = () => ({ name: unique('hook'), url: 'http://127.0.0.1:9/henji', events: ['department.'] });

export function webhookRows(asAdmin: AsAdmin): Record<string, Row> {
  const webhookUrl = async (suffix = '') => {
    const { webhook } = await asAdmin<{ webhook: { id: string } }>('POST', '/api/webhooks', newWebhook());
    return `/api/webhooks/${webhook.id}${suffix}`;
  };
  return {
    'GET /api/webhooks': { anonymous: 401, employee: 404, admin: 'ok' },
    'POST /api/webhooks': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ json: newWebhook() }),
    },
    'GET /api/webhooks/{id}': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await webhookUrl() }),
    },
    'PATCH /api/webhooks/{id}': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await webhookUrl(), json: { name: '改名', active: false } }),
    },
    'POST /api/webhooks/{id}/rotate-secret': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await webhookUrl('/rotate-secret') }),
    },
    'POST /api/webhooks/{id}/ping': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await webhookUrl('/ping') }),
    },
    'GET /api/webhooks/{id}/deliveries': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await webhookUrl('/deliveries') }),
    },
  };
}
