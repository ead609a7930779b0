/**
 * Files (K9) through HTTP: uploads checked by size, extension and content, SHA-256 in the trace, downloads, access
 * that follows the record a file is attached to, and the attach rules other commands rely on.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, FileMeta, FileRules } from '@henji/contracts';
import { defineCommand, execute } from '../../src/kernel/command.ts';
import { DomainError } from '../../src/kernel/errors.ts';
import { attachFiles, detachFiles, listAttachments } from '../../src/kernel/files/index.ts';
import { LocalFileStore } from '../../src/kernel/files/store.ts';
import { render } from '../../src/kernel/messages.ts';
import { callerFor, makeDepartment, makeUser, signIn, signInAdmin, startHenji, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, traceOf } from './http.ts';

const MAX_BYTES = 64 * 1024;

/** Stands in for a module's command (an application's submit): attaches files to a record and traces the record. */
const attachToRecord = defineCommand(
  'test.files.attachToRecord',
  async (ctx, input: { fileIds: string[]; subjectType: string; subjectId: string }) => {
    const evidence = await attachFiles(ctx, { ...input, field: 'evidence' });
    await ctx.trace({ action: 'department.update', subjectType: input.subjectType, subjectId: input.subjectId, evidence });
    return evidence;
  },
);
const detachFromRecord = defineCommand(
  'test.files.detachFromRecord',
  async (ctx, input: { keep: string[]; subjectType: string; subjectId: string }) => {
    const detached = await detachFiles(ctx, input);
    await ctx.trace({ action: 'department.update', subjectType: input.subjectType, subjectId: input.subjectId, evidence: detached });
    return detached;
  },
);

let h: TestHenji;
let admin: Session;
beforeAll(async () => {
  h = await startHenji({ maxUploadBytes: MAX_BYTES, login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 10_000 } });
  admin = await signInAdmin(h);
});
afterAll(async () => h?.close());

