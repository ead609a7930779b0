/**
 * Authorization matrix rows for application types and applications (F1–F8, K4).
 *
 * Types: every signed-in person reads the catalogue of active published types and each of them; administering a
 * type (flow.manage, administrators) is refused with 403 on a type one can see in the catalogue, and its versions, YAML
 * and the publish check — which only administrators see — answer 404. Monitoring and node statistics are a capability
 * (flow.monitor), refused with 403 like other administrative operations.
 * Applications: anyone may create their own, edit and act on them; someone else's application is invisible (404)
 * unless one takes part in it or monitors flows, as the administrator does.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { App } from '../../src/http/context.ts';
import { makeUser, signIn, unique, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import type { Headers, Row } from './authz-types.ts';
import type { HttpMethod } from './openapi-operations.ts';

type AsAdmin = <T>(method: HttpMethod, url: string, json?: object) => Promise<T>;

/** A 1×1 PNG, as the signature pad sends it. */
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** One approval by the applicant's department head (administrators when there is none), then the end. */
const definition = (nodeName = '部门负责人审批') => ({
  titleField: 'title',
  form: { fields: [{ key: 'title', label: '标题', type: 'text', required: true, maxLength: 100 }] },
  flow: {
    start: 'head',
    nodes: [
      { id: 'head', type: 'approval', name: nodeName, approvers: { source: 'department_head' }, next: 'end' },
      { id: 'end', type: 'end', name: '结束' },
    ],
  },
});

const newType = () => ({ code: unique('authz_'), name: '矩阵申请', category: '测试', description: '', definition: definition() });

