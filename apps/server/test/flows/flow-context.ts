/**
 * A small company for flow tests: a department with its head and an employee reporting to them, a finance clerk, a
 * CEO, a custodian and HR — enough for every built-in type's approver sources — plus HTTP helpers acting as each.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Application, ApplicationActionInput, ApplicationType } from '@henji/contracts';
import { positions } from '../../src/kernel/org/schema.ts';
import { makeDepartment, makeUser, signIn, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';

export interface Company {
  deptId: string;
  head: Person;
  employee: Person;
  finance: Person;
  finance2: Person;
  ceo: Person;
  custodian: Person;
  hr: Person;
  outsider: Person;
  emergency: Person;
  auditor: Person;
}

export interface Person {
  id: string;
  username: string;
  session: Session;
}

async function person(h: TestHenji, fields: Parameters<typeof makeUser>[1]): Promise<Person> {
  const { row } = await makeUser(h, fields);
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

export async function makeCompany(h: TestHenji): Promise<Company> {
  const dept = await makeDepartment(h, { name: '行政部' });
  const [head] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
  const headPerson = await person(h, { departmentId: dept.id, positionId: head!.id });
  const fin = await makeDepartment(h, { name: '财务部' });
  return {
    deptId: dept.id,
    head: headPerson,
    employee: await person(h, { departmentId: dept.id, managerId: headPerson.id }),
    finance: await person(h, { departmentId: fin.id, roles: ['finance'] }),
    finance2: await person(h, { departmentId: fin.id, roles: ['finance'] }),
    ceo: await person(h, { roles: ['ceo'] }),
    custodian: await person(h, { roles: ['custodian'] }),
    hr: await person(h, { roles: ['hr'] }),
    outsider: await person(h, {}),
    emergency: await person(h, { roles: ['emergency'] }),
    auditor: await person(h, { roles: ['audit'] }),
  };
}

export async function api<T = unknown>(h: TestHenji, who: Person | Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  const app = await h.app();
  const headers = 'session' in who ? who.session.headers : who.headers;
  const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  type Body = T & { code?: string; message?: string; details?: { fields?: Record<string, string[]> } };
  return { status: res.statusCode, body: (res.body === '' ? null : res.json<Body>()) as Body, raw: res.body };
}

export async function typeByCode(h: TestHenji, who: Person, code: string): Promise<ApplicationType> {
  const res = await api<{ items: ApplicationType[] }>(h, who, 'GET', '/api/application-types');
  const type = res.body.items.find((t) => t.code === code);
  expect(type, `type ${code}`).toBeDefined();
  return type!;
}

export const purchaseForm = (amount: number) => ({
  title: `采购打印机 ${randomUUID().slice(0, 6)}`,
  items: [{ name: '激光打印机', spec: 'A4', quantity: 2, unitPrice: amount / 2 }],
  amount,
  reason: '现有打印机损坏，影响日常办公。',
});

export async function submitPurchase(h: TestHenji, who: Person, amount: number, extra: { urgent?: boolean } = {}): Promise<Application> {
  const type = await typeByCode(h, who, 'purchase');
  const res = await api<Application>(h, who, 'POST', '/api/applications', { typeId: type.id, form: purchaseForm(amount), submit: true, requestKey: randomUUID(), ...extra });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

export async function act(h: TestHenji, who: Person, app: Application, action: ApplicationActionInput) {
  return api<Application>(h, who, 'POST', `/api/applications/${app.id}/actions`, action);
}

/** The caller's open task on the application, read as they see it. */
export async function myTask(h: TestHenji, who: Person, appId: string) {
  const res = await api<Application>(h, who, 'GET', `/api/applications/${appId}`);
  expect(res.status, res.raw).toBe(200);
  const task = res.body.myTasks[0];
  expect(task, `an open task for ${who.username}`).toBeDefined();
  return { app: res.body, task: task! };
}

export async function approveAs(h: TestHenji, who: Person, appId: string, opinion = '同意') {
  const { app, task } = await myTask(h, who, appId);
  const res = await act(h, who, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash, opinion });
  expect(res.status, res.raw).toBe(200);
  return res.body;
}
