/**
 * Defining application types through the API (F1, F2): the publish check with precise errors, YAML files in and out,
 * parallel branches and votes at run time, versions kept by running applications, the audited migration, and the
 * monitoring views (F8).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationType, ApplicationTypeVersion, MonitorPage, NodeStats } from '@henji/contracts';
import { signInAdmin, startHenji, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { api, approveAs, makeCompany, type Company, type Person } from './flow-context.ts';

let h: TestHenji;
let c: Company;
let admin: Session;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
  admin = await signInAdmin(h);
});
afterAll(() => h.close());

const approval = (id: string, approvers: object, next: string, extra: object = {}) => ({ id, name: `审批 ${id}`, type: 'approval', approvers, next, ...extra });
const form = { fields: [{ key: 'title', label: '标题', type: 'text', required: true }, { key: 'amount', label: '金额', type: 'money' }] };

async function createType(definition: object, code = `t_${randomUUID().slice(0, 8)}`) {
  return api<ApplicationType>(h, admin, 'POST', '/api/application-types', { code, name: `类型 ${code}`, category: '测试', definition });
}

async function publishLatest(typeId: string) {
  const versions = await api<{ items: ApplicationTypeVersion[] }>(h, admin, 'GET', `/api/application-types/${typeId}/versions`);
  const draft = versions.body.items.find((v) => v.status === 'draft')!;
  return api<ApplicationTypeVersion>(h, admin, 'POST', `/api/application-types/${typeId}/versions/${draft.id}/publish`);
}

async function submit(who: Person, typeId: string, formValues: object = { title: '测试' }) {
  const res = await api<Application>(h, who, 'POST', '/api/applications', { typeId, form: formValues, submit: true, requestKey: randomUUID() });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

describe('the publish check', () => {
  it('refuses a definition that cannot terminate, names an unknown field or role, or leaves a node unreachable — each at its path', async () => {
    const definition = {
      form,
      flow: {
        start: 'a',
        nodes: [
          approval('a', { source: 'role', role: 'no_such_role' }, 'check'),
          { id: 'check', name: '判断', type: 'condition', branches: [{ when: [{ field: 'nope', op: 'gt', value: 1 }], next: 'b' }], otherwise: 'end' },
          approval('b', { source: 'department_head' }, 'a'),
          approval('lonely', { source: 'department_head' }, 'end'),
          { id: 'end', name: '结束', type: 'end' },
        ],
      },
    };
    const created = await createType(definition);
    expect(created.status, created.raw).toBe(201);
    const published = await publishLatest(created.body.id);
    expect(published.status).toBe(400);
    const fields = published.body.details!.fields!;
    expect(Object.keys(fields).sort()).toEqual(['flow.nodes[0].approvers.role', 'flow.nodes[1].branches[0].when[0].field', 'flow.nodes[2]', 'flow.nodes[3]']);
    expect(fields['flow.nodes[2]']!.join()).toMatch(/循环|loops/);
    expect(fields['flow.nodes[3]']!.join()).toMatch(/无法从开始节点到达|cannot be reached/);
    // The same check without saving, for the designer.
    const check = await api<{ ok: boolean; problems: { path: string }[] }>(h, admin, 'POST', '/api/application-types/validate', { definition });
    expect(check.body.ok).toBe(false);
    expect(check.body.problems).toHaveLength(4);
    // Nothing was published: the type is not in an employee's catalogue.
    const catalogue = await api<{ items: ApplicationType[] }>(h, c.employee, 'GET', '/api/application-types');
    expect(catalogue.body.items.map((t) => t.id)).not.toContain(created.body.id);
  });

  it('refuses a definition that is not even well formed with field errors', async () => {
    const res = await createType({ form, flow: { start: 'a', nodes: [{ id: 'a', type: 'approval' }] } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});

describe('YAML definitions', () => {
  it('imports and publishes a YAML file, and exports a version back as YAML', async () => {
    const code = `yaml_${randomUUID().slice(0, 6)}`;
    const yaml = [
      `code: ${code}`,
      'name: 用章申请',
      'category: 行政事务',
      'description: 加盖公司印章',
      'form:',
      '  fields:',
      '    - { key: title, label: 用章事由, type: text, required: true }',
      'flow:',
      '  start: head',
      '  nodes:',
      '    - { id: head, name: 部门负责人审批, type: approval, approvers: { source: department_head }, next: end }',
      '    - { id: end, name: 结束, type: end }',
    ].join('\n');
    const imported = await api<ApplicationType>(h, admin, 'POST', '/api/application-types/import', { yaml, publish: true });
    expect(imported.status, imported.raw).toBe(200);
    expect(imported.body.publishedVersion).toBe(1);
    const versions = await api<{ items: ApplicationTypeVersion[] }>(h, admin, 'GET', `/api/application-types/${imported.body.id}/versions`);
    const exported = await api<{ yaml: string }>(h, admin, 'GET', `/api/application-types/${imported.body.id}/versions/${versions.body.items[0]!.id}/yaml`);
    expect(exported.body.yaml).toContain(`code: ${code}`);
    expect(exported.body.yaml).toContain('部门负责人审批');

    const broken = await api(h, admin, 'POST', '/api/application-types/import', { yaml: 'code: [unclosed', publish: true });
    expect(broken.status).toBe(400);
    expect(JSON.stringify(broken.body.details)).toMatch(/YAML/);
  });
});

describe('flows at run time', () => {
  it('runs parallel branches and joins them; a vote node decides by ratio', async () => {
    const definition: object = {
      form,
      titleField: 'title',
      // The finance clerks sign the 'fin' level and then vote as the committee: this type allows one person several
      // levels (the default, one person one level, is tested in duties.test.ts).
      duties: { distinctSigners: false },
      flow: {
        start: 'fork',
        nodes: [
          { id: 'fork', name: '并行会审', type: 'parallel', branches: ['fin', 'hr'], join: 'join' },
          approval('fin', { source: 'role', role: 'finance' }, 'join', { mode: 'all' }),
          approval('hr', { source: 'role', role: 'hr' }, 'join'),
          { id: 'join', name: '汇聚', type: 'join', next: 'board' },
          approval('board', { source: 'committee', role: 'finance' }, 'end', { mode: 'vote', ratio: 0.5 }),
          { id: 'end', name: '结束', type: 'end' },
        ],
      },
    };
    const created = await createType(definition);
    expect((await publishLatest(created.body.id)).status).toBe(200);
    const app = await submit(c.employee, created.body.id);
    expect(app.currentNodes.map((n) => n.nodeId).sort()).toEqual(['fin', 'hr']);
    await approveAs(h, c.hr, app.id);
    await approveAs(h, c.finance, app.id);
    const joined = await approveAs(h, c.finance2, app.id);
    expect(joined.currentNodes.map((n) => n.nodeId)).toEqual(['board']);
    // Two voters, ratio 0.5: one approval carries it.
    const done = await approveAs(h, c.finance, app.id);
    expect(done.status).toBe('approved');
  });

  it('keeps running applications on their version and migrates them with an audited tool', async () => {
    const v1 = { form, flow: { start: 'old', nodes: [approval('old', { source: 'department_head' }, 'end'), { id: 'end', name: '结束', type: 'end' }] } };
    const created = await createType(v1);
    await publishLatest(created.body.id);
    const app = await submit(c.employee, created.body.id);
    const v2 = { form, flow: { start: 'new_head', nodes: [approval('new_head', { source: 'department_head' }, 'fin'), approval('fin', { source: 'role', role: 'finance' }, 'end'), { id: 'end', name: '结束', type: 'end' }] } };
    expect((await api(h, admin, 'PUT', `/api/application-types/${created.body.id}/draft`, { definition: v2 })).status).toBe(200);
    expect((await publishLatest(created.body.id)).status).toBe(200);
    const versions = (await api<{ items: ApplicationTypeVersion[] }>(h, admin, 'GET', `/api/application-types/${created.body.id}/versions`)).body.items;
    expect(versions.map((v) => [v.version, v.status, v.runningCount])).toEqual([[1, 'superseded', 1], [2, 'published', 0]]);
    // Statistics name a node that only the older version has by that version's name, not by its id.
    const stats = await api<NodeStats>(h, admin, 'GET', `/api/application-types/${created.body.id}/stats`);
    expect(stats.body.nodes.find((n) => n.nodeId === 'old')).toMatchObject({ nodeName: v1.flow.nodes[0]!.name, running: 1 });
    expect(v1.flow.nodes[0]!.name).not.toBe('old');

    const unmapped = await api(h, admin, 'POST', `/api/application-types/${created.body.id}/migrate`, { fromVersionId: versions[0]!.id, toVersionId: versions[1]!.id, reason: '流程调整' });
    expect(unmapped.status).toBe(400);
    const migrated = await api<{ migrated: number }>(h, admin, 'POST', `/api/application-types/${created.body.id}/migrate`, {
      fromVersionId: versions[0]!.id, toVersionId: versions[1]!.id, nodeMap: { old: 'new_head' }, reason: '流程调整：增加财务审核',
    });
    expect(migrated.body.migrated).toBe(1);
    const moved = await approveAs(h, c.head, app.id);
    expect(moved.version).toBe(2);
    expect(moved.currentNodes.map((n) => n.nodeId)).toEqual(['fin']);
    const trace = await traceOf(h, admin.headers, 'application', app.id);
    expect(trace.find((e) => e.action === 'application.migrate')?.comment).toBe('流程调整：增加财务审核');
  });
});

describe('monitoring', () => {
  it('lists running applications with their waiting node and SLA state, and per-node statistics', async () => {
    const purchase = (await api<{ items: ApplicationType[] }>(h, admin, 'GET', '/api/application-types')).body.items.find((t) => t.code === 'purchase')!;
    const app = await submit(c.employee, purchase.id, { title: '监控测试', items: [{ name: '笔', quantity: 1, unitPrice: 5 }], amount: 5, reason: '测试' });
    await approveAs(h, c.head, app.id);
    const page = await api<MonitorPage>(h, c.auditor, 'GET', `/api/monitor/applications?typeId=${purchase.id}`);
    expect(page.status, page.raw).toBe(200);
    const row = page.body.items.find((i) => i.id === app.id)!;
    expect(row.currentNodes[0]!.nodeId).toBe('finance');
    expect(row.currentNodes[0]!.slaState).toMatch(/on_time|due_soon|overdue/);
    expect(row.waitingMinutes).toBeGreaterThanOrEqual(0);
    // The shipped calendar's day is 09:00–12:00 and 13:00–18:00: waiting times are shown in days of 8 hours.
    expect(row.minutesPerDay).toBe(480);
    // Waiting a few minutes is never a deviation from the node's usual time, however quick its history.
    expect(row.deviation).toBeNull();
    expect((await api(h, c.employee, 'GET', '/api/monitor/applications')).status).toBe(403);
    const stats = await api<NodeStats>(h, c.auditor, 'GET', `/api/application-types/${purchase.id}/stats`);
    const head = stats.body.nodes.find((n) => n.nodeId === 'head')!;
    expect(head.completed).toBeGreaterThanOrEqual(1);
    expect(head.avgMinutes).not.toBeNull();
    expect(stats.body.minutesPerDay).toBe(480);
    expect(stats.body.nodes.find((n) => n.nodeId === 'finance')!.running).toBeGreaterThanOrEqual(1);
  });
});
