/** Organisation API: delegations (代理) and the user import. */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Delegation, ErrorBody, ImportReport, Me, Position, User } from '@henji/contracts';
import { makeDepartment, makeUser, signIn, unique, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, traceOf, XLSX_TYPE, type LedgerPage } from './http.ts';
import { day, fieldsOf, personMaker, requester, useOrgHenji } from './org-context.ts';

const ctx = useOrgHenji();
const call = requester(ctx);
const person = personMaker(ctx);
// Read through the context: they are set by the context's beforeAll.
let h: TestHenji;
let admin: Session;
beforeAll(() => {
  h = ctx.h;
  admin = ctx.admin;
});

describe('delegations (代理)', () => {
  /** A supervisor, their report (the principal), the report's delegate, and a stranger. */
  async function cast() {
    const supervisor = await person();
    const principal = await person({ managerId: supervisor.id });
    const delegate = await person();
    const stranger = await person();
    return { supervisor, principal, delegate, stranger };
  }
  const delegationOf = (principalId: string, delegateId: string, extra: object = {}) => ({
    principalId,
    delegateId,
    startsOn: day(),
    endsOn: day(7),
    reason: '出差',
    ...extra,
  });

  it('are set by the principal or their supervisor, not by a stranger; inputs are checked', async () => {
    const { supervisor, principal, delegate, stranger } = await cast();
    const own = await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, delegate.id));
    expect(own.statusCode).toBe(201);
    expect(own.json<Delegation>()).toMatchObject({ state: 'active', createdById: principal.id, scope: [], allowedActions: ['revoke'] });
    const bySupervisor = await call('POST', '/api/delegations', supervisor.session, delegationOf(principal.id, supervisor.id, { startsOn: day(1) }));
    expect(bySupervisor.statusCode).toBe(201);
    expect(bySupervisor.json<Delegation>()).toMatchObject({ state: 'scheduled', createdById: supervisor.id });

    const byStranger = await call('POST', '/api/delegations', stranger.session, delegationOf(principal.id, stranger.id));
    expect(byStranger.statusCode).toBe(403);
    expect(byStranger.json<ErrorBody>().code).toBe('forbidden');
    const overlap = await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, delegate.id, { startsOn: day(3), endsOn: day(9) }));
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json<ErrorBody>()).toMatchObject({ code: 'conflict', details: { delegationId: own.json<Delegation>().id } });
    const backwards = await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, stranger.id, { startsOn: day(5), endsOn: day(1) }));
    expect(fieldsOf(backwards.json<ErrorBody>())).toHaveProperty('endsOn');
    const toSelf = await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, principal.id));
    expect(fieldsOf(toSelf.json<ErrorBody>())).toHaveProperty('delegateId');
  });

  it('are visible only to the principal, the delegate, the principal\'s manager and admins (404 otherwise)', async () => {
    const { supervisor, principal, delegate, stranger } = await cast();
    const created = (await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, delegate.id))).json<Delegation>();
    const traceUrl = `/api/ledger/entries?subjectType=delegation&subjectId=${created.id}`;
    for (const viewer of [principal.session, delegate.session, supervisor.session, admin]) {
      const listed = (await call('GET', '/api/delegations', viewer)).json<{ items: Delegation[] }>().items;
      expect(listed.map((d) => d.id)).toContain(created.id);
      const trace = await call('GET', traceUrl, viewer);
      expect(trace.statusCode).toBe(200);
      expect(trace.json<LedgerPage>().items.map((e) => e.action)).toEqual(['delegation.create']);
    }
    expect((await call('GET', '/api/delegations', delegate.session)).json<{ items: Delegation[] }>().items.find((d) => d.id === created.id)?.allowedActions).toEqual([]);

    expect((await call('GET', '/api/delegations', stranger.session)).json<{ items: Delegation[] }>().items.map((d) => d.id)).not.toContain(created.id);
    const hiddenTrace = await call('GET', traceUrl, stranger.session);
    expect(hiddenTrace.statusCode).toBe(404);
    expect(hiddenTrace.json<ErrorBody>().code).toBe('not_found');
    const hiddenRevoke = await call('POST', `/api/delegations/${created.id}/revoke`, stranger.session, {});
    expect(hiddenRevoke.statusCode).toBe(404);
    const delegateRevoke = await call('POST', `/api/delegations/${created.id}/revoke`, delegate.session, {});
    expect(delegateRevoke.statusCode).toBe(403);

    const revoked = await call('POST', `/api/delegations/${created.id}/revoke`, supervisor.session, { reason: '已返岗' });
    expect(revoked.statusCode).toBe(204);
    const trace = await traceOf(h, principal.session.headers, 'delegation', created.id);
    expect(trace.map((e) => [e.action, e.actorId, e.comment])).toEqual([
      ['delegation.create', principal.id, null],
      ['delegation.revoke', supervisor.id, '已返岗'],
    ]);
  });

  it('let the delegate act for the principal with x-henji-on-behalf-of; the trace names both', async () => {
    const { principal, delegate, stranger } = await cast();
    const colleague = await person();
    const created = (await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, delegate.id))).json<Delegation>();
    const me = (await call('GET', '/api/me', delegate.session)).json<Me>();
    expect(me.actingFor).toEqual([{ id: principal.id, displayName: '测试用户' }]);

    const onBehalf = { 'x-henji-on-behalf-of': principal.id };
    const acted = await call('POST', '/api/delegations', delegate.session, delegationOf(principal.id, colleague.id, { reason: '代为安排' }), onBehalf);
    expect(acted.statusCode, acted.body).toBe(201);
    const entries = await call('GET', `/api/ledger/entries?subjectType=delegation&subjectId=${acted.json<Delegation>().id}`, admin);
    expect(entries.json<LedgerPage>().items).toEqual([
      expect.objectContaining({
        action: 'delegation.create',
        actorId: delegate.id,
        actorName: '测试用户',
        onBehalfOfId: principal.id,
        onBehalfOfName: '测试用户',
        requestId: acted.headers['x-request-id'],
      }),
    ]);
    // The acting delegate's own trace lists what they did for others too.
    const mine = (await call('GET', '/api/ledger/entries', delegate.session)).json<LedgerPage>().items;
    expect(mine.map((e) => e.id)).toContain(entries.json<LedgerPage>().items[0]!.id);

    const notDelegated = await call('POST', '/api/delegations', stranger.session, delegationOf(principal.id, stranger.id), onBehalf);
    expect(notDelegated.statusCode).toBe(403);
    expect(notDelegated.json<ErrorBody>().code).toBe('forbidden');
    expect((await call('GET', '/api/me', stranger.session, undefined, { 'x-henji-on-behalf-of': 'not-a-uuid' })).statusCode).toBe(403);

    // Acting for someone does not let the delegate mint a credential of theirs that outlives the delegation.
    const token = await call('POST', '/api/me/tokens', delegate.session, { name: '代理令牌' }, onBehalf);
    expect(token.statusCode).toBe(403);
    expect((await call('GET', '/api/me/tokens', principal.session)).json<{ items: unknown[] }>().items).toEqual([]);

    expect((await call('POST', `/api/delegations/${created.id}/revoke`, principal.session, {})).statusCode).toBe(204);
    const afterRevoke = await call('GET', '/api/me', delegate.session, undefined, onBehalf);
    expect(afterRevoke.statusCode).toBe(403);
  });

  it('with a limited scope do not let the delegate act for the principal in general', async () => {
    const { principal, delegate } = await cast();
    const scoped = await call('POST', '/api/delegations', principal.session, delegationOf(principal.id, delegate.id, { scope: ['purchase'] }));
    expect(scoped.json<Delegation>().scope).toEqual(['purchase']);
    const res = await call('GET', '/api/me', delegate.session, undefined, { 'x-henji-on-behalf-of': principal.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('user import', () => {
  const HEADERS = ['用户名', '姓名', '邮箱', '部门编码', '岗位', '上级', '角色', '初始密码'];

  async function xlsx(rows: (string | null)[][]): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('用户');
    sheet.addRow(HEADERS);
    for (const row of rows) sheet.addRow(row);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  async function upload(fileName: string, bytes: Buffer, type: string, dryRun: boolean, session: Session = admin) {
    const { payload, contentType } = await multipartFile(fileName, bytes, type);
    const app = await h.app();
    return app.inject({
      method: 'POST',
      url: `/api/users/import?dryRun=${dryRun}`,
      headers: { ...session.headers, 'content-type': contentType },
      payload,
    });
  }

  async function userCount(): Promise<number> {
    return (await call('GET', '/api/users?pageSize=1', admin)).json<{ total: number }>().total;
  }
  async function importEntries(): Promise<LedgerPage['items']> {
    return (await call('GET', '/api/ledger/entries?action=user.import', admin)).json<LedgerPage>().items;
  }

  it('reports every bad row of a dry run and writes nothing; a real run of the same file writes nothing either', async () => {
    const dept = await makeDepartment(h);
    const boss = await makeUser(h);
    const name = unique('imp');
    const bytes = await xlsx([
      [`${name}a`, '张一', `${name}a@example.com`, dept.code, '专员', boss.row.username, 'hr', null],
      [`${name}b`, '张二', null, 'NOPE', null, null, null, null],
      [`${name}c`, '张三', 'not-an-email', dept.code, null, null, null, null],
      [`${name}a`, '张一又', null, dept.code, null, null, null, null],
      [`${name}d`, '张四', null, null, null, 'ghost-manager', null, null],
    ]);
    const countBefore = await userCount();
    const importsBefore = (await importEntries()).length;

    const dry = await upload('users.xlsx', bytes, XLSX_TYPE, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = dry.json<ImportReport>();
    expect(report).toMatchObject({ dryRun: true, totalRows: 5 });
    expect(report.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'departmentCode'],
      [4, 'email'],
      [5, 'username'],
      [6, 'managerUsername'],
    ]);
    expect(report.errors.find((e) => e.row === 6)!.message).toContain('ghost-manager');

    const real = await upload('users.xlsx', bytes, XLSX_TYPE, false);
    expect(real.json<ImportReport>()).toMatchObject({ dryRun: false, created: 0, updated: 0 });
    expect(real.json<ImportReport>().errors).toHaveLength(4);
    expect(await userCount()).toBe(countBefore);
    expect((await call('GET', `/api/users?q=${name}`, admin)).json<{ total: number }>().total).toBe(0);
    expect(await importEntries()).toHaveLength(importsBefore);
  });

  it('a clean file creates and updates users, resolves managers within the file, and traces the file hash as evidence', async () => {
    const dept = await makeDepartment(h);
    const existing = await makeUser(h);
    const name = unique('imp');
    const bytes = await xlsx([
      [`${name}r`, '下属', `${name}r@example.com`, dept.code.toLowerCase(), '专员', `${name}m`, null, 'import-password-1'],
      [`${name}m`, '经理', null, dept.code, '主管', null, 'hr, finance', null],
      [existing.row.username, '改过的名字', null, null, null, null, null, null],
    ]);
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const dry = await upload('users.xlsx', bytes, XLSX_TYPE, true);
    expect(dry.json<ImportReport>()).toEqual({ dryRun: true, totalRows: 3, created: 2, updated: 1, errors: [] });
    expect((await call('GET', `/api/users?q=${name}`, admin)).json<{ total: number }>().total).toBe(0);

    const res = await upload('users.xlsx', bytes, XLSX_TYPE, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportReport>()).toEqual({ dryRun: false, totalRows: 3, created: 2, updated: 1, errors: [] });

    const found = (await call('GET', `/api/users?q=${name}`, admin)).json<{ items: User[] }>().items;
    const manager = found.find((u) => u.username === `${name}m`)!;
    const report = found.find((u) => u.username === `${name}r`)!;
    expect(manager).toMatchObject({ departmentId: dept.id, roles: ['finance', 'hr'], managerId: null });
    expect(report).toMatchObject({ departmentId: dept.id, managerId: manager.id, email: `${name}r@example.com` });
    const positions = (await call('GET', '/api/positions', admin)).json<{ items: Position[] }>().items;
    expect(manager.positionId).toBe(positions.find((p) => p.code === 'supervisor')!.id);
    expect((await call('GET', `/api/users/${existing.row.id}`, admin)).json<User>().displayName).toBe('改过的名字');
    expect((await signIn(h, `${name}r`, 'import-password-1')).userId).toBe(report.id);

    const trace = await traceOf(h, admin.headers, 'user_import', sha256);
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({
      action: 'user.import',
      actorId: admin.userId,
      evidence: [{ name: 'users.xlsx', sha256 }],
      diff: { created: { after: 2 }, updated: { after: 1 } },
    });
    const reportTrace = await traceOf(h, admin.headers, 'user', report.id);
    expect(reportTrace.map((e) => e.action)).toEqual(['user.create', 'user.update', 'auth.login']);
    expect(reportTrace[1]!.diff).toEqual({ managerId: { before: null, after: manager.id } });
    expect(reportTrace[0]!.requestId).toBe(res.headers['x-request-id']);
    expect(reportTrace[0]!.payload).not.toContain('import-password-1');

    const employee = await person();
    const hidden = await call('GET', `/api/ledger/entries?subjectType=user_import&subjectId=${sha256}`, employee.session);
    expect(hidden.statusCode).toBe(404);
  });

  it('reads csv files too', async () => {
    const dept = await makeDepartment(h);
    const name = unique('csv');
    const csv = (rows: string[]) => Buffer.from(`\uFEFFusername,name,email,department\n${rows.join('\n')}\n`, 'utf8');
    const bad = csv([`${name}a,王一,${name}a@example.com,${dept.code}`, `${name}b,王二,broken@,${dept.code}`]);
    const dry = await upload('users.csv', bad, 'text/csv', true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<ImportReport>().errors.map((e) => [e.row, e.field])).toEqual([[3, 'email']]);

    const good = csv([`${name}a,王一,${name}a@example.com,${dept.code}`, `${name}b,王二,,`]);
    const res = await upload('users.csv', good, 'text/csv', false);
    expect(res.json<ImportReport>()).toMatchObject({ created: 2, updated: 0, errors: [] });
    const found = (await call('GET', `/api/users?q=${name}&sort=username`, admin)).json<{ items: User[] }>().items;
    expect(found.map((u) => [u.username, u.displayName, u.departmentId])).toEqual([
      [`${name}a`, '王一', dept.id],
      [`${name}b`, '王二', null],
    ]);
    const sha256 = createHash('sha256').update(good).digest('hex');
    expect((await traceOf(h, admin.headers, 'user_import', sha256))[0]!.evidence).toEqual([{ name: 'users.csv', sha256 }]);
  });

  it('refuses other files, non-managers and non-multipart requests', async () => {
    const notSheet = await upload('users.txt', Buffer.from('hello'), 'text/plain', true);
    expect(notSheet.statusCode).toBe(400);
    expect(fieldsOf(notSheet.json<ErrorBody>())).toHaveProperty('file');
    const noHeaders = await upload('users.csv', Buffer.from('a,b\n1,2\n'), 'text/csv', true);
    expect(fieldsOf(noHeaders.json<ErrorBody>())).toHaveProperty('file');
    const employee = await person();
    const denied = await upload('users.xlsx', await xlsx([[unique('imp'), '越权', null, null, null, null, null, null]]), XLSX_TYPE, false, employee.session);
    expect(denied.statusCode).toBe(403);
    const json = await call('POST', '/api/users/import?dryRun=true', admin, { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(fieldsOf(json.json<ErrorBody>())).toHaveProperty('file');
  });

  it('serves an xlsx template with the expected headers', async () => {
    const employee = await person();
    const res = await call('GET', '/api/users/import/template', employee.session);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = workbook.worksheets[0]!.getRow(1).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(['用户名', '姓名', '部门编码', '上级', '角色']));
    expect((await call('GET', '/api/users/import/template', null)).statusCode).toBe(401);
  });
});