/** `owner` gives the headers of whoever should own an application: the caller, or the employee standing in for anonymous. */
export function applicationRows(h: TestHenji, app: App, asAdmin: AsAdmin, owner: (callerHeaders: Headers, role: string) => Headers): Record<string, Row> {
  interface Version {
    id: string;
    status: string;
  }
  const versionsOf = async (typeId: string) => (await asAdmin<{ items: Version[] }>('GET', `/api/application-types/${typeId}/versions`)).items;

  /** A type with a published version 1, and optionally a draft version 2 beside it. */
  const publishedType = async (options: { draft?: boolean } = {}) => {
    const { id } = await asAdmin<{ id: string }>('POST', '/api/application-types', newType());
    const [v1] = await versionsOf(id);
    await asAdmin('POST', `/api/application-types/${id}/versions/${v1!.id}/publish`);
    const draft = options.draft ? await asAdmin<Version>('PUT', `/api/application-types/${id}/draft`, { definition: definition('负责人审批') }) : null;
    return { id, publishedVersionId: v1!.id, draftVersionId: draft?.id ?? '' };
  };

  /** The type applications in these rows are made of; created once, when the first row needs it. */
  let catalogueType: Promise<string> | null = null;
  const typeId = () => (catalogueType ??= publishedType().then((t) => t.id));

  const request = async (headers: Headers, method: HttpMethod, url: string, json?: object) => {
    const res = await app.inject({ method, url, headers, ...(json ? { payload: json } : {}) });
    expect(res.statusCode, `setup ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json<{ id: string; formHash: string; myTasks: { taskId: string }[] }>();
  };
  const newApplication = async (submit: boolean) => ({ typeId: await typeId(), form: { title: `矩阵申请 ${randomUUID().slice(0, 8)}` }, submit, requestKey: randomUUID() });
  /** A draft of the given person's. */
  const draftOf = async (headers: Headers) => (await request(headers, 'POST', '/api/applications', await newApplication(false))).id;

  /** Someone with no part in the caller's work: their applications are none of the employee's business. */
  const someone = async (): Promise<Session> => {
    const { row } = await makeUser(h);
    return signIn(h, row.username, USER_PASSWORD);
  };
  /** Someone else's application, approved with a handwritten signature by the administrator (who has no head above them to defer to). */
  const signedElsewhere = async () => {
    const applicant = await someone();
    const { id } = await request(applicant.headers, 'POST', '/api/applications', await newApplication(true));
    const seen = await asAdmin<{ formHash: string; myTasks: { taskId: string }[] }>('GET', `/api/applications/${id}`);
    const taskId = seen.myTasks[0]!.taskId;
    await asAdmin('POST', `/api/applications/${id}/actions`, { action: 'approve', taskId, formHash: seen.formHash, signature: SIGNATURE });
    return `/api/applications/${id}/tasks/${taskId}/signature`;
  };

  return {
    // ---- Application types ----
    'GET /api/application-types': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/application-types': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ json: newType() }),
    },
    /** The publish check is part of the flow designer, which only administrators see. */
    'POST /api/application-types/validate': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ json: { definition: definition() } }),
    },
    'POST /api/application-types/import': {
      anonymous: 401, employee: 403, admin: 'ok',
      // JSON is YAML too.
      request: async () => ({ json: { yaml: JSON.stringify({ code: unique('authz_'), name: '导入的申请', category: '测试', ...definition() }), publish: false } }),
    },
    /** A type in the catalogue (active and published), which everyone may read. */
    'GET /api/application-types/{id}': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ url: `/api/application-types/${(await publishedType()).id}` }),
    },
    'PATCH /api/application-types/{id}': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: `/api/application-types/${(await publishedType()).id}`, json: { name: '改名的申请' } }),
    },
    'GET /api/application-types/{id}/versions': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: `/api/application-types/${(await publishedType()).id}/versions` }),
    },
    'PUT /api/application-types/{id}/draft': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: `/api/application-types/${(await publishedType()).id}/draft`, json: { definition: definition('负责人审批') } }),
    },
    'POST /api/application-types/{id}/versions/{versionId}/publish': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => {
        const t = await publishedType({ draft: true });
        return { url: `/api/application-types/${t.id}/versions/${t.draftVersionId}/publish` };
      },
    },
    'GET /api/application-types/{id}/versions/{versionId}/yaml': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => {
        const t = await publishedType();
        return { url: `/api/application-types/${t.id}/versions/${t.publishedVersionId}/yaml` };
      },
    },
    /** From version 1 to a published version 2 (with nothing running, nothing moves). */
    'POST /api/application-types/{id}/migrate': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => {
        const t = await publishedType({ draft: true });
        await asAdmin('POST', `/api/application-types/${t.id}/versions/${t.draftVersionId}/publish`);
        return {
          url: `/api/application-types/${t.id}/migrate`,
          json: { fromVersionId: t.publishedVersionId, toVersionId: t.draftVersionId, reason: '节点改名' },
        };
      },
    },
    'GET /api/application-types/{id}/stats': {
      anonymous: 401, employee: 403, admin: 'ok',
      request: async () => ({ url: `/api/application-types/${(await publishedType()).id}/stats` }),
    },

    // ---- Applications ----
    'GET /api/applications': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'POST /api/applications': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ json: await newApplication(true) }),
    },
    /** Someone else's application: invisible to the employee, visible to the administrator (flow.monitor). */
    'GET /api/applications/{id}': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: `/api/applications/${(await request((await someone()).headers, 'POST', '/api/applications', await newApplication(true))).id}` }),
    },
    /** One's own draft. */
    'PATCH /api/applications/{id}': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async (c) => ({ url: `/api/applications/${await draftOf(owner(c.headers, c.role))}`, json: { form: { title: '改过的标题' } } }),
    },
    /** Submitting one's own draft. */
    'POST /api/applications/{id}/actions': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async (c) => ({ url: `/api/applications/${await draftOf(owner(c.headers, c.role))}/actions`, json: { action: 'submit' } }),
    },
    /** The signature on someone else's application: only those who may read the application see it. */
    /** The printed 审批单 follows the detail: someone else's application is not found. */
    'GET /api/applications/{id}/sheet.pdf': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: `/api/applications/${(await request((await someone()).headers, 'POST', '/api/applications', await newApplication(true))).id}/sheet.pdf` }),
    },
    'GET /api/applications/{id}/tasks/{taskId}/signature': {
      anonymous: 401, employee: 404, admin: 'ok',
      request: async () => ({ url: await signedElsewhere() }),
    },
    'GET /api/inbox': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/inbox/counts': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/monitor/applications': { anonymous: 401, employee: 403, admin: 'ok' },
  };
}
