/** What the application commands share: checks on the caller and the state, the form, and the one trace per command. */
import { and, eq, inArray } from 'drizzle-orm';
import type { ApplicationStatus } from '@henji/contracts';
import { actorId } from '../../../kernel/actor.ts';
import type { Ctx } from '../../../kernel/command.ts';
import { conflict, forbidden, invalid } from '../../../kernel/errors.ts';
import type { Evidence, FieldChange } from '../../../kernel/ledger/append.ts';
import type { ActionName } from '../../../kernel/ledger/actions.ts';
import { msg, type Message } from '../../../kernel/messages.ts';
import { departments, users } from '../../../kernel/org/schema.ts';
import { checkFormValues, referencesOf } from '../definition/form-values.ts';
import { settleNumbers } from '../engine/flow.ts';
import { currentNodes, flushWrites, type Run } from '../engine/run.ts';

export function userIdOf(ctx: Ctx): string {
  const id = actorId(ctx.actor);
  if (!id) throw forbidden();
  return id;
}

export function requireInitiator(run: Run): void {
  if (actorId(run.ctx.actor) !== run.app.initiatorId) throw forbidden();
}

export function requireStatus(run: Run, ...allowed: ApplicationStatus[]): void {
  if (!allowed.includes(run.app.status)) {
    throw conflict(msg('flow.not_in_state', { status: msg(`flow.status.${run.app.status}`) }));
  }
}

/** Checks a form against the run's definition, including that referenced users and departments exist. */
export async function checkForm(ctx: Ctx, run: Pick<Run, 'def'>, input: Record<string, unknown>, complete: boolean) {
  const { values, problems } = checkFormValues(run.def.form, input, complete);
  const refs = referencesOf(run.def.form, values);
  const fields: Record<string, Message> = { ...problems };
  if (refs.users.size > 0) {
    const found = await ctx.tx.select({ id: users.id }).from(users).where(and(inArray(users.id, [...refs.users]), eq(users.status, 'active')));
    if (found.length !== refs.users.size) fields[firstPathOf(run, 'user')] ??= msg('flow.value_unknown_user');
  }
  if (refs.departments.size > 0) {
    const found = await ctx.tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, [...refs.departments]));
    if (found.length !== refs.departments.size) fields[firstPathOf(run, 'department')] ??= msg('flow.value_unknown_department');
  }
  if (Object.keys(fields).length > 0) throw invalid(fields);
  return { values, files: [...refs.files] };
}

const firstPathOf = (run: Pick<Run, 'def'>, type: 'user' | 'department') => {
  const field = run.def.form.fields.find((f) => f.type === type || (f.type === 'table' && f.columns.some((c) => c.type === type)));
  return field ? `form.${field.key}` : 'form';
};

/** The application's title: the title field's value, else the type's name and the day. */
export function titleOf(run: Pick<Run, 'def' | 'type'>, form: Record<string, unknown>, now: Date): string {
  const value = run.def.titleField ? form[run.def.titleField] : undefined;
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200);
  return `${run.type.name} ${now.toISOString().slice(0, 10)}`;
}

export interface TraceExtras {
  diff?: Record<string, FieldChange>;
  comment?: string | null;
  evidence?: Evidence[];
  /** Status and waiting nodes before the command, to record the transition. */
  before: { status: ApplicationStatus; nodes: string[] };
}

export async function snapshot(run: Run): Promise<TraceExtras['before']> {
  return { status: run.app.status, nodes: await currentNodes(run) };
}

/**
 * The command's one trace entry: what the actor did, the form hash they acted on, how the status and the waiting
 * nodes changed, and what the flow did automatically meanwhile (`route`). Read in order, an application's entries
 * reproduce its history.
 */
export async function traceRun(run: Run, action: ActionName, extras: TraceExtras): Promise<string> {
  await settleNumbers(run);
  await flushWrites(run);
  const nodes = await currentNodes(run);
  const diff: Record<string, FieldChange> = { ...extras.diff, formHash: { after: run.app.formHash } };
  if (extras.before.status !== run.app.status) diff.status = { before: extras.before.status, after: run.app.status };
  if (extras.before.nodes.join() !== nodes.join()) diff.nodes = { before: extras.before.nodes, after: nodes };
  if (run.log.length > 0) diff.route = { after: run.log };
  return run.ctx.trace({
    action,
    subjectType: 'application',
    subjectId: run.app.id,
    diff,
    comment: extras.comment ?? null,
    ...(extras.evidence && extras.evidence.length > 0 ? { evidence: extras.evidence } : {}),
  });
}
