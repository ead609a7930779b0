/**
 * Numbering (K10) on a real database: gap-free under concurrent issue, a rollback returns its number, a voided number
 * is recorded and never issued again. On PGlite transactions take turns; on PostgreSQL (TEST_DATABASE_URL) they race.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { defineCommand, execute } from '../../src/kernel/command.ts';
import { DomainError } from '../../src/kernel/errors.ts';
import { assignNumber, calendarOf, voidNumber } from '../../src/kernel/numbering/index.ts';
import { issuedNumbers } from '../../src/kernel/numbering/schema.ts';
import { callerFor, makeDepartment, makeUser, startHenji, systemCaller, type TestHenji } from '../harness.ts';
import { now } from '../../src/kernel/clock.ts';

/** Stands in for a module's command that numbers its record: issue, then trace the record with the number. */
const numberRecord = defineCommand(
  'test.numbering.numberRecord',
  async (ctx, input: { rule: string; dept: string; subjectId: string; failAfter?: boolean }) => {
    const number = await assignNumber(ctx, { rule: input.rule, dept: input.dept, subject: { type: 'department', id: input.subjectId } });
    await ctx.trace({ action: 'department.update', subjectType: 'department', subjectId: input.subjectId, diff: { number: { after: number } } });
    if (input.failAfter) throw new Error('the rest of the command failed');
    return number;
  },
);

let h: TestHenji;
beforeAll(async () => {
  h = await startHenji();
});
afterAll(async () => h?.close());

const code = () => `N${randomBytes(3).toString('hex').toUpperCase()}`;
const year = () => calendarOf(now()).year;

async function numberFor(dept: { id: string; code: string }, rule = '{DEPT}{YYYY}{SEQ:3}', failAfter = false) {
  return execute(h.db, systemCaller, numberRecord, { rule, dept: dept.code, subjectId: dept.id, failAfter });
}

describe('numbering', () => {
  it('issues {DEPT}{YYYY}{SEQ:3} as the specification says, one sequence per department', async () => {
    const [hr, fin] = [await makeDepartment(h, { code: code() }), await makeDepartment(h, { code: code() })];
    expect(await numberFor(hr)).toBe(`${hr.code}${year()}001`);
    expect(await numberFor(hr)).toBe(`${hr.code}${year()}002`);
    expect(await numberFor(fin)).toBe(`${fin.code}${year()}001`);
  });

  it('takes {DEPT} from a department id as well as from its code', async () => {
    const dept = await makeDepartment(h, { code: code() });
    const byId = defineCommand('test.numbering.byDepartmentId', async (ctx, input: { departmentId: string }) => {
      const number = await assignNumber(ctx, { rule: '{DEPT}/{TYPE}/{SEQ:2}', departmentId: input.departmentId, type: '合同', subject: { type: 'department', id: dept.id } });
      await ctx.trace({ action: 'department.update', subjectType: 'department', subjectId: dept.id, diff: { number: { after: number } } });
      return number;
    });
    expect(await execute(h.db, systemCaller, byId, { departmentId: dept.id })).toBe(`${dept.code}/合同/01`);
  });

  it('50 concurrent issues in one scope give 1 … 50, with neither a gap nor a duplicate', async () => {
    const dept = await makeDepartment(h, { code: code() });
    const numbers = await Promise.all(Array.from({ length: 50 }, () => numberFor(dept, '{DEPT}-{SEQ:4}')));
    const seqs = numbers.map((n) => Number(n.slice(`${dept.code}-`.length))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(numbers).size).toBe(50);
    const [row] = await queryRows<{ n: number; max: number }>(
      h.db,
      sql`select count(*)::int as n, max(seq)::int as max from issued_numbers where scope = ${`${dept.code}-{SEQ:4}`}`,
    );
    expect(row).toEqual({ n: 50, max: 50 });
  });

  it('a rolled-back transaction does not consume its number', async () => {
    const dept = await makeDepartment(h, { code: code() });
    expect(await numberFor(dept)).toBe(`${dept.code}${year()}001`);
    await expect(numberFor(dept, undefined, true)).rejects.toThrow(/the rest of the command failed/);
    expect(await numberFor(dept)).toBe(`${dept.code}${year()}002`);
    expect(await h.db.select().from(issuedNumbers).where(eq(issuedNumbers.subjectId, dept.id))).toHaveLength(2);
  });

  it('a bad rule is refused before anything is issued', async () => {
    const dept = await makeDepartment(h, { code: code() });
    const attempt = numberFor(dept, '{DEPT}{YEAR}{SEQ:3}');
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed', details: { fields: { rule: [{ key: 'numbering.rule_unknown_placeholder' }] } } });
  });

  it('a voided number is recorded, traced on its subject, and never issued again', async () => {
    const dept = await makeDepartment(h, { code: code() });
    const first = await numberFor(dept);
    const admin = (await makeUser(h, { roles: ['admin'] })).actor;
    const voided = await execute(h.db, callerFor(admin), voidNumber, { number: first, reason: '录入错误，重新编号' });
    expect(voided).toMatchObject({ number: first, voidReason: '录入错误，重新编号' });
    expect(voided.voidedAt).toBeInstanceOf(Date);
    const [entry] = await queryRows<{ action: string; subject_id: string; payload: string }>(
      h.db,
      sql`select action, subject_id, payload from ledger_entries where action = 'number.void' and subject_id = ${dept.id}`,
    );
    expect(entry).toMatchObject({ action: 'number.void', subject_id: dept.id });
    expect(JSON.parse(entry!.payload)).toMatchObject({ comment: '录入错误，重新编号', diff: { voidedNumber: { after: first } } });
    expect(await numberFor(dept)).toBe(`${dept.code}${year()}002`);
    await expect(execute(h.db, callerFor(admin), voidNumber, { number: first, reason: '再次作废' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('only whoever may update the subject may void its number; an unknown number is not found', async () => {
    const dept = await makeDepartment(h, { code: code() });
    const number = await numberFor(dept);
    const employee = (await makeUser(h)).actor;
    await expect(execute(h.db, callerFor(employee), voidNumber, { number, reason: '想作废' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(execute(h.db, systemCaller, voidNumber, { number: 'NO-SUCH-1', reason: '不存在' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(execute(h.db, systemCaller, voidNumber, { number, reason: '   ' })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
