/**
 * 拆分采购预警: a purchase under a threshold from an applicant who bought from the same supplier within the last
 * days, adding up past the threshold, is flagged to its approvers — the policy's limits cannot be dodged by splitting
 * one order into several small ones. Computed at submission and resubmission and kept on the application.
 */
import { and, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { ApplicationFlag } from '@henji/contracts';
import { applications } from '../schema.ts';
import { saveApp, type Run } from './run.ts';

const DAY_MS = 86_400_000;

const amountOf = (form: Record<string, unknown>, key: string) => {
  const v = form[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};

export async function checkSplitPurchase(run: Run): Promise<void> {
  const check = run.def.splitCheck;
  if (!check) return;
  const value = typeof run.app.form[check.field] === 'string' ? (run.app.form[check.field] as string).trim() : '';
  const amount = amountOf(run.app.form, check.amountField);
  let flags: ApplicationFlag[] = [];
  if (value !== '' && amount < check.threshold) {
    const since = new Date(run.ctx.now.getTime() - check.days * DAY_MS);
    const others = await run.ctx.tx
      .select({ id: applications.id, title: applications.title, number: applications.number, form: applications.form, submittedAt: applications.submittedAt })
      .from(applications)
      .where(
        and(
          eq(applications.typeId, run.app.typeId),
          eq(applications.initiatorId, run.app.initiatorId),
          ne(applications.id, run.app.id),
          inArray(applications.status, ['running', 'returned', 'approved']),
          gte(applications.submittedAt, since),
          sql`lower(trim(${applications.form}->>${check.field})) = lower(${value})`,
        ),
      )
      .orderBy(applications.submittedAt)
      .limit(50);
    const total = others.reduce((sum, o) => sum + amountOf(o.form, check.amountField), amount);
    if (others.length > 0 && total >= check.threshold) {
      flags = [
        {
          kind: 'split_purchase',
          field: check.field,
          value,
          days: check.days,
          threshold: check.threshold,
          total: Math.round(total * 100) / 100,
          others: others.map((o) => ({ id: o.id, title: o.title, number: o.number, amount: amountOf(o.form, check.amountField), submittedAt: o.submittedAt!.toISOString() })),
        },
      ];
      run.log.push(`flag:split_purchase:${others.length}`);
    }
  }
  if (flags.length > 0 || run.app.flags.length > 0) await saveApp(run, { flags });
}
