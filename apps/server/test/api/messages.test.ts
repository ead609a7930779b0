/**
 * K13 for error messages: the server answers in the caller's language — Accept-Language first, then the user's saved
 * locale, then zh-CN — for domain errors, zod validation (including the shared schemas' own messages), the framework's
 * errors and the import report. Codes and statuses never change with the language.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_MESSAGE_KEYS, type ErrorBody, type ImportReport, type User } from '@henji/contracts';
import { fromAcceptLanguage } from '../../src/http/locale.ts';
import { isMessageKey, LOCALES, MESSAGES, msg, render, t } from '../../src/kernel/messages.ts';
import { signIn, signInAdmin, startHenji, unique, type Session, type TestHenji } from '../harness.ts';
import { multipartFile } from './http.ts';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogue', () => {
  it('has every key in both languages, with the same {params} in each', () => {
    for (const [key, texts] of Object.entries(MESSAGES)) {
      expect(Object.keys(texts).sort(), key).toEqual([...LOCALES].sort());
      for (const locale of LOCALES) expect(texts[locale].trim(), `${key} ${locale}`).not.toBe('');
      expect(placeholders(texts['zh-CN']), key).toEqual(placeholders(texts['en-US']));
      // Braces are only for parameters, so a stray one cannot hide a typo in a name.
      for (const locale of LOCALES) expect(texts[locale].replace(/\{\w+\}/g, ''), `${key} ${locale}`).not.toMatch(/[{}]/);
    }
  });

  it('holds every message key the shared schemas use', () => {
    for (const key of CONTRACT_MESSAGE_KEYS) expect(isMessageKey(key), key).toBe(true);
  });

  it('renders parameters, nested messages and lists in the reader language', () => {
    expect(t('zh-CN', 'org.department_code_taken', { code: 'QA' })).toBe('部门编码 QA 已被使用');
    expect(t('en-US', 'org.department_code_taken', { code: 'QA' })).toBe('department code QA is already used');
    expect(t('zh-CN', 'error.not_found', { what: msg('noun.department') })).toBe('部门不存在');
    expect(render('en-US', msg('error.not_found', { what: msg('noun.api_token') }))).toBe('API token not found');
    expect(t('zh-CN', 'org.unknown_roles', { roles: ['a', 'b'] })).toBe('角色不存在：a、b');
    expect(t('en-US', 'org.unknown_roles', { roles: ['a', 'b'] })).toBe('unknown roles: a, b');
  });
});

describe('the language of a request', () => {
  it('is the most preferred language of Accept-Language that Henji speaks', () => {
    expect(fromAcceptLanguage(undefined)).toBeNull();
    expect(fromAcceptLanguage('')).toBeNull();
    expect(fromAcceptLanguage('*')).toBeNull();
    expect(fromAcceptLanguage('fr-FR, de')).toBeNull();
    expect(fromAcceptLanguage('en-US')).toBe('en-US');
    expect(fromAcceptLanguage('zh')).toBe('zh-CN');
    expect(fromAcceptLanguage('zh-TW,zh;q=0.9')).toBe('zh-CN');
    expect(fromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(fromAcceptLanguage('fr-FR, en-GB;q=0.7, zh;q=0.5')).toBe('en-US');
    expect(fromAcceptLanguage('en;q=0.4, zh-CN;q=0.8')).toBe('zh-CN');
    expect(fromAcceptLanguage('en;q=0, zh')).toBe('zh-CN');
    expect(fromAcceptLanguage('english')).toBeNull();
  });
});

describe('error messages over HTTP', () => {
  let h: TestHenji;
  let admin: Session;
  beforeAll(async () => {
    h = await startHenji();
    admin = await signInAdmin(h);
  });
  afterAll(async () => h?.close());

  async function call(method: 'GET' | 'POST', url: string, session: Session | null, payload?: unknown, language?: string) {
    const app = await h.app();
    const headers = { ...(session?.headers ?? {}), ...(language ? { 'accept-language': language } : {}) };
    return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  const fieldsOf = (body: ErrorBody) => (body.details?.fields ?? {}) as Record<string, string[]>;
  const deptCode = () => `M${randomBytes(4).toString('hex').toUpperCase()}`;

  it('a duplicate department code answers in Chinese by default and in English with accept-language: en-US', async () => {
    const code = deptCode();
    expect((await call('POST', '/api/departments', admin, { code, name: '质量部' })).statusCode).toBe(201);

    const zh = await call('POST', '/api/departments', admin, { code, name: '重复' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', message: '提交的内容未通过校验' });
    expect(fieldsOf(zh.json<ErrorBody>())).toEqual({ code: [`部门编码 ${code} 已被使用`] });

    const en = await call('POST', '/api/departments', admin, { code, name: '重复' }, 'en-US,en;q=0.9');
    expect(en.statusCode).toBe(400);
    expect(en.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', message: 'validation failed' });
    expect(fieldsOf(en.json<ErrorBody>())).toEqual({ code: [`department code ${code} is already used`] });
  });

  it('renders zod validation failures (wrong type, unknown key, a schema message) in both languages', async () => {
    const cases = [
      {
        body: { code: 123, name: '类型错误' },
        field: 'code',
        zh: '无效输入：期望 string，实际接收 数字',
        en: 'Invalid input: expected string, received number',
      },
      { body: { code: deptCode(), name: '多余字段', extra: 1 }, field: 'body', zh: '出现未知的键(key): "extra"', en: 'Unrecognized key: "extra"' },
      {
        body: { code: 'hr', name: '小写编码' },
        field: 'code',
        zh: '编码须为 2–10 位大写字母或数字，以字母开头',
        en: 'code must be 2–10 upper-case letters or digits, starting with a letter',
      },
    ];
    for (const { body, field, zh, en } of cases) {
      const inChinese = await call('POST', '/api/departments', admin, body);
      expect(inChinese.statusCode).toBe(400);
      expect(inChinese.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', message: '请求体未通过校验' });
      expect(fieldsOf(inChinese.json<ErrorBody>())).toEqual({ [field]: [zh] });

      const inEnglish = await call('POST', '/api/departments', admin, body, 'en-US');
      expect(inEnglish.statusCode).toBe(400);
      expect(inEnglish.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', message: 'invalid body' });
      expect(fieldsOf(inEnglish.json<ErrorBody>())).toEqual({ [field]: [en] });
    }
  });

  it('a refinement in a shared schema and a query string are localized too', async () => {
    const body = { principalId: admin.userId, delegateId: admin.userId, startsOn: '2030-01-02', endsOn: '2030-01-01', reason: '出差' };
    const zh = fieldsOf((await call('POST', '/api/delegations', admin, body)).json<ErrorBody>());
    expect(zh).toEqual({ endsOn: ['结束日期不能早于开始日期'], delegateId: ['不能代理给本人'] });
    const en = fieldsOf((await call('POST', '/api/delegations', admin, body, 'en')).json<ErrorBody>());
    expect(en).toEqual({ endsOn: ['endsOn must not be before startsOn'], delegateId: ['a user cannot delegate to themselves'] });

    const query = await call('GET', '/api/users?pageSize=0', admin, undefined, 'en-US');
    expect(query.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', message: 'invalid querystring' });
    expect((await call('GET', '/api/users?pageSize=0', admin)).json<ErrorBody>().message).toBe('查询参数未通过校验');
  });

  it('a user whose saved locale is en-US gets English without the header, and the header still wins', async () => {
    const username = unique('en');
    const created = await call('POST', '/api/users', admin, {
      username,
      displayName: 'English Reader',
      roles: ['admin'],
      password: 'english-password-1',
      locale: 'en-US',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<User>().locale).toBe('en-US');
    const reader = await signIn(h, username, 'english-password-1');
    // An administrator chose the password: the reader must set their own first, and is told so in their language.
    expect((await call('GET', '/api/departments', reader)).json<ErrorBody>()).toEqual({
      code: 'password_change_required',
      message: 'your password was set by someone else or generated: set a new password first',
    });
    const own = await call('POST', '/api/me/password', reader, { currentPassword: 'english-password-1', newPassword: 'english-password-2' });
    expect(own.statusCode, own.body).toBe(204);
    const code = deptCode();
    expect((await call('POST', '/api/departments', reader, { code, name: 'QA' })).statusCode).toBe(201);

    const noHeader = await call('POST', '/api/departments', reader, { code, name: 'QA again' });
    expect(fieldsOf(noHeader.json<ErrorBody>())).toEqual({ code: [`department code ${code} is already used`] });
    const wrongType = await call('POST', '/api/departments', reader, { code: 1, name: 'QA' });
    expect(wrongType.json<ErrorBody>().message).toBe('invalid body');
    const missing = await call('GET', '/api/departments/00000000-0000-4000-8000-000000000000', reader);
    expect(missing.json<ErrorBody>()).toEqual({ code: 'not_found', message: 'department not found' });

    const switched = await call('POST', '/api/departments', reader, { code, name: 'QA again' }, 'zh-CN');
    expect(fieldsOf(switched.json<ErrorBody>())).toEqual({ code: [`部门编码 ${code} 已被使用`] });
    // An admin whose saved locale is zh-CN gets Chinese without the header.
    expect((await call('GET', '/api/departments/00000000-0000-4000-8000-000000000000', admin)).json<ErrorBody>().message).toBe('部门不存在');
  });

  it('the framework errors speak the request language; code and status stay the same', async () => {
    const app = await h.app();
    for (const [language, expected] of [
      [undefined, { route: '没有接口 GET /api/nothing', signIn: '请先登录', json: '请求体不是有效的 JSON', method: '/api/me 不支持 DELETE 方法' }],
      ['en-US', { route: 'no API route GET /api/nothing', signIn: 'sign in first', json: 'the request body is not valid JSON', method: 'DELETE is not allowed on /api/me' }],
    ] as const) {
      const lang: Record<string, string> = language ? { 'accept-language': language } : {};
      const route = await app.inject({ method: 'GET', url: '/api/nothing', headers: lang });
      expect([route.statusCode, route.json<ErrorBody>()]).toEqual([404, { code: 'not_found', message: expected.route }]);
      const anonymous = await app.inject({ method: 'GET', url: '/api/me', headers: lang });
      expect([anonymous.statusCode, anonymous.json<ErrorBody>()]).toEqual([401, { code: 'unauthenticated', message: expected.signIn }]);
      const broken = await app.inject({
        method: 'POST',
        url: '/api/departments',
        headers: { ...admin.headers, ...lang, 'content-type': 'application/json' },
        payload: '{"code":',
      });
      expect([broken.statusCode, broken.json<ErrorBody>()]).toEqual([400, { code: 'invalid_json', message: expected.json }]);
      const wrongMethod = await app.inject({ method: 'DELETE', url: '/api/me', headers: lang });
      expect([wrongMethod.statusCode, wrongMethod.json<ErrorBody>()]).toEqual([405, { code: 'method_not_allowed', message: expected.method }]);
    }
  });

  it('the import report names each row problem in the request language, zod issues included', async () => {
    const name = unique('imp');
    const csv = `用户名,姓名,邮箱,部门编码\n${name},张一,not-an-email,NOPE\n`;
    const { payload, contentType } = await multipartFile('users.csv', new TextEncoder().encode(csv), 'text/csv');
    const app = await h.app();
    const upload = async (language?: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/users/import?dryRun=true',
        headers: { ...admin.headers, 'content-type': contentType, ...(language ? { 'accept-language': language } : {}) },
        payload,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<ImportReport>().errors.map((e) => [e.row, e.field, e.message]);
    };
    expect(await upload()).toEqual([
      [2, 'departmentCode', '没有编码为 NOPE 的部门'],
      [2, 'email', '无效电子邮件'],
    ]);
    expect(await upload('en-US')).toEqual([
      [2, 'departmentCode', 'no department with code NOPE'],
      [2, 'email', 'Invalid email address'],
    ]);
  });
});
