/**
 * Issue 8 §5: the user import checks permission before reading the upload and bounds what a file may cost — bytes,
 * rows, columns, cell length, and what an xlsx inflates to (zip bombs, including ones whose headers lie).
 */
import { Readable } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, ImportReport } from '@henji/contracts';
import { IMPORT_LIMITS } from '../../src/kernel/org/import-limits.ts';
import { makeUser, signIn, signInAdmin, startHenji, unique, USER_PASSWORD, type Session, type TestHenji } from '../harness.ts';
import { multipartFile, XLSX_TYPE } from './http.ts';

let h: TestHenji;
let admin: Session;
beforeAll(async () => {
  h = await startHenji();
  admin = await signInAdmin(h);
});
afterAll(async () => h?.close());

async function upload(fileName: string, bytes: Buffer, type: string, session: Session = admin) {
  const { payload, contentType } = await multipartFile(fileName, bytes, type);
  return (await h.app()).inject({
    method: 'POST',
    url: '/api/users/import?dryRun=true',
    headers: { ...session.headers, 'content-type': contentType, 'accept-language': 'en-US' },
    payload,
  });
}

/** A zip of the given entries, deflated; `declare` overrides the uncompressed size written in the headers. */
function zip(entries: { name: string; content: Buffer; declare?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, content, declare } of entries) {
    const data = deflateRawSync(content);
    const fileName = Buffer.from(name);
    const size = declare ?? content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('who may make the server read an import', () => {
  it('refuses an employee (403) and an anonymous caller (401) before reading a byte of the upload', async () => {
    const app = await h.app();
    const made = await makeUser(h);
    const employee = await signIn(h, made.row.username, USER_PASSWORD);
    // A body that starts and never ends: a server that reads it waits for the rest and never answers.
    const endless = () => {
      let started = false;
      return new Readable({
        read() {
          if (!started) this.push(Buffer.from('--XX\r\nContent-Disposition: form-data; name="file"; filename="u.csv"\r\n\r\nusername,name\r\n'));
          started = true;
        },
      });
    };
    for (const [headers, status] of [[employee.headers, 403], [{}, 401]] as const) {
      const answer = app.inject({
        method: 'POST',
        url: '/api/users/import?dryRun=true',
        headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XX' },
        payload: endless(),
      });
      const res = await Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000))]);
      if (res === null) throw new Error('the server is reading the upload instead of refusing the caller');
      expect(res.statusCode).toBe(status);
      expect(res.json<ErrorBody>().code).toBe(status === 403 ? 'forbidden' : 'unauthenticated');
    }
  }, 20_000);
});

describe('import limits', () => {
  it(`refuses a file over ${IMPORT_LIMITS.bytes / 1024 / 1024} MiB with 413 payload_too_large`, async () => {
    const res = await upload('users.csv', Buffer.alloc(IMPORT_LIMITS.bytes + 1, 0x61), 'text/csv');
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorBody>()).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('MiB'), details: { fields: { file: [expect.any(String)] } } });
  });

  it('stops a CSV at the first row, column or cell past the limit, with a 400 naming the file', async () => {
    const header = 'username,name\n';
    const many = Buffer.from(header + Array.from({ length: IMPORT_LIMITS.rows + 1 }, (_, i) => `u${i},名${i}`).join('\n'));
    const rows = await upload('users.csv', many, 'text/csv');
    expect(rows.statusCode).toBe(400);
    expect(rows.json<ErrorBody>()).toMatchObject({ code: 'validation_failed', details: { fields: { file: [`at most ${IMPORT_LIMITS.rows} rows per file`] } } });

    // The shape that cost two minutes of CPU: one line of many columns.
    const wide = Buffer.from(header + 'a,'.repeat(1024 * 1024));
    const started = performance.now();
    const columns = await upload('users.csv', wide, 'text/csv');
    expect(columns.statusCode).toBe(400);
    expect(columns.json<ErrorBody>().details).toEqual({ fields: { file: [`at most ${IMPORT_LIMITS.columns} columns per row`] } });
    expect(performance.now() - started).toBeLessThan(5000);

    const long = await upload('users.csv', Buffer.from(`${header}u1,"${'长'.repeat(IMPORT_LIMITS.cellChars + 1)}"\n`), 'text/csv');
    expect(long.statusCode).toBe(400);
    expect(long.json<ErrorBody>().details).toEqual({ fields: { file: [`row 2 has a cell longer than ${IMPORT_LIMITS.cellChars} characters`] } });
  });

  it('reads quoted CSV cells as text, keeping leading zeros', async () => {
    const name = unique('csvq');
    const csv = Buffer.from(`username,姓名,手机\r\n${name},"王, ""小""二",013800000000\r\n`);
    const res = await upload('users.csv', csv, 'text/csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ImportReport>()).toMatchObject({ totalRows: 1, created: 1, errors: [] });
  });

  it('refuses an xlsx that inflates past the budget (413), whether its headers tell the truth or lie', async () => {
    const bomb = Buffer.alloc(IMPORT_LIMITS.unzippedBytes + 1024 * 1024);
    const contentTypes = Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    for (const declare of [undefined, 100]) {
      const file = zip([{ name: '[Content_Types].xml', content: contentTypes }, { name: 'xl/worksheets/sheet1.xml', content: bomb, ...(declare ? { declare } : {}) }]);
      expect(file.length).toBeLessThan(100 * 1024);
      const res = await upload('users.xlsx', file, XLSX_TYPE);
      expect(res.statusCode).toBe(413);
      expect(res.json<ErrorBody>()).toMatchObject({ code: 'payload_too_large', details: { fields: { file: [expect.stringContaining('unpacks to more than')] } } });
    }
    const notZip = await upload('users.xlsx', Buffer.from('not a zip at all'), XLSX_TYPE);
    expect(notZip.statusCode).toBe(400);
  });

  it('still reads an ordinary xlsx, and refuses one with too many rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('用户');
    sheet.addRow(['用户名', '姓名']);
    sheet.addRow([unique('x'), '李四']);
    const ok = await upload('users.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), XLSX_TYPE);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<ImportReport>()).toMatchObject({ totalRows: 1, errors: [] });

    for (let i = 0; i < IMPORT_LIMITS.rows + 1; i++) sheet.addRow([`u${i}`, '某']);
    const tooMany = await upload('users.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), XLSX_TYPE);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<ErrorBody>().details).toEqual({ fields: { file: [`at most ${IMPORT_LIMITS.rows} rows per file`] } });
  });
});
