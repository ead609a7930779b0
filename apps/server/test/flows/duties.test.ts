/**
 * Separation of duties (三级签字 stays three people), through the HTTP API: the applicant never decides their own
 * application by any route (delegation, transfer, added signer); one person signs one level; a level whose approver
 * is the applicant goes to whoever is above them, or to the type's fallback, never skipped; amounts are the server's;
 * a resubmission that raises the amount restarts the flow; split purchases are flagged.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '@henji/contracts';
import { positions } from '../../src/kernel/org/schema.ts';
import { now } from '../../src/kernel/clock.ts';
import { ADMIN_PASSWORD, makeDepartment, makeUser, signIn, startHenji, USER_PASSWORD, type TestHenji } from '../harness.ts';
import { traceOf } from '../api/http.ts';
import { act, api, approveAs, makeCompany, myTask, purchaseForm, typeByCode, type Company, type Person } from './flow-context.ts';

let h: TestHenji;
let c: Company;
let headPosition: string;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
  const [head] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  headPosition = head!.id;
});
afterAll(() => h.close());

async function person(fields: Parameters<typeof makeUser>[1]): Promise<Person> {
  const { row } = await makeUser(h, fields);
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

async function submit(who: Person, form: Record<string, unknown>): Promise<Application> {
  const type = await typeByCode(h, who, 'purchase');
  const res = await api<Application>(h, who, 'POST', '/api/applications', { typeId: type.id, form, submit: true, requestKey: randomUUID() });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

const holdersAt = (app: Application, nodeId: string) =>
  app.steps.filter((s) => s.nodeId === nodeId && (s.status === 'active' || s.status === 'paused')).flatMap((s) => s.tasks.filter((t) => t.status === 'pending').map((t) => t.assignee.id));

describe('the applicant never decides their own application', () => {
  it('not as the delegate of their approver: offered nothing, refused with 403', async () => {
    const app = await submit(c.employee, purchaseForm(500));
    const today = now().toISOString().slice(0, 10);
    const delegation = await api(h, c.head, 'POST', '/api/delegations', { principalId: c.head.id, delegateId: c.employee.id, startsOn: today, endsOn: today, scope: [], reason: '出差' });
    expect(delegation.status, delegation.raw).toBe(201);
    const seen = await api<Application>(h, c.employee, 'GET', `/api/applications/${app.id}`);
    expect(seen.body.myTasks.filter((t) => t.kind === 'approve')).toEqual([]);
    const taskId = seen.body.steps[0]!.tasks[0]!.id;
    const refused = await act(h, c.employee, seen.body, { action: 'approve', taskId, formHash: seen.body.formHash });
    expect(refused.status, refused.raw).toBe(403);
    expect(refused.body.message).toContain('申请人');
    await api(h, c.head, 'POST', `/api/delegations/${(delegation.body as { id: string }).id}/revoke`, {});
  });

  it('not by a transfer (转交) nor as an added signer (加签): 400 on the person field', async () => {
    const app = await submit(c.employee, purchaseForm(500));
    const { app: seen, task } = await myTask(h, c.head, app.id);
    const transfer = await act(h, c.head, seen, { action: 'transfer', taskId: task.taskId, userId: c.employee.id });
    expect(transfer.status, transfer.raw).toBe(400);
    expect(transfer.body.details?.fields?.userId?.[0]).toContain('申请人');
    const added = await act(h, c.head, seen, { action: 'add_signer', taskId: task.taskId, userId: c.employee.id, position: 'before' });
    expect(added.status, added.raw).toBe(400);
  });
});

describe('one person signs one level', () => {
  it("a finance head's own department's purchase: the head level by them, the finance level by someone else", async () => {
    const fin = await makeDepartment(h, { name: '财务部二' });
    const chief = await person({ departmentId: fin.id, positionId: headPosition, roles: ['finance'] });
    const clerk = await person({ departmentId: fin.id, managerId: chief.id });
    const app = await submit(clerk, purchaseForm(800));
    expect(holdersAt(app, 'head')).toEqual([chief.id]);
    const afterHead = await approveAs(h, chief, app.id);
    const finance = holdersAt(afterHead, 'finance');
    expect(finance).not.toContain(chief.id);
    expect(finance.sort()).toEqual([c.finance.id, c.finance2.id].sort());
    // Handing the finance level back to the person who signed the head level is refused too.
    const { app: seen, task } = await myTask(h, c.finance, app.id);
    const transfer = await act(h, c.finance, seen, { action: 'transfer', taskId: task.taskId, userId: chief.id });
    expect(transfer.status, transfer.raw).toBe(400);
    expect(transfer.body.details?.fields?.userId?.[0]).toContain('一人只签一级');
  });
});

describe('an approver who is the applicant', () => {
  it("a department head's own purchase goes to the head of the department above, and the trace says why", async () => {
    const parent = await makeDepartment(h, { name: '运营中心' });
    const top = await person({ departmentId: parent.id, positionId: headPosition });
    const child = await makeDepartment(h, { name: '运营一部', parentId: parent.id });
    const lead = await person({ departmentId: child.id, positionId: headPosition });
    const app = await submit(lead, purchaseForm(800));
    const head = app.steps.find((s) => s.nodeId === 'head')!;
    expect(head.status).toBe('active');
    expect(holdersAt(app, 'head')).toEqual([top.id]);
    expect(head.substitution).toContain('上级');
    const [submitted] = await traceOf(h, lead.session.headers, 'application', app.id);
    expect(JSON.stringify(submitted!.diff)).toContain('substitute:head:applicant->above');
  });

  it("the CEO's own purchase is signed by the type's fallback (董事会), never by the CEO alone", async () => {
    const board = await person({ roles: ['board'] });
    const app = await submit(c.ceo, purchaseForm(20000));
    // The head level: the CEO has no department, so the administrators hold it (never the CEO).
    expect(holdersAt(app, 'head')).not.toContain(c.ceo.id);
    const admin = await signIn(h, 'admin', ADMIN_PASSWORD);
    const seen = await api<Application>(h, admin, 'GET', `/api/applications/${app.id}`);
    const task = seen.body.myTasks[0]!;
    const byAdmin = await api<Application>(h, admin, 'POST', `/api/applications/${app.id}/actions`, { action: 'approve', taskId: task.taskId, formHash: seen.body.formHash });
    expect(byAdmin.status, byAdmin.raw).toBe(200);
    expect(holdersAt(byAdmin.body, 'finance')).toContain(c.finance.id);
    const current = await approveAs(h, c.finance, app.id);
    expect(holdersAt(current, 'ceo')).toEqual([board.id]);
    expect(current.steps.find((s) => s.nodeId === 'ceo')!.substitution).toContain('兜底');
    const done = await approveAs(h, board, app.id, '董事会同意');
    expect(done.status).toBe('approved');
  });
});

describe('amounts are computed by the server', () => {
  it('5 × 10,000 declared as 9,999 is 50,000 and needs the CEO', async () => {
    const form = { ...purchaseForm(0), items: [{ name: '服务器', quantity: 5, unitPrice: 10000, lineAmount: 1 }], amount: 9999 };
    const app = await submit(c.employee, form);
    expect(app.form.amount).toBe(50000);
    expect((app.form.items as { lineAmount: number }[])[0]!.lineAmount).toBe(50000);
    await approveAs(h, c.head, app.id);
    const atFinance = await approveAs(h, c.finance, app.id);
    expect(atFinance.currentNodes.map((n) => n.nodeId)).toEqual(['ceo']);
  });

  it('adds decimals exactly: 3 × 0.1 + 0.2 is 0.5, not 0.30000000000000004 + 0.2', async () => {
    const form = { ...purchaseForm(0), items: [{ name: '回形针', quantity: 3, unitPrice: 0.1 }, { name: '橡皮', quantity: 1, unitPrice: 0.2 }] };
    const app = await submit(c.employee, form);
    expect(app.form.amount).toBe(0.5);
  });
});

describe('a resubmission that changes what the flow reads', () => {
  it('9,000 raised to 95,000 after a return restarts from the first level and now needs the CEO; versions are kept', async () => {
    const app = await submit(c.employee, { ...purchaseForm(9000), supplier: `供应商${randomUUID().slice(0, 4)}` });
    await approveAs(h, c.head, app.id);
    const { app: seen, task } = await myTask(h, c.finance, app.id);
    const returned = await act(h, c.finance, seen, { action: 'return', taskId: task.taskId, formHash: seen.formHash, to: 'initiator', opinion: '请核实数量' });
    expect(returned.status, returned.raw).toBe(200);
    const raised = { ...seen.form, items: [{ name: '激光打印机', spec: 'A4', quantity: 19, unitPrice: 5000 }] };
    const resubmitted = await act(h, c.employee, returned.body, { action: 'resubmit', form: raised, opinion: '数量调整' });
    expect(resubmitted.status, resubmitted.raw).toBe(200);
    expect(resubmitted.body.form.amount).toBe(95000);
    expect(resubmitted.body.currentNodes.map((n) => n.nodeId)).toEqual(['head']);
    expect(resubmitted.body.formVersion).toBe(2);
    expect(resubmitted.body.formVersions.map((v) => v.form.amount)).toEqual([9000, 95000]);
    const firstHead = resubmitted.body.steps.find((s) => s.nodeId === 'head' && s.round === 1)!;
    expect(firstHead.tasks[0]!.formVersion).toBe(1);
    expect(resubmitted.body.steps.find((s) => s.nodeId === 'finance' && s.round === 1)!.outcome).toBe('restarted');
    const trace = await traceOf(h, c.employee.session.headers, 'application', app.id);
    expect(JSON.stringify(trace.at(-1)!.diff)).toContain('restart:amount,items');

    await approveAs(h, c.head, app.id);
    const atFinance = await approveAs(h, c.finance, app.id);
    expect(atFinance.currentNodes.map((n) => n.nodeId)).toEqual(['ceo']);
    const head2 = atFinance.steps.find((s) => s.nodeId === 'head' && s.round === 2)!;
    expect(head2.tasks.find((t) => t.decision === 'approve')!.formVersion).toBe(2);
  });

  it('a change to prose only resumes at the node that returned it', async () => {
    const app = await submit(c.employee, purchaseForm(800));
    await approveAs(h, c.head, app.id);
    const { app: seen, task } = await myTask(h, c.finance, app.id);
    const returned = await act(h, c.finance, seen, { action: 'return', taskId: task.taskId, formHash: seen.formHash, to: 'initiator', opinion: '理由写具体些' });
    const resubmitted = await act(h, c.employee, returned.body, { action: 'resubmit', form: { ...seen.form, reason: '打印机损坏，已无法维修，影响合同打印。' } });
    expect(resubmitted.status, resubmitted.raw).toBe(200);
    expect(resubmitted.body.currentNodes.map((n) => n.nodeId)).toEqual(['finance']);
  });
});

describe('split purchases', () => {
  it('flags the second order from one supplier within 30 days adding up past 10,000', async () => {
    const supplier = `拆单供应商${randomUUID().slice(0, 4)}`;
    const first = await submit(c.employee, { ...purchaseForm(6000), supplier });
    expect(first.flags).toEqual([]);
    const second = await submit(c.employee, { ...purchaseForm(6000), supplier: ` ${supplier} ` });
    expect(second.flags).toHaveLength(1);
    expect(second.flags[0]).toMatchObject({ kind: 'split_purchase', total: 12000, threshold: 10000 });
    expect(second.flags[0]!.others.map((o) => o.id)).toEqual([first.id]);
    const other = await submit(c.employee, { ...purchaseForm(6000), supplier: `别家${randomUUID().slice(0, 4)}` });
    expect(other.flags).toEqual([]);
  });
});

describe('branch labels and the description', () => {
  it('the check warns, without blocking, when the threshold changed and the description did not', async () => {
    const admin = await signIn(h, 'admin', ADMIN_PASSWORD);
    const purchase = await typeByCode(h, c.employee, 'purchase');
    const type = await api<{ description: string }>(h, admin, 'GET', `/api/application-types/${purchase.id}`);
    const versions = await api<{ items: { definition: Application['definition']; status: string }[] }>(h, admin, 'GET', `/api/application-types/${purchase.id}/versions`);
    const definition = versions.body.items.find((v) => v.status === 'published')!.definition;
    const same = await api<{ ok: boolean; warnings: unknown[] }>(h, admin, 'POST', '/api/application-types/validate', { definition, description: type.body.description });
    expect(same.status, same.raw).toBe(200);
    expect(same.body).toMatchObject({ ok: true, warnings: [] });
    const lowered = {
      ...definition,
      flow: { ...definition.flow, nodes: definition.flow.nodes.map((n) => (n.type === 'condition' ? { ...n, branches: n.branches.map((b) => ({ ...b, when: b.when.map((w) => ({ ...w, value: 5000 })) })) } : n)) },
    };
    const stale = await api<{ ok: boolean; warnings: { path: string; message: string }[] }>(h, admin, 'POST', '/api/application-types/validate', { definition: lowered, description: type.body.description });
    expect(stale.body.ok).toBe(true);
    expect(stale.body.warnings).toEqual([{ path: 'description', message: expect.stringContaining('10000 元') }]);
  });
});
