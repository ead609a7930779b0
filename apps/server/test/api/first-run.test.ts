/**
 * First run (issue 9, item 4): a password someone else set or Henji generated must be replaced before anything else
 * (403 password_change_required from the auth hook), and the company's name and logo as a traced system setting.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompanySettings, ErrorBody, FileMeta, Me, User } from '@henji/contracts';
import { execute } from '../../src/kernel/command.ts';
import { resetUserPassword } from '../../src/kernel/org/commands/reset-user-password.ts';
import { users } from '../../src/kernel/org/schema.ts';
import { companyName } from '../../src/kernel/settings/index.ts';
import { makeUser, signIn, signInAdmin, startHenji, systemCaller, unique, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, traceOf } from './http.ts';

let h: TestHenji;
let admin: Session;
beforeAll(async () => {
  h = await startHenji({ login: { maxFailures: 50, lockMinutes: 15, ratePerMinute: 10_000 } });
  admin = await signInAdmin(h);
});
afterAll(async () => h?.close());

const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) =>
  (await h.app()).inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

const flagOf = async (id: string) => (await h.db.select({ f: users.mustChangePassword }).from(users).where(eq(users.id, id)))[0]!.f;

/** An administrator creates a person with a password they typed, through the API. */
async function createdByAdmin(password = 'typed-by-the-admin-1') {
  const res = await inject('POST', '/api/users', admin.headers, { username: unique('new'), displayName: '新同事', password });
  expect(res.statusCode, res.body).toBe(201);
  return { user: res.json<User>(), password };
}

