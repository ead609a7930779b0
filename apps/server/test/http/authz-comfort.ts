/**
 * Authorization matrix rows for approver comfort (issue 9 §7): everyone signed in has their own phrases, signature,
 * batch approval (items they may not read answer per item), exports and the approver preview of a published type;
 * the copies of an application are readable exactly as the application is (someone else's: 404; the administrator
 * monitors flows).
 */
import { randomUUID } from 'node:crypto';
import { makeUser, signIn, USER_PASSWORD, type TestHenji } from '../harness.ts';
import type { Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function comfortRows(h: TestHenji, asAdmin: AsAdmin): Record<string, Row> {
  const purchaseTypeId = async () => (await asAdmin<{ items: { id: string; code: string }[] }>('GET', '/api/application-types')).items.find((t) => t.code === 'purchase')!.id;
  /** Someone else's submitted purchase. */
  const someonesApplication = async () => {
    const { row } = await makeUser(h);
    const session = await signIn(h, row.username, USER_PASSWORD);
    const app = await h.app();
    const form = { title: '矩阵采购', items: [{ name: '纸', quantity: 1, unitPrice: 10 }], amount: 10, reason: '办公用纸' };
    const res = await app.inject({ method: 'POST', url: '/api/applications', headers: session.headers, payload: { typeId: await purchaseTypeId(), form, submit: true, requestKey: randomUUID() } });
    return res.json<{ id: string }>().id;
  };
  return {
    'POST /api/inbox/batch-approve': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: { items: [{ applicationId: randomUUID(), taskId: randomUUID(), formHash: 'sha256:none' }] } }),
    },
    'GET /api/me/phrases': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'PUT /api/me/phrases': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ json: { phrases: ['同意。'] } }) },
    'GET /api/me/signature': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'PUT /api/me/signature': { anonymous: 401, employee: 'ok', admin: 'ok', request: async () => ({ json: { image: SIGNATURE } }) },
    'DELETE /api/me/signature': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/applications/{id}/copies': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: `/api/applications/${await someonesApplication()}/copies` }),
    },
    'POST /api/application-types/{id}/approver-preview': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: `/api/application-types/${await purchaseTypeId()}/approver-preview`, json: { form: { amount: 20000 } } }),
    },
    'GET /api/applications/export': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/inbox/export': { anonymous: 401, employee: 'ok', admin: 'ok' },
  };
}
