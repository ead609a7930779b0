/**
 * Downloads whose names or contents come from stored data must not turn into a 500 (or worse): a proof bundle of an
 * object whose id holds Chinese characters, and an approval sheet whose approver sent a signature that starts as a PNG
 * but cannot be read — PDFKit would throw, or inflate the corrupt pixels in a zlib callback and end the process.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Application } from '@henji/contracts';
import { signInAdmin, startHenji, type TestHenji } from '../harness.ts';
import { act, api, makeCompany, myTask, purchaseForm, typeByCode } from '../flows/flow-context.ts';

const run = promisify(execFile);
let h: TestHenji;
let dir: string;

beforeAll(async () => {
  h = await startHenji();
  dir = await mkdtemp(path.join(tmpdir(), 'henji-download-edges-'));
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    let c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 4×4 RGBA PNG (what a signature pad draws) whose headers are right and whose pixel stream is given. */
function png(idat: Buffer): string {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(4, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

describe('downloads named or filled from stored data', () => {
  it('a proof bundle of an object whose id is Chinese keeps the name in filename* (no raw header byte, no 500)', async () => {
    const admin = await signInAdmin(h);
    await h.sequencer.flush();
    const res = await (await h.app()).inject({ method: 'GET', url: `/api/ledger/bundle?subjectType=department&subjectId=${encodeURIComponent('财务部')}`, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="henji-proof-department-___.json"; filename*=UTF-8''henji-proof-department-${encodeURIComponent('财务部')}.json`,
    );
  });

  it('an approval sheet prints a signature it cannot read as words, and the server keeps serving', async () => {
    const c = await makeCompany(h);
    const type = await typeByCode(h, c.employee, 'purchase');
    const created = await api<Application>(h, c.employee, 'POST', '/api/applications', { typeId: type.id, form: purchaseForm(12000), submit: true, requestKey: randomUUID() });
    expect(created.status, created.raw).toBe(201);
    // Something that is not a PNG is refused when given, as a field error, and nothing is decided.
    const first = await myTask(h, c.head, created.body.id);
    const refused = await act(h, c.head, first.app, { action: 'approve', taskId: first.task.taskId, formHash: first.app.formHash, signature: 'data:image/png;base64,AAAA' });
    expect(refused.status, refused.raw).toBe(400);
    expect(refused.raw).toContain('signature');
    // PNG's first bytes and nothing readable after, then a PNG whose pixel stream is not zlib, then a good one.
    const signatures = ['data:image/png;base64,iVBORw0KGgoAAAAQUJDREVGR0g=', png(Buffer.from('not a zlib stream')), png(deflateSync(Buffer.alloc(4 * (1 + 4 * 4))))];
    for (const [who, signature] of [[c.head, signatures[0]], [c.finance, signatures[1]], [c.ceo, signatures[2]]] as const) {
      const { app, task } = await myTask(h, who, created.body.id);
      const res = await act(h, who, app, { action: 'approve', taskId: task.taskId, formHash: app.formHash, opinion: '同意', signature });
      expect(res.status, res.raw).toBe(200);
    }
    const sheet = await (await h.app()).inject({ method: 'GET', url: `/api/applications/${created.body.id}/sheet.pdf`, headers: c.employee.session.headers });
    expect(sheet.statusCode, sheet.body.slice(0, 300)).toBe(200);
    expect(sheet.headers['content-type']).toBe('application/pdf');
    const file = path.join(dir, 'sheet.pdf');
    await writeFile(file, sheet.rawPayload);
    const text = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout;
    expect(text.match(/（图片无法读取）/g)).toHaveLength(2);
    // Still serving after both.
    const again = await (await h.app()).inject({ method: 'GET', url: `/api/applications/${created.body.id}/sheet.pdf`, headers: c.employee.session.headers });
    expect(again.statusCode).toBe(200);
  });
});
