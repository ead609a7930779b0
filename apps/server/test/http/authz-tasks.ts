/**
 * Authorization matrix rows for tracked tasks (督办, K4): anyone signed in may read their own views (list, by source,
 * calendar, board, export) and assign a task;
 * a task is visible only to those involved in it (owner, assigner, the department's head or director, the owner's
 * supervisor) and to administrators and auditors, so the employee, involved in none of these, gets 404.
 */
import { makeUser, type TestHenji } from '../harness.ts';
import type { Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

export function taskRows(h: TestHenji, asAdmin: AsAdmin): Record<string, Row> {
  const freshUserId = async () => (await makeUser(h)).row.id;
  /** A task the administrator assigned to someone else: none of the employee's business. */
  const taskUrl = async (suffix = '') => {
    const { id } = await asAdmin<{ id: string }>('POST', '/api/tasks', { title: '矩阵督办任务', ownerId: await freshUserId() });
    return `/api/tasks/${id}${suffix}`;
  };
  return {
    'GET /api/tasks': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ url: '/api/tasks?view=assigned' }) },
    /** The views are everyone's: each holds only what its reader may see (test/api/task-views.test.ts). */
    'GET /api/tasks/by-source': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ url: '/api/tasks/by-source?view=all' }) },
    'GET /api/tasks/calendar': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: '/api/tasks/calendar?view=all&from=2026-06-01T00:00:00%2B08:00&to=2026-07-13T00:00:00%2B08:00' }),
    },
    'GET /api/tasks/board': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/tasks/export.xlsx': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ url: '/api/tasks/export.xlsx?view=all' }) },
    'POST /api/tasks': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: { title: '交办一项任务', source: 'manual' } }),
    },
    'GET /api/tasks/{id}': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await taskUrl() }),
    },
    'POST /api/tasks/{id}/actions': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await taskUrl('/actions'), json: { action: 'assign', ownerId: await freshUserId() } }),
    },
  };
}
