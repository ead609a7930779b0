/**
 * Authorization matrix rows for files (K9): every signed-in person may upload and list their own uploads; a file is
 * read by its uploader until it is attached (the attached case is in test/api/files.test.ts).
 */
import { randomUUID } from 'node:crypto';
import type { App } from '../../src/http/context.ts';
import type { Headers, RequestSpec, Row } from './authz-types.ts';

/** A small text file as a browser would send it in the multipart field "file". */
export function textUpload(text = `材料 ${randomUUID()}\n`): NonNullable<RequestSpec['raw']> {
  const boundary = `henji-${randomUUID()}`;
  const part = ['Content-Disposition: form-data; name="file"; filename="说明.txt"', 'Content-Type: text/plain', '', text];
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: [`--${boundary}`, ...part, `--${boundary}--`, ''].join('\r\n') };
}

/** `owner` gives the headers of whoever should own the file: the caller, or the employee standing in for anonymous. */
export function fileRows(app: App, owner: (callerHeaders: Headers, role: string) => Headers): Record<string, Row> {
  const fileOf = async (callerHeaders: Headers, role: string, suffix = '') => {
    const { contentType, body } = textUpload();
    const res = await app.inject({ method: 'POST', url: '/api/files', headers: { ...owner(callerHeaders, role), 'content-type': contentType }, payload: body });
    if (res.statusCode !== 201) throw new Error(`setup upload: ${res.statusCode} ${res.body}`);
    return `/api/files/${res.json<{ id: string }>().id}${suffix}`;
  };
  return {
    'POST /api/files': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async () => ({ raw: textUpload() }),
    },
    'GET /api/files': { anonymous: 401, employee: 'ok', admin: 'ok' },
    'GET /api/files/rules': { anonymous: 401, employee: 'ok', admin: 'ok' },
    /** One's own unattached upload. */
    'GET /api/files/{id}': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async (c) => ({ url: await fileOf(c.headers, c.role) }),
    },
    'GET /api/files/{id}/content': {
      anonymous: 401, employee: 'ok', admin: 'ok',
      request: async (c) => ({ url: await fileOf(c.headers, c.role, '/content') }),
    },
  };
}
