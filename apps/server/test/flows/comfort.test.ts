/**
 * Approver comfort (issue 9 §7) through the HTTP API: 批量同意 with one failing item, saved phrases and signature as
 * traced commands, 抄送 added on submitting and on approving with 已阅, the approver preview (below and above 10,000,
 * separation of duties) against what the engine then does, and the xlsx exports read back with exceljs.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application, ApplicationCopies, ApproverPreview, BatchApproveResult, InboxPage, PhraseList, SavedSignature } from '@henji/contracts';
import { notifications } from '../../src/kernel/notify/schema.ts';
import { positions } from '../../src/kernel/org/schema.ts';
import { makeDepartment, makeUser, signIn, startHenji, USER_PASSWORD, type TestHenji } from '../harness.ts';
import { readXlsx, traceOf } from '../api/http.ts';
import { act, api, approveAs, makeCompany, purchaseForm, submitPurchase, typeByCode, type Company, type Person } from './flow-context.ts';

let h: TestHenji;
let c: Company;

beforeAll(async () => {
  h = await startHenji();
  c = await makeCompany(h);
});
afterAll(() => h.close());

// A 1×1 PNG, as the SignaturePad would send a (very small) drawing.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function inject(who: Person, method: 'GET' | 'DELETE', url: string) {
  const app = await h.app();
  return app.inject({ method, url, headers: who.session.headers });
}

async function person(fields: Parameters<typeof makeUser>[1]): Promise<Person> {
  const { row } = await makeUser(h, fields);
  return { id: row.id, username: row.username, session: await signIn(h, row.username, USER_PASSWORD) };
}

const todo = async (who: Person) => (await api<InboxPage>(h, who, 'GET', '/api/inbox?tab=todo&pageSize=200')).body.items;

describe('批量同意', () => {
  it('approves each to-do in its own transaction and trace; a changed form fails alone', async () => {
    const apps = [await submitPurchase(h, c.employee, 800), await submitPurchase(h, c.employee, 900), await submitPurchase(h, c.employee, 700)];
    const mine = (await todo(c.head)).filter((i) => apps.some((a) => a.id === i.application.id));
    expect(mine).toHaveLength(3);
    expect(mine.every((i) => i.formHash?.startsWith('sha256:'))).toBe(true);
    const saved = await api<SavedSignature>(h, c.head, 'PUT', '/api/me/signature', { image: PNG });
    expect(saved.status, saved.raw).toBe(200);
    // The second item carries a form hash the approver never saw: 409 for it alone.
    const items = mine.map((i, n) => ({ applicationId: i.application.id, taskId: i.taskId, formHash: n === 1 ? 'sha256:stale' : i.formHash! }));
    const res = await api<BatchApproveResult>(h, c.head, 'POST', '/api/inbox/batch-approve', { items, opinion: '情况属实，同意。', useSavedSignature: true });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.approved).toBe(2);
    expect(res.body.failed).toBe(1);
    expect(res.body.results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(res.body.results[1]).toMatchObject({ code: 'conflict' });
    expect(res.body.results[1]!.message).toBeTruthy();

    for (const [n, item] of items.entries()) {
      const entries = await traceOf(h, c.head.session.headers, 'application', item.applicationId);
      const approvals = entries.filter((e) => e.action === 'application.approve');
      if (n === 1) {
        expect(approvals).toEqual([]);
        continue;
      }
      expect(approvals).toHaveLength(1);
      expect(approvals[0]!.comment).toBe('情况属实，同意。');
      expect(approvals[0]!.actorId).toBe(c.head.id);
      expect(approvals[0]!.evidence).toEqual([{ name: 'signature.png', sha256: saved.body.sha256 }]);
      const detail = await api<Application>(h, c.head, 'GET', `/api/applications/${item.applicationId}`);
      expect(detail.body.currentNodes.map((x) => x.nodeId)).toEqual(['finance']);
    }
    // The refused one is still the head's to approve.
    expect((await todo(c.head)).map((i) => i.taskId)).toContain(items[1]!.taskId);
  });

  it('refuses per item what a batch cannot give: the CEO level needs a written opinion', async () => {
    const big = await submitPurchase(h, c.employee, 20000);
    await approveAs(h, c.head, big.id);
    await approveAs(h, c.finance, big.id);
    const [item] = (await todo(c.ceo)).filter((i) => i.application.id === big.id);
    const input = { items: [{ applicationId: big.id, taskId: item!.taskId, formHash: item!.formHash! }] };
    const refused = await api<BatchApproveResult>(h, c.ceo, 'POST', '/api/inbox/batch-approve', input);
    expect(refused.status, refused.raw).toBe(200);
    expect(refused.body.results[0]).toMatchObject({ ok: false, code: 'conflict' });
    expect(refused.body.results[0]!.message).toContain('审批意见');
    // Without a saved signature, asking for it is a field error on the whole request.
    const noSignature = await api(h, c.ceo, 'POST', '/api/inbox/batch-approve', { ...input, opinion: '同意', useSavedSignature: true });
    expect(noSignature.status, noSignature.raw).toBe(400);
    expect(noSignature.body.details?.fields?.useSavedSignature?.[0]).toContain('签名');
    const ok = await api<BatchApproveResult>(h, c.ceo, 'POST', '/api/inbox/batch-approve', { ...input, opinion: '同意采购。' });
    expect(ok.body.results[0]).toMatchObject({ ok: true });
    const done = await api<Application>(h, c.ceo, 'GET', `/api/applications/${big.id}`);
    expect(done.body.status).toBe('approved');
  });

  it("answers 404 for an application the caller may not read, without touching the others", async () => {
    const app = await submitPurchase(h, c.employee, 600);
    const [item] = (await todo(c.head)).filter((i) => i.application.id === app.id);
    const res = await api<BatchApproveResult>(h, c.outsider, 'POST', '/api/inbox/batch-approve', { items: [{ applicationId: app.id, taskId: item!.taskId, formHash: item!.formHash! }] });
    expect(res.body.results[0]).toMatchObject({ ok: false, code: 'not_found' });
    expect((await todo(c.head)).map((i) => i.taskId)).toContain(item!.taskId);
  });
});

describe('常用语 and the saved signature', () => {
  it('add, edit, reorder, delete — each save traced with the list before and after', async () => {
    const who = await person({});
    const empty = await api<PhraseList>(h, who, 'GET', '/api/me/phrases');
    expect(empty.body.items).toEqual([]);
    const added = await api<PhraseList>(h, who, 'PUT', '/api/me/phrases', { phrases: ['同意。', '请补充报价单。'] });
    expect(added.status, added.raw).toBe(200);
    expect(added.body.items.map((p) => p.text)).toEqual(['同意。', '请补充报价单。']);
    const reordered = await api<PhraseList>(h, who, 'PUT', '/api/me/phrases', { phrases: ['请补充报价单及比价记录。', '同意。'] });
    expect(reordered.body.items.map((p) => p.text)).toEqual(['请补充报价单及比价记录。', '同意。']);
    // An unchanged phrase keeps its id.
    expect(reordered.body.items[1]!.id).toBe(added.body.items[0]!.id);
    const duplicate = await api(h, who, 'PUT', '/api/me/phrases', { phrases: ['同意。', '同意。'] });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.details?.fields?.['phrases.1']?.[0]).toContain('重复');
    const deleted = await api<PhraseList>(h, who, 'PUT', '/api/me/phrases', { phrases: ['同意。'] });
    expect(deleted.body.items.map((p) => p.text)).toEqual(['同意。']);
    const entries = (await traceOf(h, who.session.headers, 'user', who.id)).filter((e) => e.action === 'user.phrases_save');
    expect(entries.map((e) => e.diff.phrases)).toEqual([
      { before: [], after: ['同意。', '请补充报价单。'] },
      { before: ['同意。', '请补充报价单。'], after: ['请补充报价单及比价记录。', '同意。'] },
      { before: ['请补充报价单及比价记录。', '同意。'], after: ['同意。'] },
    ]);
    // Someone else's phrases are their own.
    expect((await api<PhraseList>(h, c.outsider, 'GET', '/api/me/phrases')).body.items).toEqual([]);
  });

  it('saves, replaces and deletes the signature; the trace holds its hash, not the image', async () => {
    const who = await person({});
    const bad = await api(h, who, 'PUT', '/api/me/signature', { image: 'data:image/gif;base64,AAAA' });
    expect(bad.status).toBe(400);
    const saved = await api<SavedSignature>(h, who, 'PUT', '/api/me/signature', { image: PNG });
    expect(saved.body.image).toBe(PNG);
    expect(saved.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const read = await api<SavedSignature>(h, who, 'GET', '/api/me/signature');
    expect(read.body.sha256).toBe(saved.body.sha256);
    const removed = await inject(who, 'DELETE', '/api/me/signature');
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json<SavedSignature>().image).toBeNull();
    const entries = (await traceOf(h, who.session.headers, 'user', who.id)).filter((e) => e.action.startsWith('user.signature'));
    expect(entries.map((e) => e.action)).toEqual(['user.signature_save', 'user.signature_delete']);
    expect(entries[0]!.evidence).toEqual([{ name: 'signature.png', sha256: saved.body.sha256 }]);
    expect(entries[0]!.payload).not.toContain('iVBORw0KGgo');
  });
});

describe('抄送 added by people', () => {
  it('on submitting: the copied person reads it, sees 未读 then 已阅, is notified; the trace says who added whom', async () => {
    const type = await typeByCode(h, c.employee, 'purchase');
    const self = await api(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: purchaseForm(500), submit: true, requestKey: randomUUID(), cc: [c.employee.id] });
    expect(self.status).toBe(400);
    expect(self.body.details?.fields?.cc?.[0]).toContain('申请人');
    const reader = await person({});
    const before = await api<Application>(h, reader, 'GET', `/api/applications/${randomUUID()}`);
    expect(before.status).toBe(404);
    const res = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: purchaseForm(500), submit: true, requestKey: randomUUID(), cc: [reader.id] });
    expect(res.status, res.raw).toBe(201);
    const app = res.body;

    const counts = await api<{ cc: number }>(h, reader, 'GET', '/api/inbox/counts');
    expect(counts.body.cc).toBe(1);
    const inbox = await api<InboxPage>(h, reader, 'GET', '/api/inbox?tab=cc');
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({ kind: 'cc', status: 'pending', nodeName: '申请人抄送' });
    const [notice] = await h.db.select().from(notifications).where(and(eq(notifications.recipientId, reader.id), eq(notifications.template, 'application.cc_added')));
    expect(notice).toBeDefined();

    const seen = await api<Application>(h, reader, 'GET', `/api/applications/${app.id}`);
    expect(seen.status, seen.raw).toBe(200);
    expect(seen.body.myTasks).toEqual([expect.objectContaining({ kind: 'cc', actions: ['read'] })]);
    const read = await act(h, reader, seen.body, { action: 'read', taskId: seen.body.myTasks[0]!.taskId });
    expect(read.status, read.raw).toBe(200);
    const copies = await api<ApplicationCopies>(h, reader, 'GET', `/api/applications/${app.id}/copies`);
    expect(copies.body.items).toEqual([expect.objectContaining({ person: { id: reader.id, displayName: expect.any(String) }, addedBy: expect.objectContaining({ id: c.employee.id }), read: true })]);
    expect((await api<{ cc: number }>(h, reader, 'GET', '/api/inbox/counts')).body.cc).toBe(0);

    const entries = await traceOf(h, c.employee.session.headers, 'application', app.id);
    const submit = entries.find((e) => e.action === 'application.submit')!;
    expect(submit.actorId).toBe(c.employee.id);
    expect(submit.diff.cc).toEqual({ after: [reader.id] });
    expect(entries.some((e) => e.action === 'application.read' && e.actorId === reader.id)).toBe(true);
  });

  it('with an approval: the approver adds 抄送, recorded in their decision', async () => {
    const app = await submitPurchase(h, c.employee, 500);
    const seen = await api<Application>(h, c.head, 'GET', `/api/applications/${app.id}`);
    const task = seen.body.myTasks[0]!;
    const res = await act(h, c.head, seen.body, { action: 'approve', taskId: task.taskId, formHash: seen.body.formHash, opinion: '同意', cc: [c.hr.id] });
    expect(res.status, res.raw).toBe(200);
    const inbox = await api<InboxPage>(h, c.hr, 'GET', '/api/inbox?tab=cc');
    expect(inbox.body.items.find((i) => i.application.id === app.id)).toMatchObject({ status: 'pending', nodeName: '部门负责人审批' });
    const copies = await api<ApplicationCopies>(h, c.hr, 'GET', `/api/applications/${app.id}/copies`);
    expect(copies.body.items).toEqual([expect.objectContaining({ person: expect.objectContaining({ id: c.hr.id }), addedBy: expect.objectContaining({ id: c.head.id }), read: false })]);
    const approve = (await traceOf(h, c.head.session.headers, 'application', app.id)).find((e) => e.action === 'application.approve')!;
    expect(approve.actorId).toBe(c.head.id);
    expect(approve.diff.cc).toEqual({ after: [c.hr.id] });
    // A person who does not exist: 400 and nothing half-written (the task is still open).
    const again = await submitPurchase(h, c.employee, 500);
    const next = await api<Application>(h, c.head, 'GET', `/api/applications/${again.id}`);
    const bad = await act(h, c.head, next.body, { action: 'approve', taskId: next.body.myTasks[0]!.taskId, formHash: next.body.formHash, cc: [randomUUID()] });
    expect(bad.status, bad.raw).toBe(400);
    expect((await api<Application>(h, c.head, 'GET', `/api/applications/${again.id}`)).body.myTasks).toHaveLength(1);
  });
});

describe('审批人预览', () => {
  const preview = async (who: Person, form: Record<string, unknown>) => {
    const type = await typeByCode(h, who, 'purchase');
    const res = await api<ApproverPreview>(h, who, 'POST', `/api/application-types/${type.id}/approver-preview`, { form });
    expect(res.status, res.raw).toBe(200);
    return res.body.levels.map((l) => ({ node: l.nodeId, ids: l.approvers.map((a) => a.id).sort(), substitution: l.substitution }));
  };

  it('names each level for the amount: no CEO below 10,000, the CEO from 10,000 — as the engine then assigns', async () => {
    const below = await preview(c.employee, purchaseForm(9999));
    expect(below.map((l) => l.node)).toEqual(['head', 'finance']);
    expect(below[0]!.ids).toEqual([c.head.id]);
    expect(below[1]!.ids).toEqual([c.finance.id, c.finance2.id].sort());
    const above = await preview(c.employee, purchaseForm(10000));
    expect(above.map((l) => l.node)).toEqual(['head', 'finance', 'ceo']);
    expect(above[2]!.ids).toEqual([c.ceo.id]);
    // Computed amounts count as the server computes them: 3 × 4,000 is 12,000 whatever `amount` says.
    const computed = await preview(c.employee, { ...purchaseForm(0), items: [{ name: '显示器', quantity: 3, unitPrice: 4000 }], amount: 1 });
    expect(computed.map((l) => l.node)).toContain('ceo');
    // What the engine does with the same form.
    const app = await submitPurchase(h, c.employee, 10000);
    expect(app.steps.find((s) => s.nodeId === 'head')!.tasks.map((t) => t.assignee.id)).toEqual(above[0]!.ids);
    // Nothing was written by the previews: no application beyond the one submitted.
    const list = await api<{ total: number }>(h, c.employee, 'GET', '/api/applications?pageSize=1&q=' + encodeURIComponent(String(app.form.title)));
    expect(list.body.total).toBe(1);
  });

  it('applies separation of duties: a finance head signs the head level only; the CEO\'s own purchase goes to the board', async () => {
    const [headPosition] = await h.db.select({ id: positions.id }).from(positions).where(eq(positions.code, 'head'));
    const fin = await makeDepartment(h, { name: '财务部三' });
    const chief = await person({ departmentId: fin.id, positionId: headPosition!.id, roles: ['finance'] });
    const clerk = await person({ departmentId: fin.id, managerId: chief.id });
    const levels = await preview(clerk, purchaseForm(800));
    expect(levels[0]!.ids).toEqual([chief.id]);
    expect(levels[1]!.ids).not.toContain(chief.id);
    expect(levels[1]!.ids).toEqual(expect.arrayContaining([c.finance.id, c.finance2.id]));

    const board = await person({ roles: ['board'] });
    const own = await preview(c.ceo, purchaseForm(20000));
    const ceoLevel = own.find((l) => l.node === 'ceo')!;
    expect(ceoLevel.ids).toContain(board.id);
    expect(ceoLevel.ids).not.toContain(c.ceo.id);
    expect(ceoLevel.substitution).toContain('兜底');
    expect(own.flatMap((l) => l.ids)).not.toContain(c.ceo.id);
  });
});

describe('xlsx exports', () => {
  const read = readXlsx;

  it('我的待办 with Chinese headers, states in words and Beijing times; traced as an export', async () => {
    const app = await submitPurchase(h, c.employee, 300);
    const res = await inject(c.head, 'GET', '/api/inbox/export?tab=todo');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const { name, rows } = await read(res.rawPayload);
    expect(name).toBe('我的待办');
    expect(rows[0]).toEqual(['编号', '标题', '类型', '申请人', '节点', '紧急', '代理', '收到时间（北京时间）', '办理时限（北京时间）', '状态']);
    const items = await todo(c.head);
    expect(rows).toHaveLength(items.length + 1);
    const row = rows.find((r) => r[1] === app.title)!;
    expect(row[2]).toBe('采购申请');
    expect(row[4]).toBe('部门负责人审批');
    expect(row[9]).toBe('审批中');
    const item = items.find((i) => i.application.id === app.id)!;
    const beijing = new Date(new Date(item.receivedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(row[7]).toBe(beijing);
    const entries = (await traceOf(h, c.head.session.headers, 'user', c.head.id)).filter((e) => e.action === 'user.export');
    expect(entries.at(-1)!.diff).toMatchObject({ list: { after: 'todo' }, rows: { after: items.length } });
  });

  it('我的申请 with the list\'s filters, in English when asked', async () => {
    const app = await h.app();
    const res = await app.inject({ method: 'GET', url: '/api/applications/export?status=approved', headers: { ...c.employee.session.headers, 'accept-language': 'en-US' } });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await read(res.rawPayload);
    expect(rows[0]![0]).toBe('Number');
    const list = await api<{ total: number }>(h, c.employee, 'GET', '/api/applications?status=approved&pageSize=1');
    expect(rows).toHaveLength(list.body.total + 1);
    expect(rows.slice(1).every((r) => r[3] === 'approved')).toBe(true);
    const zh = await read((await inject(c.employee, 'GET', '/api/applications/export?status=running')).rawPayload);
    expect(zh.rows[0]![3]).toBe('状态');
    expect(zh.rows.slice(1).every((r) => r[3] === '审批中')).toBe(true);
  });
});