describe('a password someone else set must be changed first', () => {
  it('HENJI_ADMIN_PASSWORD is the operator\'s own choice: the administrator is not held back', async () => {
    const me = await inject('GET', '/api/me', admin.headers);
    expect(me.json<Me>().mustChangePassword).toBe(false);
    expect((await inject('GET', '/api/departments', admin.headers)).statusCode).toBe(200);
  });

  it('a generated first administrator password is flagged', async () => {
    const fresh = await startHenji({ adminPassword: undefined });
    try {
      const [adminRow] = await fresh.db.select().from(users).where(eq(users.username, 'admin'));
      expect(adminRow!.mustChangePassword).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('a user an administrator created may only read Me, change the password and sign out until they do', async () => {
    const { user, password } = await createdByAdmin();
    expect(await flagOf(user.id)).toBe(true);
    // The administrator sees who has not set their own password yet.
    expect(user.mustChangePassword).toBe(true);
    const session = await signIn(h, user.username, password);

    const me = await inject('GET', '/api/me', session.headers);
    expect(me.statusCode).toBe(200);
    expect(me.json<Me>().mustChangePassword).toBe(true);

    for (const [method, url] of [['GET', '/api/departments'], ['GET', '/api/inbox'], ['GET', '/api/home'], ['GET', '/api/ledger/entries']] as const) {
      const res = await inject(method, url, session.headers);
      expect(res.statusCode, url).toBe(403);
      expect(res.json<ErrorBody>().code).toBe('password_change_required');
    }
    const post = await inject('POST', '/api/me/tokens', session.headers, { name: 'x' });
    expect(post.statusCode).toBe(403);
    expect(post.json<ErrorBody>()).toMatchObject({ code: 'password_change_required', message: '您的密码由他人设置或系统生成，请先设置新密码' });
    // Public routes stay public.
    expect((await inject('GET', '/api/health', session.headers)).statusCode).toBe(200);
    expect((await inject('GET', '/api/settings/company', session.headers)).statusCode).toBe(200);

    // The same password again is refused with a field message; nothing changes.
    const same = await inject('POST', '/api/me/password', session.headers, { currentPassword: password, newPassword: password });
    expect(same.statusCode).toBe(400);
    expect((same.json<ErrorBody>().details?.fields as Record<string, string[]>).newPassword).toEqual(['新密码不能与当前密码相同']);
    expect(await flagOf(user.id)).toBe(true);
    const wrong = await inject('POST', '/api/me/password', session.headers, { currentPassword: 'not-it-at-all', newPassword: 'my-own-password-1' });
    expect(wrong.statusCode).toBe(400);
    expect(await flagOf(user.id)).toBe(true);

    const changed = await inject('POST', '/api/me/password', session.headers, { currentPassword: password, newPassword: 'my-own-password-1' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(await flagOf(user.id)).toBe(false);
    expect((await inject('GET', '/api/me', session.headers)).json<Me>().mustChangePassword).toBe(false);
    expect((await inject('GET', '/api/departments', session.headers)).statusCode).toBe(200);
    expect((await inject('GET', `/api/users/${user.id}`, admin.headers)).json<User>().mustChangePassword).toBe(false);

    const trace = await traceOf(h, admin.headers, 'user', user.id);
    expect(trace[0]!.action).toBe('user.create');
    expect(trace[0]!.diff.mustChangePassword).toEqual({ after: true });
    const change = trace.find((e) => e.action === 'user.password_change')!;
    expect(change.actorId).toBe(user.id);
    expect(change.diff.mustChangePassword).toEqual({ before: true, after: false });
  });

  it('sign-out works while the change is pending', async () => {
    const { user, password } = await createdByAdmin();
    const session = await signIn(h, user.username, password);
    expect((await inject('POST', '/api/auth/logout', session.headers)).statusCode).toBe(204);
    expect((await inject('GET', '/api/departments', session.headers)).statusCode).toBe(401);
  });

  it('an administrator\'s 重置密码 flags the user again; a CLI reset with --own-password does not', async () => {
    const person = await makeUser(h);
    expect(await flagOf(person.row.id)).toBe(false);
    const reset = await inject('POST', `/api/users/${person.row.id}/password`, admin.headers, { password: 'reset-by-the-admin-1' });
    expect(reset.statusCode, reset.body).toBe(204);
    expect(await flagOf(person.row.id)).toBe(true);
    const session = await signIn(h, person.row.username, 'reset-by-the-admin-1');
    expect((await inject('GET', '/api/tasks', session.headers)).json<ErrorBody>().code).toBe('password_change_required');
    const trace = await traceOf(h, admin.headers, 'user', person.row.id);
    expect(trace.find((e) => e.action === 'user.password_reset')!.diff.mustChangePassword).toEqual({ before: false, after: true });

    // `henji users reset-password <name>` runs the same command as the system; --own-password says the user typed it.
    await execute(h.db, systemCaller, resetUserPassword, { id: person.row.id, password: USER_PASSWORD, chosenByUser: true });
    expect(await flagOf(person.row.id)).toBe(false);
    await execute(h.db, systemCaller, resetUserPassword, { id: person.row.id, password: USER_PASSWORD });
    expect(await flagOf(person.row.id)).toBe(true);
  });

  it('users imported with an initial password are flagged', async () => {
    const name = unique('imp');
    const csv = `username,displayName,password\n${name},导入的人,initial-password-1\n`;
    const { payload, contentType } = await multipartFile('users.csv', Buffer.from(csv), 'text/csv');
    const res = await (await h.app()).inject({ method: 'POST', url: '/api/users/import?dryRun=false', headers: { ...admin.headers, 'content-type': contentType }, payload });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await h.db.select().from(users).where(eq(users.username, name));
    expect(row!.mustChangePassword).toBe(true);
  });
});

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function upload(session: Session, name: string, bytes: Uint8Array, type: string): Promise<FileMeta> {
  const { payload, contentType } = await multipartFile(name, bytes, type);
  const res = await (await h.app()).inject({ method: 'POST', url: '/api/files', headers: { ...session.headers, 'content-type': contentType }, payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<FileMeta>();
}

describe('company name and logo', () => {
  it('unset at first; readable without signing in', async () => {
    const res = await inject('GET', '/api/settings/company', {});
    expect(res.statusCode).toBe(200);
    expect(res.json<CompanySettings>()).toMatchObject({ name: null, logoUrl: null, allowedActions: [] });
    expect((await inject('GET', '/api/settings/company/logo', {})).statusCode).toBe(404);
  });

  it('an administrator sets them; traced with the logo as evidence; the logo is served; the getter reads the name', async () => {
    const logo = await upload(admin, '标志.png', PNG, 'image/png');
    const res = await inject('PUT', '/api/settings/company', admin.headers, { name: '  痕迹科技有限公司 ', logoFileId: logo.id });
    expect(res.statusCode, res.body).toBe(200);
    const company = res.json<CompanySettings>();
    expect(company).toMatchObject({ name: '痕迹科技有限公司', logoFileId: logo.id, allowedActions: ['update'] });
    expect(await companyName(h.db)).toBe('痕迹科技有限公司');

    const image = await inject('GET', company.logoUrl!, {});
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.equals(PNG)).toBe(true);

    const trace = await traceOf(h, admin.headers, 'system_setting', 'company');
    expect(trace.map((e) => e.action)).toEqual(['settings.update']);
    expect(trace[0]!.diff).toEqual({ companyName: { before: null, after: '痕迹科技有限公司' }, logoFileId: { before: null, after: logo.id } });
    expect(trace[0]!.evidence).toEqual([{ name: '标志.png', sha256: logo.sha256 }]);

    // Replacing the logo gives the old one back to its uploader, traced on the file.
    const second = await upload(admin, 'logo2.png', Buffer.concat([PNG, Buffer.from([0])]), 'image/png');
    const again = await inject('PUT', '/api/settings/company', admin.headers, { name: '痕迹科技有限公司', logoFileId: second.id });
    expect(again.statusCode, again.body).toBe(200);
    const old = await inject('GET', `/api/files/${logo.id}`, admin.headers);
    expect(old.json<FileMeta>().attachedTo).toBeNull();
  });

  it('refuses a logo that is not an image, and anyone but an administrator', async () => {
    const pdf = await upload(admin, 'a.pdf', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n', 'latin1'), 'application/pdf');
    const res = await inject('PUT', '/api/settings/company', admin.headers, { name: '某公司', logoFileId: pdf.id });
    expect(res.statusCode).toBe(400);
    expect((res.json<ErrorBody>().details?.fields as Record<string, string[]>).logoFileId).toEqual(['标志须为 PNG、JPEG、GIF 或 WebP 图片']);
    const empty = await inject('PUT', '/api/settings/company', admin.headers, { name: '  ', logoFileId: null });
    expect(empty.statusCode).toBe(400);

    const person = await makeUser(h);
    const session = await signIn(h, person.row.username, USER_PASSWORD);
    const refused = await inject('PUT', '/api/settings/company', session.headers, { name: '别人的公司', logoFileId: null });
    expect(refused.statusCode).toBe(403);
    expect((await inject('GET', '/api/settings/company', session.headers)).json<CompanySettings>()).toMatchObject({
      name: '痕迹科技有限公司',
      allowedActions: [],
    });
  });
});