async function person() {
  const made = await makeUser(h);
  return { ...made, session: await signIn(h, made.row.username, USER_PASSWORD) };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pdf = (text: string = randomUUID()) => Buffer.from(`%PDF-1.7\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n`, 'latin1');

async function upload(session: Session, name: string, bytes: Uint8Array, type = 'application/octet-stream', headers: Record<string, string> = {}) {
  const app = await h.app();
  const { payload, contentType } = await multipartFile(name, bytes, type);
  return app.inject({ method: 'POST', url: '/api/files', headers: { ...session.headers, 'content-type': contentType, ...headers }, payload });
}

async function uploaded(session: Session, name = '证明材料.pdf', bytes: Uint8Array = pdf()): Promise<FileMeta> {
  const res = await upload(session, name, bytes, 'application/pdf');
  expect(res.statusCode, res.body).toBe(201);
  return res.json<FileMeta>();
}

async function get(session: Session, url: string, headers: Record<string, string> = {}) {
  return (await h.app()).inject({ method: 'GET', url, headers: { ...session.headers, ...headers } });
}

const fieldErrors = (body: ErrorBody) => (body.details?.fields ?? {}) as Record<string, string[]>;

/** Every blob and temporary file under the store's directory. */
async function storedFiles(): Promise<string[]> {
  const entries = await readdir(h.config.filesDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('uploading', () => {
  it('stores a file under its SHA-256, keeps its Chinese name, and records the hash as evidence in its trace', async () => {
    const alice = await person();
    const bytes = pdf();
    const res = await upload(alice.session, '2026年3月差旅报销（张三）.pdf', bytes, 'application/x-whatever');
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json<FileMeta>();
    expect(file).toMatchObject({
      name: '2026年3月差旅报销（张三）.pdf',
      mime: 'application/pdf', // decided by Henji, not taken from the browser
      size: bytes.length,
      sha256: sha256(bytes),
      uploadedById: alice.row.id,
      attachedTo: null,
      attachedAt: null,
      allowedActions: ['download'],
    });
    expect(await new LocalFileStore(h.config.filesDir).exists(file.sha256)).toBe(true);
    const trace = await traceOf(h, alice.session.headers, 'file', file.id);
    expect(trace.map((e) => e.action)).toEqual(['file.upload']);
    expect(trace[0]!.evidence).toEqual([{ name: file.name, sha256: sha256(bytes) }]);
    expect(trace[0]!.actorId).toBe(alice.row.id);
  });

  it('stores identical content once', async () => {
    const bytes = pdf();
    const [a, b] = [await uploaded((await person()).session, 'a.pdf', bytes), await uploaded((await person()).session, 'b.pdf', bytes)];
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    expect((await storedFiles()).filter((f) => path.basename(f) === a.sha256)).toHaveLength(1);
  });

  it('refuses a file over the size limit with 413 and a clear message, storing nothing', async () => {
    const alice = await person();
    const before = await storedFiles();
    const big = Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES, 0x20)]);
    const res = await upload(alice.session, '太大.pdf', big);
    expect(res.statusCode, res.body).toBe(413);
    const body = res.json<ErrorBody>();
    expect(body).toMatchObject({ code: 'payload_too_large', message: '文件超过大小上限 64 KB' });
    expect(fieldErrors(body)).toEqual({ file: ['文件超过大小上限 64 KB'] });
    expect(await storedFiles()).toEqual(before);
    // Exactly at the limit is fine.
    const fits = Buffer.concat([pdf(), Buffer.alloc(MAX_BYTES - pdf().length, 0x20)]);
    expect(fits.length).toBe(MAX_BYTES);
    expect((await upload(alice.session, '刚好.pdf', fits)).statusCode).toBe(201);
  });

  it('refuses a program renamed to .pdf, in the caller\'s language, storing nothing', async () => {
    const alice = await person();
    const before = await storedFiles();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64), Buffer.from('This program cannot be run in DOS mode')]);
    const zh = await upload(alice.session, '发票.pdf', exe, 'application/pdf');
    expect(zh.statusCode).toBe(400);
    expect(fieldErrors(zh.json<ErrorBody>())).toEqual({ file: ['文件内容与扩展名 .pdf 不符，可能是改了扩展名的其他类型文件'] });
    const en = await upload(alice.session, 'invoice.pdf', exe, 'application/pdf', { 'accept-language': 'en-US' });
    expect(fieldErrors(en.json<ErrorBody>())).toEqual({ file: ['the content is not a .pdf file; it may be another kind of file renamed'] });
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses empty files, types outside the allowlist and unsafe names', async () => {
    const alice = await person();
    const cases: [string, Uint8Array, string][] = [
      ['空白.txt', new Uint8Array(), '文件是空的'],
      ['setup.exe', Buffer.from('MZ'), '不支持 .exe 类型的文件'],
      ['页面.html', Buffer.from('<script>alert(1)</script>'), '不支持 .html 类型的文件'],
      // The browser sends a line break as %0D%0A; Henji reads it back as the line break it is.
      ['换行\r\n.txt', Buffer.from('text'), '文件名含有控制字符或不可见的方向控制符'],
      ['响铃\u0007.txt', Buffer.from('text'), '文件名含有控制字符或不可见的方向控制符'],
    ];
    for (const [name, bytes, message] of cases) {
      const res = await upload(alice.session, name, bytes);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(400);
      const body = res.json<ErrorBody>();
      expect(body.code).toBe('validation_failed');
      expect(fieldErrors(body).file?.[0], name).toContain(message);
    }
  });

  it('needs a multipart body with the file in the field "file"', async () => {
    const alice = await person();
    const app = await h.app();
    const json = await app.inject({ method: 'POST', url: '/api/files', headers: alice.session.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    expect(fieldErrors(json.json<ErrorBody>())).toEqual({ file: ['请以 multipart/form-data 格式上传文件，字段名为 "file"'] });
    const form = new FormData();
    form.append('attachment', new Blob([pdf()]), 'a.pdf');
    const encoded = new Response(form);
    const wrongField = await app.inject({
      method: 'POST',
      url: '/api/files',
      headers: { ...alice.session.headers, 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(wrongField.statusCode).toBe(400);
    expect(fieldErrors(wrongField.json<ErrorBody>())).toEqual({ file: ['请在 multipart 字段 "file" 中上传一个文件'] });
  });

  it('tells the web app the limit and the accepted types', async () => {
    const res = await get((await person()).session, '/api/files/rules');
    expect(res.json<FileRules>()).toEqual({ maxBytes: MAX_BYTES, extensions: expect.arrayContaining(['pdf', 'ofd', 'docx', 'jpg']) as string[] });
  });
});

describe('downloading', () => {
  it('returns the same bytes as an attachment with a Chinese file name, nosniff and the SHA-256 as ETag', async () => {
    const alice = await person();
    const bytes = pdf('下载测试');
    const file = await uploaded(alice.session, '会议纪要 "终稿".pdf', bytes);
    const res = await get(alice.session, `/api/files/${file.id}/content`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(bytes)).toBe(true);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(bytes.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['etag']).toBe(`"${sha256(bytes)}"`);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toBe(`attachment; filename="____ ____.pdf"; filename*=UTF-8''${encodeURIComponent('会议纪要 "终稿".pdf')}`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('会议纪要 "终稿".pdf');
    const again = await get(alice.session, `/api/files/${file.id}/content`, { 'if-none-match': `"${sha256(bytes)}"` });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('an unattached file is its uploader\'s alone: anyone else, the administrator included, gets 404', async () => {
    const alice = await person();
    const bob = await person();
    const file = await uploaded(alice.session);
    for (const session of [bob.session, admin]) {
      for (const url of [`/api/files/${file.id}`, `/api/files/${file.id}/content`]) {
        const res = await get(session, url);
        expect(res.statusCode, url).toBe(404);
        expect(res.json<ErrorBody>()).toMatchObject({ code: 'not_found', message: '附件不存在' });
      }
    }
    expect((await get(alice.session, `/api/files/${file.id}`)).statusCode).toBe(200);
  });

  it('lists my uploads, newest first, paged', async () => {
    const alice = await person();
    const names = ['一.pdf', '二.pdf', '三.pdf'];
    for (const name of names) await uploaded(alice.session, name);
    await uploaded((await person()).session, '别人的.pdf');
    const page1 = (await get(alice.session, '/api/files?mine=true&page=1&pageSize=2')).json<{ items: FileMeta[]; total: number }>();
    expect(page1.total).toBe(3);
    expect(page1.items.map((f) => f.name)).toEqual(['三.pdf', '二.pdf']);
    const page2 = (await get(alice.session, '/api/files?page=2&pageSize=2')).json<{ items: FileMeta[] }>();
    expect(page2.items.map((f) => f.name)).toEqual(['一.pdf']);
  });
});

describe('attaching files to a record', () => {
  async function attach(actor: Awaited<ReturnType<typeof person>>['actor'], fileIds: string[], subjectType: string, subjectId: string) {
    return execute(h.db, callerFor(actor), attachToRecord, { fileIds, subjectType, subjectId });
  }

  async function refusal(attempt: Promise<unknown>): Promise<Record<string, string[]>> {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    const { code, details } = error as DomainError;
    expect(code).toBe('validation_failed');
    return Object.fromEntries(Object.entries(details?.fields ?? {}).map(([f, ms]) => [f, ms.map((m) => render('zh-CN', m))]));
  }

  it('returns the evidence for the record\'s trace, traces the file, and then follows the record\'s access', async () => {
    const alice = await person();
    const bob = await person();
    const file = await uploaded(alice.session, '附件一.pdf');
    const dept = await makeDepartment(h);
    const evidence = await attach(alice.actor, [file.id, file.id], 'department', dept.id);
    expect(evidence).toEqual([{ name: '附件一.pdf', sha256: file.sha256 }]);

    // The record's trace carries the evidence; the file's own trace says where it went.
    const recordTrace = await traceOf(h, admin.headers, 'department', dept.id);
    expect(recordTrace.at(-1)!.evidence).toEqual(evidence);
    const fileTrace = await traceOf(h, alice.session.headers, 'file', file.id);
    expect(fileTrace.map((e) => e.action)).toEqual(['file.upload', 'file.attach']);
    expect(fileTrace[1]!.diff).toEqual({ subjectType: { before: null, after: 'department' }, subjectId: { before: null, after: dept.id } });

    // Every employee may read a department, so now Bob may read the file too.
    const seen = (await get(bob.session, `/api/files/${file.id}`)).json<FileMeta>();
    expect(seen).toMatchObject({ attachedTo: { subjectType: 'department', subjectId: dept.id }, allowedActions: ['download'] });
    expect((await get(bob.session, `/api/files/${file.id}/content`)).statusCode).toBe(200);
    expect((await listAttachments(h.db, 'department', dept.id)).map((f) => f.id)).toEqual([file.id]);

    // Attaching it again to the same record changes nothing.
    expect(await attach(alice.actor, [file.id], 'department', dept.id)).toEqual(evidence);
    expect((await traceOf(h, alice.session.headers, 'file', file.id)).map((e) => e.action)).toEqual(['file.upload', 'file.attach']);
  });

  it('a file attached to a record only administrators may read is hidden from its uploader too', async () => {
    const alice = await person();
    const file = await uploaded(alice.session);
    const webhook = (await (await h.app()).inject({
      method: 'POST',
      url: '/api/webhooks',
      headers: admin.headers,
      payload: { name: '集成', url: 'http://127.0.0.1:9/x', events: ['*'] },
    })).json<{ webhook: { id: string } }>().webhook;
    await attach(alice.actor, [file.id], 'webhook', webhook.id);
    expect((await get(alice.session, `/api/files/${file.id}`)).statusCode).toBe(404);
    expect((await get(admin, `/api/files/${file.id}/content`)).statusCode).toBe(200);
    // Still in the uploader's own list, but without actions.
    const mine = (await get(alice.session, '/api/files')).json<{ items: FileMeta[] }>().items;
    expect(mine.find((f) => f.id === file.id)?.allowedActions).toEqual([]);
  });

  it('refuses someone else\'s file exactly like a missing one, and a file attached to another record', async () => {
    const alice = await person();
    const bob = await person();
    const bobs = await uploaded(bob.session, 'bob.pdf');
    const missing = randomUUID();
    const [deptA, deptB] = [await makeDepartment(h), await makeDepartment(h)];
    expect(await refusal(attach(alice.actor, [bobs.id], 'department', deptA.id))).toEqual({
      evidence: [`附件 ${bobs.id} 不存在，或不是由你上传的`],
    });
    expect(await refusal(attach(alice.actor, [missing], 'department', deptA.id))).toEqual({
      evidence: [`附件 ${missing} 不存在，或不是由你上传的`],
    });
    const alices = await uploaded(alice.session, '已用过的.pdf');
    await attach(alice.actor, [alices.id], 'department', deptA.id);
    expect(await refusal(attach(alice.actor, [alices.id], 'department', deptB.id))).toEqual({
      evidence: ['附件“已用过的.pdf”已关联到其他记录，不能重复使用'],
    });
    // A refused attach leaves nothing behind, not even the other, acceptable files of the same call.
    const fresh = await uploaded(alice.session, '新的.pdf');
    await refusal(attach(alice.actor, [fresh.id, alices.id], 'department', deptB.id));
    expect((await get(alice.session, `/api/files/${fresh.id}`)).json<FileMeta>().attachedTo).toBeNull();
  });

  it('lets a delegate attach a file the delegate uploaded, acting for the principal', async () => {
    const principal = await person();
    const delegate = await person();
    const file = await uploaded(delegate.session, '代交材料.pdf');
    const dept = await makeDepartment(h);
    const evidence = await execute(
      h.db,
      { actor: principal.actor, delegate: delegate.actor, meta: callerFor(delegate.actor).meta },
      attachToRecord,
      { fileIds: [file.id], subjectType: 'department', subjectId: dept.id },
    );
    expect(evidence).toEqual([{ name: '代交材料.pdf', sha256: file.sha256 }]);
  });

  it('two attaches of one file to different records at once: exactly one wins', async () => {
    const alice = await person();
    const file = await uploaded(alice.session);
    const records = [await makeDepartment(h), await makeDepartment(h)];
    const outcomes = await Promise.allSettled(records.map((d) => attach(alice.actor, [file.id], 'department', d.id)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const lost = outcomes.filter((o) => o.status === 'rejected');
    expect(lost.map((o) => (o.reason as DomainError).code)).toEqual(['validation_failed']);
    const winner = records[outcomes.findIndex((o) => o.status === 'fulfilled')]!;
    expect((await get(alice.session, `/api/files/${file.id}`)).json<FileMeta>().attachedTo).toEqual({ subjectType: 'department', subjectId: winner.id });
  });

  it('detaching the files a draft no longer lists gives them back to their uploader', async () => {
    const alice = await person();
    const bob = await person();
    const [kept, removed] = [await uploaded(alice.session, '保留.pdf'), await uploaded(alice.session, '移除.pdf')];
    const dept = await makeDepartment(h);
    await attach(alice.actor, [kept.id, removed.id], 'department', dept.id);
    const detached = await execute(h.db, callerFor(alice.actor), detachFromRecord, { keep: [kept.id], subjectType: 'department', subjectId: dept.id });
    expect(detached).toEqual([{ name: '移除.pdf', sha256: removed.sha256 }]);
    expect((await listAttachments(h.db, 'department', dept.id)).map((f) => f.name)).toEqual(['保留.pdf']);
    expect((await get(bob.session, `/api/files/${removed.id}`)).statusCode).toBe(404);
    expect((await get(alice.session, `/api/files/${removed.id}`)).json<FileMeta>().attachedTo).toBeNull();
    const trace = await traceOf(h, alice.session.headers, 'file', removed.id);
    expect(trace.map((e) => e.action)).toEqual(['file.upload', 'file.attach', 'file.detach']);
  });
});
