/**
 * Authorization matrix rows for the home pages and system settings: the company's name and logo are public (the
 * sign-in page shows them) and set by administrators; the setup checklist is the administrator's (404 to others);
 * everyone signed in has their own work and an overview answer (null when they oversee nobody).
 */
import type { Row } from './authz-types.ts';

export function homeRows(): Record<string, Row> {
  return {
    'GET /api/settings/company': { anonymous: 'ok', employee: 'ok', admin: 'ok' },
    'PUT /api/settings/company': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ json: { name: '矩阵科技有限公司', logoFileId: null } }),
    },
    // No logo is ever set in this run: the image is public, and missing for everyone alike.
    'GET /api/settings/company/logo': { anonymous: 404, employee: 404, admin: 404 },
    'GET /api/home/setup': { anonymous: 401, employee: 404, admin: 'ok' },
    'GET /api/home/personal': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/home/overview': { anonymous: 401, employee: 'ok', admin: 'ok' },
  };
}
