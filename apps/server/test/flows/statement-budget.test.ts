/**
 * A regression guard on the cost of the approval path (issue 10): the SQL statements each request of a complete
 * purchase sends — submit, then head, finance and CEO each read the application and approve it — counted in the
 * server (`db/client.ts#onStatement`; BEGIN/COMMIT left out, so the count is the same on PGlite and PostgreSQL).
 * A change that adds a query per row or per step fails here; lower the budget when the path gets leaner.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '@henji/contracts';
import { onStatement } from '../../src/db/client.ts';
import { startHenji, type TestHenji } from '../harness.ts';
import { api, makeCompany, purchaseForm, typeByCode, type Company, type Person } from './flow-context.ts';

/**
 * Statements per request, and for the whole instance (7 requests), BEGIN/COMMIT not counted (the benchmark's count,
 * which includes them, is 8 higher: 4 transactions). Measured when set: submit 9, read 2, approve 8 / 8, CEO 9
 * (which also numbers the order and copies the custodian) — 40 in all; it was 169 before issue 10, 55 before the
 * engine deferred its writes (engine/run.ts, "Deferred writes").
 */
const BUDGET = { submit: 9, read: 2, approve: 8, ceoApprove: 9, instance: 40 };

let h: TestHenji;
let c: Company;
const requests = new AsyncLocalStorage<string[]>();
let stopListening: () => void;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
  stopListening = onStatement((text) => requests.getStore()?.push(text));
});
afterAll(async () => {
  stopListening?.();
  await h?.close();
});

async function counted<T>(who: Person, method: 'GET' | 'POST', url: string, payload?: object) {
  const statements: string[] = [];
  const res = await requests.run(statements, () => api<T>(h, who, method, url, payload));
  expect(res.status, res.raw).toBeLessThan(300);
  return { body: res.body, statements };
}

async function completePurchase(typeId: string) {
  const counts: Record<string, number> = {};
  const texts: Record<string, string[]> = {};
  const submit = await counted<Application>(c.employee, 'POST', '/api/applications', { typeId, form: purchaseForm(20000), submit: true, requestKey: randomUUID() });
  counts.submit = submit.statements.length;
  texts.submit = submit.statements;
  let app = submit.body;
  for (const [level, who] of [['head', c.head], ['finance', c.finance], ['ceo', c.ceo]] as const) {
    const read = await counted<Application>(who, 'GET', `/api/applications/${app.id}`);
    const task = read.body.myTasks[0]!;
    const approve = await counted<Application>(who, 'POST', `/api/applications/${app.id}/actions`, {
      action: 'approve',
      taskId: task.taskId,
      formHash: read.body.formHash,
      opinion: '同意',
    });
    counts[`read:${level}`] = read.statements.length;
    counts[`approve:${level}`] = approve.statements.length;
    texts[`read:${level}`] = read.statements;
    texts[`approve:${level}`] = approve.statements;
    app = approve.body;
  }
  expect(app.status).toBe('approved');
  return { counts, texts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

describe('statements per action on the purchase path', () => {
  it('stays within the budget for submit, each read and each approval', async () => {
    const type = await typeByCode(h, c.employee, 'purchase');
    await completePurchase(type.id); // the first instance warms the definition and calendar caches
    const { counts, texts, total } = await completePurchase(type.id);
    const report = Object.entries(texts)
      .map(([action, list]) => `${action}: ${list.length}\n${list.map((t) => `   ${t.replace(/\s+/g, ' ').slice(0, 140)}`).join('\n')}`)
      .join('\n');
    console.log(report);
    expect.soft(counts.submit, report).toBeLessThanOrEqual(BUDGET.submit);
    for (const level of ['head', 'finance', 'ceo']) expect.soft(counts[`read:${level}`], report).toBeLessThanOrEqual(BUDGET.read);
    expect.soft(counts['approve:head'], report).toBeLessThanOrEqual(BUDGET.approve);
    expect.soft(counts['approve:finance'], report).toBeLessThanOrEqual(BUDGET.approve);
    expect.soft(counts['approve:ceo'], report).toBeLessThanOrEqual(BUDGET.ceoApprove);
    expect(total, report).toBeLessThanOrEqual(BUDGET.instance);
  });
});
