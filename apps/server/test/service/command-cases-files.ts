/** The command walker's cases for files (K9) and numbering (K10); merged into CASES in command-cases.ts. */
import { createHash, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { uploadFile } from '../../src/kernel/files/commands.ts';
import { voidNumber } from '../../src/kernel/numbering/commands.ts';
import { issuedNumbers } from '../../src/kernel/numbering/schema.ts';
import { callerFor, makeDepartment, makeUser, type TestHenji } from '../harness.ts';
import { admin, department, file, plan, type Case } from './command-plan.ts';
import { now } from '../../src/kernel/clock.ts';

/** The metadata the upload route passes once the bytes are stored (the walker needs no bytes). */
const uploadedPdf = () => {
  const bytes = Buffer.from(`%PDF-1.7\n% ${randomUUID()}\n`);
  return { name: '证明材料.pdf', mime: 'application/pdf', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
};

export const FILE_CASES: Record<string, (h: TestHenji) => Promise<Case[]>> = {
  'files.upload': async (h) => {
    const person = await makeUser(h);
    return [
      plan('records an upload with its hash as evidence', uploadFile, callerFor(person.actor), uploadedPdf(), (row) => {
        expect(row.uploadedById).toBe(person.row.id);
        return [file(row.id)];
      }),
    ];
  },
  'numbering.voidNumber': async (h) => {
    // A number issued for a department, as a module's command would have issued it (issuing is a library call).
    const dept = await makeDepartment(h);
    const number = `WALK-${randomUUID()}`;
    await h.db.insert(issuedNumbers).values({ number, scope: `${number}{SEQ}`, seq: 1, subjectType: 'department', subjectId: dept.id, issuedAt: now() });
    return [
      plan('voids a number, traced on what it was issued for', voidNumber, callerFor(await admin(h)), { number, reason: '编号作废' }, () => [
        department(dept.id),
      ]),
    ];
  },
};
