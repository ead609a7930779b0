/**
 * Issuing and voiding numbers (K10) inside the caller's transaction.
 *
 * Gap-free under concurrency: the counter row of a scope is taken with `INSERT … ON CONFLICT DO UPDATE … RETURNING`,
 * which locks it until the caller's transaction ends. A second transaction in the same scope waits for the first; if
 * the first rolls back, its increment is undone with it and the waiting one gets the same value. So numbers of one
 * scope are 1, 2, 3 … with neither gaps nor duplicates, at the cost of serialising number-issuing transactions of
 * that one scope (other scopes are unaffected). Callers issue the number late in their command to keep that short.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import type { Ctx } from '../command.ts';
import { conflict, InternalError, invalid, notFound } from '../errors.ts';
import { msg } from '../messages.ts';
import { departments } from '../org/schema.ts';
import { formatNumber, numberSql, parseRule, scopeOf } from './rule.ts';
import { issuedNumbers, type IssuedNumber } from './schema.ts';

/** Numbers follow the calendar of the organisation's offices (year and month of a Beijing-time day). */
export const NUMBERING_TIME_ZONE = 'Asia/Shanghai';

/** Formatters by time zone: making one costs more than formatting with it, and numbering asks on every issue. */
const yearMonthFormats = new Map<string, Intl.DateTimeFormat>();

export function calendarOf(at: Date, timeZone = NUMBERING_TIME_ZONE): { year: number; month: number } {
  let format = yearMonthFormats.get(timeZone);
  if (!format) yearMonthFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' })));
  const parts = format.formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: part('year'), month: part('month') };
}

export interface AssignNumberInput {
  rule: string;
  /** The department code for {DEPT} (such as `HR`). */
  dept?: string | null;
  /** Or the department's id, whose code is then used for {DEPT}; ignored when `dept` is given. */
  departmentId?: string | null;
  /** The kind for {TYPE}. */
  type?: string | null;
  /** What the number is issued for; the issued number belongs to it, and the caller's trace of it records the number. */
  subject: { type: string; id: string };
}

/**
 * Issues the next number of the rule's scope for a subject and returns it. Call it inside the command that creates
 * or advances the subject, and put the number in that command's trace (its diff): the issue is part of that change.
 */
export async function assignNumber(ctx: Ctx, input: AssignNumberInput, options: AssignOptions = {}): Promise<string> {
  const rule = parseRule(input.rule);
  // The department's code is looked up only for a rule that prints it.
  const printsDept = rule.parts.some((p) => p.kind === 'DEPT');
  const dept = input.dept ?? (input.departmentId && printsDept ? await departmentCode(ctx, input.departmentId) : null);
  const values = { dept, type: input.type ?? null, ...calendarOf(ctx.now) };
  const scope = scopeOf(rule, values);
  const alongside = (options.alongside?.(sql`(select number from n)`) ?? []).map((q, i) => sql`, ${sql.raw(`w${i}`)} as (${q})`);
  // One statement from taking the counter to the issued number (and whatever the caller writes with it), so the
  // counter row is held for as little as the rest of the caller's transaction.
  const [row] = await queryRows<{ number: string; seq: string }>(
    ctx.tx,
    sql`with c as (
          insert into number_sequences (scope, next_value) values (${scope}, 2)
          on conflict (scope) do update set next_value = number_sequences.next_value + 1
          returning (next_value - 1) as seq),
        n as (select seq, ${numberSql(rule, values, sql`c.seq`)} as number from c),
        i as (
          insert into issued_numbers (number, scope, seq, subject_type, subject_id, issued_at)
          select number, ${scope}, seq, ${input.subject.type}, ${input.subject.id}, ${ctx.now.toISOString()}::timestamptz from n)
        ${sql.join(alongside, sql``)}
        select number, seq::text as seq from n`,
  );
  const number = formatNumber(rule, { ...values, seq: Number(row!.seq) });
  if (number !== row!.number) throw new InternalError(`number ${row!.number} issued in SQL differs from ${number} of rule ${input.rule}`);
  return number;
}

export interface AssignOptions {
  /**
   * Statements that write the number where it belongs, run in the same statement as the issue: given the number as
   * an SQL expression, they return data-modifying statements (`update … set number = ${number} …`).
   */
  alongside?: (number: SQL) => SQL[];
}

async function departmentCode(ctx: Ctx, departmentId: string): Promise<string | null> {
  const [row] = await ctx.tx.select({ code: departments.code }).from(departments).where(eq(departments.id, departmentId));
  return row?.code ?? null;
}

/** An issued number, or null. */
export async function findIssuedNumber(ctx: Pick<Ctx, 'tx'>, number: string): Promise<IssuedNumber | null> {
  const [row] = await ctx.tx.select().from(issuedNumbers).where(eq(issuedNumbers.number, number));
  return row ?? null;
}

export interface VoidNumberInput {
  number: string;
  reason: string;
}

/**
 * Records that an issued number is void (作废) and traces it on the subject it was issued for. The number stays taken
 * for ever: its row keeps it unique, and the counter never goes back. For callers that have authorised the subject
 * themselves; the `numbering.voidNumber` command authorises first.
 */
export async function voidIssuedNumber(ctx: Ctx, input: VoidNumberInput): Promise<IssuedNumber> {
  const reason = input.reason.trim();
  if (!reason) throw invalid({ reason: msg('numbering.void_reason') });
  const [row] = await ctx.tx.select().from(issuedNumbers).where(eq(issuedNumbers.number, input.number)).for('update');
  if (!row) throw notFound('issued_number');
  if (row.voidedAt) throw conflict(msg('numbering.already_voided', { number: row.number }));
  const [after] = await ctx.tx
    .update(issuedNumbers)
    .set({ voidedAt: ctx.now, voidReason: reason })
    .where(eq(issuedNumbers.number, row.number))
    .returning();
  await ctx.trace({
    action: 'number.void',
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    diff: { voidedNumber: { after: row.number } },
    comment: reason,
  });
  return after!;
}
