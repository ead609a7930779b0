/**
 * The flow's automatic action "create task" (F2 → T1): an application passing an action node of kind create_task
 * creates a tracked task whose source is the application, assigned by the applicant, owned by whoever the node's
 * source names, due `within` on the business calendar; and the publish check validates the owner source like an
 * approver's.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationDefinition, ApplicationType, TaskPage, TrackedTask } from '@henji/contracts';
import { deadlineAfter } from '../../src/modules/applications/engine/sla.ts';
import { signInAdmin, startHenji, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { api, approveAs, makeCompany, type Company } from './flow-context.ts';
import { now } from '../../src/kernel/clock.ts';

let h: TestHenji;
let admin: Session;
let c: Company;

const WITHIN = { amount: 3, unit: 'days' } as const;

/** 部门负责人审批 → (optionally: number the application) → create a task for the head, due in 3 working days → end. */
function definition(owner: object, numbered = false): ApplicationDefinition {
  const number = { id: 'number', name: '生成编号', type: 'action', action: { kind: 'assign_number', rule: 'ZG{YYYY}{SEQ:4}' }, next: 'track' };
  return {
    form: { fields: [{ key: 'title', label: '事由', type: 'text', required: true }] },
    titleField: 'title',
    flow: {
      start: 'head',
      nodes: [
        { id: 'head', name: '部门负责人审批', type: 'approval', approvers: { source: 'department_head' }, mode: 'any', opinionOnApprove: false, returnPolicy: 'any', allowTransfer: true, allowAddSigner: true, skipSelf: true, whenEmpty: 'admin', next: numbered ? 'number' : 'track' },
        ...(numbered ? [number] : []),
        { id: 'track', name: '创建督办任务', type: 'action', action: { kind: 'create_task', title: '落实整改措施', owner, within: WITHIN, crossDepartment: true }, next: 'end' },
        { id: 'end', name: '结束', type: 'end' },
      ],
    },
  } as ApplicationDefinition;
}

async function publishType(owner: object, numbered = false) {
  const code = `task_${randomUUID().slice(0, 8)}`;
  const created = await api<ApplicationType>(h, admin, 'POST', '/api/application-types', { code, name: `督办测试 ${code}`, category: '测试', definition: definition(owner, numbered) });
  expect(created.status, created.raw).toBe(201);
  const versions = await api<{ items: { id: string }[] }>(h, admin, 'GET', `/api/application-types/${created.body.id}/versions`);
  const published = await api(h, admin, 'POST', `/api/application-types/${created.body.id}/versions/${versions.body.items[0]!.id}/publish`);
  return { type: created.body, published };
}

beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
  c = await makeCompany(h);
});
afterAll(() => h.close());

describe('the create_task action', () => {
  it('creates a tracked task when an application passes the node', async () => {
    const { type, published } = await publishType({ source: 'department_head' });
    expect(published.status, published.raw).toBe(200);
    const submitted = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '整改消防通道' }, submit: true, requestKey: randomUUID() });
    expect(submitted.status, submitted.raw).toBe(201);
    const before = now();
    const approved = await approveAs(h, c.head, submitted.body.id);
    expect(approved.status).toBe('approved');
    const step = approved.steps.find((s) => s.nodeId === 'track');
    expect(step?.outcome).toMatch(/^task:/);
    const taskId = step!.outcome!.slice('task:'.length);

    const task = await api<TrackedTask>(h, c.head, 'GET', `/api/tasks/${taskId}`);
    expect(task.status, task.raw).toBe(200);
    expect(task.body).toMatchObject({
      title: '落实整改措施',
      source: 'application',
      sourceRef: submitted.body.id,
      owner: { id: c.head.id },
      assigner: { id: c.employee.id },
      department: { id: c.deptId },
      status: 'in_progress',
      crossDepartment: true,
    });
    // Due three working days on: the same computation the engine's SLA deadlines use, from the approval's moment.
    const { deadline } = await deadlineAfter(h.db, undefined, before, WITHIN);
    expect(Math.abs(new Date(task.body.deadline!).getTime() - deadline.getTime())).toBeLessThan(60_000);
    // The applicant assigned it: it is in their 我交办的 view, and the head's 我负责的.
    const assigned = await api<TaskPage>(h, c.employee, 'GET', '/api/tasks?view=assigned');
    expect(assigned.body.items.map((t) => t.id)).toContain(taskId);
    const mine = await api<TaskPage>(h, c.head, 'GET', '/api/tasks?view=mine');
    expect(mine.body.items.map((t) => t.id)).toContain(taskId);
    // Traced in the approval's own command, by the approver.
    const [created] = await traceOf(h, admin.headers, 'tracked_task', taskId);
    expect(created).toMatchObject({ action: 'tracked_task.create', actorId: c.head.id });
  });

  it('leaves the task awaiting an owner when the source names nobody', async () => {
    // Nobody in this company sits on the project committee.
    const { type, published } = await publishType({ source: 'role', role: 'pm_committee' });
    expect(published.status, published.raw).toBe(200);
    const submitted = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '无人认领' }, submit: true, requestKey: randomUUID() });
    const approved = await approveAs(h, c.head, submitted.body.id);
    const taskId = approved.steps.find((s) => s.nodeId === 'track')!.outcome!.slice('task:'.length);
    const task = await api<TrackedTask>(h, c.employee, 'GET', `/api/tasks/${taskId}`);
    expect(task.body).toMatchObject({ status: 'awaiting_owner', owner: null, department: null, assigner: { id: c.employee.id } });
  });

  it('quotes the number the flow gave the application just before', async () => {
    const { type, published } = await publishType({ source: 'department_head' }, true);
    expect(published.status, published.raw).toBe(200);
    const submitted = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '整改配电房' }, submit: true, requestKey: randomUUID() });
    const approved = await approveAs(h, c.head, submitted.body.id);
    expect(approved.number).toMatch(/^ZG\d{8}$/);
    const taskId = approved.steps.find((s) => s.nodeId === 'track')!.outcome!.slice('task:'.length);
    const task = await api<TrackedTask>(h, c.head, 'GET', `/api/tasks/${taskId}`);
    expect(task.body.description).toBe(`整改配电房（${approved.number}）`);
  });

  it('is assigned by the approver when the applicant has left', async () => {
    const { type } = await publishType({ source: 'department_head' });
    const submitted = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: { title: '离职后整改' }, submit: true, requestKey: randomUUID() });
    const left = await api(h, admin, 'PATCH', `/api/users/${c.employee.id}`, { status: 'left' });
    expect(left.status, left.raw).toBe(200);
    try {
      const approved = await approveAs(h, c.head, submitted.body.id);
      expect(approved.status).toBe('approved');
      const taskId = approved.steps.find((s) => s.nodeId === 'track')!.outcome!.slice('task:'.length);
      const task = await api<TrackedTask>(h, c.head, 'GET', `/api/tasks/${taskId}`);
      expect(task.body.assigner).toMatchObject({ id: c.head.id });
    } finally {
      expect((await api(h, admin, 'PATCH', `/api/users/${c.employee.id}`, { status: 'active' })).status).toBe(200);
    }
  });

  it('is checked at publish: an unknown owner is refused with its path', async () => {
    const { published } = await publishType({ source: 'user', username: 'nobody_such_user' });
    expect(published.status).toBe(400);
    const fields = (published.body as { details?: { fields?: Record<string, unknown> } }).details?.fields ?? {};
    expect(Object.keys(fields)).toContain('flow.nodes[1].action.owner.username');
  });
});
