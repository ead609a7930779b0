/**
 * For every registered command, how to run it with valid input (built with the factories) and which subjects it must
 * trace. commands-traced.test.ts walks them; a command missing here fails that test.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { seedDemoCompany } from '../../src/cli/seed.ts';
import { DEMO_DEPARTMENTS, DEMO_PEOPLE } from '../../src/cli/demo-company.ts';
import { systemActor } from '../../src/kernel/actor.ts';
import { changeOwnPassword, createApiToken, login, logout, revokeApiToken } from '../../src/kernel/auth/commands.ts';
import { sessions } from '../../src/kernel/auth/schema.ts';
import { execute } from '../../src/kernel/command.ts';
import { bootstrap } from '../../src/kernel/org/bootstrap.ts';
import { createDepartment } from '../../src/kernel/org/commands/create-department.ts';
import { createUser } from '../../src/kernel/org/commands/create-user.ts';
import { createDelegation, revokeDelegation } from '../../src/kernel/org/commands/delegations.ts';
import { importUsers } from '../../src/kernel/org/commands/import-users.ts';
import { createPosition, createRole, updatePosition, updateRole } from '../../src/kernel/org/commands/positions-and-roles.ts';
import { resetUserPassword } from '../../src/kernel/org/commands/reset-user-password.ts';
import { unlockUser } from '../../src/kernel/org/commands/unlock-user.ts';
import { updateDepartment } from '../../src/kernel/org/commands/update-department.ts';
import { updateUser } from '../../src/kernel/org/commands/update-user.ts';
import { users } from '../../src/kernel/org/schema.ts';
import { callerFor, makeDepartment, makeUser, systemCaller, unique, USER_PASSWORD, type TestHenji } from '../harness.ts';
import {
  admin,
  apiToken,
  delegation,
  department,
  deptCode,
  inDays,
  loginInput,
  plan,
  position,
  requestMeta,
  role,
  signInCaller,
  today,
  user,
  type Case,
} from './command-plan.ts';
import { WEBHOOK_CASES } from './command-cases-webhooks.ts';
import { FILE_CASES } from './command-cases-files.ts';
import { NOTIFY_CASES } from './command-cases-notify.ts';
import { CALENDAR_CASES } from './command-cases-calendar.ts';
import { APPLICATION_TYPE_CASES } from './command-cases-application-types.ts';
import { APPLICATION_CASES } from './command-cases-applications.ts';
import { TASK_CASES } from './command-cases-tasks.ts';
import { COMFORT_CASES } from './command-cases-comfort.ts';
import { SETTINGS_CASES } from './command-cases-settings.ts';
import { PRINT_CASES } from './command-cases-print.ts';
import { SSO_CASES } from './command-cases-sso.ts';
import { ROOM_CASES } from './command-cases-rooms.ts';
import { MINUTES_CASES } from './command-cases-minutes.ts';
import { SIGN_IN_CASES } from './command-cases-sign-in.ts';
import { MEETING_CASES } from './command-cases-meetings.ts';

/** One entry per registered command: the paths to walk. A new command must be added here. */
export const CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'auth.login': async (h) => {
    const person = await makeUser(h);
    const other = await makeUser(h);
    return [
      plan('signs in', login, signInCaller(), loginInput(person.row.username, USER_PASSWORD), (o) => {
        expect(o.ok).toBe(true);
        return [user(person.row.id)];
      }),
      plan('a wrong password counts a failure', login, signInCaller(), loginInput(person.row.username, 'wrong-password'), (o) => {
        expect(o).toEqual({ ok: false, reason: 'bad_credentials' });
        return [user(person.row.id)];
      }),
      plan('the last allowed failure locks the account', login, signInCaller(), loginInput(other.row.username, 'wrong-password', 1), (o) => {
        expect(o.ok === false && o.reason).toBe('locked');
        return [user(other.row.id)];
      }),
      plan('an unknown user changes nothing', login, signInCaller(), loginInput(unique('nobody'), 'whatever-password'), (o) => {
        expect(o.ok).toBe(false);
        return [];
      }, { quiet: true }),
    ];
  },
  'auth.logout': async (h) => {
    const person = await makeUser(h);
    await execute(h.db, signInCaller(), login, loginInput(person.row.username, USER_PASSWORD));
    const [session] = await h.db.select().from(sessions).where(eq(sessions.userId, person.row.id));
    return [
      plan('revokes the session', logout, callerFor(person.actor), { sessionId: session!.id }, () => [user(person.row.id)]),
      plan('a second logout changes nothing', logout, callerFor(person.actor), { sessionId: session!.id }, () => [], { quiet: true }),
    ];
  },
  'auth.changeOwnPassword': async (h) => {
    const person = await makeUser(h);
    return [
      plan('changes the password', changeOwnPassword, callerFor(person.actor), {
        currentPassword: USER_PASSWORD,
        newPassword: 'a-new-password-for-walk',
        keepSessionId: null,
      }, () => [user(person.row.id)]),
    ];
  },
  'auth.createApiToken': async (h) => {
    const person = await makeUser(h);
    return [
      plan('creates a token', createApiToken, callerFor(person.actor), { name: 'walker', expiresInDays: 30 }, (r) => [apiToken(r.token.id)]),
    ];
  },
  'auth.revokeApiToken': async (h) => {
    const person = await makeUser(h);
    const { token } = await execute(h.db, callerFor(person.actor), createApiToken, { name: 'to revoke' });
    return [
      plan('revokes a token', revokeApiToken, callerFor(person.actor), { id: token.id }, () => [apiToken(token.id)]),
      plan('revoking again changes nothing', revokeApiToken, callerFor(person.actor), { id: token.id }, () => [], { quiet: true }),
    ];
  },
  'cli.seedDemoCompany': async () => [
    plan('loads the demo company', seedDemoCompany, { actor: systemActor('cli:seed'), meta: requestMeta() }, { password: 'demo-password-walk' }, (r) => {
      expect(r).toEqual({ departments: DEMO_DEPARTMENTS.length, usersCreated: DEMO_PEOPLE.length });
      return [];
    }),
    plan('a second run changes nothing', seedDemoCompany, { actor: systemActor('cli:seed'), meta: requestMeta() }, { password: 'demo-password-walk' }, (r) => {
      expect(r.usersCreated).toBe(0);
      return [];
    }, { quiet: true }),
  ],
  'org.bootstrap': async (h) => {
    // A database whose administrator account has gone: bootstrap creates it again, traced.
    await h.db.update(users).set({ username: unique('former-admin') }).where(eq(users.username, 'admin'));
    return [
      plan('recreates the administrator', bootstrap, systemCaller, { adminPassword: 'bootstrap-password-walk' }, (r) => {
        expect(r.adminCreated).toBe(true);
        return [];
      }),
      plan('a second run changes nothing', bootstrap, systemCaller, { adminPassword: 'bootstrap-password-walk' }, (r) => {
        expect(r.adminCreated).toBe(false);
        return [];
      }, { quiet: true }),
    ];
  },
  'org.createDepartment': async (h) => {
    const parent = await makeDepartment(h);
    return [
      plan('creates a department', createDepartment, callerFor(await admin(h)), { code: deptCode(), name: '新部门', parentId: parent.id }, (r) => [department(r.id)]),
    ];
  },
  'org.updateDepartment': async (h) => {
    const dept = await makeDepartment(h);
    const parent = await makeDepartment(h);
    const head = await makeUser(h, { departmentId: dept.id });
    const caller = callerFor(await admin(h));
    return [
      plan('renames and moves it', updateDepartment, caller, {
        id: dept.id,
        changes: { name: '改名部门', parentId: parent.id, headUserId: head.row.id },
      }, () => [department(dept.id)]),
      plan('an update that changes nothing is not traced', updateDepartment, caller, { id: dept.id, changes: { name: '改名部门' } }, () => [], { quiet: true }),
    ];
  },
  'org.createUser': async (h) => {
    const dept = await makeDepartment(h);
    const manager = await makeUser(h);
    return [
      plan('creates a user with roles', createUser, callerFor(await admin(h)), {
        username: unique('walk'),
        displayName: '新员工',
        email: 'new@example.com',
        departmentId: dept.id,
        managerId: manager.row.id,
        roles: ['hr', 'finance'],
        password: 'initial-password-walk',
      }, (r) => [user(r.id)]),
    ];
  },
  'org.updateUser': async (h) => {
    const person = await makeUser(h, { roles: ['hr'] });
    const manager = await makeUser(h);
    return [
      plan('changes fields and roles', updateUser, callerFor(await admin(h)), {
        id: person.row.id,
        changes: { displayName: '改名', managerId: manager.row.id, roles: ['finance', 'audit'] },
      }, () => [user(person.row.id)]),
    ];
  },
  'org.resetUserPassword': async (h) => {
    const person = await makeUser(h);
    return [
      plan('sets a new password', resetUserPassword, callerFor(await admin(h)), { id: person.row.id, password: 'reset-password-walk' }, () => [user(person.row.id)]),
    ];
  },
  'org.unlockUser': async (h) => {
    const person = await makeUser(h);
    const outcome = await execute(h.db, signInCaller(), login, loginInput(person.row.username, 'wrong-password', 1));
    expect(outcome.ok === false && outcome.reason).toBe('locked');
    return [plan('unlocks a locked user', unlockUser, callerFor(await admin(h)), { id: person.row.id }, () => [user(person.row.id)])];
  },
  'org.createDelegation': async (h) => {
    const supervisor = await makeUser(h);
    const employee = await makeUser(h, { managerId: supervisor.row.id });
    const colleague = await makeUser(h);
    const another = await makeUser(h);
    const range = { startsOn: today(), endsOn: inDays(7), scope: [], reason: '出差' };
    return [
      plan('an employee delegates for themself', createDelegation, callerFor(employee.actor), {
        principalId: employee.row.id,
        delegateId: colleague.row.id,
        ...range,
      }, (r) => [delegation(r.id)]),
      plan('a supervisor delegates for a report', createDelegation, callerFor(supervisor.actor), {
        principalId: employee.row.id,
        delegateId: supervisor.row.id,
        ...range,
      }, (r) => [delegation(r.id)]),
      plan('a delegate acting for the principal', createDelegation, {
        actor: employee.actor,
        delegate: colleague.actor,
        meta: requestMeta(),
      }, { principalId: employee.row.id, delegateId: another.row.id, ...range }, (r) => [delegation(r.id)]),
    ];
  },
  'org.revokeDelegation': async (h) => {
    const principal = await makeUser(h);
    const delegate = await makeUser(h);
    const row = await execute(h.db, callerFor(principal.actor), createDelegation, {
      principalId: principal.row.id,
      delegateId: delegate.row.id,
      startsOn: today(),
      endsOn: inDays(3),
      scope: [],
      reason: '休假',
    });
    return [plan('revokes it', revokeDelegation, callerFor(principal.actor), { id: row.id, reason: '提前返回' }, () => [delegation(row.id)])];
  },
  'org.importUsers': async (h) => {
    const dept = await makeDepartment(h);
    const existing = await makeUser(h);
    const manager = unique('mgr');
    const report = unique('rep');
    const rows = [
      { row: 2, values: { username: report, displayName: '下属', departmentCode: dept.code, managerUsername: manager, password: 'import-password-1' } },
      { row: 3, values: { username: manager, displayName: '经理', departmentCode: dept.code, roles: 'hr' } },
      { row: 4, values: { username: existing.row.username, displayName: '已有用户改名', email: 'existing@example.com' } },
    ];
    const bad = [{ row: 2, values: { username: unique('bad'), displayName: '错误', departmentCode: 'NOSUCHDEPT' } }];
    const sha = randomBytes(32).toString('hex');
    const caller = callerFor(await admin(h));
    return [
      plan('a dry run writes nothing', importUsers, caller, { fileName: 'users.xlsx', fileSha256: sha, rows, dryRun: true }, (r) => {
        expect(r).toMatchObject({ created: 2, updated: 1, errors: [] });
        return [];
      }, { quiet: true }),
      plan('a file with errors writes nothing', importUsers, caller, { fileName: 'bad.xlsx', fileSha256: sha, rows: bad, dryRun: false }, (r) => {
        expect(r.errors).toHaveLength(1);
        return [];
      }, { quiet: true }),
      plan('imports a clean file', importUsers, caller, { fileName: 'users.xlsx', fileSha256: sha, rows, dryRun: false }, (r) => {
        expect(r).toMatchObject({ created: 2, updated: 1, errors: [] });
        return [{ type: 'user_import', id: sha }];
      }),
    ];
  },
  'org.createPosition': async (h) => [
    plan('creates a position', createPosition, callerFor(await admin(h)), { code: unique('pos_'), name: '助理', rank: 50 }, (r) => [position(r.id)]),
  ],
  'org.updatePosition': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createPosition, { code: unique('pos_'), name: '助理', rank: 50 });
    return [plan('renames a position', updatePosition, caller, { id: row.id, changes: { name: '高级助理', rank: 60 } }, () => [position(row.id)])];
  },
  'org.createRole': async (h) => [
    plan('creates a role', createRole, callerFor(await admin(h)), { code: unique('role_'), name: '质检', description: '质量检查' }, (r) => [role(r.id)]),
  ],
  'org.updateRole': async (h) => {
    const caller = callerFor(await admin(h));
    const row = await execute(h.db, caller, createRole, { code: unique('role_'), name: '质检', description: '' });
    return [plan('renames a role', updateRole, caller, { id: row.id, changes: { name: '质量检查', description: '抽检' } }, () => [role(row.id)])];
  },
  ...WEBHOOK_CASES,
  ...FILE_CASES,
  ...NOTIFY_CASES,
  ...CALENDAR_CASES,
  ...APPLICATION_TYPE_CASES,
  ...APPLICATION_CASES,
  ...TASK_CASES,
  ...COMFORT_CASES,
  ...SETTINGS_CASES,
  ...PRINT_CASES,
  ...SSO_CASES,
  ...ROOM_CASES,
  ...MINUTES_CASES,
  ...SIGN_IN_CASES,
  ...MEETING_CASES,
};
