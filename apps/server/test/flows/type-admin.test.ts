/**
 * Administering application types (issue 8, §8): a create-task action whose owner is named by username publishes; a
 * migration warns, in its preview and its result, which required fields of the target form each application leaves
 * empty; a YAML import of an existing code applies the file's name, category and description; YAML that does not
 * parse and YAML that is not a definition are told apart, shape errors by path in the request's language.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationType, ApplicationTypeVersion, MigrationResult } from '@henji/contracts';
import { signInAdmin, startHenji, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { api, makeCompany, type Company } from './flow-context.ts';

let h: TestHenji;
let c: Company;
let admin: Session;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
  admin = await signInAdmin(h);
});
afterAll(() => h.close());

const end = { id: 'end', name: '结束', type: 'end' };
const approval = (id: string, next: string) => ({ id, name: `审批 ${id}`, type: 'approval', approvers: { source: 'department_head' }, next });

async function createType(definition: object) {
  const code = `t_${randomUUID().slice(0, 8)}`;
  const created = await api<ApplicationType>(h, admin, 'POST', '/api/application-types', { code, name: `类型 ${code}`, category: '测试', definition });
  expect(created.status, created.raw).toBe(201);
  return created.body;
}

async function publishDraft(typeId: string) {
  const versions = await api<{ items: ApplicationTypeVersion[] }>(h, admin, 'GET', `/api/application-types/${typeId}/versions`);
  return api<ApplicationTypeVersion>(h, admin, 'POST', `/api/application-types/${typeId}/versions/${versions.body.items.find((v) => v.status === 'draft')!.id}/publish`);
}

describe('the publish check', () => {
  it('finds the owner of a create-task action named by username (an active user is not "unknown")', async () => {
    const track = { id: 'track', name: '创建督办任务', type: 'action', action: { kind: 'create_task', title: '落实整改', owner: { source: 'user', username: c.head.username }, within: { amount: 3, unit: 'days' } }, next: 'end' };
    const type = await createType({ form: { fields: [{ key: 'title', label: '事由', type: 'text', required: true }] }, flow: { start: 'track', nodes: [track, end] } });
    const published = await publishDraft(type.id);
    expect(published.status, published.raw).toBe(200);

    const unknown = { ...track, action: { ...track.action, owner: { source: 'user', username: 'nobody_here' } } };
    const check = await api<{ ok: boolean; problems: { path: string }[] }>(h, admin, 'POST', '/api/application-types/validate', {
      definition: { form: { fields: [{ key: 'title', label: '事由', type: 'text' }] }, flow: { start: 'track', nodes: [unknown, end] } },
    });
    expect(check.body.problems.map((p) => p.path)).toEqual(['flow.nodes[0].action.owner.username']);
  });
});

describe('migration and the target form', () => {
  it('previews and reports, per application, the required fields of the target version its form leaves empty', async () => {
    const v1 = { form: { fields: [{ key: 'title', label: '标题', type: 'text', required: true }] }, flow: { start: 'a', nodes: [approval('a', 'end'), end] } };
    const type = await createType(v1);
    expect((await publishDraft(type.id)).status).toBe(200);
    const submitted = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '旧表单' }, submit: true, requestKey: randomUUID() });
    expect(submitted.status, submitted.raw).toBe(201);
    const v2 = {
      form: { fields: [{ key: 'title', label: '标题', type: 'text', required: true }, { key: 'supplier', label: '供应商', type: 'text', required: true }] },
      flow: v1.flow,
    };
    expect((await api(h, admin, 'PUT', `/api/application-types/${type.id}/draft`, { definition: v2 })).status).toBe(200);
    expect((await publishDraft(type.id)).status).toBe(200);
    const versions = (await api<{ items: ApplicationTypeVersion[] }>(h, admin, 'GET', `/api/application-types/${type.id}/versions`)).body.items;
    const body = { fromVersionId: versions.find((v) => v.version === 1)!.id, toVersionId: versions.find((v) => v.version === 2)!.id, reason: '增加供应商字段' };
    const expected = [{ id: submitted.body.id, title: submitted.body.title, missing: [{ key: 'supplier', label: '供应商' }] }];

    const preview = await api<MigrationResult>(h, admin, 'POST', `/api/application-types/${type.id}/migrate`, { ...body, dryRun: true });
    expect(preview.status, preview.raw).toBe(200);
    expect(preview.body).toEqual({ migrated: 0, dryRun: true, incomplete: expected });
    // The preview changed nothing.
    expect((await api<Application>(h, c.employee, 'GET', `/api/applications/${submitted.body.id}`)).body.version).toBe(1);

    const result = await api<MigrationResult>(h, admin, 'POST', `/api/application-types/${type.id}/migrate`, body);
    expect(result.status, result.raw).toBe(200);
    expect(result.body).toEqual({ migrated: 1, dryRun: false, incomplete: expected });
    const trace = await traceOf(h, admin.headers, 'application', submitted.body.id);
    expect(trace.find((e) => e.action === 'application.migrate')?.payload).toContain('"missingRequired":{"after":["supplier"]}');
  });
});

describe('YAML import', () => {
  const yamlOf = (code: string, name: string, category: string, description: string) =>
    [
      `code: ${code}`,
      `name: ${name}`,
      `category: ${category}`,
      `description: ${description}`,
      'form:',
      '  fields:',
      '    - { key: title, label: 事由, type: text, required: true }',
      'flow:',
      '  start: head',
      '  nodes:',
      '    - { id: head, name: 部门负责人审批, type: approval, approvers: { source: department_head }, next: end }',
      '    - { id: end, name: 结束, type: end }',
    ].join('\n');

  it('applies a changed name, category and description of an existing code, traced', async () => {
    const code = `yaml_${randomUUID().slice(0, 6)}`;
    const first = await api<ApplicationType>(h, admin, 'POST', '/api/application-types/import', { yaml: yamlOf(code, '用章申请', '行政事务', '加盖公司印章'), publish: true });
    expect(first.status, first.raw).toBe(200);
    const again = await api<ApplicationType>(h, admin, 'POST', '/api/application-types/import', { yaml: yamlOf(code, '印章使用申请', '综合事务', '使用公司公章、合同章'), publish: true });
    expect(again.status, again.raw).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect([again.body.name, again.body.category, again.body.description]).toEqual(['印章使用申请', '综合事务', '使用公司公章、合同章']);
    const trace = await traceOf(h, admin.headers, 'application_type', first.body.id);
    const update = trace.find((e) => e.action === 'application_type.update');
    expect(update?.payload).toContain('印章使用申请');
  });

  it('tells YAML that does not parse from YAML that is not a definition, with paths and text in the request language', async () => {
    const syntax = await api(h, admin, 'POST', '/api/application-types/import', { yaml: 'code: [unclosed', publish: true });
    expect(syntax.status).toBe(400);
    expect(syntax.body.message).toBe('定义文件不是有效的 YAML');
    expect(syntax.body.details!.fields!.yaml!.join()).toMatch(/第 1 行/);

    const code = `yaml_${randomUUID().slice(0, 6)}`;
    const shaped = yamlOf(code, '用章申请', '行政事务', '说明').replace('type: text, required: true', 'type: texts, required: yes please');
    const zh = await api(h, admin, 'POST', '/api/application-types/import', { yaml: shaped, publish: true });
    expect(zh.status).toBe(400);
    expect(zh.body.message).toBe('定义文件的内容不符合流程定义的格式');
    const fields = zh.body.details!.fields!;
    expect(Object.keys(fields)).toContain('form.fields[0].type');
    expect(JSON.stringify(fields)).not.toMatch(/YAML 无法解析|Invalid input/);
    expect(fields['form.fields[0].type']!.join()).toMatch(/无效/);

    const app = await h.app();
    const en = await app.inject({ method: 'POST', url: '/api/application-types/import', headers: { ...admin.headers, 'accept-language': 'en-US' }, payload: { yaml: shaped, publish: true } });
    const enBody = en.json<{ message: string; details: { fields: Record<string, string[]> } }>();
    expect(enBody.message).toBe('the file is YAML but not an application type definition');
    expect(enBody.details.fields['form.fields[0].type']!.join()).toMatch(/Invalid/);
  });
});
