/**
 * The to-do counts and the list's total agree with the list itself, with and without a delegation limited to some
 * types. The count joins the application and its type only when a scoped delegation makes the condition name the type
 * (inbox.ts `countTasks`); both paths must count exactly the tasks the list shows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, InboxPage } from '@henji/contracts';
import { makeUser, signIn, startHenji, USER_PASSWORD, type TestHenji } from '../harness.ts';
import { api, makeCompany, submitPurchase, typeByCode, type Company, type Person } from './flow-context.ts';
import { now } from '../../src/kernel/clock.ts';

let h: TestHenji;
let c: Company;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
});
afterAll(() => h.close());

async function newPerson(): Promise<Person> {
  const { row } = await makeUser(h, {});
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

async function submitLeave(who: Person): Promise<Application> {
  const type = await typeByCode(h, who, 'leave');
  const form = { kind: 'annual', period: ['2026-12-01', '2026-12-01'], days: 1, reason: '家中有事。' };
  const res = await api<Application>(h, who, 'POST', '/api/applications', { typeId: type.id, form, submit: true, requestKey: randomUUID() });
  expect(res.status, res.raw).toBe(201);
  return res.body;
}

const todoOf = async (who: Person) => {
  const counts = await api<{ todo: number }>(h, who, 'GET', '/api/inbox/counts');
  const list = await api<InboxPage>(h, who, 'GET', '/api/inbox?tab=todo&pageSize=200');
  expect(counts.status, counts.raw).toBe(200);
  expect(list.status, list.raw).toBe(200);
  return {
    counts: counts.body.todo,
    total: list.body.total,
    items: list.body.items.map((i) => i.application.id),
    nodeNames: new Map(list.body.items.map((i) => [i.application.id, i.nodeName])),
  };
};

describe('to-do counts', () => {
  it('count what the list shows, with an unrestricted and a type-limited delegation', async () => {
    // The head holds a purchase task (as department head) and a leave task (as the employee's superior).
    const purchase = await submitPurchase(h, c.employee, 800);
    const leave = await submitLeave(c.employee);
    const head = await todoOf(c.head);
    expect(head.items).toEqual(expect.arrayContaining([purchase.id, leave.id]));
    expect(head.counts).toBe(head.items.length);
    expect(head.total).toBe(head.items.length);
    // Node names come from each application's own type definition.
    expect(head.nodeNames.get(purchase.id)).toBe('部门负责人审批');
    expect(head.nodeNames.get(leave.id)).toBe(leave.definition.flow.nodes.find((n) => n.id === leave.currentNodes[0]!.nodeId)!.name);

    const today = now().toISOString().slice(0, 10);
    const everything = await newPerson();
    const onlyPurchases = await newPerson();
    for (const [delegate, scope] of [[everything, []], [onlyPurchases, ['purchase']]] as const) {
      const res = await api(h, c.head, 'POST', '/api/delegations', { principalId: c.head.id, delegateId: delegate.id, startsOn: today, endsOn: today, scope, reason: '出差' });
      expect(res.status, res.raw).toBe(201);
    }

    const all = await todoOf(everything);
    expect(all.items.sort()).toEqual([...head.items].sort());
    expect([all.counts, all.total]).toEqual([head.items.length, head.items.length]);

    const limited = await todoOf(onlyPurchases);
    expect(limited.items).toContain(purchase.id);
    expect(limited.items).not.toContain(leave.id);
    expect([limited.counts, limited.total]).toEqual([limited.items.length, limited.items.length]);
    expect(limited.items.length).toBeLessThan(all.items.length);
  });
});
