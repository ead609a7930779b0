/** Organisation API: departments, users, positions and roles. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Department, ErrorBody, Position, Role, User } from '@henji/contracts';
import { makeDepartment, makeUser, unique, type Session, type TestHenji } from '../harness.ts';
import { traceOf } from './http.ts';
import { deptCode, fieldsOf, personMaker, requester, useOrgHenji } from './org-context.ts';

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

describe('departments', () => {
  it('form a tree; a cycle is a field error on parentId and a duplicate code one on code; nothing is written for either', async () => {
    const [root, child, grand] = [deptCode(), deptCode(), deptCode()];
    const r = await call('POST', '/api/departments', admin, { code: root, name: '总部' });
    expect(r.statusCode).toBe(201);
    const rootDept = r.json<Department>();
    expect(rootDept).toMatchObject({ code: root, parentId: null, memberCount: 0, active: true, allowedActions: ['update'] });
    const c = (await call('POST', '/api/departments', admin, { code: child, name: '分部', parentId: rootDept.id })).json<Department>();
    expect(c.parentId).toBe(rootDept.id);
    const g = (await call('POST', '/api/departments', admin, { code: grand, name: '小组', parentId: c.id })).json<Department>();
    expect(g.parentId).toBe(c.id);

    for (const parentId of [g.id, rootDept.id]) {
      const res = await call('PATCH', `/api/departments/${rootDept.id}`, admin, { parentId });
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorBody>().code).toBe('validation_failed');
      expect(Object.keys(fieldsOf(res.json<ErrorBody>()))).toEqual(['parentId']);
    }
    const missingParent = await call('POST', '/api/departments', admin, { code: deptCode(), name: '孤儿', parentId: randomUUID() });
    expect(fieldsOf(missingParent.json<ErrorBody>())).toHaveProperty('parentId');

    const duplicate = await call('POST', '/api/departments', admin, { code: child, name: '重复' });
    expect(duplicate.statusCode).toBe(400);
    expect(fieldsOf(duplicate.json<ErrorBody>()).code?.[0]).toContain(child);
    const renamedToDuplicate = await call('PATCH', `/api/departments/${g.id}`, admin, { code: child });
    expect(Object.keys(fieldsOf(renamedToDuplicate.json<ErrorBody>()))).toEqual(['code']);
    const badFormat = await call('POST', '/api/departments', admin, { code: 'hr', name: '小写' });
    expect(badFormat.statusCode).toBe(400);
    expect(fieldsOf(badFormat.json<ErrorBody>())).toHaveProperty('code');

    const list = (await call('GET', '/api/departments', admin)).json<{ items: Department[] }>().items;
    const ours = list.filter((d) => [root, child, grand].includes(d.code));
    expect(ours.map((d) => [d.code, d.parentId])).toEqual(expect.arrayContaining([[root, null], [child, rootDept.id], [grand, c.id]]));
    expect(ours).toHaveLength(3);
    const trace = await traceOf(h, admin.headers, 'department', rootDept.id);
    expect(trace.map((e) => e.action)).toEqual(['department.create']);
  });

  it('an update is traced with a before/after diff; an update that changes nothing is not', async () => {
    const dept = (await call('POST', '/api/departments', admin, { code: deptCode(), name: '旧名' })).json<Department>();
    const res = await call('PATCH', `/api/departments/${dept.id}`, admin, { name: '新名', sortOrder: 5 });
    expect(res.statusCode).toBe(200);
    expect(res.json<Department>()).toMatchObject({ name: '新名', sortOrder: 5 });
    const same = await call('PATCH', `/api/departments/${dept.id}`, admin, { name: '新名' });
    expect(same.statusCode).toBe(200);

    const trace = await traceOf(h, admin.headers, 'department', dept.id);
    expect(trace.map((e) => e.action)).toEqual(['department.create', 'department.update']);
    expect(trace[1]).toMatchObject({
      actorId: admin.userId,
      actorName: '系统管理员',
      onBehalfOfId: null,
      requestId: res.headers['x-request-id'],
      diff: { name: { before: '旧名', after: '新名' }, sortOrder: { before: 0, after: 5 } },
    });
    expect(Object.keys(trace[1]!.diff).sort()).toEqual(['name', 'sortOrder']);
  });

  it('list entries carry memberCount and allowedActions: update for an admin, none for an employee, who may not change them', async () => {
    const dept = await makeDepartment(h);
    const members = [await makeUser(h, { departmentId: dept.id }), await makeUser(h, { departmentId: dept.id }), await makeUser(h, { departmentId: dept.id })];
    const disabled = await call('PATCH', `/api/users/${members[2]!.row.id}`, admin, { status: 'disabled' });
    expect(disabled.json<User>().status).toBe('disabled');
    const employee = await person({ departmentId: dept.id });

    const asAdmin = (await call('GET', '/api/departments', admin)).json<{ items: Department[] }>().items.find((d) => d.id === dept.id);
    expect(asAdmin).toMatchObject({ memberCount: 3, allowedActions: ['update'] });
    const asEmployee = (await call('GET', '/api/departments', employee.session)).json<{ items: Department[] }>().items.find((d) => d.id === dept.id);
    expect(asEmployee).toMatchObject({ memberCount: 3, allowedActions: [] });
    expect((await call('GET', `/api/departments/${dept.id}`, employee.session)).json<Department>().allowedActions).toEqual([]);

    const create = await call('POST', '/api/departments', employee.session, { code: deptCode(), name: '越权' });
    expect(create.statusCode).toBe(403);
    expect(create.json<ErrorBody>().code).toBe('forbidden');
    const update = await call('PATCH', `/api/departments/${dept.id}`, employee.session, { name: '越权' });
    expect(update.statusCode).toBe(403);
    expect((await call('GET', `/api/departments/${randomUUID()}`, employee.session)).statusCode).toBe(404);
  });
});

describe('users', () => {
  it('are created and listed with pagination, sorting, search and filters', async () => {
    const dept = await makeDepartment(h);
    const tag = unique('ls');
    const made: User[] = [];
    for (const [i, fields] of [
      { departmentId: dept.id, roles: ['finance'] },
      { departmentId: dept.id, email: `${tag}-mail@example.com` },
      { displayName: `检索${tag}` },
      {},
      {},
    ].entries()) {
      const res = await call('POST', '/api/users', admin, { username: `${tag}${i}`, displayName: `用户${i}`, password: 'initial-password-1', ...fields });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.body).not.toMatch(/scrypt|passwordHash|initial-password-1/);
      made.push(res.json<User>());
    }
    expect(made[0]).toMatchObject({ departmentId: dept.id, roles: ['finance'], status: 'active', allowedActions: expect.arrayContaining(['update']) });

    const page = async (query: string) => (await call('GET', `/api/users?${query}`, admin)).json<{ items: User[]; total: number; page: number; pageSize: number }>();
    const first = await page(`q=${tag}&pageSize=2`);
    expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(first.items.map((u) => u.username)).toEqual([`${tag}0`, `${tag}1`]);
    expect((await page(`q=${tag}&pageSize=2&page=3`)).items.map((u) => u.username)).toEqual([`${tag}4`]);
    expect((await page(`q=${tag}&sort=username&order=desc`)).items.map((u) => u.username)).toEqual([4, 3, 2, 1, 0].map((i) => `${tag}${i}`));
    expect((await page(`q=${encodeURIComponent(`检索${tag}`)}`)).items.map((u) => u.id)).toEqual([made[2]!.id]);
    expect((await page(`q=${tag}-mail`)).items.map((u) => u.id)).toEqual([made[1]!.id]);
    expect((await page(`departmentId=${dept.id}`)).items.map((u) => u.id).sort()).toEqual([made[0]!.id, made[1]!.id].sort());
    expect((await page(`q=${tag}&role=finance`)).items.map((u) => u.id)).toEqual([made[0]!.id]);

    await call('PATCH', `/api/users/${made[3]!.id}`, admin, { status: 'left' });
    expect((await page(`q=${tag}&status=left`)).items.map((u) => u.id)).toEqual([made[3]!.id]);
    expect((await page(`q=${tag}&status=active`)).total).toBe(4);

    const badSort = await call('GET', '/api/users?sort=password', admin);
    expect(badSort.statusCode).toBe(400);
    const duplicate = await call('POST', '/api/users', admin, { username: `${tag}0`, displayName: '重名' });
    expect(duplicate.statusCode).toBe(400);
    expect(fieldsOf(duplicate.json<ErrorBody>())).toHaveProperty('username');

    const employee = await person();
    const denied = await call('POST', '/api/users', employee.session, { username: `${tag}x`, displayName: '越权' });
    expect(denied.statusCode).toBe(403);
    expect((await page(`q=${tag}x`)).total).toBe(0);
  });

  it('reject a reporting-line cycle with a field error on managerId', async () => {
    const top = await makeUser(h);
    const middle = await makeUser(h, { managerId: top.row.id });
    const bottom = await makeUser(h, { managerId: middle.row.id });
    for (const managerId of [bottom.row.id, top.row.id, randomUUID()]) {
      const res = await call('PATCH', `/api/users/${top.row.id}`, admin, { managerId });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(fieldsOf(res.json<ErrorBody>()))).toEqual(['managerId']);
    }
    expect((await call('GET', `/api/users/${top.row.id}`, admin)).json<User>().managerId).toBeNull();
    const fine = await call('PATCH', `/api/users/${bottom.row.id}`, admin, { managerId: top.row.id });
    expect(fine.json<User>().managerId).toBe(top.row.id);
  });

  it('trace role assignments as a before/after diff', async () => {
    const target = await makeUser(h, { roles: ['hr'] });
    const res = await call('PATCH', `/api/users/${target.row.id}`, admin, { roles: ['hr', 'finance'], displayName: '新名字' });
    expect(res.statusCode).toBe(200);
    expect(res.json<User>().roles).toEqual(['finance', 'hr']);
    expect((await call('PATCH', `/api/users/${target.row.id}`, admin, { roles: ['finance', 'hr', 'hr'] })).statusCode).toBe(200);
    const unknownRole = await call('PATCH', `/api/users/${target.row.id}`, admin, { roles: ['no_such_role'] });
    expect(unknownRole.statusCode).toBe(400);
    expect(fieldsOf(unknownRole.json<ErrorBody>())).toHaveProperty('roles');

    const trace = await traceOf(h, admin.headers, 'user', target.row.id);
    expect(trace.map((e) => e.action)).toEqual(['user.create', 'user.update']);
    expect(trace[1]!.diff).toEqual({
      displayName: { before: '测试用户', after: '新名字' },
      roles: { before: ['hr'], after: ['finance', 'hr'] },
    });
  });
});

describe('positions and roles', () => {
  it('are created and updated by org managers, traced; employees see them without actions', async () => {
    const code = unique('pos_');
    const created = await call('POST', '/api/positions', admin, { code, name: '助理', rank: 50 });
    expect(created.statusCode).toBe(201);
    const pos = created.json<Position>();
    expect(pos).toMatchObject({ code, name: '助理', rank: 50, builtin: false, allowedActions: ['update'] });
    const dup = await call('POST', '/api/positions', admin, { code, name: '重复', rank: 1 });
    expect(Object.keys(fieldsOf(dup.json<ErrorBody>()))).toEqual(['code']);
    const updated = await call('PATCH', `/api/positions/${pos.id}`, admin, { name: '高级助理', rank: 60 });
    expect(updated.json<Position>()).toMatchObject({ id: pos.id, name: '高级助理', rank: 60 });
    expect((await traceOf(h, admin.headers, 'position', pos.id)).map((e) => [e.action, e.diff])).toEqual([
      ['position.create', { code: { after: code }, name: { after: '助理' }, rank: { after: 50 }, builtin: { after: false } }],
      ['position.update', { name: { before: '助理', after: '高级助理' }, rank: { before: 50, after: 60 } }],
    ]);

    const roleCode = unique('role_');
    const role = (await call('POST', '/api/roles', admin, { code: roleCode, name: '质检' })).json<Role>();
    expect(role).toMatchObject({ code: roleCode, description: '', builtin: false, memberCount: 0, allowedActions: ['update'] });
    const renamed = await call('PATCH', `/api/roles/${role.id}`, admin, { description: '质量检查' });
    expect(renamed.json<Role>().description).toBe('质量检查');
    await makeUser(h, { roles: [roleCode] });
    const listed = (await call('GET', '/api/roles', admin)).json<{ items: Role[] }>().items.find((r) => r.id === role.id);
    expect(listed?.memberCount).toBe(1);
    expect((await traceOf(h, admin.headers, 'role', role.id)).map((e) => e.action)).toEqual(['role.create', 'role.update']);

    const employee = await person();
    expect((await call('GET', '/api/roles', employee.session)).json<{ items: Role[] }>().items.every((r) => r.allowedActions.length === 0)).toBe(true);
    expect((await call('GET', '/api/positions', employee.session)).json<{ items: Position[] }>().items.every((p) => p.allowedActions.length === 0)).toBe(true);
    expect((await call('POST', '/api/roles', employee.session, { code: unique('role_'), name: '越权' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/positions/${pos.id}`, employee.session, { name: '越权' })).statusCode).toBe(403);
    expect((await call('PATCH', `/api/roles/${role.id}`, employee.session, { name: '越权' })).statusCode).toBe(403);
  });
});
